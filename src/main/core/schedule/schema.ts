/**
 * The weekly schedule's tables in the local cache (issue #9): cache step 6.
 *
 * This text becomes a released cache step once appended to MIGRATIONS
 * (core/db/migrations.ts): from then on it is never edited, a change is a new step.
 * It needs step 4 (the generic `record_files`) before it.
 *
 * Why these shapes:
 * - A week view reads one week's entries (a few hundred at most) off
 *   `schedule_entries_by_week`, in table order (date, part, start), then parses their JSON:
 *   five years of history cost nothing more than one week. `part_no` orders the parts of
 *   the day (morning, afternoon, evening); their names do not sort that way.
 * - `my_role` is derived for the signed-in user when the row is written (ScheduleStore.put;
 *   shared/schedule/rights.ts myEntryRole): "Lịch của tôi" over several weeks (the .ics
 *   export) reads `schedule_entries_mine` only.
 * - `last_revision` is the revision of the entry's latest change after publication: a pull
 *   that brings a newer one by someone else is a notice for the people it concerns.
 * - Notices are the user's own history, not server records: a full pull (reset) empties the
 *   entries and weeks, never the notices; (entry_id, revision) is unique, so a record pulled
 *   again is never told twice.
 */
export const SCHEDULE_CACHE_STEP = `
  CREATE TABLE schedule_entries (
    id                  TEXT PRIMARY KEY,
    week_start          TEXT NOT NULL,      -- the Monday, 'YYYY-MM-DD'
    date                TEXT NOT NULL,
    part                TEXT NOT NULL,      -- morning | afternoon | evening
    part_no             INTEGER NOT NULL,   -- 0, 1, 2: the parts in the day's order
    start               TEXT,               -- 'HH:mm', NULL: the whole part
    "end"               TEXT,
    status              TEXT NOT NULL,
    content             TEXT NOT NULL,
    chair_id            TEXT,
    room_id             TEXT,
    preparing_unit_id   TEXT,
    requested_by        TEXT NOT NULL,
    requesting_unit_id  TEXT NOT NULL,
    my_role             TEXT,               -- chair | participant | preparing, for the signed-in user
    last_revision       INTEGER NOT NULL,   -- 0: no change after publication
    file_count          INTEGER NOT NULL,
    updated_at          TEXT NOT NULL,
    version             INTEGER NOT NULL,
    entry_json          TEXT NOT NULL
  );
  CREATE INDEX schedule_entries_by_week ON schedule_entries (week_start, date, part_no, start);
  CREATE INDEX schedule_entries_mine    ON schedule_entries (my_role, date) WHERE my_role IS NOT NULL;

  CREATE TABLE schedule_weeks (
    id          TEXT PRIMARY KEY,
    week_start  TEXT NOT NULL,
    status      TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    week_json   TEXT NOT NULL
  );
  CREATE INDEX schedule_weeks_by_start ON schedule_weeks (week_start);

  -- Folded shadow text (schedule/search.ts); rowid = schedule_entries.rowid.
  CREATE VIRTUAL TABLE schedule_fts USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');

  -- Revisions that concern the user, made by someone else (schedule/notices.ts).
  CREATE TABLE schedule_notices (
    id          INTEGER PRIMARY KEY,
    entry_id    TEXT NOT NULL,
    week_start  TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    change      TEXT NOT NULL,              -- added | changed | cancelled
    fields      TEXT NOT NULL,              -- JSON array of entry fields
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    at          TEXT NOT NULL,
    seen        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (entry_id, revision)
  );
  CREATE INDEX schedule_notices_unseen ON schedule_notices (id) WHERE seen = 0;
`;
