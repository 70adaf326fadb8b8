/**
 * Pages written as raw PDF content-stream text with the subset fonts of pdfFonts.ts (faster
 * than building pdf-lib operator objects): the text, centring, line-breaking, line and box
 * operators every printed document needs, and the assembly of the pages into the document.
 * The server's demo documents, the core's printed week and its document registers extend it
 * with their own page layout (margins, page numbers, footers).
 */
import { deflateSync } from 'node:zlib';
import { PDFName, type PDFDocument, type PDFRef } from 'pdf-lib';
import { fontFace, type FontStyle, type SubsetFont } from './pdfFonts.js';

/** The font resource name of each style, as the documents' resource dictionaries register them. */
export const FONT_KEYS: Readonly<Record<FontStyle, string>> = { regular: 'R', bold: 'B', italic: 'I', boldItalic: 'BI', stamp: 'S' };

/** A number as content streams write it: at most two decimals. */
export const pdfNum = (n: number): string => (Math.round(n * 100) / 100).toString();

/** The width of `text` in points, set in `style` at `size`. */
export const textWidth = (style: FontStyle, size: number, text: string): number => fontFace(style).widthOf(text) * size;

/**
 * Greedy line breaking on spaces, each line break of the text kept; a word wider than the
 * line (a long symbol, an e-mail address) is cut where it must be rather than overflow its cell.
 */
export function wrapText(style: FontStyle, size: number, text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/u)) {
    const words = paragraph.split(/\s+/u).filter((w) => w !== '');
    let line = '';
    for (const word of words) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (textWidth(style, size, candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') out.push(line);
      line = '';
      let rest = word;
      while (textWidth(style, size, rest) > width) {
        let cut = 1;
        const chars = [...rest];
        while (cut < chars.length && textWidth(style, size, chars.slice(0, cut + 1).join('')) <= width) cut++;
        out.push(chars.slice(0, cut).join(''));
        rest = chars.slice(cut).join('');
      }
      line = rest;
    }
    if (line !== '') out.push(line);
  }
  return out;
}

export class PageWriter {
  /** The current page's operators. */
  protected ops: string[] = [];
  /** The pages already ended. */
  protected readonly pages: string[][] = [];

  constructor(private readonly fonts: ReadonlyMap<FontStyle, SubsetFont>) {}

  protected font(style: FontStyle): SubsetFont {
    const f = this.fonts.get(style);
    if (!f) throw new Error(`font ${style} not set up`);
    return f;
  }

  text(style: FontStyle, size: number, x: number, y: number, text: string): void {
    if (text === '') return;
    this.ops.push(`BT /${FONT_KEYS[style]} ${size} Tf 1 0 0 1 ${pdfNum(x)} ${pdfNum(y)} Tm <${this.font(style).encode(text)}> Tj ET`);
  }

  centred(style: FontStyle, size: number, centreX: number, y: number, text: string): number {
    const w = textWidth(style, size, text);
    this.text(style, size, centreX - w / 2, y, text);
    return w;
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.6): void {
    this.ops.push(`${width} w ${pdfNum(x1)} ${pdfNum(y1)} m ${pdfNum(x2)} ${pdfNum(y2)} l S`);
  }

  /** A box's outline; (x, y) is its lower left corner. */
  rect(x: number, y: number, w: number, h: number, width = 0.6): void {
    this.ops.push(`${width} w ${pdfNum(x)} ${pdfNum(y)} ${pdfNum(w)} ${pdfNum(h)} re S`);
  }

  /** A box filled in grey (0 black … 1 white), the colour set back to black after. */
  fill(x: number, y: number, w: number, h: number, grey: number): void {
    this.ops.push(`${grey} g ${pdfNum(x)} ${pdfNum(y)} ${pdfNum(w)} ${pdfNum(h)} re f 0 g`);
  }

  /** End the current page (kept for finishing) and start writing an empty one. */
  protected endPage(): void {
    this.pages.push(this.ops);
    this.ops = [];
  }

  /**
   * The content streams of all pages, the current one ended too, each first given its footer:
   * "Trang n/N" needs the total, known only now.
   */
  finishPages(footer: (page: number, total: number) => void): string[] {
    this.endPage();
    const total = this.pages.length;
    return this.pages.map((ops, i) => {
      this.ops = ops;
      footer(i + 1, total);
      return this.ops.join('\n');
    });
  }
}

/**
 * Add the pages to the document: each font's subset written once (after every page's text has
 * been encoded with it), one resource dictionary they all share, one deflated stream a page.
 */
export function addPages(pdf: PDFDocument, fonts: ReadonlyMap<FontStyle, SubsetFont>, streams: readonly string[], size: [number, number]): void {
  const context = pdf.context;
  const fontDict: Record<string, PDFRef> = {};
  for (const [style, f] of fonts) {
    f.finish();
    fontDict[FONT_KEYS[style]] = f.ref;
  }
  const resources = context.register(context.obj({ Font: fontDict, ProcSet: ['PDF', 'Text'] }));
  for (const content of streams) {
    const page = pdf.addPage(size);
    page.node.set(PDFName.of('Resources'), resources);
    page.node.set(PDFName.of('Contents'), context.register(context.stream(deflateSync(Buffer.from(content, 'latin1')), { Filter: 'FlateDecode' })));
  }
}
