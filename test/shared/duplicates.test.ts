/**
 * The duplicate warning (DOMAIN.md §5; Appendix VI III.1.h): the same number,
 * symbol and issuing organisation, issued in the same year, registered twice. Clerks type
 * these differently — case, spacing, marks, đ on a keyboard without Vietnamese,
 * the customary leading zero — and the key must not care.
 */
import { describe, expect, it } from 'vitest';
import { duplicateKey, duplicateKeyParts, isDuplicate, type DuplicateFields } from '../../src/shared/incoming/duplicates.js';

const original: DuplicateFields = { codeNumber: '05', codeNotation: 'QĐ-UBND', issuer: 'Ủy ban nhân dân tỉnh Kon Tum', issuedDate: '2026-01-05' };

describe('duplicate key', () => {
  it('is the same for the same document typed without marks, in other case or spacing', () => {
    const variants: DuplicateFields[] = [
      { ...original },
      { codeNumber: '5', codeNotation: 'QD-UBND', issuer: 'Uy ban nhan dan tinh Kon Tum', issuedDate: '2026-01-05' },
      { codeNumber: ' 05 ', codeNotation: 'qđ - ubnd', issuer: 'ỦY BAN NHÂN DÂN TỈNH KON TUM', issuedDate: '2026-01-05' },
      { codeNumber: '005', codeNotation: 'Qđ-Ubnd ', issuer: '  Ủy  ban nhân dân\ttỉnh KonTum', issuedDate: ' 2026-01-05 ' },
      // Decomposed (macOS) and Windows-1258 forms of the issuer.
      { codeNumber: '05', codeNotation: 'QĐ-UBND', issuer: 'U\u0309y ban nha\u0302n da\u0302n ti\u0309nh Kon Tum'.normalize('NFD'), issuedDate: '2026-01-05' },
    ];
    const key = duplicateKey(original);
    for (const v of variants) expect(duplicateKey(v), JSON.stringify(v)).toBe(key);
  });

  it('folds each part: marks and case removed, đ as d, spaces dropped, leading zeros dropped', () => {
    expect(duplicateKeyParts(original)).toEqual({ number: '5', notation: 'qd-ubnd', issuer: 'uybannhandantinhkontum', issuedYear: '2026' });
    expect(duplicateKeyParts({ ...original, codeNumber: '0' }).number).toBe('0');
    expect(duplicateKeyParts({ ...original, codeNumber: '10' }).number).toBe('10');
  });

  it('compares the issue year, not the day: a mistyped date does not hide a duplicate', () => {
    expect(duplicateKey({ ...original, issuedDate: '2026-01-06' })).toBe(duplicateKey(original));
    expect(duplicateKey({ ...original, issuedDate: '2026-10-05' })).toBe(duplicateKey(original));
    expect(duplicateKey({ ...original, issuedDate: '2025-01-05' })).not.toBe(duplicateKey(original));
    expect(isDuplicate(original, { ...original, issuedDate: '2026-06-01' })).toBe(true);
    expect(isDuplicate(original, { ...original, issuedDate: '2025-12-31' })).toBe(false);
    // Before the clerk has typed the date, any year matches.
    expect(isDuplicate(original, { ...original, issuedDate: '' })).toBe(true);
  });

  it('treats hyphen look-alikes (en dash, em dash, minus) in the symbol as "-"', () => {
    for (const codeNotation of ['QĐ–UBND', 'QĐ—UBND', 'QĐ\u2212UBND', 'QĐ\u2011UBND', 'QĐ \u2013 UBND', 'QĐ－UBND'])
      expect(duplicateKey({ ...original, codeNotation }), codeNotation).toBe(duplicateKey(original));
  });

  it('reads Ð (U+00D0) in a symbol or issuer like Đ', () => {
    expect(duplicateKey({ ...original, codeNotation: 'Q\u00D0-UBND' })).toBe(duplicateKey(original));
  });

  it('differs when the number differs, including numbers that only share digits', () => {
    for (const codeNumber of ['50', '15', '6', '500', '51']) expect(duplicateKey({ ...original, codeNumber }), codeNumber).not.toBe(duplicateKey(original));
    expect(duplicateKey({ ...original, codeNumber: '10' })).not.toBe(duplicateKey({ ...original, codeNumber: '1' }));
  });

  it('differs when the symbol or the issuer differs', () => {
    expect(duplicateKey({ ...original, codeNotation: 'QĐ-HĐND' })).not.toBe(duplicateKey(original));
    expect(duplicateKey({ ...original, codeNotation: 'TB-UBND' })).not.toBe(duplicateKey(original));
    expect(duplicateKey({ ...original, issuer: 'Ủy ban nhân dân tỉnh Gia Lai' })).not.toBe(duplicateKey(original));
  });

  it('cannot be faked by moving text between fields', () => {
    const a: DuplicateFields = { codeNumber: '1', codeNotation: 'QĐ-UBND', issuer: 'Sở Nội vụ', issuedDate: '2026-01-05' };
    const b: DuplicateFields = { codeNumber: '1', codeNotation: 'QĐ-UBNDSở', issuer: 'Nội vụ', issuedDate: '2026-01-05' };
    expect(duplicateKey(a)).not.toBe(duplicateKey(b));
  });
});
