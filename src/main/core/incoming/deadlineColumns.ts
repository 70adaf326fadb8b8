/**
 * What the dashboard counts of an incoming document: the columns
 * `main_unit_id, main_user_id, main_deadline, done_on` its put writes, which the
 * `record_deadlines` view reads (tasks/schema.ts). The facts are the shared rule
 * (shared/incoming/deadlineFacts.ts) the server's count uses too, so both agree.
 */
import { incomingDeadlineFacts } from '../../../shared/incoming/deadlineFacts.js';
import type { IncomingDocument } from '../../../shared/incoming/model.js';
import type { OrgView } from '../../../shared/domain/org.js';

export interface IncomingDeadlineColumns {
  main_unit_id: string | null;
  main_user_id: string | null;
  /** null: the document has no deadline, and the dashboard does not count it. */
  main_deadline: string | null;
  done_on: string | null;
}

export function incomingDeadlineColumns(
  doc: Pick<IncomingDocument, 'assignments' | 'dueDate' | 'status' | 'completedAt'>,
  org?: Pick<OrgView, 'users'>,
): IncomingDeadlineColumns {
  const f = incomingDeadlineFacts(doc, org);
  return { main_unit_id: f?.unitId ?? null, main_user_id: f?.userId ?? null, main_deadline: f?.deadline ?? null, done_on: f?.doneOn ?? null };
}
