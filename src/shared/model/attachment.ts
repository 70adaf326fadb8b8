/**
 * A file attached to a record that is not an incoming document (a task's files, a schedule
 * entry's agenda and slides): of any type, sniffed by the server from its bytes, never taken
 * on the client's word for serving (docs/decisions.md §22, §27).
 */
import { z } from 'zod';
import { MAX_FILE_BYTES } from '../sync/limits.js';
import { safeAttachmentName } from '../text/attachmentName.js';
import { fileName, noControlCharacters, sha256Hex } from './primitives.js';

export const AttachmentFile = z.object({
  sha256: sha256Hex,
  name: fileName,
  size: z.number().int().positive().max(MAX_FILE_BYTES),
  /** What the client said it is; the server sniffs its own (generic-sync-plan §5 "Files"). */
  mime: noControlCharacters(z.string().min(1).max(255)),
});
export type AttachmentFile = z.infer<typeof AttachmentFile>;

/** A file as the client attaches it: its name made safe once, here, for every runtime (docs/decisions.md §22). */
export const NewAttachmentFile = AttachmentFile.extend({ name: fileName.transform((n) => safeAttachmentName(n)) });
