/**
 * The printed weekly schedule ("schedule.pdf"): the week as the paper one looks, A4 landscape.
 *
 *   UBND… (the agency)                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
 *   VĂN PHÒNG… (the office, bold)              Độc lập - Tự do - Hạnh phúc
 *   ───                                    Kon Tum, ngày 30 tháng 11 năm 2026
 *                          LỊCH CÔNG TÁC TUẦN
 *                  (Tuần 49, từ 30/11 đến 06/12/2026)
 *           Điều chỉnh lần 2, cập nhật lúc 15:30 ngày 02/12/2026
 *   ┌────────┬─────────┬──────────┬────────┬───────────┬─────────┬─────────┐
 *   │Thứ/ngày│Thời gian│ Nội dung │Chủ trì │Thành phần │Địa điểm │Chuẩn bị │
 *
 * The schedule is issued by the office that compiles it (Văn phòng) under the agency, as the
 * provinces' paper schedules are; without an office unit, by the agency alone. The date line is
 * the publication's (a draft's: the print's). Every working day has its block, a dash when
 * nothing is planned, the holiday named; Saturday and Sunday only when something is planned (as
 * the app's week shows them); rows are sorted by time, the part of the day (Sáng,
 * Chiều, Tối) printed where it begins. Highlighted entries are bold; entries changed after the
 * publication say so ("Bổ sung", "Điều chỉnh: thời gian, địa điểm"); an entry cancelled after
 * the publication stays, struck through, with "(Hoãn: lý do)". Long cells wrap; a row that does
 * not fit continues on the next page, under the repeated table header. "Trang n/N" at the foot.
 *
 * What is printed: scheduled entries, and cancelled ones that had been published (cancelled in
 * the draft, they never were part of the schedule). Requests, rejections and merges are not lines
 * of the week. The caller decides which entries the user may see.
 *
 * Deterministic: the same input gives the same bytes.
 */
import { PDFDocument } from 'pdf-lib';
import { unitName, userName, type OrgView } from '../../../shared/domain/org.js';
import { holidayName } from '../../../shared/domain/workingDays.js';
import type { Agency } from '../../../shared/model/organisation.js';
import { DAY_PART_LABELS, DAY_PARTS, ENTRY_FIELD_LABELS, REVISION_CHANGE_LABELS } from '../../../shared/schedule/constants.js';
import type { ScheduleEntry, ScheduleWeek } from '../../../shared/schedule/model.js';
import { entryInterval, isoWeek, isoWeekday, revisionLabel, weekdayName, weekDays, weekTitle } from '../../../shared/schedule/week.js';
import { compareVi, formatDateVi, nfcDeep, placeDateLine, VN_OFFSET_MS } from '../../../shared/text/vietnamese.js';
import { fontFace, SubsetFont, type FontStyle } from '../../../node/pdfFonts.js';
import { addPages, PageWriter, textWidth as widthOf, wrapText } from '../../../node/pdfPage.js';

export interface WeekPdfInput {
  agency: Agency;
  org: OrgView;
  /** The Monday of the week. */
  weekStart: string;
  /** The week record (null: nobody has acted on the week: a draft). */
  week: ScheduleWeek | null;
  /** The entries the user sees in the week (others are ignored: see above). */
  entries: ScheduleEntry[];
  printedAt: Date;
}

/** The faces the printed week uses (the stamp face is the seed's). */
type Style = Exclude<FontStyle, 'stamp'>;

// ---------------------------------------------------------------------------------------------
// Geometry (points). A4 landscape; margins 20 mm left, 15 mm elsewhere.

const PAGE_W = 841.89;
const PAGE_H = 595.28;
const MM = 72 / 25.4;
const ML = 20 * MM;
const MR = 15 * MM;
const MT = 15 * MM;
const MB = 15 * MM;
const CONTENT_W = PAGE_W - ML - MR;
/** The table stops above the footer line. */
const TABLE_BOTTOM = MB + 12;

const SIZE = 10.5;
const LH = 13;
const PAD_X = 3.5;
const PAD_Y = 3;
/** From a row's top to its first baseline. */
const FIRST_BASELINE = PAD_Y + 10;
/** A row of more lines than this may be split at a page's foot; a shorter one moves to the next page whole. */
const SPLIT_LINES = 8;

const HEADERS = ['Thứ/ngày', 'Thời gian', 'Nội dung', 'Chủ trì', 'Thành phần', 'Địa điểm', 'Chuẩn bị'] as const;
const FIXED_WIDTHS = [62, 66, 236, 96, 128, 92];
const WIDTHS = [...FIXED_WIDTHS, CONTENT_W - FIXED_WIDTHS.reduce((a, b) => a + b, 0)];
const COL_X = WIDTHS.map((_, i) => ML + WIDTHS.slice(0, i).reduce((a, b) => a + b, 0));

const upper = (s: string): string => s.toLocaleUpperCase('vi');
const pad2 = (n: number): string => String(n).padStart(2, '0');

// ---------------------------------------------------------------------------------------------
// Text

interface Line {
  text: string;
  style: Style;
  strike?: boolean;
  centre?: boolean;
}

const lines = (text: string, style: Style, width: number, extra: Partial<Line> = {}): Line[] => wrapText(style, SIZE, text, width).map((t) => ({ text: t, style, ...extra }));

// ---------------------------------------------------------------------------------------------
// Pages

/** The week's pages: where the next row goes, and where the table began on this page. */
class Writer extends PageWriter {
  y = PAGE_H - MT;
  /** Where the table's rows begin on the current page (under its header). */
  tableTop = 0;

  newPage(): void {
    this.endPage();
    this.y = PAGE_H - MT;
  }
}

// ---------------------------------------------------------------------------------------------
// The week's rows

interface Row {
  /** Columns 1–6 (the day column is drawn per day block). */
  cells: Line[][];
  /** The part of the day ("Sáng"), printed above the time where the part begins and atop a continued page. */
  partLabel: Line | null;
  showPart: boolean;
}

/** Printed: scheduled entries, and cancelled ones that had been published (see the header). */
function printable(e: ScheduleEntry, weekStart: string): boolean {
  if (e.weekStart !== weekStart) return false;
  if (e.status === 'scheduled') return true;
  return e.status === 'cancelled' && e.changes.some((c) => c.change === 'cancelled');
}

const partOrder = (p: ScheduleEntry['part']): number => DAY_PARTS.indexOf(p);

function byTime(a: ScheduleEntry, b: ScheduleEntry): number {
  return partOrder(a.part) - partOrder(b.part) || entryInterval(a).start - entryInterval(b).start || compareVi(a.content, b.content) || a.id.localeCompare(b.id);
}

function roomName(org: OrgView, id: string | null): string {
  return id === null ? '' : (org.schedule?.rooms.find((r) => r.id === id)?.name ?? '');
}

/** "(Điều chỉnh: thời gian, địa điểm)", "(Bổ sung)", "(Hoãn: lý do)": what happened after the publication. */
function changeMark(e: ScheduleEntry): { text: string; style: Style } | null {
  if (e.status === 'cancelled') return { text: `(Hoãn${e.reason ? `: ${e.reason}` : ''})`, style: 'boldItalic' };
  if (e.changes.length === 0) return null;
  const fields = [...new Set(e.changes.flatMap((c) => (c.change === 'changed' ? c.fields : [])))];
  const added = e.changes.some((c) => c.change === 'added');
  const parts: string[] = [];
  if (added) parts.push(REVISION_CHANGE_LABELS.added.vi);
  if (fields.length > 0) parts.push(`${added ? 'điều chỉnh' : 'Điều chỉnh'}: ${fields.map((f) => ENTRY_FIELD_LABELS[f].vi).join(', ')}`);
  if (parts.length === 0) return null;
  return { text: `(${parts.join('; ')})`, style: 'italic' };
}

function entryRow(e: ScheduleEntry, org: OrgView, firstOfPart: boolean): Row {
  const w = (col: number): number => WIDTHS[col]! - 2 * PAD_X;
  const cancelled = e.status === 'cancelled';
  const part: Line = { text: DAY_PART_LABELS[e.part].vi, style: 'bold', centre: true };
  // Without a clock time the part is the time.
  const time: Line[] = e.start === null ? [part] : [{ text: e.end ? `${e.start}–${e.end}` : e.start, style: 'regular', centre: true }];

  const content = lines(e.content, e.highlight ? 'bold' : 'regular', w(2), { strike: cancelled });
  const mark = changeMark(e);
  if (mark) content.push(...lines(mark.text, mark.style, w(2)));
  if (e.notes) content.push(...lines(e.notes, 'italic', w(2), { strike: cancelled }));

  const chairUser = e.chairId ? org.users.find((u) => u.id === e.chairId) : undefined;
  const chair = chairUser ? [...lines(chairUser.fullName, 'regular', w(3)), ...(chairUser.position ? lines(chairUser.position, 'italic', w(3)) : [])] : [];
  const participants = [...e.participantUserIds.map((id) => userName(org, id)), ...e.participantUnitIds.map((id) => unitName(org, id)), e.guests].filter((s) => s !== '').join('; ');
  const place = [roomName(org, e.roomId), e.place].filter((s) => s !== '').join(', ');
  return {
    cells: [time, content, chair, lines(participants, 'regular', w(4)), lines(place, 'regular', w(5)), lines(unitName(org, e.preparingUnitId), 'regular', w(6))],
    partLabel: e.start === null ? null : part,
    showPart: firstOfPart,
  };
}

const DASH_ROW: Row = { cells: [[], [{ text: '–', style: 'regular', centre: true }], [], [], [], []], partLabel: null, showPart: false };

function dayLabel(day: string): Line[] {
  const holiday = holidayName(day, 'vi');
  return [
    { text: weekdayName(day, 'vi'), style: 'bold', centre: true },
    { text: `${day.slice(8, 10)}/${day.slice(5, 7)}`, style: 'regular', centre: true },
    ...(holiday ? lines(`(${holiday})`, 'italic', WIDTHS[0]! - 2 * PAD_X, { centre: true }) : []),
  ];
}

const rowHeight = (n: number): number => 2 * PAD_Y + Math.max(1, n) * LH;

// ---------------------------------------------------------------------------------------------
// Drawing

function drawLines(w: Writer, col: number, top: number, ls: readonly Line[]): void {
  const x = COL_X[col]!;
  const width = WIDTHS[col]!;
  ls.forEach((l, i) => {
    const y = top - FIRST_BASELINE - i * LH;
    const tw = widthOf(l.style, SIZE, l.text);
    const tx = l.centre ? x + (width - tw) / 2 : x + PAD_X;
    w.text(l.style, SIZE, tx, y, l.text);
    if (l.strike && l.text !== '') w.line(tx, y + SIZE * 0.3, tx + tw, y + SIZE * 0.3, 0.7);
  });
}

function drawTableHeader(w: Writer): void {
  const cells = HEADERS.map((h, i) => lines(h, 'bold', WIDTHS[i]! - 2 * PAD_X, { centre: true }));
  const h = rowHeight(Math.max(...cells.map((c) => c.length)));
  w.fill(ML, w.y - h, CONTENT_W, h, 0.88);
  cells.forEach((c, i) => {
    drawLines(w, i, w.y, c);
    w.rect(COL_X[i]!, w.y - h, WIDTHS[i]!, h);
  });
  w.y -= h;
  w.tableTop = w.y;
}

/** The document's heading: issuer and national name, the title, the week and its revision. */
function drawHeading(w: Writer, input: WeekPdfInput): void {
  const { agency, org, week } = input;
  const leftW = 300;
  const leftC = ML + leftW / 2;
  const rightW = 360;
  const rightC = ML + CONTENT_W - rightW / 2;
  const top = PAGE_H - MT - 8;

  // Left: the agency (the governing body of the office) and the office issuing the schedule, bold, a short rule under it.
  const officeId = org.schedule?.officeUnitId ?? null;
  const office = officeId ? unitName(org, officeId) : '';
  let ly = top;
  const issuerLines: string[] = office ? wrapText('bold', 12, upper(office), leftW) : wrapText('bold', 12, upper(agency.name), leftW);
  if (office) for (const l of wrapText('regular', 12, upper(agency.name), leftW)) (w.centred('regular', 12, leftC, ly, l), (ly -= 15));
  let issuerW = 0;
  for (const l of issuerLines) {
    issuerW = Math.max(issuerW, w.centred('bold', 12, leftC, ly, l));
    ly -= 15;
  }
  const rule = Math.min(issuerW, 80);
  w.line(leftC - rule / 2, ly + 8, leftC + rule / 2, ly + 8);

  // Right: the national name, the motto underlined, the place and date.
  let ry = top;
  w.centred('bold', 12, rightC, ry, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  ry -= 16;
  const mottoW = w.centred('bold', 13, rightC, ry, 'Độc lập - Tự do - Hạnh phúc');
  w.line(rightC - mottoW / 2, ry - 3, rightC + mottoW / 2, ry - 3);
  ry -= 24;
  const issued = week?.status === 'published' && week.publishedAt ? week.publishedAt : input.printedAt;
  w.centred('italic', 13, rightC, ry, placeDateLine(agency.place, issued));

  // Title, week, revision.
  const centre = ML + CONTENT_W / 2;
  w.y = Math.min(ly, ry) - 22;
  w.centred('bold', 15, centre, w.y, 'LỊCH CÔNG TÁC TUẦN');
  w.y -= 17;
  w.centred('bold', 13, centre, w.y, `(${weekTitle(input.weekStart, 'vi')})`);
  w.y -= 16;
  w.centred(week?.status === 'published' ? 'italic' : 'bold', 12, centre, w.y, revisionLine(week));
  w.y -= 12;
}

/** "Ban hành", "Điều chỉnh lần 2, cập nhật lúc 15:30 ngày 02/12/2026", or the draft's state. */
export function revisionLine(week: ScheduleWeek | null): string {
  if (week === null || week.status === 'draft') return 'DỰ THẢO';
  if (week.status === 'submitted') return 'DỰ THẢO (đang trình duyệt)';
  if (week.revision <= 1) return revisionLabel(1, 'vi');
  const at = week.revisions.find((r) => r.n === week.revision)?.at ?? week.updatedAt;
  return `${revisionLabel(week.revision, 'vi')}, cập nhật lúc ${clockVi(at)} ngày ${formatDateVi(at)}`;
}

/** "15:30", Vietnam time. */
function clockVi(at: string | Date): string {
  const d = new Date(new Date(at).getTime() + VN_OFFSET_MS);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** One day's block: the day cell spans its rows; a page break ends the block and the next page repeats the header and the day. */
function drawDay(w: Writer, day: string, rows: readonly Row[]): void {
  const label = dayLabel(day);
  const labelH = rowHeight(label.length);
  let blockTop = w.y;
  let continued = false;

  const closeBlock = (): void => {
    if (blockTop - w.y <= 0) return;
    const shown = continued ? [...label.slice(0, 2), { text: '(tiếp)', style: 'italic' as const, centre: true }] : label;
    drawLines(w, 0, blockTop, shown);
    w.rect(COL_X[0]!, w.y, WIDTHS[0]!, blockTop - w.y);
  };
  const breakPage = (): void => {
    closeBlock();
    w.newPage();
    drawTableHeader(w);
    blockTop = w.y;
    continued = true;
  };

  for (const row of rows) {
    let cells = row.cells;
    let partShown = false;
    for (;;) {
      const first = blockTop === w.y;
      if (row.partLabel && !partShown && (row.showPart || (first && continued))) {
        cells = [[row.partLabel, ...cells[0]!], ...cells.slice(1)];
        partShown = true;
      }
      const n = Math.max(1, ...cells.map((c) => c.length));
      const need = Math.max(rowHeight(n), first ? labelH : 0);
      const room = w.y - TABLE_BOTTOM;
      if (need <= room) {
        drawRow(w, cells, need);
        break;
      }
      // Does not fit. On a page that holds nothing but the header, cut it (it is taller than a page);
      // a tall row is split here when a few lines fit (and the day's label, on the day's first row);
      // any other row moves to the next page whole.
      const fit = Math.floor((room - 2 * PAD_Y) / LH);
      const fresh = w.y === w.tableTop;
      const take = fresh ? Math.max(1, fit) : n > SPLIT_LINES && fit >= Math.max(3, first ? label.length : 0) ? fit : 0;
      if (take > 0) {
        drawRow(w, cells.map((c) => c.slice(0, take)), Math.max(rowHeight(take), first ? labelH : 0));
        cells = cells.map((c) => c.slice(take));
      }
      breakPage();
    }
  }
  closeBlock();
}

function drawRow(w: Writer, cells: readonly Line[][], h: number): void {
  cells.forEach((c, i) => {
    drawLines(w, i + 1, w.y, c);
    w.rect(COL_X[i + 1]!, w.y - h, WIDTHS[i + 1]!, h);
  });
  w.y -= h;
}

// ---------------------------------------------------------------------------------------------

/** The week as a PDF, A4 landscape. */
export async function weekPdf(raw: { agency: Agency; org: OrgView; weekStart: string; week: ScheduleWeek | null; entries: ScheduleEntry[]; printedAt: Date }): Promise<Uint8Array> {
  // NFC everywhere: decomposed marks would be drawn as separate, unpositioned glyphs.
  const input: WeekPdfInput = { ...nfcDeep({ agency: raw.agency, org: raw.org, weekStart: raw.weekStart, week: raw.week, entries: raw.entries }), printedAt: raw.printedAt };
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const context = pdf.context;
  const styles: Style[] = ['regular', 'bold', 'italic', 'boldItalic'];
  const fonts = new Map<Style, SubsetFont>();
  for (const st of styles) fonts.set(st, new SubsetFont(fontFace(st), context));

  const { week: wk, year } = isoWeek(input.weekStart);
  pdf.setTitle(`Lịch công tác tuần ${wk}/${year} — ${input.agency.name}`, { showInWindowTitleBar: false });
  pdf.setSubject(weekTitle(input.weekStart, 'vi'));
  pdf.setProducer('iOffice');
  pdf.setCreator('iOffice');
  pdf.setLanguage('vi-VN');

  const w = new Writer(fonts);
  drawHeading(w, input);
  drawTableHeader(w);

  const entries = input.entries.filter((e) => printable(e, input.weekStart));
  for (const day of weekDays(input.weekStart)) {
    const list = entries.filter((e) => e.date === day).sort(byTime);
    if (list.length === 0 && isoWeekday(day) >= 6) continue;
    const rows = list.length === 0 ? [DASH_ROW] : list.map((e, i) => entryRow(e, input.org, i === 0 || list[i - 1]!.part !== e.part));
    drawDay(w, day, rows);
  }

  const printed = `In lúc ${clockVi(input.printedAt)} ngày ${formatDateVi(input.printedAt)}`;
  const streams = w.finishPages((page, total) => {
    w.text('italic', 9, ML, MB - 2, printed);
    w.centred('regular', 10, ML + CONTENT_W / 2, MB - 2, `Trang ${page}/${total}`);
  });

  addPages(pdf, fonts, streams, [PAGE_W, PAGE_H]);
  return pdf.save({ useObjectStreams: true, objectsPerTick: Number.POSITIVE_INFINITY });
}
