/**
 * Helpers of the tasks and dashboard suites (test/server/tasks*.test.ts, dashboard.test.ts):
 * rows written straight into the server's database, for what a suite below HTTP needs
 * from another slice (a document to link a task to, to count on the dashboard).
 */
import type { Queryable } from '../../src/server/db/database.js';
import { FIXTURE_ORG } from '../helpers/fixtures.js';

const AGENCY = FIXTURE_ORG.agency.id;
const NOW = new Date('2026-12-01T02:00:00.000Z');

/** A document row as the incoming store writes it (only what the tasks slice and the backfill read). */
export async function insertDocument(q: Queryable, id: string, over: { dueDate: string | null; state?: Record<string, unknown> }): Promise<void> {
  const n = Number.parseInt(id.replace(/-/gu, '').slice(0, 7), 16);
  const state = { id, agencyId: AGENCY, subject: 'Về việc báo cáo', status: 'registered', completedAt: null, dueDate: over.dueDate, assignments: [], ...over.state };
  await q.query(
    `INSERT INTO documents (id, agency_id, arrival_year, arrival_number, code_number, code_notation_key, issuer_key, issued_date, state, content_withheld, subject, arrival_date, updated_at)
     VALUES ($1, $2, 2026, $3, $4, 'stc-ns', 'so tai chinh', '2026-11-20', $5, false, $6, $7, $7)`,
    [id, AGENCY, n, String(n), JSON.stringify(state), state.subject, NOW.toISOString()],
  );
}
