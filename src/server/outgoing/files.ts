/**
 * The outgoing documents holding a file, for the download route's decision
 * (server/blobs/fileAccess.ts). A holding carries the document's secrecy, so a file that is
 * also another record's is never served through a less secret holding; but the server
 * withholds nothing of an outgoing document from those who see it (its author, reviewers and
 * signer need the content: the client seals a secret document's files on disk), whatever the
 * agency's policy for secret incoming documents — hence a policy of 'full' at every level.
 */
import { OUTGOING_KIND } from '../../shared/outgoing/constants.js';
import type { Confidentiality } from '../../shared/incoming/index.js';
import type { Queryable } from '../db/database.js';
import type { FileHolding } from '../blobs/fileAccess.js';

const NOTHING_WITHHELD: FileHolding['policy'] = { confidential: 'full', secret: 'full', top_secret: 'full' };

export async function outgoingFileHoldings(q: Queryable, sha256: string, userId: string): Promise<FileHolding[]> {
  const rows = (
    await q.query<{ record_id: string; level: Confidentiality | null; visible: boolean }>(
      `SELECT f.record_id,
              (o.state::jsonb ->> 'confidentiality') AS level,
              EXISTS (SELECT 1 FROM record_access a WHERE a.record_id = f.record_id AND a.kind = $3 AND a.user_id = $2) AS visible
         FROM record_files f
         JOIN outgoing_documents o ON o.id = f.record_id
        WHERE f.sha256 = $1 AND f.kind = $3
        ORDER BY f.record_id`,
      [sha256, userId, OUTGOING_KIND],
    )
  ).rows;
  return rows.map((r) => ({ documentId: r.record_id, level: r.level ?? 'normal', visible: r.visible, policy: NOTHING_WITHHELD }));
}
