/**
 * Pull: the changes a user may see after a cursor, one page at a time.
 *
 * From scratch (or after a reset) the server walks the user's doc_access rows in
 * id order — a snapshot — remembering the change-log high-water mark at its start;
 * afterwards it replays the change log from that mark, so anything that changed
 * during the snapshot is sent again. Document states are sent as stored JSON text,
 * never parsed and re-serialised, which keeps large initial syncs fast.
 */
import { shapeForDesktop, type SecretContentPolicy } from '../../shared/incoming/secretContent.js';
import type { IncomingDocument } from '../../shared/incoming/model.js';
import type { UserSummary } from '../../shared/model/organisation.js';
import type { Db, Queryable } from '../db/database.js';
import { currentSeq } from './changeLog.js';
import { parseSecretContentPolicy } from '../incoming/secretPolicy.js';
import { decodeCursor, encodeCursor, type Cursor } from './cursor.js';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

interface PullInput {
  clientId: string;
  cursor: string | null;
  limit: number;
}

/** The states as JSON text for `userId`: stored text plus their readAt; secret levels shaped by the agency's policy. */
async function docStates(q: Queryable, userId: string, ids: string[], policy: SecretContentPolicy): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = (
    await q.query<{ id: string; state: string; content_withheld: boolean; read_at: string | null }>(
      `SELECT d.id, d.state, d.content_withheld, r.read_at
         FROM documents d
         JOIN doc_access a ON a.document_id = d.id AND a.user_id = $2
         LEFT JOIN doc_reads r ON r.document_id = d.id AND r.user_id = $2
        WHERE d.id = ANY($1::uuid[])`,
      [ids, userId],
    )
  ).rows;
  return new Map(
    rows.map((r) => {
      // Secret levels (rare; the column marks Mật and above) are parsed and shaped by the
      // policy (shared/incoming/secretContent); everything else goes out as stored.
      const state = r.content_withheld ? JSON.stringify(shapeForDesktop(JSON.parse(r.state) as Omit<IncomingDocument, 'readAt'>, policy)) : r.state;
      return [r.id, `${state.slice(0, -1)},"readAt":${JSON.stringify(r.read_at)}}`];
    }),
  );
}

/** Whether the change log holds anything for this user in (after, upTo]. */
async function hasChangesFor(q: Queryable, userId: string, after: number, upTo: number): Promise<boolean> {
  const rows = (
    await q.query(
      `SELECT 1 FROM changes c
        WHERE c.seq > $1 AND c.seq <= $3
          AND (c.user_id = $2
               OR (c.user_id IS NULL AND EXISTS (SELECT 1 FROM doc_access a WHERE a.user_id = $2 AND a.document_id = c.document_id)))
        LIMIT 1`,
      [after, userId, upTo],
    )
  ).rows;
  return rows.length > 0;
}

/** Returns the PullResponse as JSON text. */
export async function pull(db: Db, epoch: string, user: UserSummary, input: PullInput, now: Date): Promise<string> {
  return db.tx(
    async (q) => {
      const hw = await currentSeq(q);
      const lastMutationId =
        (await q.query<{ last_mutation_id: number }>('SELECT last_mutation_id FROM clients WHERE client_id = $1 AND user_id = $2', [input.clientId, user.id])).rows[0]
          ?.last_mutation_id ?? 0;
      const agency = (
        await q.query<{ org_version: number; secret_content_policy: string | null }>('SELECT org_version, secret_content_policy FROM agencies WHERE id = $1', [user.agencyId])
      ).rows[0];
      const orgVersion = agency?.org_version ?? 0;
      const policy = parseSecretContentPolicy(agency?.secret_content_policy);

      let cursor: Cursor | null = decodeCursor(input.cursor);
      if (cursor && (cursor.e !== epoch || ('s' in cursor ? cursor.s : cursor.h) > hw)) cursor = null;
      const reset = cursor === null;
      const parts: string[] = [];
      let next: Cursor;
      let more: boolean;

      if (cursor === null || 'a' in cursor) {
        const highWater = cursor === null ? hw : cursor.h;
        const after = cursor === null ? NIL_UUID : cursor.a;
        const ids = (
          await q.query<{ document_id: string }>(
            'SELECT document_id FROM doc_access WHERE user_id = $1 AND document_id > $2 ORDER BY document_id LIMIT $3',
            [user.id, after, input.limit],
          )
        ).rows.map((r) => r.document_id);
        const states = await docStates(q, user.id, ids, policy);
        for (const id of ids) {
          const s = states.get(id);
          if (s) parts.push(`{"op":"put","doc":${s}}`);
        }
        const snapshotMore = ids.length === input.limit;
        next = snapshotMore ? { e: epoch, h: highWater, a: ids[ids.length - 1]! } : { e: epoch, s: highWater };
        // The snapshot is done, but what changed for this user while it ran is still
        // in the change log after `highWater`: the client must pull again at once.
        more = snapshotMore || (highWater < hw && (await hasChangesFor(q, user.id, highWater, hw)));
      } else {
        const rows = (
          await q.query<{ seq: number; document_id: string; kind: 'put' | 'remove' }>(
            `SELECT c.seq, c.document_id, c.kind FROM changes c
              WHERE c.seq > $1 AND c.seq <= $4
                AND (c.user_id = $2
                     OR (c.user_id IS NULL AND EXISTS (SELECT 1 FROM doc_access a WHERE a.user_id = $2 AND a.document_id = c.document_id)))
              ORDER BY c.seq LIMIT $3`,
            [cursor.s, user.id, input.limit, hw],
          )
        ).rows;
        // Only the last operation per document matters: a put carries the full current state.
        const finalOp = new Map<string, 'put' | 'remove'>();
        for (const r of rows) finalOp.set(r.document_id, r.kind);
        const putIds = [...finalOp].filter(([, k]) => k === 'put').map(([id]) => id);
        const states = await docStates(q, user.id, putIds, policy);
        for (const [id, kind] of finalOp) {
          if (kind === 'remove') {
            // Access may have come back since; then the state is what the client needs.
            const s = (await docStates(q, user.id, [id], policy)).get(id);
            parts.push(s ? `{"op":"put","doc":${s}}` : `{"op":"remove","id":"${id}"}`);
          } else {
            const s = states.get(id);
            if (s) parts.push(`{"op":"put","doc":${s}}`);
          }
        }
        more = rows.length === input.limit;
        next = { e: epoch, s: more ? rows[rows.length - 1]!.seq : hw };
      }
      return `{"reset":${reset},"cursor":"${encodeCursor(next)}","more":${more},"lastMutationId":${lastMutationId},"orgVersion":${orgVersion},"serverTime":"${now.toISOString()}","changes":[${parts.join(',')}]}`;
    },
    { readOnly: true, repeatableRead: true },
  );
}
