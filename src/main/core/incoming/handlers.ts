/**
 * The incoming documents' RPC methods in the core (incoming.*), spread into the
 * service's handler table like mailHandlers and taskHandlers. Reads show the
 * confirmed documents with the user's pending actions replayed on top (the
 * context's `overlaid`, the same rules the server runs).
 */
import { AppError, allowedActions, isOverdue, roleOf, vnDayWindow, vnToday, type IncomingDocument, type OrgView, type UserSummary } from '../../../shared/index.js';
import type { DuplicateCheckResponse } from '../../../shared/sync/protocol.js';
import type { IncomingListItem, RPC } from '../../../shared/rpc/contract.js';
import { duplicateKey } from '../../../shared/incoming/duplicates.js';
import type { Handlers } from '../api/service.js';
import { matchesTerms, queryTerms, searchBody } from '../db/search.js';
import type { UserCache } from '../session/userCache.js';
import type { OutboxEntry } from '../sync/outbox.js';
import { decodeKeyset, encodeKeyset, listItemOf, matchesFilter, rowToItem, type DocumentRow } from './store.js';

/** An incoming document as the user should see it. */
export interface IncomingOverlaid {
  doc: IncomingDocument;
  /** The document exists only as a local registration. */
  pendingRegistration: boolean;
}

/** What the handlers need of the signed-in session (the service provides it). */
export interface IncomingContext {
  cache: Pick<UserCache, 'docs' | 'outbox' | 'files'>;
  user: UserSummary;
  org: OrgView;
  now(): Date;
  overlaid(id: string, entries?: OutboxEntry[]): IncomingOverlaid | null;
  /** The server's duplicates (it knows documents this user may not see); null offline. */
  duplicatesOnServer(p: { codeNumber: string; codeNotation: string; issuer: string; issuedDate: string }): Promise<DuplicateCheckResponse['duplicates'] | null>;
}

type Method = Extract<keyof typeof RPC, `incoming.${string}`>;

function need(getCtx: () => IncomingContext | null): IncomingContext {
  const ctx = getCtx();
  if (!ctx) throw new AppError('not_signed_in');
  return ctx;
}

function groupByRecord(entries: readonly OutboxEntry[], kind: string): Map<string, OutboxEntry[]> {
  const m = new Map<string, OutboxEntry[]>();
  for (const e of entries) {
    if (e.kind !== kind) continue;
    const list = m.get(e.recordId);
    if (list) list.push(e);
    else m.set(e.recordId, [e]);
  }
  return m;
}

/** Local registrations the server has not confirmed yet, newest first. */
function pendingRegistrations(a: IncomingContext, entries: OutboxEntry[]): IncomingOverlaid[] {
  const ids = [...new Set(entries.filter((e) => e.name === 'incoming.register').map((e) => e.recordId))];
  const byDoc = groupByRecord(entries, 'incoming');
  return ids
    .filter((id) => a.cache.docs.get(id) === null)
    .map((id) => a.overlaid(id, byDoc.get(id) ?? []))
    .filter((o): o is IncomingOverlaid => o !== null && o.pendingRegistration)
    .sort((x, y) => (x.doc.arrivalDate < y.doc.arrivalDate ? 1 : -1));
}

/** List rows for stored documents, with pending changes applied to the rows that have any. */
function withPending(a: IncomingContext, rows: DocumentRow[], entries: OutboxEntry[], keep: (i: IncomingListItem) => boolean): IncomingListItem[] {
  const now = a.now();
  const today = vnToday(now);
  const byDoc = groupByRecord(entries, 'incoming');
  const out: IncomingListItem[] = [];
  for (const r of rows) {
    const mine = byDoc.get(r.id);
    if (!mine) {
      out.push(rowToItem(r, today, false));
      continue;
    }
    const ov = a.overlaid(r.id, mine);
    if (!ov) continue;
    const item = listItemOf(ov.doc, a.user, now, true);
    if (keep(item)) out.push(item);
  }
  return out;
}

export function incomingHandlers(getCtx: () => IncomingContext | null): Pick<Handlers, Method> {
  return {
  'incoming.list': async (p) => {
    const a = need(getCtx);
    const after = p.after === null ? null : decodeKeyset(p.after);
    if (p.after !== null && after === null) throw new AppError('validation_failed', { details: 'after' });
    const now = a.now();
    const today = vnToday(now);
    const window = vnDayWindow(p.arrivedFrom, p.arrivedTo);
    const page = a.cache.docs.listPage({ filter: p.filter, urgentOnly: p.urgentOnly, window, after, limit: p.limit, now });
    const entries = a.cache.outbox.all();
    const keep = (i: IncomingListItem): boolean => matchesFilter(i, p.filter, p.urgentOnly, window);
    const items = withPending(a, page.rows, entries, keep);
    const last = page.rows[page.rows.length - 1];
    const next = page.rows.length === p.limit && last ? encodeKeyset({ arrivalDate: last.arrival_date, id: last.id }) : null;

    // Stored documents whose pending changes move them INTO this filter (e.g. just
    // completed, for "done"): the query cannot see them, so they are placed by key.
    let delta = 0;
    const byDoc = groupByRecord(entries, 'incoming');
    const inPage = (k: { arrivalDate: string; id: string }): boolean =>
      (after === null || k.arrivalDate < after.arrivalDate || (k.arrivalDate === after.arrivalDate && k.id < after.id)) &&
      (next === null || !last || k.arrivalDate > last.arrival_date || (k.arrivalDate === last.arrival_date && k.id >= last.id));
    for (const row of a.cache.docs.rowsByIds([...byDoc.keys()])) {
      const stored = keep(rowToItem(row, today, false));
      const ov = a.overlaid(row.id, byDoc.get(row.id));
      const item = ov ? listItemOf(ov.doc, a.user, now, true) : null;
      const shown = item !== null && keep(item);
      delta += (shown ? 1 : 0) - (stored ? 1 : 0);
      if (shown && !stored && inPage(item)) items.push(item);
    }
    items.sort((x, y) => (x.arrivalDate === y.arrivalDate ? (x.id < y.id ? 1 : -1) : x.arrivalDate < y.arrivalDate ? 1 : -1));

    // Local registrations have no place in the keyset order yet: they head the first page.
    const regs = pendingRegistrations(a, entries)
      .map((o) => listItemOf(o.doc, a.user, now, true))
      .filter(keep);
    if (after === null) items.unshift(...regs);
    return { items, next, total: Math.max(0, page.total + delta + regs.length) };
  },

  'incoming.get': async (p) => {
    const a = need(getCtx);
    const entries = a.cache.outbox.forRecord('incoming', p.id);
    const ov = a.overlaid(p.id, entries);
    if (!ov) return null;
    const now = a.now();
    const org = a.org;
    return {
      doc: ov.doc,
      pendingRegistration: ov.pendingRegistration,
      pending: entries.map((e) => ({ id: e.id, name: e.name, kind: e.kind, recordId: e.recordId, createdAt: e.createdAt })),
      failed: a.cache.outbox.failed({ kind: 'incoming', recordId: p.id }),
      allowedActions: [...allowedActions(ov.doc, a.user, org)],
      myRole: roleOf(ov.doc, a.user),
      overdue: isOverdue(ov.doc, a.user, now),
      cachedFiles: a.cache.files.cached(ov.doc.files.map((f) => f.sha256)),
    };
  },

  'incoming.search': async (p) => {
    const a = need(getCtx);
    const terms = queryTerms(p.query);
    if (terms.length === 0) return [];
    const entries = a.cache.outbox.all();
    const now = a.now();
    const local = pendingRegistrations(a, entries)
      .filter((o) => matchesTerms(searchBody(o.doc), terms))
      .map((o) => listItemOf(o.doc, a.user, now, true));
    const found = withPending(a, a.cache.docs.search(terms, p.limit), entries, () => true);
    return [...local, ...found].slice(0, p.limit);
  },

  'incoming.checkDuplicates': async (p) => {
    const a = need(getCtx);
    const key = duplicateKey(p);
    const out = new Map<string, { id: string; arrivalNumber: number; arrivalYear: number; subject: string }>();
    for (const d of a.cache.docs.byDuplicateKey(key)) out.set(d.id, { id: d.id, arrivalNumber: d.arrivalNumber, arrivalYear: d.arrivalYear, subject: d.subject });
    for (const o of pendingRegistrations(a, a.cache.outbox.all()))
      if (duplicateKey(o.doc) === key) out.set(o.doc.id, { id: o.doc.id, arrivalNumber: 0, arrivalYear: o.doc.arrivalYear, subject: o.doc.subject });
    try {
      // The server also knows documents this user may not see: a clerk must be warned of those too.
      for (const d of (await a.duplicatesOnServer(p)) ?? []) if (!out.has(d.id)) out.set(d.id, { id: d.id, arrivalNumber: d.arrivalNumber, arrivalYear: d.arrivalYear, subject: d.subject });
    } catch {
      // Offline after all: the local answer stands.
    }
    return [...out.values()];
  },
  };
}
