import path from 'node:path';
import type { RpcEvent, RpcEventPayload, RpcTransport } from '../../shared/rpc/contract.js';
import { CoreService } from './api/service.js';
import { coreAppVersion } from './appVersion.js';
import { RpcServer, type MethodHandlers } from './rpc/server.js';
import { FileSecretStore, type SecretStore } from './session/secretStore.js';
import type { SyncOptions } from './sync/engine.js';
import type { FetchLike } from './sync/http.js';
import type { MailEngineOptions } from './mail/engine.js';

export interface CoreOptions {
  /** Where the session and the per-user caches live. */
  dataDir: string;
  /** Defaults to a 0600 JSON file in dataDir; the Electron shell passes one backed by safeStorage. */
  secretStore?: SecretStore;
  now?: () => Date;
  fetch?: FetchLike;
  sync?: SyncOptions;
  /** Mail engine tuning (tests, benchmarks). */
  mail?: MailEngineOptions;
  log?: (message: string, err?: unknown) => void;
  /** This build's version (package.json by default); tests pass another to play an update. */
  appVersion?: string;
}

export interface Core {
  /** Serve the RPC API on a transport (a window); returns the detach function. Events go to every attached transport. */
  attach(transport: RpcTransport): () => void;
  /** Resolves once a remembered session has been resumed (or found absent). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** The core: plain Node, no Electron. Whoever starts it gives it a data folder and transports. */
export function createCore(opts: CoreOptions): Core {
  const dataDir = path.resolve(opts.dataDir);
  let server: RpcServer | null = null;
  const service = new CoreService({
    dataDir,
    secretStore: opts.secretStore ?? new FileSecretStore(path.join(dataDir, 'session.json')),
    now: opts.now ?? (() => new Date()),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.sync ? { sync: opts.sync } : {}),
    ...(opts.mail ? { mail: opts.mail } : {}),
    emit: (name, payload) => server?.emit(name, payload as RpcEventPayload<RpcEvent>),
    appVersion: opts.appVersion ?? coreAppVersion(),
    log: (message) => (opts.log ?? console.warn)(message),
  });
  const ready = service.resume().catch((err: unknown) => {
    (opts.log ?? console.error)('could not resume the remembered session', err);
  });
  server = new RpcServer(service.handlers, { ready, ...(opts.log ? { log: opts.log } : {}) });
  let closed: Promise<void> | null = null;
  return {
    attach: (t) => (server).attach(t),
    ready,
    close() {
      closed ??= (async () => {
        await ready;
        await service.shutdown();
        server?.detachAll();
      })();
      return closed;
    },
  };
}
