/**
 * Vietnamese text rules shared by every layer (DOMAIN.md §10).
 *
 * - Every string that crosses a boundary is normalised to NFC: macOS file names,
 *   some keyboards and Windows-1258 sources produce decomposed text that would
 *   otherwise compare unequal and break search.
 * - Search folding removes all marks and maps đ/Đ to d, which Unicode does not
 *   decompose, so FTS5's remove_diacritics cannot do it for us.
 * - Sorting follows Vietnamese collation (a < ă < â, d < đ, …), tones secondary.
 */

/** NFC-normalise a string; `null`/`undefined` pass through. */
export function nfc<T extends string | null | undefined>(value: T): T {
  return (typeof value === 'string' ? value.normalize('NFC') : value) as T;
}

/** NFC-normalise and collapse runs of whitespace, trimming the ends. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Recursively NFC-normalise every string in a JSON-like value. */
export function nfcDeep<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v) => nfcDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = nfcDeep(v);
    return out as T;
  }
  return value;
}

const COMBINING_MARKS = /[\u0300-\u036f]/gu;

/**
 * Fold text for accent-insensitive search: lower case, no marks, đ→d.
 * "Quyết định số 15" → "quyet dinh so 15"; "Đồng" → "dong".
 */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    // Ð (U+00D0, Icelandic Eth) and ð look like Đ/đ and arrive from some fonts and keyboards.
    .replace(/[đĐÐð]/gu, 'd')
    .toLowerCase()
    .normalize('NFC');
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
const collatorAccent = new Intl.Collator('vi', { sensitivity: 'variant', numeric: true });

/** Vietnamese comparison: base letters first (a < ă < â), tones as a tie-breaker. */
export function compareVi(a: string, b: string): number {
  return collator.compare(a, b) || collatorAccent.compare(a, b);
}

/** Split a full name into family, middle and given names ("Nguyễn Văn An" → given "An"). */
export function givenName(fullName: string): string {
  const parts = cleanText(fullName).split(' ');
  return parts[parts.length - 1] ?? '';
}

/** Person lists are customarily sorted by given name first, then by the full name. */
export function comparePersonNames(a: string, b: string): number {
  return compareVi(givenName(a), givenName(b)) || compareVi(a, b);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Accepts 'YYYY-MM-DD' or an ISO timestamp; returns the calendar parts in Vietnam time. */
export function vnDateParts(value: string | Date): { year: number; month: number; day: number } {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return { year: y, month: m, day: d };
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  const shifted = new Date(date.getTime() + VN_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Vietnam is UTC+7 all year (no daylight saving). */
export const VN_OFFSET_MS = 7 * 3600 * 1000;

/** Today's date in Vietnam as 'YYYY-MM-DD'. */
export function vnToday(now: Date = new Date()): string {
  const p = vnDateParts(now);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/**
 * The instants bounding Vietnam calendar days `from`..`to` (inclusive, 'YYYY-MM-DD',
 * either open): `start` is 00:00 of `from` in Vietnam, `end` is 00:00 of the day
 * after `to` (exclusive), both as ISO UTC strings comparable with stored instants.
 */
export function vnDayWindow(from: string | null, to: string | null): { start: string | null; end: string | null } {
  const midnight = (day: string, plusDays: number): string => new Date(Date.parse(`${day}T00:00:00.000Z`) + plusDays * 86_400_000 - VN_OFFSET_MS).toISOString();
  return { start: from ? midnight(from, 0) : null, end: to ? midnight(to, 1) : null };
}

/** dd/MM/yyyy, the only date format users read. */
export function formatDateVi(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const p = vnDateParts(value);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** dd/MM/yyyy HH:mm in Vietnam time. */
export function formatDateTimeVi(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  const shifted = new Date(date.getTime() + VN_OFFSET_MS);
  return `${formatDateVi(date)} ${pad2(shifted.getUTCHours())}:${pad2(shifted.getUTCMinutes())}`;
}

/** Parse dd/MM/yyyy (as typed by users) into 'YYYY-MM-DD', or null when invalid. */
export function parseDateVi(value: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/u.exec(value);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const iso = `${y}-${pad2(mo)}-${pad2(d)}`;
  return isValidIsoDate(iso) ? iso : null;
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isValidIsoDate(value: string): boolean {
  // Plain arithmetic, no Date: this runs for every date of every synced document.
  if (value.length !== 10 || !/^\d{4}-\d{2}-\d{2}$/u.test(value)) return false;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/**
 * A month number as written in "ngày … tháng … năm …" (Decree 30, Appendix I):
 * only January and February take a leading zero ("tháng 01", "tháng 02", "tháng 3",
 * "tháng 12"), so that "tháng 1" cannot be turned into "tháng 11" by hand.
 */
export function monthInDateLine(month: number): string {
  return month <= 2 ? pad2(month) : String(month);
}

/** A day number as written in "ngày … tháng …": days below 10 take a leading zero. */
export function dayInDateLine(day: number): string {
  return pad2(day);
}

/** "ngày 05 tháng 3 năm 2020" for a date (Vietnam calendar day of an instant). */
export function dateInWords(date: string | Date): string {
  const p = vnDateParts(date);
  return `ngày ${dayInDateLine(p.day)} tháng ${monthInDateLine(p.month)} năm ${p.year}`;
}

/** The place-and-date line of an official document: "Kon Tum, ngày 05 tháng 01 năm 2026", "Hà Nội, ngày 15 tháng 3 năm 2026". */
export function placeDateLine(place: string, date: string | Date): string {
  return `${place}, ${dateInWords(date)}`;
}

/** The tone marks of Vietnamese, in NFD. */
const TONE = '[\\u0300\\u0301\\u0303\\u0309\\u0323]';
/**
 * oa, oe and uy ending a syllable carry their tone on the second vowel in the
 * "new style" (hoà, uỷ) and on the first in the "old style" (hòa, ủy), which
 * Decree 30's own texts use. "qu" is a consonant: quý, quỳ are not touched.
 */
const NEW_STYLE_TONE = new RegExp(`(?<![qQ])([oO](?=[aAeE])|[uU](?=[yY]))([aAeEyY])(${TONE})(?![\\p{L}\\p{M}])`, 'gu');

/**
 * One spelling for matching (not for display): NFC, the old-style tone placement
 * ("Giấy uỷ quyền" = "Giấy ủy quyền", "hoà" = "hòa"), and Ð/ð (Icelandic Eth, a
 * look-alike some fonts and keyboards produce) as Đ/đ.
 */
export function normalizeVietnamese(value: string): string {
  return value
    .normalize('NFD')
    .replace(NEW_STYLE_TONE, '$1$3$2')
    .normalize('NFC')
    .replace(/Ð/gu, 'Đ')
    .replace(/ð/gu, 'đ');
}
