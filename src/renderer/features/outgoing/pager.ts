/**
 * Keyset paging over `outgoing.list` (the generic pager: components/keysetPager.ts). Every
 * filter and the search are the core's, so the count is exact and any page costs the same.
 */
import type { OutgoingItem } from '../../../shared/outgoing/index.js';
import type { RpcClient } from '../../../shared/rpc/client.js';
import { KeysetPager, type PagerState } from '../../components/keysetPager.js';
import { listParams, type OutgoingQuery } from './format.js';

export { FIRST_PAGE } from '../../components/keysetPager.js';

export type OutgoingPagerState = PagerState<OutgoingItem>;

export class OutgoingPager extends KeysetPager<OutgoingItem> {
  constructor(
    rpc: RpcClient,
    readonly query: OutgoingQuery,
    onChange: (s: OutgoingPagerState) => void,
  ) {
    super(async (after, limit) => {
      const r = await rpc.call('outgoing.list', listParams(query, after, limit));
      return { items: r.items, next: r.nextCursor, total: r.total };
    }, onChange);
  }
}
