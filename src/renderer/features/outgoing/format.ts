/**
 * What the outgoing screens show, as pure functions (no React, no antd): the words of the
 * shared slice in the UI's language, the number line, the delivery summary, the list query
 * sent to the core, the "Nơi nhận" block as printed, the route a draft starts from and the
 * order of the action buttons. Node tests cover them (test/renderer/outgoing.test.ts).
 */
import { DOCUMENT_TYPES as SHARED_TYPES, formatNumberSymbol } from '../../../shared/domain/documentNumber.js';
import { leadsUnit } from '../../../shared/domain/org.js';
import type { UserSummary } from '../../../shared/model/organisation.js';
import type {
  DeliveryState,
  DocumentVersion,
  OutgoingDocument,
  OutgoingItem,
  OutgoingListParams,
  OutgoingMutationName,
  OutgoingStatus,
  OutgoingView,
  Recipient,
  StepKind,
} from '../../../shared/outgoing/index.js';
import type { Urgency } from '../../../shared/incoming/index.js';
import type { OUTGOING_VIEWS } from '../../../shared/outgoing/index.js';
import type { Lang } from '../../app/i18n/lang.js';

/** A label of the shared slice ({ vi, en }) in the UI's language. */
export function loc(label: { vi: string; en: string }, lang: Lang): string {
  return label[lang] || label.vi;
}

/**
 * The types an agency drafts (Decree 30 Art. 7, Appendix III: up to "Thư công"; the legal
 * normative types after it are received, not drafted here), công văn (the most frequent) first.
 */
export const DRAFT_TYPES: readonly string[] = (() => {
  const end = SHARED_TYPES.findIndex((t) => t.name === 'Thư công');
  const names = SHARED_TYPES.slice(0, end + 1).map((t) => t.name);
  return ['Công văn', ...names.filter((n) => n !== 'Công văn')];
})();

/** "05/QĐ-UBND" once numbered, else null. */
export function numberText(doc: Pick<OutgoingDocument, 'number'>): string | null {
  return doc.number ? formatNumberSymbol(doc.number.codeNumber, doc.number.codeNotation) : null;
}

/** A list of the screen ("Dự thảo của tôi", …): the contract's `OutgoingView` names the document's view. */
export type ListView = (typeof OUTGOING_VIEWS)[number];

/** The list's question: one tab and the filters above it. */
export interface OutgoingQuery {
  view: ListView;
  query: string;
  documentType: string | null;
  urgency: Urgency | null;
  registerId: string | null;
  year: number | null;
}

export function emptyQuery(view: OutgoingQuery['view']): OutgoingQuery {
  return { view, query: '', documentType: null, urgency: null, registerId: null, year: null };
}

export function isFiltered(q: OutgoingQuery): boolean {
  return q.query.trim() !== '' || q.documentType !== null || q.urgency !== null || q.registerId !== null || q.year !== null;
}

/** `outgoing.list` params for a query and a page (keyset: the previous page's cursor). */
export function listParams(q: OutgoingQuery, cursor: string | null, limit: number): OutgoingListParams {
  return { view: q.view, query: q.query.trim(), documentType: q.documentType, urgency: q.urgency, registerId: q.registerId, year: q.year, cursor, limit };
}

/** The years a list may be narrowed to: this one and the few before it (numbers restart each year). */
export function recentYears(thisYear: number, count = 6): number[] {
  return Array.from({ length: count }, (_, i) => thisYear - i);
}

/** "2/5 đã nhận": recipients whose copy arrived, of those to dispatch; '' before it is issued (nothing is sent yet) or with no one to send to. */
export function deliverySummary(item: Pick<OutgoingItem, 'status' | 'deliveredCount' | 'toDispatchCount'>, lang: Lang): string {
  if ((item.status !== 'issued' && item.status !== 'revoked') || item.toDispatchCount === 0) return '';
  return lang === 'en' ? `${item.deliveredCount}/${item.toDispatchCount} received` : `${item.deliveredCount}/${item.toDispatchCount} đã nhận`;
}

/** The date a row shows: the issue date once numbered, else the last change. */
export function rowDate(item: Pick<OutgoingItem, 'issuedAt' | 'updatedAt'>): string {
  return item.issuedAt ?? item.updatedAt;
}

/** A status's colour class (list rows: `mtag-out-<tone>`; tags: antd colours). */
export const STATUS_TONE: Readonly<Record<OutgoingStatus, 'default' | 'processing' | 'warning' | 'success' | 'error' | 'purple'>> = {
  drafting: 'default',
  reviewing: 'processing',
  to_sign: 'warning',
  to_issue: 'purple',
  numbered: 'purple',
  issued: 'success',
  revoked: 'error',
  cancelled: 'default',
};

export const DELIVERY_TONE: Readonly<Record<DeliveryState, 'default' | 'processing' | 'success' | 'error' | 'warning'>> = {
  pending: 'default',
  sent: 'processing',
  received: 'success',
  failed: 'error',
  revoked: 'warning',
};

/**
 * The "Nơi nhận" block as Decree 30 prints it: "- Name;" per recipient, the archive line
 * last as "- Lưu: VT, …." (the archive recipients' names joined).
 */
export function recipientLines(recipients: readonly Pick<Recipient, 'kind' | 'name'>[]): string[] {
  const out = recipients.filter((r) => r.kind !== 'archive').map((r) => `- ${r.name};`);
  const archive = recipients.filter((r) => r.kind === 'archive').map((r) => r.name.trim()).filter(Boolean);
  if (archive.length > 0) out.push(`- Lưu: ${archive.join(', ')}.`);
  return out;
}

const PDF = 'application/pdf';
/** What a draft version may be (issue #10: DOCX or PDF; the old Word format too), by the type the core sniffed. */
export const DRAFT_FILE_MIMES: readonly string[] = [PDF, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword'];
export const DRAFT_FILE_ACCEPT = '.pdf,.docx,.doc';
export const isDraftFile = (f: { mime: string }): boolean => DRAFT_FILE_MIMES.includes(f.mime.split(';')[0]!.trim().toLowerCase());
export const isPdfFile = (f: { mime: string }): boolean => f.mime.split(';')[0]!.trim().toLowerCase() === PDF;

/** The latest version whose file is a PDF (what is signed), if any. */
export function latestPdf(doc: Pick<OutgoingDocument, 'versions'>): DocumentVersion | null {
  for (let i = doc.versions.length - 1; i >= 0; i--) {
    const v = doc.versions[i]!;
    if (isPdfFile(v.file)) return v;
  }
  return null;
}

/** Whether the file to sign (the latest version) is a PDF: signing needs one (`outgoing_not_pdf_to_sign`). */
export function latestIsPdf(doc: Pick<OutgoingDocument, 'versions'>): boolean {
  const last = doc.versions.at(-1);
  return last !== undefined && isPdfFile(last.file);
}

/** A step as the route builder holds it before submission. */
export interface StepDraft {
  key: string;
  kind: Exclude<StepKind, 'sign'>;
  userId: string | null;
}

/**
 * The route a draft starts from: the drafting unit's leader checks the content (unless the
 * author is that leader), then the signer signs. The author adds comments and form checks.
 */
export function suggestedSteps(
  doc: Pick<OutgoingDocument, 'draftingUnitId' | 'createdBy'>,
  users: readonly Pick<UserSummary, 'id' | 'role' | 'unitId' | 'active'>[],
  signerId: string | null,
  newKey: () => string,
): StepDraft[] {
  const leader = users.find((u) => u.active && u.id !== doc.createdBy && u.id !== signerId && leadsUnit(u, doc.draftingUnitId));
  return leader ? [{ key: newKey(), kind: 'review', userId: leader.id }] : [];
}

/** Why a route cannot be submitted yet, or null: every step names a person, and the signer is chosen. */
export function routeProblem(steps: readonly StepDraft[], signerId: string | null): 'person' | 'signer' | null {
  if (steps.some((s) => s.userId === null)) return 'person';
  if (!signerId) return 'signer';
  return null;
}

/** The action buttons of the document view, the likeliest first. */
export const ACTION_ORDER = [
  'outgoing.sign',
  'outgoing.approve',
  'outgoing.submit',
  'outgoing.issue',
  'outgoing.seal',
  'outgoing.dispatch',
  'outgoing.return',
  'outgoing.forward',
  'outgoing.update',
  'outgoing.addVersion',
  'outgoing.revoke',
  'outgoing.cancel',
] as const satisfies readonly OutgoingMutationName[];
export type OutgoingAction = (typeof ACTION_ORDER)[number];

/** The actions to offer as buttons (commenting is in the versions panel; deliveries in the dispatch panel). */
export function offeredActions(view: Pick<OutgoingView, 'allowedActions'>): OutgoingAction[] {
  const set = new Set<string>(view.allowedActions);
  return ACTION_ORDER.filter((a) => set.has(a));
}

/** Count, localized ("1.234" in Vietnamese). */
export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');
}

/** A certificate's validity now: the signing dialog warns before a signature the verifier would call expired. */
export function validityOf(c: { notBefore: string; notAfter: string }, now = new Date()): 'valid' | 'expired' | 'not_yet_valid' {
  if (now < new Date(c.notBefore)) return 'not_yet_valid';
  if (now > new Date(c.notAfter)) return 'expired';
  return 'valid';
}
