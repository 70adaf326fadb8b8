import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, PushClient, uploadPdf } from '../helpers/api.js';
import { FAST_SYNC, signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A PDF big enough to be cut in the middle (the server checks the magic, not the structure). */
function bigPdf(size = 300_000): Uint8Array {
  const head = Buffer.from('%PDF-1.4\n');
  return new Uint8Array(Buffer.concat([head, randomBytes(size - head.length)]));
}

describe('the file cache: downloads are resumed, verified and retried', () => {
  let server: TestServer;
  let proxy: NetProxy;
  let clerk: PushClient;
  let clerkToken: string;
  const cores: InProcessCore[] = [];

  /** A leader's core behind the proxy, with one document holding a fresh file. */
  async function setup(): Promise<{ rpc: InProcessCore['rpc']; bytes: Uint8Array; sha256: string }> {
    const bytes = bigPdf();
    const ref = await uploadPdf(server.url, clerkToken, bytes);
    await clerk.register({ subject: 'Văn bản có tệp lớn' }, [ref]);
    const c = startCore({ sync: { ...FAST_SYNC, prefetch: false } });
    cores.push(c);
    await signIn(c.rpc, proxy.url, 'chutich');
    await c.rpc.call('sync.now');
    proxy.downloads.length = 0;
    return { rpc: c.rpc, bytes, sha256: ref.sha256 };
  }

  beforeAll(async () => {
    server = await startTestServer();
    proxy = await startProxy(server.url);
    clerkToken = await login(server.url, 'vanthu');
    clerk = new PushClient(server.url, clerkToken);
  });
  afterAll(async () => {
    await Promise.all(cores.map((c) => c.close()));
    await proxy?.close();
    await server?.close();
  });

  it('a download cut mid-body resumes from the .part file with Range', async () => {
    const { rpc, bytes, sha256 } = await setup();
    proxy.spoilDownloads({ cutAfter: 120_000, times: 1 });
    const opened = await rpc.call('files.open', { sha256 });
    expect(opened.size).toBe(bytes.length);
    expect(sha(readFileSync(opened.path))).toBe(sha256);
    expect(proxy.downloads).toHaveLength(2);
    expect(proxy.downloads[0]!.range).toBeNull();
    const resumedFrom = Number(/^bytes=(\d+)-$/u.exec(proxy.downloads[1]!.range ?? '')?.[1]);
    expect(resumedFrom).toBeGreaterThan(0);
    expect(resumedFrom).toBeLessThanOrEqual(120_000);
    expect(existsSync(`${opened.path}.part`)).toBe(false);
  });

  it('a download corrupted in transit is detected by its hash and fetched again', async () => {
    const { rpc, sha256 } = await setup();
    proxy.spoilDownloads({ corruptAt: 200_000, times: 1 });
    const opened = await rpc.call('files.open', { sha256 });
    expect(sha(readFileSync(opened.path))).toBe(sha256);
    expect(proxy.downloads.map((d) => d.range)).toEqual([null, null]);
  });

  it('a file that never arrives intact is reported as file_hash_mismatch after a bounded number of tries', async () => {
    const { rpc, sha256 } = await setup();
    proxy.spoilDownloads({ corruptAt: 10, times: Infinity });
    const err = await rpc.call('files.open', { sha256 }).catch((e: unknown) => e);
    proxy.spoilDownloads(null);
    expect(err).toMatchObject({ code: 'file_hash_mismatch' });
    expect((err as { body: { message: { vi: string } } }).body.message.vi).toContain('SHA-256');
    expect(proxy.downloads.length).toBeGreaterThan(1);
    expect(proxy.downloads.length).toBeLessThanOrEqual(4);
    const view = (await rpc.call('incoming.list', {})).items[0]!;
    expect((await rpc.call('incoming.get', { id: view.id }))!.cachedFiles).toEqual([]);
    // Once the network behaves, the same file opens.
    const ok = await rpc.call('files.open', { sha256 });
    expect(sha(readFileSync(ok.path))).toBe(sha256);
  });

  it('a cached file damaged on disk is noticed when opened, and replaced', async () => {
    const { rpc, sha256 } = await setup();
    const first = await rpc.call('files.open', { sha256 });
    const damaged = readFileSync(first.path);
    damaged[1000] = (damaged[1000] as number) ^ 0xff;
    writeFileSync(first.path, damaged);
    proxy.downloads.length = 0;
    const again = await rpc.call('files.open', { sha256 });
    expect(sha(readFileSync(again.path))).toBe(sha256);
    expect(proxy.downloads).toHaveLength(1);
  });

  it('a corrupt partial download left on disk is resumed, caught by the hash, and restarted from zero', async () => {
    const { rpc, sha256, bytes } = await setup();
    // A truncated .part whose bytes are wrong (e.g. a disk fault before a crash).
    const first = await rpc.call('files.open', { sha256 });
    writeFileSync(`${first.path}.part`, randomBytes(bytes.length / 2));
    writeFileSync(first.path, Buffer.from('%PDF-1.4\ntruncated'));
    proxy.downloads.length = 0;
    const again = await rpc.call('files.open', { sha256 });
    expect(sha(readFileSync(again.path))).toBe(sha256);
    expect(proxy.downloads.map((d) => d.range)).toEqual([`bytes=${bytes.length / 2}-`, null]);
  });

  it('files.add keeps only PDFs, by content', async () => {
    const c = startCore();
    cores.push(c);
    await signIn(c.rpc, server.url, 'vanthu');
    await expect(c.rpc.call('files.add', { name: 'ghi chú.txt', bytes: new TextEncoder().encode('không phải PDF') })).rejects.toMatchObject({ code: 'file_not_pdf' });
    await expect(c.rpc.call('files.add', { name: '../../etc/passwd', bytes: new Uint8Array(bigPdf(100)) })).rejects.toMatchObject({ code: 'validation_failed' });
    const pdf = bigPdf(1000);
    const ref = await c.rpc.call('files.add', { name: 'quyết định.pdf', bytes: new Uint8Array(pdf) });
    expect(ref).toEqual({ sha256: sha(pdf), name: 'quyết định.pdf', size: 1000, mime: 'application/pdf' });
    const opened = await c.rpc.call('files.open', { sha256: ref.sha256 });
    expect(readFileSync(opened.path).equals(Buffer.from(pdf))).toBe(true);
  });

  it("a file that is also a Mật document's is refused for good with the reason (the viewer shows it), not retried as offline", async () => {
    const bytes = bigPdf(2000);
    const ref = await uploadPdf(server.url, clerkToken, bytes);
    await clerk.register({ confidentiality: 'confidential', subject: 'Văn bản mật' }, [ref]);
    await clerk.register({ subject: 'Bản sao thường của cùng tệp' }, [ref]);
    const c = startCore({ sync: { ...FAST_SYNC, prefetch: false } });
    cores.push(c);
    await signIn(c.rpc, proxy.url, 'chutich');
    await c.rpc.call('sync.now');
    proxy.downloads.length = 0;
    const err = await c.rpc.call('files.open', { sha256: ref.sha256 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'file_withheld' });
    expect((err as { body: { message: { vi: string } } }).body.message.vi).toContain('văn bản mật');
    expect(proxy.downloads).toHaveLength(1);
  });
});
