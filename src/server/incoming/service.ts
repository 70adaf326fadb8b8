/**
 * The server side of the incoming workflow's mutations, run inside the push's
 * transaction: the shared defs (shared/incoming/defs.ts) decide, this module loads
 * what they need, supplies what only the server knows (arrival numbers, duplicates)
 * and stores the result.
 */
import { incomingMutations, type RegisterFacts } from '../../shared/incoming/defs.js';
import type { IncomingDocument } from '../../shared/incoming/model.js';
import type { MutationArgs } from '../../shared/incoming/mutations.js';
import type { RuleContext } from '../../shared/domain/ruleContext.js';
import { AppError, errorBody } from '../../shared/i18n/errors.js';
import type { AnyMutationDef } from '../../shared/sync/registry.js';
import { PDF_MIME } from '../../shared/text/fileType.js';
import { vnDateParts } from '../../shared/text/vietnamese.js';
import type { Queryable } from '../db/database.js';
import { markRead, recordExists, userSees } from '../sync/access.js';
import type { MutationOutcome, ServerMutation } from '../sync/kinds.js';
import { findDuplicates, loadDocument, nextArrivalNumber, saveDocument } from './store.js';

async function register(q: Queryable, def: AnyMutationDef, args: MutationArgs<'incoming.register'>, ctx: RuleContext): Promise<MutationOutcome> {
  if (ctx.actor.role !== 'clerk') throw new AppError('not_clerk');
  if ((await q.query('SELECT 1 FROM documents WHERE id = $1', [args.documentId])).rowCount > 0 || (await recordExists(q, args.documentId))) throw new AppError('document_exists');
  for (const f of args.files) {
    const blob = (await q.query<{ size: number; mime: string | null }>('SELECT size, mime FROM blobs WHERE sha256 = $1', [f.sha256])).rows[0];
    if (!blob || blob.size !== f.size) throw new AppError('file_missing', {}, { sha256: f.sha256, name: f.name });
    // Decree 30: the registered document is a PDF. The upload takes any type now (a task's
    // attachments), so the type it sniffed decides; a file without one came when only PDFs were taken.
    if (def.pdfOnly && blob.mime !== null && blob.mime !== PDF_MIME) throw new AppError('file_not_pdf', {}, { sha256: f.sha256, name: f.name });
  }
  const duplicates = await findDuplicates(q, ctx.actor.agencyId, args.metadata);
  const year = vnDateParts(ctx.now).year;
  const number = await nextArrivalNumber(q, ctx.actor.agencyId, year);
  const facts: RegisterFacts = { arrival: { number, year }, duplicateOf: duplicates.map((d) => d.id) };
  const doc = def.apply(null, args, ctx, facts) as IncomingDocument;
  const poke = await saveDocument(q, doc, ctx.org, true);
  const warnings =
    duplicates.length > 0
      ? [errorBody('duplicate_document', {}, { duplicates: duplicates.map((d) => ({ id: d.id, arrivalNumber: d.arrival_number, arrivalYear: d.arrival_year })) })]
      : [];
  return { poke, warnings };
}

async function onDocument(q: Queryable, def: AnyMutationDef, args: { documentId: string }, ctx: RuleContext): Promise<MutationOutcome> {
  const doc = await loadDocument(q, args.documentId, true);
  if (!doc || doc.agencyId !== ctx.actor.agencyId) throw new AppError('document_not_found');
  const next = def.apply(doc, args, ctx, undefined) as IncomingDocument;
  // The reply named on completion is an outgoing document the actor sees: a link grants nothing.
  const replyId = def.name === 'incoming.complete' ? (args as MutationArgs<'incoming.complete'>).replyId : null;
  if (replyId && !(await userSees(q, 'outgoing', replyId, ctx.actor.id))) throw new AppError('outgoing_reply_invalid');
  if (def.name === 'incoming.markRead') {
    // A read mark is the reader's own: stored apart from the state, sent back to them alone.
    await markRead(q, 'incoming', doc.id, ctx.actor.id, ctx.now);
    return { poke: new Set([ctx.actor.id]), warnings: [] };
  }
  return { poke: await saveDocument(q, next, ctx.org, false), warnings: [] };
}

export const incomingServerMutations: readonly ServerMutation[] = incomingMutations.map((def) => ({
  def,
  run: ((q: Queryable, args: never, ctx: RuleContext) =>
    def.name === 'incoming.register' ? register(q, def, args, ctx) : onDocument(q, def, args, ctx)),
}));
