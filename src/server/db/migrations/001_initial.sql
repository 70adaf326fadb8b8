-- The reference server's schema. Timestamps are ISO-8601 UTC text written by the
-- application clock; see docs/data-model.md.

CREATE TABLE server_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE agencies (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  abbreviation text NOT NULL,
  place text NOT NULL,
  org_version bigint NOT NULL DEFAULT 1
);

CREATE TABLE units (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  parent_id uuid REFERENCES units(id),
  name text NOT NULL,
  abbreviation text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0
);
CREATE INDEX units_agency ON units (agency_id);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  unit_id uuid NOT NULL REFERENCES units(id),
  username text NOT NULL UNIQUE,
  full_name text NOT NULL,
  position text NOT NULL DEFAULT '',
  role text NOT NULL CHECK (role IN ('clerk', 'specialist', 'leader', 'admin')),
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true
);
CREATE INDEX users_agency ON users (agency_id);

-- Opaque bearer tokens: only their SHA-256 is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  created_at text NOT NULL,
  expires_at text NOT NULL,
  device_name text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

-- The full state of each incoming document (the shared IncomingDocument shape,
-- without the per-user readAt) as JSON text: pulls send it as stored, without
-- re-serialising, which is what keeps a 100,000-document initial sync fast.
-- Plus the columns that constraints and look-ups need.
CREATE TABLE documents (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  arrival_year integer NOT NULL,
  arrival_number integer NOT NULL,
  -- The duplicate look-up keys (src/shared/incoming/duplicates.ts), not the text shown.
  code_number text NOT NULL,
  code_notation_key text NOT NULL,
  issuer_key text NOT NULL,
  issued_date text NOT NULL,
  state text NOT NULL,
  content_withheld boolean NOT NULL DEFAULT false,
  subject text NOT NULL,
  arrival_date text NOT NULL,
  updated_at text NOT NULL,
  UNIQUE (agency_id, arrival_year, arrival_number)
);
CREATE INDEX documents_duplicates ON documents (agency_id, code_number, code_notation_key, issued_date);

-- Arrival numbers: one row per agency and year, incremented under its row lock
-- inside the registering transaction, so numbers are never skipped or repeated.
CREATE TABLE arrival_counters (
  agency_id uuid NOT NULL REFERENCES agencies(id),
  year integer NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (agency_id, year)
);

CREATE TABLE blobs (
  sha256 text PRIMARY KEY,
  size bigint NOT NULL,
  uploaded_by uuid REFERENCES users(id),
  created_at text NOT NULL
);

CREATE TABLE document_files (
  document_id uuid NOT NULL REFERENCES documents(id),
  sha256 text NOT NULL REFERENCES blobs(sha256),
  PRIMARY KEY (document_id, sha256)
);
CREATE INDEX document_files_sha ON document_files (sha256);

-- Who may see which document, recomputed in the same transaction as every write.
CREATE TABLE doc_access (
  user_id uuid NOT NULL REFERENCES users(id),
  document_id uuid NOT NULL REFERENCES documents(id),
  PRIMARY KEY (user_id, document_id)
);
CREATE INDEX doc_access_document ON doc_access (document_id);

CREATE TABLE doc_reads (
  user_id uuid NOT NULL REFERENCES users(id),
  document_id uuid NOT NULL REFERENCES documents(id),
  read_at text NOT NULL,
  PRIMARY KEY (user_id, document_id)
);

-- The change log. `seq` is allocated from change_counter at the end of each
-- write transaction, under its row lock, so sequence order is commit order and a
-- pull can never skip a change that commits late. user_id NULL: the document
-- changed for everyone who may see it; otherwise the row concerns one user
-- (their read mark, or a 'remove' when they lost access).
CREATE TABLE changes (
  seq bigint PRIMARY KEY,
  document_id uuid NOT NULL,
  user_id uuid,
  kind text NOT NULL CHECK (kind IN ('put', 'remove'))
);
CREATE INDEX changes_document ON changes (document_id);
CREATE INDEX changes_user ON changes (user_id, seq) WHERE user_id IS NOT NULL;

CREATE TABLE change_counter (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL
);
INSERT INTO change_counter (id, seq) VALUES (1, 0);

-- Push bookkeeping: each client's last processed mutation id, and each outcome
-- so a replay after a lost response returns the original answer.
CREATE TABLE clients (
  client_id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  last_mutation_id bigint NOT NULL DEFAULT 0,
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE mutation_results (
  client_id uuid NOT NULL REFERENCES clients(client_id),
  mutation_id bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('applied', 'rejected')),
  error jsonb,
  warnings jsonb,
  PRIMARY KEY (client_id, mutation_id)
);

-- Who opened which file, when (Decree 30 Appendix VI III.6.l: access history).
CREATE TABLE access_log (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL,
  document_id uuid,
  action text NOT NULL,
  at text NOT NULL
);
