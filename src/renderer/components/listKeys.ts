/**
 * Keyboard moves for the virtualised lists (incoming documents, mail): ↑/↓,
 * PageUp/PageDown (a viewport of rows), Home/End, Enter opens the selected row.
 */
import type { Virtualizer } from '@tanstack/react-virtual';

export interface ListKeys {
  count: number;
  selected: number;
  rowHeight: number;
  scrollEl: HTMLElement | null;
  virtualizer: Pick<Virtualizer<HTMLDivElement, Element>, 'scrollToIndex'>;
  setSelected(index: number): void;
  open(index: number): void;
}

export function listKeyDown(e: React.KeyboardEvent<HTMLElement>, o: ListKeys): void {
  const moveTo = (index: number): void => {
    if (o.count === 0) return;
    const i = Math.max(0, Math.min(o.count - 1, index));
    o.setSelected(i);
    o.virtualizer.scrollToIndex(i, { align: 'auto' });
  };
  const pageRows = Math.max(1, Math.floor((o.scrollEl?.clientHeight ?? o.rowHeight * 10) / o.rowHeight) - 1);
  const keys: Record<string, () => void> = {
    ArrowDown: () => moveTo(o.selected + 1),
    ArrowUp: () => moveTo(o.selected - 1),
    PageDown: () => moveTo(o.selected + pageRows),
    PageUp: () => moveTo(o.selected - pageRows),
    Home: () => moveTo(0),
    End: () => moveTo(o.count - 1),
    Enter: () => o.open(o.selected),
  };
  const fn = keys[e.key];
  if (fn) {
    e.preventDefault();
    fn();
  }
}
