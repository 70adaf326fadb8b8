/**
 * record_files mirrors each record's state (every kind): a file taken off a record stops being
 * its file, so the download rights (fileAccess.ts) and the blobs' GC follow the state.
 */
import type { Queryable } from '../db/database.js';

/** Make the record's rows in record_files the files `now` names, in the caller's transaction. */
export async function writeRecordFiles(q: Queryable, kind: string, recordId: string, now: ReadonlySet<string>, isNew: boolean): Promise<void> {
  const before = isNew
    ? new Set<string>()
    : new Set((await q.query<{ sha256: string }>('SELECT sha256 FROM record_files WHERE record_id = $1 AND kind = $2', [recordId, kind])).rows.map((r) => r.sha256));
  const added = [...now].filter((s) => !before.has(s));
  const gone = [...before].filter((s) => !now.has(s));
  if (added.length > 0) await q.query('INSERT INTO record_files (record_id, sha256, kind) SELECT $1, unnest($2::text[]), $3 ON CONFLICT DO NOTHING', [recordId, added, kind]);
  if (gone.length > 0) await q.query('DELETE FROM record_files WHERE record_id = $1 AND kind = $2 AND sha256 = ANY($3::text[])', [recordId, kind, gone]);
}
