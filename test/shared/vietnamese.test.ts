/**
 * Vietnamese text rules (DOMAIN.md §10): NFC at boundaries, accent-insensitive
 * search folding, Vietnamese collation, and dates in Vietnam time (UTC+7, dd/MM/yyyy).
 */
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  compareVi,
  comparePersonNames,
  foldForSearch,
  formatDateTimeVi,
  formatDateVi,
  givenName,
  isValidIsoDate,
  nfc,
  normalizeVietnamese,
  nfcDeep,
  parseDateVi,
  placeDateLine,
  vnDateParts,
  vnDayWindow,
  vnToday,
} from '../../src/shared/text/vietnamese.js';

/** "Quyết định" as macOS file names carry it: every mark a separate combining character. */
const QUYET_DINH_NFD = 'Quye\u0302\u0301t \u0111i\u0323nh';
/** The same words as Windows-1258 writes them: ê precomposed, the tone as a combining mark. */
const QUYET_DINH_1258 = 'Quy\u00ea\u0301t \u0111i\u0323nh';
const QUYET_DINH_NFC = 'Quy\u1ebft \u0111\u1ecbnh';
const NGUYEN_NFD = 'Nguye\u0302\u0303n';

describe('NFC at every boundary', () => {
  it('turns decomposed text from macOS or Windows-1258 sources into the precomposed form users type', () => {
    expect(nfc(QUYET_DINH_NFD)).toBe(QUYET_DINH_NFC);
    expect(nfc(QUYET_DINH_1258)).toBe(QUYET_DINH_NFC);
    expect(nfc(QUYET_DINH_NFD)).toHaveLength(10);
    expect(nfc(NGUYEN_NFD)).toBe('Nguy\u1ec5n');
    // Already-NFC text and plain ASCII are left alone.
    expect(nfc(QUYET_DINH_NFC)).toBe(QUYET_DINH_NFC);
    expect(nfc('15/QĐ-UBND')).toBe('15/QĐ-UBND');
  });

  it('lets missing values through unchanged', () => {
    expect(nfc(null)).toBeNull();
    expect(nfc(undefined)).toBeUndefined();
    expect(nfc('')).toBe('');
  });

  it('cleans typed text: NFC, runs of spaces, tabs and new lines collapsed, ends trimmed', () => {
    expect(cleanText(`  ${QUYET_DINH_NFD}   số\t15 \n `)).toBe('Quyết định số 15');
    expect(cleanText('   ')).toBe('');
  });

  it('normalises every string inside an imported record, however deeply nested, and nothing else', () => {
    const input = {
      subject: QUYET_DINH_NFD,
      pageCount: 3,
      urgent: false,
      dueDate: null,
      signer: { fullName: `${NGUYEN_NFD} Văn An`, position: 'Chu\u0309 ti\u0323ch' },
      places: ['Kon Tum', 'Đa\u0306\u0301k La\u0306\u0301k', [QUYET_DINH_1258]],
    };
    const out = nfcDeep(input);
    expect(out).toEqual({
      subject: 'Quyết định',
      pageCount: 3,
      urgent: false,
      dueDate: null,
      signer: { fullName: 'Nguyễn Văn An', position: 'Chủ tịch' },
      places: ['Kon Tum', 'Đắk Lắk', ['Quyết định']],
    });
    expect(JSON.stringify(out)).toBe(JSON.stringify(out).normalize('NFC'));
  });
});

describe('accent-insensitive search folding', () => {
  it('lets "quyet dinh" find "Quyết định" and "dong" find "Đồng"', () => {
    expect(foldForSearch('Quyết định số 15')).toBe('quyet dinh so 15');
    expect(foldForSearch('Đồng')).toBe('dong');
    expect(foldForSearch('đồng')).toBe('dong');
  });

  it('folds đ and Đ to d, which Unicode does not decompose', () => {
    expect(foldForSearch('Đ')).toBe('d');
    expect(foldForSearch('đ')).toBe('d');
    expect(foldForSearch('Đắk Lắk')).toBe('dak lak');
  });

  it('removes letters with two marks as well as one (ế, ờ, ễ, ặ, ậ, ở)', () => {
    expect(foldForSearch('ế ờ ễ ặ ậ ở ự ữ')).toBe('e o e a a o u u');
    expect(foldForSearch('Thượng khẩn')).toBe('thuong khan');
    expect(foldForSearch('Hỏa tốc')).toBe('hoa toc');
  });

  it('ignores case, including upper-case Vietnamese letters', () => {
    expect(foldForSearch('ĐẶNG THỊ NGỌC ÁNH')).toBe('dang thi ngoc anh');
    expect(foldForSearch('ƯU TIÊN')).toBe('uu tien');
    expect(foldForSearch('QUYẾT ĐỊNH')).toBe(foldForSearch('quyết định'));
  });

  it('gives the same result for decomposed, Windows-1258 and precomposed input', () => {
    expect(foldForSearch(QUYET_DINH_NFD)).toBe('quyet dinh');
    expect(foldForSearch(QUYET_DINH_1258)).toBe('quyet dinh');
    expect(foldForSearch(QUYET_DINH_NFC)).toBe('quyet dinh');
  });

  it('keeps digits and the punctuation of a number/symbol', () => {
    expect(foldForSearch('Số: 15/QĐ-UBND')).toBe('so: 15/qd-ubnd');
  });
});

describe('one spelling for matching', () => {
  it('places tones the old way on oa, oe and uy ending a syllable, so both spellings match', () => {
    expect(normalizeVietnamese('Giấy uỷ quyền')).toBe(normalizeVietnamese('Giấy ủy quyền'));
    expect(normalizeVietnamese('Giấy uỷ quyền')).toBe('Giấy ủy quyền');
    expect(normalizeVietnamese('hoà giải')).toBe('hòa giải');
    expect(normalizeVietnamese('khoẻ')).toBe('khỏe');
    expect(normalizeVietnamese('THUỶ LỢI')).toBe('THỦY LỢI');
    expect(normalizeVietnamese('Giấy uỷ quyền'.normalize('NFD'))).toBe('Giấy ủy quyền');
  });

  it('leaves syllables alone where both styles agree, and qu + y', () => {
    for (const s of ['Hoàng', 'toán', 'quyết', 'quý', 'Quỳnh', 'khuỷu', 'thuở']) expect(normalizeVietnamese(s), s).toBe(s);
  });

  it('reads Ð (Icelandic Eth, U+00D0) as Đ, and search folds it like Đ', () => {
    expect(normalizeVietnamese('\u00D0à Nẵng')).toBe('Đà Nẵng');
    expect(foldForSearch('\u00D0à Nẵng')).toBe('da nang');
    expect(foldForSearch('QUYẾT \u00D0ỊNH')).toBe(foldForSearch('Quyết định'));
  });
});

describe('Vietnamese sorting', () => {
  const sorted = (xs: string[]): string[] => [...xs].sort(compareVi);

  it('puts Ă and Â after A, Đ after D, Ê after E, Ô and Ơ after O, Ư after U', () => {
    expect(sorted(['Ư', 'Ơ', 'Đ', 'Â', 'U', 'Ô', 'Ê', 'D', 'Ă', 'O', 'E', 'A'])).toEqual(['A', 'Ă', 'Â', 'D', 'Đ', 'E', 'Ê', 'O', 'Ô', 'Ơ', 'U', 'Ư']);
    expect(sorted(['đ', 'd', 'ă', 'a', 'â'])).toEqual(['a', 'ă', 'â', 'd', 'đ']);
  });

  it('treats Đ as a letter of its own after D, not as an accented D', () => {
    // Every word starting with D comes before any word starting with Đ.
    expect(sorted(['Đà Lạt', 'Dương', 'Đa', 'Dz', 'Duy'])).toEqual(['Duy', 'Dương', 'Dz', 'Đa', 'Đà Lạt']);
    expect(compareVi('Dz', 'Đa')).toBeLessThan(0);
  });

  it('treats tones as secondary: they only break ties between the same letters', () => {
    // A tone never lifts a word past a different base letter.
    expect(compareVi('Ả', 'Ă')).toBeLessThan(0);
    expect(compareVi('Ạ', 'B')).toBeLessThan(0);
    expect(compareVi('Bà', 'Bác')).toBeLessThan(0);
    expect(compareVi('Bạn', 'Ban')).toBeGreaterThan(0);
    // Unmarked first, then huyền, hỏi, ngã, sắc, nặng (dictionary order, CLDR "vi").
    expect(sorted(['ạ', 'á', 'ã', 'ả', 'à', 'a'])).toEqual(['a', 'à', 'ả', 'ã', 'á', 'ạ']);
    expect(sorted(['mạ', 'má', 'mã', 'mả', 'mà', 'ma'])).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ']);
  });

  it('is stable for equal strings and compares decomposed text like its NFC form', () => {
    expect(compareVi('Quyết định', 'Quyết định')).toBe(0);
    expect(compareVi(QUYET_DINH_NFD, QUYET_DINH_NFC)).toBe(0);
  });

  it('orders numbers inside names by value (Phòng 2 before Phòng 10)', () => {
    expect(sorted(['Phòng 10', 'Phòng 2', 'Phòng 1'])).toEqual(['Phòng 1', 'Phòng 2', 'Phòng 10']);
  });

  it('sorts units in a realistic list the way a Vietnamese reader expects', () => {
    expect(sorted(['Văn phòng', 'Sở Y tế', 'Ban Dân tộc', 'Sở Xây dựng', 'Đài Phát thanh', 'Sở Tư pháp', 'Ủy ban', 'Uỷ thác', 'Sở Công Thương'])).toEqual([
      'Ban Dân tộc',
      'Đài Phát thanh',
      'Sở Công Thương',
      'Sở Tư pháp',
      'Sở Xây dựng',
      'Sở Y tế',
      'Ủy ban',
      'Uỷ thác',
      'Văn phòng',
    ]);
  });
});

describe('person names', () => {
  it('takes the last word as the given name, ignoring extra spaces', () => {
    expect(givenName('Nguyễn Văn An')).toBe('An');
    expect(givenName('  Trần   Thị  Bích  ')).toBe('Bích');
    expect(givenName('Hùng')).toBe('Hùng');
    expect(givenName(`${NGUYEN_NFD} Đức`)).toBe('Đức');
  });

  it('sorts people by given name first, then by full name', () => {
    const people = ['Trần Thị Bình', 'Nguyễn Văn An', 'Lê Văn Đức', 'Phạm Văn Dũng', 'Hoàng Anh', 'Trần Thị An', 'Đỗ Văn An'];
    expect([...people].sort(comparePersonNames)).toEqual([
      'Đỗ Văn An', // An: Đỗ < Nguyễn < Trần (Đ after D, before N)
      'Nguyễn Văn An',
      'Trần Thị An',
      'Hoàng Anh',
      'Trần Thị Bình',
      'Phạm Văn Dũng', // Dũng before Đức: D before Đ
      'Lê Văn Đức',
    ]);
  });

  it('ranks a given name by its base letters before its tones', () => {
    expect(['Lê Thị Ánh', 'Võ Văn Ân', 'Lý Thị Anh'].sort(comparePersonNames)).toEqual(['Lý Thị Anh', 'Lê Thị Ánh', 'Võ Văn Ân']);
  });
});

describe('dates in Vietnam time (UTC+7)', () => {
  it('takes a calendar date as written, without shifting it', () => {
    expect(vnDateParts('2026-11-25')).toEqual({ year: 2026, month: 11, day: 25 });
    expect(vnDateParts('2026-01-01')).toEqual({ year: 2026, month: 1, day: 1 });
  });

  it('reads an instant in Vietnam: 23:30 UTC is already the next day', () => {
    expect(vnDateParts('2026-11-25T23:30:00Z')).toEqual({ year: 2026, month: 11, day: 26 });
    expect(vnDateParts('2026-11-25T16:59:59.999Z')).toEqual({ year: 2026, month: 11, day: 25 });
    expect(vnDateParts('2026-11-25T17:00:00.000Z')).toEqual({ year: 2026, month: 11, day: 26 });
    expect(vnDateParts(new Date('2026-12-31T17:00:00Z'))).toEqual({ year: 2027, month: 1, day: 1 });
    expect(vnDateParts('2026-11-25T06:30:00+07:00')).toEqual({ year: 2026, month: 11, day: 25 });
  });

  it('says what day it is in Vietnam, whatever the machine’s time zone', () => {
    expect(vnToday(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26');
    expect(vnToday(new Date('2026-11-25T16:59:59.999Z'))).toBe('2026-11-25');
    expect(vnToday(new Date('2026-12-31T16:59:59.999Z'))).toBe('2026-12-31');
    expect(vnToday(new Date('2026-12-31T17:00:00.000Z'))).toBe('2027-01-01');
    expect(vnToday(new Date('2028-02-28T18:00:00Z'))).toBe('2028-02-29');
    expect(vnToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
  });

  it('shows dates as dd/MM/yyyy with leading zeros', () => {
    expect(formatDateVi('2026-01-05')).toBe('05/01/2026');
    expect(formatDateVi('2026-11-25')).toBe('25/11/2026');
    expect(formatDateVi('2026-11-25T23:30:00Z')).toBe('26/11/2026');
    expect(formatDateVi(new Date('2026-12-31T17:00:00Z'))).toBe('01/01/2027');
  });

  it('shows nothing for a missing date', () => {
    expect(formatDateVi(null)).toBe('');
    expect(formatDateVi(undefined)).toBe('');
    expect(formatDateVi('')).toBe('');
  });

  it('shows date and time as dd/MM/yyyy HH:mm in Vietnam time, 24-hour clock', () => {
    expect(formatDateTimeVi('2026-01-04T23:30:00Z')).toBe('05/01/2026 06:30');
    expect(formatDateTimeVi('2026-11-25T07:05:00Z')).toBe('25/11/2026 14:05');
    expect(formatDateTimeVi(new Date('2026-11-25T16:59:00Z'))).toBe('25/11/2026 23:59');
    expect(formatDateTimeVi('2026-11-25T17:00:00Z')).toBe('26/11/2026 00:00');
  });

  it('writes the place-and-date line of an official document', () => {
    expect(placeDateLine('Kon Tum', '2026-01-05')).toBe('Kon Tum, ngày 05 tháng 01 năm 2026');
    expect(placeDateLine('Hà Nội', '2026-01-04T17:30:00Z')).toBe('Hà Nội, ngày 05 tháng 01 năm 2026');
  });

  it('pads days below 10 and only the months January and February (Decree 30, Appendix I)', () => {
    expect(placeDateLine('Hà Nội', '2020-03-05')).toBe('Hà Nội, ngày 05 tháng 3 năm 2020');
    expect(placeDateLine('Hà Nội', '2020-02-15')).toBe('Hà Nội, ngày 15 tháng 02 năm 2020');
    expect(placeDateLine('Kon Tum', '2026-11-25')).toBe('Kon Tum, ngày 25 tháng 11 năm 2026');
    expect(placeDateLine('Kon Tum', '2026-09-09')).toBe('Kon Tum, ngày 09 tháng 9 năm 2026');
    expect(placeDateLine('Kon Tum', '2026-10-01')).toBe('Kon Tum, ngày 01 tháng 10 năm 2026');
  });

  it('reads dates typed as dd/MM/yyyy, with or without leading zeros, and refuses impossible ones', () => {
    expect(parseDateVi('05/01/2026')).toBe('2026-01-05');
    expect(parseDateVi(' 5/1/2026 ')).toBe('2026-01-05');
    expect(parseDateVi('29/02/2028')).toBe('2028-02-29');
    expect(parseDateVi('29/02/2026')).toBeNull();
    expect(parseDateVi('31/04/2026')).toBeNull();
    expect(parseDateVi('00/01/2026')).toBeNull();
    expect(parseDateVi('05/13/2026')).toBeNull();
    expect(parseDateVi('2026-01-05')).toBeNull();
    expect(parseDateVi('05-01-2026')).toBeNull();
    expect(parseDateVi('')).toBeNull();
  });

  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    expect(isValidIsoDate('2026-11-25')).toBe(true);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('2100-02-29')).toBe(false);
    expect(isValidIsoDate('2026-02-30')).toBe(false);
    expect(isValidIsoDate('2026-06-31')).toBe(false);
    expect(isValidIsoDate('2026-12-31')).toBe(true);
    expect(isValidIsoDate('2026-13-01')).toBe(false);
    expect(isValidIsoDate('2026-1-5')).toBe(false);
    expect(isValidIsoDate('2026-11-25T00:00:00Z')).toBe(false);
  });
});

describe('Vietnam calendar-day windows (arrival-date filters)', () => {
  it('starts a day at 00:00 in Vietnam, which is 17:00 UTC the day before', () => {
    expect(vnDayWindow('2026-11-25', null)).toEqual({ start: '2026-11-24T17:00:00.000Z', end: null });
  });

  it('ends after the last day: 00:00 of the following day in Vietnam, exclusive', () => {
    expect(vnDayWindow(null, '2026-11-25')).toEqual({ start: null, end: '2026-11-25T17:00:00.000Z' });
    expect(vnDayWindow('2026-11-25', '2026-11-25')).toEqual({ start: '2026-11-24T17:00:00.000Z', end: '2026-11-25T17:00:00.000Z' });
  });

  it('crosses month and year ends and leap days', () => {
    expect(vnDayWindow('2027-01-01', '2027-01-31')).toEqual({ start: '2026-12-31T17:00:00.000Z', end: '2027-01-31T17:00:00.000Z' });
    expect(vnDayWindow('2026-12-01', '2026-12-31')).toEqual({ start: '2026-11-30T17:00:00.000Z', end: '2026-12-31T17:00:00.000Z' });
    expect(vnDayWindow('2028-02-29', '2028-02-29')).toEqual({ start: '2028-02-28T17:00:00.000Z', end: '2028-02-29T17:00:00.000Z' });
  });

  it('is open on a side that is not given', () => {
    expect(vnDayWindow(null, null)).toEqual({ start: null, end: null });
  });

  it('holds exactly the instants whose Vietnam date lies in the range, compared as stored ISO strings', () => {
    const { start, end } = vnDayWindow('2026-11-25', '2026-11-26');
    const inside = (iso: string): boolean => iso >= (start as string) && iso < (end as string);
    const instants = [
      '2026-11-24T16:59:59.999Z', // 23:59:59 on the 24th in Vietnam
      '2026-11-24T17:00:00.000Z', // 00:00 on the 25th
      '2026-11-25T23:30:00.000Z', // 06:30 on the 26th
      '2026-11-26T16:59:59.999Z', // 23:59:59 on the 26th
      '2026-11-26T17:00:00.000Z', // 00:00 on the 27th
    ];
    expect(instants.map(inside)).toEqual([false, true, true, true, false]);
    for (const iso of instants) expect(inside(iso)).toBe(vnToday(new Date(iso)) >= '2026-11-25' && vnToday(new Date(iso)) <= '2026-11-26');
  });
});
