/**
 * The renderer's only way out: the core's RPC API, through whichever host serves
 * this page (src/shared/rpc/host.ts decides):
 * - the Electron shell, whose preload exposes `window.ioffice` (the port to the
 *   core) and serves files at ioffice-file://<sha256>;
 * - the web host on 127.0.0.1, with the RPC WebSocket at /rpc and files at /files/<sha256>.
 */
import { RpcClient } from '../../shared/rpc/client.js';
import { connectToHost, fetchAppInfo, onAppInfo, onAppOpen, type AppInfo, type HostGlobals, type IofficeBridge } from '../../shared/rpc/host.js';

declare global {
  interface Window {
    ioffice?: IofficeBridge;
  }
}

export type { AppInfo };

export interface Connection {
  rpc: RpcClient;
  host: 'electron' | 'web';
  /** The URL the page fetches a cached file from (after files.open). */
  fileUrl(sha256: string): string;
  /** Resolves when the channel to the core is gone for good (web host stopped). */
  closed: Promise<unknown>;
}

export function connect(): Connection {
  const h = connectToHost(window);
  const rpc = new RpcClient(h.transport, { timeoutMs: null });
  return { rpc, host: h.kind, fileUrl: h.fileUrl, closed: h.closed };
}

/** The host's `app.info` (version, demo agency), or null from a host that does not answer it. */
export async function appInfo(rpc: RpcClient): Promise<AppInfo | null> {
  try {
    return await fetchAppInfo(rpc);
  } catch {
    return null;
  }
}

export { onAppInfo, onAppOpen };
