/**
 * Keyset paging over `incoming.list` (the generic pager: components/keysetPager.ts).
 * Every filter, the arrival-date range included, is applied by the core, so the
 * count is exact and a range far in the past costs no more than the first page.
 */
import type { RpcClient } from '../../../shared/rpc/client.js';
import type { IncomingFilter, IncomingListItem } from '../../../shared/rpc/contract.js';
import { KeysetPager, type PagerState as GenericState } from '../../components/keysetPager.js';

export { FIRST_PAGE, PAGE } from '../../components/keysetPager.js';

export interface ListQuery {
  filter: IncomingFilter;
  urgentOnly: boolean;
  /** Arrival dates 'YYYY-MM-DD' (Vietnam calendar), inclusive. */
  from: string | null;
  to: string | null;
}

export type PagerState = GenericState<IncomingListItem>;

export class IncomingPager extends KeysetPager<IncomingListItem> {
  constructor(
    rpc: RpcClient,
    readonly query: ListQuery,
    onChange: (s: PagerState) => void,
  ) {
    super((after, limit) => rpc.call('incoming.list', { filter: query.filter, urgentOnly: query.urgentOnly, arrivedFrom: query.from, arrivedTo: query.to, after, limit }), onChange);
  }

  /** Whether a date range narrows the list. */
  get dateRange(): boolean {
    return this.query.from !== null || this.query.to !== null;
  }
}
