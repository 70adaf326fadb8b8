-- A file's type, sniffed from its bytes at upload (shared/text/fileType.ts): a task's
-- attachments may be of any type (issue #8), an incoming document's must be a PDF
-- (incoming.register refuses any other with file_not_pdf), and downloads are served as
-- what they are. NULL for files uploaded before this migration: the upload took PDFs
-- only then (the download sniffs such a file if it must). Adding a nullable column
-- without a default touches only the catalogue.
ALTER TABLE blobs ADD COLUMN mime text;
