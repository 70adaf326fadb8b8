/**
 * What the leaders' dashboard counts of an incoming document (zod-free): the
 * deadline of its main handling, who holds it, and the day it was completed.
 * The server's record_deadlines and the core's cache columns both come from here,
 * so the two counts agree.
 */
import { vnToday } from '../text/vietnamese.js';
import type { IncomingDocument } from './model.js';
import type { OrgView } from '../domain/org.js';

export interface IncomingDeadlineFacts {
  unitId: string | null;
  userId: string | null;
  deadline: string;
  doneOn: string | null;
}

/** Null when the document has no deadline at all (it is not counted). */
export function incomingDeadlineFacts(
  doc: Pick<IncomingDocument, 'assignments' | 'dueDate' | 'status' | 'completedAt' | 'revocation'>,
  org?: Pick<OrgView, 'users'>,
): IncomingDeadlineFacts | null {
  // A revoked copy (issue #10) is no longer anyone's work.
  if ((doc.revocation ?? null) !== null) return null;
  const main = doc.assignments.find((a) => a.parentId === null && a.role === 'main' && a.status !== 'revoked') ?? null;
  const deadline = main?.deadline ?? doc.dueDate;
  if (deadline === null) return null;
  let unitId = main?.unitId ?? null;
  let userId = main?.userId ?? null;
  if (main !== null && userId === null) {
    // The person the main unit handed the work to, if any.
    const handed = doc.assignments.find((a) => a.parentId === main.id && a.role === 'main' && a.status !== 'revoked');
    userId = handed?.userId ?? null;
  }
  if (unitId === null && userId !== null && org) unitId = org.users.find((u) => u.id === userId)?.unitId ?? null;
  const doneOn = doc.status === 'done' && doc.completedAt ? vnToday(new Date(doc.completedAt)) : null;
  return { unitId, userId, deadline, doneOn };
}
