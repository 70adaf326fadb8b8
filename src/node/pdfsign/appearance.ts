/**
 * What a signature and the issuing stamps look like on the page: Form XObjects (appearance
 * streams) for the signature widget (the signer's image or the seal, scaled into the box, and
 * lines of text under it) and for the FreeText annotations that carry the number and the date.
 *
 * Text is set in the repo's DejaVu subsets (src/node/pdfFonts.ts, one subset per document
 * revision, with a ToUnicode map so the stamped number reads back as text) and the image is a
 * PNG whose alpha channel becomes an /SMask, so the transparent parts let the page show through.
 */
import { PDFHexString, PDFString, PngEmbedder, type PDFContext, type PDFDict, type PDFRef } from 'pdf-lib';
import { SubsetFont, fontFace, type FontStyle } from '../pdfFonts.js';
import { FONT_KEYS, PageWriter, pdfNum, textWidth } from '../pdfPage.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type StampStyle = 'regular' | 'italic' | 'bold';

/** The fonts used in one revision: created on first use, written once at the end. */
export class RevisionFonts {
  private readonly fonts = new Map<FontStyle, SubsetFont>();
  constructor(private readonly context: PDFContext) {}

  get(style: FontStyle): SubsetFont {
    let f = this.fonts.get(style);
    if (!f) {
      f = new SubsetFont(fontFace(style), this.context);
      this.fonts.set(style, f);
    }
    return f;
  }

  map(): ReadonlyMap<FontStyle, SubsetFont> {
    return this.fonts;
  }

  finish(): void {
    for (const f of this.fonts.values()) f.finish();
  }
}

/** A content-stream writer for one appearance (PageWriter's text, with the revision's fonts). */
class AppearanceWriter extends PageWriter {
  constructor(private readonly revisionFonts: RevisionFonts) {
    super(revisionFonts.map());
  }
  protected override font(style: FontStyle): SubsetFont {
    return this.revisionFonts.get(style);
  }
  raw(op: string): void {
    this.ops.push(op);
  }
  content(): string {
    return this.ops.join('\n');
  }
}

interface Resources {
  XObject?: Record<string, PDFRef>;
  Font?: Record<string, PDFRef>;
}

function formXObject(context: PDFContext, width: number, height: number, content: string, resources: Resources): PDFRef {
  const stream = context.stream(Buffer.from(content, 'latin1'), {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, Number(pdfNum(width)), Number(pdfNum(height))],
    Resources: context.obj({ ...resources }),
  });
  return context.register(stream);
}

function fontResources(fonts: RevisionFonts, styles: Iterable<FontStyle>): Record<string, PDFRef> {
  const out: Record<string, PDFRef> = {};
  for (const s of styles) out[FONT_KEYS[s]] = fonts.get(s).ref;
  return out;
}

/**
 * The signature widget's appearance: the image centred and scaled into the box (keeping its
 * proportions), and the lines centred under it in a size that fits the width.
 */
export async function signatureAppearance(context: PDFContext, fonts: RevisionFonts, rect: Rect, image: Uint8Array | undefined, lines: readonly string[]): Promise<PDFRef> {
  const w = new AppearanceWriter(fonts);
  const resources: Resources = {};
  const text = lines.map((l) => l.normalize('NFC')).filter((l) => l.trim() !== '');
  const style: FontStyle = 'regular';
  let size = 0;
  if (text.length > 0) {
    const widest = Math.max(...text.map((l) => textWidth(style, 1, l)));
    size = Math.max(4, Math.min(9, (rect.width - 4) / widest, (image ? rect.height * 0.4 : rect.height) / (text.length * 1.2)));
  }
  const textHeight = text.length * size * 1.2;
  if (image) {
    const png = await PngEmbedder.for(image);
    const ref = await png.embedIntoContext(context);
    resources.XObject = { Img: ref };
    const boxH = rect.height - textHeight;
    const scale = Math.min(rect.width / png.width, boxH / png.height);
    const iw = png.width * scale;
    const ih = png.height * scale;
    w.raw(`q ${pdfNum(iw)} 0 0 ${pdfNum(ih)} ${pdfNum((rect.width - iw) / 2)} ${pdfNum(textHeight + (boxH - ih) / 2)} cm /Img Do Q`);
  }
  if (text.length > 0) {
    const top = image ? textHeight : (rect.height + textHeight) / 2;
    w.raw('0 g');
    text.forEach((line, i) => w.centred(style, size, rect.width / 2, top - (i + 1) * size * 1.2 + size * 0.25, line));
    resources.Font = fontResources(fonts, [style]);
  }
  return formXObject(context, rect.width, rect.height, w.content(), resources);
}

/** An empty appearance for an invisible signature (PDF/A and some readers want one). */
export function emptyAppearance(context: PDFContext): PDFRef {
  return formXObject(context, 0, 0, '', {});
}

export interface PlacedText {
  page: number;
  x: number;
  y: number;
  size: number;
  text: string;
  style?: StampStyle;
}

/** A FreeText annotation showing `text` with its baseline at (x, y): its dictionary, not yet registered. */
export function textStampAnnotation(context: PDFContext, fonts: RevisionFonts, pageRef: PDFRef, stamp: PlacedText, name: string, modified: string): PDFDict {
  const style: FontStyle = stamp.style ?? 'regular';
  const text = stamp.text.normalize('NFC');
  const face = fontFace(style);
  const width = textWidth(style, stamp.size, text) + 1;
  const ascent = (face.descriptor.ascent / 1000) * stamp.size;
  const descent = (-face.descriptor.descent / 1000) * stamp.size;
  const height = ascent + descent;
  const w = new AppearanceWriter(fonts);
  w.raw('0 g');
  w.text(style, stamp.size, 0.5, descent, text);
  const ap = formXObject(context, width, height, w.content(), { Font: fontResources(fonts, [style]) });
  return context.obj({
    Type: 'Annot',
    Subtype: 'FreeText',
    Rect: [stamp.x - 0.5, stamp.y - descent, stamp.x - 0.5 + width, stamp.y + ascent].map((n) => Number(pdfNum(n))),
    Contents: PDFHexString.fromText(text),
    NM: PDFHexString.fromText(name),
    M: PDFString.of(modified),
    // Print (4) | Locked (128) | LockedContents (512): printed with the page, not movable or editable.
    F: 4 | 128 | 512,
    P: pageRef,
    DA: PDFString.of(`0 g /${FONT_KEYS[style]} ${pdfNum(stamp.size)} Tf`),
    BS: { W: 0 },
    AP: { N: ap },
  });
}
