/**
 * Outgoing documents as a pull sends them (docs/generic-sync-plan.md §1.3): the stored JSON
 * text, never parsed. Only documents the user sees (record_access) come back; nothing is
 * per-user. A secret document is sent whole to those who see it: its authors, reviewers and
 * signer need the content, and the client seals its files on disk (the mutations'
 * `sealsFiles`); the server withholds nothing of an outgoing document.
 */
import { OUTGOING_KIND } from '../../shared/outgoing/constants.js';
import type { Queryable } from '../db/database.js';
import type { PullContext, StateText } from '../sync/kinds.js';

export async function outgoingStates(q: Queryable, userId: string, ids: readonly string[], _pc: PullContext): Promise<Map<string, StateText>> {
  if (ids.length === 0) return new Map();
  const rows = (
    await q.query<{ id: string; state: string; version: number }>(
      `SELECT o.id, o.state, o.version
         FROM outgoing_documents o
         JOIN record_access a ON a.record_id = o.id AND a.kind = $3 AND a.user_id = $2
        WHERE o.id = ANY($1::uuid[])`,
      [ids, userId, OUTGOING_KIND],
    )
  ).rows;
  return new Map(rows.map((r) => [r.id, { version: r.version, json: r.state }]));
}
