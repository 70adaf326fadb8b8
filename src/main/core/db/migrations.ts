import type Database from 'better-sqlite3-multiple-ciphers';
import { TASKS_CACHE_STEP } from '../tasks/index.js';
import { SCHEDULE_CACHE_STEP } from '../schedule/schema.js';
import { OUTGOING_CACHE_STEP } from '../outgoing/schema.js';

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
  // 2 — mail (issue #4): folders with their IMAP sync state, messages (headers, flags,
  // snippet), bodies, attachments, FTS, and the durable mail outbox.
  `
  CREATE TABLE mail_folders (
    id            INTEGER PRIMARY KEY,
    path          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    delimiter     TEXT,
    role          TEXT,
    uidvalidity   TEXT,              -- as text: IMAP values are unsigned 32-bit, modseqs 63-bit
    uidnext       INTEGER,
    highestmodseq TEXT,
    oldest_uid    INTEGER,           -- initial sync walks down from the newest: the lowest UID done so far
    complete      INTEGER NOT NULL DEFAULT 0,
    synced_at     TEXT
  );

  CREATE TABLE mail_messages (
    id              INTEGER PRIMARY KEY,
    folder_id       INTEGER NOT NULL REFERENCES mail_folders (id) ON DELETE CASCADE,
    uid             INTEGER NOT NULL,     -- negative while a local move waits for the server's UID
    message_id      TEXT,
    in_reply_to     TEXT,
    refs            TEXT NOT NULL DEFAULT '[]',
    thread_id       TEXT NOT NULL,
    date            TEXT NOT NULL,        -- ISO UTC; the arrival time when the Date header is missing or bad
    from_json       TEXT,
    to_json         TEXT NOT NULL DEFAULT '[]',
    cc_json         TEXT NOT NULL DEFAULT '[]',
    subject         TEXT NOT NULL,
    snippet         TEXT NOT NULL DEFAULT '',
    seen            INTEGER NOT NULL DEFAULT 0,
    flagged         INTEGER NOT NULL DEFAULT 0,
    answered        INTEGER NOT NULL DEFAULT 0,
    draft           INTEGER NOT NULL DEFAULT 0,
    flags           TEXT NOT NULL DEFAULT '[]',
    has_attachments INTEGER NOT NULL DEFAULT 0,
    size            INTEGER NOT NULL DEFAULT 0,
    modseq          TEXT,
    UNIQUE (folder_id, uid)
  );
  CREATE INDEX mail_messages_by_date   ON mail_messages (folder_id, date DESC, id DESC);
  CREATE INDEX mail_messages_by_unread ON mail_messages (folder_id, seen, date DESC, id DESC);
  CREATE INDEX mail_messages_by_thread ON mail_messages (thread_id, date);
  CREATE INDEX mail_messages_by_msgid  ON mail_messages (message_id);
  CREATE INDEX mail_messages_by_reply  ON mail_messages (in_reply_to) WHERE in_reply_to IS NOT NULL;

  -- Parsed bodies: HTML kept raw (sanitised when served), text, attachment list, notes.
  CREATE TABLE mail_bodies (
    message_id   INTEGER PRIMARY KEY REFERENCES mail_messages (id) ON DELETE CASCADE,
    html         TEXT,
    text         TEXT NOT NULL,
    reply_to     TEXT NOT NULL DEFAULT '[]',
    attachments  TEXT NOT NULL DEFAULT '[]',
    notes        TEXT NOT NULL DEFAULT '[]'
  );

  -- Downloaded attachments: content-addressed files under mail-files/.
  CREATE TABLE mail_attachment_files (
    message_id    INTEGER NOT NULL REFERENCES mail_messages (id) ON DELETE CASCADE,
    attachment_id TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    size          INTEGER NOT NULL,
    PRIMARY KEY (message_id, attachment_id)
  ) WITHOUT ROWID;

  -- Folded text (subject, people, snippet/text); rowid = mail_messages.id.
  CREATE VIRTUAL TABLE mail_fts USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');

  -- The durable mail outbox: actions and messages to send/save, in id order.
  CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL,        -- flags | move | send | draft
    local_id        INTEGER,              -- mail_messages.id the action is about (for 'pending')
    folder_path     TEXT,                 -- where the message was on the server…
    uid             INTEGER,              -- …its UID there…
    uidvalidity     TEXT,                 -- …under this UIDVALIDITY (else found again by Message-ID)
    message_id      TEXT,                 -- Message-ID header (actions: of the target; send: of the new message)
    args            TEXT NOT NULL,
    raw             BLOB,                 -- the MIME message, for send/draft: built once, sent as is
    state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'uncertain', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  );
  CREATE INDEX mail_outbox_by_local ON mail_outbox (local_id);
  `,
  // 3 — documents a pull brought that this version's schema refused (decisions §18):
  // set aside so the rest syncs, shown to the user, pulled again by the next full
  // pull, which a new app version starts.
  `
  CREATE TABLE refused_documents (
    id           TEXT PRIMARY KEY,
    error        TEXT NOT NULL,         -- ErrorBody JSON (document_unreadable, the fields at fault)
    refused_at   TEXT NOT NULL,
    app_version  TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 4 — generic sync (issue #8, docs/generic-sync-plan.md §1.5): the outbox, failed
  // and refused records and file links carry the record kind; pending entries, their
  // ids and their files are carried over as they are.
  `
  ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'incoming';
  ALTER TABLE outbox RENAME COLUMN document_id TO record_id;
  DROP INDEX outbox_by_document;
  CREATE INDEX outbox_by_record ON outbox (kind, record_id, id);

  ALTER TABLE failed_mutations ADD COLUMN kind TEXT NOT NULL DEFAULT 'incoming';
  ALTER TABLE failed_mutations RENAME COLUMN document_id TO record_id;

  -- The files a pending entry uploads (from its def, at enqueue, in the same
  -- transaction): kept from GC, sealed on disk when secret.
  CREATE TABLE outbox_files (
    mutation_id INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    sealed      INTEGER NOT NULL,
    PRIMARY KEY (mutation_id, sha256)
  ) WITHOUT ROWID;
  CREATE INDEX outbox_files_by_sha ON outbox_files (sha256);
  INSERT OR IGNORE INTO outbox_files
    SELECT o.id, json_extract(f.value, '$.sha256'), json_extract(o.args, '$.metadata.confidentiality') <> 'normal'
      FROM outbox o, json_each(o.args, '$.files') f WHERE o.name = 'incoming.register';

  CREATE TABLE refused_records (
    kind         TEXT NOT NULL,
    id           TEXT NOT NULL,
    error        TEXT NOT NULL,
    refused_at   TEXT NOT NULL,
    app_version  TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  ) WITHOUT ROWID;
  INSERT INTO refused_records SELECT 'incoming', id, error, refused_at, app_version FROM refused_documents;
  DROP TABLE refused_documents;

  -- Every kind's file links; 'sealed' when the record's content is secret.
  CREATE TABLE record_files (
    kind      TEXT NOT NULL,
    record_id TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    name      TEXT NOT NULL,
    size      INTEGER NOT NULL,
    position  INTEGER NOT NULL,
    sealed    INTEGER NOT NULL,
    PRIMARY KEY (kind, record_id, sha256)
  ) WITHOUT ROWID;
  INSERT INTO record_files
    SELECT 'incoming', f.document_id, f.sha256, f.name, f.size, f.position, d.confidentiality <> 'normal'
      FROM document_files f JOIN documents d ON d.id = f.document_id;
  CREATE INDEX record_files_by_sha ON record_files (sha256);
  DROP TABLE document_files;
  `,
  // 5 — tasks (issue #8) and the dashboard's record_deadlines view: core/tasks/schema.ts.
  TASKS_CACHE_STEP,
  // 6 — the weekly schedule (issue #9): core/schedule/schema.ts.
  SCHEDULE_CACHE_STEP,
  // 7 — outgoing documents (issue #10): core/outgoing/schema.ts.
  OUTGOING_CACHE_STEP,
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
