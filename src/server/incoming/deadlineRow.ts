/**
 * An incoming document's row in record_deadlines (docs/generic-sync-plan.md §5): what the
 * dashboard counts for it. The incoming store writes it on every save; the backfill
 * writes it once for documents stored before the table existed.
 *
 * The rule is shared/incoming/deadlineFacts.ts's, which the core's cache uses too, so the
 * server's figures and the desktop's agree.
 */
import type { OrgView } from '../../shared/domain/org.js';
import type { IncomingDocument } from '../../shared/incoming/model.js';
import { incomingDeadlineFacts } from '../../shared/incoming/deadlineFacts.js';
import type { Db } from '../db/database.js';
import { loadOrganisation } from '../org/organisation.js';
import type { DeadlineRow } from '../sync/access.js';

type Facts = Pick<IncomingDocument, 'agencyId' | 'assignments' | 'dueDate' | 'status' | 'completedAt' | 'subject' | 'revocation'>;

export function incomingDeadlineRow(doc: Facts, org: Pick<OrgView, 'users'>): DeadlineRow | null {
  const f = incomingDeadlineFacts(doc, org);
  return f === null ? null : { agencyId: doc.agencyId, unitId: f.unitId, userId: f.userId, deadline: f.deadline, doneOn: f.doneOn, title: doc.subject };
}

const BATCH = 1000;

/**
 * Fill record_deadlines for documents stored before it existed, 1,000 per transaction
 * (short transactions: the server serves meanwhile). Documents are walked in id order, so
 * those with no deadline (no row, ever) are read once. A row written meanwhile by a save is
 * newer than ours and kept. Returns the number of rows written.
 */
export async function backfillIncomingDeadlines(db: Db): Promise<number> {
  const orgs = new Map<string, Pick<OrgView, 'users'>>();
  let after = '00000000-0000-0000-0000-000000000000';
  let written = 0;
  for (;;) {
    const batch = await db.tx(async (q) => {
      const docs = (
        await q.query<{ id: string; agency_id: string; state: string }>(
          `SELECT d.id, d.agency_id, d.state FROM documents d
            WHERE d.id > $1 AND NOT EXISTS (SELECT 1 FROM record_deadlines r WHERE r.kind = 'incoming' AND r.record_id = d.id)
            ORDER BY d.id LIMIT $2`,
          [after, BATCH],
        )
      ).rows;
      const ids: string[] = [];
      const rows: DeadlineRow[] = [];
      for (const d of docs) {
        let org = orgs.get(d.agency_id);
        if (!org) orgs.set(d.agency_id, (org = await loadOrganisation(q, d.agency_id)));
        const row = incomingDeadlineRow(JSON.parse(d.state) as Facts, org);
        if (row) (ids.push(d.id), rows.push(row));
      }
      if (rows.length > 0)
        await q.query(
          `INSERT INTO record_deadlines (kind, record_id, agency_id, unit_id, user_id, deadline, done_on, title)
           SELECT 'incoming', * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[])
           ON CONFLICT (kind, record_id) DO NOTHING`,
          [ids, rows.map((r) => r.agencyId), rows.map((r) => r.unitId), rows.map((r) => r.userId), rows.map((r) => r.deadline), rows.map((r) => r.doneOn), rows.map((r) => r.title)],
        );
      return { last: docs.at(-1)?.id ?? null, count: rows.length, full: docs.length === BATCH };
    });
    written += batch.count;
    if (!batch.full || batch.last === null) return written;
    after = batch.last;
  }
}
