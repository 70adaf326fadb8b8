import { z } from 'zod';
import type { RpcClient } from './client.js';
import type { RpcTransport } from './contract.js';
import { withLocalMethods } from './local.js';
import { webSocketTransport, type WebSocketLike, type WebSocketTransport } from './webSocket.js';

/**
 * What the renderer needs to know about the host it runs in (the Electron shell
 * or the web host), and how it reaches the core from either.
 *
 * `app.info` is answered by the HOST, never by the core (which stays
 * host-agnostic): the web host answers it on the WebSocket, and in Electron the
 * preload's `appInfo()` answers it (see connectToHost). It is deliberately not in
 * the core's RPC contract (`RPC`), so call it with `fetchAppInfo(rpc)`.
 */

const Localized = z.object({ vi: z.string(), en: z.string() });

export const DemoState = z.enum(['off', 'starting', 'ready', 'failed']);
export type DemoState = z.infer<typeof DemoState>;

export const DemoInfo = z.object({
  /** off: not running (an agency server is configured); starting: seeding or opening; ready: `url` answers. */
  state: DemoState,
  url: z.string().nullable(),
  /** The user asked to go straight to the demo (`--demo`): the sign-in screen opens on it. */
  preferred: z.boolean(),
  /** While seeding the first time (about a minute): documents done / total. */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** Accounts to offer on the sign-in screen; every one has `password`. */
  accounts: z.array(z.object({ username: z.string(), label: Localized })),
  password: z.string().nullable(),
  error: Localized.nullable(),
});
export type DemoInfo = z.infer<typeof DemoInfo>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  platform: z.string(),
  /** An agency server configured for this installation (`--server` / IOFFICE_SERVER_URL), to prefill sign-in. */
  serverUrl: z.string().nullable(),
  /** The bundled demo agency ("Cơ quan mẫu (đào tạo)") when it is running, else null. */
  demoServerUrl: z.string().nullable(),
  demo: DemoInfo,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const HOST_METHODS = {
  'app.info': { params: z.object({}), result: AppInfo },
} as const;

/**
 * The host also PUSHES the info when it changes (the demo agency finished seeding,
 * or failed) as an RPC event named `app.info` on the same channel as the core's
 * events: subscribe with onAppInfo instead of polling.
 */
export const APP_INFO_EVENT = 'app.info';

export function onAppInfo(rpc: RpcClient, listener: (info: AppInfo) => void): () => void {
  const on = rpc.on as unknown as (this: RpcClient, event: string, cb: (payload: unknown) => void) => () => void;
  return on.call(rpc, APP_INFO_EVENT, (payload) => {
    const parsed = AppInfo.safeParse(payload);
    if (parsed.success) listener(parsed.data);
  });
}

/**
 * The host asks the page to show a record (a click on a desktop notification), as an
 * RPC event `app.open` beside the core's events: `{ documentId }` for an incoming
 * document (as from the start), `{ kind: 'tasks', id }` for a task, `{ kind: 'schedule', id }`
 * for an entry of the weekly schedule. The id is checked
 * here: the event comes from the host, but a page must never navigate on malformed input.
 */
export const APP_OPEN_EVENT = 'app.open';
const AppOpen = z.union([
  z.object({ documentId: z.uuid() }).transform((p) => ({ kind: 'incoming' as const, id: p.documentId })),
  z.object({ kind: z.literal('tasks'), id: z.uuid() }),
  z.object({ kind: z.literal('schedule'), id: z.uuid() }),
]);
export type AppOpenTarget = z.output<typeof AppOpen>;

export function onAppOpen(rpc: RpcClient, listener: (target: AppOpenTarget) => void): () => void {
  const on = rpc.on as unknown as (this: RpcClient, event: string, cb: (payload: unknown) => void) => () => void;
  return on.call(rpc, APP_OPEN_EVENT, (payload) => {
    const parsed = AppOpen.safeParse(payload);
    if (parsed.success) listener(parsed.data);
  });
}

/** Ask the host (not the core) about itself; works on any RpcClient built from connectToHost or the web host. */
export async function fetchAppInfo(rpc: RpcClient): Promise<AppInfo> {
  const call = rpc.call as unknown as (this: RpcClient, method: string, params: unknown) => Promise<unknown>;
  return AppInfo.parse(await call.call(rpc, 'app.info', {}));
}

/**
 * `window.ioffice`, exposed by the Electron preload (src/main/shell/preload.cts)
 * and nothing else: the port to the core, the app info, and opening an http(s)
 * link in the system browser after the user confirms.
 */
export interface IofficeBridge {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
  appInfo(): Promise<AppInfo>;
  /** Resolves true when the link was opened (the user confirmed and it was http/https). */
  openExternal(url: string): Promise<boolean>;
}

/** The scheme of files in Electron: `ioffice-file://<sha256>`; the web host serves `/files/<sha256>`. */
export const ELECTRON_FILE_SCHEME = 'ioffice-file';
export const WEB_FILES_PATH = '/files/';

const SHA256_RE = /^[0-9a-f]{64}$/u;

export interface HostConnection {
  kind: 'electron' | 'web';
  /** Give it to `new RpcClient(...)`. */
  transport: RpcTransport;
  /** Where the renderer loads a cached file from (PDF viewer, download link); the core must know the file. */
  fileUrl(sha256: string): string;
  /** Open an http(s) link outside the app; resolves false when refused or not confirmed. */
  openExternal(url: string): Promise<boolean>;
  /** Web host only: resolves when the socket closes (show "reload"). Never resolves in Electron. */
  closed: Promise<{ code: number; reason: string }>;
}

/** The page's globals connectToHost looks at (pass `window`). */
export interface HostGlobals {
  ioffice?: IofficeBridge;
  location?: { protocol: string; host: string };
  WebSocket?: new (url: string) => WebSocketLike;
  open?: (url: string, target: string, features: string) => unknown;
  confirm?: (message: string) => boolean;
}

function checkSha(sha256: string): string {
  if (!SHA256_RE.test(sha256)) throw new Error('fileUrl: not a SHA-256 hex digest');
  return sha256;
}

/** Only plain http(s) links leave the app. */
export function isExternalLink(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** The renderer's one entry point: Electron when the preload exposed `window.ioffice`, the web host's WebSocket otherwise. */
export function connectToHost(g: HostGlobals): HostConnection {
  if (g.ioffice) {
    const bridge = g.ioffice;
    return {
      kind: 'electron',
      transport: withLocalMethods({ postMessage: (m) => bridge.postMessage(m), onMessage: (l) => bridge.onMessage(l) }, { 'app.info': () => bridge.appInfo() }),
      fileUrl: (sha) => `${ELECTRON_FILE_SCHEME}://${checkSha(sha)}`,
      openExternal: (url) => bridge.openExternal(url),
      closed: new Promise(() => {}),
    };
  }
  if (!g.location || !g.WebSocket) throw new Error('iOffice: neither the desktop bridge nor a WebSocket is available');
  const scheme = g.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws: WebSocketTransport = webSocketTransport(new g.WebSocket(`${scheme}//${g.location.host}/rpc`));
  return {
    kind: 'web',
    transport: ws,
    fileUrl: (sha) => `${WEB_FILES_PATH}${checkSha(sha)}`,
    async openExternal(url) {
      if (!isExternalLink(url)) return false;
      if (g.confirm && !g.confirm(`Mở liên kết ngoài trong trình duyệt?\n(Open this external link?)\n\n${url}`)) return false;
      g.open?.(url, '_blank', 'noopener,noreferrer');
      return true;
    },
    closed: ws.closed,
  };
}
