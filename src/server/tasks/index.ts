/**
 * The server's tasks slice (docs/generic-sync-plan.md §5), as the composition root
 * (server/kinds.ts) and the seed use it: the kind the generic pull and push dispatch
 * to, and a bulk insert for loading many tasks at once.
 */
import type { OrgView } from '../../shared/domain/org.js';
import { TASK_KIND } from '../../shared/tasks/constants.js';
import type { Task } from '../../shared/tasks/model.js';
import { taskAccessUserIds } from '../../shared/tasks/rights.js';
import type { Queryable } from '../db/database.js';
import type { ServerKind } from '../sync/kinds.js';
import { taskFileHoldings } from './files.js';
import { taskServerMutations } from './mutations.js';
import { taskStates } from './states.js';
import { checkTaskWritable, storedTaskState, taskDeadlineRow, taskFileShas } from './store.js';

export { loadTask, saveTask } from './store.js';

export const tasksKind: ServerKind = {
  kind: TASK_KIND,
  states: taskStates,
  mutations: taskServerMutations,
  fileHoldings: taskFileHoldings,
};

const BATCH = 1000;

/** Parents before their sub-tasks (tasks.parent_id references tasks), otherwise in the given order. */
function parentsFirst(tasks: readonly Task[]): Task[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const depth = new Map<string, number>();
  const depthOf = (t: Task, seen: number): number => {
    const known = depth.get(t.id);
    if (known !== undefined) return known;
    const parent = t.parentId === null ? undefined : byId.get(t.parentId);
    // A parent outside the batch is already stored; a cycle is left to the foreign key to refuse.
    const d = parent === undefined || seen > tasks.length ? 0 : depthOf(parent, seen + 1) + 1;
    depth.set(t.id, d);
    return d;
  };
  return tasks.map((t, i) => ({ t, i, d: depthOf(t, 0) })).sort((a, b) => a.d - b.d || a.i - b.i).map((x) => x.t);
}

/**
 * Loading many tasks at once (the demo seed, benchmarks): the rows saveTask writes one by
 * one — state, files, dashboard row, access, one change-log put each — in batched
 * statements, inside the caller's transaction. The files' blobs must already be stored
 * (bulkInsertDocuments(db, [], org, blobs) stores blobs alone).
 */
export async function bulkInsertTasks(q: Queryable, tasks: readonly Task[], org: OrgView): Promise<void> {
  // An import is a write like any other: nothing clients would refuse (decisions §18).
  for (const t of tasks) checkTaskWritable(t);
  const ordered = parentsFirst(tasks);
  for (let i = 0; i < ordered.length; i += BATCH) await insertBatch(q, ordered.slice(i, i + BATCH), org);
}

async function insertBatch(q: Queryable, tasks: readonly Task[], org: OrgView): Promise<void> {
  await q.query(
    `INSERT INTO tasks (id, agency_id, parent_id, source_kind, source_id, state, version, status, deadline, updated_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[])`,
    [
      tasks.map((t) => t.id),
      tasks.map((t) => t.agencyId),
      tasks.map((t) => t.parentId),
      tasks.map((t) => t.source?.kind ?? null),
      tasks.map((t) => t.source?.id ?? null),
      tasks.map(storedTaskState),
      tasks.map((t) => t.version),
      tasks.map((t) => t.status),
      tasks.map((t) => t.deadline),
      tasks.map((t) => t.updatedAt),
    ],
  );
  const fileTask: string[] = [];
  const fileSha: string[] = [];
  const accessTask: string[] = [];
  const accessUser: string[] = [];
  for (const t of tasks) {
    for (const sha of taskFileShas(t)) (fileTask.push(t.id), fileSha.push(sha));
    for (const u of taskAccessUserIds(t, org)) (accessTask.push(t.id), accessUser.push(u));
  }
  if (fileTask.length > 0)
    await q.query(`INSERT INTO record_files (record_id, sha256, kind) SELECT r, s, 'tasks' FROM unnest($1::uuid[], $2::text[]) AS x(r, s) ON CONFLICT DO NOTHING`, [fileTask, fileSha]);
  if (accessTask.length > 0)
    await q.query(`INSERT INTO record_access (record_id, user_id, kind) SELECT r, u, 'tasks' FROM unnest($1::uuid[], $2::uuid[]) AS x(r, u)`, [accessTask, accessUser]);
  const rows = tasks.map((t) => taskDeadlineRow(t, org));
  await q.query(
    `INSERT INTO record_deadlines (kind, record_id, agency_id, unit_id, user_id, deadline, done_on, title)
     SELECT 'tasks', * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[])`,
    [tasks.map((t) => t.id), rows.map((r) => r.agencyId), rows.map((r) => r.unitId), rows.map((r) => r.userId), rows.map((r) => r.deadline), rows.map((r) => r.doneOn), rows.map((r) => r.title)],
  );
  // Last, as in every write: the change-log sequence is taken under its row lock.
  const last = (await q.query<{ seq: number }>('UPDATE change_counter SET seq = seq + $1 WHERE id = 1 RETURNING seq', [tasks.length])).rows[0]!.seq;
  await q.query(`INSERT INTO record_changes (seq, kind, record_id, user_id, op) SELECT s, 'tasks', r, NULL, 'put' FROM unnest($1::bigint[], $2::uuid[]) AS x(s, r)`, [
    tasks.map((_, i) => Number(last) - tasks.length + 1 + i),
    tasks.map((t) => t.id),
  ]);
}
