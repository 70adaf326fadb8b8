/**
 * Where the number, the issue date, the signature and the seal go on a Decree 30 document,
 * read from its text: the blank after "Số:", the blanks of the date line, the space above the
 * signer's name, the seal over the signature's left third.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { dateParts, findPlacement, issueStamps, SEAL_DIAMETER } from '../../src/node/pdfsign/index.js';
import { makeTestPdf } from '../helpers/testPdfs.js';

/** The baseline and extent of a line of text, as pdf.js reads it. */
async function textAt(pdf: Uint8Array, pageNumber: number, str: string): Promise<{ x: number; y: number; width: number }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const content = await (await doc.getPage(pageNumber)).getTextContent();
    const item = content.items.find((i) => 'str' in i && i.str === str) as { transform: number[]; width: number } | undefined;
    if (!item) throw new Error(`no text ${str}`);
    return { x: item.transform[4]!, y: item.transform[5]!, width: item.width };
  } finally {
    await doc.destroy();
  }
}

describe('findPlacement', () => {
  it('finds the number\'s blank, the date\'s blanks and the block above the signer\'s name', async () => {
    const pdf = await makeTestPdf({ pages: 3, xref: 'table' });
    const p = await findPlacement(pdf, { signerName: 'Trần Minh Quang' });
    expect(p.pageCount).toBe(3);
    expect(p.pages[2]).toEqual({ width: 595.28, height: 841.89 });

    const number = p.numberSlot!;
    const so = await textAt(pdf, 1, 'Số:');
    const symbol = await textAt(pdf, 1, '/UBND-VP');
    expect(number).toMatchObject({ page: 0, size: 13, suffix: '/UBND-VP' });
    expect(number.y).toBeCloseTo(so.y, 1);
    expect(number.blank.x).toBeCloseTo(so.x + so.width, 0);
    expect(number.blank.x + number.blank.width).toBeCloseTo(symbol.x, 0);

    const date = p.dateSlot!;
    const ngay = await textAt(pdf, 1, 'Kon Tum, ngày');
    const thang = await textAt(pdf, 1, 'tháng');
    expect(date).toMatchObject({ page: 0, size: 13, year: null, printedYear: 2026 });
    expect(date.x).toBeCloseTo(ngay.x, 0);
    expect(date.day.x).toBeCloseTo(ngay.x + ngay.width, 0);
    expect(date.day.x + date.day.width).toBeCloseTo(thang.x, 0);
    expect(date.month.x).toBeCloseTo(thang.x + thang.width, 0);

    // The signature sits between "CHỦ TỊCH" and the name, centred over the name, on the last page.
    const name = await textAt(pdf, 3, 'Trần Minh Quang');
    const title = await textAt(pdf, 3, 'CHỦ TỊCH');
    const { page, rect } = p.signerRect;
    expect(page).toBe(2);
    expect(rect.y).toBeGreaterThan(name.y + 10);
    expect(rect.y + rect.height).toBeLessThan(title.y);
    expect(rect.height).toBeGreaterThan(50);
    expect(rect.x + rect.width / 2).toBeCloseTo(name.x + name.width / 2, 0);

    // The seal, real size, its right edge on the first third of the signature block, centred on it vertically.
    const seal = p.sealRect;
    expect(seal.page).toBe(2);
    expect(seal.rect.width).toBeCloseTo(SEAL_DIAMETER, 5);
    expect(seal.rect.x + seal.rect.width).toBeCloseTo(rect.x + rect.width / 3, 5);
    expect(seal.rect.y + seal.rect.height / 2).toBeCloseTo(rect.y + rect.height / 2, 5);
  });

  it('leaves a filled number and date alone and falls back to the lower right without the name', async () => {
    const pdf = await makeTestPdf({ numberLine: 'Số: 15/UBND-VP', dateLine: 'Kon Tum, ngày 05 tháng 02 năm 2026', signerName: 'Người Khác' });
    const p = await findPlacement(pdf, { signerName: 'Trần Minh Quang' });
    expect(p.numberSlot).toBeNull();
    expect(p.dateSlot).toBeNull();
    const last = await textAt(pdf, 1, '- Lưu: VT, VP.');
    expect(p.signerRect.rect.x).toBeGreaterThan(595.28 / 2);
    expect(p.signerRect.rect.y + p.signerRect.rect.height).toBeLessThan(last.y);
  });

  it('finds a number line without a symbol and a date whose year is blank', async () => {
    const pdf = await makeTestPdf({ numberLine: 'Số:', dateLine: 'Kon Tum, ngày      tháng      năm      ' });
    const p = await findPlacement(pdf);
    expect(p.numberSlot?.suffix).toBeNull();
    expect(p.dateSlot?.year).not.toBeNull();
    const stamps = issueStamps(p, { number: '08', symbol: 'UBND-VP', date: new Date('2026-12-09T01:00:00Z') });
    expect(stamps.map((s) => [s.text, s.style ?? 'regular'])).toEqual([
      ['08/UBND-VP', 'regular'],
      ['09', 'italic'],
      ['12', 'italic'],
      ['2026', 'italic'],
    ]);
  });
});

it('writes the date as Decree 30 does: a leading zero for days below 10 and for January and February', () => {
  expect(dateParts(new Date('2026-02-03T10:00:00+07:00'))).toEqual({ day: '03', month: '02', year: '2026' });
  expect(dateParts(new Date('2026-11-25T10:00:00+07:00'))).toEqual({ day: '25', month: '11', year: '2026' });
  // Vietnam time: 31/12 at 20:00 UTC is already 1 January in Kon Tum.
  expect(dateParts(new Date('2026-12-31T20:00:00Z'))).toEqual({ day: '01', month: '01', year: '2027' });
});
