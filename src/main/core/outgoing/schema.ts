/**
 * The outgoing documents' tables in the local cache (issue #10): cache step 7.
 *
 * This text becomes a released cache step once appended to MIGRATIONS
 * (core/db/migrations.ts): from then on it is never edited, a change is a new step.
 * It needs step 4 (the generic `record_files`) before it.
 *
 * Why these shapes:
 * - The list columns are derived for the signed-in user when a row is written
 *   (OutgoingStore.put; shared/outgoing/rights.ts outgoingViewsOf), so a list never parses
 *   JSON: `in_mine` … `in_issued` say which of the user's lists the document is in.
 * - Every list pages by (sort_at DESC, id DESC) off a partial index of its own
 *   (`WHERE in_x = 1`), so the first page of 100,000 documents is read straight off an
 *   index and the badges are index-only counts. `sort_at` is the issue time once the
 *   document is numbered (the register's order), else its last change (what came to me
 *   last is on top). "Tất cả" reads `outgoing_docs_by_sort`.
 * - `year` is the number's year once numbered, else the Vietnam year the draft was
 *   created: the register filter and the year filter read it.
 * - The signing keys (PKCS#12 files, their password never kept) and the signature and
 *   seal images are the user's own, in this encrypted database (decisions §20); a full
 *   pull (reset) empties the documents, never these.
 */
export const OUTGOING_CACHE_STEP = `
  CREATE TABLE outgoing_docs (
    id                 TEXT PRIMARY KEY,
    status             TEXT NOT NULL,
    document_type      TEXT NOT NULL,
    subject            TEXT NOT NULL,
    urgency            TEXT NOT NULL,
    confidentiality    TEXT NOT NULL,
    drafting_unit_id   TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    signer_id          TEXT,
    holder_id          TEXT,               -- who holds it now (reviewing, to_sign)
    number_symbol      TEXT,               -- '05/QĐ-UBND' once numbered
    register_id        TEXT,
    year               INTEGER NOT NULL,
    issued_at          TEXT,
    reply_due_date     TEXT,
    recipient_count    INTEGER NOT NULL,
    delivered_count    INTEGER NOT NULL,
    to_dispatch_count  INTEGER NOT NULL,
    in_mine            INTEGER NOT NULL,   -- the user's lists (rights.ts outgoingViewsOf)
    in_to_review       INTEGER NOT NULL,
    in_to_sign         INTEGER NOT NULL,
    in_to_issue        INTEGER NOT NULL,
    in_issued          INTEGER NOT NULL,
    sort_at            TEXT NOT NULL,      -- ISO UTC with milliseconds: sorts as text
    updated_at         TEXT NOT NULL,
    version            INTEGER NOT NULL,
    doc_json           TEXT NOT NULL
  );
  CREATE INDEX outgoing_docs_by_sort      ON outgoing_docs (sort_at DESC, id DESC);
  CREATE INDEX outgoing_docs_mine         ON outgoing_docs (sort_at DESC, id DESC) WHERE in_mine = 1;
  CREATE INDEX outgoing_docs_to_review    ON outgoing_docs (sort_at DESC, id DESC) WHERE in_to_review = 1;
  CREATE INDEX outgoing_docs_to_sign      ON outgoing_docs (sort_at DESC, id DESC) WHERE in_to_sign = 1;
  CREATE INDEX outgoing_docs_to_issue     ON outgoing_docs (sort_at DESC, id DESC) WHERE in_to_issue = 1;
  CREATE INDEX outgoing_docs_issued       ON outgoing_docs (sort_at DESC, id DESC) WHERE in_issued = 1;
  CREATE INDEX outgoing_docs_by_register  ON outgoing_docs (register_id, year, sort_at DESC) WHERE register_id IS NOT NULL;

  -- Folded shadow text (outgoing/search.ts); rowid = outgoing_docs.rowid.
  CREATE VIRTUAL TABLE outgoing_fts USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');

  -- PKCS#12 files the user imported (the password is asked at each signature, never kept).
  CREATE TABLE outgoing_keys (
    id           TEXT PRIMARY KEY,       -- 'file:' + the certificate's SHA-256
    label        TEXT NOT NULL,
    pkcs12       BLOB NOT NULL,
    certificate  TEXT NOT NULL,          -- CertificateSummary as JSON
    added_at     TEXT NOT NULL
  );

  -- The user's handwritten signature and, for a clerk, the agency's seal (PNG).
  CREATE TABLE outgoing_images (
    which  TEXT PRIMARY KEY CHECK (which IN ('signature', 'seal')),
    png    BLOB NOT NULL
  );
`;
