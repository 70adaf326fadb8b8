import { cleanText, foldForSearch } from '../../../shared/index.js';
import type { Task } from '../../../shared/tasks/index.js';

/**
 * A task's accent-insensitive search text, folded like a document's (db/search.ts:
 * FTS5 strips the marks, foldForSearch also turns đ into d), so the same queryTerms()
 * and ftsMatchExpression() find both. The result's note is included: "what was done"
 * is often what a leader remembers of a finished task.
 */
export function taskSearchBody(task: Pick<Task, 'title' | 'description' | 'result'>): string {
  return foldForSearch(cleanText([task.title, task.description, task.result?.note ?? ''].join(' \n ')));
}
