import { useCallback } from 'react';
import type { IncomingListItem } from '../../../shared/rpc/contract.js';
import { useChanged, useRpc } from '../../app/AppContext.js';
import { useSearch } from '../../components/useSearch.js';

/** `incoming.search` (FTS5 over folded text, offline), re-run when documents change. */
export function useIncomingSearch(query: string, limit: number): ReturnType<typeof useSearch<IncomingListItem>> {
  const rpc = useRpc();
  const run = useCallback((q: string) => rpc.call('incoming.search', { query: q, limit }), [rpc, limit]);
  const result = useSearch(query, run);
  useChanged(['incoming'], () => query && result.refresh(), { delayMs: 500 });
  return result;
}
