/**
 * Incoming documents as a pull sends them: the stored JSON text with the user's
 * readAt appended; secret levels (rare; the column marks Mật and above) parsed and
 * shaped by the agency's policy (shared/incoming/secretContent.ts).
 */
import { shapeForDesktop } from '../../shared/incoming/secretContent.js';
import type { IncomingDocument } from '../../shared/incoming/model.js';
import type { Queryable } from '../db/database.js';
import type { PullContext, StateText } from '../sync/kinds.js';
import { parseSecretContentPolicy } from './secretPolicy.js';

export async function incomingStates(q: Queryable, userId: string, ids: readonly string[], pc: PullContext): Promise<Map<string, StateText>> {
  if (ids.length === 0) return new Map();
  const rows = (
    await q.query<{ id: string; state: string; version: number; content_withheld: boolean; read_at: string | null }>(
      `SELECT d.id, d.state, COALESCE(d.version, (d.state::json ->> 'version')::int) AS version, d.content_withheld, r.read_at
         FROM documents d
         JOIN record_access a ON a.record_id = d.id AND a.user_id = $2 AND a.kind = 'incoming'
         LEFT JOIN record_reads r ON r.record_id = d.id AND r.user_id = $2 AND r.kind = 'incoming'
        WHERE d.id = ANY($1::uuid[])`,
      [ids, userId],
    )
  ).rows;
  let policy: ReturnType<typeof parseSecretContentPolicy> | null = null;
  return new Map(
    rows.map((r) => {
      let state = r.state;
      if (r.content_withheld) {
        policy ??= parseSecretContentPolicy(pc.agency.secretContentPolicy);
        state = JSON.stringify(shapeForDesktop(JSON.parse(r.state) as Omit<IncomingDocument, 'readAt'>, policy));
      }
      return [r.id, { version: r.version, json: `${state.slice(0, -1)},"readAt":${JSON.stringify(r.read_at)}}` }];
    }),
  );
}
