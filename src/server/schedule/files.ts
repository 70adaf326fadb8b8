/**
 * The schedule entries holding a file, for the download route's decision
 * (server/blobs/fileAccess.ts): an entry's attachments (agenda, slides) are never secret
 * (level 'normal'), so whoever sees one entry holding the file may read it, unless a secret
 * document holding the same bytes withholds it.
 */
import type { Queryable } from '../db/database.js';
import type { FileHolding } from '../blobs/fileAccess.js';
import { parseSecretContentPolicy } from '../incoming/index.js';

export async function scheduleFileHoldings(q: Queryable, sha256: string, userId: string): Promise<FileHolding[]> {
  const rows = (
    await q.query<{ record_id: string; visible: boolean; policy: string | null }>(
      `SELECT f.record_id,
              EXISTS (SELECT 1 FROM record_access a WHERE a.record_id = f.record_id AND a.kind = 'schedule' AND a.user_id = $2) AS visible,
              g.secret_content_policy AS policy
         FROM record_files f
         JOIN schedule_entries e ON e.id = f.record_id
         JOIN agencies g ON g.id = e.agency_id
        WHERE f.sha256 = $1 AND f.kind = 'schedule'
        ORDER BY f.record_id`,
      [sha256, userId],
    )
  ).rows;
  return rows.map((r) => ({ documentId: r.record_id, level: 'normal', visible: r.visible, policy: parseSecretContentPolicy(r.policy) }));
}
