/**
 * Reading and writing the schedule's records (issue #9; docs/decisions.md §28): entries in
 * schedule_entries, weeks in schedule_weeks, both of kind 'schedule'. Every write, in the
 * caller's transaction, checks the state with the clients' own schema, stores it, keeps
 * record_files in step (an entry's attachments) and recomputes who sees the record
 * (record_access and the change log, last: decisions §6).
 *
 * Who sees an entry depends on its week (a scheduled entry of a published week is everyone's),
 * so saving an entry takes the week it belongs to, and a publication refreshes the access of
 * every entry of its week (refreshEntryAccess).
 */
import type { OrgView } from '../../shared/domain/org.js';
import { AppError } from '../../shared/i18n/errors.js';
import { SCHEDULE_KIND } from '../../shared/schedule/constants.js';
import { ScheduleEntry, ScheduleWeek } from '../../shared/schedule/model.js';
import { entryAccessUserIds, weekAccessUserIds, type WeekFacts } from '../../shared/schedule/rights.js';
import type { Queryable } from '../db/database.js';
import { writeRecordFiles } from '../blobs/recordFiles.js';
import { writeAccess } from '../sync/access.js';

export const storedEntryState = (entry: ScheduleEntry): string => JSON.stringify(entry);
export const storedWeekState = (week: ScheduleWeek): string => JSON.stringify(week);

export async function loadEntry(q: Queryable, id: string, forUpdate = false): Promise<ScheduleEntry | null> {
  const row = (await q.query<{ state: string }>(`SELECT state FROM schedule_entries WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id])).rows[0];
  return row ? (JSON.parse(row.state) as ScheduleEntry) : null;
}

/** Several entries, locked in id order (a merge locks two: always in the same order, so two transactions never wait on each other). */
export async function loadEntries(q: Queryable, ids: readonly string[], forUpdate = false): Promise<Map<string, ScheduleEntry>> {
  const rows = (await q.query<{ id: string; state: string }>(`SELECT id, state FROM schedule_entries WHERE id = ANY($1::uuid[]) ORDER BY id${forUpdate ? ' FOR UPDATE' : ''}`, [ids])).rows;
  return new Map(rows.map((r) => [r.id, JSON.parse(r.state) as ScheduleEntry]));
}

export async function loadWeek(q: Queryable, id: string, forUpdate = false): Promise<ScheduleWeek | null> {
  const row = (await q.query<{ state: string }>(`SELECT state FROM schedule_weeks WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id])).rows[0];
  return row ? (JSON.parse(row.state) as ScheduleWeek) : null;
}

function unreadable(what: string, issues: readonly { path: readonly PropertyKey[] }[]): AppError {
  return new AppError('invalid_mutation', { details: `the ${what} would not be readable (${issues.slice(0, 3).map((i) => i.path.map(String).join('.')).join(', ')})` });
}

/** Every state is checked with the clients' schema before it is stored: none written can be refused by them (decisions §18). */
export function checkEntryWritable(entry: ScheduleEntry): void {
  const parsed = ScheduleEntry.safeParse(entry);
  if (!parsed.success) throw unreadable('schedule entry', parsed.error.issues);
}

export function checkWeekWritable(week: ScheduleWeek): void {
  const parsed = ScheduleWeek.safeParse(week);
  if (!parsed.success) throw unreadable('schedule week', parsed.error.issues);
}

export const entryFileShas = (entry: Pick<ScheduleEntry, 'files'>): Set<string> => new Set(entry.files.map((f) => f.sha256));

/** Store the entry's new state; returns everyone who could see it before or can see it now (to poke). */
export async function saveEntry(q: Queryable, entry: ScheduleEntry, week: WeekFacts | null, org: OrgView, isNew: boolean): Promise<Set<string>> {
  checkEntryWritable(entry);
  const state = storedEntryState(entry);
  if (isNew) {
    await q.query(
      `INSERT INTO schedule_entries (id, agency_id, week_start, date, status, link_kind, link_id, state, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [entry.id, entry.agencyId, entry.weekStart, entry.date, entry.status, entry.link?.kind ?? null, entry.link?.id ?? null, state, entry.version, entry.updatedAt],
    );
  } else {
    await q.query('UPDATE schedule_entries SET date = $2, status = $3, link_kind = $4, link_id = $5, state = $6, version = $7, updated_at = $8 WHERE id = $1', [
      entry.id,
      entry.date,
      entry.status,
      entry.link?.kind ?? null,
      entry.link?.id ?? null,
      state,
      entry.version,
      entry.updatedAt,
    ]);
  }
  await writeRecordFiles(q, SCHEDULE_KIND, entry.id, entryFileShas(entry), isNew);
  // Last: it takes the change-log sequence, whose row lock orders commits.
  return writeAccess(q, SCHEDULE_KIND, entry.id, entryAccessUserIds(entry, week, org));
}

/** Store the week's new state (weeks are everyone's: they carry no draft content). */
export async function saveWeek(q: Queryable, week: ScheduleWeek, org: OrgView, isNew: boolean): Promise<Set<string>> {
  checkWeekWritable(week);
  const state = storedWeekState(week);
  if (isNew) {
    await q.query(
      `INSERT INTO schedule_weeks (id, agency_id, week_start, status, revision, state, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [week.id, week.agencyId, week.weekStart, week.status, week.revision, state, week.version, week.updatedAt],
    );
  } else {
    await q.query('UPDATE schedule_weeks SET status = $2, revision = $3, state = $4, version = $5, updated_at = $6 WHERE id = $1', [
      week.id,
      week.status,
      week.revision,
      state,
      week.version,
      week.updatedAt,
    ]);
  }
  return writeAccess(q, SCHEDULE_KIND, week.id, weekAccessUserIds(org));
}

/** Which entries to refresh: one week's (its publication), or every entry of the agency a published week does not make public (a new office). */
export type EntryScope = { readonly weekStart: string } | { readonly notPublic: true };

/**
 * Recompute who sees the entries in `scope` when something outside them changed (their week
 * was published, the office is another unit); only the entries whose access changed are
 * written, so clients are sent only what they gain or lose. Returns the users to poke.
 * The entries' rows are locked: a change of one of them waits, then sees the new access.
 */
export async function refreshEntryAccess(q: Queryable, agencyId: string, scope: EntryScope, org: OrgView): Promise<Set<string>> {
  const rows = (
    await q.query<{ id: string; state: string; week_status: WeekFacts['status'] | null }>(
      `SELECT e.id, e.state, w.status AS week_status
         FROM schedule_entries e
         LEFT JOIN schedule_weeks w ON w.agency_id = e.agency_id AND w.week_start = e.week_start
        WHERE e.agency_id = $1
          AND ($2::text IS NULL OR e.week_start = $2)
          AND ($3::boolean IS NOT TRUE OR w.status IS DISTINCT FROM 'published' OR e.status NOT IN ('scheduled', 'cancelled'))
        ORDER BY e.id
        FOR UPDATE OF e`,
      [agencyId, 'weekStart' in scope ? scope.weekStart : null, 'notPublic' in scope],
    )
  ).rows;
  const poke = new Set<string>();
  if (rows.length === 0) return poke;
  const stored = new Map<string, Set<string>>();
  for (const r of (
    await q.query<{ record_id: string; user_id: string }>('SELECT record_id, user_id FROM record_access WHERE kind = $1 AND record_id = ANY($2::uuid[])', [
      SCHEDULE_KIND,
      rows.map((r) => r.id),
    ])
  ).rows) {
    let set = stored.get(r.record_id);
    if (!set) stored.set(r.record_id, (set = new Set()));
    set.add(r.user_id);
  }
  for (const r of rows) {
    const entry = JSON.parse(r.state) as ScheduleEntry;
    const after = entryAccessUserIds(entry, r.week_status === null ? null : { status: r.week_status }, org);
    const before = stored.get(r.id) ?? new Set<string>();
    if (before.size === after.size && [...after].every((u) => before.has(u))) continue;
    for (const u of await writeAccess(q, SCHEDULE_KIND, r.id, after)) poke.add(u);
  }
  return poke;
}
