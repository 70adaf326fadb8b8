/**
 * The core process killed (SIGKILL) while it signs and while it issues (issue #10: "SIGKILL of
 * the core mid-sign and mid-issue: no half-signed file in the cache, no number lost"). The core
 * runs as its own process, as the desktop starts it, against the real server.
 *
 * - Mid-sign: the chairman's core is held (IOFFICE_TEST_OUTGOING_PAUSE, like the mail engine's
 *   send pause) once the signed bytes are made, and once they are in the file cache but the
 *   action is not queued, and killed there; a temporary file a kill would leave mid-write is
 *   put beside them. Restarted, the cache holds only whole files under their hashes, nothing
 *   is queued, the draft still waits for its signature, and signing again works.
 * - Signed offline then killed: the action is durable with its file; restarted online, the
 *   outbox pushes it and the server takes the signed file.
 * - Mid-issue: the clerk's core is killed while its push of `outgoing.issue` is on the wire (the
 *   server numbers the document, the answer is lost). Restarted, the core shows the number the
 *   server gave — the same one the chairman's core sees, no second number taken — and seals.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPkcs12 } from '../../src/node/pdfsign/index.js';
import type { OutgoingDocument, OutgoingSettings } from '../../src/shared/outgoing/model.js';
import { RecordChange } from '../../src/shared/sync/protocol.js';
import { http, login } from '../helpers/api.js';
import { cacheFolders } from '../helpers/cacheDb.js';
import { eventually, forkCore, signIn, startCore, tempDir, type ForkedCore, type InProcessCore } from '../helpers/core.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { makeTestPdf } from '../helpers/testPdfs.js';
import { testPki, type TestPki } from '../helpers/testPki.js';

const PASSWORD = 'Mật khẩu 2026';

/** The outgoing document as the server holds it (a fresh protocol 2 pull as `username`). */
async function onServer(url: string, username: string, id: string): Promise<OutgoingDocument | null> {
  const token = await login(url, username);
  const clientId = randomUUID();
  let found: OutgoingDocument | null = null;
  for (let cursor: string | null = null; ; ) {
    const r = await http(url, 'POST', '/sync/pull', { token, json: { clientId, cursor, limit: 500, protocol: 2, kinds: ['outgoing'] } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    for (const raw of r.body.changes as unknown[]) {
      const c = RecordChange.parse(raw);
      if (c.id === id) found = 'removed' in c ? null : (c.state as OutgoingDocument);
    }
    cursor = r.body.cursor as string;
    if (!r.body.more) return found;
  }
}

/** The files a core's cache holds on disk: each must be whole, named by its own hash. */
function cachedFilesOf(dataDir: string): { name: string; whole: boolean }[] {
  const dir = join(dataDir, 'caches', cacheFolders(dataDir)[0]!, 'files');
  return readdirSync(dir).map((name) => ({ name, whole: /^[0-9a-f]{64}$/u.test(name) && createHash('sha256').update(readFileSync(join(dir, name))).digest('hex') === name }));
}

describe('the core killed while it signs and while it issues', () => {
  let server: TestServer;
  let proxy: NetProxy;
  let pki: TestPki;
  let author: InProcessCore;
  let chair: InProcessCore;
  const forked: ForkedCore[] = [];

  /** A forked core; `pause` holds signing at a phase (see core/outgoing/signing.ts), touching a marker file first. */
  const fork = (dataDir: string, pause?: { phase: 'signed' | 'stored'; marker: string }): ForkedCore => {
    if (pause) process.env.IOFFICE_TEST_OUTGOING_PAUSE = `${pause.phase}:120000:${pause.marker}`;
    try {
      const c = forkCore({ dataDir, args: ['--no-prefetch'] });
      forked.push(c);
      return c;
    } finally {
      delete process.env.IOFFICE_TEST_OUTGOING_PAUSE;
    }
  };

  const p12 = async (which: 'person' | 'organisation'): Promise<Uint8Array> =>
    toPkcs12({ key: pki[which].pkcs8, certificate: pki[which].certificate, chain: [pki.intermediate.certificate, pki.root.certificate], password: PASSWORD });

  /** A draft of Phòng Kinh tế waiting for the chairman's signature, on the server. */
  async function toSign(subject: string): Promise<{ id: string; draft: Uint8Array }> {
    const id = randomUUID();
    const draft = await makeTestPdf({ signerName: U.chutich.fullName, numberLine: 'Số:      /UBND-KT', pages: 2 });
    const file = await author.rpc.call('files.add', { name: 'Dự thảo.pdf', bytes: draft });
    await author.rpc.call('mutate', { name: 'outgoing.create', args: { documentId: id, fields: { documentType: 'Công văn', subject, draftingUnitId: UNITS.economy.id }, file } });
    await author.rpc.call('mutate', { name: 'outgoing.submit', args: { documentId: id, route: [{ stepId: randomUUID(), kind: 'sign', userId: U.chutich.id }] } });
    await author.rpc.call('sync.now');
    expect((await author.rpc.call('sync.status')).pendingCount).toBe(0);
    return { id, draft };
  }

  beforeAll(async () => {
    server = await startTestServer();
    proxy = await startProxy(server.url);
    pki = await testPki();
    const admin = await login(server.url, 'quantri');
    const current = await http<OutgoingSettings>(server.url, 'GET', '/admin/outgoing-settings', { token: admin });
    await http(server.url, 'PUT', '/admin/outgoing-settings', { token: admin, json: { ...current.body, trustedRoots: [Buffer.from(pki.root.certificate).toString('base64')] } });
    author = startCore();
    await signIn(author.rpc, server.url, 'cv.kinhte1');
    chair = startCore();
    await signIn(chair.rpc, server.url, 'chutich');
  });
  afterAll(async () => {
    await Promise.all(forked.map((c) => c.kill('SIGKILL')));
    await author?.close();
    await chair?.close();
    await proxy?.close();
    await server?.close();
  });

  it('killed with the signed bytes made, then with the signed file stored but its action not queued: no half file, nothing queued, signing again works', async () => {
    const { id, draft } = await toSign('V/v thử ký số khi máy bị tắt đột ngột');
    const dataDir = tempDir();
    const files = (): string => join(dataDir, 'caches', cacheFolders(dataDir)[0]!, 'files');
    const marker = (): string => join(tmpdir(), `ioffice-pause-${randomUUID()}`);
    let key = '';
    /** A core held at `phase` while it signs, killed there; restarted, nothing of that signature is left. */
    const killedAt = async (phase: 'signed' | 'stored', first: boolean): Promise<void> => {
      const held = marker();
      const c = fork(dataDir, { phase, marker: held });
      if (first) {
        await signIn(c.rpc, server.url, 'chutich');
        await c.rpc.call('sync.now');
        key = (await c.rpc.call('outgoing.importPkcs12', { bytes: await p12('person'), password: PASSWORD, label: '' })).id;
      }
      const signing = c.rpc.call('outgoing.sign', { documentId: id, key: { store: 'file', id: key, password: PASSWORD } }).catch((e: unknown) => e);
      await eventually(async () => existsSync(held), 60_000, 20);
      expect(await c.kill('SIGKILL')).toMatchObject({ signal: 'SIGKILL' });
      await signing;
    };

    await killedAt('signed', true);
    // What a kill in the middle of writing a file leaves: a temporary name beside the cache's files.
    writeFileSync(join(files(), `${'ab'.repeat(32)}.add-${randomUUID()}`), Buffer.from(draft).subarray(0, 1000));
    await killedAt('stored', false);

    const last = fork(dataDir);
    expect((await last.rpc.call('session.get')).user?.username).toBe('chutich');
    expect(cachedFilesOf(dataDir).filter((f) => !f.whole)).toEqual([]);
    expect(await last.rpc.call('sync.status')).toMatchObject({ pendingCount: 0, failedCount: 0 });
    const view = await last.rpc.call('outgoing.get', { id });
    expect([view?.document.status, view?.document.versions.map((v) => v.kind), view?.pending]).toEqual(['to_sign', ['draft'], []]);

    // The key survived the kills (it was imported before); signing again goes through.
    const { sha256 } = await last.rpc.call('outgoing.sign', { documentId: id, key: { store: 'file', id: key, password: PASSWORD } });
    await last.rpc.call('sync.now');
    expect(await last.rpc.call('sync.status')).toMatchObject({ pendingCount: 0, failedCount: 0 });
    expect((await onServer(server.url, 'chutich', id))?.versions.at(-1)).toMatchObject({ kind: 'signed', file: { sha256 } });
    await last.kill('SIGTERM');
  });

  it('signed offline and killed: the action and its file are durable; restarted online, the outbox pushes them', async () => {
    const { id } = await toSign('V/v ký số khi mất mạng');
    const dataDir = tempDir();
    const first = fork(dataDir);
    await signIn(first.rpc, proxy.url, 'chutich');
    await first.rpc.call('sync.now');
    const key = await first.rpc.call('outgoing.importPkcs12', { bytes: await p12('person'), password: PASSWORD, label: '' });
    // The chairman read the draft before the network went (the file is in his cache: he signs what he saw).
    const draft = (await first.rpc.call('outgoing.get', { id }))!.document.versions[0]!.file.sha256;
    await first.rpc.call('files.open', { sha256: draft });
    proxy.setOffline(true);
    const { sha256 } = await first.rpc.call('outgoing.sign', { documentId: id, key: { store: 'file', id: key.id, password: PASSWORD } });
    expect((await first.rpc.call('sync.status')).pendingCount).toBe(1);
    await first.kill('SIGKILL');

    proxy.setOffline(false);
    const second = fork(dataDir);
    await eventually(async () => {
      const s = await second.rpc.call('sync.status');
      return s.pendingCount === 0 && s.state === 'online';
    }, 30_000);
    expect((await second.rpc.call('sync.status')).failedCount).toBe(0);
    expect(await onServer(server.url, 'chutich', id)).toMatchObject({ status: 'to_issue', versions: [{ kind: 'draft' }, { kind: 'signed', file: { sha256 } }] });
    await second.kill('SIGTERM');
  });

  it('killed while its number request is on the wire: the number the server gave is shown after restart, never a second one, and the seal works', async () => {
    const { id } = await toSign('V/v cấp số khi máy bị tắt đột ngột');
    await chair.rpc.call('sync.now');
    const personKey = await chair.rpc.call('outgoing.importPkcs12', { bytes: await p12('person'), password: PASSWORD, label: '' });
    await chair.rpc.call('outgoing.sign', { documentId: id, key: { store: 'file', id: personKey.id, password: PASSWORD } });
    await chair.rpc.call('sync.now');

    const dataDir = tempDir();
    const first = fork(dataDir);
    await signIn(first.rpc, proxy.url, 'vanthu');
    await first.rpc.call('sync.now');
    const seal = await first.rpc.call('outgoing.importPkcs12', { bytes: await p12('organisation'), password: PASSWORD, label: 'Chứng thư số cơ quan' });
    let killed: Promise<unknown> | null = null;
    proxy.onRequest = (line) => {
      // The server applies the push (numbers the document); its answer never reaches the core.
      if (line.startsWith('POST /api/v1/sync/push') && killed === null) killed = first.kill('SIGKILL');
    };
    await first.rpc.call('mutate', { name: 'outgoing.issue', args: { documentId: id } });
    await eventually(async () => killed !== null);
    await (killed as Promise<unknown> | null);
    proxy.onRequest = null;

    const second = fork(dataDir);
    await eventually(async () => {
      const s = await second.rpc.call('sync.status');
      return s.pendingCount === 0 && s.state === 'online' && (await second.rpc.call('outgoing.get', { id }))?.document.status === 'numbered';
    }, 30_000);
    const given = (await onServer(server.url, 'vanthu', id))?.number;
    // The first number of the register this year: the request pushed again was not numbered twice.
    expect(given).toMatchObject({ n: 1, codeNumber: '01', codeNotation: 'UBND-KT' });
    const view = await second.rpc.call('outgoing.get', { id });
    expect(view?.document.number).toEqual(given);
    await chair.rpc.call('sync.now');
    expect((await chair.rpc.call('outgoing.get', { id }))?.document.number).toEqual(given);

    await second.rpc.call('outgoing.seal', { documentId: id, key: { store: 'file', id: seal.id, password: PASSWORD } });
    await second.rpc.call('sync.now');
    expect(await second.rpc.call('sync.status')).toMatchObject({ pendingCount: 0, failedCount: 0 });
    const issued = await onServer(server.url, 'vanthu', id);
    expect(issued?.status).toBe('issued');
    expect(issued?.number).toEqual(given);
    const numbered = issued?.history.filter((h) => h.action === 'numbered') ?? [];
    expect(numbered).toHaveLength(1);
    await second.kill('SIGTERM');
  });
});
