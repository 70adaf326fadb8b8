/**
 * The server's runners of the tasks mutations (docs/generic-sync-plan.md §1.4): the
 * shared defs decide (the same `apply` the core's overlay previews with), these load
 * what the rules need under the right row locks and store the result.
 */
import type { RuleContext } from '../../shared/domain/ruleContext.js';
import { AppError } from '../../shared/i18n/errors.js';
import type { AnyMutationDef } from '../../shared/sync/registry.js';
import { TASK_KIND } from '../../shared/tasks/constants.js';
import type { Task } from '../../shared/tasks/model.js';
import { createTaskMutation, markTaskReadMutation, taskMutations, type CreateTaskArgs, type MarkTaskReadArgs } from '../../shared/tasks/mutations.js';
import type { Queryable } from '../db/database.js';
import { markRead, userSees } from '../sync/access.js';
import type { MutationOutcome, MutationRunner, ServerMutation } from '../sync/kinds.js';
import { checkFilesUploaded } from '../blobs/uploaded.js';
import { loadTask, recordIdTaken, saveTask } from './store.js';

type Files = readonly { sha256: string; size?: number; name?: string }[];
/** The files a mutation attaches, as its args give them (with their size: TaskFile). */
const filesOf = (def: AnyMutationDef, args: unknown): Files => def.files?.(args) ?? [];

/** A task in the actor's agency, or "not found" (existence elsewhere is not revealed). */
async function taskOfAgency(q: Queryable, id: string, ctx: RuleContext, lock: boolean): Promise<Task> {
  const task = await loadTask(q, id, lock);
  if (!task || task.agencyId !== ctx.actor.agencyId) throw new AppError('task_not_found');
  return task;
}

async function runCreate(q: Queryable, args: CreateTaskArgs, ctx: RuleContext): Promise<MutationOutcome> {
  if (await recordIdTaken(q, args.taskId)) throw new AppError('task_exists');
  // The parent must not change (be completed, given to someone else) before we commit.
  const loaded = args.parentId === null ? null : await loadTask(q, args.parentId, 'share');
  const parent = loaded !== null && loaded.agencyId === ctx.actor.agencyId ? loaded : null;
  if (args.parentId !== null && parent === null) throw new AppError('task_parent_not_found');
  // "Giao việc" from a document: only one the actor may see (a link grants nothing, so this is the whole check).
  if (args.source !== null && !(await userSees(q, args.source.kind, args.source.id, ctx.actor.id))) throw new AppError('document_not_found');
  const task = createTaskMutation.apply(null, args, ctx, { parent });
  // After the rules, so one who may not act is told so first.
  await checkFilesUploaded(q, filesOf(createTaskMutation, args));
  return { poke: await saveTask(q, task, ctx.org, true), warnings: [] };
}

/** Per-user, like incoming.markRead: a read mark and the reader's own put row; the task is not rewritten. */
async function runMarkRead(q: Queryable, args: MarkTaskReadArgs, ctx: RuleContext): Promise<MutationOutcome> {
  const task = await taskOfAgency(q, args.taskId, ctx, false);
  markTaskReadMutation.apply(task, args, ctx, undefined); // the visibility check
  await markRead(q, TASK_KIND, task.id, ctx.actor.id, ctx.now);
  return { poke: new Set([ctx.actor.id]), warnings: [] };
}

/** Every other mutation: the task under its row lock, the rules, the save. */
function runOnTask(def: AnyMutationDef): MutationRunner {
  return async (q: Queryable, args: { taskId: string }, ctx: RuleContext): Promise<MutationOutcome> => {
    const current = await taskOfAgency(q, args.taskId, ctx, true);
    const next = def.apply(current, args, ctx, undefined) as Task;
    await checkFilesUploaded(q, filesOf(def, args));
    return { poke: await saveTask(q, next, ctx.org, false), warnings: [] };
  };
}

function runnerFor(def: AnyMutationDef): MutationRunner {
  if (def === createTaskMutation) return runCreate;
  if (def === markTaskReadMutation) return runMarkRead;
  return runOnTask(def);
}

/** One runner per shared def, in the defs' order. */
export const taskServerMutations: readonly ServerMutation[] = taskMutations.map((def) => ({ def, run: runnerFor(def) }));
