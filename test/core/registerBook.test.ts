/**
 * The document registers of Decree 30 Appendix IV (src/main/core/outgoing/registerBook.ts), read
 * back as a clerk would: the PDF's text page by page with pdf.js (the heading, the ten columns,
 * the rows in the register's order, the header again atop every page of a long period), its page
 * size with pdf-lib; the workbook with exceljs (a sheet per register, the header bold and frozen,
 * days as real dates shown dd/mm/yyyy). Which documents a period holds (Vietnam days, inclusive),
 * which book they belong in (the agency's incoming register, each outgoing series), and the notes
 * a clerk reads (urgency, secrecy, electronic, revoked, replaced).
 */
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { registerBook, type RegisterBookInput } from '../../src/main/core/outgoing/registerBook.js';
import type { IncomingEntry } from '../../src/main/core/outgoing/registerRows.js';
import { XLSX_HEADER_ROW } from '../../src/main/core/outgoing/registerXlsx.js';
import { AppError } from '../../src/shared/i18n/errors.js';
import type { OutgoingDocument } from '../../src/shared/outgoing/model.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { incomingDoc, outgoingDoc, REGISTER_COMMON, REGISTER_DECISIONS, REGISTER_ORG, REGISTER_SECRET, vnAt } from '../helpers/registerFixtures.js';

const NOW = new Date('2026-04-02T09:30:00.000Z'); // 16:30 in Vietnam
const INCOMING_HEADERS = ['Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Ngày tháng văn bản', 'Tên loại và trích yếu nội dung', 'Đơn vị hoặc người nhận', 'Ngày chuyển', 'Ký nhận', 'Ghi chú'];
const OUTGOING_HEADERS = ['Số, ký hiệu văn bản', 'Ngày tháng văn bản', 'Tên loại và trích yếu nội dung', 'Người ký', 'Nơi nhận văn bản', 'Đơn vị, người nhận bản lưu', 'Số lượng bản', 'Ngày chuyển', 'Ký nhận', 'Ghi chú'];

const collapse = (s: string): string => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

/** The text of every page: items in drawing order, separated by spaces. */
async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(collapse(content.items.map((it) => ('str' in it ? it.str : '')).join(' ')));
  }
  await pdf.destroy();
  return pages;
}

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

/** The table's rows under the header, as the cells' values. */
function tableRows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  for (let r = XLSX_HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push(Array.from({ length: 10 }, (_, c) => row.getCell(c + 1).value ?? null));
  }
  return out;
}

/** Positions of `needles` in `text`, each searched after the previous one: -1 as soon as one is missing or out of order. */
function inOrder(text: string, needles: string[]): boolean {
  let at = 0;
  for (const n of needles) {
    const i = text.indexOf(n, at);
    if (i < 0) return false;
    at = i + n.length;
  }
  return true;
}

function book(over: Partial<RegisterBookInput>): Promise<{ name: string; bytes: Uint8Array }> {
  return registerBook({ book: 'incoming', from: '2026-01-01', to: '2026-03-31', registerId: null, format: 'pdf', org: REGISTER_ORG, incoming: [], outgoing: [], now: NOW, ...over });
}

// ---------------------------------------------------------------------------------------------
// The incoming register of the first quarter of 2026

function incomingQuarter(): IncomingEntry[] {
  return [
    // Out of order on purpose: the register follows the arrival numbers.
    incomingDoc({ arrivalNumber: 3, arrivedOn: '2026-02-10', issuer: 'Bộ Nội vụ', codeNumber: '120', codeNotation: 'BNV-CCVC', issuedDate: '2026-02-05', documentType: 'Công văn', subject: 'V/v tuyển dụng công chức năm 2026', main: { userId: U['cv.kinhte1'].id, at: vnAt('2026-02-11', '08:15') }, urgency: 'urgent' }),
    incomingDoc({ arrivalNumber: 1, arrivedOn: '2026-01-05', codeNumber: '07', codeNotation: 'STC-NS', issuedDate: '2026-01-02', subject: 'V/v giao dự toán ngân sách', main: { unitId: UNITS.economy.id, at: vnAt('2026-01-06', '10:00') } }),
    incomingDoc({ arrivalNumber: 2, arrivedOn: '2026-01-20', issuer: 'Công an tỉnh Kon Tum', codeNumber: '15', codeNotation: 'CAT-PV01', documentType: 'Kế hoạch', subject: 'Bảo vệ an ninh dịp Tết Nguyên đán', confidentiality: 'confidential', electronic: false }),
    // 23:59 on 31/03 in Vietnam is still in the quarter; 00:30 on 01/04 is not.
    incomingDoc({ arrivalNumber: 4, arrivedOn: vnAt('2026-03-31', '23:59'), codeNumber: '31', codeNotation: 'SNV-TCBC', subject: 'V/v sắp xếp tổ chức bộ máy', revocation: { reason: 'Ban hành nhầm đối tượng', at: vnAt('2026-04-01') } }),
    incomingDoc({ arrivalNumber: 5, arrivedOn: vnAt('2026-04-01', '00:30'), codeNumber: '40', subject: 'Văn bản của quý sau' }),
    // Last year's register.
    incomingDoc({ arrivalNumber: 250, arrivedOn: vnAt('2025-12-31', '16:00'), codeNumber: '99', subject: 'Văn bản của năm trước' }),
    // A unit's copy of an internal dispatch: in the unit's own book, not the agency's.
    incomingDoc({ arrivalNumber: 1, arrivedOn: '2026-02-01', receivingUnitId: UNITS.internal.id, codeNumber: '08', codeNotation: 'UBND-KT', issuer: 'Ủy ban nhân dân tỉnh Kon Tum', subject: 'V/v phối hợp kiểm tra (bản của Phòng Nội chính)' }),
  ];
}

describe('sổ đăng ký văn bản đến', () => {
  it('prints the period on A4 landscape: the heading, the ten columns of Appendix IV and the rows in arrival order', async () => {
    const docs = incomingQuarter();
    const { name, bytes } = await book({ incoming: docs });
    expect(name).toBe('so-dang-ky-van-ban-den_2026-01-01_2026-03-31.pdf');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
    expect(doc.getTitle()).toBe('Sổ đăng ký văn bản đến — Ủy ban nhân dân tỉnh Kon Tum');

    const [page] = await pdfPages(bytes);
    expect(inOrder(page!, ['ỦY BAN NHÂN DÂN TỈNH KON TUM', 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN', 'Năm 2026', 'Từ ngày 01/01/2026 đến ngày 31/03/2026 · Từ số 1 đến số 4'])).toBe(true);
    expect(inOrder(page!, [...INCOMING_HEADERS, ...Array.from({ length: 10 }, (_, i) => `(${i + 1})`)])).toBe(true);
    // Each row in arrival order: arrival date, number, issuer, number/symbol, date, type and subject, handler, forwarded, notes.
    expect(inOrder(page!, ['05/01/2026 1 Sở Tài chính tỉnh Kon Tum 07/STC-NS 02/01/2026 Công văn V/v giao dự toán ngân sách Phòng Kinh tế 06/01/2026 Văn bản điện tử'])).toBe(true);
    expect(inOrder(page!, ['20/01/2026 2 Công an tỉnh Kon Tum 15/CAT-PV01', 'Kế hoạch Bảo vệ an ninh dịp Tết Nguyên đán', 'Mật'])).toBe(true);
    expect(inOrder(page!, ['10/02/2026 3 Bộ Nội vụ 120/BNV-CCVC 05/02/2026 Công văn', 'Phạm Thu Hằng 11/02/2026 Khẩn; Văn bản điện tử'])).toBe(true);
    expect(inOrder(page!, ['31/03/2026 4', '31/SNV-TCBC', 'Đã thu hồi ngày 01/04/2026: Ban hành nhầm đối tượng'])).toBe(true);
    expect(inOrder(page!, ['07/STC-NS', '15/CAT-PV01', '120/BNV-CCVC', '31/SNV-TCBC'])).toBe(true);
    // A paper document is not marked electronic; the period and the book are honoured.
    expect(page).not.toMatch(/Tết Nguyên đán Mật; Văn bản điện tử/u);
    for (const outside of ['40/STC-NS', '99/STC-NS', '08/UBND-KT', 'Văn bản của quý sau', 'Văn bản của năm trước', 'Phòng Nội chính)']) expect(page).not.toContain(outside);
    expect(page).toContain('In lúc 16:30 ngày 02/04/2026');
    expect(page).toContain('Trang 1/1');
  });

  it("prints a unit's own register when asked: its copies of internal dispatches, under the unit's name", async () => {
    const docs = incomingQuarter();
    const { name, bytes } = await book({ incoming: docs, receivingUnitId: UNITS.internal.id });
    expect(name).toBe('so-dang-ky-van-ban-den_phong-noi-chinh_2026-01-01_2026-03-31.pdf');
    const [page] = await pdfPages(bytes);
    expect(inOrder(page!, ['SỔ ĐĂNG KÝ VĂN BẢN ĐẾN', 'Phòng Nội chính', 'Năm 2026'])).toBe(true);
    expect(page).toContain('08/UBND-KT');
    expect(page).not.toContain('07/STC-NS');
  });

  it('runs a long period over pages, the running title and the header repeated atop each, every row once and in order', async () => {
    const docs: IncomingEntry[] = [];
    for (let n = 1; n <= 120; n++) {
      const day = `2026-${String(1 + Math.floor((n - 1) / 40)).padStart(2, '0')}-${String(1 + ((n - 1) % 28)).padStart(2, '0')}`;
      docs.push(incomingDoc({ arrivalNumber: n, arrivedOn: vnAt(day, `${String(7 + (n % 10)).padStart(2, '0')}:00`), codeNumber: String(1000 + n), codeNotation: 'STC-NS', subject: `V/v nội dung thứ ${n} ${'của một trích yếu khá dài để xuống dòng trong ô '.repeat(n % 3)}`, main: { unitId: UNITS.economy.id, at: vnAt(day, '17:00') } }));
    }
    // The order a clerk's cache hands them over is not the register's.
    docs.reverse();
    const { bytes } = await book({ incoming: docs });
    const pages = await pdfPages(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(inOrder(page, INCOMING_HEADERS), `header on page ${i + 1}`).toBe(true);
      expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
      if (i > 0) expect(page).toContain('Ủy ban nhân dân tỉnh Kon Tum · Sổ đăng ký văn bản đến · Từ ngày 01/01/2026 đến ngày 31/03/2026 (tiếp theo)');
      else expect(page).not.toContain('(tiếp theo)');
    });
    expect(pages[1]).not.toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    // Every number/symbol once, in arrival order, across the pages.
    const all = pages.join(' ');
    const seen = [...all.matchAll(/(\d{4})\/STC-NS/gu)].map((m) => Number(m[1]) - 1000);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });

  it('writes the workbook: one sheet, the heading, the header row bold and frozen, days as real dates shown dd/mm/yyyy', async () => {
    const docs = incomingQuarter();
    const { name, bytes } = await book({ incoming: docs, format: 'xlsx' });
    expect(name).toBe('so-dang-ky-van-ban-den_2026-01-01_2026-03-31.xlsx');
    const wb = await workbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sổ văn bản đến']);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('ỦY BAN NHÂN DÂN TỈNH KON TUM');
    expect(ws.getCell('A2').value).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(ws.getCell('A4').value).toBe('Năm 2026 · Từ ngày 01/01/2026 đến ngày 31/03/2026 · Từ số 1 đến số 4');
    const header = ws.getRow(XLSX_HEADER_ROW);
    expect(Array.from({ length: 10 }, (_, i) => header.getCell(i + 1).value)).toEqual(INCOMING_HEADERS);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: XLSX_HEADER_ROW });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });

    const rows = tableRows(ws);
    expect(rows.map((r) => r[1])).toEqual([1, 2, 3, 4]);
    expect(rows[0]).toEqual([
      new Date('2026-01-05T00:00:00.000Z'),
      1,
      'Sở Tài chính tỉnh Kon Tum',
      '07/STC-NS',
      new Date('2026-01-02T00:00:00.000Z'),
      'Công văn\nV/v giao dự toán ngân sách',
      'Phòng Kinh tế',
      new Date('2026-01-06T00:00:00.000Z'),
      null,
      'Văn bản điện tử',
    ]);
    expect(rows[2]![6]).toBe('Phạm Thu Hằng');
    expect(rows[2]![9]).toBe('Khẩn; Văn bản điện tử');
    // Not yet assigned: nobody received it, nothing forwarded.
    expect(rows[1]!.slice(6, 10)).toEqual([null, null, null, 'Mật']);
    // The 23:59 arrival on 31/03 (Vietnam) is dated 31/03, whatever the UTC day.
    expect(rows[3]![0]).toEqual(new Date('2026-03-31T00:00:00.000Z'));
    const dateCell = ws.getRow(XLSX_HEADER_ROW + 1).getCell(1);
    expect(dateCell.value).toBeInstanceOf(Date);
    expect(dateCell.numFmt).toBe('dd/mm/yyyy');
    expect(ws.getRow(XLSX_HEADER_ROW + 1).getCell(6).alignment?.wrapText).toBe(true);
  });

  it('says so when nothing arrived in the period', async () => {
    const { bytes } = await book({ from: '2026-06-01', to: '2026-06-30', incoming: incomingQuarter() });
    const [page] = await pdfPages(bytes);
    expect(page).toContain('Từ ngày 01/06/2026 đến ngày 30/06/2026');
    expect(page).toContain('Không có văn bản nào trong kỳ.');
    expect(page).not.toContain('Từ số');
  });

  it('writes decomposed (NFD) text as NFC', async () => {
    const doc = incomingDoc({ arrivalNumber: 1, arrivedOn: '2026-01-05', codeNumber: '01', subject: 'V/v kiểm tra' });
    const nfd = { ...doc, issuer: 'Sở Xây dựng tỉnh Kon Tum'.normalize('NFD'), subject: 'V/v quy hoạch đô thị'.normalize('NFD') };
    const [page] = await pdfPages((await book({ incoming: [nfd] })).bytes);
    expect(page).toContain('Sở Xây dựng tỉnh Kon Tum');
    expect(page).toContain('V/v quy hoạch đô thị');
    const rows = tableRows((await workbook((await book({ incoming: [nfd], format: 'xlsx' })).bytes)).worksheets[0]!);
    expect(rows[0]![2]).toBe('Sở Xây dựng tỉnh Kon Tum'.normalize('NFC'));
    expect(rows[0]![2]).not.toBe(nfd.issuer);
  });
});

// ---------------------------------------------------------------------------------------------
// The outgoing registers of the first quarter of 2026

function outgoingQuarter(): OutgoingDocument[] {
  const replacedId = '0d500000-0000-4000-8000-000000000001';
  const replacingId = '0d500000-0000-4000-8000-000000000002';
  return [
    outgoingDoc({ registerId: REGISTER_COMMON, n: 2, issuedAt: vnAt('2026-01-15', '10:00'), subject: 'V/v báo cáo tình hình đầu tư công', recipients: [{ kind: 'unit', name: 'Phòng Nội chính', unitId: UNITS.internal.id }, { kind: 'mail', name: 'Sở Tài chính', email: 'stc@kontum.gov.vn' }, { kind: 'paper', name: 'Bộ Kế hoạch và Đầu tư' }, { kind: 'archive', name: 'Lưu: VT, KT' }], copies: 4 }),
    outgoingDoc({ registerId: REGISTER_COMMON, n: 1, issuedAt: vnAt('2026-01-05', '15:00'), subject: 'V/v chuẩn bị Tết Nguyên đán', urgency: 'very_urgent', signerId: U['tp.kinhte'].id }),
    outgoingDoc({ id: replacedId, registerId: REGISTER_DECISIONS, n: 1, issuedAt: vnAt('2026-02-02'), documentType: 'Quyết định', codeNotation: 'QĐ-UBND', subject: 'Về việc phê duyệt kế hoạch năm 2026', supersededBy: [{ kind: 'replaces', documentId: replacingId }] }),
    outgoingDoc({ id: replacingId, registerId: REGISTER_DECISIONS, n: 2, issuedAt: vnAt('2026-02-20'), documentType: 'Quyết định', codeNotation: 'QĐ-UBND', subject: 'Về việc phê duyệt kế hoạch năm 2026 (thay thế)', relation: { kind: 'replaces', documentId: replacedId } }),
    outgoingDoc({ registerId: REGISTER_COMMON, n: 3, issuedAt: vnAt('2026-03-10'), subject: 'V/v tổ chức hội nghị', revocation: { at: vnAt('2026-03-12'), reason: 'Sai thành phần mời' } }),
    // Numbered, not yet sealed: it holds its number, so it is in the register.
    outgoingDoc({ registerId: REGISTER_COMMON, n: 4, issuedAt: vnAt('2026-03-31', '23:30'), status: 'numbered', subject: 'V/v kế hoạch quý II' }),
    outgoingDoc({ registerId: REGISTER_SECRET, n: 1, issuedAt: vnAt('2026-03-02'), confidentiality: 'secret', codeNotation: 'UBND-NC', subject: 'V/v công tác bảo vệ bí mật nhà nước' }),
    // Outside the quarter (Vietnam days), and documents that never took a number.
    outgoingDoc({ registerId: REGISTER_COMMON, n: 5, issuedAt: vnAt('2026-04-01', '00:10'), subject: 'V/v của quý sau' }),
    outgoingDoc({ registerId: REGISTER_COMMON, n: 120, year: 2025, issuedAt: vnAt('2025-12-31', '16:00'), subject: 'V/v của năm trước' }),
    outgoingDoc({ registerId: REGISTER_COMMON, n: 99, issuedAt: vnAt('2026-02-01'), status: 'to_issue', subject: 'V/v chờ cấp số' }),
    outgoingDoc({ registerId: REGISTER_COMMON, n: 98, issuedAt: vnAt('2026-02-01'), status: 'drafting', subject: 'V/v đang soạn' }),
  ];
}

describe('sổ đăng ký văn bản đi', () => {
  it('prints every register as its own book, in the configured order, each in the order of its series', async () => {
    const { name, bytes } = await book({ book: 'outgoing', outgoing: outgoingQuarter() });
    expect(name).toBe('so-dang-ky-van-ban-di_2026-01-01_2026-03-31.pdf');
    const pages = await pdfPages(bytes);
    expect(pages).toHaveLength(3);
    const [common, decisions, secret] = pages as [string, string, string];
    for (const p of pages) expect(inOrder(p, ['ỦY BAN NHÂN DÂN TỈNH KON TUM', 'SỔ ĐĂNG KÝ VĂN BẢN ĐI', ...OUTGOING_HEADERS, '(10)'])).toBe(true);

    expect(inOrder(common, ['Sổ văn bản đi chung', 'Năm 2026', 'Từ ngày 01/01/2026 đến ngày 31/03/2026 · Từ số 01 đến số 04'])).toBe(true);
    expect(inOrder(common, ['01/UBND-KT', '02/UBND-KT', '03/UBND-KT', '04/UBND-KT'])).toBe(true);
    // Number, date, type and subject, signer, recipients, file copy, copies, forwarded, notes.
    expect(common).toContain('01/UBND-KT 05/01/2026 Công văn V/v chuẩn bị Tết Nguyên đán Lê Minh Đăng');
    expect(common).toMatch(/Thượng khẩn/u);
    expect(inOrder(common, ['02/UBND-KT 15/01/2026 Công văn', 'Trần Văn Đức', 'Phòng Nội chính; Sở Tài chính; Bộ Kế hoạch và Đầu tư', 'VT, KT', '4', '15/01/2026'])).toBe(true);
    expect(common).toContain('Đã thu hồi ngày 12/03/2026: Sai thành phần mời');
    expect(inOrder(common, ['04/UBND-KT 31/03/2026', 'Chưa phát hành'])).toBe(true);
    for (const outside of ['05/UBND-KT', '120/UBND-KT', '99/UBND-KT', '98/UBND-KT', 'V/v chờ cấp số', 'V/v đang soạn', 'V/v của quý sau']) expect(common).not.toContain(outside);

    expect(inOrder(decisions, ['Sổ Quyết định', '01/QĐ-UBND', 'Được thay thế bởi văn bản số 02/QĐ-UBND', '02/QĐ-UBND', 'Thay thế văn bản số 01/QĐ-UBND'])).toBe(true);
    expect(inOrder(secret, ['Sổ văn bản mật', '01/UBND-NC', 'Tối mật'])).toBe(true);
    expect(common).not.toContain('UBND-NC');
  });

  it('prints one register when one is chosen; a register with nothing in the period says so', async () => {
    const one = await book({ book: 'outgoing', registerId: REGISTER_DECISIONS, outgoing: outgoingQuarter() });
    expect(one.name).toBe('so-dang-ky-van-ban-di_so-quyet-dinh_2026-01-01_2026-03-31.pdf');
    const pages = await pdfPages(one.bytes);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Sổ Quyết định');
    expect(pages[0]).not.toContain('UBND-KT');

    const empty = await pdfPages((await book({ book: 'outgoing', registerId: REGISTER_SECRET, from: '2026-01-01', to: '2026-01-31', outgoing: outgoingQuarter() })).bytes);
    expect(inOrder(empty[0]!, ['Sổ văn bản mật', 'Từ ngày 01/01/2026 đến ngày 31/01/2026', 'Không có văn bản nào trong kỳ.'])).toBe(true);
  });

  it('splits a row taller than what is left of a page: the rest goes on under the repeated header, named', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ kind: 'paper' as const, name: `Ủy ban nhân dân xã số ${i + 1}` }));
    const docs = Array.from({ length: 6 }, (_, i) => outgoingDoc({ registerId: REGISTER_COMMON, n: i + 1, issuedAt: vnAt(`2026-02-0${i + 1}`), recipients: i === 4 ? many : undefined }));
    const pages = await pdfPages((await book({ book: 'outgoing', registerId: REGISTER_COMMON, outgoing: docs })).bytes);
    expect(pages).toHaveLength(3);
    expect(inOrder(pages[0]!, ['05/UBND-KT', 'Ủy ban nhân dân xã số 1;'])).toBe(true);
    // Sixty recipients run over two more pages, each continuing under the header, named once.
    for (const p of pages.slice(1)) expect(inOrder(p, [...OUTGOING_HEADERS, '(10) 05/UBND-KT (tiếp) '])).toBe(true);
    expect(pages.join(' ')).not.toContain('(tiếp) (tiếp)');
    expect(inOrder(pages.at(-1)!, ['Ủy ban nhân dân xã số 60', '06/UBND-KT'])).toBe(true);
    // Every recipient once, in order; a name cut by the page break ends under "(tiếp)" on the next.
    const numbers = [...pages.join(' ').matchAll(/(?:xã số|05\/UBND-KT \(tiếp\)) (\d+)\b/gu)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('writes a sheet per register with real dates and numbers', async () => {
    const { name, bytes } = await book({ book: 'outgoing', format: 'xlsx', outgoing: outgoingQuarter() });
    expect(name).toBe('so-dang-ky-van-ban-di_2026-01-01_2026-03-31.xlsx');
    const wb = await workbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sổ văn bản đi chung', 'Sổ Quyết định', 'Sổ văn bản mật']);
    for (const ws of wb.worksheets) {
      expect(ws.getCell('A2').value).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
      expect(ws.getCell('A3').value).toBe(ws.name);
      const header = ws.getRow(XLSX_HEADER_ROW);
      expect(Array.from({ length: 10 }, (_, i) => header.getCell(i + 1).value)).toEqual(OUTGOING_HEADERS);
      expect(header.font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: XLSX_HEADER_ROW });
    }
    const common = tableRows(wb.worksheets[0]!);
    expect(common.map((r) => r[0])).toEqual(['01/UBND-KT', '02/UBND-KT', '03/UBND-KT', '04/UBND-KT']);
    expect(common[1]).toEqual([
      '02/UBND-KT',
      new Date('2026-01-15T00:00:00.000Z'),
      'Công văn\nV/v báo cáo tình hình đầu tư công',
      'Trần Văn Đức',
      'Phòng Nội chính; Sở Tài chính; Bộ Kế hoạch và Đầu tư',
      'VT, KT',
      4,
      new Date('2026-01-15T00:00:00.000Z'),
      null,
      null,
    ]);
    // Numbered at 23:30 on 31/03 in Vietnam: dated 31/03; not dispatched yet.
    expect(common[3]!.slice(1, 2)).toEqual([new Date('2026-03-31T00:00:00.000Z')]);
    expect(common[3]![7]).toBeNull();
    expect(common[3]![9]).toBe('Chưa phát hành');
    expect(wb.worksheets[0]!.getRow(XLSX_HEADER_ROW + 1).getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(tableRows(wb.worksheets[1]!).map((r) => r[9])).toEqual(['Được thay thế bởi văn bản số 02/QĐ-UBND', 'Thay thế văn bản số 01/QĐ-UBND']);
    expect(tableRows(wb.worksheets[2]!).map((r) => [r[0], r[9]])).toEqual([['01/UBND-NC', 'Tối mật']]);
  });
});

describe('what is refused', () => {
  it('a period that ends before it begins, and a register the agency does not keep', async () => {
    const code = async (p: Promise<unknown>): Promise<string> => p.then(() => 'resolved', (e: unknown) => (e instanceof AppError ? e.code : String(e)));
    expect(await code(book({ from: '2026-03-01', to: '2026-02-01' }))).toBe('register_period_invalid');
    expect(await code(book({ from: '2026-02-30', to: '2026-03-01' }))).toBe('register_period_invalid');
    expect(await code(book({ book: 'outgoing', registerId: '0d300000-0000-4000-8000-0000000000ff' }))).toBe('register_not_found');
  });
});
