/**
 * The outgoing documents' rules (src/shared/outgoing), run the way the server and the core's
 * overlay run them: args parsed by the def's schema, `apply` with the facts the server would
 * give, the result parsed again by the record schema. The route (review → sign), returns to the
 * author, forwarding, who may sign and issue, numbering facts, dispatch and revocation, who sees
 * what and which list a document is in; the register a document is numbered in and its symbol.
 */
import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../../src/shared/domain/ruleContext.js';
import { AppError, type ErrorCode } from '../../src/shared/i18n/errors.js';
import type { UserSummary } from '../../src/shared/model/organisation.js';
import { buildRegistry } from '../../src/shared/sync/registry.js';
import {
  OutgoingDocument,
  canSeeOutgoing,
  outgoingActions,
  outgoingMutations,
  outgoingViewsOf,
  registerFor,
  symbolFor,
  type OutgoingMutationInput,
} from '../../src/shared/outgoing/schemas.js';
import { UNITS } from '../helpers/fixtures.js';
import { ORG } from '../helpers/scheduleSamples.js';

const user = (name: string): UserSummary => ORG.users.find((u) => u.username === name)!;
const vanthu = user('vanthu');
const chutich = user('chutich');
const tpKinhte = user('tp.kinhte');
const cv1 = user('cv.kinhte1');
const cv2 = user('cv.kinhte2');
const tpNoichinh = user('tp.noichinh');

const NOW = new Date('2026-12-01T02:00:00.000Z');
const registry = buildRegistry(outgoingMutations);
let seq = 0;
const id = (): string => `0c100000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const sha = (n: number): string => n.toString(16).padStart(64, '0');
const pdf = (n: number, name = `du-thao-${n}.pdf`) => ({ sha256: sha(n), name, size: 1000 + n, mime: 'application/pdf' });
const CERT = { subject: 'Trần Văn Đức', organisation: 'Ủy ban nhân dân tỉnh Kon Tum', issuer: 'Cục Chứng thực số (thử nghiệm)', serial: '0a1b', sha256: sha(999), notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2028-01-01T00:00:00.000Z' };

type Name = keyof OutgoingMutationInput;

function refused(f: () => unknown): ErrorCode {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  throw new Error('expected the rules to refuse');
}

function world() {
  const docs = new Map<string, OutgoingDocument>();
  function act<N extends Name>(actor: UserSummary, name: N, args: OutgoingMutationInput[N], facts?: unknown): OutgoingDocument {
    const def = registry.get(name)!;
    const parsed = def.args.parse(args) as { documentId: string };
    const ctx: RuleContext = { actor, org: ORG, now: NOW };
    const f = facts ?? def.localFacts?.(parsed, ctx, () => null);
    const next = def.apply(docs.get(parsed.documentId) ?? null, parsed, ctx, f) as OutgoingDocument;
    expect(OutgoingDocument.parse(next)).toEqual(next);
    docs.set(next.id, next);
    return next;
  }
  function draft(author: UserSummary = cv1): OutgoingDocument {
    return act(author, 'outgoing.create', {
      documentId: id(),
      fields: {
        documentType: 'Công văn',
        subject: 'V/v báo cáo tình hình thực hiện kế hoạch đầu tư công năm 2026',
        draftingUnitId: UNITS.economy.id,
        recipients: [
          { id: id(), kind: 'unit', unitId: UNITS.internal.id, name: 'Phòng Nội chính' },
          { id: id(), kind: 'mail', name: 'Sở Tài chính', email: 'STC@KonTum.gov.vn' },
          { id: id(), kind: 'paper', name: 'Bộ Kế hoạch và Đầu tư' },
          { id: id(), kind: 'archive', name: 'Lưu: VT, KT' },
        ],
      },
      file: pdf(1),
    });
  }
  const route = (...steps: [ 'review' | 'comment' | 'format' | 'sign', UserSummary][]) => steps.map(([kind, u]) => ({ stepId: id(), kind, userId: u.id }));
  return { docs, act, draft, route };
}

describe('drafting and the review route', () => {
  it('the author drafts, submits along a route; each holder approves in turn until the signer holds it', () => {
    const w = world();
    const d = w.draft();
    expect(d).toMatchObject({ status: 'drafting', createdBy: cv1.id, versions: [{ n: 1, kind: 'draft' }], version: 1 });
    expect(d.recipients.find((r) => r.kind === 'mail')?.email).toBe('stc@kontum.gov.vn');
    const s = w.act(cv1, 'outgoing.submit', { documentId: d.id, route: w.route(['review', tpKinhte], ['format', vanthu], ['sign', chutich]) });
    expect(s).toMatchObject({ status: 'reviewing', currentStep: 0, signerId: chutich.id, signerPosition: 'Chủ tịch' });
    expect(outgoingViewsOf(s, tpKinhte).has('to_review')).toBe(true);
    expect(refused(() => w.act(vanthu, 'outgoing.approve', { documentId: d.id }))).toBe('outgoing_not_holder');
    w.act(tpKinhte, 'outgoing.approve', { documentId: d.id, comment: 'Đồng ý nội dung' });
    const f = w.act(vanthu, 'outgoing.approve', { documentId: d.id });
    expect(f).toMatchObject({ status: 'to_sign', currentStep: 2 });
    expect(f.route.map((x) => x.state)).toEqual(['approved', 'approved', 'current']);
    expect(outgoingViewsOf(f, chutich).has('to_sign')).toBe(true);
    // The signer signs; approving is not how a signer acts.
    expect(refused(() => w.act(chutich, 'outgoing.approve', { documentId: d.id }))).toBe('outgoing_sign_to_approve');
  });

  it('a return sends the draft back to its author with the reason; the author resubmits', () => {
    const w = world();
    const d = w.draft();
    w.act(cv1, 'outgoing.submit', { documentId: d.id, route: w.route(['review', tpKinhte], ['sign', chutich]) });
    // A return without a reason is refused by the args schema, before any rule.
    expect(() => w.act(tpKinhte, 'outgoing.return', { documentId: d.id, comment: '' })).toThrow(/too_small|>=1/u);
    const r = w.act(tpKinhte, 'outgoing.return', { documentId: d.id, comment: 'Bổ sung số liệu quý IV' });
    expect(r).toMatchObject({ status: 'drafting', currentStep: null, returnedReason: 'Bổ sung số liệu quý IV' });
    expect(r.route.map((x) => x.state)).toEqual(['returned', 'skipped']);
    expect(outgoingActions(r, cv1, ORG).has('outgoing.submit')).toBe(true);
    expect(outgoingActions(r, tpKinhte, ORG).has('outgoing.approve')).toBe(false);
    w.act(cv1, 'outgoing.addVersion', { documentId: d.id, file: pdf(2), note: 'Đã bổ sung số liệu' });
    const again = w.act(cv1, 'outgoing.submit', { documentId: d.id, route: w.route(['review', tpKinhte], ['sign', chutich]) });
    expect(again).toMatchObject({ status: 'reviewing', returnedReason: '', versions: [{ n: 1 }, { n: 2, note: 'Đã bổ sung số liệu' }] });
  });

  it('a holder forwards to someone else for comments; the route must end with one signer who is a leader', () => {
    const w = world();
    const d = w.draft();
    expect(refused(() => w.act(cv1, 'outgoing.submit', { documentId: d.id, route: w.route(['review', tpKinhte]) }))).toBe('outgoing_route_invalid');
    expect(refused(() => w.act(cv1, 'outgoing.submit', { documentId: d.id, route: w.route(['sign', chutich], ['review', tpKinhte]) }))).toBe('outgoing_route_invalid');
    expect(refused(() => w.act(cv1, 'outgoing.submit', { documentId: d.id, route: w.route(['sign', cv2]) }))).toBe('outgoing_signer_not_leader');
    expect(refused(() => w.act(cv2, 'outgoing.submit', { documentId: d.id, route: w.route(['sign', chutich]) }))).toBe('outgoing_not_author');
    w.act(cv1, 'outgoing.submit', { documentId: d.id, route: w.route(['review', tpKinhte], ['sign', chutich]) });
    const f = w.act(tpKinhte, 'outgoing.forward', { documentId: d.id, stepId: id(), kind: 'comment', userId: tpNoichinh.id, comment: 'Xin ý kiến Phòng Nội chính' });
    expect(f.route.map((x) => [x.kind, x.state])).toEqual([['review', 'forwarded'], ['comment', 'current'], ['sign', 'waiting']]);
    expect(canSeeOutgoing(f, tpNoichinh, ORG)).toBe(true);
    w.act(tpNoichinh, 'outgoing.comment', { documentId: d.id, commentId: id(), version: 1, text: 'Đề nghị sửa đoạn 2' });
    expect(w.act(tpNoichinh, 'outgoing.approve', { documentId: d.id }).status).toBe('to_sign');
  });

  it('drafts without a file cannot be submitted; a draft is seen by its route, not by other staff', () => {
    const w = world();
    const d = w.act(cv1, 'outgoing.create', { documentId: id(), fields: { documentType: 'Tờ trình', subject: 'Tờ trình phê duyệt dự án', draftingUnitId: UNITS.economy.id } });
    expect(refused(() => w.act(cv1, 'outgoing.submit', { documentId: d.id, route: w.route(['sign', chutich]) }))).toBe('outgoing_no_file');
    expect(canSeeOutgoing(d, cv2, ORG)).toBe(false);
    expect(canSeeOutgoing(d, tpKinhte, ORG)).toBe(true); // leads the drafting unit
    expect(canSeeOutgoing(d, vanthu, ORG)).toBe(false); // clerks see it once signed
    expect(canSeeOutgoing(d, chutich, ORG)).toBe(false);
  });
});

describe('signing, numbering, issuing, dispatch and revocation', () => {
  function signed(w: ReturnType<typeof world>): OutgoingDocument {
    const d = w.draft();
    w.act(cv1, 'outgoing.submit', { documentId: d.id, route: w.route(['sign', chutich]) });
    expect(refused(() => w.act(tpKinhte, 'outgoing.sign', { documentId: d.id, file: pdf(10), certificate: CERT, keyStore: 'file' }))).toBe('outgoing_not_holder');
    return w.act(chutich, 'outgoing.sign', { documentId: d.id, file: pdf(10, 'ky.pdf'), certificate: CERT, keyStore: 'token' });
  }

  it('only the signer signs; the signed PDF is a new version; clerks then see it awaiting a number', () => {
    const w = world();
    const s = signed(w);
    expect(s).toMatchObject({ status: 'to_issue', signatures: [{ role: 'signer', by: chutich.id, version: 2, keyStore: 'token' }], versions: [{ kind: 'draft' }, { kind: 'signed' }] });
    expect(canSeeOutgoing(s, vanthu, ORG)).toBe(true);
    expect(outgoingViewsOf(s, vanthu).has('to_issue')).toBe(true);
    expect(outgoingActions(s, vanthu, ORG).has('outgoing.issue')).toBe(true);
    expect(outgoingActions(s, chutich, ORG).has('outgoing.issue')).toBe(false);
  });

  it('an issue asked offline is a request; the number is the server\'s; only a clerk asks', () => {
    const w = world();
    const s = signed(w);
    expect(refused(() => w.act(cv1, 'outgoing.issue', { documentId: s.id }))).toBe('not_clerk_outgoing');
    const requested = w.act(vanthu, 'outgoing.issue', { documentId: s.id });
    expect(requested).toMatchObject({ status: 'to_issue', number: null });
    expect(requested.issueRequestedAt).not.toBeNull();
    const number = { registerId: id(), year: 2026, n: 5, codeNumber: '05', codeNotation: 'UBND-KT', issuedAt: NOW.toISOString(), issuedBy: vanthu.id };
    const numbered = w.act(vanthu, 'outgoing.issue', { documentId: s.id }, { number });
    expect(numbered).toMatchObject({ status: 'numbered', number });
    expect(numbered.history.at(-1)?.summary).toBe('Cấp số 05/UBND-KT');
    const issued = w.act(vanthu, 'outgoing.seal', { documentId: s.id, file: pdf(11, 'phat-hanh.pdf'), certificate: { ...CERT, subject: 'Ủy ban nhân dân tỉnh Kon Tum' }, keyStore: 'file' });
    expect(issued.status).toBe('issued');
    expect(issued.signatures.map((x) => x.role)).toEqual(['signer', 'agency']);
    // Every recipient but the file copy awaits dispatch.
    expect(issued.deliveries.map((x) => x.state)).toEqual(['pending', 'pending', 'pending']);
    expect(canSeeOutgoing(issued, chutich, ORG) && outgoingViewsOf(issued, chutich).has('issued')).toBe(true);
  });

  it('dispatch: units receive it (the server\'s incoming copy), paper is sent, mail goes by mail; revocation tells the units', () => {
    const w = world();
    const s = signed(w);
    w.act(vanthu, 'outgoing.issue', { documentId: s.id }, { number: { registerId: id(), year: 2026, n: 1, codeNumber: '01', codeNotation: 'UBND-KT', issuedAt: NOW.toISOString(), issuedBy: vanthu.id } });
    const issued = w.act(vanthu, 'outgoing.seal', { documentId: s.id, file: pdf(12), certificate: CERT, keyStore: 'file' });
    const [unit, mail, paper] = issued.recipients;
    expect(refused(() => w.act(vanthu, 'outgoing.dispatch', { documentId: s.id, recipientIds: [mail!.id] }))).toBe('outgoing_dispatch_by_mail');
    const copy = id();
    const sent = w.act(vanthu, 'outgoing.dispatch', { documentId: s.id, recipientIds: [unit!.id, paper!.id], note: 'Bưu điện' }, { incomingIds: { [unit!.id]: copy } });
    expect(sent.deliveries.map((x) => [x.state, x.incomingId])).toEqual([['received', copy], ['pending', null], ['sent', null]]);
    const mailed = w.act(vanthu, 'outgoing.deliver', { documentId: s.id, recipientId: mail!.id, state: 'sent', messageId: '<abc@kontum.gov.vn>' });
    expect(mailed.deliveries[1]).toMatchObject({ state: 'sent', messageId: '<abc@kontum.gov.vn>' });
    expect(refused(() => w.act(cv1, 'outgoing.revoke', { documentId: s.id, reason: 'Sai số liệu' }))).toBe('outgoing_not_revoker');
    const revoked = w.act(chutich, 'outgoing.revoke', { documentId: s.id, reason: 'Sai số liệu phụ lục' });
    expect(revoked).toMatchObject({ status: 'revoked', revocation: { by: chutich.id, reason: 'Sai số liệu phụ lục' } });
    expect(revoked.deliveries[0]?.state).toBe('revoked');
    // Frozen: nothing but recording that the others were told.
    expect(refused(() => w.act(vanthu, 'outgoing.dispatch', { documentId: s.id, recipientIds: [paper!.id] }))).toBe('outgoing_wrong_status');
    expect(w.act(vanthu, 'outgoing.deliver', { documentId: s.id, recipientId: paper!.id, state: 'revoked' }).deliveries[2]?.state).toBe('revoked');
  });

  it('the author cancels a draft before it is signed, never after', () => {
    const w = world();
    const d = w.draft();
    expect(w.act(cv1, 'outgoing.cancel', { documentId: d.id, reason: 'Không cần ban hành' }).status).toBe('cancelled');
    const s = signed(w);
    expect(refused(() => w.act(cv1, 'outgoing.cancel', { documentId: s.id }))).toBe('outgoing_wrong_status');
  });
});

describe('registers and symbols (Decree 30 Art. 15)', () => {
  const registers = [
    { id: 'qd', name: 'Sổ Quyết định', documentTypes: ['Quyết định'], secret: false },
    { id: 'chung', name: 'Sổ văn bản đi', documentTypes: [], secret: false },
    { id: 'mat', name: 'Sổ văn bản mật', documentTypes: [], secret: true },
  ];
  it('a type with its own series, the shared series, and secret documents apart', () => {
    expect(registerFor(registers, 'Quyết định', 'normal')?.id).toBe('qd');
    expect(registerFor(registers, 'Công văn', 'normal')?.id).toBe('chung');
    expect(registerFor(registers, 'Quyết định', 'secret')?.id).toBe('mat');
    expect(registerFor(registers.slice(0, 2), 'Công văn', 'confidential')).toBeNull();
  });
  it('symbols: type-agency, and agency-unit for a công văn', () => {
    expect(symbolFor('Quyết định', 'UBND', 'VP')).toBe('QĐ-UBND');
    expect(symbolFor('Công văn', 'UBND', 'VP')).toBe('UBND-VP');
    expect(symbolFor('Tờ trình', 'UBND', 'KT')).toBe('TTr-UBND');
  });
});
