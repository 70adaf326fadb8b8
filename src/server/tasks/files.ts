/**
 * The tasks holding a file, for the download route's decision (server/blobs/fileAccess.ts):
 * a task's attachments are never secret.
 */
import type { Queryable } from '../db/database.js';
import { normalFileHoldings, type FileHolding } from '../blobs/fileAccess.js';

export function taskFileHoldings(q: Queryable, sha256: string, userId: string): Promise<FileHolding[]> {
  return normalFileHoldings(q, 'tasks', 'tasks', sha256, userId);
}
