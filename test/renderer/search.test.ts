/** The pure side of searching: the query sent, result counts, accent-insensitive highlighting. */
import { describe, expect, it } from 'vitest';
import { cleanQuery, countText, highlightParts, QUERY_MAX } from '../../src/renderer/components/searchText.js';

const marked = (text: string, query: string): string[] => highlightParts(text, query).filter((p) => p.hit).map((p) => p.text);

describe('search query', () => {
  it('collapses spaces, trims, and stays within the contract', () => {
    expect(cleanQuery('  cong   van\t\nden ')).toBe('cong van den');
    expect(cleanQuery('   ')).toBe('');
    expect(cleanQuery('a '.repeat(300)).length).toBeLessThanOrEqual(QUERY_MAX);
  });
  it('counts with a "+" when the limit was reached', () => {
    expect(countText(3, 50, 'vi-VN')).toBe('3');
    expect(countText(50, 50, 'vi-VN')).toBe('50+');
    expect(countText(1200, 5000, 'vi-VN')).toBe('1.200');
  });
});

describe('highlight', () => {
  it('finds accented words from an unaccented query (đ too), keeping the original text', () => {
    expect(marked('Công văn số 12 về đất đai', 'cong van dat')).toEqual(['Công', 'văn', 'đất']);
    expect(highlightParts('Công văn số 12', 'cong').map((p) => p.text).join('')).toBe('Công văn số 12');
  });
  it('matches the start of words only, like the search index', () => {
    expect(marked('Kế hoạch kiểm tra', 'hoa')).toEqual(['hoạ']);
    expect(marked('Kế hoạch', 'oach')).toEqual([]);
    expect(marked('Quyết định', 'QUYET')).toEqual(['Quyết']);
  });
  it('a query with marks matches the same letters (the index folds both sides)', () => {
    expect(marked('Ủy ban nhân dân tỉnh', 'tỉnh')).toEqual(['tỉnh']);
  });
  it('keeps combining marks of text that is not NFC with their letter', () => {
    const decomposed = 'Công văn'.normalize('NFD');
    expect(marked(decomposed, 'van')).toEqual(['văn'.normalize('NFD')]);
  });
  it('no query or no text: nothing marked', () => {
    expect(highlightParts('Công văn', '')).toEqual([{ text: 'Công văn', hit: false }]);
    expect(highlightParts('Công văn', ' , ')).toEqual([{ text: 'Công văn', hit: false }]);
    expect(highlightParts('', 'cong')).toEqual([]);
  });
});
