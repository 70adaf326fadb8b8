/**
 * Whether the files a mutation names are on the server: a record of any kind may only
 * reference blobs already uploaded, with the size the client gave.
 */
import { AppError } from '../../shared/i18n/errors.js';
import type { Queryable } from '../db/database.js';

/** Refuse a file that is not on the server with the size the client gave (as incoming.register does; tasks and schedule entries alike). */
export async function checkFilesUploaded(q: Queryable, files: readonly { sha256: string; size?: number; name?: string }[]): Promise<void> {
  for (const f of files) {
    const blob = (await q.query<{ size: number }>('SELECT size FROM blobs WHERE sha256 = $1', [f.sha256])).rows[0];
    if (!blob || (f.size !== undefined && Number(blob.size) !== f.size)) throw new AppError('file_missing', {}, { sha256: f.sha256, name: f.name });
  }
}
