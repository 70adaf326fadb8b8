/** The mail data every mail screen shares: connection state, folders, live updates. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MailFolder, MailStatus } from '../../../shared/model/mail.js';
import type { RpcEventPayload } from '../../../shared/rpc/contract.js';
import { useRpc, useRpcEvent } from '../../app/AppContext.js';

const UNKNOWN: MailStatus = { state: 'connecting', lastError: null, pendingCount: 0, nextRetryAt: null, lastSyncAt: null };

/** Run `fn` (debounced) when the mail cache changes; `filter` narrows which changes count. */
export function useMailChanged(fn: (p: RpcEventPayload<'mail.changed'>) => void, delayMs = 150): void {
  const ref = useRef(fn);
  ref.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const last = useRef<RpcEventPayload<'mail.changed'>>({ folderIds: [] });
  useRpcEvent('mail.changed', (p) => {
    // Merge a burst into one call.
    last.current = { folderIds: [...new Set([...last.current.folderIds, ...p.folderIds])], messageIds: [...(last.current.messageIds ?? []), ...(p.messageIds ?? [])] };
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const merged = last.current;
      last.current = { folderIds: [] };
      ref.current(merged);
    }, delayMs);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
}

/** Call `load` when it changes; its answer goes to `set` unless the component has gone meanwhile. */
function useLoad<T>(load: () => Promise<T>, set: (v: T) => void, onError: () => void): void {
  useEffect(() => {
    let alive = true;
    load().then(
      (v) => alive && set(v),
      () => alive && onError(),
    );
    return () => {
      alive = false;
    };
    // `set`/`onError` are state setters or no-ops: only `load` matters.
  }, [load]);
}

/** The engine's connection state, live. */
export function useMailStatus(): MailStatus {
  const rpc = useRpc();
  const [status, setStatus] = useState<MailStatus>(UNKNOWN);
  useLoad(useCallback(() => rpc.call('mail.status'), [rpc]), setStatus, () => {});
  useRpcEvent('mail.status', setStatus);
  return status;
}

/** The folder list with counts, re-read when the cache changes. `null` until first loaded. */
export function useMailFolders(): { folders: MailFolder[] | null; reload: () => void } {
  const rpc = useRpc();
  const [folders, setFolders] = useState<MailFolder[] | null>(null);
  const reload = useCallback(() => {
    void rpc.call('mail.folders').then(setFolders, () => setFolders((f) => f ?? []));
  }, [rpc]);
  useEffect(reload, [reload]);
  useMailChanged(reload, 250);
  return { folders, reload };
}

/** Unread messages in the inbox (the navigation's badge). */
export function useInboxUnread(): number {
  const { folders } = useMailFolders();
  return folders?.find((f) => f.role === 'inbox')?.unread ?? 0;
}

/** Whether a mail account is set up (`mail.account.get`); null until known. */
export function useMailConfigured(): boolean | null {
  const rpc = useRpc();
  const [configured, setConfigured] = useState<boolean | null>(null);
  useLoad(
    useCallback(() => rpc.call('mail.account.get').then((a) => a !== null), [rpc]),
    setConfigured,
    () => setConfigured(false),
  );
  return configured;
}
