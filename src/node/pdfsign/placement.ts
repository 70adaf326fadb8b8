/**
 * Where things go on a Decree 30 document, found from its text (pdf.js): the blank after
 * "Số:" for the number, the blanks of the "…, ngày … tháng … năm …" line for the issue date
 * (both on page 1), the signature block (above the signer's name on the last page), and the
 * seal over the left third of the signature (Appendix I). issueStamps turns a placement into
 * the stamps signPdf writes.
 *
 * pdf.js splits a run of spaces into its own text item, so a blank's ends are exact; inside one
 * item the characters are placed in proportion to DejaVu's advances (exact for our own
 * documents, close enough for others: the stamps are right- or centre-aligned in the blank).
 */
import { AppError } from '../../shared/i18n/errors.js';
import { fontFace } from '../pdfFonts.js';
import { textWidth } from '../pdfPage.js';
import type { Rect, StampStyle } from './appearance.js';
import type { TextStamp } from './sign.js';

export interface Slot {
  /** 0-based. */
  page: number;
  /** The baseline's start. */
  x: number;
  y: number;
  /** The font size of the line. */
  size: number;
}

export interface Blank {
  /** Where the blank starts and how wide it is, in points. */
  x: number;
  width: number;
}

export interface NumberSlot extends Slot {
  /** The blank between "Số:" and the printed symbol (or the end of the line). */
  blank: Blank;
  /** What follows the blank ("/UBND-VP"), or null when the line ends with "Số:". */
  suffix: string | null;
}

export interface DateSlot extends Slot {
  day: Blank;
  month: Blank;
  /** null when the year is printed ("năm 2026"). */
  year: Blank | null;
  /** The year printed on the line, if any. */
  printedYear: number | null;
}

export interface Placement {
  pageCount: number;
  pages: { width: number; height: number }[];
  numberSlot: NumberSlot | null;
  dateSlot: DateSlot | null;
  signerRect: { page: number; rect: Rect };
  sealRect: { page: number; rect: Rect };
}

/** The seal's diameter on paper: 36 mm, the size of a provincial People's Committee's seal. */
export const SEAL_DIAMETER = (36 * 72) / 25.4;
const SIGNATURE_BOX = { width: 170, height: 80 };

interface Char {
  ch: string;
  x0: number;
  x1: number;
}

interface Line {
  page: number;
  y: number;
  size: number;
  chars: Char[];
  text: string;
}

/** A run of text on a page, as pdf.js reports it (or as the program that drew the page knows it). */
export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

const BLANK = /[\s._…]/u;

/** Characters of one text item, placed in proportion to their advances in DejaVu. */
function charsOf(item: TextItem): Char[] {
  const chars = [...item.str.normalize('NFC')];
  const face = fontFace('regular');
  const widths = chars.map((c) => Math.max(face.widthOf(c), 0.01));
  const total = widths.reduce((a, b) => a + b, 0);
  const out: Char[] = [];
  let at = item.x;
  chars.forEach((ch, i) => {
    const w = item.width > 0 ? (item.width * widths[i]!) / total : widths[i]! * item.size;
    out.push({ ch, x0: at, x1: at + w });
    at += w;
  });
  return out;
}

function linesOf(page: number, items: TextItem[]): Line[] {
  const sorted = items.filter((i) => i.str !== '' && i.size > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; size: number; items: TextItem[] }[] = [];
  for (const it of sorted) {
    const line = lines.find((l) => Math.abs(l.y - it.y) < 0.3 * Math.max(l.size, it.size));
    if (line) {
      line.items.push(it);
      line.size = Math.max(line.size, it.size);
    } else lines.push({ y: it.y, size: it.size, items: [it] });
  }
  // A line is cut where a blank is wider than four ems: the two columns of the header ("Số: …"
  // left, "Kon Tum, ngày …" right) share a baseline but are separate lines.
  const out: Line[] = [];
  for (const l of lines) {
    let chars: Char[] = [];
    const flush = (): void => {
      while (chars.length > 0 && chars[chars.length - 1]!.ch.trim() === '') chars.pop();
      if (chars.length > 0) out.push({ page, y: l.y, size: l.size, chars, text: chars.map((c) => c.ch).join('') });
      chars = [];
    };
    for (const it of l.items.sort((a, b) => a.x - b.x)) {
      const prev = chars[chars.length - 1];
      const gapStart = prev ? prev.x1 : it.x;
      const wide = (from: number, to: number): boolean => to - from > 4 * l.size;
      if (it.str.trim() === '' && wide(it.x, it.x + it.width)) {
        flush();
        continue;
      }
      if (prev && wide(gapStart, it.x)) flush();
      else if (prev && it.x - prev.x1 > 0.15 * l.size) chars.push({ ch: ' ', x0: prev.x1, x1: it.x });
      if (chars.length === 0 && it.str.trim() === '') continue;
      chars.push(...charsOf(it));
    }
    flush();
  }
  return out;
}

async function readLines(pdf: Uint8Array): Promise<{ pages: { width: number; height: number }[]; lines: Line[][] }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  } catch {
    throw new AppError('pdf_unreadable');
  }
  try {
    const pages: { width: number; height: number }[] = [];
    const lines: Line[][] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const [x1, y1, x2, y2] = page.view as [number, number, number, number];
      pages.push({ width: x2 - x1, height: y2 - y1 });
      // Only page 1 (number, date) and the last page (signature block) are searched.
      if (i !== 1 && i !== doc.numPages) {
        lines.push([]);
        continue;
      }
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        const [a, b, , , e, f] = it.transform as number[];
        items.push({ str: it.str, x: e!, y: f!, width: it.width, size: Math.hypot(a!, b!) });
      }
      lines.push(linesOf(i - 1, items));
    }
    return { pages, lines };
  } finally {
    await doc.destroy();
  }
}

/** The blank of chars[from..], up to the next non-blank character (or `fallback` points when the line ends). */
function blankAfter(line: Line, from: number, fallback: number): { blank: Blank; next: number } {
  let i = from;
  while (i < line.chars.length && BLANK.test(line.chars[i]!.ch)) i++;
  const start = from > 0 ? line.chars[from - 1]!.x1 : line.chars[0]!.x0;
  const end = i < line.chars.length ? line.chars[i]!.x0 : Math.max(start + fallback, line.chars[line.chars.length - 1]!.x1);
  return { blank: { x: start, width: Math.max(0, end - start) }, next: i };
}

function findNumber(lines: Line[]): NumberSlot | null {
  for (const line of lines) {
    const m = /Số\s*:/u.exec(line.text);
    if (!m) continue;
    const end = m.index + m[0].length;
    const { blank, next } = blankAfter(line, end, 60);
    const rest = line.text.slice(next).trim();
    // Already numbered ("Số: 12/UBND-VP"): nothing to fill.
    if (/^\d/u.test(rest)) return null;
    return { page: line.page, x: line.chars[0]!.x0, y: line.y, size: line.size, blank, suffix: rest === '' ? null : rest };
  }
  return null;
}

function findDate(lines: Line[]): DateSlot | null {
  for (const line of lines) {
    const m = /ngày([\s._…]*)tháng([\s._…]*)năm([\s._…]*)(\d{4})?/u.exec(line.text);
    if (!m) continue;
    const dayAt = m.index + 'ngày'.length;
    const monthAt = dayAt + m[1]!.length + 'tháng'.length;
    const yearAt = monthAt + m[2]!.length + 'năm'.length;
    const day = blankAfter(line, dayAt, 20).blank;
    const month = blankAfter(line, monthAt, 20).blank;
    const year = m[4] ? null : blankAfter(line, yearAt, 40).blank;
    if (day.width < 1 || month.width < 1) return null;
    return { page: line.page, x: line.chars[0]!.x0, y: line.y, size: line.size, day, month, year, printedYear: m[4] ? Number(m[4]) : null };
  }
  return null;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

function signerBlock(lines: Line[], page: { width: number; height: number }, signerName: string | undefined): Rect {
  const { width: w, height: h } = SIGNATURE_BOX;
  const words = (signerName ?? '').normalize('NFC').trim().split(/\s+/u).filter((x) => x !== '');
  const pattern = words.length > 0 ? new RegExp(words.map(escapeRegExp).join('\\s+'), 'iu') : null;
  // The last occurrence on the page: the name under the signature, not one quoted in the body.
  let found: { line: Line; x0: number; x1: number } | null = null;
  for (const line of pattern ? lines : []) {
    const m = pattern!.exec(line.text);
    if (m && (!found || line.y < found.line.y)) found = { line, x0: line.chars[m.index]!.x0, x1: line.chars[m.index + m[0].length - 1]!.x1 };
  }
  if (found) {
    const { line } = found;
    const centre = (found.x0 + found.x1) / 2;
    const bottom = line.y + line.size * 0.95;
    // The nearest line above the name that overlaps the box horizontally (the position, "CHỦ TỊCH").
    const above = lines
      .filter((l) => l.y > line.y + line.size && l.chars.some((c) => c.ch.trim() !== '' && c.x1 > centre - w / 2 && c.x0 < centre + w / 2))
      .sort((a, b) => a.y - b.y)[0];
    const top = above ? above.y - above.size * 0.3 : bottom + h;
    const height = Math.max(40, Math.min(top - bottom - 2, 100));
    const x = Math.min(Math.max(centre - w / 2, 0), page.width - w);
    return { x, y: bottom + Math.max(0, (top - bottom - height) / 2), width: w, height };
  }
  // No name: the lower right, under the last line of text (or at the bottom margin).
  const lowest = lines.reduce((m, l) => Math.min(m, l.y), page.height);
  const y = Math.max(40, lowest - 20 - h);
  return { x: Math.max(0, page.width * 0.55), y, width: Math.min(w, page.width * 0.4), height: h };
}

/** Where the number, the issue date, the signature and the seal go. */
export async function findPlacement(pdf: Uint8Array, o: { signerName?: string } = {}): Promise<Placement> {
  const { pages, lines } = await readLines(pdf);
  return placementOfLines(pages, lines, o);
}

/**
 * The same, from the text of the pages as the program that drew them knows it (the demo seed's
 * own documents): no PDF to read back. `text[i]`: the runs of page i (only the first and the
 * last pages are looked at).
 */
export function placementFromText(pages: readonly { width: number; height: number }[], text: readonly (readonly TextItem[])[], o: { signerName?: string } = {}): Placement {
  const last = pages.length - 1;
  return placementOfLines(
    pages,
    pages.map((_, i) => (i === 0 || i === last ? linesOf(i, [...(text[i] ?? [])]) : [])),
    o,
  );
}

function placementOfLines(pages: readonly { width: number; height: number }[], lines: readonly Line[][], o: { signerName?: string }): Placement {
  const last = pages.length - 1;
  const first = lines[0] ?? [];
  const rect = signerBlock(lines[last] ?? [], pages[last]!, o.signerName);
  const d = SEAL_DIAMETER;
  const seal: Rect = { x: rect.x + rect.width / 3 - d, y: rect.y + rect.height / 2 - d / 2, width: d, height: d };
  return {
    pageCount: pages.length,
    pages: [...pages],
    numberSlot: findNumber(first),
    dateSlot: findDate(first),
    signerRect: { page: last, rect },
    sealRect: { page: last, rect: seal },
  };
}

/** Decree 30 Appendix I: days below 10 and the months January and February take a leading zero. */
export function dateParts(date: Date): { day: string; month: string; year: string } {
  const vn = new Date(date.getTime() + 7 * 3600_000);
  const d = vn.getUTCDate();
  const m = vn.getUTCMonth() + 1;
  return { day: String(d).padStart(2, '0'), month: m <= 2 ? `0${m}` : String(m), year: String(vn.getUTCFullYear()) };
}

/**
 * The stamps for issuing: the number in the blank after "Số:" (right against the printed
 * "/SYMBOL", or "number/symbol" when the line has no symbol) and the date's parts centred in
 * their blanks (in italics, as Decree 30 sets the date line).
 */
export function issueStamps(p: Placement, o: { number: string; symbol: string; date: Date }): TextStamp[] {
  const out: TextStamp[] = [];
  const slot = p.numberSlot;
  if (slot) {
    const style: StampStyle = 'regular';
    const text = slot.suffix ? o.number : `${o.number}/${o.symbol}`;
    const w = textWidth(style, slot.size, text);
    const space = textWidth(style, slot.size, ' ');
    const x = slot.suffix ? Math.max(slot.blank.x + space * 0.5, slot.blank.x + slot.blank.width - w - 0.5) : slot.blank.x + space;
    out.push({ page: slot.page, x, y: slot.y, size: slot.size, text });
  }
  const date = p.dateSlot;
  if (date) {
    const parts = dateParts(o.date);
    const style: StampStyle = 'italic';
    const centred = (b: Blank, text: string): TextStamp => ({ page: date.page, x: b.x + (b.width - textWidth(style, date.size, text)) / 2, y: date.y, size: date.size, text, style });
    out.push(centred(date.day, parts.day), centred(date.month, parts.month));
    if (date.year) out.push(centred(date.year, parts.year));
  }
  return out;
}
