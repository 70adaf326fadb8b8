/**
 * Reading and writing outgoing documents (issue #10; docs/decisions.md §29), in
 * outgoing_documents, kind 'outgoing'. Every write, in the caller's transaction, checks the
 * state with the clients' own schema, stores it with the columns look-ups and constraints need
 * (the number: a number is never stored twice), keeps record_files in step (every version and
 * attachment) and recomputes who sees the document (record_access and the change log, last:
 * decisions §6) with the shared outgoingAccessUserIds.
 */
import type { OrgView } from '../../shared/domain/org.js';
import { AppError } from '../../shared/i18n/errors.js';
import { OUTGOING_KIND } from '../../shared/outgoing/constants.js';
import { OutgoingDocument } from '../../shared/outgoing/model.js';
import { outgoingAccessUserIds } from '../../shared/outgoing/rights.js';
import type { Queryable } from '../db/database.js';
import { writeAccess } from '../sync/access.js';
import { writeRecordFiles } from '../blobs/recordFiles.js';

export const storedOutgoingState = (doc: OutgoingDocument): string => JSON.stringify(doc);

export async function loadOutgoing(q: Queryable, id: string, forUpdate = false): Promise<OutgoingDocument | null> {
  const row = (await q.query<{ state: string }>(`SELECT state FROM outgoing_documents WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id])).rows[0];
  return row ? (JSON.parse(row.state) as OutgoingDocument) : null;
}

/** Every state is checked with the clients' schema before it is stored: none written can be refused by them (decisions §18). */
export function checkOutgoingWritable(doc: OutgoingDocument): void {
  const parsed = OutgoingDocument.safeParse(doc);
  if (!parsed.success)
    throw new AppError('invalid_mutation', { details: `the outgoing document would not be readable (${parsed.error.issues.slice(0, 3).map((i) => i.path.map(String).join('.')).join(', ')})` });
}

/** Every file the document holds: each version (draft, signed, issued) and its attachments. */
export function outgoingFileShas(doc: Pick<OutgoingDocument, 'versions' | 'attachments'>): Set<string> {
  const out = new Set(doc.versions.map((v) => v.file.sha256));
  for (const f of doc.attachments) out.add(f.sha256);
  return out;
}

/** The stored columns besides the state. */
function columns(doc: OutgoingDocument): unknown[] {
  return [doc.status, doc.number?.registerId ?? null, doc.number?.year ?? null, doc.number?.n ?? null, doc.relation?.documentId ?? null, storedOutgoingState(doc), doc.version, doc.updatedAt];
}

/** Store the document's new state; returns everyone who could see it before or can see it now (to poke). */
export async function saveOutgoing(q: Queryable, doc: OutgoingDocument, org: OrgView, isNew: boolean): Promise<Set<string>> {
  checkOutgoingWritable(doc);
  if (isNew) {
    await q.query(
      `INSERT INTO outgoing_documents (id, agency_id, status, register_id, number_year, number_n, relation_id, state, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [doc.id, doc.agencyId, ...columns(doc)],
    );
  } else {
    await q.query(
      `UPDATE outgoing_documents SET status = $2, register_id = $3, number_year = $4, number_n = $5, relation_id = $6, state = $7, version = $8, updated_at = $9 WHERE id = $1`,
      [doc.id, ...columns(doc)],
    );
  }
  await writeRecordFiles(q, OUTGOING_KIND, doc.id, outgoingFileShas(doc), isNew);
  // Last: it takes the change-log sequence, whose row lock orders commits.
  return writeAccess(q, OUTGOING_KIND, doc.id, outgoingAccessUserIds(doc, org));
}
