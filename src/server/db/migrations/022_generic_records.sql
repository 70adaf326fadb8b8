-- Generic sync (issue #8, docs/generic-sync-plan.md §1.2): the change log, visibility,
-- read marks and file links carry the record kind, so every feature (incoming documents,
-- tasks, later the schedule and outgoing documents) syncs through the same tables.
-- Renames and a constant-default column touch only the catalogue (PostgreSQL ≥ 11
-- does not rewrite the table), so this is instant at any size. An instance of the
-- previous release must be stopped before it runs (no compatibility views: decisions §26).
ALTER TABLE changes RENAME TO record_changes;
ALTER TABLE record_changes RENAME COLUMN document_id TO record_id;
ALTER TABLE record_changes RENAME COLUMN kind TO op;
ALTER TABLE record_changes ADD COLUMN kind text NOT NULL DEFAULT 'incoming';
ALTER INDEX changes_document RENAME TO record_changes_record;
ALTER INDEX changes_user RENAME TO record_changes_user;

ALTER TABLE doc_access RENAME TO record_access;
ALTER TABLE record_access RENAME COLUMN document_id TO record_id;
ALTER TABLE record_access ADD COLUMN kind text NOT NULL DEFAULT 'incoming';
ALTER TABLE record_access DROP CONSTRAINT doc_access_document_id_fkey;
ALTER INDEX doc_access_document RENAME TO record_access_record;

ALTER TABLE doc_reads RENAME TO record_reads;
ALTER TABLE record_reads RENAME COLUMN document_id TO record_id;
ALTER TABLE record_reads ADD COLUMN kind text NOT NULL DEFAULT 'incoming';
ALTER TABLE record_reads DROP CONSTRAINT doc_reads_document_id_fkey;

ALTER TABLE document_files RENAME TO record_files;
ALTER TABLE record_files RENAME COLUMN document_id TO record_id;
ALTER TABLE record_files ADD COLUMN kind text NOT NULL DEFAULT 'incoming';
ALTER TABLE record_files DROP CONSTRAINT document_files_document_id_fkey;
ALTER INDEX document_files_sha RENAME TO record_files_sha;

ALTER TABLE access_log ADD COLUMN kind text NOT NULL DEFAULT 'incoming';

-- What the leaders' dashboard counts (generic-sync-plan §5): one row per record with a
-- deadline, written by each kind's save from its shared deadline facts.
CREATE TABLE record_deadlines (
  kind text NOT NULL,
  record_id uuid NOT NULL,
  agency_id uuid NOT NULL,
  unit_id uuid,
  user_id uuid,
  deadline text NOT NULL,
  done_on text,
  title text NOT NULL,
  PRIMARY KEY (kind, record_id)
);
CREATE INDEX record_deadlines_by_agency ON record_deadlines (agency_id, deadline);

-- The pull's envelope carries each record's version without parsing its state; rows
-- written before this migration have NULL and the pull reads the state's own field.
ALTER TABLE documents ADD COLUMN version integer;
