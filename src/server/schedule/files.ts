/**
 * The schedule entries holding a file, for the download route's decision
 * (server/blobs/fileAccess.ts): an entry's attachments (agenda, slides) are never secret.
 */
import type { Queryable } from '../db/database.js';
import { normalFileHoldings, type FileHolding } from '../blobs/fileAccess.js';

export function scheduleFileHoldings(q: Queryable, sha256: string, userId: string): Promise<FileHolding[]> {
  return normalFileHoldings(q, 'schedule', 'schedule_entries', sha256, userId);
}
