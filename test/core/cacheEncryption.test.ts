/**
 * The encrypted local cache (issue #7, decisions §20): SQLCipher with a random key
 * per cache kept in the core's secret store; a plaintext cache from the previous
 * version is encrypted in place with its pending outbox; a lost or wrong key is a
 * clear message and a way forward; a secret document's file is sealed on disk and
 * still opens (Range reads included).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileProtocolHandler } from '../../src/main/shell/protocols.js';
import { login, metadata, pullAll, PushClient } from '../helpers/api.js';
import { cacheFolders, openCacheDb } from '../helpers/cacheDb.js';
import { FAST_SYNC, signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Every file of a cache folder that SQLite writes (main file, WAL, journal). */
function dbFiles(dataDir: string, folder: string): Buffer[] {
  const dir = join(dataDir, 'caches', folder);
  return readdirSync(dir)
    .filter((n) => n.startsWith('cache.sqlite'))
    .map((n) => readFileSync(join(dir, n)));
}

const containsText = (bufs: Buffer[], text: string): boolean => bufs.some((b) => b.includes(Buffer.from(text, 'utf8')));

/** Turn an encrypted cache back into the previous version's plaintext file, and forget its key: an old cache. */
async function makeItAnOldPlainCache(dataDir: string, folder: string): Promise<void> {
  const db = await openCacheDb(dataDir, folder);
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey = ''`);
  db.close();
  const store = join(dataDir, 'session.json');
  const all = JSON.parse(readFileSync(store, 'utf8')) as Record<string, string>;
  delete all[`cache.key.${folder}`];
  writeFileSync(store, JSON.stringify(all));
}

function setCacheKey(dataDir: string, folder: string, hex: string | null): void {
  const store = join(dataDir, 'session.json');
  const all = JSON.parse(readFileSync(store, 'utf8')) as Record<string, string>;
  if (hex === null) delete all[`cache.key.${folder}`];
  else all[`cache.key.${folder}`] = hex;
  writeFileSync(store, JSON.stringify(all));
}

/** A small PDF whose bytes carry a marker we can look for on disk. */
function markedPdf(marker: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from(`%PDF-1.4\n% ${marker}\n`), randomBytes(200_000), Buffer.from(`\n${marker}\n%%EOF\n`)]));
}

describe('the encrypted cache', () => {
  let server: TestServer;
  let proxy: NetProxy;
  let clerk: PushClient;
  const cores: InProcessCore[] = [];
  const core = (options: Parameters<typeof startCore>[0] = {}): InProcessCore => {
    const c = startCore({ sync: { ...FAST_SYNC, prefetch: false }, ...options });
    cores.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer();
    proxy = await startProxy(server.url);
    clerk = new PushClient(server.url, await login(server.url, 'vanthu'));
  });
  afterEach(() => proxy.setOffline(false));
  afterAll(async () => {
    await Promise.all(cores.map((c) => c.close()));
    await proxy?.close();
    await server?.close();
  });

  it('keeps no plaintext on disk: not a synced subject, not a pending opinion, in the database or its WAL', async () => {
    const subject = 'Về việc kiểm kê kho bạc quý IV mã KHOBAC7731';
    const doc = await clerk.register({ subject });
    const c = core();
    await signIn(c.rpc, proxy.url, 'chutich');
    await c.rpc.call('sync.now');
    proxy.setOffline(true);
    await c.rpc.call('mutate', { name: 'incoming.addOpinion', args: { documentId: doc, opinionId: randomUUID(), kind: 'opinion', content: 'Ý kiến riêng YKIEN5521 chưa gửi.' } });
    const [folder] = cacheFolders(c.dataDir);
    // While the core runs (the WAL holds the latest pages) and after it closes.
    for (const when of ['running', 'closed']) {
      if (when === 'closed') await c.close();
      const files = dbFiles(c.dataDir, folder!);
      expect(files.length).toBeGreaterThan(0);
      for (const text of ['KHOBAC7731', 'kiểm kê kho bạc', 'kiem ke kho bac', 'YKIEN5521', 'SQLite format 3']) expect(containsText(files, text), `${text} (${when})`).toBe(false);
    }
    proxy.setOffline(false);
    // The key is in the core's secret store, not next to the cache.
    expect(readFileSync(join(c.dataDir, 'session.json'), 'utf8')).toContain(`cache.key.${folder}`);
    expect(readdirSync(join(c.dataDir, 'caches', folder!)).join(' ')).not.toMatch(/key/u);
    // And the same cache opens again with its key.
    const again = core({ dataDir: c.dataDir });
    await again.core.ready;
    expect((await again.rpc.call('incoming.list', {})).items.map((i) => i.id)).toContain(doc);
    expect((await again.rpc.call('incoming.get', { id: doc }))!.pending).toHaveLength(1);
    await again.close();
  });

  it('a plaintext cache from the previous version is encrypted in place, its documents and pending outbox kept', async () => {
    const subject = 'Về việc chuẩn bị hội nghị tổng kết mã HOINGHI4410';
    const doc = await clerk.register({ subject });
    const c = core();
    await signIn(c.rpc, proxy.url, 'chutich');
    await c.rpc.call('sync.now');
    proxy.setOffline(true);
    const opinionId = randomUUID();
    await c.rpc.call('mutate', { name: 'incoming.addOpinion', args: { documentId: doc, opinionId, kind: 'opinion', content: 'Ý kiến viết khi còn bản cũ.' } });
    await c.close();
    const [folder] = cacheFolders(c.dataDir);
    await makeItAnOldPlainCache(c.dataDir, folder!);
    expect(containsText(dbFiles(c.dataDir, folder!), 'HOINGHI4410')).toBe(true); // the old version's file, as it was

    const upgraded = core({ dataDir: c.dataDir });
    await upgraded.core.ready;
    expect((await upgraded.rpc.call('session.get')).signedIn).toBe(true);
    expect((await upgraded.rpc.call('incoming.list', {})).items.map((i) => i.id)).toContain(doc);
    expect((await upgraded.rpc.call('incoming.get', { id: doc }))!.pending.map((p) => p.name)).toEqual(['incoming.addOpinion']);
    const files = dbFiles(c.dataDir, folder!);
    expect(containsText(files, 'HOINGHI4410')).toBe(false);
    expect(containsText(files, 'SQLite format 3')).toBe(false);
    expect(existsSync(join(c.dataDir, 'caches', folder!, 'cache.sqlite.encrypting'))).toBe(false);

    // The kept opinion reaches the server once the network is back.
    proxy.setOffline(false);
    expect((await upgraded.rpc.call('sync.now')).pendingCount).toBe(0);
    const { changes } = await pullAll(server.url, await login(server.url, 'vanthu'), randomUUID());
    expect(changes.find((ch) => ch.doc?.id === doc).doc.opinions.map((o: { id: string }) => o.id)).toContain(opinionId);
  });

  it('a wrong or lost key is a clear message, never a crash; the cache is set aside and signing in again re-syncs', async () => {
    const doc = await clerk.register({ subject: 'Về việc bàn giao tài sản mã BANGIAO2207' });
    const c = core();
    await signIn(c.rpc, proxy.url, 'chutich');
    await c.rpc.call('sync.now');
    await c.close();
    const [folder] = cacheFolders(c.dataDir);

    for (const key of [randomBytes(32).toString('hex'), null]) {
      setCacheKey(c.dataDir, folder!, key);
      const next = core({ dataDir: c.dataDir });
      await next.core.ready;
      // The remembered session cannot open its cache: the sign-in screen, not a crash.
      expect((await next.rpc.call('session.get')).signedIn).toBe(false);
      const err = await signIn(next.rpc, proxy.url, 'chutich').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'cache_unreadable' });
      expect((err as { message: { vi: string } }).message?.vi ?? String(err)).toMatch(/khóa mã hóa|encryption key/u);
      expect((await next.rpc.call('session.get')).signedIn).toBe(false);
      // Set aside, not deleted: a restored key could still read it.
      const aside = readdirSync(join(c.dataDir, 'caches')).filter((n) => n.startsWith(`${folder}.unreadable-`));
      expect(aside.length).toBeGreaterThan(0);
      // Signing in again starts a fresh cache and downloads the documents.
      await signIn(next.rpc, proxy.url, 'chutich');
      await next.rpc.call('sync.now');
      expect((await next.rpc.call('incoming.list', {})).items.map((i) => i.id)).toContain(doc);
      await next.close();
    }
  });

  it('a secret document’s file is sealed on disk, still opens with Range reads, and uploads intact', async () => {
    const c = core();
    await signIn(c.rpc, proxy.url, 'vanthu');
    await c.rpc.call('sync.now');
    proxy.setOffline(true);
    const marker = 'TOIMAT-BANQUET-9931';
    const pdf = markedPdf(marker);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const ref = await c.rpc.call('files.add', { name: 'Kế hoạch tối mật.pdf', bytes: pdf });
    const documentId = randomUUID();
    await c.rpc.call('mutate', {
      name: 'incoming.register',
      args: { documentId, metadata: metadata({ subject: 'Về việc bảo vệ bí mật nhà nước', confidentiality: 'top_secret' }), files: [ref] },
    });
    const [folder] = cacheFolders(c.dataDir);
    const onDisk = readFileSync(join(c.dataDir, 'caches', folder!, 'files', sha256));
    expect(onDisk.includes(Buffer.from(marker))).toBe(false);
    expect(onDisk.subarray(0, 5).toString('latin1')).not.toBe('%PDF-');

    const opened = await c.rpc.call('files.open', { sha256 });
    expect(opened).toMatchObject({ size: pdf.length, sealed: true });
    // The desktop's file protocol serves it by range, as pdf.js asks.
    const handler = fileProtocolHandler(
      (sha) => c.rpc.call('files.open', { sha256: sha }),
      async (sha, start, end) => (await c.rpc.call('files.read', { sha256: sha, start, end })).bytes,
    );
    const whole = await handler(new Request(`ioffice-file://${sha256}/`));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await whole.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    const part = await handler(new Request(`ioffice-file://${sha256}/`, { headers: { Range: 'bytes=65530-131080' } }));
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(Buffer.from(pdf.subarray(65530, 131081)))).toBe(true);

    // Sent with the registration as the plain PDF (the server checks its hash).
    proxy.setOffline(false);
    const st = await c.rpc.call('sync.now');
    expect(st.pendingCount).toBe(0);
    expect(await c.rpc.call('mutations.failed', {})).toEqual([]);
  });

  it('the core opens no cache with the plain SQLite library any more (the file is not a database without the key)', async () => {
    const c = core();
    await signIn(c.rpc, proxy.url, 'chutich');
    await c.rpc.call('sync.now');
    await c.close();
    const [folder] = cacheFolders(c.dataDir);
    const db = new Database(join(c.dataDir, 'caches', folder!, 'cache.sqlite'), { readonly: true });
    try {
      expect(() => db.prepare('SELECT count(*) FROM documents').get()).toThrow(/not a database/u);
    } finally {
      db.close();
    }
  });
});
