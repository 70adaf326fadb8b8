import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskListName, TaskMutationInput, TaskMutationName } from '../../../shared/tasks/index.js';
import type { TaskListItem, TaskView } from '../../../shared/tasks/rpc.js';
import { useApp, useChanged, useRpc } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';

/** Local data a task screen depends on: the task itself, the people and units it names, files it shows. */
const SCOPES = ['tasks', 'org', 'session', 'files'] as const;

export interface TaskState {
  view: TaskView | null;
  loading: boolean;
  error: unknown;
  reload(): void;
}

/** One task as the core shows it (confirmed state with pending local changes applied), re-read live. */
export function useTask(id: string): TaskState {
  const rpc = useRpc();
  const [view, setView] = useState<TaskView | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    rpc.call('tasks.get', { id }).then(
      (v) => {
        setView(v);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        setError(e);
        setLoading(false);
      },
    );
  }, [rpc, id]);
  useEffect(reload, [reload]);
  useChanged(SCOPES, reload, { id });
  return { view, loading, error, reload };
}

/**
 * Queue a task action: the core checks it with the shared rules (offline too), makes it
 * durable in the outbox and applies it optimistically. A refusal by the rules comes back
 * at once; one by the server later, as a `rejected` event (the sync indicator shows it).
 */
export function useTaskMutate(): <N extends TaskMutationName>(name: N, args: TaskMutationInput<N>, opts?: { quiet?: boolean }) => Promise<boolean> {
  const rpc = useRpc();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const { lang } = useApp();
  return useCallback(
    async (name, args, opts) => {
      try {
        await rpc.call('mutate', { name, args });
        if (!opts?.quiet) void message.success(t('view.queued'));
        return true;
      } catch (err) {
        void message.error(errorText(err, lang, t('app.unexpected')), 6);
        return false;
      }
    },
    [rpc, message, t, lang],
  );
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
