/**
 * Who may download a file (docs/decisions.md §19). A file is named by its
 * content, so one file may be held by several documents; the rights come from
 * those documents, and the most secret holding wins:
 *   - the user must be able to see at least one holding document whose content
 *     reaches them (a normal one, or a secret one whose level the policy sends);
 *   - and every secret holding must be one whose content reaches them, or be
 *     matched by one that reaches them at the same level or above: a file that
 *     is also a Mật document's file is not served through a normal document
 *     holding the same bytes;
 *   - the uploader may read their upload back only while no document holds it:
 *     registration ends it (a specialist whose upload a clerk registered as a
 *     secret document gets nothing more).
 */
import { isContentWithheld, type SecretContentPolicy } from '../../shared/incoming/secretContent.js';
import { CONFIDENTIALITIES, type Confidentiality } from '../../shared/incoming/model.js';
import type { Queryable } from '../db/database.js';
import { parseSecretContentPolicy } from '../incoming/secretPolicy.js';

export interface FileHolding {
  documentId: string;
  level: Confidentiality;
  /** The user may see this record (record_access). */
  visible: boolean;
  /** The policy of the document's agency. */
  policy: SecretContentPolicy;
}

export type FileAccess =
  | { allowed: true; documentId: string | null }
  /** document_not_found: no holding the user may see (existence is not revealed). content_withheld: only secret holdings the user sees as metadata. file_withheld: a normal holding, but a secret one wins. */
  | { allowed: false; code: 'document_not_found' | 'content_withheld' | 'file_withheld' };

export function decideFileAccess(holdings: readonly FileHolding[], isUploader: boolean): FileAccess {
  if (holdings.length === 0) return isUploader ? { allowed: true, documentId: null } : { allowed: false, code: 'document_not_found' };
  const reaches = (h: FileHolding): boolean => h.visible && !isContentWithheld(h.level, h.policy);
  const readable = holdings.find(reaches);
  if (!readable) return { allowed: false, code: holdings.some((h) => h.visible) ? 'content_withheld' : 'document_not_found' };
  // A secret holding the user is not reached by withholds the file, unless one that reaches them is
  // at least as secret: the same content they are entitled to (an issued Mật document seen by its
  // author, held by the unit copies it was dispatched as too: issue #10).
  const rank = (l: Confidentiality): number => CONFIDENTIALITIES.indexOf(l);
  const cleared = Math.max(...holdings.filter(reaches).map((h) => rank(h.level)));
  if (holdings.some((h) => h.level !== 'normal' && !reaches(h) && rank(h.level) > cleared)) return { allowed: false, code: 'file_withheld' };
  return { allowed: true, documentId: readable.documentId };
}

/** Every incoming document holding `sha256`, as `userId` stands towards it. */
export async function incomingFileHoldings(q: Queryable, sha256: string, userId: string): Promise<FileHolding[]> {
  const rows = (
    await q.query<{ document_id: string; level: Confidentiality | null; visible: boolean; policy: string | null }>(
      `SELECT f.record_id AS document_id,
              CASE WHEN d.content_withheld THEN (d.state::jsonb ->> 'confidentiality') ELSE 'normal' END AS level,
              EXISTS (SELECT 1 FROM record_access a WHERE a.record_id = f.record_id AND a.user_id = $2 AND a.kind = 'incoming') AS visible,
              g.secret_content_policy AS policy
         FROM record_files f
         JOIN documents d ON d.id = f.record_id
         JOIN agencies g ON g.id = d.agency_id
        WHERE f.sha256 = $1 AND f.kind = 'incoming'
        ORDER BY f.record_id`,
      [sha256, userId],
    )
  ).rows;
  return rows.map((r) => ({ documentId: r.document_id, level: r.level ?? 'normal', visible: r.visible, policy: parseSecretContentPolicy(r.policy) }));
}

/** Every record of every kind holding `sha256`, as `userId` stands towards it. */
export async function loadFileHoldings(
  q: Queryable,
  kinds: Iterable<{ fileHoldings?(q: Queryable, sha256: string, userId: string): Promise<FileHolding[]> }>,
  sha256: string,
  userId: string,
): Promise<{ holdings: FileHolding[]; isUploader: boolean }> {
  const holdings: FileHolding[] = [];
  for (const k of kinds) if (k.fileHoldings) holdings.push(...(await k.fileHoldings(q, sha256, userId)));
  const uploader = (await q.query('SELECT 1 FROM blobs WHERE sha256 = $1 AND uploaded_by = $2', [sha256, userId])).rows.length > 0;
  return { holdings, isUploader: uploader };
}

/**
 * The records of a kind whose files are never secret (a task's attachments, a schedule entry's
 * agenda), holding `sha256`, as `userId` stands towards them: level 'normal', so whoever sees
 * one may read the file, unless a secret document holding the same bytes withholds it.
 * `table` is the kind's own table with `id` and `agency_id` (a constant of the slice, never input).
 */
export async function normalFileHoldings(q: Queryable, kind: string, table: string, sha256: string, userId: string): Promise<FileHolding[]> {
  const rows = (
    await q.query<{ record_id: string; visible: boolean; policy: string | null }>(
      `SELECT f.record_id,
              EXISTS (SELECT 1 FROM record_access a WHERE a.record_id = f.record_id AND a.kind = $3 AND a.user_id = $2) AS visible,
              g.secret_content_policy AS policy
         FROM record_files f
         JOIN ${table} r ON r.id = f.record_id
         JOIN agencies g ON g.id = r.agency_id
        WHERE f.sha256 = $1 AND f.kind = $3
        ORDER BY f.record_id`,
      [sha256, userId, kind],
    )
  ).rows;
  return rows.map((r) => ({ documentId: r.record_id, level: 'normal', visible: r.visible, policy: parseSecretContentPolicy(r.policy) }));
}
