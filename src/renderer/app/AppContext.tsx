import { createContext, useCallback, useContext, useEffect, useRef } from 'react';
import type { Organisation, UserSummary } from '../../shared/model/organisation.js';
import type { RpcEvent, RpcEventPayload, Session, SyncStatus } from '../../shared/rpc/contract.js';
import type { RpcClient } from '../../shared/rpc/client.js';
import type { AppInfo, Connection } from './connection.js';
import type { Lang } from './i18n/index.js';

export interface AppState {
  conn: Connection;
  session: Session;
  org: Organisation | null;
  sync: SyncStatus;
  info: AppInfo | null;
  lang: Lang;
  setLang(lang: Lang): void;
  refreshSession(): Promise<void>;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside AppContext');
  return v;
}

export function useRpc(): RpcClient {
  return useApp().conn.rpc;
}

/** The signed-in user (screens under the shell only render when signed in). */
export function useMe(): UserSummary {
  const { session } = useApp();
  if (!session.user) throw new Error('not signed in');
  return session.user;
}

/** Subscribe to a core event for the component's lifetime; the latest callback is always used. */
export function useRpcEvent<E extends RpcEvent>(event: E, cb: (payload: RpcEventPayload<E>) => void): void {
  const rpc = useRpc();
  const ref = useRef(cb);
  ref.current = cb;
  useEffect(() => rpc.on(event, (p) => ref.current(p)), [rpc, event]);
}

/**
 * Run `fn` when local data in `scope` changes (optionally only for `id`), debounced
 * so a sync burst (one event per pulled page) causes one re-read — but at least
 * every `maxWaitMs` while the burst goes on, so a long first sync shows progress.
 */
export function useChanged(scopes: readonly string[], fn: () => void, opts: { id?: string; delayMs?: number; maxWaitMs?: number } = {}): void {
  const ref = useRef(fn);
  ref.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const firstPending = useRef<number | null>(null);
  const { id, delayMs = 150, maxWaitMs = 3000 } = opts;
  const key = scopes.join(',');
  const on = useCallback(
    (p: RpcEventPayload<'changed'>) => {
      if (!key.split(',').includes(p.scope)) return;
      if (id && p.scope === 'incoming' && p.ids && !p.ids.includes(id)) return;
      const now = Date.now();
      firstPending.current ??= now;
      const wait = Math.min(delayMs, Math.max(0, firstPending.current + maxWaitMs - now));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        firstPending.current = null;
        ref.current();
      }, wait);
    },
    [key, id, delayMs, maxWaitMs],
  );
  useRpcEvent('changed', on);
  useEffect(() => () => clearTimeout(timer.current), []);
}
