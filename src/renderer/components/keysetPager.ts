/**
 * Keyset paging for a virtualised list of up to hundreds of thousands of rows:
 * pages are fetched in order with the core's `after` cursor (never an offset) as
 * the user scrolls, and re-queried from the top when the core says local data
 * changed. Used by the incoming documents (features/incoming/pager.ts) and mail
 * (features/mail/MessageList.tsx). Every filter is the core's: the pager only pages.
 */

export interface KeysetPage<T> {
  items: T[];
  next: string | null;
  total: number;
}

export interface PagerState<T> {
  items: T[];
  next: string | null;
  /** The core's count of the whole list. */
  total: number;
  loading: boolean;
  loaded: boolean;
  error: unknown;
}

export const FIRST_PAGE = 100;
export const PAGE = 500;

export class KeysetPager<T> {
  private gen = 0;
  private busy: Promise<void> | null = null;
  state: PagerState<T> = { items: [], next: null, total: 0, loading: true, loaded: false, error: null };

  constructor(
    private readonly fetchPage: (after: string | null, limit: number) => Promise<KeysetPage<T>>,
    private readonly onChange: (s: PagerState<T>) => void,
  ) {}

  /** Rows the virtual list shows: every row the core counts, placeholders until loaded. */
  get count(): number {
    const s = this.state;
    if (!s.loaded) return 0;
    return s.next ? Math.max(s.total, s.items.length + 1) : s.items.length;
  }

  private set(patch: Partial<PagerState<T>>): void {
    this.state = { ...this.state, ...patch };
    this.onChange(this.state);
  }

  /** Fetch pages after `after` until `want` rows are loaded (or the list ends). */
  private async fetch(g: number, after: string | null, want: number, firstLimit: number): Promise<Omit<PagerState<T>, 'loading' | 'loaded' | 'error'> | null> {
    const items: T[] = [];
    let cursor = after;
    let total = this.state.total;
    let limit = firstLimit;
    for (;;) {
      const page = await this.fetchPage(cursor, limit);
      if (g !== this.gen) return null;
      total = page.total;
      items.push(...page.items);
      cursor = page.next;
      if (!cursor || items.length >= want) break;
      limit = PAGE;
    }
    return { items, next: cursor, total };
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
      this.set({ items: [...cur.items, ...r.items], next: r.next, total: r.total, loading: false, error: null });
    }, false);
  }

  dispose(): void {
    this.gen += 1;
  }
}
