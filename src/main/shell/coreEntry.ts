/**
 * The core's entry under Electron's utilityProcess, when the shell keeps the
 * session with safeStorage. It is src/main/core/process.ts plus one thing that
 * file cannot do yet: take its SecretStore from the main process over the parent
 * port (`--secrets parent`, see secretChannel.ts), because safeStorage exists only
 * in main. With `--secrets file` it is exactly process.ts (the core's 0600 file).
 * Runs in the utility process: no electron import (process.parentPort is a global there).
 *
 * When the core's own entry learns `--secrets parent`, the shell should fork that
 * and this file can go (docs/hosts.md, "Open points").
 */
import { parseArgs } from 'node:util';
import { createCore } from '../core/core.js';
import { electronPortTransport, type ElectronPortLike } from '../core/rpc/transports.js';
import { ParentSecretStore } from './secretChannel.js';

const parentPort = (process as unknown as { parentPort?: ElectronPortLike }).parentPort;
if (!parentPort) {
  console.error('iOffice core (shell entry): start me as an Electron utilityProcess');
  process.exit(2);
}

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, secrets: { type: 'string', default: 'file' } }, strict: true });
const dataDir = values['data-dir'] ?? process.env.IOFFICE_DATA_DIR;
if (!dataDir) {
  console.error('iOffice core: give the data folder with --data-dir');
  process.exit(2);
}

const secretStore =
  values.secrets === 'parent'
    ? new ParentSecretStore({ postMessage: (m) => parentPort.postMessage(m), onMessage: (l) => void parentPort.on('message', (ev) => l(ev.data)) })
    : undefined;

const core = createCore({ dataDir, ...(secretStore ? { secretStore } : {}) });
core.attach(electronPortTransport(parentPort));
parentPort.on('message', (ev) => {
  const data = ev.data as { kind?: unknown } | null;
  const port = ev.ports?.[0] as ElectronPortLike | undefined;
  if (data?.kind === 'attach-port' && port) {
    const detach = core.attach(electronPortTransport(port));
    port.on('close', () => detach());
  }
});

let stopping = false;
const shutdown = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  try {
    await core.close();
  } finally {
    process.exit(0);
  }
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
