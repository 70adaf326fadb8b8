/**
 * Pages written as raw PDF content-stream text with the subset fonts of pdfFonts.ts (faster
 * than building pdf-lib operator objects): the text, centring and line operators every printed
 * document needs. The server's demo documents and the core's printed week extend it with their
 * own page layout (margins, page numbers, footers).
 */
import { fontFace, type FontStyle, type SubsetFont } from './pdfFonts.js';

/** The font resource name of each style, as the documents' resource dictionaries register them. */
export const FONT_KEYS: Readonly<Record<FontStyle, string>> = { regular: 'R', bold: 'B', italic: 'I', boldItalic: 'BI', stamp: 'S' };

/** A number as content streams write it: at most two decimals. */
export const pdfNum = (n: number): string => (Math.round(n * 100) / 100).toString();

/** The width of `text` in points, set in `style` at `size`. */
export const textWidth = (style: FontStyle, size: number, text: string): number => fontFace(style).widthOf(text) * size;

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

  /** End the current page (kept for finishing) and start writing an empty one. */
  protected endPage(): void {
    this.pages.push(this.ops);
    this.ops = [];
  }
}
