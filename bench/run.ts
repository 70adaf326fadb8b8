/**
 * `npm run bench [-- name…]` — runs the benchmarks (all, or those named) and
 * prints one table. Not part of the test suite; results go to docs/benchmarks.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCacheCipher } from './cacheCipher.js';
import { benchMail } from './mail.js';
import { benchOutgoing } from './outgoing.js';
import { benchPdf } from './pdf.js';
import { benchSchedule } from './schedule.js';
import { benchServerPulls } from './serverPulls.js';
import { benchSigning } from './signing.js';
import { benchIncremental, benchInitialSync } from './sync.js';
import { benchDashboard, benchSyncTasks } from './tasks.js';
import { benchSignOut, benchUi } from './ui.js';
import { benchUiSchedule } from './uiSchedule.js';
import { benchUiTasks } from './uiTasks.js';
import { machine, printTable } from './lib.js';

const BENCHES: Record<string, () => Promise<void>> = {
  'sync-initial': benchInitialSync,
  'sync-tasks': benchSyncTasks,
  'sync-incremental': benchIncremental,
  'cache-cipher': benchCacheCipher,
  'server-pulls': benchServerPulls,
  'seed-pdf': benchPdf,
  ui: benchUi,
  'ui-signout': benchSignOut,
  'ui-tasks': benchUiTasks,
  dashboard: benchDashboard,
  mail: benchMail,
  schedule: benchSchedule,
  'ui-schedule': benchUiSchedule,
  signing: benchSigning,
  outgoing: benchOutgoing,
};

// Every temporary folder of the run (servers, caches of 100,000 documents, browser
// profiles) in one folder, removed at the end: benchmarks must not fill the disk.
const runTmp = mkdtempSync(join(tmpdir(), 'ioffice-bench-run-'));
process.env.TMPDIR = runTmp;

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
for (const n of names) {
  const fn = BENCHES[n];
  if (!fn) {
    console.error(`unknown benchmark ${n}; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  console.error(`▸ ${n}…`);
  try {
    await fn();
  } catch (err) {
    console.error(`  ${n} failed:`, err);
    process.exitCode = 1;
  }
}
console.log(`\nMachine: ${machine()}\n`);
printTable();
rmSync(runTmp, { recursive: true, force: true });
process.exit(process.exitCode ?? 0);
