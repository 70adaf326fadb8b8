/** Small pieces the document forms share. */
import type { Dayjs } from 'dayjs';
import { vnToday } from '../../shared/text/vietnamese.js';

/** A date before today in Vietnam (deadlines cannot be in the past). */
export const isPast = (d: Dayjs): boolean => d.format('YYYY-MM-DD') < vnToday();

/**
 * Enter in a field (confirming a typed date, picking a document type) must not
 * register a half-filled document: only the "Vào sổ" button submits.
 */
export function blockEnterSubmit(e: React.KeyboardEvent): void {
  const el = e.target as HTMLElement;
  if (e.key === 'Enter' && el.tagName === 'INPUT') e.preventDefault();
}
