/**
 * Agency identifier codes (mã định danh), DOMAIN.md §7: the legacy QCVN 102:2016
 * form `V1V2V3.Z1Z2.Y1Y2.MX1X2` (13 characters, level 1 on the right, zeros for
 * "no unit at this level") and the newer QĐ 20/2020 form (groups left to right from
 * the level-1 code, up to 35 characters of 0-9A-Z and dots). Both are accepted, and
 * nothing else: the level-1 code is a group letter (A–I, K) and two digits.
 */
import { describe, expect, it } from 'vitest';
import { isValidAgencyCode, parseAgencyCode } from '../../src/shared/domain/agencyCode.js';

describe('legacy agency codes (QCVN 102:2016)', () => {
  it('recognise a provincial People’s Committee itself: level 1 only', () => {
    expect(parseAgencyCode('000.00.00.H41')).toEqual({ format: 'legacy', code: '000.00.00.H41', level1: 'H41', depth: 1 });
  });

  it('recognise the Government Office and other level-1 groups', () => {
    expect(parseAgencyCode('000.00.00.G22')).toEqual({ format: 'legacy', code: '000.00.00.G22', level1: 'G22', depth: 1 });
    for (const level1 of ['A01', 'B01', 'C01', 'D01', 'E01', 'F01', 'I01', 'K41', 'H01', 'H63'])
      expect(parseAgencyCode(`000.00.00.${level1}`)).toMatchObject({ format: 'legacy', level1, depth: 1 });
  });

  it('count levels from the right: level 2, then 3, then 4', () => {
    expect(parseAgencyCode('000.00.14.H20')).toEqual({ format: 'legacy', code: '000.00.14.H20', level1: 'H20', depth: 2 });
    expect(parseAgencyCode('000.05.14.H20')).toEqual({ format: 'legacy', code: '000.05.14.H20', level1: 'H20', depth: 3 });
    expect(parseAgencyCode('123.05.14.H20')).toEqual({ format: 'legacy', code: '123.05.14.H20', level1: 'H20', depth: 4 });
  });

  it('are read in upper case, without surrounding spaces', () => {
    expect(parseAgencyCode('  000.00.14.h20 ')).toEqual({ format: 'legacy', code: '000.00.14.H20', level1: 'H20', depth: 2 });
  });

  it('are refused when a lower level is set without the level above it', () => {
    expect(parseAgencyCode('000.05.00.H20')).toBeNull(); // level 3 under no level 2
    expect(parseAgencyCode('123.00.00.H20')).toBeNull(); // level 4 under nothing
    expect(parseAgencyCode('123.00.14.H20')).toBeNull(); // level 4 under no level 3
    expect(parseAgencyCode('123.05.00.H20')).toBeNull(); // level 4 under no level 2
    expect(isValidAgencyCode('000.05.00.H20')).toBe(false);
  });
});

describe('newer agency codes (QĐ 20/2020)', () => {
  it('accept the level-1 code followed by dot-separated groups of digits and capital letters, left to right', () => {
    for (const code of ['H41', 'H41.22', 'G22.01.A3', 'K41.01.02.03', 'A01.1'])
      expect(parseAgencyCode(code)).toEqual({ format: 'modern', code });
  });

  it('keep well-formed codes that are not in any directory', () => {
    expect(parseAgencyCode('H99.77')).toEqual({ format: 'modern', code: 'H99.77' });
    expect(parseAgencyCode('000.00.00.H99')).toMatchObject({ format: 'legacy', level1: 'H99' });
  });

  it('accept up to 35 characters and no more', () => {
    const longest = `H41.${'1'.repeat(31)}`;
    expect(longest).toHaveLength(35);
    expect(parseAgencyCode(longest)).toEqual({ format: 'modern', code: longest });
    expect(parseAgencyCode(`${longest}2`)).toBeNull();
  });

  it('are read in upper case', () => {
    expect(parseAgencyCode('h41.22')).toEqual({ format: 'modern', code: 'H41.22' });
  });
});

describe('invalid agency codes', () => {
  it('are refused: empty, empty groups, spaces inside, other characters, Vietnamese letters', () => {
    const invalid = ['', '   ', '.', 'H41.', '.H41', 'H41..22', 'H41 22', 'H41-22', 'H41_22', 'H41/22', 'ĐH41', 'H41.Đ2', '000,00,00,H41', 'H41\n22'];
    for (const code of invalid) {
      expect(parseAgencyCode(code), JSON.stringify(code)).toBeNull();
      expect(isValidAgencyCode(code), JSON.stringify(code)).toBe(false);
    }
  });

  it('are refused when they only look like codes: an abbreviation, a bare number, an unknown group letter', () => {
    const invalid = ['UBND', '1', '000.00.00.Z34', '000.00.00.J01', 'J01', 'Z34.01', 'H4', 'H411', '41H', '01.02.03.04.05', 'ABC123', '000.00.00.H4', '0000.00.00.H41', '000.00.00'];
    for (const code of invalid) expect(parseAgencyCode(code), code).toBeNull();
  });

  it('agree with isValidAgencyCode on valid codes of both formats', () => {
    for (const code of ['000.00.00.H41', '000.00.14.H20', '123.05.14.H20', 'H41.22', 'G22']) expect(isValidAgencyCode(code), code).toBe(true);
  });
});
