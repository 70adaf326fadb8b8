/**
 * `npm run build:main`: compile the Node/Electron side to dist/main with tsc
 * (tsconfig.main.json) and copy the files tsc does not (the server's SQL
 * migrations, read at run time next to migrate.js). The Electron entry is then
 * dist/main/main/shell/main.js (package.json "main"), the preload
 * dist/main/main/shell/preload.cjs, the core's entry (utility process or fork)
 * dist/main/main/core/process.js.
 *
 *   build-main [--out DIR]    (tests build into a temp folder)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ASSET_RE = /\.(sql)$/u;

function* assets(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* assets(p);
    else if (ASSET_RE.test(name)) yield p;
  }
}

export function buildMain(outDir = join(ROOT, 'dist', 'main')): void {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.main.json'), '--outDir', outDir], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`tsc failed (exit ${r.status})`);
  const src = join(ROOT, 'src');
  for (const file of assets(src)) cpSync(file, join(outDir, relative(src, file)));
  for (const must of ['main/shell/main.js', 'main/shell/preload.cjs', 'main/core/process.js', 'main/web/demoProcess.js'])
    if (!existsSync(join(outDir, must))) throw new Error(`build-main: ${must} is missing from the output`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
  try {
    buildMain(values.out ? resolve(values.out) : undefined);
    console.log(`build-main: ok → ${relative(process.cwd(), values.out ? resolve(values.out) : join(ROOT, 'dist', 'main')) || '.'}`);
  } catch (err) {
    console.error(`build-main: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
