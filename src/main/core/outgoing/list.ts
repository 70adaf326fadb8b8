/**
 * The outgoing lists ("Dự thảo của tôi", "Chờ tôi duyệt", "Chờ ký", "Chờ cấp số", "Đã phát
 * hành", "Tất cả") as the cache answers them: the row a document becomes for the signed-in
 * user, each list's condition and the filters twice — as SQL for the stored rows and as a
 * predicate for rows computed in memory (a document with pending actions, a local draft) —
 * and the keyset of the lists' one order.
 *
 * The two forms must agree; test/core/outgoingStore.test.ts checks them against each other.
 */
import { AppError, vnDateParts } from '../../../shared/index.js';
import { formatNumberSymbol } from '../../../shared/domain/documentNumber.js';
import { currentHolder, outgoingViewsOf, type OutgoingDocument, type OutgoingItem } from '../../../shared/outgoing/index.js';
import type { OutgoingListName } from '../../../shared/outgoing/constants.js';
import type { Viewer } from '../sync/kinds.js';

/** The columns of one document, as stored (outgoing/schema.ts). */
export interface OutgoingRow {
  id: string;
  status: OutgoingDocument['status'];
  document_type: string;
  subject: string;
  urgency: OutgoingDocument['urgency'];
  confidentiality: OutgoingDocument['confidentiality'];
  drafting_unit_id: string;
  created_by: string;
  signer_id: string | null;
  holder_id: string | null;
  number_symbol: string | null;
  register_id: string | null;
  year: number;
  issued_at: string | null;
  reply_due_date: string | null;
  recipient_count: number;
  delivered_count: number;
  to_dispatch_count: number;
  in_mine: number;
  in_to_review: number;
  in_to_sign: number;
  in_to_issue: number;
  in_issued: number;
  sort_at: string;
  updated_at: string;
}

export const ROW_COLUMNS =
  'id, status, document_type, subject, urgency, confidentiality, drafting_unit_id, created_by, signer_id, holder_id, number_symbol, register_id, year, issued_at, reply_due_date, recipient_count, delivered_count, to_dispatch_count, in_mine, in_to_review, in_to_sign, in_to_issue, in_issued, sort_at, updated_at';

/** Instants are compared as text, so every one is stored in the same ISO UTC form. */
const canonical = (iso: string): string => new Date(iso).toISOString();

/** The row of a document as `viewer` sees it; the same function serves stored and optimistic documents. */
export function outgoingRowOf(d: OutgoingDocument, viewer: Viewer): OutgoingRow {
  const views = outgoingViewsOf(d, viewer);
  const toDispatch = d.recipients.filter((r) => r.kind !== 'archive');
  const issuedAt = d.number ? canonical(d.number.issuedAt) : null;
  return {
    id: d.id,
    status: d.status,
    document_type: d.documentType.normalize('NFC'),
    subject: d.subject,
    urgency: d.urgency,
    confidentiality: d.confidentiality,
    drafting_unit_id: d.draftingUnitId,
    created_by: d.createdBy,
    signer_id: d.signerId,
    holder_id: currentHolder(d)?.userId ?? null,
    number_symbol: d.number ? formatNumberSymbol(d.number.codeNumber, d.number.codeNotation) : null,
    register_id: d.number?.registerId ?? null,
    year: d.number?.year ?? vnDateParts(d.createdAt).year,
    issued_at: issuedAt,
    reply_due_date: d.replyDueDate,
    recipient_count: d.recipients.length,
    delivered_count: d.deliveries.filter((x) => x.state === 'received').length,
    to_dispatch_count: toDispatch.length,
    in_mine: views.has('mine') ? 1 : 0,
    in_to_review: views.has('to_review') ? 1 : 0,
    in_to_sign: views.has('to_sign') ? 1 : 0,
    in_to_issue: views.has('to_issue') ? 1 : 0,
    in_issued: views.has('issued') ? 1 : 0,
    sort_at: issuedAt ?? canonical(d.updatedAt),
    updated_at: canonical(d.updatedAt),
  };
}

export function rowToItem(r: OutgoingRow, pending: boolean): OutgoingItem {
  return {
    id: r.id,
    status: r.status,
    documentType: r.document_type,
    subject: r.subject,
    urgency: r.urgency,
    confidentiality: r.confidentiality,
    draftingUnitId: r.drafting_unit_id,
    createdBy: r.created_by,
    signerId: r.signer_id,
    holderId: r.holder_id,
    numberSymbol: r.number_symbol,
    registerId: r.register_id,
    issuedAt: r.issued_at,
    replyDueDate: r.reply_due_date,
    recipientCount: r.recipient_count,
    deliveredCount: r.delivered_count,
    toDispatchCount: r.to_dispatch_count,
    pending,
    updatedAt: r.updated_at,
  };
}

/** Whether the row is in the list (before the filters). Mirrors viewSql(). */
export function inView(r: OutgoingRow, view: OutgoingListName): boolean {
  return view === 'all' ? true : r[`in_${view}`] === 1;
}

/** The list's condition in SQL (written as the partial indexes' conditions, or SQLite will not use them). */
export function viewSql(view: OutgoingListName): string[] {
  return view === 'all' ? [] : [`in_${view} = 1`];
}

/** The list screen's filters (OutgoingListParams), the search aside. */
export interface OutgoingFilter {
  documentType: string | null;
  urgency: OutgoingDocument['urgency'] | null;
  registerId: string | null;
  year: number | null;
}

export function filterOf(p: OutgoingFilter): OutgoingFilter {
  return { documentType: p.documentType === null ? null : p.documentType.normalize('NFC').trim(), urgency: p.urgency, registerId: p.registerId, year: p.year };
}

/** Mirrors filterSql(). */
export function matchesFilter(r: OutgoingRow, f: OutgoingFilter): boolean {
  if (f.documentType !== null && r.document_type !== f.documentType) return false;
  if (f.urgency !== null && r.urgency !== f.urgency) return false;
  if (f.registerId !== null && r.register_id !== f.registerId) return false;
  if (f.year !== null && r.year !== f.year) return false;
  return true;
}

export function filterSql(f: OutgoingFilter, params: Record<string, string | number>): string[] {
  const where: string[] = [];
  if (f.documentType !== null) {
    where.push('document_type = @documentType');
    params.documentType = f.documentType;
  }
  if (f.urgency !== null) {
    where.push('urgency = @urgency');
    params.urgency = f.urgency;
  }
  if (f.registerId !== null) {
    where.push('register_id = @registerId');
    params.registerId = f.registerId;
  }
  if (f.year !== null) {
    where.push('year = @year');
    params.year = f.year;
  }
  return where;
}

// ── order and keyset ────────────────────────────────────────────────────────
// Every list: newest first by sort_at, then id (descending both), as the indexes.

export interface Keyset {
  sortAt: string;
  id: string;
}

export const keyOf = (r: Pick<OutgoingRow, 'sort_at' | 'id'>): Keyset => ({ sortAt: r.sort_at, id: r.id });

/** Negative when `a` comes before `b` in the list. */
export function compareKeys(a: Keyset, b: Keyset): number {
  if (a.sortAt !== b.sortAt) return a.sortAt < b.sortAt ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

export const ORDER_SQL = 'sort_at DESC, id DESC';
export const AFTER_SQL = '(sort_at < @afterSort OR (sort_at = @afterSort AND id < @afterId))';

/** Opaque to the renderer; carries the list so a cursor of another list is refused rather than misread. */
export function encodeCursor(view: OutgoingListName, k: Keyset): string {
  return Buffer.from(JSON.stringify([view, k.sortAt, k.id]), 'utf8').toString('base64url');
}

export function decodeCursor(view: OutgoingListName, s: string): Keyset {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 3 && v[0] === view && typeof v[1] === 'string' && typeof v[2] === 'string') return { sortAt: v[1], id: v[2] };
  } catch {
    // refused below
  }
  throw new AppError('validation_failed', { details: 'cursor' });
}
