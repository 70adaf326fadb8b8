/**
 * The duplicate warning (DOMAIN.md §5; Appendix VI III.1.h): the same number,
 * symbol, issuing organisation and issue date registered twice. Clerks type
 * these differently — case, spacing, marks, đ on a keyboard without Vietnamese,
 * the customary leading zero — and the key must not care.
 */
import { describe, expect, it } from 'vitest';
import { duplicateKey, duplicateKeyParts, type DuplicateFields } from '../../src/shared/domain/duplicates.js';

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
    expect(duplicateKeyParts(original)).toEqual({ number: '5', notation: 'qd-ubnd', issuer: 'uybannhandantinhkontum', issuedDate: '2026-01-05' });
    expect(duplicateKeyParts({ ...original, codeNumber: '0' }).number).toBe('0');
    expect(duplicateKeyParts({ ...original, codeNumber: '10' }).number).toBe('10');
  });

  it('differs when the issue date differs', () => {
    expect(duplicateKey({ ...original, issuedDate: '2026-01-06' })).not.toBe(duplicateKey(original));
    expect(duplicateKey({ ...original, issuedDate: '2025-01-05' })).not.toBe(duplicateKey(original));
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
