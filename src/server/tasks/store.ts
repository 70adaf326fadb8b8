/**
 * Reading and writing tasks (docs/generic-sync-plan.md §5). Every write, in the
 * caller's transaction, checks the state with the clients' own schema, stores it,
 * keeps record_files and the dashboard's record_deadlines row in step, and recomputes
 * who sees the task (record_access and the change log, last: decisions §6).
 */
import { AppError } from '../../shared/i18n/errors.js';
import type { OrgView } from '../../shared/domain/org.js';
import { Task } from '../../shared/tasks/model.js';
import { TASK_KIND } from '../../shared/tasks/constants.js';
import { taskAccessUserIds, taskDeadlineFacts } from '../../shared/tasks/rights.js';
import type { Queryable } from '../db/database.js';
import { writeRecordFiles } from '../blobs/recordFiles.js';
import { writeAccess, writeDeadline, type DeadlineRow } from '../sync/access.js';

/** The stored form of a state: JSON text without the per-user readAt (pulls append it). */
export function storedTaskState(task: Task): string {
  const { readAt: _perUser, ...state } = task;
  return JSON.stringify(state);
}

/** 'share': a sub-task's creation reads its parent and must not see it change meanwhile. */
export type RowLock = boolean | 'share';

export async function loadTask(q: Queryable, id: string, forUpdate: RowLock = false): Promise<Task | null> {
  const lock = forUpdate === 'share' ? ' FOR SHARE' : forUpdate ? ' FOR UPDATE' : '';
  const row = (await q.query<{ state: string }>(`SELECT state FROM tasks WHERE id = $1${lock}`, [id])).rows[0];
  return row ? { ...(JSON.parse(row.state) as Omit<Task, 'readAt'>), readAt: null } : null;
}

/** Every state is checked with the clients' schema before it is stored: none written can be refused by them (decisions §18). */
export function checkTaskWritable(task: Task): void {
  const parsed = Task.safeParse(task);
  if (!parsed.success) throw new AppError('invalid_mutation', { details: `the task would not be readable (${parsed.error.issues.slice(0, 3).map((i) => i.path.join('.')).join(', ')})` });
}

/** Every file the task holds: its own, its reports', its result's. */
export function taskFileShas(task: Pick<Task, 'files' | 'reports' | 'result'>): Set<string> {
  const out = new Set(task.files.map((f) => f.sha256));
  for (const r of task.reports) for (const f of r.files) out.add(f.sha256);
  for (const f of task.result?.files ?? []) out.add(f.sha256);
  return out;
}

/** The dashboard's row: a task always has a deadline. */
export function taskDeadlineRow(task: Task, org: Pick<OrgView, 'users'>): DeadlineRow {
  const f = taskDeadlineFacts(task, org);
  return { agencyId: task.agencyId, unitId: f.unitId, userId: f.userId, deadline: f.deadline, doneOn: f.doneOn, title: task.title };
}

/** Store the task's new state; returns everyone who could see it before or can see it now (to poke). */
export async function saveTask(q: Queryable, task: Task, org: OrgView, isNew: boolean): Promise<Set<string>> {
  checkTaskWritable(task);
  const state = storedTaskState(task);
  if (isNew) {
    await q.query(
      `INSERT INTO tasks (id, agency_id, parent_id, source_kind, source_id, state, version, status, deadline, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [task.id, task.agencyId, task.parentId, task.source?.kind ?? null, task.source?.id ?? null, state, task.version, task.status, task.deadline, task.updatedAt],
    );
  } else {
    await q.query('UPDATE tasks SET state = $2, version = $3, status = $4, deadline = $5, updated_at = $6 WHERE id = $1', [
      task.id,
      state,
      task.version,
      task.status,
      task.deadline,
      task.updatedAt,
    ]);
  }
  // A send-back clears the result: its files stop being the task's.
  await writeRecordFiles(q, TASK_KIND, task.id, taskFileShas(task), isNew);
  await writeDeadline(q, TASK_KIND, task.id, taskDeadlineRow(task, org));
  // Last: it takes the change-log sequence, whose row lock orders commits.
  return writeAccess(q, TASK_KIND, task.id, taskAccessUserIds(task, org));
}

/** Whether a record of any kind has this id (ids are unique across kinds: generic-sync-plan §1.1). */
export async function recordIdTaken(q: Queryable, id: string): Promise<boolean> {
  // The change log holds every record of every kind (a schedule entry's id too: recordExists).
  return (
    await q.query('SELECT 1 FROM tasks WHERE id = $1 UNION ALL SELECT 1 FROM documents WHERE id = $1 UNION ALL SELECT 1 FROM record_changes WHERE record_id = $1 LIMIT 1', [id])
  ).rows.length > 0;
}
