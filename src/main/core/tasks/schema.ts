/**
 * The tasks slice's tables in the local cache, and the dashboard's view over both
 * kinds (docs/generic-sync-plan.md §1.5, §5 "Core cache step 5").
 *
 * This text becomes a released cache step once appended to MIGRATIONS
 * (core/db/migrations.ts): from then on it is never edited, a change is a new step.
 * It needs step 4 (the generic `record_files`) before it.
 *
 * Why these shapes:
 * - The list columns are derived for the signed-in user when a row is written
 *   (TaskStore.put), so a list never parses JSON.
 * - "Not delivered" (open, in progress, returned: the handler still owes the work) is
 *   written `status IN ('open', 'in_progress', 'returned')` in the same words in the
 *   partial indexes and in the queries (tasks/list.ts): SQLite uses a partial index
 *   only when the query repeats its condition. `done_on` is set exactly when the work
 *   was delivered (pending acceptance or done), so it agrees with that condition.
 * - Open lists page by (deadline, id), "Việc tôi giao" by (created_at DESC, id DESC),
 *   "Đã xong" by (done_on DESC, id DESC): one index each, so the first rows come
 *   straight off an index and the totals are index-only counts.
 * - `record_deadlines` (one view per kind, and their union) is what the dashboard reads
 *   (dashboard/query.ts). Each kind has two covering indexes: one in the order the counts
 *   are grouped in (month, unit, person), so SQLite aggregates 100,000 records as it reads
 *   them instead of sorting them (through the union, or in deadline order, the sort alone
 *   took 70 ms a kind); one by deadline for the drill-down's pages. Documents get four
 *   columns rather than a facts table: one more row per document would be one more write
 *   on the initial sync.
 */
export const TASKS_CACHE_STEP = `
  CREATE TABLE tasks (
    id              TEXT PRIMARY KEY,
    parent_id       TEXT,
    source_id       TEXT,               -- the incoming document it was given from ("Giao việc")
    title           TEXT NOT NULL,
    priority        TEXT NOT NULL,
    status          TEXT NOT NULL,
    created_at      TEXT NOT NULL,      -- ISO UTC with milliseconds: sorts as text
    start_date      TEXT NOT NULL,
    deadline        TEXT NOT NULL,
    percent         INTEGER NOT NULL,
    assigned_by     TEXT NOT NULL,
    main_unit_id    TEXT,               -- the top-level main assignment: a unit…
    main_user_id    TEXT,               -- …or a person
    my_role         TEXT,               -- the user's strongest handler role: main | cooperate | info
    assigned_by_me  INTEGER NOT NULL,
    watching        INTEGER NOT NULL,   -- for information, or overseen as an agency leader
    unit_id         TEXT,               -- the dashboard's unit: the main unit, or the main person's unit
    user_id         TEXT,               -- the dashboard's person: the main person, or the one the main unit handed it to
    done_on         TEXT,               -- the Vietnam date the work was delivered, else NULL
    unread          INTEGER NOT NULL,
    version         INTEGER NOT NULL,
    task_json       TEXT NOT NULL
  );
  CREATE INDEX tasks_open_by_role   ON tasks (my_role, deadline, id) WHERE status IN ('open', 'in_progress', 'returned');
  CREATE INDEX tasks_open_watching  ON tasks (watching, deadline, id) WHERE status IN ('open', 'in_progress', 'returned');
  CREATE INDEX tasks_open_deadline  ON tasks (deadline, id) WHERE status IN ('open', 'in_progress', 'returned');
  CREATE INDEX tasks_assigned       ON tasks (assigned_by_me, created_at DESC, id DESC);
  CREATE INDEX tasks_done           ON tasks (done_on DESC, id DESC) WHERE done_on IS NOT NULL;
  CREATE INDEX tasks_by_parent      ON tasks (parent_id, deadline) WHERE parent_id IS NOT NULL;
  CREATE INDEX tasks_by_source      ON tasks (source_id, created_at) WHERE source_id IS NOT NULL;
  -- The dashboard (dashboard/query.ts): counts grouped by month, unit and person stream off the
  -- first index in its order (no sort); the drill-down pages by deadline off the second.
  CREATE INDEX tasks_deadline_groups ON tasks (substr(deadline, 1, 7), unit_id, user_id, deadline, done_on);
  CREATE INDEX tasks_deadlines      ON tasks (deadline, done_on, unit_id, user_id);

  -- Folded shadow text (tasks/search.ts); rowid = tasks.rowid.
  CREATE VIRTUAL TABLE tasks_fts USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');

  -- The dashboard's facts of an incoming document (dashboard/incomingFacts.ts), written by its put.
  ALTER TABLE documents ADD COLUMN main_unit_id TEXT;
  ALTER TABLE documents ADD COLUMN main_user_id TEXT;
  ALTER TABLE documents ADD COLUMN main_deadline TEXT;
  ALTER TABLE documents ADD COLUMN done_on TEXT;
  CREATE INDEX documents_deadline_groups ON documents (substr(main_deadline, 1, 7), main_unit_id, main_user_id, main_deadline, done_on)
    WHERE main_deadline IS NOT NULL;
  CREATE INDEX documents_deadlines ON documents (main_deadline, done_on, main_unit_id, main_user_id) WHERE main_deadline IS NOT NULL;

  -- Every record with a deadline, as the dashboard counts it: one view per kind, which SQLite
  -- flattens into its table (so a query reads the kind's covering index), and their union.
  CREATE VIEW deadlines_incoming AS
    SELECT 'incoming' AS kind, id, main_unit_id AS unit_id, main_user_id AS user_id, main_deadline AS deadline, done_on, subject AS title
      FROM documents WHERE main_deadline IS NOT NULL;
  CREATE VIEW deadlines_tasks AS
    SELECT 'tasks' AS kind, id, unit_id, user_id, deadline, done_on, title FROM tasks;
  CREATE VIEW record_deadlines AS
    SELECT * FROM deadlines_incoming UNION ALL SELECT * FROM deadlines_tasks;
`;
