/**
 * The web host against the real core and the real reference server: the one-time
 * token, the cookie-guarded WebSocket speaking the core's RPC, files with Range,
 * static files that never leave the renderer folder, the headers, loopback only.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core.js';
import { startWebHost, type WebHost } from '../../src/main/web/server.js';
import { buildAppInfo, DEMO_OFF } from '../../src/main/web/policy/demo.js';
import { parseCsp } from '../../src/main/web/policy/csp.js';
import { RpcClient } from '../../src/shared/rpc/client.js';
import { fetchAppInfo, onAppInfo } from '../../src/shared/rpc/host.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import { webSocketTransport, type WebSocketLike } from '../../src/shared/rpc/webSocket.js';
import { login, makePdf, PushClient, sha256, uploadPdf } from '../helpers/api.js';
import { FAST_SYNC, eventually, tempDir } from '../helpers/core.js';
import { FIXTURE_PASSWORD } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request with the path exactly as given (fetch would normalise ../ away). */
function raw(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What a refused WebSocket handshake answered (status), or 'open'. */
function tryWebSocket(url: string, headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(0));
  });
}

describe('the web host', () => {
  let server: TestServer;
  let core: Core;
  let hostRpc: RpcClient;
  let host: WebHost;
  let rendererDir: string;
  let pdf: Uint8Array;
  let pdfSha: string;
  let cookie: string;
  const pages: RpcClient[] = [];

  /** A page's RPC client over the WebSocket, through the shared browser-side adapter. */
  async function page(): Promise<RpcClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, { headers: { cookie, origin: `http://127.0.0.1:${host.port}` } });
    const rpc = new RpcClient(webSocketTransport(ws), { timeoutMs: 30_000 });
    pages.push(rpc);
    return rpc;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const clerkToken = await login(server.url, 'vanthu');
    pdf = makePdf('Tai lieu cho web host');
    pdfSha = sha256(pdf);
    const ref = await uploadPdf(server.url, clerkToken, pdf);
    await new PushClient(server.url, clerkToken).register({ subject: 'Về việc thử nghiệm máy chủ web nội bộ' }, [ref]);

    const base = mkdtempSync(join(tmpdir(), 'ioffice-web-'));
    rendererDir = join(base, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>iOffice web</title><script type="module" src="./assets/app.js"></script>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {}');
    writeFileSync(join(base, 'secret.txt'), 'TOP SECRET');
    symlinkSync(join(base, 'secret.txt'), join(rendererDir, 'assets', 'escape.txt'));

    core = createCore({ dataDir: tempDir('ioffice-web-core-'), sync: FAST_SYNC });
    const [a, b] = createMemoryTransportPair();
    core.attach(b);
    hostRpc = new RpcClient(a);
    host = await startWebHost({
      attach: (t) => core.attach(t),
      rpc: hostRpc,
      rendererDir,
      appInfo: () => buildAppInfo({ host: 'web', version: '0.1.0', platform: process.platform, serverUrl: null, preferDemo: false, demo: DEMO_OFF }),
    });
  });

  afterAll(async () => {
    for (const p of pages) p.close();
    await host?.close();
    hostRpc?.close();
    await core?.close();
    await server?.close();
  });

  it('listens on 127.0.0.1 only', async () => {
    const addr = host.server.address() as net.AddressInfo;
    expect(addr.address).toBe('127.0.0.1');
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && i.family === 'IPv4')
      .map((i) => i!.address);
    for (const address of others) {
      const reached = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: address, port: host.port }, () => (s.destroy(), resolve(true)));
        s.on('error', () => resolve(false));
      });
      expect(reached, address).toBe(false);
    }
  });

  it('without the token or a cookie: the 403 page, in Vietnamese and English', async () => {
    for (const path of ['/', '/index.html', '/?token=wrong', `/files/${pdfSha}`]) {
      const r = await raw(host.port, path);
      expect(r.status, path).toBe(403);
      const text = r.body.toString();
      expect(text).toContain('Không có quyền truy cập');
      expect(text).toContain('Access denied');
      expect(r.headers['content-security-policy']).toBeTruthy();
    }
  });

  it('the one-time token works once and only once', async () => {
    const url = new URL(host.loginUrl()!);
    const first = await raw(host.port, `${url.pathname}${url.search}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = first.headers['set-cookie']![0]!;
    expect(setCookie).toMatch(new RegExp(`^ioffice_web_${host.port}=`, 'u'));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    cookie = setCookie.split(';')[0]!;
    expect(host.loginUrl()).toBeNull();

    const again = await raw(host.port, `${url.pathname}${url.search}`);
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();

    // the browser that holds the cookie gets in (and a stale token in its URL is just dropped)
    expect((await raw(host.port, '/', { cookie })).status).toBe(200);
    expect((await raw(host.port, `${url.pathname}${url.search}`, { cookie })).status).toBe(303);
  });

  it('serves the renderer with the CSP and the security headers', async () => {
    const r = await raw(host.port, '/', { cookie });
    expect(r.body.toString()).toContain('<title>iOffice web</title>');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    const csp = parseCsp(String(r.headers['content-security-policy']));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toContain(`ws://127.0.0.1:${host.port}`);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    const js = await raw(host.port, '/assets/app.js', { cookie });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['content-security-policy']).toBeTruthy();
    // a route of the app gets the page
    expect((await raw(host.port, '/incoming/123', { cookie })).body.toString()).toContain('<title>iOffice web</title>');
    expect((await raw(host.port, '/', { cookie }, 'POST')).status).toBe(405);
  });

  it('refuses path traversal on static files', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2E%2E/%2E%2E/etc/passwd',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%252e%252e/secret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '//etc/passwd',
      '/%2f%2fetc/passwd',
      '/assets/escape.txt',
      '/index.html%00.js',
      '/C:/Windows/win.ini',
      '/.%2e/secret.txt',
    ];
    for (const path of attempts) {
      const r = await raw(host.port, path, { cookie });
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.body.toString(), path).not.toContain('TOP SECRET');
      expect(r.body.toString(), path).not.toContain('root:');
    }
  });

  it('answers only to its own name (no DNS rebinding)', async () => {
    const r = await raw(host.port, '/', { cookie, host: `evil.example:${host.port}` });
    expect(r.status).toBe(421);
    expect((await raw(host.port, '/', { cookie, host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses the WebSocket without the cookie, from another origin, or without an origin', async () => {
    const url = `ws://127.0.0.1:${host.port}/rpc`;
    const origin = `http://127.0.0.1:${host.port}`;
    expect(await tryWebSocket(url, { origin })).toBe(403);
    expect(await tryWebSocket(url, { origin, cookie: `ioffice_web_${host.port}=forged` })).toBe(403);
    expect(await tryWebSocket(url, { cookie, origin: 'http://evil.example' })).toBe(403);
    expect(await tryWebSocket(url, { cookie, origin: `http://127.0.0.1:${host.port + 1}` })).toBe(403);
    expect(await tryWebSocket(url, { cookie })).toBe(403);
    expect(await tryWebSocket(`ws://127.0.0.1:${host.port}/other`, { cookie, origin })).toBe(404);
    expect(await tryWebSocket(url, { cookie, origin })).toBe('open');
    expect((await raw(host.port, '/rpc', { cookie })).status).toBe(426);
  });

  it('speaks the core’s RPC over the WebSocket: app.info, sign-in, the document list', async () => {
    const rpc = await page();
    const info = await fetchAppInfo(rpc);
    expect(info).toMatchObject({ name: 'iOffice', host: 'web', version: '0.1.0', demoServerUrl: null, demo: { state: 'off' } });
    const session = await rpc.call('session.login', { serverUrl: server.url, username: 'vanthu', password: FIXTURE_PASSWORD });
    expect(session).toMatchObject({ signedIn: true, user: { username: 'vanthu' } });
    await rpc.call('sync.now');
    const list = await eventually(async () => {
      const l = await rpc.call('incoming.list', {});
      return l.items.length > 0 ? l : null;
    });
    expect(list.items.map((i) => i.subject)).toContain('Về việc thử nghiệm máy chủ web nội bộ');
    // the core's errors come back as ErrorBodies
    await expect(rpc.call('incoming.get', { id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('bytes survive the JSON wire (files.add)', async () => {
    const rpc = await page();
    const bytes = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(200_000)]));
    const ref = await rpc.call('files.add', { name: 'bản quét.pdf', bytes });
    expect(ref).toEqual({ sha256: sha256(bytes), name: 'bản quét.pdf', size: bytes.length, mime: 'application/pdf' });
    const opened = await rpc.call('files.open', { sha256: ref.sha256 });
    expect(Buffer.from(readFileSync(opened.path)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('serves a file through files.open, with Range', async () => {
    const full = await raw(host.port, `/files/${pdfSha}`, { cookie });
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('application/pdf');
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(full.body.equals(Buffer.from(pdf))).toBe(true);

    const part = await raw(host.port, `/files/${pdfSha}`, { cookie, range: 'bytes=5-14' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 5-14/${pdf.length}`);
    expect(part.body.equals(Buffer.from(pdf.subarray(5, 15)))).toBe(true);

    expect((await raw(host.port, `/files/${pdfSha}`, { cookie, range: `bytes=${pdf.length}-` })).status).toBe(416);
    expect((await raw(host.port, '/files/../../etc/passwd', { cookie })).status).toBe(400);
    expect((await raw(host.port, `/files/${pdfSha.toUpperCase()}`, { cookie })).status).toBe(400);
    expect((await raw(host.port, `/files/${'0'.repeat(64)}`, { cookie })).status).toBe(404);
    expect((await raw(host.port, `/files/${pdfSha}`)).status).toBe(403);
  });

  it('pushes app.info to open pages when it changes', async () => {
    const rpc = await page();
    await fetchAppInfo(rpc); // connected
    const got = new Promise((resolve) => onAppInfo(rpc, resolve));
    await host.appInfoChanged();
    expect(await got).toMatchObject({ host: 'web' });
  });

  it('a page learns at once when the host goes away (pending calls fail, closed resolves)', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, { headers: { cookie, origin: `http://127.0.0.1:${host.port}` } });
    const transport = webSocketTransport(ws);
    const rpc = new RpcClient(transport, { timeoutMs: 60_000 });
    await rpc.call('session.get');
    // a call the core never answers in time: the socket closes under it
    const pending = rpc.call('sync.now');
    ws.terminate();
    await expect(pending).rejects.toMatchObject({ code: 'internal' });
    expect((await transport.closed).code).toBeGreaterThan(0);
    rpc.close();
  });
});
