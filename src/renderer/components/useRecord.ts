/**
 * The two things every record screen does with the core (a document, a task, a schedule
 * entry): read one record as the core shows it — confirmed state with the user's pending
 * actions replayed — and read it again when the data it depends on changes; and queue an
 * action through `mutate`, telling the user at once when the shared rules refuse it.
 */
import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useChanged, useRpc } from '../app/AppContext.js';
import { errorText } from '../app/util.js';

/** The methods that read one record by id. */
type GetMethod = 'incoming.get' | 'tasks.get' | 'schedule.get' | 'outgoing.get';

export interface RecordState<V> {
  view: V | null;
  loading: boolean;
  error: unknown;
  reload(): void;
}

/**
 * One record, re-read live on a change of `scopes`. `byId`: only changes naming this record
 * (or none) wake it — a record whose screen also shows others' data (a schedule entry's
 * conflicts) reads every change of its scopes.
 */
export function useRecordView<V>(method: GetMethod, id: string, scopes: readonly string[], byId = true): RecordState<V> {
  const rpc = useRpc();
  const [view, setView] = useState<V | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    // The methods share their shape ({ id } → the view or null); the caller names the view's type.
    const call = rpc.call as unknown as (this: typeof rpc, m: GetMethod, p: { id: string }) => Promise<V | null>;
    call.call(rpc, method, { id }).then(
      (v) => {
        setView(v ?? null);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        setError(e);
        setLoading(false);
      },
    );
  }, [rpc, method, id]);
  useEffect(reload, [reload]);
  useChanged(scopes, reload, byId ? { id } : {});
  return { view, loading, error, reload };
}

/**
 * Queue an action: the core checks it with the shared rules (offline too), makes it durable in
 * the outbox and applies it optimistically. A refusal by the rules comes back at once, shown
 * here; one by the server later, as a `rejected` event (the sync indicator shows it). Each
 * feature wraps it with its own typed names and arguments.
 */
export function useQueueMutation(): (name: string, args: unknown, opts?: { quiet?: boolean }) => Promise<boolean> {
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
