/**
 * The demo agency's outgoing documents (src/server/seed/content/outgoing.ts, seedOutgoing.ts):
 * states the shared outgoing rules made over two years — every state, most issued, a few
 * revoked or replaced; numbers consecutive in each register's series for the year; the units'
 * copies in their own arrival series; replies to incoming documents their authors see; work
 * waiting in the demo people's lists — and, loaded by seedDemo into a real server (PGlite, as
 * the demo runs), PDFs whose signatures the engine's verifier finds intact and trusted against
 * the agency's demo root, key files the engine loads, with which the chairman signs a draft
 * awaiting him and the clerk numbers and seals a signed document, accepted by the server.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgView } from '../../src/shared/domain/org.js';
import { accessUserIds } from '../../src/shared/incoming/rules.js';
import type { IncomingDocument } from '../../src/shared/incoming/model.js';
import { OUTGOING_STATUSES } from '../../src/shared/outgoing/constants.js';
import { OutgoingDocument } from '../../src/shared/outgoing/model.js';
import { registerFor, symbolFor } from '../../src/shared/outgoing/numbering.js';
import { outgoingViewsOf } from '../../src/shared/outgoing/rights.js';
import { vnDateParts } from '../../src/shared/text/vietnamese.js';
import { findPlacement, loadPkcs12, verifyPdfSignatures } from '../../src/node/pdfsign/index.js';
import { certificateSummaryOf } from '../../src/node/pdfsign/certificateSummary.js';
import { loadOrganisation } from '../../src/server/org/organisation.js';
import { openServerContext, startServer, type RunningServer } from '../../src/server/server.js';
import { demoIncomingDocuments } from '../../src/server/seed/content/documents.js';
import { DEMO_PASSWORD, DEMO_USERS, demoOrganisation } from '../../src/server/seed/content/organisation.js';
import { buildDemoOutgoing, demoOutgoingRegisters, planDemoOutgoing, type DemoReplySource, type OutgoingPlan, type PlanFiles } from '../../src/server/seed/content/outgoing.js';
import { replayPlan, seedDemo } from '../../src/server/seed/seedDemo.js';
import { replySourceOf } from '../../src/server/seed/seedOutgoing.js';
import { placementOf } from '../../src/server/seed/content/outgoingSigning.js';
import { renderPdfWithText } from '../../src/server/seed/content/pdf.js';
import { login, PushClient } from '../helpers/api.js';
import { download, expectApplied, outgoingOf, pullIncoming, pullOutgoing, sealAs, signAs, upload } from '../server/outgoingSupport.js';

const demo = demoOrganisation();
const registers = demoOutgoingRegisters(demo);
const [decisions, shared, secret] = registers as [(typeof registers)[number], (typeof registers)[number], (typeof registers)[number]];
const orgView: OrgView = {
  units: demo.units.map((u) => ({ ...u, agencyId: demo.agency.id })),
  users: demo.users.map((u) => ({ ...u, agencyId: demo.agency.id, active: true })),
  outgoing: { registers, trustedRoots: [] },
};
const user = (username: string) => orgView.users.find((u) => u.username === username)!;
const agency = { name: demo.agency.name, abbreviation: demo.agency.abbreviation };

/** The numbers of each register's series for a year are 1…n, in the order of issue. */
function expectSeries(docs: readonly OutgoingDocument[]): Map<string, number> {
  const series = new Map<string, OutgoingDocument[]>();
  for (const d of docs) if (d.number) series.set(`${d.number.registerId}/${d.number.year}`, [...(series.get(`${d.number.registerId}/${d.number.year}`) ?? []), d]);
  for (const [key, list] of series) {
    const byNumber = [...list].sort((a, b) => a.number!.n - b.number!.n);
    expect(byNumber.map((d) => d.number!.n), key).toEqual(byNumber.map((_, i) => i + 1));
    const byTime = [...list].sort((a, b) => Date.parse(a.number!.issuedAt) - Date.parse(b.number!.issuedAt));
    expect(byTime.map((d) => d.id), key).toEqual(byNumber.map((d) => d.id));
  }
  return new Map([...series].map(([k, v]) => [k, v.length]));
}

/** Stand-in files (no PDFs): what the rules need of them, distinct per plan and version. */
const fakeFiles = (p: OutgoingPlan): PlanFiles => {
  const f = (what: string) => ({ sha256: createHash('sha256').update(`${p.id}/${what}`).digest('hex'), name: `${what}.pdf`, size: 1000, mime: 'application/pdf' });
  return { drafts: [f('v1'), f('v2')], signed: f('signed'), issued: f('issued') };
};
const certificate = { subject: 'Trần Minh Quang', organisation: demo.agency.name, issuer: 'CA thử nghiệm iOffice (đào tạo)', serial: '1a', sha256: 'a'.repeat(64), notBefore: '2020-01-01T00:00:00.000Z', notAfter: '2040-01-01T00:00:00.000Z' };

describe('the demo outgoing documents, by the rules', () => {
  // A Tuesday morning; the two years before it.
  const endDate = new Date('2026-12-01T10:00:00+07:00');
  const incoming = new Map<string, IncomingDocument>();
  const sources: DemoReplySource[] = [];
  let plans: OutgoingPlan[];
  let docs: OutgoingDocument[];
  let copies: IncomingDocument[];

  function build(): { plans: OutgoingPlan[]; docs: OutgoingDocument[]; copies: IncomingDocument[] } {
    const planned = planDemoOutgoing(demo, { count: 1000, endDate, years: 2, registers, replySources: sources });
    const built = planned.plans.map((p) => buildDemoOutgoing(p, { org: orgView, agency, arrivals: planned.arrivals, files: fakeFiles, certificate: () => ({ certificate, keyStore: 'file' }) }));
    return { plans: planned.plans, docs: built.map((b) => b.doc), copies: built.flatMap((b) => b.copies) };
  }

  beforeAll(() => {
    const users = new Map(orgView.users.map((u) => [u.id, u]));
    let n = 0;
    for (const d of demoIncomingDocuments(demo, { count: 1500, endDate, years: 2 })) {
      const doc = replayPlan(d, ++n, users, orgView, []);
      incoming.set(doc.id, doc);
      const s = replySourceOf(d, doc, orgView);
      if (s) sources.push(s);
    }
    ({ plans, docs, copies } = build());
  });

  it('are valid states in every state of the workflow, most of them issued, none changed at or after now', () => {
    expect(docs.length).toBe(1000);
    expect(new Set(docs.map((d) => d.id)).size).toBe(1000);
    for (const d of docs) expect(OutgoingDocument.safeParse(d).success, d.id).toBe(true);
    const byStatus = new Map<string, number>();
    for (const d of docs) byStatus.set(d.status, (byStatus.get(d.status) ?? 0) + 1);
    expect([...byStatus.keys()].sort()).toEqual([...OUTGOING_STATUSES].sort());
    expect(byStatus.get('issued')! + byStatus.get('revoked')!).toBeGreaterThan(850);
    for (const d of docs) {
      expect(Date.parse(d.updatedAt), d.id).toBeLessThan(endDate.getTime());
      expect(d.history.every((h, i) => Date.parse(h.at) < endDate.getTime() && (i === 0 || h.at >= d.history[i - 1]!.at)), d.id).toBe(true);
    }
    // An issued document: signed by its signer, sealed by the agency, its deliveries tracked.
    const issued = docs.find((d) => d.status === 'issued' && d.deliveries.length > 1)!;
    expect(issued.signatures.map((s) => s.role)).toEqual(['signer', 'agency']);
    expect(issued.versions.map((v) => v.kind).slice(-2)).toEqual(['signed', 'issued']);
    const states = new Set(docs.flatMap((d) => d.deliveries.map((x) => x.state)));
    for (const s of ['sent', 'received', 'revoked']) expect(states).toContain(s);
  });

  it('are numbered consecutively in the register of their type and secrecy, for each year, in the order of issue', () => {
    const numbered = docs.filter((d) => d.number !== null);
    for (const d of numbered) {
      expect(d.number!.registerId).toBe(registerFor(registers, d.documentType, d.confidentiality)!.id);
      expect(d.number!.codeNotation).toBe(symbolFor(d.documentType, 'UBND', demo.units.find((u) => u.id === d.draftingUnitId)!.abbreviation));
    }
    const series = expectSeries(numbered);
    const years = [...series.keys()].map((k) => Number(k.split('/')[1]));
    expect(new Set(years)).toEqual(new Set([2024, 2025, 2026]));
    expect([...series.keys()].some((k) => k.startsWith(decisions.id))).toBe(true);
    expect([...series.keys()].some((k) => k.startsWith(shared.id))).toBe(true);
    expect(numbered.filter((d) => d.number!.registerId === secret.id).every((d) => d.confidentiality !== 'normal')).toBe(true);
    expect(numbered.find((d) => d.documentType === 'Quyết định')!.number!.codeNotation).toBe('QĐ-UBND');
  });

  it('leave work in the demo people’s lists: the specialist’s drafts, the unit leader’s review, the chairman’s signature, the clerk’s numbers and seals', () => {
    const views = (username: string) => {
      const u = user(username);
      const out = new Map<string, OutgoingDocument[]>();
      for (const d of docs) for (const v of outgoingViewsOf(d, u)) out.set(v, [...(out.get(v) ?? []), d]);
      return out;
    };
    const mine = views(DEMO_USERS.specialist).get('mine')!;
    for (const status of ['drafting', 'reviewing', 'to_sign']) expect(mine.map((d) => d.status)).toContain(status);
    expect(mine.some((d) => d.status === 'drafting' && d.returnedReason !== '')).toBe(true);
    expect(views(DEMO_USERS.unitLeader).get('to_review')?.length).toBeGreaterThan(0);
    expect(views(DEMO_USERS.leader).get('to_sign')?.length).toBeGreaterThanOrEqual(2);
    const clerk = views(DEMO_USERS.clerk).get('to_issue')!;
    expect(clerk.filter((d) => d.status === 'to_issue').length).toBeGreaterThanOrEqual(4);
    expect(clerk.filter((d) => d.status === 'numbered').length).toBeGreaterThanOrEqual(2);
  });

  it('answer incoming documents their authors see; replace and correct issued ones, linked both ways; revoke a few with the reason', () => {
    const replies = docs.filter((d) => d.replyTo !== null);
    expect(replies.length).toBeGreaterThan(30);
    for (const r of replies) {
      const answered = incoming.get(r.replyTo!);
      expect(answered, r.id).toBeDefined();
      expect(accessUserIds(answered!, orgView).has(r.createdBy)).toBe(true);
      expect(Date.parse(r.createdAt)).toBeGreaterThan(Date.parse(answered!.arrivalDate));
      expect(r.subject).toContain(`${answered!.codeNumber}/${answered!.codeNotation}`);
    }
    const byId = new Map(docs.map((d) => [d.id, d]));
    const related = docs.filter((d) => d.relation !== null);
    expect(related.length).toBeGreaterThan(0);
    for (const d of related) {
      const old = byId.get(d.relation!.documentId)!;
      expect(old.status).toBe('issued');
      expect(old.supersededBy).toContainEqual({ kind: d.relation!.kind, documentId: d.id });
      expect(d.subject).toContain(`${old.number!.codeNumber}/${old.number!.codeNotation}`);
      expect(Date.parse(d.createdAt)).toBeGreaterThan(Date.parse(old.number!.issuedAt));
    }
    const revoked = docs.filter((d) => d.status === 'revoked');
    expect(revoked.length).toBeGreaterThan(0);
    for (const d of revoked) expect(d.revocation?.reason).not.toBe('');
  });

  it('reach units of the agency as incoming copies in each unit’s own arrival series, revoked with their document', () => {
    expect(copies.length).toBeGreaterThan(50);
    const byId = new Map(docs.map((d) => [d.id, d]));
    const series = new Map<string, number[]>();
    for (const c of copies) {
      const d = byId.get(c.origin!.outgoingId)!;
      const delivery = d.deliveries.find((x) => x.incomingId === c.id)!;
      expect(d.recipients.find((r) => r.id === delivery.recipientId)?.unitId).toBe(c.receivingUnitId);
      expect(c.files[0]!.sha256).toBe(d.versions.at(-1)!.file.sha256);
      expect(c.codeNumber).toBe(d.number!.codeNumber);
      if (d.status === 'revoked') expect(c.revocation?.outgoingId).toBe(d.id);
      series.set(`${c.receivingUnitId}/${c.arrivalYear}`, [...(series.get(`${c.receivingUnitId}/${c.arrivalYear}`) ?? []), c.arrivalNumber]);
    }
    for (const [k, ns] of series) expect(ns.sort((a, b) => a - b), k).toEqual(ns.map((_, i) => i + 1));
    // The unit's leader dealt with the older ones.
    expect(copies.filter((c) => c.status === 'done').length).toBeGreaterThan(copies.length / 2);
  });

  it('are the same every time', () => {
    const again = build();
    expect(again.plans.map((p) => p.id)).toEqual(plans.map((p) => p.id));
    expect(again.docs).toEqual(docs);
  });
});

describe('seedDemo with the outgoing documents (PGlite, as the demo runs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioffice-seed-outgoing-'));
  const certificates = join(dir, 'certificates');
  let context: Awaited<ReturnType<typeof openServerContext>>;
  let server: RunningServer;
  let docs: OutgoingDocument[];
  let root: Uint8Array;

  beforeAll(async () => {
    context = await openServerContext({ dataDir: dir });
    await seedDemo(context, { documents: 150, tasks: 0, schedule: false, outgoing: { count: 70, ownFiles: 8, certificatesDir: certificates } });
    docs = (await context.db.query<{ state: string }>('SELECT state FROM outgoing_documents')).rows.map((r) => OutgoingDocument.parse(JSON.parse(r.state)));
    const org = await loadOrganisation(context.db, demo.agency.id);
    root = new Uint8Array(Buffer.from(org.outgoing!.trustedRoots[0]!, 'base64'));
    server = await startServer({ dataDir: dir, host: '127.0.0.1', port: 0, logLevel: 'silent' }, context);
  }, 240_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('configures the agency’s registers and trusts the demo CA; numbers without gaps or duplicates; the counters follow', async () => {
    const org = await loadOrganisation(context.db, demo.agency.id);
    expect(org.outgoing!.registers.map((r) => r.name)).toEqual(['Sổ Quyết định', 'Sổ văn bản đi', 'Sổ văn bản mật']);
    expect(org.outgoing!.trustedRoots).toHaveLength(1);
    expect(docs).toHaveLength(70);
    const series = expectSeries(docs);
    const counters = (await context.db.query<{ register_id: string; year: number; last_number: number }>('SELECT register_id, year, last_number FROM outgoing_counters')).rows;
    expect(new Map(counters.map((c) => [`${c.register_id}/${c.year}`, Number(c.last_number)]))).toEqual(series);
  });

  it('signs the PDFs: an issued one carries the signer’s and the agency’s signatures, intact and trusted; each version extends the one before', async () => {
    const issued = docs.filter((d) => d.status === 'issued');
    // The most recent have their own files, older ones share their signer's.
    const sample = [...issued.slice(-3), ...issued.slice(0, 2)];
    for (const d of sample) {
      const issuedFile = await context.blobs.read(d.versions.at(-1)!.file.sha256);
      const signedFile = await context.blobs.read(d.versions.findLast((v) => v.kind === 'signed')!.file.sha256);
      const draft = await context.blobs.read(d.versions.findLast((v) => v.kind === 'draft')!.file.sha256);
      expect(Buffer.from(issuedFile.subarray(0, signedFile.length)).equals(Buffer.from(signedFile))).toBe(true);
      expect(Buffer.from(signedFile.subarray(0, draft.length)).equals(Buffer.from(draft))).toBe(true);
      const checks = await verifyPdfSignatures(issuedFile, { trustedRoots: [root] });
      expect(checks.map((c) => [c.integrity, c.chain, c.status])).toEqual([
        ['intact', 'trusted', 'valid_with_later_additions'],
        ['intact', 'trusted', 'valid'],
      ]);
      expect(checks[1]!.signer?.commonName).toBe(demo.agency.name);
      expect(checks[0]!.signer?.issuerCommonName).toBe('CA thử nghiệm iOffice (đào tạo)');
    }
    // Its own file: its own signer and the signing time its record says.
    const own = issued.at(-1)!;
    const checks = await verifyPdfSignatures(await context.blobs.read(own.versions.at(-1)!.file.sha256), { trustedRoots: [root] });
    expect(checks[0]!.signer?.fingerprintSha256).toBe(own.signatures[0]!.certificate.sha256);
    expect(Date.parse(checks[0]!.signingTime!)).toBe(Math.floor(Date.parse(own.signatures[0]!.at) / 1000) * 1000);
    // The number in the blank before "/SYMBOL", the date's parts in "ngày … tháng … năm …" (pdf.js reads the page and its stamps).
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: await context.blobs.read(own.versions.at(-1)!.file.sha256), isEvalSupported: false, verbosity: 0 }).promise;
    const page = await pdf.getPage(1);
    const items = (await page.getTextContent()).items.filter((i) => 'str' in i) as { str: string; transform: number[] }[];
    const symbol = items.find((i) => i.str.includes(`/${own.number!.codeNotation}`))!;
    const stamps = ((await page.getAnnotations()) as { subtype: string; contentsObj?: { str: string }; rect: number[] }[]).filter((a) => a.subtype === 'FreeText');
    const number = stamps.find((a) => a.contentsObj?.str === own.number!.codeNumber)!;
    expect(Math.abs(number.rect[1]! - symbol.transform[5]!)).toBeLessThan(8);
    expect(number.rect[2]!).toBeLessThanOrEqual(symbol.transform[4]! + 1);
    const vn = new Date(Date.parse(own.number!.issuedAt) + 7 * 3600_000);
    expect(stamps.map((a) => a.contentsObj?.str)).toEqual(expect.arrayContaining([String(vn.getUTCDate()).padStart(2, '0'), String(vn.getUTCFullYear())]));
    await pdf.destroy();
  });

  it('places the signatures as the engine reading the PDF would: the text the seed drew gives the places pdf.js finds', async () => {
    const cases = [
      { documentType: 'Quyết định', codeNotation: 'QĐ-UBND', signerPosition: 'TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch', signerName: 'Nguyễn Đức Thắng' },
      { documentType: 'Công văn', codeNotation: 'UBND-KGVX', signerPosition: 'Chủ tịch', signerName: 'Trần Minh Quang', addressee: 'Sở Tài chính; Sở Nội vụ' },
      { documentType: 'Giấy mời', codeNotation: 'GM-UBND', signerPosition: 'TL. Chủ tịch, Chánh Văn phòng', signerName: 'Đặng Quốc Khánh' },
    ];
    const near = (a: unknown, b: unknown): void => {
      if (typeof a === 'number') expect(Math.abs(a - (b as number))).toBeLessThan(0.1);
      else if (a && typeof a === 'object') for (const k of Object.keys(a)) near((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
      else expect(a).toBe(b);
    };
    for (const c of cases) {
      const r = await renderPdfWithText({ ...c, unnumbered: true, issuer: demo.agency.name, issuerHeader: 'Ủy ban nhân dân\ntỉnh Kon Tum', codeNumber: '', issuedDate: '2026-11-20', subject: 'Về việc triển khai thực hiện Kế hoạch chuyển đổi số năm 2026', place: 'Kon Tum' });
      const read = await findPlacement(r.bytes, { signerName: c.signerName });
      expect(read.numberSlot?.suffix).toBe(`/${c.codeNotation}`);
      expect(read.dateSlot?.year).not.toBeNull();
      near(placementOf(r, c.signerName), read);
    }
  });

  it('answers incoming documents that exist, seen by the reply’s author', async () => {
    const replies = docs.filter((d) => d.replyTo !== null);
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) {
      const seen = await context.db.query("SELECT 1 FROM record_access WHERE record_id = $1 AND user_id = $2 AND kind = 'incoming'", [r.replyTo, r.createdBy]);
      expect(seen.rows, r.id).toHaveLength(1);
    }
  });

  it('writes the signing keys as PKCS#12 files the engine loads with the demo password: each leader’s, and the agency’s for the clerk', async () => {
    const chairman = await loadPkcs12(readFileSync(join(certificates, `${DEMO_USERS.leader}.p12`)), DEMO_PASSWORD);
    expect(certificateSummaryOf(chairman.certificate)).toMatchObject({ subject: 'Trần Minh Quang', issuer: 'CA thử nghiệm iOffice (đào tạo)' });
    const signed = docs.find((d) => d.signatures.some((s) => s.role === 'signer' && s.by === user(DEMO_USERS.leader).id))!;
    expect(signed.signatures[0]!.certificate.sha256).toBe(certificateSummaryOf(chairman.certificate).sha256);
    const seal = await loadPkcs12(readFileSync(join(certificates, `${DEMO_USERS.clerk}.p12`)), DEMO_PASSWORD);
    expect(certificateSummaryOf(seal.certificate).subject).toBe(demo.agency.name);
    await expect(loadPkcs12(readFileSync(join(certificates, `${DEMO_USERS.leader}.p12`)), 'sai mật khẩu')).rejects.toMatchObject({ code: 'certificate_password_wrong' });
  });

  it('lets the chairman sign a draft awaiting him with his key file, and the clerk number and seal a signed document with hers', async () => {
    const chairmanToken = await login(server.url, DEMO_USERS.leader, DEMO_PASSWORD);
    const clerkToken = await login(server.url, DEMO_USERS.clerk, DEMO_PASSWORD);
    const chairmanKey = await loadPkcs12(readFileSync(join(certificates, `${DEMO_USERS.leader}.p12`)), DEMO_PASSWORD);
    const agencyKey = await loadPkcs12(readFileSync(join(certificates, `${DEMO_USERS.clerk}.p12`)), DEMO_PASSWORD);

    const toSign = [...(await pullOutgoing(server.url, chairmanToken)).records.values()].find((d) => d.status === 'to_sign' && d.route[d.currentStep!]!.userId === user(DEMO_USERS.leader).id)!;
    const draft = await download(server.url, chairmanToken, toSign.versions.at(-1)!.file.sha256);
    const signed = await signAs(draft.bytes, chairmanKey, new Date());
    const file = await upload(server.url, chairmanToken, signed, 'du-thao-da-ky.pdf');
    expectApplied(await new PushClient(server.url, chairmanToken).send('outgoing.sign', { documentId: toSign.id, file, certificate: certificateSummaryOf(chairmanKey.certificate), keyStore: 'file' }));

    const clerk = new PushClient(server.url, clerkToken);
    const toIssue = [...(await pullOutgoing(server.url, clerkToken)).records.values()].filter((d) => d.status === 'to_issue');
    const target = toIssue.find((d) => d.id !== toSign.id)!;
    const before = docs.filter((d) => d.number?.registerId === registerFor(registers, target.documentType, target.confidentiality)!.id && d.number.year === vnDateParts(new Date()).year).length;
    expectApplied(await clerk.send('outgoing.issue', { documentId: target.id }));
    const numbered = (await outgoingOf(server.url, clerkToken, target.id))!;
    // The series goes on from the seeded numbers.
    expect(numbered.number!.n).toBe(before + 1);
    const signedVersion = await download(server.url, clerkToken, numbered.versions.findLast((v) => v.kind === 'signed')!.file.sha256);
    const sealed = await sealAs(signedVersion.bytes, agencyKey, numbered.number!, new Date());
    const sealedFile = await upload(server.url, clerkToken, sealed, 'phat-hanh.pdf');
    expectApplied(await clerk.send('outgoing.seal', { documentId: target.id, file: sealedFile, certificate: certificateSummaryOf(agencyKey.certificate), keyStore: 'file' }));
    expect((await outgoingOf(server.url, clerkToken, target.id))!.status).toBe('issued');
    const checks = await verifyPdfSignatures(sealed, { trustedRoots: [root] });
    expect(checks.map((c) => c.chain)).toEqual(['trusted', 'trusted']);
    // The units' copies of seeded documents reach their clerks and leaders as incoming.
    const kt = demo.units.find((u) => u.abbreviation === 'KT')!;
    const unitLeader = await login(server.url, DEMO_USERS.unitLeader, DEMO_PASSWORD);
    const copies = [...(await pullIncoming(server.url, unitLeader)).records.values()].filter((c) => c.receivingUnitId === kt.id);
    const ktCopies = (await context.db.query<{ n: string }>('SELECT count(*) AS n FROM documents WHERE receiving_unit_id = $1', [kt.id])).rows[0]!.n;
    expect(copies.length).toBe(Number(ktCopies));
  }, 120_000);
});

