-- Duplicate look-up (docs/decisions.md §8, §21): hyphen look-alikes in symbols
-- (‐ ‑ ‒ – — ― − ﹘ ﹣ －) are keyed as "-", and the issue date is compared by
-- its year only, so the index no longer needs the exact date.
UPDATE documents
   SET code_notation_key = translate(code_notation_key, '‐‑‒–—―−﹘﹣－', '----------')
 WHERE code_notation_key ~ '[‐‑‒–—―−﹘﹣－]';
DROP INDEX IF EXISTS documents_duplicates;
CREATE INDEX documents_duplicates ON documents (agency_id, code_number, code_notation_key, issuer_key);
