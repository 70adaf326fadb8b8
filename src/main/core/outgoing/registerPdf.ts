/**
 * A document register (registerRows.ts) printed as the paper book looks, A4 landscape:
 *
 *                      ỦY BAN NHÂN DÂN TỈNH KON TUM
 *                        SỔ ĐĂNG KÝ VĂN BẢN ĐI
 *                          Sổ văn bản đi chung
 *                               Năm 2026
 *            Từ ngày 01/01/2026 đến ngày 31/03/2026 · Từ số 01 đến số 45
 *   ┌──────────┬─────────┬────────────────┬────────┬──────────┬───┬───┬────────┬───────┬───────┐
 *   │Số, ký hiệu│Ngày tháng│Tên loại và trích│Người ký│Nơi nhận …│   │   │        │Ký nhận│Ghi chú│
 *   │   (1)     │   (2)    │      (3)        │  (4)   │   (5)    │(6)│(7)│  (8)   │  (9)  │ (10)  │
 *
 * Each register of an outgoing book starts on a new page with its own heading. Long cells wrap;
 * a page that fills continues on the next under a running title and the repeated table header
 * (the column numbers too, as Appendix IV prints them); a tall row (a long list of recipients)
 * is split where it must be. "Trang n/N" and the time of printing at the foot of every page.
 *
 * Deterministic: the same input gives the same bytes.
 */
import { PDFDocument } from 'pdf-lib';
import { formatDateTimeVi, formatDateVi } from '../../../shared/text/vietnamese.js';
import { fontFace, SubsetFont, type FontStyle } from '../../../node/pdfFonts.js';
import { addPages, PageWriter, textWidth, wrapText } from '../../../node/pdfPage.js';
import { isDayCell, type RegisterBookData, type RegisterCell, type RegisterColumn, type RegisterSection } from './registerRows.js';

type Style = Extract<FontStyle, 'regular' | 'bold' | 'italic'>;

// ---------------------------------------------------------------------------------------------
// Geometry (points). A4 landscape; a wider margin on the left, where a printed book is bound.

const PAGE_W = 841.89;
const PAGE_H = 595.28;
const MM = 72 / 25.4;
const ML = 18 * MM;
const MR = 12 * MM;
const MT = 12 * MM;
const MB = 14 * MM;
const CONTENT_W = PAGE_W - ML - MR;
/** The table stops above the footer line. */
const TABLE_BOTTOM = MB + 10;

const SIZE = 9;
const LH = 11;
const PAD_X = 3;
const PAD_Y = 2.5;
/** From a row's top to its first baseline. */
const FIRST_BASELINE = PAD_Y + 8;
/** A row of more lines than this may be split at a page's foot; a shorter one moves to the next page whole. */
const SPLIT_LINES = 6;
const ROWS_PER_BREATH = 500;

const upper = (s: string): string => s.toLocaleUpperCase('vi');

interface Line {
  text: string;
  style: Style;
  centre: boolean;
}

interface Layout {
  widths: number[];
  xs: number[];
}

function layout(columns: readonly RegisterColumn[]): Layout {
  const fixed = columns.reduce((sum, c) => sum + (c.pdfWidth ?? 0), 0);
  const flexible = columns.filter((c) => c.pdfWidth === null).length;
  const widths = columns.map((c) => c.pdfWidth ?? (CONTENT_W - fixed) / Math.max(1, flexible));
  const xs = widths.map((_, i) => ML + widths.slice(0, i).reduce((a, b) => a + b, 0));
  return { widths, xs };
}

const wrapped = (text: string, style: Style, width: number, centre: boolean, size = SIZE): Line[] => wrapText(style, size, text, width - 2 * PAD_X).map((t) => ({ text: t, style, centre }));

function cellLines(col: RegisterColumn, width: number, value: RegisterCell): Line[] {
  if (value === null || value === '' || col.kind === 'signature') return [];
  if (isDayCell(value)) return [{ text: formatDateVi(value.day), style: 'regular', centre: true }];
  if (typeof value === 'number') return [{ text: String(value), style: 'regular', centre: true }];
  return wrapped(value, 'regular', width, col.kind !== 'text');
}

const rowHeight = (n: number): number => 2 * PAD_Y + Math.max(1, n) * LH;

/** "Sổ đăng ký văn bản đi" for the heading "SỔ ĐĂNG KÝ VĂN BẢN ĐI". */
const sentenceCase = (heading: string): string => heading.charAt(0) + heading.slice(1).toLocaleLowerCase('vi');

// ---------------------------------------------------------------------------------------------

class Writer extends PageWriter {
  y = PAGE_H - MT;
  /** Where the table's rows begin on the current page (under its header). */
  tableTop = 0;

  newPage(): void {
    this.endPage();
    this.y = PAGE_H - MT;
  }
}

function drawLines(w: Writer, x: number, width: number, top: number, ls: readonly Line[], size = SIZE): void {
  ls.forEach((l, i) => {
    const y = top - FIRST_BASELINE - i * LH;
    const tx = l.centre ? x + (width - textWidth(l.style, size, l.text)) / 2 : x + PAD_X;
    w.text(l.style, size, tx, y, l.text);
  });
}

function drawCells(w: Writer, lay: Layout, cells: readonly (readonly Line[])[], h: number): void {
  cells.forEach((c, i) => {
    drawLines(w, lay.xs[i]!, lay.widths[i]!, w.y, c);
    w.rect(lay.xs[i]!, w.y - h, lay.widths[i]!, h);
  });
  w.y -= h;
}

/** The column names, then their numbers "(1)" … "(10)", on a grey ground: on every page of the table. */
function drawTableHeader(w: Writer, data: RegisterBookData, lay: Layout): void {
  const cells = data.columns.map((c, i) => wrapped(c.header, 'bold', lay.widths[i]!, true));
  const h = rowHeight(Math.max(...cells.map((c) => c.length)));
  w.fill(ML, w.y - h, CONTENT_W, h, 0.88);
  drawCells(w, lay, cells, h);
  const numbers = data.columns.map((_, i) => [{ text: `(${i + 1})`, style: 'italic' as const, centre: true }]);
  drawCells(w, lay, numbers, rowHeight(1));
  w.tableTop = w.y;
}

/** The section's first page: the agency, the book, the register, the year, the period and the numbers it spans. */
function drawHeading(w: Writer, data: RegisterBookData, section: RegisterSection): void {
  const centre = ML + CONTENT_W / 2;
  w.y = PAGE_H - MT - 10;
  let agencyW = 0;
  for (const l of wrapText('bold', 12, upper(data.agencyName), CONTENT_W)) {
    agencyW = Math.max(agencyW, w.centred('bold', 12, centre, w.y, l));
    w.y -= 15;
  }
  const rule = Math.min(agencyW, 90);
  w.line(centre - rule / 2, w.y + 10, centre + rule / 2, w.y + 10);
  w.y -= 14;
  w.centred('bold', 16, centre, w.y, data.heading);
  if (section.title !== '') {
    for (const l of wrapText('bold', 13, section.title, CONTENT_W)) {
      w.y -= 17;
      w.centred('bold', 13, centre, w.y, l);
    }
  }
  w.y -= 16;
  w.centred('regular', 12, centre, w.y, data.yearLine);
  w.y -= 15;
  w.centred('italic', 11, centre, w.y, section.numberRange ? `${data.periodLine} · ${section.numberRange}` : data.periodLine);
  w.y -= 12;
}

/** Atop a continued page: which book this is, so a loose sheet still says. */
function drawRunningTitle(w: Writer, data: RegisterBookData, section: RegisterSection): void {
  const parts = [data.agencyName, sentenceCase(data.heading), section.title, data.periodLine].filter((p) => p !== '');
  const line = wrapText('italic', 9, `${parts.join(' · ')} (tiếp theo)`, CONTENT_W)[0] ?? '';
  w.y -= 9;
  w.text('italic', 9, ML, w.y, line);
  w.y -= 6;
}

async function drawSection(w: Writer, data: RegisterBookData, section: RegisterSection, lay: Layout): Promise<void> {
  drawHeading(w, data, section);
  drawTableHeader(w, data, lay);
  const continuePage = (): void => {
    w.newPage();
    drawRunningTitle(w, data, section);
    drawTableHeader(w, data, lay);
  };

  if (section.rows.length === 0) {
    const h = rowHeight(1);
    w.centred('italic', SIZE, ML + CONTENT_W / 2, w.y - FIRST_BASELINE, 'Không có văn bản nào trong kỳ.');
    w.rect(ML, w.y - h, CONTENT_W, h);
    w.y -= h;
    return;
  }

  for (const [index, row] of section.rows.entries()) {
    // A year of a large agency is thousands of rows: let the core answer other calls (and sync) meanwhile.
    if (index % ROWS_PER_BREATH === ROWS_PER_BREATH - 1) await new Promise<void>((resolve) => setImmediate(resolve));
    let cells = data.columns.map((c, i) => cellLines(c, lay.widths[i]!, row.cells[i] ?? null));
    const first = cells[0]!;
    for (;;) {
      const n = Math.max(1, ...cells.map((c) => c.length));
      const room = w.y - TABLE_BOTTOM;
      if (rowHeight(n) <= room) {
        drawCells(w, lay, cells, rowHeight(n));
        break;
      }
      // Does not fit. Under a fresh header it is taller than a page: cut it. A tall row is split
      // when a few lines fit; any other row moves to the next page whole.
      const fit = Math.floor((room - 2 * PAD_Y) / LH);
      const fresh = w.y === w.tableTop;
      const take = fresh ? Math.max(1, fit) : n > SPLIT_LINES && fit >= 3 ? fit : 0;
      if (take > 0) {
        drawCells(w, lay, cells.map((c) => c.slice(0, take)), rowHeight(take));
        cells = cells.map((c) => c.slice(take));
        // The rest of a row under a new header: its first cell says whose rest it is.
        if (cells[0]!.length === 0 && first.length > 0) cells[0] = [...first.map((l) => ({ ...l, style: 'italic' as const })), { text: '(tiếp)', style: 'italic', centre: first[0]!.centre }];
      }
      continuePage();
    }
  }
}

/** The book as a PDF, A4 landscape. `data` is NFC already (registerBookData). */
export async function registerPdf(data: RegisterBookData, printedAt: Date): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const styles: Style[] = ['regular', 'bold', 'italic'];
  const fonts = new Map<Style, SubsetFont>();
  for (const st of styles) fonts.set(st, new SubsetFont(fontFace(st), pdf.context));

  pdf.setTitle(`${sentenceCase(data.heading)} — ${data.agencyName}`, { showInWindowTitleBar: false });
  pdf.setSubject(data.periodLine);
  pdf.setProducer('iOffice');
  pdf.setCreator('iOffice');
  pdf.setLanguage('vi-VN');

  const w = new Writer(fonts);
  const lay = layout(data.columns);
  for (const [i, section] of data.sections.entries()) {
    if (i > 0) w.newPage();
    await drawSection(w, data, section, lay);
  }

  const [date, time] = formatDateTimeVi(printedAt).split(' ');
  const printed = `In lúc ${time ?? ''} ngày ${date ?? ''}`;
  const streams = w.finishPages((page, total) => {
    w.text('italic', 8, ML, MB - 4, printed);
    w.centred('regular', 9, ML + CONTENT_W / 2, MB - 4, `Trang ${page}/${total}`);
  });
  addPages(pdf, fonts, streams, [PAGE_W, PAGE_H]);
  return pdf.save({ useObjectStreams: true, objectsPerTick: Number.POSITIVE_INFINITY });
}
