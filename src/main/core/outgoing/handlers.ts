/**
 * The core's RPC methods of outgoing documents (OUTGOING_RPC), spread into the service's
 * handler table like scheduleHandlers.
 *
 * Reads show the confirmed documents with the user's pending actions replayed on top (the
 * context's `overlaid`, by the same rules the server runs): a draft created offline heads its
 * lists marked pending, a draft approved offline has moved to the next holder's. The cache
 * holds only what the server lets the user see (rights.ts outgoingAccessUserIds), so "Tất cả"
 * is the whole cache and the other lists are the user's columns (list.ts).
 *
 * Signing, sealing, verifying and the keys are in signing.ts and keys.ts; dispatch by mail in
 * mailDispatch.ts; the DOCX converter in convert.ts.
 */
import { AppError } from '../../../shared/index.js';
import { OUTGOING_VIEWS, outgoingActions } from '../../../shared/outgoing/index.js';
import type { OutgoingListName } from '../../../shared/outgoing/constants.js';
import type { OUTGOING_RPC, OutgoingView as OutgoingViewResult } from '../../../shared/outgoing/rpc.js';
import type { PendingMutation } from '../../../shared/sync/records.js';
import type { Handlers } from '../api/service.js';
import { ftsMatchExpression, matchesTerms, queryTerms } from '../db/search.js';
import type { OutgoingContext } from './context.js';
import { convertToPdf } from './convert.js';
import { keyHandlers } from './keys.js';
import { decodeCursor, filterOf, inView, matchesFilter, rowToItem } from './list.js';
import { sendByMail } from './mailDispatch.js';
import { PendingView, type Shown } from './pending.js';
import { registerBook } from './registerBook.js';
import { outgoingSearchBody } from './search.js';
import { placementOf, sealDocument, signDraft, verifyFile } from './signing.js';
import { outgoingFiles } from './store.js';
import { incomingTitle, numberPreviewOf, outgoingTitle, replyDraftOf } from './views.js';

type Method = keyof typeof OUTGOING_RPC;
export type OutgoingHandlers = Pick<Handlers, Method>;

export function need(getCtx: () => OutgoingContext | null): OutgoingContext {
  const ctx = getCtx();
  if (!ctx) throw new AppError('not_signed_in');
  return ctx;
}

function pendingView(ctx: OutgoingContext): PendingView {
  const pending = ctx.pending();
  return new PendingView(ctx.store, new Set(pending.keys()), (id) => ctx.overlaid(id, pending.get(id) ?? []), ctx.user);
}

export function outgoingHandlers(getCtx: () => OutgoingContext | null): OutgoingHandlers {
  return {
    'outgoing.list': async (p) => {
      const ctx = need(getCtx);
      const filter = filterOf(p);
      const terms = queryTerms(p.query);
      const match = ftsMatchExpression(terms);
      const page = ctx.store.listPage({ view: p.view, filter, match, cursor: p.cursor, limit: p.limit });
      const pending = pendingView(ctx);
      const searched = (s: Shown): boolean => terms.length === 0 || matchesTerms(outgoingSearchBody(s.doc, ctx.org), terms);
      const keep = (s: Shown): boolean => inView(s.row, p.view) && matchesFilter(s.row, filter) && searched(s);
      // A stored row with pending actions counts in the stored total when it matched as stored.
      const storedKeep = (r: Parameters<typeof inView>[0]): boolean => inView(r, p.view) && matchesFilter(r, filter) && (terms.length === 0 || matchesStored(ctx, r.id, terms));
      const after = p.cursor === null ? null : decodeCursor(p.view, p.cursor);
      const { items, delta } = pending.merge(page, after, keep, storedKeep);
      return { items, nextCursor: page.next, total: Math.max(0, page.total + delta) };
    },

    'outgoing.counts': async () => {
      const ctx = need(getCtx);
      const counts = ctx.store.counts();
      const pending = pendingView(ctx);
      const adjust = (row: Shown['row'] | null | undefined, sign: number): void => {
        if (row) for (const view of OUTGOING_VIEWS) if (inView(row, view)) counts[view] += sign;
      };
      for (const row of pending.stored().values()) {
        adjust(row, -1);
        adjust(pending.row(row.id)?.row, +1);
      }
      for (const s of pending.creations()) adjust(s.row, +1);
      for (const view of OUTGOING_VIEWS) counts[view] = Math.max(0, counts[view]);
      return counts satisfies Record<OutgoingListName, number>;
    },

    'outgoing.get': async (p) => {
      const ctx = need(getCtx);
      const entries = ctx.pending().get(p.id) ?? [];
      const ov = ctx.overlaid(p.id, entries);
      if (!ov) return null;
      const doc = ov.state;
      const reply = doc.replyTo === null ? null : ctx.incoming(doc.replyTo);
      const related: OutgoingViewResult['related'] = [];
      const relate = (id: string, kind: 'relation' | 'supersededBy'): void => {
        const other = ctx.overlaid(id)?.state;
        if (other) related.push({ id, title: outgoingTitle(other), kind });
      };
      if (doc.relation) relate(doc.relation.documentId, 'relation');
      for (const s of doc.supersededBy) relate(s.documentId, 'supersededBy');
      return {
        document: doc,
        pendingCreate: ov.pendingCreate,
        pending: entries.map((e): PendingMutation => ({ id: e.id, name: e.name, kind: e.kind, recordId: e.recordId, createdAt: e.createdAt })),
        failed: ctx.failed(doc.id),
        allowedActions: [...outgoingActions(doc, ctx.user, ctx.org)],
        replyTo: reply ? { id: reply.id, title: incomingTitle(reply) } : null,
        related,
        numberPreview: numberPreviewOf(doc, ctx.org, ctx.agency),
        cachedFiles: ctx.files.cached(outgoingFiles(doc).map((f) => f.sha256)),
      } satisfies OutgoingViewResult;
    },

    'outgoing.search': async (p) => {
      const ctx = need(getCtx);
      const terms = queryTerms(p.query);
      if (terms.length === 0) return [];
      const pending = pendingView(ctx);
      const local = pending
        .creations()
        .filter((s) => matchesTerms(outgoingSearchBody(s.doc, ctx.org), terms))
        .map((s) => rowToItem(s.row, true));
      const found = ctx.store.search(terms, p.limit).flatMap((r) => {
        if (!pending.has(r.id)) return [rowToItem(r, false)];
        const s = pending.row(r.id);
        return s ? [rowToItem(s.row, true)] : [];
      });
      return [...local, ...found].slice(0, p.limit);
    },

    'outgoing.replyDraft': async (p) => {
      const ctx = need(getCtx);
      const incoming = ctx.incoming(p.incomingId);
      if (!incoming) throw new AppError('not_found');
      // A copy dispatched inside the agency is answered to the unit that drafted the original.
      const originId = incoming.origin?.outgoingId ?? null;
      const origin = originId === null ? null : (ctx.overlaid(originId)?.state ?? null);
      return replyDraftOf(incoming, ctx.user, origin?.draftingUnitId ?? null, ctx.org);
    },

    'outgoing.registerBook': async (p) => {
      const ctx = need(getCtx);
      return registerBook({
        book: p.book,
        from: p.from,
        to: p.to,
        registerId: p.registerId,
        format: p.format,
        org: ctx.organisation,
        incoming: ctx.incomingStates(),
        outgoing: ctx.store.all(),
        now: ctx.now(),
      });
    },

    'outgoing.convertToPdf': async (p) => convertToPdf(need(getCtx), p),
    'outgoing.verify': async (p) => verifyFile(need(getCtx), p.sha256),
    'outgoing.placement': async (p) => placementOf(need(getCtx), p.sha256),
    'outgoing.sign': async (p) => signDraft(need(getCtx), p),
    'outgoing.seal': async (p) => sealDocument(need(getCtx), p),
    'outgoing.sendByMail': async (p) => sendByMail(need(getCtx), p),
    ...keyHandlers(getCtx),
  };
}

/** Whether a stored document with pending actions was found by the search as stored (its folded text, recomputed). */
function matchesStored(ctx: OutgoingContext, id: string, terms: readonly string[]): boolean {
  const d = ctx.store.get(id);
  return d !== null && matchesTerms(outgoingSearchBody(d, ctx.org), terms);
}
