/**
 * The demo agency in its own process: the Electron shell forks this as a
 * utilityProcess so seeding (a minute of PDF rendering, the first time) and PGlite
 * never run on the main thread. Also runs under child_process.fork.
 *
 *   args: --data-dir DIR [--documents N]
 *   → { kind: 'demo-status', status: DemoStatus } on every change
 *   ← { kind: 'demo-stop' } closes it and exits
 */
import { parseArgs } from 'node:util';
import { DemoAgency } from './demo.js';

interface Port {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (ev: { data: unknown }) => void): unknown;
}
const parentPort = (process as unknown as { parentPort?: Port }).parentPort;
const post = (m: unknown): void => {
  if (parentPort) parentPort.postMessage(m);
  else if (process.send) process.send(m);
};

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, documents: { type: 'string' } }, strict: true });
if (!values['data-dir']) {
  console.error('demo agency: --data-dir is required');
  process.exit(2);
}

const demo = new DemoAgency({
  dataDir: values['data-dir'],
  documents: values.documents ? Number(values.documents) : 2000,
  log: (m) => console.log(m),
  onStatus: (status) => post({ kind: 'demo-status', status }),
});

const stop = async (): Promise<void> => {
  await demo.close().catch(() => {});
  process.exit(0);
};
const onMessage = (data: unknown): void => {
  if ((data as { kind?: unknown } | null)?.kind === 'demo-stop') void stop();
};
if (parentPort) parentPort.on('message', (ev) => onMessage(ev.data));
else process.on('message', onMessage);
process.on('disconnect', () => void stop());
process.on('SIGTERM', () => void stop());

demo.start().catch(() => {
  // The failure is in the status already; stay up so the shell can show it.
});
