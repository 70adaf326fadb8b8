/**
 * Keyset paging over `incoming.list` for a virtualised list of up to hundreds of
 * thousands of rows: pages are fetched in order with the core's `after` cursor
 * (never an offset) as the user scrolls, and re-queried from the top when the
 * core says local data changed.
 *
 * The arrival-date range is applied here, over the list's own order (newest
 * first): rows newer than the range are skipped, and the first row older than it
 * ends the list.
 */
import type { RpcClient } from '../../../shared/rpc/client.js';
import type { IncomingFilter, IncomingListItem } from '../../../shared/rpc/contract.js';
import { vnDateParts } from '../../../shared/text/vietnamese.js';

export interface ListQuery {
  filter: IncomingFilter;
  urgentOnly: boolean;
  /** Arrival dates 'YYYY-MM-DD' (Vietnam calendar), inclusive. */
  from: string | null;
  to: string | null;
}

export interface PagerState {
  items: IncomingListItem[];
  next: string | null;
  /** The core's count for the filter (before the date range). */
  total: number;
  /** Rows looked at so far (differs from items.length only with a date range). */
  scanned: number;
  loading: boolean;
  loaded: boolean;
  error: unknown;
}

export const FIRST_PAGE = 100;
export const PAGE = 500;

const pad = (n: number): string => String(n).padStart(2, '0');
export function arrivalDay(iso: string): string {
  const p = vnDateParts(iso);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export class IncomingPager {
  private gen = 0;
  private busy: Promise<void> | null = null;
  state: PagerState = { items: [], next: null, total: 0, scanned: 0, loading: true, loaded: false, error: null };

  constructor(
    private readonly rpc: RpcClient,
    readonly query: ListQuery,
    private readonly onChange: (s: PagerState) => void,
  ) {}

  get dateRange(): boolean {
    return this.query.from !== null || this.query.to !== null;
  }

  /** Rows the virtual list shows: every row the core counts, placeholders until loaded. */
  get count(): number {
    const s = this.state;
    if (!s.loaded) return 0;
    if (this.dateRange) return s.items.length + (s.next ? 1 : 0);
    return s.next ? Math.max(s.total, s.items.length + 1) : s.items.length;
  }

  private set(patch: Partial<PagerState>): void {
    this.state = { ...this.state, ...patch };
    this.onChange(this.state);
  }

  private inRange(i: IncomingListItem): 'skip' | 'keep' | 'stop' {
    if (!this.dateRange) return 'keep';
    const d = arrivalDay(i.arrivalDate);
    if (this.query.from && d < this.query.from) return 'stop';
    if (this.query.to && d > this.query.to) return 'skip';
    return 'keep';
  }

  /** Fetch pages after `after` until `want` rows are kept (or the list ends). */
  private async fetch(g: number, after: string | null, want: number, firstLimit: number): Promise<Omit<PagerState, 'loading' | 'loaded' | 'error'> | null> {
    const items: IncomingListItem[] = [];
    let cursor = after;
    let total = this.state.total;
    let scanned = 0;
    let limit = firstLimit;
    for (;;) {
      const page = await this.rpc.call('incoming.list', { filter: this.query.filter, urgentOnly: this.query.urgentOnly, after: cursor, limit });
      if (g !== this.gen) return null;
      total = page.total;
      let stop = false;
      for (const it of page.items) {
        scanned += 1;
        const r = this.inRange(it);
        if (r === 'stop') {
          stop = true;
          break;
        }
        if (r === 'keep') items.push(it);
      }
      cursor = stop ? null : page.next;
      if (!cursor || items.length >= want) break;
      limit = PAGE;
    }
    return { items, next: cursor, total, scanned };
  }

  private run(fn: (g: number) => Promise<void>, fresh: boolean): Promise<void> {
    if (fresh) this.gen += 1;
    else if (this.busy) return this.busy;
    const g = this.gen;
    const p = fn(g)
      .catch((error: unknown) => {
        if (g === this.gen) this.set({ loading: false, loaded: true, error });
      })
      .finally(() => {
        if (this.busy === p) this.busy = null;
      });
    this.busy = p;
    return p;
  }

  /** (Re)load from the top, keeping at least `want` rows (what the user was looking at). */
  reload(want = FIRST_PAGE): Promise<void> {
    return this.run(async (g) => {
      this.set({ loading: true });
      const r = await this.fetch(g, null, Math.max(want, 1), want > FIRST_PAGE ? PAGE : FIRST_PAGE);
      if (!r) return;
      this.set({ ...r, loading: false, loaded: true, error: null });
    }, true);
  }

  /** Make sure row `index` is loaded (or the list has ended). */
  ensure(index: number): Promise<void> {
    const s = this.state;
    if (!s.loaded || !s.next || index < s.items.length - 20) return Promise.resolve();
    return this.run(async (g) => {
      const cur = this.state;
      if (!cur.next) return;
      this.set({ loading: true });
      const want = Math.max(index + 50 - cur.items.length, 1);
      const r = await this.fetch(g, cur.next, want, PAGE);
      if (!r) return;
      // The list re-renders and asks again if the user has scrolled further meanwhile.
      this.set({ items: [...cur.items, ...r.items], next: r.next, total: r.total, scanned: cur.scanned + r.scanned, loading: false, error: null });
    }, false);
  }

  dispose(): void {
    this.gen += 1;
  }
}
