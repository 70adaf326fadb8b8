/**
 * Applying one mutation of the incoming workflow inside a transaction: the shared
 * rules decide, this module loads and stores.
 */
import { applyMutation, createIncoming, type RuleContext } from '../../shared/incoming/rules.js';
import { AppError, errorBody, type AppErrorBody } from '../../shared/i18n/errors.js';
import type { Mutation } from '../../shared/incoming/mutations.js';
import { vnDateParts } from '../../shared/text/vietnamese.js';
import type { Queryable } from '../db/database.js';
import { recordChanges } from '../sync/changeLog.js';
import { findDuplicates, loadDocument, nextArrivalNumber, saveDocument } from './store.js';

export interface MutationOutcome {
  /** Users whose clients should pull now. */
  poke: Set<string>;
  warnings: AppErrorBody[];
}

export async function applyIncomingMutation(q: Queryable, mutation: Mutation, ctx: RuleContext): Promise<MutationOutcome> {
  if (mutation.name === 'incoming.register') return register(q, mutation.args, ctx);
  const doc = await loadDocument(q, mutation.args.documentId, true);
  if (!doc || doc.agencyId !== ctx.actor.agencyId) throw new AppError('document_not_found');
  if (mutation.name === 'incoming.markRead') {
    const read = (await q.query<{ read_at: string }>('SELECT read_at FROM doc_reads WHERE user_id = $1 AND document_id = $2', [ctx.actor.id, doc.id])).rows[0];
    applyMutation(doc, mutation, ctx); // visibility check
    if (!read) {
      await q.query('INSERT INTO doc_reads (user_id, document_id, read_at) VALUES ($1, $2, $3)', [ctx.actor.id, doc.id, ctx.now.toISOString()]);
      await q.query("INSERT INTO access_log (user_id, document_id, action, at) VALUES ($1, $2, 'read', $3)", [ctx.actor.id, doc.id, ctx.now.toISOString()]);
      await recordChanges(q, [{ documentId: doc.id, userId: ctx.actor.id, kind: 'put' }]);
    }
    return { poke: new Set([ctx.actor.id]), warnings: [] };
  }
  const next = applyMutation(doc, mutation, ctx);
  return { poke: await saveDocument(q, next, ctx.org, false), warnings: [] };
}

async function register(q: Queryable, args: Extract<Mutation, { name: 'incoming.register' }>['args'], ctx: RuleContext): Promise<MutationOutcome> {
  if (ctx.actor.role !== 'clerk') throw new AppError('not_clerk');
  if ((await q.query('SELECT 1 FROM documents WHERE id = $1', [args.documentId])).rowCount > 0) throw new AppError('document_exists');
  for (const f of args.files) {
    const blob = (await q.query<{ size: number }>('SELECT size FROM blobs WHERE sha256 = $1', [f.sha256])).rows[0];
    if (!blob || blob.size !== f.size) throw new AppError('file_missing', {}, { sha256: f.sha256, name: f.name });
  }
  const duplicates = await findDuplicates(q, ctx.actor.agencyId, args.metadata);
  const year = vnDateParts(ctx.now).year;
  const number = await nextArrivalNumber(q, ctx.actor.agencyId, year);
  const doc = createIncoming(args, ctx, { number, year }, duplicates.map((d) => d.id));
  const poke = await saveDocument(q, doc, ctx.org, true);
  const warnings =
    duplicates.length > 0
      ? [errorBody('duplicate_document', {}, { duplicates: duplicates.map((d) => ({ id: d.id, arrivalNumber: d.arrival_number, arrivalYear: d.arrival_year })) })]
      : [];
  return { poke, warnings };
}
