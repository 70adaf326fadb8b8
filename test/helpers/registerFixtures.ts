/**
 * Documents written out by hand for the document registers' tests (src/main/core/outgoing/
 * registerBook.ts): the fixture organisation with three outgoing registers (the shared series,
 * decisions, secret documents), and builders of an incoming document as registered and assigned
 * and of an outgoing document as numbered, issued or revoked. Every state goes through its zod
 * schema, so the registers are tested on what the server could really send.
 */
import { IncomingDocument } from '../../src/shared/incoming/schemas.js';
import { Organisation } from '../../src/shared/model/organisation.js';
import { OutgoingDocument, type Recipient } from '../../src/shared/outgoing/schemas.js';
import { formatCodeNumber } from '../../src/shared/domain/documentNumber.js';
import type { IncomingEntry } from '../../src/main/core/outgoing/registerRows.js';
import { FIXTURE_ORG, U, UNITS } from './fixtures.js';

export const REGISTER_COMMON = '0d300000-0000-4000-8000-000000000001';
export const REGISTER_DECISIONS = '0d300000-0000-4000-8000-000000000002';
export const REGISTER_SECRET = '0d300000-0000-4000-8000-000000000003';

export const REGISTER_ORG: Organisation = Organisation.parse({
  version: 1,
  agency: FIXTURE_ORG.agency,
  units: FIXTURE_ORG.units.map((u) => ({ ...u, agencyId: FIXTURE_ORG.agency.id })),
  users: FIXTURE_ORG.users.map((u) => ({ ...u, agencyId: FIXTURE_ORG.agency.id, active: true })),
  outgoing: {
    registers: [
      { id: REGISTER_COMMON, name: 'Sổ văn bản đi chung', documentTypes: [], secret: false },
      { id: REGISTER_DECISIONS, name: 'Sổ Quyết định', documentTypes: ['Quyết định'], secret: false },
      { id: REGISTER_SECRET, name: 'Sổ văn bản mật', documentTypes: [], secret: true },
    ],
    trustedRoots: [],
  },
});

let seq = 0;
export const docId = (): string => `0d400000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const sha = (n: number): string => n.toString(16).padStart(64, '0');

/** An instant that is `hh:mm` on `day` in Vietnam (UTC+7). */
export const vnAt = (day: string, hhmm = '09:00'): string => new Date(Date.parse(`${day}T${hhmm}:00.000+07:00`)).toISOString();

export interface IncomingSpec {
  arrivalNumber: number;
  /** The Vietnam day it arrived, or an exact instant. */
  arrivedOn: string;
  issuer?: string;
  codeNumber?: string;
  codeNotation?: string;
  issuedDate?: string;
  documentType?: string;
  subject?: string;
  /** The main handler the leader assigned (a unit or a person) and when; none: only registered. */
  main?: { unitId?: string; userId?: string; at: string } | null;
  urgency?: IncomingDocument['urgency'];
  confidentiality?: IncomingDocument['confidentiality'];
  electronic?: boolean;
  receivingUnitId?: string | null;
  revocation?: { reason: string; at: string } | null;
}

/**
 * An incoming document as the server sends it: of the agency's register, or of a unit's
 * (receivingUnitId), maybe revoked — fields of issue #10, set after the parse so the builder
 * reads the same whether or not the schema in this checkout has them yet.
 */
export function incomingDoc(spec: IncomingSpec): IncomingEntry {
  const arrivalDate = spec.arrivedOn.length === 10 ? vnAt(spec.arrivedOn) : spec.arrivedOn;
  const main = spec.main ?? null;
  const id = docId();
  const doc = IncomingDocument.parse({
    id,
    agencyId: FIXTURE_ORG.agency.id,
    issuer: spec.issuer ?? 'Sở Tài chính tỉnh Kon Tum',
    codeNumber: spec.codeNumber ?? String(spec.arrivalNumber),
    codeNotation: spec.codeNotation ?? 'STC-NS',
    issuedDate: spec.issuedDate ?? arrivalDate.slice(0, 10),
    documentType: spec.documentType ?? 'Công văn',
    subject: spec.subject ?? `V/v dự toán ngân sách số ${spec.arrivalNumber}`,
    signerName: 'Nguyễn Văn Bình',
    signerPosition: 'Giám đốc',
    urgency: spec.urgency ?? 'normal',
    confidentiality: spec.confidentiality ?? 'normal',
    dueDate: null,
    pageCount: 2,
    description: '',
    sourceMail: null,
    arrivalYear: new Date(Date.parse(arrivalDate) + 7 * 3600_000).getUTCFullYear(),
    arrivalNumber: spec.arrivalNumber,
    arrivalDate,
    status: main ? 'in_progress' : 'registered',
    instruction: main ? 'Giao xử lý' : '',
    instructedBy: main ? U.chutich.id : null,
    instructedAt: main ? main.at : null,
    registeredBy: U.vanthu.id,
    completedAt: null,
    completedBy: null,
    completionNote: '',
    duplicateOf: [],
    contentWithheld: false,
    files: spec.electronic === false ? [] : [{ sha256: sha(spec.arrivalNumber), name: `van-ban-${spec.arrivalNumber}.pdf`, size: 1000, mime: 'application/pdf' }],
    assignments: main
      ? [
          {
            id: docId(),
            role: 'main',
            unitId: main.unitId ?? null,
            userId: main.userId ?? null,
            deadline: null,
            parentId: null,
            note: '',
            assignedBy: U.chutich.id,
            assignedAt: main.at,
            status: 'active',
            completedAt: null,
          },
        ]
      : [],
    opinions: [],
    history: [],
    readAt: null,
    updatedAt: arrivalDate,
    version: 1,
  });
  return {
    ...doc,
    ...(spec.receivingUnitId !== undefined ? { receivingUnitId: spec.receivingUnitId } : {}),
    ...(spec.revocation ? { revocation: { outgoingId: docId(), ...spec.revocation } } : {}),
  };
}

export interface OutgoingSpec {
  registerId: string;
  n: number;
  /** The instant the server numbered it (its issue time). */
  issuedAt: string;
  year?: number;
  codeNotation?: string;
  status?: OutgoingDocument['status'];
  documentType?: string;
  subject?: string;
  signerId?: string;
  recipients?: { kind: Recipient['kind']; name: string; unitId?: string; email?: string }[];
  copies?: number;
  /** When it was dispatched (a 'dispatched' history entry and sent deliveries); none: not yet. */
  dispatchedAt?: string | null;
  urgency?: OutgoingDocument['urgency'];
  confidentiality?: OutgoingDocument['confidentiality'];
  revocation?: { at: string; reason: string } | null;
  relation?: OutgoingDocument['relation'];
  supersededBy?: OutgoingDocument['supersededBy'];
  id?: string;
}

const CERT = {
  subject: 'Trần Văn Đức',
  organisation: 'Ủy ban nhân dân tỉnh Kon Tum',
  issuer: 'Cục Chứng thực số (thử nghiệm)',
  serial: '0a1b',
  sha256: sha(999),
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2028-01-01T00:00:00.000Z',
};

/** An outgoing document that took number `n` of its register (status issued unless said). */
export function outgoingDoc(spec: OutgoingSpec): OutgoingDocument {
  const status = spec.status ?? (spec.revocation ? 'revoked' : 'issued');
  const numbered = status === 'numbered' || status === 'issued' || status === 'revoked';
  const issuedAt = spec.issuedAt;
  const at = (minutes: number): string => new Date(Date.parse(issuedAt) + minutes * 60_000).toISOString();
  const recipients = (spec.recipients ?? [
    { kind: 'unit', name: 'Phòng Nội chính', unitId: UNITS.internal.id },
    { kind: 'paper', name: 'Bộ Kế hoạch và Đầu tư' },
    { kind: 'archive', name: 'Lưu: VT, KT' },
  ]).map((r) => ({ id: docId(), kind: r.kind, unitId: r.unitId ?? null, name: r.name, email: r.email ?? null }));
  const dispatchedAt = spec.dispatchedAt === undefined ? (status === 'numbered' ? null : at(30)) : spec.dispatchedAt;
  const sealed = status === 'issued' || status === 'revoked';
  const signerId = spec.signerId ?? U.chutich.id;
  return OutgoingDocument.parse({
    id: spec.id ?? docId(),
    agencyId: FIXTURE_ORG.agency.id,
    documentType: spec.documentType ?? 'Công văn',
    subject: spec.subject ?? `V/v triển khai nhiệm vụ số ${spec.n}`,
    draftingUnitId: UNITS.economy.id,
    signerId,
    signerCompetence: '',
    signerPosition: 'Chủ tịch',
    urgency: spec.urgency ?? 'normal',
    confidentiality: spec.confidentiality ?? 'normal',
    replyDueDate: null,
    recipients,
    copies: spec.copies ?? 3,
    pageCount: 1,
    description: '',
    status,
    createdBy: U['cv.kinhte1'].id,
    createdAt: at(-24 * 60),
    replyTo: null,
    relation: spec.relation ?? null,
    supersededBy: spec.supersededBy ?? [],
    versions: [
      { n: 1, kind: 'draft', file: { sha256: sha(spec.n * 10 + 1), name: 'du-thao.pdf', size: 1000, mime: 'application/pdf' }, by: U['cv.kinhte1'].id, at: at(-24 * 60), note: '' },
      { n: 2, kind: 'signed', file: { sha256: sha(spec.n * 10 + 2), name: 'da-ky.pdf', size: 1200, mime: 'application/pdf' }, by: signerId, at: at(-60), note: '' },
      ...(sealed ? [{ n: 3, kind: 'issued', file: { sha256: sha(spec.n * 10 + 3), name: 'phat-hanh.pdf', size: 1400, mime: 'application/pdf' }, by: U.vanthu.id, at: at(5), note: '' }] : []),
    ],
    attachments: [],
    comments: [],
    route: [],
    currentStep: null,
    returnedReason: '',
    signatures: [
      { role: 'signer', by: signerId, at: at(-60), version: 2, certificate: CERT, keyStore: 'token' },
      ...(sealed ? [{ role: 'agency', by: U.vanthu.id, at: at(5), version: 3, certificate: { ...CERT, subject: 'Ủy ban nhân dân tỉnh Kon Tum' }, keyStore: 'file' }] : []),
    ],
    issueRequestedAt: numbered ? issuedAt : null,
    number: numbered
      ? {
          registerId: spec.registerId,
          year: spec.year ?? new Date(Date.parse(issuedAt) + 7 * 3600_000).getUTCFullYear(),
          n: spec.n,
          codeNumber: formatCodeNumber(spec.n),
          codeNotation: spec.codeNotation ?? 'UBND-KT',
          issuedAt,
          issuedBy: U.vanthu.id,
        }
      : null,
    deliveries: sealed
      ? recipients
          .filter((r) => r.kind !== 'archive')
          .map((r) => ({ recipientId: r.id, state: dispatchedAt ? 'sent' : 'pending', at: dispatchedAt, by: dispatchedAt ? U.vanthu.id : null, note: '', incomingId: null, messageId: null }))
      : [],
    revocation: spec.revocation ? { ...spec.revocation, by: U.vanthu.id } : null,
    cancelReason: '',
    history: dispatchedAt ? [{ id: 1, actorId: U.vanthu.id, action: 'dispatched', at: dispatchedAt, summary: 'Phát hành' }] : [],
    updatedAt: at(60),
    version: 5,
  });
}
