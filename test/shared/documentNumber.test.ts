/**
 * Number and symbol ("số, ký hiệu") of Decree 30/2020 (DOMAIN.md §2–3):
 * `{number}/{symbol}`, numbers below 10 with a leading zero, symbol
 * `{type}-{agency}` or, for a công văn, `{agency}-{unit}`; legal normative
 * documents `{number}/{year}/{type}-{agency}`.
 */
import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_TYPES,
  buildCodeNotation,
  documentTypeByAbbreviation,
  documentTypeByName,
  formatCodeNumber,
  formatNumberSymbol,
  normaliseCodeNotation,
  parseNumberSymbol,
  splitTypedNumber,
  canonicalDocumentType,
} from '../../src/shared/domain/documentNumber.js';

describe('document types (Decree 30, Appendix III)', () => {
  it('know every abbreviation the decree lists, and that công văn and thư công have none', () => {
    const table = Object.fromEntries(DOCUMENT_TYPES.map((t) => [t.name, t.abbreviation]));
    expect(table).toEqual({
      'Nghị quyết': 'NQ',
      'Quyết định': 'QĐ',
      'Chỉ thị': 'CT',
      'Quy chế': 'QC',
      'Quy định': 'QyĐ',
      'Thông cáo': 'TC',
      'Thông báo': 'TB',
      'Hướng dẫn': 'HD',
      'Chương trình': 'CTr',
      'Kế hoạch': 'KH',
      'Phương án': 'PA',
      'Đề án': 'ĐA',
      'Dự án': 'DA',
      'Báo cáo': 'BC',
      'Biên bản': 'BB',
      'Tờ trình': 'TTr',
      'Hợp đồng': 'HĐ',
      'Công điện': 'CĐ',
      'Bản ghi nhớ': 'BGN',
      'Bản thỏa thuận': 'BTT',
      'Giấy ủy quyền': 'GUQ',
      'Giấy mời': 'GM',
      'Giấy giới thiệu': 'GGT',
      'Giấy nghỉ phép': 'GNP',
      'Phiếu gửi': 'PG',
      'Phiếu chuyển': 'PC',
      'Phiếu báo': 'PB',
      'Công văn': null,
      'Thư công': null,
      'Hiến pháp': null,
      'Bộ luật': null,
      'Luật': null,
      'Pháp lệnh': null,
      'Lệnh': 'L',
      'Nghị định': 'NĐ',
      'Nghị quyết liên tịch': 'NQLT',
      'Thông tư': 'TT',
      'Thông tư liên tịch': 'TTLT',
    });
  });

  it('include the legal normative types an agency receives (Luật, Nghị định, Thông tư, Nghị quyết…)', () => {
    for (const name of ['Luật', 'Nghị định', 'Thông tư', 'Nghị quyết', 'Hiến pháp', 'Bộ luật', 'Pháp lệnh', 'Lệnh', 'Quyết định', 'Thông tư liên tịch'])
      expect(documentTypeByName(name)?.name, name).toBe(name);
    expect(parseNumberSymbol('30/2020/NĐ-CP')?.typeAbbreviation).toBe('NĐ');
    expect(parseNumberSymbol('01/2011/TT-BNV')?.typeAbbreviation).toBe('TT');
  });

  it('are the same type whatever the tone placement, and Ð typed for Đ', () => {
    expect(documentTypeByName('Giấy uỷ quyền')?.name).toBe('Giấy ủy quyền');
    expect(documentTypeByName('GIẤY UỶ QUYỀN')?.name).toBe('Giấy ủy quyền');
    expect(documentTypeByName('Bản thoả thuận')?.name).toBe('Bản thỏa thuận');
    expect(documentTypeByName('Nghị \u00D0ịnh')?.name).toBe('Nghị định');
    expect(canonicalDocumentType(' Giấy uỷ  quyền ')).toBe('Giấy ủy quyền');
    expect(canonicalDocumentType('Văn bản khác')).toBe('Văn bản khác');
  });

  it('are found by name whatever the case or Unicode form the user typed', () => {
    expect(documentTypeByName('Quyết định')?.abbreviation).toBe('QĐ');
    expect(documentTypeByName('  QUYẾT ĐỊNH ')?.abbreviation).toBe('QĐ');
    expect(documentTypeByName('Quye\u0302\u0301t \u0111i\u0323nh')?.abbreviation).toBe('QĐ');
    expect(documentTypeByName('công văn')).toEqual({ name: 'Công văn', abbreviation: null });
    expect(documentTypeByName('')).toBeUndefined();
  });

  it('are found by abbreviation exactly as the decree writes it (HD and HĐ are different types)', () => {
    expect(documentTypeByAbbreviation('HD')?.name).toBe('Hướng dẫn');
    expect(documentTypeByAbbreviation('HĐ')?.name).toBe('Hợp đồng');
    expect(documentTypeByAbbreviation('DA')?.name).toBe('Dự án');
    expect(documentTypeByAbbreviation('ĐA')?.name).toBe('Đề án');
    expect(documentTypeByAbbreviation('QyĐ')?.name).toBe('Quy định');
    expect(documentTypeByAbbreviation('CTr')?.name).toBe('Chương trình');
    expect(documentTypeByAbbreviation('CT')?.name).toBe('Chỉ thị');
    expect(documentTypeByAbbreviation('UBND')).toBeUndefined();
  });
});

describe('symbols keep the case the clerk typed', () => {
  it('splits "12/TTr-UBND" typed into the number field without upper-casing the symbol', () => {
    expect(splitTypedNumber('12/TTr-UBND')).toEqual({ codeNumber: '12', codeNotation: 'TTr-UBND' });
    expect(splitTypedNumber(' 15 / QĐ-TTg ')).toEqual({ codeNumber: '15', codeNotation: 'QĐ-TTg' });
    expect(splitTypedNumber('15')).toBeNull();
  });

  it('tidies a symbol (hyphen look-alikes, spaces around separators) but never changes its case', () => {
    expect(normaliseCodeNotation('QĐ-TTg')).toBe('QĐ-TTg');
    expect(normaliseCodeNotation(' QĐ – TTg ')).toBe('QĐ-TTg');
    expect(normaliseCodeNotation('QyĐ—UBND')).toBe('QyĐ-UBND');
    expect(normaliseCodeNotation('2020 / NĐ\u2212CP')).toBe('2020/NĐ-CP');
    expect(parseNumberSymbol('Số: 15/QĐ–UBND')?.codeNotation).toBe('QĐ-UBND');
  });
});

describe('formatting the number', () => {
  it('gives numbers below 10 a leading zero and leaves others as they are', () => {
    expect(formatCodeNumber(1)).toBe('01');
    expect(formatCodeNumber(5)).toBe('05');
    expect(formatCodeNumber(9)).toBe('09');
    expect(formatCodeNumber(10)).toBe('10');
    expect(formatCodeNumber(123)).toBe('123');
    expect(formatCodeNumber(10_000)).toBe('10000');
  });

  it('refuses numbers that cannot exist: numbering starts at 01 and is whole', () => {
    for (const n of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => formatCodeNumber(n)).toThrow(RangeError);
  });
});

describe('building the symbol', () => {
  it('writes {type}-{agency} for documents with a type abbreviation', () => {
    expect(buildCodeNotation({ typeAbbreviation: 'QĐ', agency: 'BNV' })).toBe('QĐ-BNV');
    expect(buildCodeNotation({ typeAbbreviation: 'QĐ', agency: 'UBND' })).toBe('QĐ-UBND');
    expect(buildCodeNotation({ typeAbbreviation: 'QyĐ', agency: 'UBND' })).toBe('QyĐ-UBND');
  });

  it('writes {agency}-{unit} for a công văn', () => {
    expect(buildCodeNotation({ typeAbbreviation: null, agency: 'BNV', unit: 'VP' })).toBe('BNV-VP');
    expect(buildCodeNotation({ typeAbbreviation: null, agency: 'UBND', unit: 'VX' })).toBe('UBND-VX');
  });

  it('never leaves a dangling hyphen or spaces when a part is missing or padded', () => {
    expect(buildCodeNotation({ typeAbbreviation: null, agency: 'UBND' })).toBe('UBND');
    expect(buildCodeNotation({ typeAbbreviation: null, agency: 'UBND', unit: '' })).toBe('UBND');
    expect(buildCodeNotation({ typeAbbreviation: null, agency: 'UBND', unit: '  ' })).toBe('UBND');
    expect(buildCodeNotation({ typeAbbreviation: ' TB ', agency: ' UBND ' })).toBe('TB-UBND');
  });
});

describe('formatting number and symbol together', () => {
  it('joins the number and the symbol with a slash, padding small numbers', () => {
    expect(formatNumberSymbol(5, 'QĐ-UBND')).toBe('05/QĐ-UBND');
    expect(formatNumberSymbol(15, 'QĐ-BNV')).toBe('15/QĐ-BNV');
    expect(formatNumberSymbol(123, 'QĐ-UBND')).toBe('123/QĐ-UBND');
    expect(formatNumberSymbol(12, 'UBND-VX')).toBe('12/UBND-VX');
  });

  it('keeps a number given as text as written (CodeNumber is a string field), trimmed', () => {
    expect(formatNumberSymbol('05', 'BNV-VP')).toBe('05/BNV-VP');
    expect(formatNumberSymbol(' 123 ', ' QĐ-UBND ')).toBe('123/QĐ-UBND');
  });

  it('outputs NFC even from a decomposed symbol', () => {
    const out = formatNumberSymbol(7, 'TB-SO\u031B\u0309');
    expect(out).toBe('07/TB-SỞ');
    expect(out).toBe(out.normalize('NFC'));
  });
});

describe('parsing number and symbol', () => {
  it('reads "123/QĐ-UBND": number, symbol and document type', () => {
    expect(parseNumberSymbol('123/QĐ-UBND')).toEqual({ codeNumber: '123', codeNotation: 'QĐ-UBND', year: null, typeAbbreviation: 'QĐ' });
  });

  it('reads the printed "Số:" line, with or without the colon, in any case and Unicode form', () => {
    const expected = { codeNumber: '15', codeNotation: 'QĐ-BNV', year: null, typeAbbreviation: 'QĐ' };
    expect(parseNumberSymbol('Số: 15/QĐ-BNV')).toEqual(expected);
    expect(parseNumberSymbol('Số 15/QĐ-BNV')).toEqual(expected);
    expect(parseNumberSymbol('SỐ: 15/QĐ-BNV')).toEqual(expected);
    expect(parseNumberSymbol('So\u0302\u0301: 15/QĐ-BNV')).toEqual(expected);
  });

  it('keeps the leading zero as written', () => {
    expect(parseNumberSymbol('Số: 05/BNV-VP')).toEqual({ codeNumber: '05', codeNotation: 'BNV-VP', year: null, typeAbbreviation: null });
  });

  it('tolerates spaces around the separators and at the ends', () => {
    const expected = { codeNumber: '123', codeNotation: 'QĐ-UBND', year: null, typeAbbreviation: 'QĐ' };
    expect(parseNumberSymbol('  123 / QĐ - UBND  ')).toEqual(expected);
    expect(parseNumberSymbol('Số :  123/ QĐ -UBND')).toEqual(expected);
    expect(parseNumberSymbol('123\t/\tQĐ-UBND')).toEqual(expected);
  });

  it('recognises a công văn (no type abbreviation): the symbol starts with the agency', () => {
    expect(parseNumberSymbol('12/UBND-VX')).toEqual({ codeNumber: '12', codeNotation: 'UBND-VX', year: null, typeAbbreviation: null });
  });

  it('tells look-alike types apart by their exact letters', () => {
    expect(parseNumberSymbol('15/HD-UBND')?.typeAbbreviation).toBe('HD');
    expect(parseNumberSymbol('15/HĐ-UBND')?.typeAbbreviation).toBe('HĐ');
    expect(parseNumberSymbol('15/CT-UBND')?.typeAbbreviation).toBe('CT');
    expect(parseNumberSymbol('15/CTr-UBND')?.typeAbbreviation).toBe('CTr');
    expect(parseNumberSymbol('15/QyĐ-UBND')?.typeAbbreviation).toBe('QyĐ');
    expect(parseNumberSymbol('15/TTr-SNV')?.typeAbbreviation).toBe('TTr');
  });

  it('accepts a symbol typed without Vietnamese marks, keeping it as written and not guessing the type', () => {
    // "QD" is no abbreviation: it could only be a mistyped QĐ, and "HD" is a real type of its own.
    expect(parseNumberSymbol('123/QD-UBND')).toEqual({ codeNumber: '123', codeNotation: 'QD-UBND', year: null, typeAbbreviation: null });
  });

  it('accepts a symbol typed in lower case, keeping it as written', () => {
    expect(parseNumberSymbol('123/qđ-ubnd')).toMatchObject({ codeNumber: '123', codeNotation: 'qđ-ubnd', year: null });
    expect(parseNumberSymbol('số 123/qd-ubnd')).toMatchObject({ codeNumber: '123', codeNotation: 'qd-ubnd', year: null });
  });

  it('reads legal normative documents with their year: 30/2020/NĐ-CP', () => {
    expect(parseNumberSymbol('30/2020/NĐ-CP')).toMatchObject({ codeNumber: '30', codeNotation: '2020/NĐ-CP', year: 2020 });
    expect(parseNumberSymbol('Số: 15/2020/QĐ-UBND')).toEqual({ codeNumber: '15', codeNotation: '2020/QĐ-UBND', year: 2020, typeAbbreviation: 'QĐ' });
    expect(parseNumberSymbol('15 / 2020 / QĐ - UBND')?.year).toBe(2020);
  });

  it('reads back every number/symbol it formats, for every document type', () => {
    for (const type of DOCUMENT_TYPES) {
      const notation = buildCodeNotation(type.abbreviation ? { typeAbbreviation: type.abbreviation, agency: 'UBND' } : { typeAbbreviation: null, agency: 'UBND', unit: 'VP' });
      const text = formatNumberSymbol(7, notation);
      expect(parseNumberSymbol(text), text).toEqual({ codeNumber: '07', codeNotation: notation, year: null, typeAbbreviation: type.abbreviation });
    }
  });

  it('rejects text that is not a number/symbol with null', () => {
    const invalid = [
      '',
      '   ',
      'Số:',
      'QĐ-UBND', // no number
      '/QĐ-UBND',
      '123', // no symbol
      '123/',
      'Số: 123',
      'abc/QĐ-UBND', // the number must be digits
      '12a/QĐ-UBND',
      '-5/QĐ-UBND',
      '123/QĐ-', // dangling separators
      '123/-UBND',
      '123//QĐ-UBND',
      '123/QĐ--UBND',
      '123/QĐ UBND', // a space is no separator
      '123/QĐ_UBND',
      '123/QĐ-UBND!',
      '123/QĐ-UBND.',
      '123456789012/QĐ-UBND', // CodeNumber is at most 11 characters
      '123/QĐ-ABCDEFGHIJKLMNOPQRSTUVWXYZ1234', // CodeNotation is at most 30 characters
    ];
    for (const raw of invalid) expect(parseNumberSymbol(raw), JSON.stringify(raw)).toBeNull();
  });

  it('rejects number zero: numbering starts at 01 each year', () => {
    expect(parseNumberSymbol('0/QĐ-UBND')).toBeNull();
    expect(parseNumberSymbol('00/QĐ-UBND')).toBeNull();
    expect(parseNumberSymbol('Số: 000/UBND-VP')).toBeNull();
  });

  it('accepts the longest allowed parts', () => {
    expect(parseNumberSymbol('12345678901/QĐ-UBND')?.codeNumber).toBe('12345678901');
    const notation = `QĐ-${'A'.repeat(27)}`; // 30 characters
    expect(parseNumberSymbol(`1/${notation}`)?.codeNotation).toBe(notation);
    expect(parseNumberSymbol(`1/${notation}A`)).toBeNull();
  });
});
