/**
 * Outgoing documents (issue #10) against the real server, on PGlite and PostgreSQL: a draft of
 * Phòng Kinh tế goes its whole way over HTTP — created with a PDF, submitted along a route
 * (content review by the unit's leader, signature by the chairman), approved, signed with the
 * real engine, numbered by the server, sealed by the clerk, dispatched to Phòng Nội chính and on
 * paper — and the unit's leader and clerk pull its incoming copy, with the unit's own arrival
 * number and the issued PDF, hand it down and complete it naming the unit's reply; revocation
 * reaches the copy; a replacement links both ways.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Organisation } from '../../src/shared/model/organisation.js';
import { createOrganisation } from '../../src/server/org/organisation.js';
import { http, login } from '../helpers/api.js';
import { FIXTURE_ORG, FIXTURE_PASSWORD, U, UNITS } from '../helpers/fixtures.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { certificateOf, download, expectApplied, OutgoingFlow, outgoingOf, pullIncoming, pullOutgoing, UNIT_CLERK, type Actor, type Tokens } from './outgoingSupport.js';
import { Clock, DAY, expectRejected, loginAll, vnDate } from './support.js';

const USERS = ['cv.kinhte1', 'tp.kinhte', 'chutich', 'vanthu', 'tp.noichinh', 'cv.noichinh'] as const satisfies readonly Actor[];

describe.each(BACKENDS)('outgoing documents (%s)', (backend) => {
  let s: TestServer;
  let t: Tokens;
  let flow: OutgoingFlow;
  const clock = new Clock('2026-11-25T02:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    // Phòng Nội chính keeps its own register of arrivals: its clerk.
    await createOrganisation(s.server.db, { agency: FIXTURE_ORG.agency, units: [...FIXTURE_ORG.units], users: [...FIXTURE_ORG.users, UNIT_CLERK] }, () => FIXTURE_PASSWORD);
    t = { ...(await loginAll(s.url, USERS)), [UNIT_CLERK.username]: await login(s.url, UNIT_CLERK.username) } as Tokens;
    flow = new OutgoingFlow(s.url, t);
  });
  afterAll(async () => s?.close());

  const recipients = () => ({
    unit: { id: randomUUID(), kind: 'unit', unitId: UNITS.internal.id, name: 'Phòng Nội chính' },
    paper: { id: randomUUID(), kind: 'paper', name: 'Sở Tài chính tỉnh Kon Tum' },
    archive: { id: randomUUID(), kind: 'archive', name: 'Lưu: VT, KT' },
  });

  it('drafted, reviewed, signed, numbered, sealed and dispatched: the unit registers its copy in its own series, with the issued PDF', async () => {
    // The agency's own register of arrivals is at 2 before the unit's copy arrives.
    await flow.client('vanthu').register();
    await flow.client('vanthu').register();
    const org = Organisation.parse((await http(s.url, 'GET', '/org', { token: t['cv.kinhte1'] })).body);
    const shared = org.outgoing!.registers.find((r) => !r.secret)!;

    const r = recipients();
    const due = vnDate(clock.now(), 10);
    const id = await flow.create('cv.kinhte1', { recipients: [r.unit, r.paper, r.archive], fields: { replyDueDate: due, subject: 'V/v rà soát hồ sơ đất đai' } });
    let doc = (await outgoingOf(s.url, t['cv.kinhte1'], id))!;
    expect(doc).toMatchObject({ status: 'drafting', createdBy: U['cv.kinhte1'].id, versions: [{ n: 1, kind: 'draft' }] });
    // Nobody but the author and the unit's leader sees a draft.
    expect(await outgoingOf(s.url, t.vanthu, id)).toBeUndefined();
    expect(await outgoingOf(s.url, t.chutich, id)).toBeUndefined();
    expect(await outgoingOf(s.url, t['tp.kinhte'], id)).toBeDefined();

    await flow.submit('cv.kinhte1', id, [
      ['review', 'tp.kinhte'],
      ['sign', 'chutich'],
    ]);
    expect((await outgoingOf(s.url, t.chutich, id))!).toMatchObject({ status: 'reviewing', currentStep: 0, signerId: U.chutich.id });
    await flow.client('tp.kinhte').apply('outgoing.approve', { documentId: id, comment: 'Đồng ý nội dung' });
    expect((await outgoingOf(s.url, t.chutich, id))!).toMatchObject({ status: 'to_sign', currentStep: 1 });

    const pki = await flow.pki();
    const signed = await flow.sign('chutich', id);
    expectApplied(signed.r);
    doc = (await outgoingOf(s.url, t.vanthu, id))!;
    expect(doc).toMatchObject({ status: 'to_issue', versions: [{ kind: 'draft' }, { kind: 'signed' }], signatures: [{ role: 'signer', by: U.chutich.id, version: 2 }] });
    expect(doc.signatures[0]!.certificate).toEqual(certificateOf(pki.person.certificate));

    expectApplied(await flow.issue('vanthu', id));
    doc = (await outgoingOf(s.url, t['cv.kinhte1'], id))!;
    expect(doc.status).toBe('numbered');
    expect(doc.number).toEqual({ registerId: shared.id, year: 2026, n: 1, codeNumber: '01', codeNotation: 'UBND-KT', issuedAt: clock.iso(), issuedBy: U.vanthu.id });

    const sealed = await flow.seal('vanthu', id);
    expectApplied(sealed.r);
    doc = (await outgoingOf(s.url, t.vanthu, id))!;
    expect(doc.status).toBe('issued');
    expect(Buffer.from(sealed.bytes.subarray(0, signed.bytes.length)).equals(Buffer.from(signed.bytes))).toBe(true);
    expect(doc.signatures.map((x) => [x.role, x.certificate.sha256])).toEqual([
      ['signer', certificateOf(pki.person.certificate).sha256],
      ['agency', certificateOf(pki.organisation.certificate).sha256],
    ]);
    // The archive line is listed, never sent.
    expect(doc.deliveries.map((d) => [d.recipientId, d.state])).toEqual([
      [r.unit.id, 'pending'],
      [r.paper.id, 'pending'],
    ]);
    // Issued: the agency's leaders see it now.
    expect(await outgoingOf(s.url, t.chutich, id)).toBeDefined();

    expectApplied(await flow.client('vanthu').send('outgoing.dispatch', { documentId: id, recipientIds: [r.unit.id, r.paper.id] }));
    doc = (await outgoingOf(s.url, t.vanthu, id))!;
    const unitDelivery = doc.deliveries.find((d) => d.recipientId === r.unit.id)!;
    expect(unitDelivery).toMatchObject({ state: 'received', by: U.vanthu.id, incomingId: expect.any(String) });
    expect(doc.deliveries.find((d) => d.recipientId === r.paper.id)).toMatchObject({ state: 'sent', incomingId: null });

    // Phòng Nội chính's leader and clerk pull the copy: its own series starts at 1.
    for (const u of ['tp.noichinh', UNIT_CLERK.username] as const) {
      const copy = (await pullIncoming(s.url, t[u])).records.get(unitDelivery.incomingId!);
      expect(copy, u).toMatchObject({
        receivingUnitId: UNITS.internal.id,
        origin: { outgoingId: id },
        revocation: null,
        arrivalNumber: 1,
        arrivalYear: 2026,
        issuer: FIXTURE_ORG.agency.name,
        codeNumber: '01',
        codeNotation: 'UBND-KT',
        issuedDate: '2026-11-25',
        documentType: 'Công văn',
        subject: 'V/v rà soát hồ sơ đất đai',
        dueDate: due,
        status: 'in_progress',
        registeredBy: U.vanthu.id,
        files: [{ sha256: doc.versions.at(-1)!.file.sha256, mime: 'application/pdf' }],
        assignments: [{ role: 'main', unitId: UNITS.internal.id, userId: null, assignedBy: U.vanthu.id, deadline: due, status: 'active' }],
      });
    }
    const got = await download(s.url, t['tp.noichinh'], doc.versions.at(-1)!.file.sha256);
    expect(got.status).toBe(200);
    expect(Buffer.from(got.bytes).equals(Buffer.from(sealed.bytes))).toBe(true);
    // The agency's clerk and leaders keep the agency's register: the unit's copy is not in it.
    for (const u of ['vanthu', 'chutich', 'cv.noichinh'] as const) expect((await pullIncoming(s.url, t[u])).records.has(unitDelivery.incomingId!), u).toBe(false);
    // The agency's series goes on from its own last number.
    const next = await flow.client('vanthu').register();
    expect((await pullIncoming(s.url, t.vanthu)).records.get(next)?.arrivalNumber).toBe(3);

    // Dispatching to the unit again registers no second copy.
    expectApplied(await flow.client('vanthu').send('outgoing.dispatch', { documentId: id, recipientIds: [r.unit.id] }));
    const copies = [...(await pullIncoming(s.url, t['tp.noichinh'])).records.values()].filter((d) => d.origin?.outgoingId === id);
    expect(copies.map((c) => c.id)).toEqual([unitDelivery.incomingId]);
    expect((await outgoingOf(s.url, t.vanthu, id))!.deliveries.find((d) => d.recipientId === r.unit.id)!.incomingId).toBe(unitDelivery.incomingId);

    // The unit's leader hands it down with the usual flow; the specialist then sees it.
    const copy = copies[0]!;
    await flow.client('tp.noichinh').apply('incoming.reassign', {
      documentId: copy.id,
      parentAssignmentId: copy.assignments[0]!.id,
      assignments: [{ id: randomUUID(), role: 'main', userId: U['cv.noichinh'].id, deadline: null }],
    });
    expect((await pullIncoming(s.url, t['cv.noichinh'])).records.get(copy.id)?.assignments).toHaveLength(2);

    // The specialist drafts the answer ("Trả lời văn bản"); the unit's leader completes the copy naming it.
    const reply = await flow.create('cv.noichinh', { replyTo: copy.id, fields: { subject: 'V/v báo cáo kết quả rà soát hồ sơ đất đai' } });
    expect((await outgoingOf(s.url, t['tp.noichinh'], reply))?.replyTo).toBe(copy.id);
    // Only a document the author sees may be answered; only an outgoing document the completer sees is a reply.
    expectRejected(
      await flow.client('cv.kinhte1').send('outgoing.create', {
        documentId: randomUUID(),
        fields: { documentType: 'Công văn', subject: 'Trả lời', draftingUnitId: UNITS.economy.id },
        replyTo: copy.id,
      }),
      'document_not_found',
    );
    expectRejected(await flow.client('tp.noichinh').send('incoming.complete', { documentId: copy.id, replyId: id }), 'outgoing_reply_invalid');
    await flow.client('tp.noichinh').apply('incoming.complete', { documentId: copy.id, note: 'Đã báo cáo', replyId: reply });
    expect((await pullIncoming(s.url, t[UNIT_CLERK.username])).records.get(copy.id)).toMatchObject({ status: 'done', replyId: reply, completedBy: U['tp.noichinh'].id });
  });

  it('a dispatch by someone who is not a clerk, or by mail, is refused and registers nothing', async () => {
    const r = recipients();
    const mail = { id: randomUUID(), kind: 'mail', name: 'Sở Nội vụ', email: 'sonoivu@kontum.gov.vn' };
    const id = await flow.issued('cv.kinhte1', { recipients: [r.unit, mail] });
    expectRejected(await flow.client('chutich').send('outgoing.dispatch', { documentId: id, recipientIds: [r.unit.id] }), 'not_clerk_outgoing');
    expectRejected(await flow.client('vanthu').send('outgoing.dispatch', { documentId: id, recipientIds: [r.unit.id, mail.id] }), 'outgoing_dispatch_by_mail');
    expect((await outgoingOf(s.url, t.vanthu, id))!.deliveries.every((d) => d.state === 'pending' && d.incomingId === null)).toBe(true);
    expect([...(await pullIncoming(s.url, t['tp.noichinh'])).records.values()].some((d) => d.origin?.outgoingId === id)).toBe(false);
  });

  it('revocation freezes the document with its number and marks the unit copy revoked; nothing more is done with the copy', async () => {
    const r = recipients();
    const id = await flow.issued('cv.kinhte1', { recipients: [r.unit] });
    expectApplied(await flow.client('vanthu').send('outgoing.dispatch', { documentId: id, recipientIds: [r.unit.id] }));
    const before = (await outgoingOf(s.url, t.vanthu, id))!;
    const copyId = before.deliveries[0]!.incomingId!;

    // Only a clerk, the signer or an agency leader revokes.
    expectRejected(await flow.client('cv.kinhte1').send('outgoing.revoke', { documentId: id, reason: 'Sai thẩm quyền' }), 'outgoing_not_revoker');
    clock.advance(60_000);
    expectApplied(await flow.client('chutich').send('outgoing.revoke', { documentId: id, reason: 'Ban hành sai thẩm quyền' }));
    const after = (await outgoingOf(s.url, t['cv.kinhte1'], id))!;
    expect(after).toMatchObject({ status: 'revoked', number: before.number, revocation: { by: U.chutich.id, reason: 'Ban hành sai thẩm quyền' } });
    expect(after.deliveries[0]).toMatchObject({ state: 'revoked', incomingId: copyId });

    for (const u of ['tp.noichinh', UNIT_CLERK.username] as const) {
      const copy = (await pullIncoming(s.url, t[u])).records.get(copyId)!;
      expect(copy.revocation, u).toEqual({ outgoingId: id, reason: 'Ban hành sai thẩm quyền', at: clock.iso() });
      expect(copy.history.at(-1)).toMatchObject({ action: 'revoked', actorId: U.chutich.id });
    }
    expectRejected(
      await flow.client('tp.noichinh').send('incoming.addOpinion', { documentId: copyId, opinionId: randomUUID(), kind: 'opinion', content: 'Đề nghị xử lý' }),
      'incoming_revoked',
    );
    // An issued document only: once revoked, it is revoked.
    expectRejected(await flow.client('vanthu').send('outgoing.revoke', { documentId: id, reason: 'Lần nữa' }), 'outgoing_wrong_status');
  });

  it('a replacement names the document it replaces, which gains the link when the replacement is issued', async () => {
    const draft = await flow.create('cv.kinhte1');
    expectRejected(
      await flow.client('cv.kinhte1').send('outgoing.create', {
        documentId: randomUUID(),
        fields: { documentType: 'Công văn', subject: 'Thay thế một dự thảo', draftingUnitId: UNITS.economy.id },
        relation: { kind: 'replaces', documentId: draft },
      }),
      'outgoing_relation_invalid',
    );

    const old = await flow.issued('cv.kinhte1');
    const replacement = await flow.issued('cv.kinhte1', { relation: { kind: 'replaces', documentId: old } });
    const seen = (await pullOutgoing(s.url, t.chutich)).records;
    const n = seen.get(replacement)!.number!;
    expect(seen.get(replacement)!.relation).toEqual({ kind: 'replaces', documentId: old });
    expect(seen.get(old)!.supersededBy).toEqual([{ kind: 'replaces', documentId: replacement }]);
    expect(seen.get(old)!.history.at(-1)).toMatchObject({ action: 'replaced', summary: `Bị thay thế bởi văn bản ${n.codeNumber}/${n.codeNotation}` });
    // The document replaced stays issued, with its own number.
    expect(seen.get(old)!.status).toBe('issued');
  });
});
