/**
 * Renders the PDF of a demo incoming document in the layout of Decree 30/2020 (Appendix I):
 * issuer and number/symbol top left, the national name and motto top right, the
 * place-and-date line, the type name and subject centred, a justified body, "Nơi nhận:"
 * and the signature block at the bottom.
 *
 * Fonts: DejaVu Serif Condensed (the closest DejaVu face to the Times New Roman metrics of
 * official documents) and DejaVu Sans Bold for the urgency/confidentiality stamps, from the
 * npm package dejavu-fonts-ttf, embedded as per-document subsets with a ToUnicode map so the
 * Vietnamese text is extractable. See fonts.ts for why we subset ourselves rather than
 * through pdf-lib's embedFont (about 45 ms a page there, 2–4 ms here).
 *
 * The output is deterministic: the same input gives the same bytes.
 */
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import type { Confidentiality, Urgency } from '../../../shared/incoming/model.js';
import { formatDateVi, nfcDeep, placeDateLine } from '../../../shared/text/vietnamese.js';
import { SubsetFont, fontFace, type FontStyle } from '../../../node/pdfFonts.js';
import { FONT_KEYS, PageWriter, pdfNum as num, textWidth as widthOf } from '../../../node/pdfPage.js';
import type { TextItem } from '../../../node/pdfsign/placement.js';
import { fillerParagraphs, genericBody } from './prose.js';
import { createRandom, hashSeed } from './random.js';

export { dejavuFontDir } from '../../../node/pdfFonts.js';

export interface IncomingPdfInput {
  /** "Bộ Nội vụ", "Sở Tài chính tỉnh Kon Tum", "UBND huyện Đăk Hà". */
  issuer: string;
  /** The governing body printed above the issuer ("UBND tỉnh Kon Tum" above a department). */
  issuerParent?: string;
  /** The issuer as printed in the header, when it differs from `issuer` ("Ủy ban nhân dân\nhuyện Đăk Hà"; "\n" breaks the line). */
  issuerHeader?: string;
  codeNumber: string;
  codeNotation: string;
  /** 'YYYY-MM-DD' */
  issuedDate: string;
  documentType: string;
  subject: string;
  signerName: string;
  /** "Bộ trưởng", or with a signing label: "KT. Bộ trưởng, Thứ trưởng" (one printed line per comma-separated part). */
  signerPosition: string;
  /** The place in the place-and-date line; default "Hà Nội". */
  place?: string;
  bodyParagraphs?: string[];
  /** Add an annex (phụ lục) of prose after the signature until the document has this many pages. */
  pageCount?: number;
  /** "Kính gửi: …" for letters (công văn) and submissions (tờ trình); default the demo agency. */
  addressee?: string;
  /** The "Nơi nhận:" list, without the dashes. */
  recipients?: string[];
  urgency?: Urgency;
  confidentiality?: Confidentiality;
  /**
   * The agency's own document before it is issued: "Số:      /{codeNotation}" and "{place},
   * ngày      tháng      năm      ", blanks the clerk's seal stamps the number and the date into
   * (src/node/pdfsign issueStamps); `codeNumber` is not printed, `issuedDate` only seeds the body.
   */
  unnumbered?: boolean;
}

type Style = FontStyle;
const unitWidth = (style: Style, text: string): number => fontFace(style).widthOf(text);

/** Greedy line breaking on spaces; a word longer than the line gets a line of its own. */
function wrap(style: Style, size: number, text: string, width: number, firstIndent = 0): string[] {
  const words = text.split(/\s+/u).filter((w) => w !== '');
  const space = unitWidth(style, ' ') * size;
  const lines: string[] = [];
  let line: string[] = [];
  let lineW = 0;
  for (const word of words) {
    const w = unitWidth(style, word) * size;
    const avail = width - (lines.length === 0 ? firstIndent : 0);
    if (line.length > 0 && lineW + space + w > avail) {
      lines.push(line.join(' '));
      line = [word];
      lineW = w;
    } else {
      lineW += (line.length > 0 ? space : 0) + w;
      line.push(word);
    }
  }
  if (line.length > 0) lines.push(line.join(' '));
  return lines;
}

const upper = (s: string): string => s.toLocaleUpperCase('vi');

// ---------------------------------------------------------------------------------------------
// Page geometry (points; A4; margins of Decree 30: top/bottom 20 mm, left 30 mm, right 20 mm).

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MM = 72 / 25.4;
const ML = 30 * MM;
const MR = 20 * MM;
const MT = 20 * MM;
const MB = 20 * MM;
const CONTENT_W = PAGE_W - ML - MR;
const LEFT_COL = { x: ML - 22, w: 215 };
const RIGHT_COL = { x: ML + 192, w: PAGE_W - MR + 12 - (ML + 192) };
const BODY_SIZE = 13;
const BODY_LH = 17.5;
const PARA_GAP = 5;
const INDENT = 1.27 * 10 * MM;

const URGENCY_LABEL: Record<Urgency, string | null> = { normal: null, urgent: 'KHẨN', very_urgent: 'THƯỢNG KHẨN', flash: 'HỎA TỐC' };
const SECRECY_LABEL: Record<Confidentiality, string | null> = { normal: null, confidential: 'MẬT', secret: 'TỐI MẬT', top_secret: 'TUYỆT MẬT' };


/** The demo document's pages: Decree 30 margins, page numbers from the second page on. */
class Writer extends PageWriter {
  pageIndex = 0;
  y = PAGE_H - MT;
  /** What each page says where, as a PDF reader would find it (justified body lines left out). */
  readonly runs: TextItem[][] = [[]];

  override text(style: Style, size: number, x: number, y: number, text: string): void {
    super.text(style, size, x, y, text);
    if (text !== '') (this.runs[this.pageIndex] ??= []).push({ str: text, x, y, width: widthOf(style, size, text), size });
  }

  /** A line stretched to `width` by widening its spaces (TJ adjustments, so the spaces stay real text). */
  justified(style: Style, size: number, x: number, y: number, width: number, text: string): void {
    const words = text.split(' ');
    const extra = words.length > 1 ? (width - widthOf(style, size, text)) / (words.length - 1) : 0;
    if (extra <= 0.01 || extra > size) {
      this.text(style, size, x, y, text);
      return;
    }
    const f = this.font(style);
    const adjust = num((-extra * 1000) / size);
    const parts = words.map((w, i) => `<${f.encode(i < words.length - 1 ? `${w} ` : w)}>`);
    this.ops.push(`BT /${FONT_KEYS[style]} ${size} Tf 1 0 0 1 ${num(x)} ${num(y)} Tm [${parts.join(` ${adjust} `)}] TJ ET`);
  }

  box(x: number, y: number, w: number, h: number): void {
    this.ops.push(`1 w ${num(x)} ${num(y)} ${num(w)} ${num(h)} re S`);
  }

  newPage(): void {
    this.endPage();
    this.pageIndex += 1;
    // Page numbers from the second page on, centred in the top margin (Decree 30, Appendix I).
    this.centred('regular', 12, ML + CONTENT_W / 2, PAGE_H - MT + 18, String(this.pageIndex + 1));
    this.y = PAGE_H - MT - 4;
  }

  /** Make sure `height` points are left above the bottom margin, else start a new page. */
  ensure(height: number): void {
    if (this.y - height < MB) this.newPage();
  }

  /** The content streams of all pages. */
  finish(): string[] {
    this.endPage();
    return this.pages.map((ops) => ops.join('\n'));
  }
}

interface Para {
  lines: string[];
  style: Style;
  align: 'justify' | 'centre';
}

function layoutParagraph(text: string): Para {
  const t = text.normalize('NFC').trim();
  // A short all-capitals paragraph ("QUYẾT ĐỊNH:") is a centred bold heading.
  if (t.length <= 60 && t === upper(t) && /\p{Lu}/u.test(t)) return { lines: [t], style: 'bold', align: 'centre' };
  return { lines: wrap('regular', BODY_SIZE, t, CONTENT_W, INDENT), style: 'regular', align: 'justify' };
}

function drawParagraph(w: Writer, p: Para): void {
  p.lines.forEach((line, i) => {
    w.ensure(BODY_LH);
    w.y -= BODY_LH;
    if (p.align === 'centre') w.centred(p.style, BODY_SIZE, ML + CONTENT_W / 2, w.y, line);
    else {
      const x = ML + (i === 0 ? INDENT : 0);
      const width = CONTENT_W - (i === 0 ? INDENT : 0);
      if (i === p.lines.length - 1) w.text(p.style, BODY_SIZE, x, w.y, line);
      else w.justified(p.style, BODY_SIZE, x, w.y, width, line);
    }
  });
  w.y -= PARA_GAP;
}

const SIGNING_LABEL = /^(?:TM|KT|TL|TUQ|Q)\.\s/u;

/**
 * The printed lines of a signer's position. Without a signing label it is one line
 * ("Bộ trưởng, Chủ nhiệm"); with one, a new line starts at each further label and at the
 * last comma: "TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch" → 3 lines,
 * "KT. Bộ trưởng, Chủ nhiệm, Phó Chủ nhiệm" → "KT. Bộ trưởng, Chủ nhiệm" / "Phó Chủ nhiệm".
 */
export function signatureLines(position: string): string[] {
  const p = position.normalize('NFC').trim();
  if (!SIGNING_LABEL.test(p)) return p === '' ? [] : [p];
  const parts = p.split(/,\s*/u);
  const lines: string[] = [];
  parts.forEach((part, i) => {
    if (i === 0 || SIGNING_LABEL.test(part) || i === parts.length - 1) lines.push(part);
    else lines[lines.length - 1] += `, ${part}`;
  });
  return lines;
}

function isLetter(documentType: string): boolean {
  const t = documentType.normalize('NFC').trim().toLocaleLowerCase('vi');
  return t === 'công văn' || t === 'thư công';
}

function defaultRecipients(input: IncomingPdfInput): string[] {
  const unit = input.codeNotation.split('-').slice(1).join('-');
  const out = isLetter(input.documentType) || input.addressee ? ['Như trên'] : ['Ủy ban nhân dân tỉnh Kon Tum'];
  out.push('Các đơn vị liên quan');
  out.push(isLetter(input.documentType) && unit ? `Lưu: VT, ${unit}` : 'Lưu: VT');
  return out;
}

/** Render the document as a PDF. Deterministic: the same input gives the same bytes (no dates or random ids inside). */
export async function renderIncomingPdf(raw: IncomingPdfInput): Promise<Uint8Array> {
  return (await renderPdfWithText(raw)).bytes;
}

/** A rendered document, with its pages and where their text was drawn (placementFromText reads it). */
export interface RenderedPdf {
  bytes: Uint8Array;
  pages: { width: number; height: number }[];
  text: TextItem[][];
}

/** The PDF, and what its pages say where: the demo seed places its signatures without reading the PDF back. */
export async function renderPdfWithText(raw: IncomingPdfInput): Promise<RenderedPdf> {
  // NFC everywhere: decomposed marks would be drawn as separate, unpositioned glyphs.
  const input = nfcDeep(raw);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const context = pdf.context;
  const urgencyLabel = URGENCY_LABEL[input.urgency ?? 'normal'];
  const secrecyLabel = SECRECY_LABEL[input.confidentiality ?? 'normal'];
  const styles: Style[] = ['regular', 'bold', 'italic', 'boldItalic'];
  if (urgencyLabel || secrecyLabel) styles.push('stamp');
  const fonts = new Map<Style, SubsetFont>();
  for (const st of styles) fonts.set(st, new SubsetFont(fontFace(st), context));

  // Six spaces: the blank a clerk's number of up to five digits is stamped into.
  const numberSymbol = `${input.unnumbered ? '      ' : input.codeNumber.trim()}/${input.codeNotation.normalize('NFC').trim()}`;
  const dateLine = input.unnumbered ? `${input.place ?? 'Hà Nội'}, ngày      tháng      năm      ` : placeDateLine(input.place ?? 'Hà Nội', input.issuedDate);
  const letter = isLetter(input.documentType);
  const subject = input.subject.normalize('NFC').trim();
  pdf.setTitle((input.unnumbered ? subject : `${numberSymbol} — ${subject}`).slice(0, 500), { showInWindowTitleBar: false });
  pdf.setSubject(subject);
  pdf.setProducer('iOffice demo');
  pdf.setCreator('iOffice demo');
  pdf.setLanguage('vi-VN');

  const w = new Writer(fonts);
  const leftC = LEFT_COL.x + LEFT_COL.w / 2;
  const rightC = RIGHT_COL.x + RIGHT_COL.w / 2;
  const top = PAGE_H - MT - 10;

  // Left column: governing body, issuer, short rule, number/symbol, (letters) the subject.
  let ly = top;
  if (input.issuerParent) {
    for (const l of input.issuerParent.split('\n').flatMap((h) => wrap('regular', 12, upper(h), LEFT_COL.w))) (w.centred('regular', 12, leftC, ly, l), (ly -= 15));
  }
  let issuerW = 0;
  for (const l of (input.issuerHeader ?? input.issuer).split('\n').flatMap((h) => wrap('bold', 12, upper(h), LEFT_COL.w))) {
    issuerW = Math.max(issuerW, w.centred('bold', 12, leftC, ly, l));
    ly -= 15;
  }
  const rule = Math.min(issuerW, 70);
  w.line(leftC - rule / 2, ly + 11, leftC + rule / 2, ly + 11);
  ly -= 12;
  w.centred('regular', 13, leftC, ly, `Số: ${numberSymbol}`);
  const dateY = ly;
  ly -= 18;
  if (letter) {
    for (const l of wrap('regular', 12, subject, LEFT_COL.w - 10)) (w.centred('regular', 12, leftC, ly, l), (ly -= 15));
  }
  // Stamps: confidentiality and urgency, boxed, below the number (Decree 30, Appendix I, items 10a–10b).
  for (const label of [secrecyLabel, urgencyLabel]) {
    if (!label) continue;
    ly -= 6;
    const sw = w.centred('stamp', 12, leftC, ly, label);
    w.box(leftC - sw / 2 - 5, ly - 5, sw + 10, 19);
    ly -= 24;
  }

  // Right column: national name and motto, place and date.
  let ry = top;
  w.centred('bold', 12, rightC, ry, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  ry -= 16;
  const mottoW = w.centred('bold', 13, rightC, ry, 'Độc lập - Tự do - Hạnh phúc');
  w.line(rightC - mottoW / 2, ry - 3, rightC + mottoW / 2, ry - 3);
  w.centred('italic', 13, rightC, Math.min(dateY, ry - 24), dateLine);
  w.y = Math.min(ly, dateY - 24) - 8;

  // Type name and subject (not for letters, whose subject sits under the number).
  if (!letter) {
    w.y -= 20;
    w.centred('bold', 14, ML + CONTENT_W / 2, w.y, upper(input.documentType));
    const lines = wrap('bold', 13, subject, CONTENT_W - 50);
    let sw = 0;
    for (const l of lines) {
      w.y -= 17;
      sw = Math.max(sw, w.centred('bold', 13, ML + CONTENT_W / 2, w.y, l));
    }
    const r = Math.min(sw / 3, 120);
    w.line(ML + CONTENT_W / 2 - r / 2, w.y - 9, ML + CONTENT_W / 2 + r / 2, w.y - 9);
    w.y -= 14;
  }
  const addressee = input.addressee ?? (letter || input.documentType.toLocaleLowerCase('vi') === 'tờ trình' ? 'Ủy ban nhân dân tỉnh Kon Tum' : null);
  if (addressee) {
    w.y -= 24;
    w.centred('regular', 13, ML + CONTENT_W / 2, w.y, `Kính gửi: ${addressee}.`);
    w.y -= 8;
  } else w.y -= 6;

  // Body.
  const seed = hashSeed(`${input.issuer}|${numberSymbol}|${input.issuedDate}`);
  const body = input.bodyParagraphs && input.bodyParagraphs.length > 0 ? input.bodyParagraphs : genericBody(createRandom(seed), input.issuer);
  for (const p of body) drawParagraph(w, layoutParagraph(p));

  // Signature block (right) and "Nơi nhận:" (left), kept together on one page.
  const positionLines = signatureLines(input.signerPosition).flatMap((s) => wrap('bold', 13, upper(s), RIGHT_COL.w - 20));
  const recipients = input.recipients ?? defaultRecipients(input);
  const signH = positionLines.length * 16 + 72 + 16;
  const recH = 16 + recipients.length * 13.5;
  w.ensure(Math.max(signH, recH) + 18);
  w.y -= 18;
  const blockTop = w.y;
  let sy = blockTop;
  for (const l of positionLines) (w.centred('bold', 13, rightC, sy, l), (sy -= 16));
  sy -= 72;
  w.centred('bold', 13, rightC, sy, input.signerName.normalize('NFC').trim());
  let ny = blockTop;
  w.text('boldItalic', 12, ML - 12, ny, 'Nơi nhận:');
  recipients.forEach((r, i) => {
    ny -= 13.5;
    w.text('regular', 11, ML - 12, ny, `- ${r}${i === recipients.length - 1 ? '.' : ';'}`);
  });

  // Longer documents: an annex (phụ lục) after the signature fills the requested number of pages.
  const target = Math.max(1, Math.floor(input.pageCount ?? 1));
  if (target > w.pageIndex + 1) {
    w.newPage();
    w.y -= 16;
    w.centred('bold', 13, ML + CONTENT_W / 2, w.y, 'PHỤ LỤC');
    const ref = input.unnumbered
      ? `(Kèm theo ${input.documentType} số ${numberSymbol} của ${input.issuer})`
      : `(Kèm theo ${input.documentType} số ${numberSymbol} ngày ${formatDateVi(input.issuedDate)} của ${input.issuer})`;
    for (const l of wrap('italic', 13, ref, CONTENT_W - 40)) {
      w.y -= 17;
      w.centred('italic', 13, ML + CONTENT_W / 2, w.y, l);
    }
    w.y -= 10;
    const filler = fillerParagraphs(createRandom(seed ^ 0x9e3779b9));
    for (;;) {
      const para = layoutParagraph(filler.next().value as string);
      // On the last page, stop at the first paragraph that would not fit (no spill onto another page).
      if (w.pageIndex >= target - 1 && para.lines.length * BODY_LH + PARA_GAP > w.y - MB) break;
      drawParagraph(w, para);
    }
  }

  // Pages: one shared resource dictionary, one deflated content stream each.
  const streams = w.finish();
  const fontDict: Record<string, PDFRef> = {};
  for (const [st, f] of fonts) {
    f.finish();
    fontDict[FONT_KEYS[st]] = f.ref;
  }
  const resources = context.register(context.obj({ Font: fontDict, ProcSet: ['PDF', 'Text'] }));
  for (const content of streams) {
    const page = pdf.addPage([PAGE_W, PAGE_H]);
    page.node.set(PDFName.of('Resources'), resources);
    page.node.set(PDFName.of('Contents'), context.register(context.stream(deflateSync(Buffer.from(content, 'latin1')), { Filter: 'FlateDecode' })));
  }
  const bytes = await pdf.save({ useObjectStreams: true, objectsPerTick: Number.POSITIVE_INFINITY });
  return { bytes, pages: streams.map(() => ({ width: PAGE_W, height: PAGE_H })), text: streams.map((_, i) => w.runs[i] ?? []) };
}

/** A multi-page document (for benchmarks): the same layout, with the body filled to `pages` pages. */
export async function renderMultiPagePdf(pages: number, seed = 1): Promise<Uint8Array> {
  const rng = createRandom(seed);
  const n = rng.int(1, 900);
  return renderIncomingPdf({
    issuer: 'Sở Tài chính tỉnh Kon Tum',
    issuerParent: 'UBND tỉnh Kon Tum',
    codeNumber: String(n),
    codeNotation: 'BC-STC',
    issuedDate: '2025-11-20',
    documentType: 'Báo cáo',
    subject: 'Tình hình thực hiện dự toán thu, chi ngân sách nhà nước năm 2025 và dự kiến nhiệm vụ năm 2026',
    signerName: 'Nguyễn Văn Hưng',
    signerPosition: 'KT. Giám đốc, Phó Giám đốc',
    place: 'Kon Tum',
    pageCount: pages,
  });
}
