/**
 * The confirmed weekly schedule of the signed-in user in the local cache (issue #9): entries
 * (requests and lines of the week) with their columns derived for the user, the weeks, the
 * search index, the file links (`record_files`, kind 'schedule') and the revision notices,
 * kept together. Callers own the transactions (a pull page is one).
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import { vnToday } from '../../../shared/index.js';
import type { OrgView } from '../../../shared/domain/org.js';
import { SCHEDULE_KIND, ScheduleRecord, type ScheduleEntry, type ScheduleWeek } from '../../../shared/schedule/schemas.js';
import type { ScheduleNotice, WeekDeadline } from '../../../shared/schedule/rpc.js';
import type { Db } from '../db/open.js';
import { ftsMatchExpression } from '../db/search.js';
import type { LocalKind, Viewer } from '../sync/kinds.js';
import { entryRowOf } from './entries.js';
import { noticeFor, type NoticeDraft } from './notices.js';
import { scheduleSearchBody } from './search.js';

interface NoticeRow {
  id: number;
  entry_id: string;
  week_start: string;
  revision: number;
  change: ScheduleNotice['change'];
  fields: string;
  title: string;
  body: string;
  at: string;
  seen: number;
}

const parseEntries = (rows: readonly { entry_json: string }[]): ScheduleEntry[] => rows.map((r) => JSON.parse(r.entry_json) as ScheduleEntry);

export class ScheduleStore implements LocalKind<ScheduleRecord> {
  readonly kind = SCHEDULE_KIND;
  readonly schema = ScheduleRecord;
  private readonly stmts;

  /**
   * `org` is read when a row is written (the user's role through their unit) and for the
   * notices' names; null until the organisation is known. `now` decides which meetings are
   * still ahead (notices.ts).
   */
  constructor(
    private readonly db: Db,
    private readonly org: () => OrgView | null,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.stmts = {
      entryJson: db.prepare<[string], { rowid: number; entry_json: string }>('SELECT rowid, entry_json FROM schedule_entries WHERE id = ?'),
      entryRowid: db.prepare<[string], { rowid: number }>('SELECT rowid FROM schedule_entries WHERE id = ?'),
      upsertEntry: db.prepare(`
        INSERT INTO schedule_entries (id, week_start, date, part, part_no, start, "end", status, content, chair_id, room_id, preparing_unit_id,
          requested_by, requesting_unit_id, my_role, last_revision, file_count, updated_at, version, entry_json)
        VALUES (@id, @week_start, @date, @part, @part_no, @start, @end, @status, @content, @chair_id, @room_id, @preparing_unit_id,
          @requested_by, @requesting_unit_id, @my_role, @last_revision, @file_count, @updated_at, @version, @entry_json)
        ON CONFLICT (id) DO UPDATE SET
          week_start = excluded.week_start, date = excluded.date, part = excluded.part, part_no = excluded.part_no, start = excluded.start,
          "end" = excluded."end", status = excluded.status, content = excluded.content, chair_id = excluded.chair_id, room_id = excluded.room_id,
          preparing_unit_id = excluded.preparing_unit_id, requested_by = excluded.requested_by, requesting_unit_id = excluded.requesting_unit_id,
          my_role = excluded.my_role, last_revision = excluded.last_revision, file_count = excluded.file_count, updated_at = excluded.updated_at,
          version = excluded.version, entry_json = excluded.entry_json
        RETURNING rowid`),
      deleteEntry: db.prepare<[string]>('DELETE FROM schedule_entries WHERE id = ?'),
      ftsDelete: db.prepare<[number]>('DELETE FROM schedule_fts WHERE rowid = ?'),
      ftsInsert: db.prepare<[number, string]>('INSERT INTO schedule_fts (rowid, body) VALUES (?, ?)'),
      filesDelete: db.prepare<[string]>(`DELETE FROM record_files WHERE kind = '${SCHEDULE_KIND}' AND record_id = ?`),
      fileLink: db.prepare(`INSERT OR IGNORE INTO record_files (kind, record_id, sha256, name, size, position, sealed) VALUES ('${SCHEDULE_KIND}', ?, ?, ?, ?, ?, 0)`),
      fileKnown: db.prepare(`INSERT OR IGNORE INTO files (sha256, size, state, needs_upload) VALUES (?, ?, 'missing', 0)`),
      upsertWeek: db.prepare(`
        INSERT INTO schedule_weeks (id, week_start, status, revision, version, week_json) VALUES (@id, @week_start, @status, @revision, @version, @week_json)
        ON CONFLICT (id) DO UPDATE SET week_start = excluded.week_start, status = excluded.status, revision = excluded.revision,
          version = excluded.version, week_json = excluded.week_json`),
      weekJson: db.prepare<[string], { week_json: string }>('SELECT week_json FROM schedule_weeks WHERE id = ?'),
      deleteWeek: db.prepare<[string]>('DELETE FROM schedule_weeks WHERE id = ?'),
      weekByStart: db.prepare<[string], { week_json: string }>('SELECT week_json FROM schedule_weeks WHERE week_start = ?'),
      weeksBetween: db.prepare<[string, string], { week_json: string }>('SELECT week_json FROM schedule_weeks WHERE week_start BETWEEN ? AND ?'),
      ofWeek: db.prepare<[string], { entry_json: string }>('SELECT entry_json FROM schedule_entries WHERE week_start = ? ORDER BY date, part_no, start'),
      mineBetween: db.prepare<[string, string], { entry_json: string }>(
        'SELECT entry_json FROM schedule_entries WHERE my_role IS NOT NULL AND date BETWEEN ? AND ? ORDER BY date, part_no, start',
      ),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM schedule_entries'),
      noticeInsert: db.prepare(`
        INSERT OR IGNORE INTO schedule_notices (entry_id, week_start, revision, change, fields, title, body, at, seen)
        VALUES (@entryId, @weekStart, @revision, @change, @fields, @title, @body, @at, 0)`),
      notices: db.prepare<[number], NoticeRow>('SELECT * FROM schedule_notices ORDER BY id DESC LIMIT ?'),
      noticesSeen: db.prepare<[string]>('UPDATE schedule_notices SET seen = 1 WHERE seen = 0 AND id IN (SELECT value FROM json_each(?))'),
      taskDeadlines: db.prepare<[string, string], { id: string; title: string; deadline: string }>(
        `SELECT id, title, deadline FROM tasks WHERE my_role = 'main' AND status IN ('open', 'in_progress', 'returned') AND deadline >= ? AND deadline <= ? ORDER BY deadline, id`,
      ),
      documentDeadlines: db.prepare<[string, string], { id: string; subject: string; deadline: string }>(
        `SELECT id, subject, deadline FROM documents WHERE my_role = 'main' AND status <> 'done' AND deadline >= ? AND deadline <= ? ORDER BY deadline, id`,
      ),
    };
  }

  put(state: ScheduleRecord, viewer: Viewer): void {
    if (state.type === 'week') {
      this.stmts.upsertWeek.run({ id: state.id, week_start: state.weekStart, status: state.status, revision: state.revision, version: state.version, week_json: JSON.stringify(state) });
      return;
    }
    const stored = this.stmts.entryJson.get(state.id);
    const org = this.org();
    this.writeEntry(state, viewer, org, stored?.rowid ?? null);
    const notice = noticeFor(stored ? (JSON.parse(stored.entry_json) as ScheduleEntry) : null, state, viewer, org, vnToday(this.now()));
    if (notice) this.addNotice(notice);
  }

  private writeEntry(entry: ScheduleEntry, viewer: Viewer, org: OrgView | null, storedRowid: number | null): void {
    const { rowid } = this.stmts.upsertEntry.get({ ...entryRowOf(entry, viewer, org), entry_json: JSON.stringify(entry) }) as { rowid: number };
    if (storedRowid !== null) this.stmts.ftsDelete.run(storedRowid);
    this.stmts.ftsInsert.run(rowid, scheduleSearchBody(entry, org));
    this.stmts.filesDelete.run(entry.id);
    entry.files.forEach((f, i) => {
      this.stmts.fileLink.run(entry.id, f.sha256, f.name, f.size, i);
      this.stmts.fileKnown.run(f.sha256, f.size);
    });
  }

  private addNotice(n: NoticeDraft): void {
    this.stmts.noticeInsert.run({ ...n, fields: JSON.stringify(n.fields) });
  }

  /** Forget an entry (its row, search entry and file links) or a week. Notices stay: they are the user's. */
  remove(id: string): boolean {
    const existing = this.stmts.entryRowid.get(id);
    if (!existing) return this.stmts.deleteWeek.run(id).changes > 0;
    this.stmts.ftsDelete.run(existing.rowid);
    this.stmts.filesDelete.run(id);
    this.stmts.deleteEntry.run(id);
    return true;
  }

  removeAll(): void {
    this.db.exec(`DELETE FROM schedule_fts; DELETE FROM record_files WHERE kind = '${SCHEDULE_KIND}'; DELETE FROM schedule_entries; DELETE FROM schedule_weeks;`);
  }

  /** An entry or a week (one kind, two record types: the overlay and the rules' look-ups read both). */
  get(id: string): ScheduleRecord | null {
    const e = this.stmts.entryJson.get(id);
    if (e) return JSON.parse(e.entry_json) as ScheduleEntry;
    const w = this.stmts.weekJson.get(id);
    return w ? (JSON.parse(w.week_json) as ScheduleWeek) : null;
  }

  count(): number {
    return this.stmts.count.get()?.n ?? 0;
  }

  /** Re-derive every entry's per-user columns (the user moved unit); in chunks; no notices. */
  recomputeAll(viewer: Viewer): void {
    const org = this.org();
    const chunk = this.db.prepare<[string], { rowid: number; entry_json: string }>('SELECT rowid, entry_json FROM schedule_entries WHERE id > ? ORDER BY id LIMIT 500');
    for (let after = ''; ; ) {
      const rows = chunk.all(after);
      if (rows.length === 0) return;
      for (const r of rows) {
        const e = JSON.parse(r.entry_json) as ScheduleEntry;
        this.writeEntry(e, viewer, org, r.rowid);
        after = e.id;
      }
    }
  }

  /** The stored entries of a week, in table order (the handlers sort again once pending ones join). */
  entriesOfWeek(weekStart: string): ScheduleEntry[] {
    return parseEntries(this.stmts.ofWeek.all(weekStart));
  }

  /** The stored entries that concern the user (my_role), on days from..to. */
  myEntriesBetween(from: string, to: string): ScheduleEntry[] {
    return parseEntries(this.stmts.mineBetween.all(from, to));
  }

  week(weekStart: string): ScheduleWeek | null {
    const w = this.stmts.weekByStart.get(weekStart);
    return w ? (JSON.parse(w.week_json) as ScheduleWeek) : null;
  }

  weeksBetween(from: string, to: string): ScheduleWeek[] {
    return this.stmts.weeksBetween.all(from, to).map((r) => JSON.parse(r.week_json) as ScheduleWeek);
  }

  /**
   * Entries matching the folded terms (db/search.ts queryTerms), latest days first: a
   * schedule is searched for a meeting to come or just held, rarely for the best match of
   * five years.
   */
  search(terms: readonly string[], limit: number): ScheduleEntry[] {
    const match = ftsMatchExpression(terms);
    if (match === null) return [];
    return parseEntries(
      this.prepare(
        `SELECT e.entry_json FROM schedule_fts f JOIN schedule_entries e ON e.rowid = f.rowid WHERE schedule_fts MATCH ? ORDER BY e.date DESC, e.part_no, e.start LIMIT ?`,
      ).all(match, limit) as { entry_json: string }[],
    );
  }

  /** My notices, newest first. */
  notices(limit: number): ScheduleNotice[] {
    return this.stmts.notices.all(limit).map((r) => ({
      id: r.id,
      entryId: r.entry_id,
      weekStart: r.week_start,
      revision: r.revision,
      change: r.change,
      fields: JSON.parse(r.fields) as ScheduleNotice['fields'],
      title: r.title,
      body: r.body,
      at: r.at,
      seen: r.seen === 1,
    }));
  }

  markNoticesSeen(ids: readonly number[]): number {
    return this.stmts.noticesSeen.run(JSON.stringify(ids)).changes;
  }

  /**
   * "Lịch của tôi"'s deadlines on days from..to: my open tasks as the main handler
   * (tasks/list.ts OPEN_SQL, off the open-by-role index) and the incoming documents I handle
   * as the main handler, not done, by my own deadline (the documents' `deadline` column is
   * derived for the user: incoming/store.ts).
   */
  deadlines(from: string, to: string, today: string): WeekDeadline[] {
    const tasks = this.stmts.taskDeadlines.all(from, to).map((r): WeekDeadline => ({ kind: 'tasks', id: r.id, title: r.title, date: r.deadline, overdue: r.deadline < today }));
    const docs = this.stmts.documentDeadlines.all(from, to).map((r): WeekDeadline => ({ kind: 'incoming', id: r.id, title: r.subject, date: r.deadline, overdue: r.deadline < today }));
    return [...tasks, ...docs].sort((a, b) => (a.date === b.date ? (a.kind === b.kind ? 0 : a.kind === 'tasks' ? -1 : 1) : a.date < b.date ? -1 : 1));
  }

  /** Files worth fetching ahead of use: of live entries changed since `sinceIso`, the nearest first. */
  prefetchCandidates(sinceIso: string, limit: number): { sha256: string; size: number }[] {
    return this.prepare(
      `SELECT DISTINCT rf.sha256 AS sha256, rf.size AS size
         FROM schedule_entries e JOIN record_files rf ON rf.kind = '${SCHEDULE_KIND}' AND rf.record_id = e.id JOIN files f ON f.sha256 = rf.sha256
        WHERE f.state <> 'complete' AND e.status IN ('requested', 'scheduled') AND e.updated_at >= ? AND e.file_count > 0
        ORDER BY e.date LIMIT ?`,
    ).all(sinceIso, limit) as { sha256: string; size: number }[];
  }

  private readonly prepared = new Map<string, Statement>();
  private prepare(sql: string): Statement {
    let st = this.prepared.get(sql);
    if (!st) this.prepared.set(sql, (st = this.db.prepare(sql)));
    return st;
  }
}
