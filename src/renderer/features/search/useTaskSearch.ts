import { useCallback } from 'react';
import type { TaskListItem } from '../../../shared/tasks/rpc.js';
import { useChanged, useRpc } from '../../app/AppContext.js';
import { useSearch } from '../../components/useSearch.js';

/** `tasks.search` (FTS5 over folded text, offline), re-run when tasks change. */
export function useTaskSearch(query: string, limit: number): ReturnType<typeof useSearch<TaskListItem>> {
  const rpc = useRpc();
  const run = useCallback((q: string) => rpc.call('tasks.search', { query: q, limit }), [rpc, limit]);
  const result = useSearch(query, run);
  useChanged(['tasks'], () => query && result.refresh(), { delayMs: 500 });
  return result;
}
