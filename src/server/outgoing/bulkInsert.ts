/**
 * Loading many outgoing documents at once (the demo seed, benchmarks): the rows saveOutgoing
 * writes one by one — state and its columns, files, access, one change-log put each — in
 * batched statements inside the caller's transaction; and the register counters raised to the
 * highest number loaded, so the next number the server gives follows the loaded series. The
 * files' blobs must already be stored (bulkInsertDocuments(db, [], org, blobs) stores blobs alone).
 */
import type { OrgView } from '../../shared/domain/org.js';
import { OUTGOING_KIND } from '../../shared/outgoing/constants.js';
import type { OutgoingDocument } from '../../shared/outgoing/model.js';
import { outgoingAccessUserIds } from '../../shared/outgoing/rights.js';
import type { Queryable } from '../db/database.js';
import { insertAccessRows, insertFileRows, logPuts } from '../sync/bulkRows.js';
import { checkOutgoingWritable, outgoingFileShas, storedOutgoingState } from './store.js';

const BATCH = 1000;

export async function bulkInsertOutgoing(q: Queryable, docs: readonly OutgoingDocument[], org: OrgView): Promise<void> {
  // An import is a write like any other: nothing clients would refuse (decisions §18).
  for (const d of docs) checkOutgoingWritable(d);
  for (let i = 0; i < docs.length; i += BATCH) await insertBatch(q, docs.slice(i, i + BATCH), org);
  await raiseCounters(q, docs);
  // Last, as in every write: the change-log sequence is taken under its row lock.
  for (let i = 0; i < docs.length; i += BATCH) await logPuts(q, OUTGOING_KIND, docs.slice(i, i + BATCH).map((d) => d.id));
}

async function insertBatch(q: Queryable, docs: readonly OutgoingDocument[], org: OrgView): Promise<void> {
  await q.query(
    `INSERT INTO outgoing_documents (id, agency_id, status, register_id, number_year, number_n, relation_id, state, version, updated_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::int[], $6::int[], $7::uuid[], $8::text[], $9::int[], $10::text[])`,
    [
      docs.map((d) => d.id),
      docs.map((d) => d.agencyId),
      docs.map((d) => d.status),
      docs.map((d) => d.number?.registerId ?? null),
      docs.map((d) => d.number?.year ?? null),
      docs.map((d) => d.number?.n ?? null),
      docs.map((d) => d.relation?.documentId ?? null),
      docs.map(storedOutgoingState),
      docs.map((d) => d.version),
      docs.map((d) => d.updatedAt),
    ],
  );
  const fileDoc: string[] = [];
  const fileSha: string[] = [];
  const accessDoc: string[] = [];
  const accessUser: string[] = [];
  for (const d of docs) {
    for (const sha of outgoingFileShas(d)) (fileDoc.push(d.id), fileSha.push(sha));
    for (const u of outgoingAccessUserIds(d, org)) (accessDoc.push(d.id), accessUser.push(u));
  }
  await insertFileRows(q, OUTGOING_KIND, fileDoc, fileSha);
  await insertAccessRows(q, OUTGOING_KIND, accessDoc, accessUser);
}

/** Each (agency, register, year) counter at least the highest number loaded in it. */
async function raiseCounters(q: Queryable, docs: readonly OutgoingDocument[]): Promise<void> {
  const highest = new Map<string, { agencyId: string; registerId: string; year: number; n: number }>();
  for (const d of docs) {
    if (d.number === null) continue;
    const k = `${d.agencyId}/${d.number.registerId}/${d.number.year}`;
    const h = highest.get(k);
    if (!h || h.n < d.number.n) highest.set(k, { agencyId: d.agencyId, registerId: d.number.registerId, year: d.number.year, n: d.number.n });
  }
  for (const h of highest.values())
    await q.query(
      `INSERT INTO outgoing_counters (agency_id, register_id, year, last_number) VALUES ($1, $2, $3, $4)
       ON CONFLICT (agency_id, register_id, year) DO UPDATE SET last_number = GREATEST(outgoing_counters.last_number, EXCLUDED.last_number)`,
      [h.agencyId, h.registerId, h.year, h.n],
    );
}
