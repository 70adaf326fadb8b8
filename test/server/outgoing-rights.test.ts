/**
 * Who may do what with an outgoing document (issue #10), and what the server checks of the PDFs
 * it is given, against the real server on PGlite and PostgreSQL: a specialist neither signs nor
 * issues; only the designated signer signs; a draft returned goes back to its author with the
 * reason; a document is acted on only by those who see it; the signed file must be the draft
 * with a signature appended, made with the certificate named; the sealed file must carry the
 * number stamped and the agency's signature over the signed one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { U } from '../helpers/fixtures.js';
import { makeDocx } from '../helpers/officeFiles.js';
import { makeTestPdf } from '../helpers/testPdfs.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { certificateOf, expectApplied, OutgoingFlow, outgoingOf, upload, type Actor, type Tokens } from './outgoingSupport.js';
import { Clock, DAY, expectRejected, loginAll } from './support.js';

const USERS = ['cv.kinhte1', 'cv.kinhte2', 'tp.kinhte', 'chutich', 'vanthu', 'tp.noichinh', 'cv.noichinh'] as const satisfies readonly Actor[];

describe.each(BACKENDS)('outgoing documents: rights and signed files (%s)', (backend) => {
  let s: TestServer;
  let t: Tokens;
  let flow: OutgoingFlow;
  const clock = new Clock('2026-11-25T02:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    t = (await loginAll(s.url, USERS)) as Tokens;
    flow = new OutgoingFlow(s.url, t);
  });
  afterAll(async () => s?.close());

  it('a specialist neither signs nor issues; only the designated signer signs; only a clerk numbers and seals', async () => {
    const id = await flow.create('cv.kinhte1');
    await flow.submit('cv.kinhte1', id, [
      ['review', 'tp.kinhte'],
      ['sign', 'chutich'],
    ]);
    // At the review step nobody signs, the signer included.
    expectRejected((await flow.sign('chutich', id)).r, 'outgoing_wrong_status');
    await flow.client('tp.kinhte').apply('outgoing.approve', { documentId: id });
    // Awaiting the chairman's signature: the author and the reviewer, who see it, may not sign it.
    expectRejected((await flow.sign('cv.kinhte1', id)).r, 'outgoing_not_holder');
    expectRejected((await flow.sign('tp.kinhte', id)).r, 'outgoing_not_holder');
    // Someone not on it does not even see it.
    expectRejected((await flow.sign('tp.noichinh', id, { pdf: await flow.draftPdf() })).r, 'outgoing_not_found');
    expectRejected(await flow.client('cv.noichinh').send('outgoing.comment', { documentId: id, commentId: randomUUID(), version: 1, text: 'Góp ý' }), 'outgoing_not_found');
    expect((await outgoingOf(s.url, t.chutich, id))!.status).toBe('to_sign');

    expectApplied((await flow.sign('chutich', id)).r);
    // The author sees it awaiting its number, but only a clerk numbers it.
    expectRejected(await flow.issue('cv.kinhte1', id), 'not_clerk_outgoing');
    expectRejected(await flow.issue('chutich', id), 'not_clerk_outgoing');
    expect((await outgoingOf(s.url, t.vanthu, id))!).toMatchObject({ status: 'to_issue', number: null });
    expectApplied(await flow.issue('vanthu', id));
    // Numbered once: a second request is refused, the number stays.
    const number = (await outgoingOf(s.url, t.vanthu, id))!.number;
    expectRejected(await flow.issue('vanthu', id), 'outgoing_wrong_status');
    expect((await outgoingOf(s.url, t.vanthu, id))!.number).toEqual(number);
  });

  it('a returned draft goes back to its author with the reason, who revises and submits it again', async () => {
    const id = await flow.create('cv.kinhte1');
    await flow.submit('cv.kinhte1', id, [
      ['review', 'tp.kinhte'],
      ['sign', 'chutich'],
    ]);
    expectRejected(await flow.client('cv.kinhte1').send('outgoing.return', { documentId: id, comment: 'Tự trả lại' }), 'outgoing_not_holder');
    await flow.client('tp.kinhte').apply('outgoing.return', { documentId: id, comment: 'Bổ sung số liệu quý IV' });
    const returned = (await outgoingOf(s.url, t['cv.kinhte1'], id))!;
    expect(returned).toMatchObject({ status: 'drafting', currentStep: null, returnedReason: 'Bổ sung số liệu quý IV' });
    expect(returned.route.map((x) => x.state)).toEqual(['returned', 'skipped']);
    expect(returned.history.at(-1)).toMatchObject({ action: 'returned', actorId: U['tp.kinhte'].id });
    // The reviewer may no longer change it; the author may.
    const v2 = await upload(s.url, t['cv.kinhte1'], await makeTestPdf({ signerName: 'Trần Văn Đức' }), 'du-thao-2.pdf');
    expectRejected(await flow.client('tp.kinhte').send('outgoing.addVersion', { documentId: id, file: v2 }), 'outgoing_not_author');
    await flow.client('cv.kinhte1').apply('outgoing.addVersion', { documentId: id, file: v2, note: 'Đã bổ sung số liệu' });
    await flow.submit('cv.kinhte1', id, [
      ['review', 'tp.kinhte'],
      ['sign', 'chutich'],
    ]);
    expect((await outgoingOf(s.url, t['cv.kinhte1'], id))!).toMatchObject({ status: 'reviewing', returnedReason: '', versions: [{ n: 1 }, { n: 2, note: 'Đã bổ sung số liệu' }] });
  });

  it('the signed file must be the latest draft with a signature appended, made with the certificate it names', async () => {
    const pki = await flow.pki();
    const id = await flow.create('cv.kinhte1');
    await flow.submit('cv.kinhte1', id, [['sign', 'chutich']]);
    // Another PDF, well signed, is not this draft signed.
    const other = await makeTestPdf({ signerName: 'Nguyễn Văn Khác' });
    expectRejected((await flow.sign('chutich', id, { pdf: other })).r, 'outgoing_signed_file_mismatch');
    // The draft with bytes appended but no signature.
    const draft = await flow.latestPdf(t.chutich, id);
    const padded = new Uint8Array([...draft, ...new TextEncoder().encode('\n% nothing signed\n')]);
    const file = await upload(s.url, t.chutich, padded, 'da-ky.pdf');
    expectRejected(await flow.client('chutich').send('outgoing.sign', { documentId: id, file, certificate: certificateOf(pki.person.certificate), keyStore: 'file' }), 'outgoing_signed_file_mismatch');
    // Signed with one certificate, claiming another.
    expectRejected((await flow.sign('chutich', id, { claim: certificateOf(pki.organisation.certificate) })).r, 'outgoing_signed_file_mismatch');
    // A DOCX is no signed PDF.
    const docx = await upload(s.url, t.chutich, makeDocx(), 'du-thao.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expectRejected(await flow.client('chutich').send('outgoing.sign', { documentId: id, file: docx, certificate: certificateOf(pki.person.certificate), keyStore: 'file' }), 'file_not_pdf');
    expect((await outgoingOf(s.url, t.chutich, id))!).toMatchObject({ status: 'to_sign', signatures: [], versions: [{ kind: 'draft' }] });

    // A certificate of a CA the server does not know is recorded (the viewers say so): trust is not the server's call.
    const { r } = await flow.sign('chutich', id, { key: 'unknown' });
    expectApplied(r);
    expect((await outgoingOf(s.url, t.chutich, id))!.signatures[0]!.certificate).toEqual(certificateOf(pki.unknownPerson.certificate));
  });

  it('a draft whose latest version is a DOCX cannot be signed until a PDF is uploaded', async () => {
    const id = await flow.create('cv.kinhte1');
    const docx = await upload(s.url, t['cv.kinhte1'], makeDocx(), 'du-thao.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    await flow.client('cv.kinhte1').apply('outgoing.addVersion', { documentId: id, file: docx });
    await flow.submit('cv.kinhte1', id, [['sign', 'chutich']]);
    // The signer's core signs the last PDF it has: the server wants the latest version, a PDF.
    expectRejected((await flow.sign('chutich', id, { pdf: await flow.draftPdf() })).r, 'outgoing_not_pdf_to_sign');
  });

  it('the sealed file must be the signed one with the number stamped and the agency\'s signature', async () => {
    const id = await flow.toIssue('cv.kinhte1');
    expectApplied(await flow.issue('vanthu', id));
    // No number stamped: refused, the document stays numbered.
    expectRejected((await flow.seal('vanthu', id, { stamps: false })).r, 'outgoing_signed_file_mismatch');
    expect((await outgoingOf(s.url, t.vanthu, id))!.status).toBe('numbered');
    // Only a clerk seals.
    expectRejected(await flow.client('chutich').send('outgoing.seal', { documentId: id, file: (await upload(s.url, t.chutich, await makeTestPdf(), 'x.pdf')), certificate: certificateOf((await flow.pki()).organisation.certificate), keyStore: 'file' }), 'not_clerk_outgoing');
    expectApplied((await flow.seal('vanthu', id)).r);
    expect((await outgoingOf(s.url, t.vanthu, id))!).toMatchObject({ status: 'issued', versions: [{ kind: 'draft' }, { kind: 'signed' }, { kind: 'issued' }] });
  });
});
