/**
 * Size limits every runtime shares, zod-free so screens can say and check the
 * same numbers the core and the server enforce (decisions §24: the renderer
 * imports no module that reaches zod).
 */

/** One uploaded file (a scan, an attachment): the server's body limit for `PUT /files/:sha256`. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Files one incoming document may hold. */
export const MAX_FILES_PER_DOCUMENT = 20;
