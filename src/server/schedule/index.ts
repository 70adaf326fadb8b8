/**
 * The server's schedule slice (issue #9; docs/decisions.md §28), as the composition root
 * (server/kinds.ts), the admin routes and the seed use it: the kind the generic pull and push
 * dispatch to, the agency's settings, and a bulk insert for loading many weeks at once.
 */
import type { OrgView } from '../../shared/domain/org.js';
import { SCHEDULE_KIND } from '../../shared/schedule/constants.js';
import type { ScheduleEntry, ScheduleWeek } from '../../shared/schedule/model.js';
import { entryAccessUserIds, weekAccessUserIds, type WeekFacts } from '../../shared/schedule/rights.js';
import type { Queryable } from '../db/database.js';
import { insertAccessRows, insertFileRows, logPuts } from '../sync/bulkRows.js';
import type { ServerKind } from '../sync/kinds.js';
import { scheduleFileHoldings } from './files.js';
import { scheduleServerMutations } from './mutations.js';
import { scheduleStates } from './states.js';
import { checkEntryWritable, checkWeekWritable, entryFileShas, storedEntryState, storedWeekState } from './store.js';

export { loadEntry, loadWeek, saveEntry, saveWeek } from './store.js';
export { checkScheduleSettings, loadScheduleSettings, parseScheduleSettings, writeScheduleSettings } from './settings.js';

export const scheduleKind: ServerKind = {
  kind: SCHEDULE_KIND,
  states: scheduleStates,
  mutations: scheduleServerMutations,
  fileHoldings: scheduleFileHoldings,
};

const BATCH = 1000;

/**
 * Loading many schedule records at once (the demo seed, benchmarks): the rows saveEntry and
 * saveWeek write one by one — state, files, access, one change-log put each — in batched
 * statements, inside the caller's transaction. Weeks first: who sees an entry depends on its
 * week's status (this batch's, else one already stored). The files' blobs must already be
 * stored (bulkInsertDocuments(db, [], org, blobs) stores blobs alone).
 */
export async function bulkInsertSchedule(q: Queryable, entries: readonly ScheduleEntry[], weeks: readonly ScheduleWeek[], org: OrgView): Promise<void> {
  // An import is a write like any other: nothing clients would refuse (decisions §18).
  for (const w of weeks) checkWeekWritable(w);
  for (const e of entries) checkEntryWritable(e);
  for (let i = 0; i < weeks.length; i += BATCH) await insertWeeks(q, weeks.slice(i, i + BATCH), org);
  const statuses = await weekStatuses(q, entries);
  for (let i = 0; i < entries.length; i += BATCH) await insertEntries(q, entries.slice(i, i + BATCH), statuses, org);
  // Last, as in every write: the change-log sequence is taken under its row lock.
  const ids = [...weeks.map((w) => w.id), ...entries.map((e) => e.id)];
  for (let i = 0; i < ids.length; i += BATCH) await logPuts(q, SCHEDULE_KIND, ids.slice(i, i + BATCH));
}

const weekKey = (agencyId: string, weekStart: string): string => `${agencyId}/${weekStart}`;

/** The status of every week the entries belong to, as stored (the batch's weeks included). */
async function weekStatuses(q: Queryable, entries: readonly ScheduleEntry[]): Promise<Map<string, WeekFacts>> {
  const keys = [...new Map(entries.map((e) => [weekKey(e.agencyId, e.weekStart), e])).values()];
  if (keys.length === 0) return new Map();
  const rows = (
    await q.query<{ agency_id: string; week_start: string; status: WeekFacts['status'] }>(
      `SELECT w.agency_id, w.week_start, w.status FROM schedule_weeks w
         JOIN unnest($1::uuid[], $2::text[]) AS k(a, s) ON w.agency_id = k.a AND w.week_start = k.s`,
      [keys.map((e) => e.agencyId), keys.map((e) => e.weekStart)],
    )
  ).rows;
  return new Map(rows.map((r) => [weekKey(r.agency_id, r.week_start), { status: r.status }]));
}

async function insertWeeks(q: Queryable, weeks: readonly ScheduleWeek[], org: OrgView): Promise<void> {
  if (weeks.length === 0) return;
  await q.query(
    `INSERT INTO schedule_weeks (id, agency_id, week_start, status, revision, state, version, updated_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::text[])`,
    [
      weeks.map((w) => w.id),
      weeks.map((w) => w.agencyId),
      weeks.map((w) => w.weekStart),
      weeks.map((w) => w.status),
      weeks.map((w) => w.revision),
      weeks.map(storedWeekState),
      weeks.map((w) => w.version),
      weeks.map((w) => w.updatedAt),
    ],
  );
  const everyone = [...weekAccessUserIds(org)];
  await insertAccessRows(
    q,
    SCHEDULE_KIND,
    weeks.flatMap((w) => everyone.map(() => w.id)),
    weeks.flatMap(() => everyone),
  );
}

async function insertEntries(q: Queryable, entries: readonly ScheduleEntry[], statuses: ReadonlyMap<string, WeekFacts>, org: OrgView): Promise<void> {
  await q.query(
    `INSERT INTO schedule_entries (id, agency_id, week_start, date, status, link_kind, link_id, state, version, updated_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::int[], $10::text[])`,
    [
      entries.map((e) => e.id),
      entries.map((e) => e.agencyId),
      entries.map((e) => e.weekStart),
      entries.map((e) => e.date),
      entries.map((e) => e.status),
      entries.map((e) => e.link?.kind ?? null),
      entries.map((e) => e.link?.id ?? null),
      entries.map(storedEntryState),
      entries.map((e) => e.version),
      entries.map((e) => e.updatedAt),
    ],
  );
  const fileEntry: string[] = [];
  const fileSha: string[] = [];
  const accessEntry: string[] = [];
  const accessUser: string[] = [];
  for (const e of entries) {
    for (const sha of entryFileShas(e)) (fileEntry.push(e.id), fileSha.push(sha));
    for (const u of entryAccessUserIds(e, statuses.get(weekKey(e.agencyId, e.weekStart)) ?? null, org)) (accessEntry.push(e.id), accessUser.push(u));
  }
  await insertFileRows(q, SCHEDULE_KIND, fileEntry, fileSha);
  await insertAccessRows(q, SCHEDULE_KIND, accessEntry, accessUser);
}
