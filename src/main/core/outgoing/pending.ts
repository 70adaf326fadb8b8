/**
 * The lists' pending side, for one request: documents with actions in the outbox are shown
 * as they will be (their overlaid state, by the rules the server runs), in the lists they will
 * be in, and drafts created offline head the first page of every list they belong to until
 * the server confirms them (as tasks/handlers.ts does for tasks).
 */
import type { OutgoingDocument, OutgoingItem } from '../../../shared/outgoing/index.js';
import type { Viewer } from '../sync/kinds.js';
import type { Overlaid } from '../sync/overlay.js';
import { compareKeys, keyOf, outgoingRowOf, rowToItem, type Keyset, type OutgoingRow } from './list.js';
import type { OutgoingStore } from './store.js';

export interface Shown {
  row: OutgoingRow;
  doc: OutgoingDocument;
  pendingCreate: boolean;
}

export class PendingView {
  private storedRows: Map<string, OutgoingRow> | null = null;
  private readonly shown = new Map<string, Shown | null>();

  constructor(
    private readonly store: OutgoingStore,
    private readonly ids: ReadonlySet<string>,
    private readonly overlaid: (id: string) => Overlaid<OutgoingDocument> | null,
    private readonly viewer: Viewer,
  ) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** The stored rows of the documents with pending actions. */
  stored(): Map<string, OutgoingRow> {
    this.storedRows ??= new Map(this.store.rowsByIds([...this.ids]).map((r) => [r.id, r]));
    return this.storedRows;
  }

  /** The overlaid row of a document (null: the outbox leaves nothing the user may see). */
  row(id: string): Shown | null {
    if (!this.shown.has(id)) {
      const ov = this.overlaid(id);
      this.shown.set(id, ov ? { row: outgoingRowOf(ov.state, this.viewer), doc: ov.state, pendingCreate: ov.pendingCreate } : null);
    }
    return this.shown.get(id) ?? null;
  }

  /** Drafts created locally and not yet confirmed, newest first. */
  creations(): Shown[] {
    const stored = this.stored();
    return [...this.ids]
      .filter((id) => !stored.has(id))
      .map((id) => this.row(id))
      .filter((s): s is Shown => s !== null && s.pendingCreate)
      .sort((a, b) => compareKeys(keyOf(a.row), keyOf(b.row)));
  }

  /**
   * A stored page with the pending side merged in: pending rows replaced by their overlaid
   * state (or dropped when `keep` refuses it), stored documents that pending actions move into
   * the list placed where their key falls, local creations on top of the first page. `delta`
   * corrects the stored total.
   */
  merge(page: { rows: readonly OutgoingRow[]; next: string | null }, after: Keyset | null, keep: (s: Shown) => boolean, storedKeep: (r: OutgoingRow) => boolean): { items: OutgoingItem[]; delta: number } {
    const placed: { key: Keyset; item: OutgoingItem }[] = [];
    for (const r of page.rows) {
      if (!this.has(r.id)) placed.push({ key: keyOf(r), item: rowToItem(r, false) });
      else {
        const s = this.row(r.id);
        if (s && keep(s)) placed.push({ key: keyOf(s.row), item: rowToItem(s.row, true) });
      }
    }
    const lastRow = page.rows[page.rows.length - 1];
    const last = page.next !== null && lastRow ? keyOf(lastRow) : null;
    const inPage = (k: Keyset): boolean => (after === null || compareKeys(k, after) > 0) && (last === null || compareKeys(k, last) <= 0);
    const onPage = new Set(page.rows.map((r) => r.id));
    let delta = 0;
    for (const stored of this.stored().values()) {
      const was = storedKeep(stored);
      const s = this.row(stored.id);
      const is = s !== null && keep(s);
      delta += (is ? 1 : 0) - (was ? 1 : 0);
      if (s && is && !onPage.has(stored.id) && inPage(keyOf(s.row))) placed.push({ key: keyOf(s.row), item: rowToItem(s.row, true) });
    }
    placed.sort((a, b) => compareKeys(a.key, b.key));
    const created = this.creations().filter(keep);
    return { items: [...(after === null ? created.map((s) => rowToItem(s.row, true)) : []), ...placed.map((x) => x.item)], delta: delta + created.length };
  }
}
