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

/** The engine's connection state, live. */
export function useMailStatus(): MailStatus {
  const rpc = useRpc();
  const [status, setStatus] = useState<MailStatus>(UNKNOWN);
  useEffect(() => {
    let alive = true;
    void rpc.call('mail.status').then((s) => alive && setStatus(s), () => {});
    return () => {
      alive = false;
    };
  }, [rpc]);
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
