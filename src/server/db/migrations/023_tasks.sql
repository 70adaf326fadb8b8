-- Tasks (Công việc, issue #8; docs/generic-sync-plan.md §5), the second kind of record.
-- As for documents, the whole state is JSON text (the shared Task shape without the
-- per-user readAt), sent by pulls as stored; the columns are what look-ups need.
-- Who sees a task, its read marks and its files are in record_access, record_reads and
-- record_files with kind 'tasks'; its dashboard row in record_deadlines.
CREATE TABLE tasks (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  -- A sub-task's parent: written before its children (the bulk insert orders them so).
  parent_id uuid REFERENCES tasks(id),
  -- The record it was given from ("Giao việc" on a document); the reverse link is this index.
  source_kind text,
  source_id uuid,
  state text NOT NULL,
  version integer NOT NULL,
  status text NOT NULL,
  deadline text NOT NULL,
  updated_at text NOT NULL
);
-- Most tasks have neither a parent nor a source: partial indexes stay small.
CREATE INDEX tasks_parent ON tasks (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX tasks_source ON tasks (source_id) WHERE source_id IS NOT NULL;
