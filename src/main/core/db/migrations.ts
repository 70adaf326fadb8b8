import type Database from 'better-sqlite3';

/**
 * The cache schema, as numbered steps tracked with PRAGMA user_version.
 *
 * Steps are append-only: a released step is never edited, a change is a new step,
 * so every cache on every machine walks the same path to the same schema.
 */
export const MIGRATIONS: readonly string[] = [
  // 1 — the first schema.
  `
  CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;

  -- One row per document the signed-in user may see. The list columns are derived
  -- from doc_json for this user when the row is written, so the list never parses JSON.
  CREATE TABLE documents (
    id              TEXT PRIMARY KEY,
    arrival_year    INTEGER NOT NULL,
    arrival_number  INTEGER NOT NULL,
    arrival_date    TEXT NOT NULL,      -- ISO UTC with milliseconds: sorts as text
    issuer          TEXT NOT NULL,
    code_number     TEXT NOT NULL,
    code_notation   TEXT NOT NULL,
    issued_date     TEXT NOT NULL,
    document_type   TEXT NOT NULL,
    subject         TEXT NOT NULL,
    urgency         TEXT NOT NULL,
    confidentiality TEXT NOT NULL,
    status          TEXT NOT NULL,
    my_role         TEXT,
    deadline        TEXT,
    unread          INTEGER NOT NULL,
    dup_key         TEXT NOT NULL,
    version         INTEGER NOT NULL,
    doc_json        TEXT NOT NULL
  );
  -- Keyset paging: every list is ORDER BY arrival_date DESC, id DESC, optionally narrowed.
  CREATE INDEX documents_by_arrival ON documents (arrival_date DESC, id DESC);
  CREATE INDEX documents_by_role    ON documents (my_role, arrival_date DESC, id DESC);
  CREATE INDEX documents_by_status  ON documents (status, arrival_date DESC, id DESC);
  CREATE INDEX documents_by_unread  ON documents (unread, arrival_date DESC, id DESC);
  CREATE INDEX documents_by_urgency ON documents (urgency, arrival_date DESC, id DESC);
  CREATE INDEX documents_open_deadline ON documents (deadline) WHERE status <> 'done';
  CREATE INDEX documents_by_dup_key ON documents (dup_key);

  -- Folded shadow text (see db/search.ts); rowid = documents.rowid.
  CREATE VIRTUAL TABLE documents_fts USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');

  CREATE TABLE document_files (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    sha256      TEXT NOT NULL,
    name        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (document_id, sha256)
  ) WITHOUT ROWID;
  CREATE INDEX document_files_by_sha ON document_files (sha256);

  -- What the file cache knows about each content-addressed file.
  CREATE TABLE files (
    sha256       TEXT PRIMARY KEY,
    size         INTEGER NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('missing', 'complete')),
    needs_upload INTEGER NOT NULL DEFAULT 0,
    last_used    TEXT
  ) WITHOUT ROWID;

  -- The durable outbox: id is the client mutation id, strictly increasing, never reused.
  CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    args        TEXT NOT NULL,
    document_id TEXT NOT NULL,
    created_at  TEXT NOT NULL
  );
  CREATE INDEX outbox_by_document ON outbox (document_id, id);

  CREATE TABLE failed_mutations (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    args        TEXT NOT NULL,
    document_id TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    error       TEXT NOT NULL,
    failed_at   TEXT NOT NULL
  );
  `,
];

/** Bring a database to the latest schema; each step commits with its version, so a crash never leaves half a step. */
export function migrate(db: Database.Database, steps: readonly string[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > steps.length) {
    throw new Error(`the cache was written by a newer version of iOffice (schema ${current}, this build knows ${steps.length})`);
  }
  for (let v = current; v < steps.length; v++) {
    const step = steps[v] as string;
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return steps.length;
}
