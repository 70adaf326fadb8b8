/**
 * Outgoing documents end to end through real cores and the real server (issue #10): a
 * specialist of Phòng Kinh tế drafts, the unit's leader approves, the chairman signs in his
 * core — with a PKCS#12 file, and with a SoftHSM token and its PIN — and poppler's pdfsig and the
 * app's own verifier accept the signed file; the clerk asks for a number while offline (only a
 * request), the server numbers it once she is back, she seals it (the number stamped in the
 * document's blank, the agency's signature beside the chairman's, both intact); verification
 * tells a tampered file, an unknown CA and an expired certificate apart, on any cached PDF,
 * an incoming document's included; each role's lists and badges; search without accents; a reply
 * drafted from an incoming document; dispatch by official mail; DOCX conversion where there is
 * no LibreOffice.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSoffice } from '../../src/main/core/outgoing/convert.js';
import { signPdf, toPkcs12 } from '../../src/node/pdfsign/index.js';
import type { RpcClient } from '../../src/shared/rpc/client.js';
import type { OutgoingSettings } from '../../src/shared/outgoing/model.js';
import { http, login, metadata } from '../helpers/api.js';
import { openCacheDb } from '../helpers/cacheDb.js';
import { eventually, signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { freshAddress, otherClient, serverMessages, startMailCore, type MailCore } from '../helpers/mail.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createTestToken, SOFTHSM_LIBRARY, type TestToken } from '../helpers/softhsm.js';
import { makeTestPdf } from '../helpers/testPdfs.js';
import { AGENCY, nssDbTrusting, pdfsig, SIGNING_TIME, testPki, type TestPki } from '../helpers/testPki.js';

const P12_PASSWORD = 'Mật khẩu tệp ký số 2026';
const b64 = (der: Uint8Array): string => Buffer.from(der).toString('base64');

/** The code of an RPC error (or the value, when the call did not fail). */
const codeOf = async (p: Promise<unknown>): Promise<unknown> => p.then((v) => v, (e: unknown) => (e as { code?: string }).code);

describe('outgoing documents through real cores', () => {
  let server: TestServer;
  let pki: TestPki;
  let nss: string;
  let clerkProxy: NetProxy;
  const cores: InProcessCore[] = [];
  let author: RpcClient;
  let reviewer: RpcClient;
  let signer: RpcClient;
  let clerk: RpcClient;
  let outsider: RpcClient;
  let signerCore: InProcessCore;
  const token: TestToken[] = [];

  const core = async (username: string, through?: NetProxy): Promise<InProcessCore> => {
    const c = startCore();
    cores.push(c);
    await signIn(c.rpc, through?.url ?? server.url, username);
    await c.rpc.call('sync.now');
    return c;
  };
  /** The bytes of a file in a core's cache (fetched when only the server has it). */
  const bytesOf = async (rpc: RpcClient, sha256: string): Promise<Buffer> => readFileSync((await rpc.call('files.open', { sha256 })).path);
  const pdfsigOf = (bytes: Uint8Array) => {
    const file = join(tmpdir(), `ioffice-outgoing-${randomUUID()}.pdf`);
    writeFileSync(file, bytes);
    return pdfsig(file, nss);
  };

  const D1 = randomUUID();
  const D2 = randomUUID();
  const MAIL_RECIPIENT = randomUUID();
  let mailAddress: string;
  let draftBytes: Uint8Array;
  let signedSha: string;
  let issuedSha: string;

  beforeAll(async () => {
    server = await startTestServer();
    pki = await testPki();
    nss = nssDbTrusting(pki.root.certificate);
    const admin = await login(server.url, 'quantri');
    const current = await http<OutgoingSettings>(server.url, 'GET', '/admin/outgoing-settings', { token: admin });
    expect(current.status, JSON.stringify(current.body)).toBe(200);
    const put = await http(server.url, 'PUT', '/admin/outgoing-settings', { token: admin, json: { ...current.body, trustedRoots: [b64(pki.root.certificate)] } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    clerkProxy = await startProxy(server.url);
    mailAddress = freshAddress('t-stc');
    author = (await core('cv.kinhte1')).rpc;
    reviewer = (await core('tp.kinhte')).rpc;
    signerCore = await core('chutich');
    signer = signerCore.rpc;
    clerk = (await core('vanthu', clerkProxy)).rpc;
    outsider = (await core('cv.noichinh')).rpc;
  });
  afterAll(async () => {
    await Promise.all(cores.map((c) => c.close()));
    await clerkProxy?.close();
    await server?.close();
    for (const t of token) t.remove();
  });

  /** A draft of Phòng Kinh tế by the specialist, submitted along `route` and synced. */
  async function submitted(id: string, subject: string, route: { kind: 'review' | 'sign'; userId: string }[], pdf: Uint8Array): Promise<void> {
    const ref = await author.call('files.add', { name: 'Dự thảo công văn.pdf', bytes: pdf });
    await author.call('mutate', {
      name: 'outgoing.create',
      args: {
        documentId: id,
        fields: {
          documentType: 'Công văn',
          subject,
          draftingUnitId: UNITS.economy.id,
          recipients: [
            { id: randomUUID(), kind: 'unit', unitId: UNITS.internal.id, name: 'Phòng Nội chính' },
            ...(id === D1 ? [{ id: MAIL_RECIPIENT, kind: 'mail' as const, name: 'Sở Tài chính tỉnh Kon Tum', email: mailAddress }] : []),
            { id: randomUUID(), kind: 'archive', name: 'Lưu: VT, KT' },
          ],
        },
        file: ref,
      },
    });
    await author.call('mutate', { name: 'outgoing.submit', args: { documentId: id, route: route.map((s) => ({ stepId: randomUUID(), ...s })) } });
    await author.call('sync.now');
    expect((await author.call('sync.status')).pendingCount).toBe(0);
  }

  it('the specialist drafts, the unit leader approves, the chairman signs with his PKCS#12 file: pdfsig and the own verifier accept it', async () => {
    draftBytes = await makeTestPdf({ signerName: U.chutich.fullName, numberLine: 'Số:      /UBND-KT' });
    await submitted(D1, 'V/v triển khai ký số văn bản điện tử năm 2026', [{ kind: 'review', userId: U['tp.kinhte'].id }, { kind: 'sign', userId: U.chutich.id }], draftBytes);

    await reviewer.call('sync.now');
    expect((await reviewer.call('outgoing.list', { view: 'to_review' })).items.map((i) => i.id)).toEqual([D1]);
    expect((await reviewer.call('outgoing.get', { id: D1 }))?.allowedActions).toEqual(expect.arrayContaining(['outgoing.approve', 'outgoing.return']));
    await reviewer.call('mutate', { name: 'outgoing.approve', args: { documentId: D1, comment: 'Đồng ý trình ký' } });
    await reviewer.call('sync.now');

    await signer.call('sync.now');
    expect((await signer.call('outgoing.counts', {})).to_sign).toBe(1);
    const view = await signer.call('outgoing.get', { id: D1 });
    expect(view?.allowedActions).toContain('outgoing.sign');
    // Before a number: the register it will be numbered in and the symbol of a công văn of Phòng Kinh tế.
    expect(view?.numberPreview).toMatchObject({ codeNotation: 'UBND-KT' });
    const placement = await signer.call('outgoing.placement', { sha256: view!.document.versions[0]!.file.sha256 });
    expect(placement).toMatchObject({ pageCount: 1, numberFound: true, dateFound: true, signerRect: { page: 0 } });

    // The file is checked with its password when imported; the password is not kept.
    const p12 = await toPkcs12({ key: pki.person.pkcs8, certificate: pki.person.certificate, chain: [pki.intermediate.certificate, pki.root.certificate], password: P12_PASSWORD });
    expect(await codeOf(signer.call('outgoing.importPkcs12', { bytes: p12, password: 'sai mật khẩu', label: '' }))).toBe('certificate_password_wrong');
    const key = await signer.call('outgoing.importPkcs12', { bytes: p12, password: P12_PASSWORD, label: 'Chứng thư số của tôi' });
    expect(key).toMatchObject({ store: 'file', label: 'Chứng thư số của tôi', certificate: { subject: 'Trần Minh Quang', issuer: 'CA phục vụ các cơ quan Nhà nước (thử nghiệm)' } });
    expect((await signer.call('outgoing.keys', {})).keys.map((k) => k.id)).toEqual([key.id]);
    const db = await openCacheDb(signerCore.dataDir, undefined, { readonly: true });
    try {
      const row = db.prepare('SELECT * FROM outgoing_keys').get() as Record<string, unknown>;
      expect(Buffer.from(row.pkcs12 as Uint8Array).equals(Buffer.from(p12))).toBe(true);
      expect(JSON.stringify(Object.values(row).filter((v) => typeof v === 'string'))).not.toContain(P12_PASSWORD);
    } finally {
      db.close();
    }

    // A wrong password signs nothing and queues nothing.
    expect(await codeOf(signer.call('outgoing.sign', { documentId: D1, key: { store: 'file', id: key.id, password: 'không đúng' } }))).toBe('certificate_password_wrong');
    expect((await signer.call('sync.status')).pendingCount).toBe(0);

    const changed: unknown[] = [];
    const off = signer.on('changed', (e) => changed.push(e));
    const { sha256 } = await signer.call('outgoing.sign', { documentId: D1, key: { store: 'file', id: key.id, password: P12_PASSWORD } });
    signedSha = sha256;
    // The screens showing the document are told at once.
    await eventually(async () => changed.some((e) => JSON.stringify(e) === JSON.stringify({ scope: 'outgoing', ids: [D1] })));
    off();
    const signed = await signer.call('outgoing.get', { id: D1 });
    expect(signed?.document.status).toBe('to_issue');
    expect(signed?.pending.map((p) => p.name)).toEqual(['outgoing.sign']);
    expect(signed?.document.versions.at(-1)).toMatchObject({ kind: 'signed', file: { sha256, mime: 'application/pdf' } });
    expect(signed?.document.signatures).toMatchObject([{ role: 'signer', keyStore: 'file', certificate: { subject: 'Trần Minh Quang' } }]);

    // An incremental update: the signed file begins with the draft's exact bytes.
    const bytes = await bytesOf(signer, sha256);
    expect(bytes.subarray(0, draftBytes.length).equals(Buffer.from(draftBytes))).toBe(true);
    const sigs = pdfsigOf(bytes);
    expect(sigs).toHaveLength(1);
    expect(sigs[0]).toMatchObject({ commonName: 'Trần Minh Quang', valid: true, certificate: 'Certificate is Trusted.', totalDocumentSigned: true });
    const own = await signer.call('outgoing.verify', { sha256 });
    expect(own.trustedRootCount).toBe(1);
    expect(own.checks).toMatchObject([{ signerName: 'Trần Minh Quang', integrity: 'intact', chain: 'trusted', validity: 'valid', status: 'valid', revocation: 'not_checked_offline' }]);

    // The server checks the signed file against the draft and takes it.
    await signer.call('sync.now');
    expect(await signer.call('sync.status')).toMatchObject({ pendingCount: 0, failedCount: 0 });
    await clerk.call('sync.now');
    expect((await clerk.call('outgoing.list', { view: 'to_issue' })).items.map((i) => [i.id, i.status, i.pending])).toEqual([[D1, 'to_issue', false]]);
  });

  it('the chairman signs with a SoftHSM token and its PIN; a wrong PIN signs and queues nothing', async () => {
    await submitted(D2, 'V/v kiểm tra chữ ký số trên thiết bị token', [{ kind: 'sign', userId: U.chutich.id }], await makeTestPdf({ signerName: U.chutich.fullName, numberLine: 'Số:      /UBND-KT', pages: 3 }));
    await signer.call('sync.now');
    token.push(createTestToken({ pkcs8: pki.person.pkcs8, certificate: pki.person.certificate, caCertificates: [pki.intermediate.certificate, pki.root.certificate], pin: '246810' }));
    const t = token[0]!;

    expect((await signer.call('outgoing.keys', {})).tokenLibrary).toBeNull();
    expect(await codeOf(signer.call('outgoing.tokenKeys', { pin: t.pin }))).toBe('token_library_missing');
    expect(await codeOf(signer.call('outgoing.setTokenLibrary', { path: '/usr/lib/khong-co/libtoken.so' }))).toBe('token_library_missing');
    await signer.call('outgoing.setTokenLibrary', { path: SOFTHSM_LIBRARY });
    expect((await signer.call('outgoing.keys', {})).tokenLibrary).toBe(SOFTHSM_LIBRARY);

    expect(await codeOf(signer.call('outgoing.tokenKeys', { pin: '000000' }))).toBe('token_pin_wrong');
    const onToken = await signer.call('outgoing.tokenKeys', { pin: t.pin });
    expect(onToken.map((k) => [k.id, k.store, k.certificate.subject])).toEqual([[t.id, 'token', 'Trần Minh Quang']]);

    expect(await codeOf(signer.call('outgoing.sign', { documentId: D2, key: { store: 'token', id: t.id, pin: '111111' } }))).toBe('token_pin_wrong');
    expect((await signer.call('sync.status')).pendingCount).toBe(0);
    const still = await signer.call('outgoing.get', { id: D2 });
    expect([still?.document.status, still?.document.versions.map((v) => v.kind)]).toEqual(['to_sign', ['draft']]);

    const { sha256 } = await signer.call('outgoing.sign', { documentId: D2, key: { store: 'token', id: t.id, pin: t.pin } });
    const sigs = pdfsigOf(await bytesOf(signer, sha256));
    expect(sigs).toMatchObject([{ commonName: 'Trần Minh Quang', valid: true, certificate: 'Certificate is Trusted.' }]);
    expect((await signer.call('outgoing.get', { id: D2 }))?.document.signatures).toMatchObject([{ keyStore: 'token' }]);
    await signer.call('sync.now');
    expect(await signer.call('sync.status')).toMatchObject({ pendingCount: 0, failedCount: 0 });
  });

  it('a number asked for offline is only a request; the server numbers it; the clerk seals: two intact signatures and the number in the blank', async () => {
    await clerk.call('sync.now');
    clerkProxy.setOffline(true);
    await clerk.call('mutate', { name: 'outgoing.issue', args: { documentId: D1 } });
    const asked = await clerk.call('outgoing.get', { id: D1 });
    expect(asked?.document).toMatchObject({ status: 'to_issue', number: null });
    expect(asked?.document.issueRequestedAt).not.toBeNull();
    expect(asked?.allowedActions).not.toContain('outgoing.seal');
    expect(asked?.numberPreview).toMatchObject({ codeNotation: 'UBND-KT' });
    const agencyP12 = await toPkcs12({ key: pki.organisation.pkcs8, certificate: pki.organisation.certificate, chain: [pki.intermediate.certificate, pki.root.certificate], password: P12_PASSWORD });
    const seal = await clerk.call('outgoing.importPkcs12', { bytes: agencyP12, password: P12_PASSWORD, label: 'Chứng thư số cơ quan' });
    expect(await codeOf(clerk.call('outgoing.seal', { documentId: D1, key: { store: 'file', id: seal.id, password: P12_PASSWORD } }))).toBe('outgoing_wrong_status');

    clerkProxy.setOffline(false);
    await clerk.call('sync.now');
    const numbered = await clerk.call('outgoing.get', { id: D1 });
    expect(numbered?.document).toMatchObject({ status: 'numbered', number: { codeNumber: '01', codeNotation: 'UBND-KT', n: 1 } });
    expect(numbered?.pending).toEqual([]);
    expect(numbered?.allowedActions).toContain('outgoing.seal');

    ({ sha256: issuedSha } = await clerk.call('outgoing.seal', { documentId: D1, key: { store: 'file', id: seal.id, password: P12_PASSWORD } }));
    const issued = await clerk.call('outgoing.get', { id: D1 });
    expect(issued?.document.status).toBe('issued');
    expect(issued?.document.versions.at(-1)).toMatchObject({ kind: 'issued', file: { sha256: issuedSha } });

    const bytes = await bytesOf(clerk, issuedSha);
    const signedBytes = await bytesOf(clerk, signedSha);
    expect(bytes.subarray(0, signedBytes.length).equals(signedBytes)).toBe(true);
    const sigs = pdfsigOf(bytes);
    expect(sigs.map((s) => [s.commonName, s.valid, s.certificate])).toEqual([
      ['Trần Minh Quang', true, 'Certificate is Trusted.'],
      [AGENCY, true, 'Certificate is Trusted.'],
    ]);
    const own = await clerk.call('outgoing.verify', { sha256: issuedSha });
    expect(own.checks.map((c) => [c.signerName, c.integrity, c.chain, c.laterChanges])).toEqual([
      ['Trần Minh Quang', 'intact', 'trusted', 'additions'],
      [AGENCY, 'intact', 'trusted', 'none'],
    ]);

    // The number stands in the blank of "Số:      /UBND-KT" (pdf.js reads the page and its stamps).
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
    const page = await doc.getPage(1);
    const symbol = (await page.getTextContent()).items.find((i) => 'str' in i && i.str.includes('/UBND-KT')) as { transform: number[] } | undefined;
    const stamps = (await page.getAnnotations()) as { subtype: string; contentsObj?: { str: string }; rect: number[] }[];
    const number = stamps.find((a) => a.subtype === 'FreeText' && a.contentsObj?.str === '01');
    expect(symbol && number).toBeTruthy();
    expect(Math.abs(number!.rect[1]! - symbol!.transform[5]!)).toBeLessThan(8);
    expect(number!.rect[2]!).toBeLessThanOrEqual(symbol!.transform[4]! + 1);
    await doc.destroy();

    await clerk.call('sync.now');
    expect(await clerk.call('sync.status')).toMatchObject({ pendingCount: 0, failedCount: 0 });
    await signer.call('sync.now');
    expect((await signer.call('outgoing.list', { view: 'issued' })).items.map((i) => [i.id, i.numberSymbol])).toEqual([[D1, '01/UBND-KT']]);
  });

  it('verification tells a tampered file, an unknown CA and an expired certificate apart, on any cached PDF (an incoming one too)', async () => {
    const plain = await makeTestPdf({ signerName: 'Phạm Văn Mạo' });
    const unknown = await signPdf(plain, pki.unknownKey, { signingTime: SIGNING_TIME, appearance: null });
    const expired = await signPdf(plain, pki.expiredKey, { signingTime: SIGNING_TIME, appearance: null });
    const tampered = Buffer.from(await bytesOf(signer, signedSha));
    // One byte of the draft's page changed, inside what the signature covers.
    const at = tampered.indexOf('stream', 200, 'latin1') + 20;
    tampered[at] = tampered[at]! ^ 0x01;

    const check = async (bytes: Uint8Array) => {
      const ref = await signer.call('files.add', { name: 'kiem-tra.pdf', bytes });
      return (await signer.call('outgoing.verify', { sha256: ref.sha256 })).checks;
    };
    expect(await check(tampered)).toMatchObject([{ integrity: 'broken', status: 'invalid' }]);
    expect(await check(unknown)).toMatchObject([{ signerName: 'Phạm Văn Mạo', integrity: 'intact', chain: 'unknown_ca', status: 'untrusted' }]);
    expect(await check(expired)).toMatchObject([{ signerName: 'Lê Thị Hoa', integrity: 'intact', chain: 'trusted', validity: 'expired', status: 'invalid' }]);
    expect(await check(plain)).toEqual([]);

    // An incoming document registered by the clerk: the chairman's core fetches its file and checks it.
    const ref = await clerk.call('files.add', { name: 'cong-van-den.pdf', bytes: unknown });
    const incomingId = randomUUID();
    await clerk.call('mutate', { name: 'incoming.register', args: { documentId: incomingId, metadata: metadata(), files: [ref] } });
    await clerk.call('sync.now');
    await signer.call('sync.now');
    const incoming = await signer.call('incoming.get', { id: incomingId });
    expect((await signer.call('outgoing.verify', { sha256: incoming!.doc.files[0]!.sha256 })).checks).toMatchObject([{ chain: 'unknown_ca', status: 'untrusted' }]);
  });

  it("each role's lists and badges, and search without accents", async () => {
    for (const c of [author, reviewer, signer, clerk, outsider]) await c.call('sync.now');
    const lists = async (c: RpcClient) => ({
      counts: await c.call('outgoing.counts', {}),
      mine: (await c.call('outgoing.list', { view: 'mine' })).items.map((i) => i.id),
      issued: (await c.call('outgoing.list', { view: 'issued' })).items.map((i) => i.id),
    });
    expect(await lists(author)).toEqual({ counts: { mine: 1, to_review: 0, to_sign: 0, to_issue: 0, issued: 1, all: 2 }, mine: [D2], issued: [D1] });
    expect((await lists(reviewer)).counts).toEqual({ mine: 0, to_review: 0, to_sign: 0, to_issue: 0, issued: 1, all: 2 });
    expect((await lists(signer)).counts).toEqual({ mine: 0, to_review: 0, to_sign: 0, to_issue: 0, issued: 1, all: 2 });
    expect((await lists(clerk)).counts).toEqual({ mine: 0, to_review: 0, to_sign: 0, to_issue: 1, issued: 1, all: 2 });
    expect((await lists(outsider)).counts).toEqual({ mine: 0, to_review: 0, to_sign: 0, to_issue: 0, issued: 0, all: 0 });

    expect((await author.call('outgoing.search', { query: 'trien khai ky so' })).map((i) => i.id)).toEqual([D1]);
    expect((await author.call('outgoing.search', { query: 'TRIỂN KHAI' })).map((i) => i.id)).toEqual([D1]);
    expect((await clerk.call('outgoing.search', { query: 'so tai chinh' })).map((i) => i.id)).toEqual([D1]);
    expect((await clerk.call('outgoing.list', { view: 'all', query: 'thiet bi token' })).items.map((i) => i.id)).toEqual([D2]);
    expect(await outsider.call('outgoing.search', { query: 'trien khai' })).toEqual([]);

    // The register of outgoing documents (sổ đăng ký văn bản đi) lists what was issued, from the clerk's cache.
    const day = (offset: number): string => new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const book = await clerk.call('outgoing.registerBook', { book: 'outgoing', from: day(-1), to: day(1), format: 'pdf' });
    expect(book.name).toMatch(/^so-dang-ky-van-ban-di_.*\.pdf$/u);
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: book.bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(text).toContain('01/UBND-KT');
    await doc.destroy();
    const xlsx = await clerk.call('outgoing.registerBook', { book: 'outgoing', from: day(-1), to: day(1), format: 'xlsx' });
    expect(Buffer.from(xlsx.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');

    // A draft made offline heads "Dự thảo của tôi", marked pending, and is found by search at once.
    const D3 = randomUUID();
    await author.call('mutate', {
      name: 'outgoing.create',
      args: { documentId: D3, fields: { documentType: 'Tờ trình', subject: 'Tờ trình về việc đầu tư đường giao thông nông thôn', draftingUnitId: UNITS.economy.id } },
    });
    const mine = await author.call('outgoing.list', { view: 'mine' });
    expect([mine.items.map((i) => [i.id, i.pending]), mine.total]).toEqual([[[D3, true], [D2, false]], 2]);
    expect((await author.call('outgoing.counts', {})).mine).toBe(2);
    expect((await author.call('outgoing.search', { query: 'duong giao thong' })).map((i) => [i.id, i.pending])).toEqual([[D3, true]]);
  });

  it('a reply is drafted from an incoming document: to the issuer by mail when its address is known, else on paper', async () => {
    const byMail = randomUUID();
    const onPaper = randomUUID();
    const ref = await clerk.call('files.add', { name: 'den.pdf', bytes: await makeTestPdf() });
    await clerk.call('mutate', {
      name: 'incoming.register',
      args: {
        documentId: byMail,
        metadata: metadata({ issuer: 'Sở Tài chính tỉnh Kon Tum', codeNumber: '245', codeNotation: 'STC-NS', issuedDate: '2026-11-20', sourceMail: { messageIdHeader: '<a1@stc.kontum.gov.vn>', from: { name: 'Sở Tài chính', address: 'STC@kontum.gov.vn' }, subject: 'Công văn', receivedAt: '2026-11-21T01:00:00.000Z' } }),
        files: [ref],
      },
    });
    await clerk.call('mutate', { name: 'incoming.register', args: { documentId: onPaper, metadata: metadata({ issuer: 'Bộ Nội vụ', codeNumber: '12', codeNotation: 'BNV-VP', urgency: 'urgent' }), files: [ref] } });
    const reply = await clerk.call('outgoing.replyDraft', { incomingId: byMail });
    expect(reply).toMatchObject({
      replyTo: byMail,
      documentType: 'Công văn',
      subject: 'V/v trả lời công văn số 245/STC-NS ngày 20/11/2026 của Sở Tài chính tỉnh Kon Tum',
      draftingUnitId: UNITS.office.id,
      recipients: [{ kind: 'mail', name: 'Sở Tài chính tỉnh Kon Tum', email: 'stc@kontum.gov.vn' }],
    });
    expect(await clerk.call('outgoing.replyDraft', { incomingId: onPaper })).toMatchObject({ urgency: 'urgent', recipients: [{ kind: 'paper', name: 'Bộ Nội vụ', email: null }] });
    expect(await codeOf(clerk.call('outgoing.replyDraft', { incomingId: randomUUID() }))).toBe('not_found');
    // The reply is a draft like any other, linked back to what it answers.
    const R = randomUUID();
    const { replyTo, ...fields } = reply;
    await clerk.call('mutate', { name: 'outgoing.create', args: { documentId: R, fields: { ...fields, documentType: fields.documentType!, subject: fields.subject!, draftingUnitId: fields.draftingUnitId! }, replyTo } });
    expect((await clerk.call('outgoing.get', { id: R }))?.replyTo).toMatchObject({ id: byMail, title: expect.stringContaining('245/STC-NS') });
  });

  it('without LibreOffice a DOCX is not converted: the answer says so', async () => {
    // No converter on these machines (ENVIRONMENT.md): the screen then asks for the PDF.
    expect(findSoffice()).toBeNull();
    const ref = await author.call('files.add', { name: 'du-thao.docx', kind: 'attachment', bytes: new Uint8Array(Buffer.from('PK\u0003\u0004 not really a docx')) });
    expect(await author.call('outgoing.convertToPdf', { sha256: ref.sha256, name: 'du-thao.docx' })).toEqual({ available: false, file: null });
  });

  it('dispatch by official mail: refused without a mail account; with one, the issued PDF goes to the recipient and the delivery is recorded', async () => {
    expect(await codeOf(clerk.call('outgoing.sendByMail', { documentId: D1, recipientIds: [MAIL_RECIPIENT] }))).toBe('mail_account_missing');
    const mc: MailCore = await startMailCore({ server });
    try {
      await mc.rpc.call('sync.now');
      const sent = await mc.rpc.call('outgoing.sendByMail', { documentId: D1, recipientIds: [MAIL_RECIPIENT] });
      expect(sent).toEqual({ sent: [MAIL_RECIPIENT], failed: [] });
      const delivery = (await mc.rpc.call('outgoing.get', { id: D1 }))?.document.deliveries.find((d) => d.recipientId === MAIL_RECIPIENT);
      expect(delivery).toMatchObject({ state: 'sent', by: U.vanthu.id });
      // Accepted by the mail server; delivered to the mailbox a moment later.
      const inbox = await eventually(async () => { const m = await serverMessages(mailAddress, 'INBOX'); return m.length > 0 && m; });
      expect(inbox.map((m) => [m.subject, m.messageId])).toEqual([[expect.stringContaining('Văn bản số 01/UBND-KT'), delivery!.messageId!.replace(/^<|>$/gu, '')]]);
      // The issued PDF, byte for byte, is attached.
      const imap = await otherClient(mailAddress);
      try {
        await imap.mailboxOpen('INBOX');
        const msg = await imap.fetchOne('*', { bodyStructure: true });
        const part = msg ? msg.bodyStructure?.childNodes?.find((n) => n.type === 'application/pdf') : undefined;
        expect(part?.dispositionParameters?.filename).toBe('01-UBND-KT.pdf');
        const { content } = await imap.download('*', part?.part ?? '');
        const chunks: Buffer[] = [];
        for await (const c of content ?? []) chunks.push(c as Buffer);
        expect(Buffer.concat(chunks).equals(await bytesOf(mc.rpc, issuedSha))).toBe(true);
      } finally {
        await imap.logout();
      }
      await mc.rpc.call('sync.now');
      expect(await mc.rpc.call('sync.status')).toMatchObject({ pendingCount: 0, failedCount: 0 });
      await clerk.call('sync.now');
      expect((await clerk.call('outgoing.get', { id: D1 }))?.document.deliveries.find((d) => d.recipientId === MAIL_RECIPIENT)?.state).toBe('sent');
    } finally {
      await mc.close();
    }
  });
});
