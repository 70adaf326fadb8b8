/**
 * Pull: the changes a user may see after a cursor, one page at a time, for every
 * kind of record the client reads (docs/sync-protocol.md).
 *
 * From scratch (or after a reset) the server walks the user's record_access rows in
 * id order — a snapshot — remembering the change-log position at its start;
 * afterwards it replays the change log from that position, so anything that changed
 * during the snapshot is sent again. A client that starts reading a new kind (an
 * upgrade) walks only that kind, without a reset. States are sent as stored JSON
 * text, never parsed and re-serialised, which keeps large initial syncs fast.
 */
import type { UserSummary } from '../../shared/model/organisation.js';
import type { Db, Queryable } from '../db/database.js';
import { currentSeq } from './changeLog.js';
import { decodeCursor, encodeCursor, type Cursor } from './cursor.js';
import type { KindRegistry, PullContext, StateText } from './kinds.js';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

interface PullInput {
  clientId: string;
  cursor: string | null;
  limit: number;
  protocol?: 2 | undefined;
  kinds?: string[] | undefined;
}

type Row = { kind: string; id: string };

/** The states of `rows` for the user, grouped by kind: one query per kind present. */
async function statesOf(q: Queryable, registry: KindRegistry, userId: string, rows: readonly Row[], pc: PullContext): Promise<Map<string, StateText>> {
  const byKind = new Map<string, string[]>();
  for (const r of rows) {
    let ids = byKind.get(r.kind);
    if (!ids) byKind.set(r.kind, (ids = []));
    ids.push(r.id);
  }
  const out = new Map<string, StateText>();
  for (const [kind, ids] of byKind) {
    const k = registry.kinds.get(kind);
    if (!k) continue;
    for (const [id, s] of await k.states(q, userId, ids, pc)) out.set(`${kind}:${id}`, s);
  }
  return out;
}

/** Whether the change log holds anything of `kinds` for this user in (after, upTo]. */
async function hasChangesFor(q: Queryable, userId: string, kinds: readonly string[], after: number, upTo: number): Promise<boolean> {
  if (kinds.length === 0 || after >= upTo) return false;
  const rows = (
    await q.query(
      `SELECT 1 FROM record_changes c
        WHERE c.seq > $1 AND c.seq <= $3 AND c.kind = ANY($4::text[])
          AND (c.user_id = $2
               OR (c.user_id IS NULL AND EXISTS (SELECT 1 FROM record_access a WHERE a.user_id = $2 AND a.record_id = c.record_id AND a.kind = c.kind)))
        LIMIT 1`,
      [after, userId, upTo, kinds],
    )
  ).rows;
  return rows.length > 0;
}

/** Protocol 1 (incoming only, `{op, doc}`) or 2 (record envelopes). */
function formatter(protocol: 1 | 2): { put(r: Row, s: StateText): string; remove(r: Row): string } {
  if (protocol === 1) return { put: (_r, s) => `{"op":"put","doc":${s.json}}`, remove: (r) => `{"op":"remove","id":"${r.id}"}` };
  return {
    put: (r, s) => `{"kind":"${r.kind}","id":"${r.id}","version":${s.version},"state":${s.json}}`,
    remove: (r) => `{"kind":"${r.kind}","id":"${r.id}","removed":true}`,
  };
}

/** Returns the PullResponse as JSON text. */
export async function pull(db: Db, registry: KindRegistry, epoch: string, user: UserSummary, input: PullInput, now: Date): Promise<string> {
  const protocol = input.protocol === 2 ? 2 : 1;
  const registered = [...registry.kinds.keys()];
  const wanted = protocol === 1 ? ['incoming'] : registered.filter((k) => (input.kinds ?? registered).includes(k));
  const fmt = formatter(protocol);
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
      const pc: PullContext = { agency: { id: user.agencyId, orgVersion, secretContentPolicy: agency?.secret_content_policy ?? null }, now };

      let cursor: Cursor | null = decodeCursor(input.cursor);
      if (cursor && (cursor.e !== epoch || cursor.s > hw)) cursor = null;
      const reset = cursor === null;
      if (cursor === null) cursor = { e: epoch, s: hw, k: [], w: wanted, a: NIL_UUID };
      // Only the kinds this client reads: a protocol 1 client never learns of tasks.
      cursor.k = cursor.k.filter((k) => wanted.includes(k));
      if (cursor.w) cursor.w = cursor.w.filter((k) => wanted.includes(k));
      // A kind the client has not got yet (it just started reading it): walk that kind alone, no reset.
      if (!cursor.w?.length) {
        const missing = wanted.filter((k) => !cursor.k.includes(k));
        if (missing.length > 0) Object.assign(cursor, { w: missing, a: NIL_UUID });
        else delete cursor.w, delete cursor.a;
      }

      const parts: string[] = [];
      let next: Cursor;
      let more: boolean;
      if (cursor.w?.length) {
        const walking = cursor.w;
        const rows = (
          await q.query<{ kind: string; record_id: string }>(
            'SELECT kind, record_id FROM record_access WHERE user_id = $1 AND record_id > $2 AND kind = ANY($4::text[]) ORDER BY record_id LIMIT $3',
            [user.id, cursor.a ?? NIL_UUID, input.limit, walking],
          )
        ).rows.map((r) => ({ kind: r.kind, id: r.record_id }));
        const states = await statesOf(q, registry, user.id, rows, pc);
        for (const r of rows) {
          const s = states.get(`${r.kind}:${r.id}`);
          if (s) parts.push(fmt.put(r, s));
        }
        const walkMore = rows.length === input.limit;
        if (walkMore) {
          next = { e: epoch, s: cursor.s, k: cursor.k, w: walking, a: rows[rows.length - 1]!.id };
          more = true;
        } else {
          const complete = [...new Set([...cursor.k, ...walking])];
          next = { e: epoch, s: cursor.s, k: complete };
          // The walk is done, but what changed meanwhile is in the change log after `s`: pull again at once.
          more = await hasChangesFor(q, user.id, complete, cursor.s, hw);
        }
      } else {
        const rows = (
          await q.query<{ seq: number; kind: string; record_id: string; op: 'put' | 'remove' }>(
            `SELECT c.seq, c.kind, c.record_id, c.op FROM record_changes c
              WHERE c.seq > $1 AND c.seq <= $4 AND c.kind = ANY($5::text[])
                AND (c.user_id = $2
                     OR (c.user_id IS NULL AND EXISTS (SELECT 1 FROM record_access a WHERE a.user_id = $2 AND a.record_id = c.record_id AND a.kind = c.kind)))
              ORDER BY c.seq LIMIT $3`,
            [cursor.s, user.id, input.limit, hw, cursor.k],
          )
        ).rows;
        // Only the last operation per record matters: a put carries the full current state.
        const finalOp = new Map<string, { row: Row; op: 'put' | 'remove' }>();
        for (const r of rows) finalOp.set(`${r.kind}:${r.record_id}`, { row: { kind: r.kind, id: r.record_id }, op: r.op });
        // A remove whose access came back since is sent as the state the client needs.
        const states = await statesOf(q, registry, user.id, [...finalOp.values()].map((f) => f.row), pc);
        for (const [key, { row, op }] of finalOp) {
          const s = states.get(key);
          if (s) parts.push(fmt.put(row, s));
          else if (op === 'remove') parts.push(fmt.remove(row));
        }
        more = rows.length === input.limit;
        next = { e: epoch, s: more ? rows[rows.length - 1]!.seq : hw, k: cursor.k };
      }
      const head = protocol === 2 ? `"protocol":2,"kinds":${JSON.stringify(wanted)},` : '';
      return `{${head}"reset":${reset},"cursor":"${encodeCursor(next)}","more":${more},"lastMutationId":${lastMutationId},"orgVersion":${orgVersion},"serverTime":"${now.toISOString()}","changes":[${parts.join(',')}]}`;
    },
    { readOnly: true, repeatableRead: true },
  );
}
