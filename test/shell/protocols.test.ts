import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appProtocolHandler, APP_CSP, fileProtocolHandler } from '../../src/main/shell/protocols.js';
import { parseCsp } from '../../src/main/web/policy/csp.js';

const SHA = 'cd'.repeat(32);

/** A tiny built renderer, a secret beside it, and a symlink pointing out. */
function fakeRenderer(): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'ioffice-renderer-'));
  const root = join(base, 'dist', 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>iOffice</title><script type="module" src="./assets/index-AbCd1234.js"></script>');
  writeFileSync(join(root, 'assets', 'index-AbCd1234.js'), 'console.log("app")');
  writeFileSync(join(root, 'assets', 'style.css'), 'body{}');
  const outside = join(base, 'secret.txt');
  writeFileSync(outside, 'TOP SECRET');
  symlinkSync(outside, join(root, 'assets', 'link.txt'));
  return { root, outside };
}

describe('app:// (the built renderer)', () => {
  let root: string;
  let handler: ReturnType<typeof appProtocolHandler>;
  beforeAll(() => {
    root = fakeRenderer().root;
    handler = appProtocolHandler(root);
  });
  const get = (url: string, init?: RequestInit): Promise<Response> => handler(new Request(url, init));

  it('serves the page with the CSP as a response header', async () => {
    const r = await get('app://app/index.html');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(parseCsp(r.headers.get('content-security-policy')!).get('script-src')).toEqual(["'self'"]);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await r.text()).toContain('<title>iOffice</title>');
  });

  it('serves assets with their types; hashed assets are immutable', async () => {
    const js = await get('app://app/assets/index-AbCd1234.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await get('app://app/assets/style.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('routes of the app get index.html; a missing asset is 404', async () => {
    expect(await (await get('app://app/documents/123')).text()).toContain('<title>iOffice</title>');
    expect((await get('app://app/assets/missing.js')).status).toBe(404);
  });

  it('never leaves the renderer folder', async () => {
    // (The URL parser already folds ../ and %2e%2e for a standard scheme; the resolver refuses what remains.)
    for (const url of ['app://app/../secret.txt', 'app://app/%2e%2e/secret.txt', 'app://app/..%2fsecret.txt', 'app://app/%252e%252e/secret.txt', 'app://app/assets/link.txt', 'app://app/..%5csecret.txt']) {
      const r = await get(url);
      expect(r.status, url).toBeGreaterThanOrEqual(400);
      expect(await r.text(), url).not.toContain('TOP SECRET');
    }
  });

  it('answers only its own host, and only GET/HEAD', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://app/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await get('app://app/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('ioffice-file:// (cached files, with Range)', () => {
  const bytes = randomBytes(10_000);
  const dir = mkdtempSync(join(tmpdir(), 'ioffice-files-'));
  const file = join(dir, SHA);
  writeFileSync(file, bytes);
  const asked: string[] = [];
  const handler = fileProtocolHandler(async (sha) => {
    asked.push(sha);
    if (sha !== SHA) throw Object.assign(new Error('nope'), { code: 'not_found' });
    return { path: file, size: bytes.length };
  });
  const get = (url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> => handler(new Request(url, { headers, method }));

  it('serves the whole file, and ranges of it, to the app origin', async () => {
    const full = await get(`ioffice-file://${SHA}`);
    expect(full.status).toBe(200);
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(full.headers.get('content-type')).toBe('application/pdf');
    expect(full.headers.get('access-control-allow-origin')).toBe('app://app');
    expect(Buffer.from(await full.arrayBuffer()).equals(bytes)).toBe(true);

    const part = await get(`ioffice-file://${SHA}/`, { Range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/10000');
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);

    const tail = await get(`ioffice-file://${SHA}`, { Range: 'bytes=-10' });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(-10))).toBe(true);

    const beyond = await get(`ioffice-file://${SHA}`, { Range: 'bytes=20000-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */10000');
  });

  it('asks the core only for 64-hex names', async () => {
    asked.length = 0;
    for (const url of [`ioffice-file://${SHA}/../../etc/passwd`, 'ioffice-file://abc', `ioffice-file://${SHA}?path=/etc/passwd`]) expect((await get(url)).status, url).toBe(400);
    expect(asked).toEqual([]);
    expect((await get(`ioffice-file://${'ef'.repeat(32)}`)).status).toBe(404);
  });

  it('HEAD and the CORS preflight', async () => {
    const head = await get(`ioffice-file://${SHA}`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('10000');
    const pre = await get(`ioffice-file://${SHA}`, { 'Access-Control-Request-Headers': 'range' }, 'OPTIONS');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toBe('Range');
  });
});
