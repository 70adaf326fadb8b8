/**
 * What the dashboard counts of an incoming document (docs/generic-sync-plan.md §5):
 * the columns `main_unit_id, main_user_id, main_deadline, done_on` its put writes,
 * which the `record_deadlines` view reads (tasks/schema.ts).
 *
 * Pure, so the same answer can be given wherever a document is saved. It follows
 * taskDeadlineFacts (shared/tasks/rights.ts) so both kinds are counted alike.
 */
import { deadlineFor, vnToday, type IncomingDocument } from '../../../shared/index.js';
import type { OrgView } from '../../../shared/domain/org.js';

export interface IncomingDeadlineColumns {
  main_unit_id: string | null;
  main_user_id: string | null;
  /** null: the document has no deadline, and the dashboard does not count it. */
  main_deadline: string | null;
  done_on: string | null;
}

/**
 * - deadline: the top-level main assignment's, else the document's due date — what
 *   deadlineFor(doc, null) answers, the date the list shows to anyone without an
 *   assignment of their own.
 * - the main assignment is taken whatever its status but revoked: completing a document
 *   marks every active assignment 'done', and the figures must not move when it does.
 * - unit and person: the main unit (or person), and the person the unit handed the main
 *   role to; with the organisation, a person's unit when the main role went to a person.
 * - done_on: the Vietnam date it was completed, once done.
 */
export function incomingDeadlineColumns(
  doc: Pick<IncomingDocument, 'assignments' | 'dueDate' | 'status' | 'completedAt'>,
  org?: Pick<OrgView, 'users'>,
): IncomingDeadlineColumns {
  const main = doc.assignments.find((a) => a.parentId === null && a.role === 'main' && a.status !== 'revoked') ?? null;
  let unitId = main?.unitId ?? null;
  let userId = main?.userId ?? null;
  if (main !== null && userId === null) {
    userId = doc.assignments.find((a) => a.parentId === main.id && a.role === 'main' && a.status !== 'revoked')?.userId ?? null;
  }
  if (unitId === null && userId !== null && org) unitId = org.users.find((u) => u.id === userId)?.unitId ?? null;
  const deadline = deadlineFor(doc, null);
  const doneOn = doc.status === 'done' && doc.completedAt !== null ? vnToday(new Date(doc.completedAt)) : null;
  return { main_unit_id: unitId, main_user_id: userId, main_deadline: deadline, done_on: doneOn };
}
