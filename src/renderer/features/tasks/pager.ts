/**
 * Keyset paging over `tasks.list` (the generic pager: components/keysetPager.ts).
 * Every filter is the core's, so the count is exact and any page costs the same.
 */
import type { RpcClient } from '../../../shared/rpc/client.js';
import type { TaskListItem } from '../../../shared/tasks/rpc.js';
import { KeysetPager, type PagerState as GenericState } from '../../components/keysetPager.js';
import { listParams, type TaskQuery } from './format.js';

export { FIRST_PAGE, PAGE } from '../../components/keysetPager.js';

export type TaskPagerState = GenericState<TaskListItem>;

export class TaskPager extends KeysetPager<TaskListItem> {
  constructor(
    rpc: RpcClient,
    readonly query: TaskQuery,
    onChange: (s: TaskPagerState) => void,
  ) {
    super((after, limit) => rpc.call('tasks.list', listParams(query, after, limit)), onChange);
  }
}
