/**
 * The web host: the built renderer and the core, served to a browser on
 * 127.0.0.1 only (see docs/hosts.md).
 *
 *   GET /?token=T        the one-time token → session cookie, 303 to /; spent after
 *   GET /…               the renderer (dist/renderer), with the CSP and security headers
 *   GET /files/<sha256>  a cached file through the core's files.open, with Range
 *   WS  /rpc             the core's RPC (JSON, bytes marked), plus the host's app.info
 *
 * Everything but the token URL needs the session cookie, a Host naming this host,
 * and (WebSocket) an Origin equal to this host's own.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { Readable } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RpcClient } from '../../shared/rpc/client.js';
import type { RpcTransport } from '../../shared/rpc/contract.js';
import { APP_INFO_EVENT, type AppInfo } from '../../shared/rpc/host.js';
import { serveLocalMethods } from '../../shared/rpc/local.js';
import { HostAccess, isAllowedHost, isAllowedOrigin, parseCookies, sessionCookie, sessionCookieName } from './policy/access.js';
import { contentSecurityPolicy, securityHeaders } from './policy/csp.js';
import { forbiddenPage, misdirectedPage } from './policy/pages.js';
import { htmlResponse, serveFile, serveStatic, textResponse } from './respond.js';
import { servedAs } from './policy/mime.js';
import { serverWebSocketTransport } from './wsTransport.js';

/** The only interface the web host listens on. Not an option. */
export const WEB_HOST_ADDRESS = '127.0.0.1';

export interface WebHostOptions {
  /** Attach one page's connection to the core (core.attach); returns the detach function. */
  attach(transport: RpcTransport): () => void;
  /** The host's own client of the core (files.open for /files/). */
  rpc: RpcClient;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  appInfo(): AppInfo | Promise<AppInfo>;
  log?: (message: string) => void;
  /** Largest WebSocket message (files.add carries a PDF of up to 50 MB, base64). */
  maxMessageBytes?: number;
}

export interface WebHost {
  url: string;
  port: number;
  /** The URL to open, with the one-time token, while it is unspent (else null). */
  loginUrl(): string | null;
  /** A fresh one-time URL (the old token is spent or forgotten). */
  newLoginUrl(): string;
  /** Push the current app.info to every open page (an `app.info` event). */
  appInfoChanged(): Promise<void>;
  server: http.Server;
  close(): Promise<void>;
}

const SHA_RE = /^[0-9a-f]{64}$/u;

/** HTTP status for a core error on /files/. */
function statusOfCoreError(code: string | undefined): number {
  switch (code) {
    case 'not_signed_in':
    case 'unauthenticated':
      return 401;
    case 'not_found':
    case 'document_not_found':
    case 'content_withheld':
    case 'file_withheld':
    case 'forbidden':
      return 404;
    case 'validation_failed':
      return 400;
    case 'server_unreachable':
      return 503;
    default:
      return 502;
  }
}

async function send(res: http.ServerResponse, response: Response, method: string): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body || method === 'HEAD') {
    await response.body?.cancel();
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body);
  body.on('error', () => res.destroy());
  res.on('close', () => body.destroy());
  body.pipe(res);
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
  socket.destroy();
}

export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const log = o.log ?? (() => {});
  const access = new HostAccess();
  const pages = new Set<RpcTransport>();
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxMessageBytes ?? 80 * 1024 * 1024 });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: WEB_HOST_ADDRESS, port: o.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('web host: no address');
  const port = address.port;
  const url = `http://${WEB_HOST_ADDRESS}:${port}`;
  const cookieName = sessionCookieName(port);
  const csp = contentSecurityPolicy({ connectSrc: [`ws://${WEB_HOST_ADDRESS}:${port}`, `ws://localhost:${port}`] });
  const headers = securityHeaders(csp);

  const handle = async (req: http.IncomingMessage): Promise<Response> => {
    const rawUrl = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (!isAllowedHost(req.headers.host, port)) return htmlResponse(421, misdirectedPage(), headers);
    const q = rawUrl.indexOf('?');
    const rawPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : '');
    const authed = access.isSession(parseCookies(req.headers.cookie).get(cookieName));

    if (rawPath === '/' && query.has('token')) {
      const session = access.redeem(query.get('token'));
      if (session) {
        log('web host: the one-time link was used; this browser now has the session.');
        return new Response(null, { status: 303, headers: { ...headers, Location: '/', 'Set-Cookie': sessionCookie(cookieName, session), 'Cache-Control': 'no-store' } });
      }
      if (authed) return new Response(null, { status: 303, headers: { ...headers, Location: '/', 'Cache-Control': 'no-store' } });
      return htmlResponse(403, forbiddenPage(), headers);
    }
    if (!authed) return htmlResponse(403, forbiddenPage(), headers);

    if (rawPath.startsWith('/files/')) {
      const sha256 = rawPath.slice('/files/'.length);
      if (!SHA_RE.test(sha256)) return textResponse(400, 'Bad Request', headers);
      if (method !== 'GET' && method !== 'HEAD') return textResponse(405, 'Method Not Allowed', { ...headers, Allow: 'GET, HEAD' });
      let opened: { path: string; size: number; mime?: string | undefined; name?: string | undefined; sealed: boolean };
      try {
        opened = await o.rpc.call('files.open', { sha256 });
      } catch (err) {
        const code = (err as { code?: string }).code;
        return textResponse(statusOfCoreError(code), code ?? 'error', headers);
      }
      // A secret document's file is sealed on disk: the core decrypts the ranges asked for.
      const sealed = opened.sealed ? { size: opened.size, read: async (start: number, end: number) => (await o.rpc.call('files.read', { sha256, start, end })).bytes } : undefined;
      return serveFile({ path: opened.path, ...(sealed ? { sealed } : {}), method, range: req.headers.range ?? null, headers: { ...headers, 'Cross-Origin-Resource-Policy': 'same-origin' }, ...servedAs(opened) });
    }
    if (rawPath === '/rpc') return textResponse(426, 'Upgrade Required', { ...headers, Upgrade: 'websocket' });
    return serveStatic({ root: o.rendererDir, method, rawPath, headers });
  };

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req)
      .then((response) => send(res, response, req.method ?? 'GET'))
      .catch((err: unknown) => {
        log(`web host: ${req.method} ${req.url} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
        res.end();
      });
  });

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const rawPath = (req.url ?? '').split('?')[0];
    if (rawPath !== '/rpc') return refuseUpgrade(socket, 404, 'Not Found');
    if (!isAllowedHost(req.headers.host, port)) return refuseUpgrade(socket, 421, 'Misdirected Request');
    if (!isAllowedOrigin(req.headers.origin, req.headers.host, port)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!access.isSession(parseCookies(req.headers.cookie).get(cookieName))) return refuseUpgrade(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const transport = serverWebSocketTransport(ws, log);
      const detach = o.attach(serveLocalMethods(transport, { 'app.info': () => o.appInfo() }));
      pages.add(transport);
      ws.on('close', () => {
        pages.delete(transport);
        detach();
      });
      ws.on('error', () => ws.terminate());
    });
  });

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    server,
    loginUrl: () => (access.pendingToken ? `${url}/?token=${access.pendingToken}` : null),
    newLoginUrl: () => `${url}/?token=${access.reissue()}`,
    async appInfoChanged() {
      if (pages.size === 0) return;
      const payload = await o.appInfo();
      for (const p of pages) p.postMessage({ kind: 'event', name: APP_INFO_EVENT, payload });
    },
    close() {
      closing ??= (async () => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
