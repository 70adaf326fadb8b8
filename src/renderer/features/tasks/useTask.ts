import { useCallback, useEffect, useState } from 'react';
import type { TaskListName, TaskMutationInput, TaskMutationName } from '../../../shared/tasks/index.js';
import type { TaskListItem, TaskView } from '../../../shared/tasks/rpc.js';
import { useChanged, useRpc } from '../../app/AppContext.js';
import { useQueueMutation, useRecordView, type RecordState } from '../../components/useRecord.js';

/** Local data a task screen depends on: the task itself, the people and units it names, files it shows. */
const SCOPES = ['tasks', 'org', 'session', 'files'] as const;

export type TaskState = RecordState<TaskView>;

/** One task as the core shows it (confirmed state with pending local changes applied), re-read live. */
export function useTask(id: string): TaskState {
  return useRecordView<TaskView>('tasks.get', id, SCOPES);
}

/** Queue a task action (useQueueMutation), typed by the tasks slice's names. */
export function useTaskMutate(): <N extends TaskMutationName>(name: N, args: TaskMutationInput<N>, opts?: { quiet?: boolean }) => Promise<boolean> {
  return useQueueMutation();
}

/** The badge counts of the list tabs, re-read when tasks change. */
export function useTaskCounts(busy: boolean): Partial<Record<TaskListName, number>> {
  const rpc = useRpc();
  const [counts, setCounts] = useState<Partial<Record<TaskListName, number>>>({});
  const load = useCallback(() => {
    rpc.call('tasks.counts', {}).then(setCounts, () => {});
  }, [rpc]);
  useEffect(load, [load]);
  useChanged(['tasks', 'session'], load, { delayMs: busy ? 2000 : 400 });
  return counts;
}

/** The tasks given from a document, for its "Công việc" panel. */
export function useDocumentTasks(documentId: string): { items: TaskListItem[] | null; error: unknown } {
  const rpc = useRpc();
  const [items, setItems] = useState<TaskListItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    rpc.call('tasks.forDocument', { documentId }).then(
      (r) => {
        setItems(r);
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  }, [rpc, documentId]);
  useEffect(load, [load]);
  useChanged(['tasks', 'org', 'session'], load);
  return { items, error };
}
