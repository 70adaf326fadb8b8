-- The weekly work schedule (Lịch công tác tuần, issue #9; docs/decisions.md §28), the third
-- kind of record: 'schedule', with two record types in two tables. As for documents and tasks,
-- the whole state is JSON text (the shared ScheduleEntry / ScheduleWeek shape), sent by pulls
-- as stored; the columns are what look-ups and locks need. Who sees a record and its files
-- are in record_access and record_files with kind 'schedule'.

-- One meeting or engagement of a day: a request, or a line of the week once scheduled.
CREATE TABLE schedule_entries (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  -- The Monday of its day ('YYYY-MM-DD'): an entry never leaves its week.
  week_start text NOT NULL,
  date text NOT NULL,
  status text NOT NULL,
  -- The invitation or task it was made from ("Giấy mời" → entry): the reverse link is this index.
  link_kind text,
  link_id uuid,
  state text NOT NULL,
  version integer NOT NULL,
  updated_at text NOT NULL
);
-- A week's entries: the publication refreshes their access, views and the seed read them by week.
CREATE INDEX schedule_entries_week ON schedule_entries (agency_id, week_start, date);
-- Few entries come from a record: a partial index stays small.
CREATE INDEX schedule_entries_link ON schedule_entries (link_id) WHERE link_id IS NOT NULL;

-- An agency's week: its status, revision number and revisions. The id is derived from the
-- agency and the Monday (shared/schedule/week.ts scheduleWeekId); the pair is unique too, so a
-- wrongly derived id can never make a second record of the same week.
CREATE TABLE schedule_weeks (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  week_start text NOT NULL,
  status text NOT NULL,
  revision integer NOT NULL,
  state text NOT NULL,
  version integer NOT NULL,
  updated_at text NOT NULL,
  UNIQUE (agency_id, week_start)
);

-- The agency's schedule settings (shared/schedule/model.ts ScheduleSettings): JSON
-- {"officeUnitId", "rooms"}; NULL: none set (no office unit — the agency's leaders compile —
-- and no rooms). Read with the organisation, so a change bumps org_version.
ALTER TABLE agencies ADD COLUMN schedule_settings text;
