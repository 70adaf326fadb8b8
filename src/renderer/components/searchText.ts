/**
 * The pure side of searching (unit-tested): what is sent as a query, and which
 * parts of a text to highlight — accent-insensitive like the core's FTS
 * (`foldForSearch`: marks and đ), a typed word matching the start of a word.
 */
import { foldForSearch } from '../../shared/text/vietnamese.js';

/** The longest query the contract accepts (`incoming.search`, `mail.search`). */
export const QUERY_MAX = 200;

/** What the user typed as a query: spaces collapsed, trimmed, at most QUERY_MAX characters. */
export function cleanQuery(text: string): string {
  return text.replace(/\s+/gu, ' ').trim().slice(0, QUERY_MAX).trim();
}

/** "50+" when a search returned as many rows as it asked for (there may be more). */
export function countText(n: number, limit: number, locale: string): string {
  return `${n.toLocaleString(locale)}${n >= limit ? '+' : ''}`;
}

export interface TextPart {
  text: string;
  hit: boolean;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** `text` cut into parts, the starts of words matching a word of `query` (folded) marked as hits. */
export function highlightParts(text: string, query: string): TextPart[] {
  const terms = [...new Set(foldForSearch(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!text || terms.length === 0) return text ? [{ text, hit: false }] : [];
  // Fold character by character, remembering where each folded character came from.
  const chars = [...text];
  let folded = '';
  const origin: number[] = []; // folded index → index in `chars`
  chars.forEach((c, i) => {
    for (const f of foldForSearch(c)) {
      folded += f;
      origin.push(i);
    }
  });
  const foldedChars = [...folded];
  const hit = new Array<boolean>(chars.length).fill(false);
  for (let p = 0; p < foldedChars.length; p++) {
    if (p > 0 && WORD_CHAR.test(foldedChars[p - 1] ?? '')) continue;
    const rest = foldedChars.slice(p).join('');
    const term = terms.find((t) => rest.startsWith(t));
    if (!term) continue;
    const last = p + [...term].length - 1;
    let end = origin[last] ?? chars.length - 1;
    // Combining marks left after the last character belong to it.
    while (end + 1 < chars.length && foldForSearch(chars[end + 1] ?? '') === '') end++;
    for (let i = origin[p] ?? 0; i <= end; i++) hit[i] = true;
  }
  const parts: TextPart[] = [];
  chars.forEach((c, i) => {
    const prev = parts[parts.length - 1];
    if (prev && prev.hit === hit[i]) prev.text += c;
    else parts.push({ text: c, hit: hit[i] ?? false });
  });
  return parts;
}

const words = (s: string): string[] => foldForSearch(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * Whether `text` matches what the user typed, the way the Search page matches:
 * marks, đ and case ignored, every typed word the start of a word of the text
 * ("quyet" finds "Quyết định", "noi chinh" finds "Phòng Nội chính"). Nothing typed matches all.
 */
export function matchesQuery(text: string, query: string): boolean {
  const terms = words(query);
  if (terms.length === 0) return true;
  const have = words(text);
  return terms.every((t) => have.some((w) => w.startsWith(t)));
}
