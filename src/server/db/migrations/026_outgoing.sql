-- Outgoing documents (Văn bản đi, issue #10; docs/decisions.md §29), the fourth kind of record:
-- 'outgoing'. As for the other kinds, the whole state is JSON text (the shared
-- OutgoingDocument shape), sent by pulls as stored; the columns are what look-ups, locks and
-- constraints need. Who sees a document and its files are in record_access and record_files
-- with kind 'outgoing'.
CREATE TABLE outgoing_documents (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  status text NOT NULL,
  -- The number the server gave (NULL until numbered): a number is never given twice.
  register_id uuid,
  number_year integer,
  number_n integer,
  -- An issued document it replaces or updates; the reverse link is this index.
  relation_id uuid,
  state text NOT NULL,
  version integer NOT NULL,
  updated_at text NOT NULL
);
CREATE UNIQUE INDEX outgoing_documents_number ON outgoing_documents (agency_id, register_id, number_year, number_n) WHERE number_n IS NOT NULL;
CREATE INDEX outgoing_documents_agency ON outgoing_documents (agency_id, status);
CREATE INDEX outgoing_documents_relation ON outgoing_documents (relation_id) WHERE relation_id IS NOT NULL;

-- The outgoing number series: one row per agency, register and year, taken under its row
-- lock inside the issuing push's transaction, so a number is never skipped (a failed push
-- rolls the counter back with it) nor given twice. A revoked document keeps its number.
CREATE TABLE outgoing_counters (
  agency_id uuid NOT NULL REFERENCES agencies(id),
  register_id uuid NOT NULL,
  year integer NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (agency_id, register_id, year)
);

-- The agency's outgoing settings (shared/outgoing/model.ts OutgoingSettings): JSON
-- {"registers", "trustedRoots"}; NULL: none set (the defaults: one shared register and one
-- secret register, no trusted roots). Read with the organisation, so a change bumps org_version.
ALTER TABLE agencies ADD COLUMN outgoing_settings text;

-- A document dispatched to a unit of the agency becomes an incoming document of that unit, with
-- an arrival number of the unit's own series: the agency's register keeps receiving_unit_id NULL.
-- A nullable column without a default touches only the catalogue.
ALTER TABLE documents ADD COLUMN receiving_unit_id uuid;
ALTER TABLE documents DROP CONSTRAINT documents_agency_id_arrival_year_arrival_number_key;
CREATE UNIQUE INDEX documents_arrival ON documents (agency_id, arrival_year, arrival_number) WHERE receiving_unit_id IS NULL;
CREATE UNIQUE INDEX documents_unit_arrival ON documents (receiving_unit_id, arrival_year, arrival_number) WHERE receiving_unit_id IS NOT NULL;

-- A unit's arrival series, as arrival_counters is the agency's.
CREATE TABLE unit_arrival_counters (
  unit_id uuid NOT NULL REFERENCES units(id),
  year integer NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (unit_id, year)
);
