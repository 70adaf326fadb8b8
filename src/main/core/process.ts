/**
 * Entry point when the core runs as its own process:
 *  - under Electron's utilityProcess (`process.parentPort`): the parent port is a
 *    transport, and each `{ kind: 'attach-port' }` message hands over a window's port;
 *  - as a Node child (child_process.fork with serialization 'advanced'): the IPC
 *    channel is the transport, and the core exits when the parent goes away.
 * Data folder: --data-dir <dir> or IOFFICE_DATA_DIR.
 * Secrets (the session token, the mail password): `--secrets file` (default) keeps
 * them in the core's own 0600 file; `--secrets parent` asks the parent over the
 * parent port (the Electron shell, which keeps them with safeStorage: secretChannel.ts).
 */
import { parseArgs } from 'node:util';
import { createCore } from './core.js';
import { electronPortTransport, processTransport, type ElectronPortLike } from './rpc/transports.js';
import { ParentSecretStore } from './session/secretChannel.js';
import type { SyncOptions } from './sync/engine.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'retry-base-ms': { type: 'string' },
    'retry-max-ms': { type: 'string' },
    'poll-ms': { type: 'string' },
    'pull-limit': { type: 'string' },
    'push-batch': { type: 'string' },
    'no-prefetch': { type: 'boolean' },
    secrets: { type: 'string', default: 'file' },
  },
  strict: true,
});

const dataDir = values['data-dir'] ?? process.env.IOFFICE_DATA_DIR;
if (!dataDir) {
  console.error('iOffice core: give the data folder with --data-dir or IOFFICE_DATA_DIR');
  process.exit(2);
}

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const sync: SyncOptions = {};
for (const [key, flag] of [
  ['retryBaseMs', 'retry-base-ms'],
  ['retryMaxMs', 'retry-max-ms'],
  ['pollMs', 'poll-ms'],
  ['pullLimit', 'pull-limit'],
  ['pushBatch', 'push-batch'],
] as const) {
  const v = num(values[flag]);
  if (v !== undefined && Number.isFinite(v)) sync[key] = v;
}
if (values['no-prefetch']) sync.prefetch = false;

const parentPort = (process as unknown as { parentPort?: ElectronPortLike }).parentPort;
if (values.secrets !== 'file' && !(values.secrets === 'parent' && parentPort)) {
  console.error('iOffice core: --secrets is "file", or "parent" under an Electron utilityProcess');
  process.exit(2);
}
const secretStore =
  values.secrets === 'parent' && parentPort
    ? new ParentSecretStore({ postMessage: (m) => parentPort.postMessage(m), onMessage: (l) => void parentPort.on('message', (ev) => l(ev.data)) })
    : undefined;

const core = createCore({ dataDir, sync, ...(secretStore ? { secretStore } : {}) });

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await core.close();
  } finally {
    process.exit(code);
  }
}

if (parentPort) {
  core.attach(electronPortTransport(parentPort));
  parentPort.on('message', (ev) => {
    const data = ev.data as { kind?: unknown } | null;
    const port = ev.ports?.[0] as ElectronPortLike | undefined;
    if (data?.kind === 'attach-port' && port) {
      const detach = core.attach(electronPortTransport(port));
      port.on('close', () => detach());
    }
  });
} else if (process.send) {
  core.attach(processTransport());
  process.on('disconnect', () => void shutdown(0));
} else {
  console.error('iOffice core: start me with child_process.fork or as an Electron utilityProcess');
  process.exit(2);
}

process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
