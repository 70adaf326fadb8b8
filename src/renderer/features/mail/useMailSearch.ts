import { useCallback } from 'react';
import type { MailListItem } from '../../../shared/model/mail.js';
import { useRpc } from '../../app/AppContext.js';
import { useSearch } from '../../components/useSearch.js';
import { useMailChanged } from './useMail.js';

/**
 * `mail.search` over the local cache (accent-insensitive), in one folder or all
 * (`folderId` null); `enabled` false asks nothing. Re-run when the cache changes.
 */
export function useMailSearch(query: string, folderId: number | null, limit: number, enabled = true): ReturnType<typeof useSearch<MailListItem>> {
  const rpc = useRpc();
  const run = useCallback((q: string) => rpc.call('mail.search', { query: q, folderId, limit }), [rpc, folderId, limit]);
  const result = useSearch(query, enabled ? run : null);
  useMailChanged(() => {
    if (query) result.refresh();
  }, 300);
  return result;
}
