/**
 * The server's runners of the outgoing mutations (issue #10; docs/decisions.md §29): the shared
 * defs decide (the same `apply` the core's overlay previews with); these load the document under
 * its row lock, supply what only the server knows — the number and issue time, the incoming
 * copies registered in recipient units — check what only the server can (the signed PDF is the
 * draft it signs, with a signature of the certificate named), and store the results in the
 * push's transaction, so a refusal anywhere leaves nothing behind (no number taken, no copy).
 *
 * A document is acted on only by those who see it (shared outgoingAccessUserIds): to anyone
 * else it does not exist. Secret documents get no extra withholding here: their authors,
 * reviewers and signer need the content; the client seals their files on disk (`sealsFiles`).
 */
import type { RuleContext } from '../../shared/domain/ruleContext.js';
import { formatNumberSymbol } from '../../shared/domain/documentNumber.js';
import { AppError } from '../../shared/i18n/errors.js';
import type { OutgoingDocument } from '../../shared/outgoing/model.js';
import { outgoingMutations, type CreateDraftArgs, type DispatchArgs, type RevokeArgs, type SealArgs, type SignArgs } from '../../shared/outgoing/mutations.js';
import { canSeeOutgoing } from '../../shared/outgoing/rights.js';
import { latestVersion, markSuperseded, type DispatchFacts, type IssueFacts } from '../../shared/outgoing/rules.js';
import type { AnyMutationDef } from '../../shared/sync/registry.js';
import { PDF_MIME } from '../../shared/text/fileType.js';
import type { Queryable } from '../db/database.js';
import { checkFilesUploaded } from '../blobs/uploaded.js';
import { recordExists, userSees } from '../sync/access.js';
import type { MutationOutcome, MutationRunner, ServerMutation } from '../sync/kinds.js';
import { registerUnitCopy, revokeUnitCopy } from './dispatch.js';
import { agencyFacts, takeNumber } from './numbering.js';
import { checkSignedFile, type BlobReader } from './signedFiles.js';
import { loadOutgoing, saveOutgoing } from './store.js';

type Doc = OutgoingDocument;
type Files = readonly { sha256: string; size?: number; name?: string }[];
const filesOf = (def: AnyMutationDef, args: unknown): Files => def.files?.(args) ?? [];

const notFound = (): AppError => new AppError('outgoing_not_found');
const ok = (poke: Set<string>): MutationOutcome => ({ poke, warnings: [] });

function addAll(into: Set<string>, from: Iterable<string>): Set<string> {
  for (const u of from) into.add(u);
  return into;
}

/** The document under its row lock, if the actor sees it (existence elsewhere is not revealed). */
async function visibleDoc(q: Queryable, id: string, ctx: RuleContext): Promise<Doc> {
  const doc = await loadOutgoing(q, id, true);
  if (!doc || doc.agencyId !== ctx.actor.agencyId || !canSeeOutgoing(doc, ctx.actor, ctx.org)) throw notFound();
  return doc;
}

async function isPdfBlob(q: Queryable, sha256: string): Promise<boolean> {
  const row = (await q.query<{ mime: string | null }>('SELECT mime FROM blobs WHERE sha256 = $1', [sha256])).rows[0];
  // A blob without a type came when the upload took PDFs only.
  return row !== undefined && (row.mime === null || row.mime === PDF_MIME);
}

/** The files are on the server with the size given; a pdfOnly mutation's are PDFs (the type sniffed at upload). */
async function checkFiles(q: Queryable, def: AnyMutationDef, args: unknown): Promise<void> {
  const files = filesOf(def, args);
  await checkFilesUploaded(q, files);
  if (def.pdfOnly) for (const f of files) if (!(await isPdfBlob(q, f.sha256))) throw new AppError('file_not_pdf', {}, { sha256: f.sha256, name: f.name });
}

/** outgoing.create: a new id, a valid relation and reply link, the files uploaded. */
function runCreate(def: AnyMutationDef): MutationRunner {
  return async (q: Queryable, args: CreateDraftArgs, ctx: RuleContext): Promise<MutationOutcome> => {
    if (await recordExists(q, args.documentId)) throw new AppError('outgoing_exists');
    const doc = def.apply(null, args, ctx, undefined) as Doc;
    // After the rules, so one who may not act is told so first.
    if (args.relation !== null) {
      const related = await loadOutgoing(q, args.relation.documentId);
      if (!related || related.agencyId !== ctx.actor.agencyId || related.status !== 'issued') throw new AppError('outgoing_relation_invalid');
    }
    // "Trả lời văn bản": only a document the author sees (a link grants nothing).
    if (args.replyTo !== null && !(await userSees(q, 'incoming', args.replyTo, ctx.actor.id))) throw new AppError('document_not_found');
    await checkFiles(q, def, args);
    return ok(await saveOutgoing(q, doc, ctx.org, true));
  };
}

/** Every mutation that only records a decision: the document under its lock, the rules, the save. */
function runOnDoc(def: AnyMutationDef): MutationRunner {
  return async (q: Queryable, args: { documentId: string }, ctx: RuleContext): Promise<MutationOutcome> => {
    const current = await visibleDoc(q, args.documentId, ctx);
    const next = def.apply(current, args, ctx, undefined) as Doc;
    await checkFiles(q, def, args);
    // A replayed comment or forward (its id already there) changes nothing.
    if (next === current) return ok(new Set());
    return ok(await saveOutgoing(q, next, ctx.org, false));
  };
}

/** outgoing.sign: the signed PDF is the latest draft PDF with the signer's signature appended. */
function runSign(def: AnyMutationDef, blobs: BlobReader): MutationRunner {
  return async (q: Queryable, args: SignArgs, ctx: RuleContext): Promise<MutationOutcome> => {
    const current = await visibleDoc(q, args.documentId, ctx);
    const next = def.apply(current, args, ctx, undefined) as Doc;
    const draft = latestVersion(current);
    if (draft === null || draft.kind !== 'draft' || !(await isPdfBlob(q, draft.file.sha256))) throw new AppError('outgoing_not_pdf_to_sign');
    await checkFiles(q, def, args);
    await checkSignedFile(blobs, { base: draft.file.sha256, file: args.file.sha256, signatures: 1, certificateSha256: args.certificate.sha256 });
    return ok(await saveOutgoing(q, next, ctx.org, false));
  };
}

/** outgoing.issue: the number from the register's series, given now, in this transaction. */
function runIssue(def: AnyMutationDef): MutationRunner {
  return async (q: Queryable, args: { documentId: string }, ctx: RuleContext): Promise<MutationOutcome> => {
    const current = await visibleDoc(q, args.documentId, ctx);
    // The rules first (a clerk, a signed document), so nobody who may not issue takes a number.
    def.apply(current, args, ctx, { number: null } satisfies IssueFacts);
    const facts: IssueFacts = { number: await takeNumber(q, current, ctx) };
    return ok(await saveOutgoing(q, def.apply(current, args, ctx, facts) as Doc, ctx.org, false));
  };
}

/**
 * outgoing.seal: the issued PDF is the signed one with the number stamped and the agency's
 * signature appended. A document that replaces or updates an issued one links it back now.
 */
function runSeal(def: AnyMutationDef, blobs: BlobReader): MutationRunner {
  return async (q: Queryable, args: SealArgs, ctx: RuleContext): Promise<MutationOutcome> => {
    const current = await visibleDoc(q, args.documentId, ctx);
    const next = def.apply(current, args, ctx, undefined) as Doc;
    const signed = current.versions.findLast((v) => v.kind === 'signed');
    if (!signed) throw new AppError('outgoing_signed_file_mismatch');
    await checkFiles(q, def, args);
    await checkSignedFile(blobs, {
      base: signed.file.sha256,
      file: args.file.sha256,
      signatures: 2,
      certificateSha256: args.certificate.sha256,
      ...(current.number ? { stampedNumber: current.number.codeNumber } : {}),
    });
    const poke = await saveOutgoing(q, next, ctx.org, false);
    if (next.relation !== null && next.number !== null) {
      const old = await loadOutgoing(q, next.relation.documentId, true);
      if (old !== null && old.agencyId === next.agencyId) {
        const label = formatNumberSymbol(next.number.codeNumber, next.number.codeNotation);
        const linked = markSuperseded(old, { kind: next.relation.kind, documentId: next.id, label }, ctx);
        if (linked !== old) addAll(poke, await saveOutgoing(q, linked, ctx.org, false));
      }
    }
    return ok(poke);
  };
}

/** outgoing.dispatch: each unit recipient gets its incoming copy (once: a second dispatch reuses it). */
function runDispatch(def: AnyMutationDef): MutationRunner {
  return async (q: Queryable, args: DispatchArgs, ctx: RuleContext): Promise<MutationOutcome> => {
    const current = await visibleDoc(q, args.documentId, ctx);
    const existing: Record<string, string> = {};
    for (const d of current.deliveries) if (d.incomingId !== null) existing[d.recipientId] = d.incomingId;
    // The rules first: who may dispatch, which recipients (mail goes through `deliver`).
    def.apply(current, args, ctx, { incomingIds: existing } satisfies DispatchFacts);
    const incomingIds = { ...existing };
    const poke = new Set<string>();
    const agency = await agencyFacts(q, current.agencyId);
    for (const id of new Set(args.recipientIds)) {
      const r = current.recipients.find((x) => x.id === id);
      if (r?.kind !== 'unit' || incomingIds[id] !== undefined) continue;
      const copy = await registerUnitCopy(q, current, r, agency, ctx);
      incomingIds[id] = copy.id;
      addAll(poke, copy.poke);
    }
    const next = def.apply(current, args, ctx, { incomingIds } satisfies DispatchFacts) as Doc;
    return ok(addAll(poke, await saveOutgoing(q, next, ctx.org, false)));
  };
}

/** outgoing.revoke: the document frozen with the reason, and every unit copy marked revoked. */
function runRevoke(def: AnyMutationDef): MutationRunner {
  return async (q: Queryable, args: RevokeArgs, ctx: RuleContext): Promise<MutationOutcome> => {
    const current = await visibleDoc(q, args.documentId, ctx);
    const next = def.apply(current, args, ctx, undefined) as Doc;
    const poke = await saveOutgoing(q, next, ctx.org, false);
    for (const d of current.deliveries) if (d.incomingId !== null) addAll(poke, await revokeUnitCopy(q, d.incomingId, current, args.reason, ctx));
    return ok(poke);
  };
}

function runnerFor(def: AnyMutationDef, blobs: BlobReader): MutationRunner {
  switch (def.name) {
    case 'outgoing.create':
      return runCreate(def);
    case 'outgoing.sign':
      return runSign(def, blobs);
    case 'outgoing.issue':
      return runIssue(def);
    case 'outgoing.seal':
      return runSeal(def, blobs);
    case 'outgoing.dispatch':
      return runDispatch(def);
    case 'outgoing.revoke':
      return runRevoke(def);
    default:
      return runOnDoc(def);
  }
}

/** One runner per shared def, in the defs' order; `blobs` reads the PDFs the signatures are checked in. */
export function outgoingServerMutations(blobs: BlobReader): readonly ServerMutation[] {
  return outgoingMutations.map((def) => ({ def, run: runnerFor(def, blobs) }));
}
