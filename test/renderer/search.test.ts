/** The pure side of searching: the query sent, result counts, accent-insensitive highlighting. */
import { describe, expect, it } from 'vitest';
import { filterOption, filterTreeNode } from '../../src/renderer/components/pickerFilter.js';
import { cleanQuery, countText, highlightParts, matchesQuery, QUERY_MAX } from '../../src/renderer/components/searchText.js';
import { DOCUMENT_TYPES } from '../../src/renderer/features/incoming/constants.js';

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

describe('pickers match like the Search page (issue #7: "quyet", "Dung" found nothing)', () => {
  const types = (typed: string): string[] => DOCUMENT_TYPES.filter((d) => filterOption(typed, { value: d }));
  it('the document-type autocomplete finds types typed without marks, in any case', () => {
    expect(types('quyet')).toContain('Quyết định');
    expect(types('QUYET DINH')).toContain('Quyết định');
    expect(types('ke hoach')).toEqual(['Kế hoạch']);
    expect(types('to trinh')).toEqual(['Tờ trình']);
    // Typed with marks it matches too: both sides are folded, as the search index does.
    expect(types('Kế')).toContain('Kế hoạch');
  });
  it('matches word starts, every typed word (the index does the same)', () => {
    expect(matchesQuery('Quyết định', 'dinh')).toBe(true);
    expect(matchesQuery('Quyết định', 'uyet')).toBe(false);
    expect(matchesQuery('Phòng Nội chính', 'noi chinh')).toBe(true);
    expect(matchesQuery('Phòng Nội chính', 'noi kinh')).toBe(false);
    expect(matchesQuery('Công văn', '')).toBe(true);
  });
  it('the assignee tree finds people and units typed without marks (đ as d)', () => {
    const nodes = [{ title: 'Nguyễn Văn Dũng — Chuyên viên' }, { title: 'Lê Minh Đăng — Trưởng phòng' }, { title: 'Phòng Nội chính' }];
    const found = (typed: string): unknown[] => nodes.filter((n) => filterTreeNode(typed, n)).map((n) => n.title);
    expect(found('Dung')).toEqual(['Nguyễn Văn Dũng — Chuyên viên']);
    expect(found('dang')).toEqual(['Lê Minh Đăng — Trưởng phòng']);
    expect(found('truong phong')).toEqual(['Lê Minh Đăng — Trưởng phòng']);
    expect(found('noi')).toEqual(['Phòng Nội chính']);
  });
  it('a select option matches on its label or its value (the demo accounts)', () => {
    expect(filterOption('van thu', { value: 'ha.nguyenthi', label: 'ha.nguyenthi — Văn thư' })).toBe(true);
    expect(filterOption('ha.ng', { value: 'ha.nguyenthi', label: 'ha.nguyenthi — Văn thư' })).toBe(true);
    expect(filterOption('chu tich', { value: 'ha.nguyenthi', label: 'ha.nguyenthi — Văn thư' })).toBe(false);
    expect(filterOption('x', undefined)).toBe(false);
  });
});
