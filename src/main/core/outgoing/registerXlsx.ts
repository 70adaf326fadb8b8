/**
 * A document register (registerRows.ts) as an XLSX workbook: one sheet per book (the incoming
 * book, or each outgoing register), the paper book's heading above the table, then the header
 * row (bold, kept in view when scrolling, with a filter) and one row per document. Days are real
 * Excel dates shown dd/mm/yyyy and numbers real numbers, so a clerk can sort, filter and count;
 * texts wrap in their columns. Printed from Excel it comes out A4 landscape, one page wide, the
 * header row repeated on every page.
 */
import type { Font, Worksheet } from 'exceljs';
import { EXCEL_DATE_FORMAT, excelDate, workbookWriter } from '../util/excel.js';
import { isDayCell, type RegisterBookData, type RegisterCell, type RegisterSection } from './registerRows.js';

/** The table's header row: under the agency, the book, the register and the period, and a blank row. */
export const XLSX_HEADER_ROW = 6;

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A sheet name Excel accepts: none of []:*?/\, at most 31 characters, unique in the workbook (case-insensitively). */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/gu, ' ').replace(/\s+/gu, ' ').trim().replace(/^'|'$/gu, '') || 'Sổ';
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '' : ` (${i})`;
    const name = [...base].slice(0, 31 - suffix.length).join('').trim() + suffix;
    if (!taken.has(name.toLocaleLowerCase('vi'))) {
      taken.add(name.toLocaleLowerCase('vi'));
      return name;
    }
  }
}

function cellValue(c: RegisterCell): string | number | Date | null {
  if (c === null || c === '') return null;
  return isDayCell(c) ? excelDate(c.day) : c;
}

async function writeSection(ws: Worksheet, data: RegisterBookData, section: RegisterSection): Promise<void> {
  const n = data.columns.length;
  ws.columns = data.columns.map((c) => ({ width: c.xlsxWidth }));
  const banner = (row: number, text: string, font: Partial<Font>): void => {
    ws.mergeCells(row, 1, row, n);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  };
  banner(1, data.agencyName.toLocaleUpperCase('vi'), { bold: true, size: 12 });
  banner(2, data.heading, { bold: true, size: 14 });
  banner(3, section.title, { bold: true, size: 12 });
  banner(4, [data.yearLine, data.periodLine, section.numberRange].filter((s) => s).join(' · '), { italic: true });

  for (let r = 1; r < XLSX_HEADER_ROW; r++) ws.getRow(r).commit();
  const header = ws.getRow(XLSX_HEADER_ROW);
  header.values = data.columns.map((c) => c.header);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE0E0E0' } };
  });
  header.commit();

  if (section.rows.length === 0) {
    const row = XLSX_HEADER_ROW + 1;
    banner(row, 'Không có văn bản nào trong kỳ.', { italic: true });
    ws.commit();
    return;
  }
  for (const [i, r] of section.rows.entries()) {
    // A year of a large agency is thousands of rows: let the core answer other calls (and sync) meanwhile.
    if (i % 500 === 499) await new Promise<void>((resolve) => setImmediate(resolve));
    const row = ws.getRow(XLSX_HEADER_ROW + 1 + i);
    row.values = r.cells.map(cellValue);
    data.columns.forEach((col, c) => {
      const cell = row.getCell(c + 1);
      cell.border = BORDER;
      const short = col.kind === 'day' || col.kind === 'number';
      cell.alignment = { vertical: 'top', wrapText: !short, ...(short ? { horizontal: 'center' as const } : {}) };
      if (col.kind === 'day') cell.numFmt = EXCEL_DATE_FORMAT;
    });
    row.commit();
  }
  ws.autoFilter = { from: { row: XLSX_HEADER_ROW, column: 1 }, to: { row: XLSX_HEADER_ROW + section.rows.length, column: n } };
  ws.commit();
}

/** The book as XLSX bytes. `data` is NFC already (registerBookData). */
export async function registerXlsx(data: RegisterBookData, now: Date): Promise<Uint8Array> {
  const { wb, finish } = await workbookWriter();
  wb.created = now;
  wb.title = `${data.heading} — ${data.agencyName}`;
  const taken = new Set<string>();
  for (const section of data.sections) {
    const ws = wb.addWorksheet(sheetName(section.title || (data.book === 'incoming' ? 'Sổ văn bản đến' : 'Sổ văn bản đi'), taken), {
      views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${XLSX_HEADER_ROW}:${XLSX_HEADER_ROW}` },
    });
    await writeSection(ws, data, section);
  }
  return finish();
}
