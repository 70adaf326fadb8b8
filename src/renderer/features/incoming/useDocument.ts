import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncomingView } from '../../../shared/rpc/contract.js';
import type { MutationInput, MutationName } from '../../../shared/incoming/mutations.js';
import { useApp, useChanged, useRpc } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';

export interface DocumentState {
  view: IncomingView | null;
  loading: boolean;
  error: unknown;
  reload(): void;
}

/** One document as the core shows it (confirmed state + pending local changes), re-read live. */
export function useDocument(id: string): DocumentState {
  const rpc = useRpc();
  const [view, setView] = useState<IncomingView | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    rpc.call('incoming.get', { id }).then(
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
  useChanged(['incoming', 'files', 'org', 'session'], reload, { id });
  return { view, loading, error, reload };
}

/**
 * Queue an action: the core checks it with the shared rules (offline too), makes
 * it durable in the outbox and applies it optimistically. A refusal from the
 * rules comes back at once; one from the server later, as a `rejected` event.
 */
export function useMutate(): <N extends MutationName>(name: N, args: MutationInput<N>) => Promise<boolean> {
  const rpc = useRpc();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const { lang } = useApp();
  return useCallback(
    async (name, args) => {
      try {
        await rpc.call('mutate', { name, args });
        if (name !== 'incoming.markRead') void message.success(t('view.queued'));
        return true;
      } catch (err) {
        void message.error(errorText(err, lang, t('app.unexpected')), 6);
        return false;
      }
    },
    [rpc, message, t, lang],
  );
}

/** Opinions, history entries and assignments made by pending local actions carry the action's time. */
export function pendingTimes(view: IncomingView | null): Set<string> {
  return new Set((view?.pending ?? []).filter((p) => p.name !== 'incoming.markRead').map((p) => p.createdAt));
}
