/**
 * Reading and writing incoming documents. Every write recomputes who may see the
 * document (record_access) and appends to the change log in the same transaction;
 * it returns the users whose clients should be poked.
 */
import { accessUserIds, type OrgView } from '../../shared/incoming/rules.js';
import type { IncomingDocument } from '../../shared/incoming/model.js';
import { duplicateKeyParts, type DuplicateFields } from '../../shared/incoming/duplicates.js';
import type { Queryable } from '../db/database.js';
import { writeAccess, writeDeadline } from '../sync/access.js';
import { INCOMING_KIND } from '../../shared/incoming/defs.js';
import { incomingDeadlineRow } from './deadlineRow.js';
import { checkWritable, repairLegacyState } from './legacyState.js';


/** The stored duplicate columns: number, symbol and issuer keys (see shared/incoming/duplicates), and the issue date itself (its year is compared). */
export function duplicateColumns(m: DuplicateFields): [string, string, string, string] {
  const k = duplicateKeyParts(m);
  return [k.number, k.notation, k.issuer, m.issuedDate.trim()];
}

/** The stored form of a state: JSON text without the per-user readAt (pulls append it). */
export function storedState(doc: IncomingDocument): string {
  const { readAt: _perUser, ...state } = doc;
  return JSON.stringify(state);
}

export async function loadDocument(q: Queryable, id: string, forUpdate = false): Promise<IncomingDocument | null> {
  const row = (await q.query<{ state: string }>(`SELECT state FROM documents WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id])).rows[0];
  // An older server's state the clients refuse is repaired here, so the next write brings it back to them (decisions §18).
  return row ? { ...repairLegacyState(JSON.parse(row.state) as Omit<IncomingDocument, 'readAt'>), readAt: null } : null;
}

/** Store the document's new state; returns everyone who could see it before or can see it now. */
export async function saveDocument(q: Queryable, doc: IncomingDocument, org: OrgView, isNew: boolean): Promise<Set<string>> {
  checkWritable(doc);
  const state = storedState(doc);
  if (isNew) {
    await q.query(
      `INSERT INTO documents (id, agency_id, arrival_year, arrival_number, code_number, code_notation_key, issuer_key, issued_date, state, content_withheld, subject, arrival_date, updated_at, version, receiving_unit_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [doc.id, doc.agencyId, doc.arrivalYear, doc.arrivalNumber, ...duplicateColumns(doc), state, doc.contentWithheld, doc.subject, doc.arrivalDate, doc.updatedAt, doc.version, doc.receivingUnitId ?? null],
    );
    for (const f of doc.files) await q.query("INSERT INTO record_files (record_id, sha256, kind) VALUES ($1, $2, 'incoming') ON CONFLICT DO NOTHING", [doc.id, f.sha256]);
  } else {
    await q.query('UPDATE documents SET state = $2, updated_at = $3, version = $4 WHERE id = $1', [doc.id, state, doc.updatedAt, doc.version]);
  }
  await writeDeadline(q, INCOMING_KIND, doc.id, incomingDeadlineRow(doc, org));
  return writeAccess(q, INCOMING_KIND, doc.id, accessUserIds(doc, org));
}

export async function findDuplicates(
  q: Queryable,
  agencyId: string,
  key: DuplicateFields,
  excludeId?: string,
): Promise<Array<{ id: string; arrival_number: number; arrival_year: number; arrival_date: string; subject: string }>> {
  const k = duplicateKeyParts(key);
  return (
    await q.query<{ id: string; arrival_number: number; arrival_year: number; arrival_date: string; subject: string }>(
      `SELECT id, arrival_number, arrival_year, arrival_date, subject
         FROM documents
        WHERE agency_id = $1 AND receiving_unit_id IS NULL AND code_number = $2 AND code_notation_key = $3 AND issuer_key = $4 AND ($5 = '' OR left(issued_date, 4) = $5) AND id <> $6
        ORDER BY arrival_year, arrival_number`,
      [agencyId, k.number, k.notation, k.issuer, k.issuedYear, excludeId ?? '00000000-0000-0000-0000-000000000000'],
    )
  ).rows;
}

/**
 * Next arrival number of a unit's own incoming register for `year` (an outgoing document of the
 * agency dispatched to the unit, issue #10), under the counter's row lock as the agency's is.
 */
export async function nextUnitArrivalNumber(q: Queryable, unitId: string, year: number): Promise<number> {
  return (
    await q.query<{ last_number: number }>(
      `INSERT INTO unit_arrival_counters (unit_id, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (unit_id, year) DO UPDATE SET last_number = unit_arrival_counters.last_number + 1
       RETURNING last_number`,
      [unitId, year],
    )
  ).rows[0]!.last_number;
}

/** Next arrival number of the agency's incoming register for `year`, under the counter's row lock. */
export async function nextArrivalNumber(q: Queryable, agencyId: string, year: number): Promise<number> {
  return (
    await q.query<{ last_number: number }>(
      `INSERT INTO arrival_counters (agency_id, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (agency_id, year) DO UPDATE SET last_number = arrival_counters.last_number + 1
       RETURNING last_number`,
      [agencyId, year],
    )
  ).rows[0]!.last_number;
}
