/**
 * A PDF read for signing or verifying: its objects as they stand after the last revision
 * (pdf-lib's parser reads the file front to back, so a later revision's object replaces the
 * earlier one, whether the object sits in the file or in an object stream), the page tree,
 * and the last cross-reference section (where it is, whether it is a table or a stream, and its
 * trailer), which an incremental update must point back to.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFObjectParser, PDFParser, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import { AppError } from '../../shared/i18n/errors.js';

export interface PageInfo {
  ref: PDFRef;
  dict: PDFDict;
  /** [x1, y1, x2, y2] in points, inherited from the page tree when the page has none. */
  mediaBox: [number, number, number, number];
  /** 0, 90, 180 or 270. */
  rotate: number;
}

export interface PdfFile {
  bytes: Uint8Array;
  context: PDFContext;
  catalogRef: PDFRef;
  catalog: PDFDict;
  pages: PageInfo[];
  /** The last cross-reference section: its offset (the file's startxref) and kind. */
  lastXref: { offset: number; stream: boolean };
  /** The last trailer's /Size. */
  size: number;
  /** The last trailer's /Info and /ID, carried into the next trailer. */
  info: PDFObject | undefined;
  id: PDFObject | undefined;
}

const latin1 = (b: Uint8Array, from = 0, to = b.length): string => Buffer.from(b.buffer, b.byteOffset + from, Math.max(0, Math.min(to, b.length) - from)).toString('latin1');

/** The offset after the last "startxref" keyword's number, and the number. */
export function lastStartXref(bytes: Uint8Array, end = bytes.length): number | null {
  const tailFrom = Math.max(0, end - 2048);
  const tail = latin1(bytes, tailFrom, end);
  const at = tail.lastIndexOf('startxref');
  if (at < 0) return null;
  const m = /^startxref\s+(\d+)/u.exec(tail.slice(at));
  return m ? Number(m[1]) : null;
}

const unreadable = (): AppError => new AppError('pdf_unreadable');

/** The trailer dictionary of the cross-reference section at `offset` (a table's "trailer", or an xref stream's dictionary). */
export function trailerAt(bytes: Uint8Array, offset: number, context: PDFContext): { dict: PDFDict; stream: boolean } | null {
  if (offset <= 0 || offset >= bytes.length) return null;
  const head = latin1(bytes, offset, offset + 64);
  const skip = head.length - head.trimStart().length;
  const text = head.trimStart();
  try {
    if (text.startsWith('xref')) {
      // The table runs until "trailer"; its entries are fixed-size, but scanning is simpler and safe.
      const window = latin1(bytes, offset, Math.min(bytes.length, offset + 20 * 1024 * 1024));
      const t = window.indexOf('trailer');
      if (t < 0) return null;
      const dict = PDFObjectParser.forBytes(bytes.subarray(offset + t + 'trailer'.length), context).parseObject();
      return dict instanceof PDFDict ? { dict, stream: false } : null;
    }
    const m = /^\d+\s+\d+\s+obj\s*/u.exec(text);
    if (!m) return null;
    const dict = PDFObjectParser.forBytes(bytes.subarray(offset + skip + m[0].length), context).parseObject();
    // The stream keyword follows the dictionary; the parser returns the stream or the dict.
    const d = dict instanceof PDFDict ? dict : (dict as { dict?: PDFDict }).dict;
    return d instanceof PDFDict ? { dict: d, stream: true } : null;
  } catch {
    return null;
  }
}

export function numberOf(obj: PDFObject | undefined): number | null {
  return obj instanceof PDFNumber ? obj.asNumber() : null;
}

function box(context: PDFContext, obj: PDFObject | undefined): [number, number, number, number] | null {
  const a = context.lookup(obj);
  if (!(a instanceof PDFArray) || a.size() !== 4) return null;
  const n = a.asArray().map((v) => numberOf(context.lookup(v)));
  if (n.some((v) => v === null)) return null;
  const [x1, y1, x2, y2] = n as number[];
  return [Math.min(x1!, x2!), Math.min(y1!, y2!), Math.max(x1!, x2!), Math.max(y1!, y2!)];
}

/** The leaves of the page tree in order; inherited MediaBox and Rotate resolved. */
export function pagesOf(context: PDFContext, catalog: PDFDict): PageInfo[] {
  const pages: PageInfo[] = [];
  const seen = new Set<string>();
  const walk = (ref: PDFObject | undefined, inherited: { mediaBox: [number, number, number, number] | null; rotate: number }, depth: number): void => {
    if (!(ref instanceof PDFRef) || seen.has(ref.tag) || depth > 64) return;
    seen.add(ref.tag);
    const node = context.lookup(ref);
    if (!(node instanceof PDFDict)) return;
    const mediaBox = box(context, node.get(PDFName.of('MediaBox'))) ?? inherited.mediaBox;
    const rotate = numberOf(context.lookup(node.get(PDFName.of('Rotate')))) ?? inherited.rotate;
    const kids = context.lookup(node.get(PDFName.of('Kids')));
    const type = node.get(PDFName.of('Type'));
    if (kids instanceof PDFArray && type !== PDFName.of('Page')) {
      for (const kid of kids.asArray()) walk(kid, { mediaBox, rotate }, depth + 1);
      return;
    }
    pages.push({ ref, dict: node, mediaBox: mediaBox ?? [0, 0, 595.28, 841.89], rotate: ((rotate % 360) + 360) % 360 });
  };
  walk(catalog.get(PDFName.of('Pages')), { mediaBox: null, rotate: 0 }, 0);
  return pages;
}

/** Parse only the objects (no cross-reference checks): the state after the last revision. */
export async function parseObjects(bytes: Uint8Array): Promise<PDFContext> {
  const savedWarn = console.warn;
  // pdf-lib warns on the console for each object it cannot parse; a damaged file is reported by the caller.
  console.warn = () => undefined;
  try {
    return await PDFParser.forBytesWithOptions(bytes, Number.POSITIVE_INFINITY, false, false).parseDocument();
  } finally {
    console.warn = savedWarn;
  }
}

/** Read a PDF for signing or verifying. AppError('pdf_unreadable') / AppError('pdf_encrypted'). */
export async function readPdf(bytes: Uint8Array): Promise<PdfFile> {
  if (!latin1(bytes, 0, 1024).includes('%PDF-')) throw unreadable();
  const offset = lastStartXref(bytes);
  if (offset === null) throw unreadable();
  let context: PDFContext;
  try {
    context = await parseObjects(bytes);
  } catch {
    throw unreadable();
  }
  const trailer = trailerAt(bytes, offset, context);
  if (!trailer) throw unreadable();
  if (trailer.dict.get(PDFName.of('Encrypt')) ?? context.trailerInfo.Encrypt) throw new AppError('pdf_encrypted');
  const root = trailer.dict.get(PDFName.of('Root')) ?? context.trailerInfo.Root;
  const catalog = context.lookup(root);
  if (!(root instanceof PDFRef) || !(catalog instanceof PDFDict)) throw unreadable();
  const pages = pagesOf(context, catalog);
  if (pages.length === 0) throw unreadable();
  const size = numberOf(trailer.dict.get(PDFName.of('Size'))) ?? 0;
  return {
    bytes,
    context,
    catalogRef: root,
    catalog,
    pages,
    lastXref: { offset, stream: trailer.stream },
    size,
    info: trailer.dict.get(PDFName.of('Info')) ?? context.trailerInfo.Info,
    id: trailer.dict.get(PDFName.of('ID')) ?? context.trailerInfo.ID,
  };
}
