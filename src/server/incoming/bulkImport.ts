/**
 * Loading many documents at once (the demo seed, benchmarks, a migration from an
 * older system): the same rows as documentStore.saveDocument writes one by one —
 * state, files, access, change log, arrival counters — in large batched statements.
 */
import { accessUserIds, type OrgView } from '../../shared/incoming/rules.js';
import type { IncomingDocument } from '../../shared/incoming/model.js';
import type { Db } from '../db/database.js';
import { duplicateColumns, storedState } from './store.js';
import { checkWritable } from './legacyState.js';
import { incomingDeadlineRow } from './deadlineRow.js';

export interface BulkBlob {
  sha256: string;
  size: number;
  uploadedBy: string | null;
  createdAt: string;
}

export async function bulkInsertDocuments(db: Db, docs: IncomingDocument[], org: OrgView, blobs: BulkBlob[] = []): Promise<void> {
  if (docs.length === 0 && blobs.length === 0) return;
  await db.tx(async (q) => {
    if (blobs.length > 0)
      await q.query(
        `INSERT INTO blobs (sha256, size, uploaded_by, created_at)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[]) ON CONFLICT (sha256) DO NOTHING`,
        [blobs.map((b) => b.sha256), blobs.map((b) => b.size), blobs.map((b) => b.uploadedBy), blobs.map((b) => b.createdAt)],
      );
    if (docs.length === 0) return;
    // An import is a write like any other: nothing clients would refuse (decisions §18); about 10 µs a document.
    for (const d of docs) checkWritable(d);
    const keys = docs.map(duplicateColumns);
    await q.query(
      `INSERT INTO documents (id, agency_id, arrival_year, arrival_number, code_number, code_notation_key, issuer_key, issued_date, state, updated_at, content_withheld, subject, arrival_date, version, receiving_unit_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::boolean[], $12::text[], $13::text[], $14::int[], $15::uuid[])`,
      [
        docs.map((d) => d.id),
        docs.map((d) => d.agencyId),
        docs.map((d) => d.arrivalYear),
        docs.map((d) => d.arrivalNumber),
        keys.map((k) => k[0]),
        keys.map((k) => k[1]),
        keys.map((k) => k[2]),
        keys.map((k) => k[3]),
        docs.map(storedState),
        docs.map((d) => d.updatedAt),
        docs.map((d) => d.contentWithheld),
        docs.map((d) => d.subject),
        docs.map((d) => d.arrivalDate),
        docs.map((d) => d.version),
        docs.map((d) => d.receivingUnitId ?? null),
      ],
    );
    const fileDoc: string[] = [];
    const fileSha: string[] = [];
    const accessDoc: string[] = [];
    const accessUser: string[] = [];
    for (const d of docs) {
      for (const f of d.files) (fileDoc.push(d.id), fileSha.push(f.sha256));
      for (const u of accessUserIds(d, org)) (accessDoc.push(d.id), accessUser.push(u));
    }
    if (fileDoc.length > 0)
      await q.query("INSERT INTO record_files (record_id, sha256, kind) SELECT d, s, 'incoming' FROM unnest($1::uuid[], $2::text[]) AS t(d, s) ON CONFLICT DO NOTHING", [fileDoc, fileSha]);
    if (accessDoc.length > 0)
      await q.query("INSERT INTO record_access (record_id, user_id, kind) SELECT d, u, 'incoming' FROM unnest($1::uuid[], $2::uuid[]) AS t(d, u)", [accessDoc, accessUser]);
    const deadlines = docs.flatMap((d) => {
      const row = incomingDeadlineRow(d, org);
      return row ? [{ id: d.id, ...row }] : [];
    });
    if (deadlines.length > 0)
      await q.query(
        `INSERT INTO record_deadlines (kind, record_id, agency_id, unit_id, user_id, deadline, done_on, title)
         SELECT 'incoming', * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[])`,
        [
          deadlines.map((r) => r.id),
          deadlines.map((r) => r.agencyId),
          deadlines.map((r) => r.unitId),
          deadlines.map((r) => r.userId),
          deadlines.map((r) => r.deadline),
          deadlines.map((r) => r.doneOn),
          deadlines.map((r) => r.title),
        ],
      );
    const last = (await q.query<{ seq: number }>('UPDATE change_counter SET seq = seq + $1 WHERE id = 1 RETURNING seq', [docs.length])).rows[0]!.seq;
    await q.query(`INSERT INTO record_changes (seq, kind, record_id, user_id, op) SELECT s, 'incoming', d, NULL, 'put' FROM unnest($1::bigint[], $2::uuid[]) AS t(s, d)`, [
      docs.map((_, i) => last - docs.length + 1 + i),
      docs.map((d) => d.id),
    ]);
    // The agency's series, and a unit's own for its copies of the agency's outgoing documents (issue #10).
    const maxima = new Map<string, { agency: string; unit: string | null; year: number; n: number }>();
    for (const d of docs) {
      const unit = d.receivingUnitId ?? null;
      const k = `${unit ?? d.agencyId}/${d.arrivalYear}`;
      const m = maxima.get(k);
      if (!m || m.n < d.arrivalNumber) maxima.set(k, { agency: d.agencyId, unit, year: d.arrivalYear, n: d.arrivalNumber });
    }
    for (const m of maxima.values())
      if (m.unit === null)
        await q.query(
          `INSERT INTO arrival_counters (agency_id, year, last_number) VALUES ($1, $2, $3)
           ON CONFLICT (agency_id, year) DO UPDATE SET last_number = GREATEST(arrival_counters.last_number, EXCLUDED.last_number)`,
          [m.agency, m.year, m.n],
        );
      else
        await q.query(
          `INSERT INTO unit_arrival_counters (unit_id, year, last_number) VALUES ($1, $2, $3)
           ON CONFLICT (unit_id, year) DO UPDATE SET last_number = GREATEST(unit_arrival_counters.last_number, EXCLUDED.last_number)`,
          [m.unit, m.year, m.n],
        );
  });
}
