/**
 * The renderer's only way out: the core's RPC API. Two hosts can serve this page:
 * - the Electron shell, whose preload exposes `window.ioffice` (postMessage/onMessage
 *   on the port to the core) and serves files at ioffice-file://<sha256>;
 * - the web host on 127.0.0.1, with the RPC WebSocket at /rpc and files at /files/<sha256>.
 */
import { RpcClient, RpcError } from '../../shared/rpc/client.js';
import type { RpcTransport } from '../../shared/rpc/contract.js';
import { webSocketTransport } from './wsTransport.js';

/** What the Electron preload exposes (contextBridge). */
export interface IofficeBridge {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): (() => void) | void;
}

declare global {
  interface Window {
    ioffice?: IofficeBridge;
  }
}

export type HostKind = 'electron' | 'web';

export interface AppInfo {
  version: string;
  host: string;
  demoServerUrl: string | null;
}

export interface Connection {
  rpc: RpcClient;
  host: HostKind;
  /** The URL the page fetches a cached file from (after files.open). */
  fileUrl(sha256: string): string;
  /** Resolves when the channel to the core is gone for good. */
  closed: Promise<void>;
}

function bridgeTransport(bridge: IofficeBridge): RpcTransport {
  return {
    postMessage: (m) => bridge.postMessage(m),
    onMessage(listener) {
      const off = bridge.onMessage(listener);
      return typeof off === 'function' ? off : () => {};
    },
  };
}

export async function connect(): Promise<Connection> {
  if (window.ioffice) {
    const rpc = new RpcClient(bridgeTransport(window.ioffice), { timeoutMs: null });
    return { rpc, host: 'electron', fileUrl: (sha) => `ioffice-file://${sha}`, closed: new Promise<void>(() => {}) };
  }
  const { transport, closed } = await webSocketTransport();
  const rpc = new RpcClient(transport, { timeoutMs: null });
  return { rpc, host: 'web', fileUrl: (sha) => new URL(`files/${sha}`, document.baseURI).href, closed };
}

/**
 * `app.info` (version, host, demo server) is added by the hosts; until every host
 * has it the sign-in screen works without (no demo option).
 */
export async function appInfo(rpc: RpcClient): Promise<AppInfo | null> {
  try {
    const call = rpc.call.bind(rpc) as unknown as (method: string, params: object) => Promise<unknown>;
    const r = (await call('app.info', {})) as Partial<AppInfo> | null;
    if (!r || typeof r !== 'object') return null;
    return { version: String(r.version ?? ''), host: String(r.host ?? ''), demoServerUrl: typeof r.demoServerUrl === 'string' ? r.demoServerUrl : null };
  } catch {
    return null;
  }
}

export { RpcError };
