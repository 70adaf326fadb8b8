/**
 * Fast per-document TrueType subsetting for the PDFs the server's demo seed and the core print
 * (src/node: Node-only code both runtimes use; scripts/check-layers.ts).
 *
 * Why not `pdf.embedFont(bytes, { subset: true })`: with pdf-lib 1.17 and @pdf-lib/fontkit,
 * every drawn string goes through fontkit's OpenType shaper (GSUB/GPOS, about 0.2–0.5 ms a
 * call) and every subset re-encodes the hinting tables value by value through `restructure`.
 * That made one page cost about 45 ms. Vietnamese text normalised to NFC needs no shaping
 * at all: every letter, with its marks, is one precomposed glyph in DejaVu, reached through
 * the cmap. So we:
 *   - parse each font once per process (fontkit, for the cmap and the metrics), and keep
 *     its raw bytes;
 *   - map characters to glyphs through a cache, and measure with the hmtx advances
 *     (exactly the widths the PDF viewer uses: the W array below);
 *   - write the subset TrueType ourselves: the used glyphs (plus the components of composite
 *     glyphs, re-numbered) copied byte for byte, and head/hhea/maxp/cvt/fpgm/prep copied
 *     from the original — the same table set fontkit's TTFSubset writes;
 *   - emit the Type0 / CIDFontType2 / FontDescriptor / ToUnicode objects with pdf-lib's
 *     low-level API, deflated with Node's native zlib.
 * The text stays extractable (ToUnicode maps every glyph back to its code point) and the
 * output is byte-for-byte reproducible.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFRef, PDFString } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type FkFont = ReturnType<Fontkit['create']>;
type PDFContext = PDFDocument['context'];

export const FONT_FILES = {
  regular: 'DejaVuSerifCondensed.ttf',
  bold: 'DejaVuSerifCondensed-Bold.ttf',
  italic: 'DejaVuSerifCondensed-Italic.ttf',
  boldItalic: 'DejaVuSerifCondensed-BoldItalic.ttf',
  stamp: 'DejaVuSans-Bold.ttf',
} as const;
export type FontStyle = keyof typeof FONT_FILES;

/** Subset tags (six capitals and "+", ISO 32000 §9.6.4), fixed so the output is reproducible. */
const SUBSET_TAG: Record<FontStyle, string> = { regular: 'IOFREG', bold: 'IOFBLD', italic: 'IOFITA', boldItalic: 'IOFBDI', stamp: 'IOFSTB' };

let fontDir: string | null = null;

/** The folder holding the DejaVu .ttf files of the npm package dejavu-fonts-ttf. */
export function dejavuFontDir(): string {
  if (fontDir === null) {
    const require = createRequire(import.meta.url);
    fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  }
  return fontDir;
}

interface TableEntry {
  offset: number;
  length: number;
}

/** A parsed font face, shared by every document in the process. */
export class FontFace {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly numGlyphs: number;
  private readonly view: DataView;
  private readonly tables = new Map<string, TableEntry>();
  private readonly longLoca: boolean;
  private readonly numberOfHMetrics: number;
  private readonly gidByCodePoint = new Map<number, number>();
  private readonly widthCache = new Map<string, number>();
  readonly descriptor: {
    ascent: number;
    descent: number;
    capHeight: number;
    xHeight: number;
    italicAngle: number;
    bbox: [number, number, number, number];
    flags: number;
  };

  constructor(
    readonly style: FontStyle,
    readonly bytes: Uint8Array,
    private readonly font: FkFont,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const numTables = this.view.getUint16(4);
    for (let i = 0; i < numTables; i++) {
      const at = 12 + 16 * i;
      const tag = String.fromCharCode(bytes[at] as number, bytes[at + 1] as number, bytes[at + 2] as number, bytes[at + 3] as number);
      this.tables.set(tag, { offset: this.view.getUint32(at + 8), length: this.view.getUint32(at + 12) });
    }
    const head = this.table('head');
    this.unitsPerEm = this.view.getUint16(head.offset + 18);
    this.longLoca = this.view.getInt16(head.offset + 50) === 1;
    this.numGlyphs = this.view.getUint16(this.table('maxp').offset + 4);
    this.numberOfHMetrics = this.view.getUint16(this.table('hhea').offset + 34);
    this.postscriptName = font.postscriptName || style;
    const k = 1000 / this.unitsPerEm;
    const bbox = font.bbox;
    const italic = font.italicAngle !== 0;
    const os2 = this.tables.get('OS/2');
    const familyClass = os2 ? this.view.getInt16(os2.offset + 30) >> 8 : 0;
    this.descriptor = {
      ascent: Math.round(font.ascent * k),
      descent: Math.round(font.descent * k),
      capHeight: Math.round((font.capHeight || font.ascent) * k),
      xHeight: Math.round((font.xHeight || 0) * k),
      italicAngle: font.italicAngle,
      bbox: [Math.round(bbox.minX * k), Math.round(bbox.minY * k), Math.round(bbox.maxX * k), Math.round(bbox.maxY * k)],
      // Serif (bit 2) for the serif faces, Symbolic (bit 3) as pdf-lib sets it for CID fonts, Italic (bit 7).
      flags: (familyClass >= 1 && familyClass <= 7 ? 2 : 0) | 4 | (italic ? 64 : 0),
    };
  }

  table(tag: string): TableEntry {
    const t = this.tables.get(tag);
    if (!t) throw new Error(`font ${this.style} has no ${tag} table`);
    return t;
  }

  tableBytes(tag: string): Uint8Array | null {
    const t = this.tables.get(tag);
    return t ? this.bytes.subarray(t.offset, t.offset + t.length) : null;
  }

  glyphId(codePoint: number): number {
    let gid = this.gidByCodePoint.get(codePoint);
    if (gid === undefined) {
      gid = this.font.hasGlyphForCodePoint(codePoint) ? this.font.glyphForCodePoint(codePoint).id : 0;
      this.gidByCodePoint.set(codePoint, gid);
    }
    return gid;
  }

  advance(gid: number): number {
    const hmtx = this.table('hmtx').offset;
    const i = gid < this.numberOfHMetrics ? gid : this.numberOfHMetrics - 1;
    return this.view.getUint16(hmtx + 4 * i);
  }

  leftSideBearing(gid: number): number {
    const hmtx = this.table('hmtx').offset;
    if (gid < this.numberOfHMetrics) return this.view.getInt16(hmtx + 4 * gid + 2);
    return this.view.getInt16(hmtx + 4 * this.numberOfHMetrics + 2 * (gid - this.numberOfHMetrics));
  }

  /** The glyph's bytes in the glyf table (empty for glyphs without outlines, such as the space). */
  glyphBytes(gid: number): Uint8Array {
    const loca = this.table('loca').offset;
    const glyf = this.table('glyf').offset;
    const [start, end] = this.longLoca
      ? [this.view.getUint32(loca + 4 * gid), this.view.getUint32(loca + 4 * gid + 4)]
      : [this.view.getUint16(loca + 2 * gid) * 2, this.view.getUint16(loca + 2 * gid + 2) * 2];
    return this.bytes.subarray(glyf + start, glyf + end);
  }

  /** Width of `text` at font size 1, in points (the sum of the glyphs' advances, no kerning). */
  widthOf(text: string): number {
    let w = this.widthCache.get(text);
    if (w === undefined) {
      w = 0;
      for (const ch of text) w += this.advance(this.glyphId(ch.codePointAt(0) as number));
      w /= this.unitsPerEm;
      if (this.widthCache.size < 100_000) this.widthCache.set(text, w);
    }
    return w;
  }
}

const faces = new Map<FontStyle, FontFace>();

/** The face for a style, loaded and parsed on first use, then cached for the life of the process. */
export function fontFace(style: FontStyle): FontFace {
  let f = faces.get(style);
  if (!f) {
    const bytes = new Uint8Array(readFileSync(join(dejavuFontDir(), FONT_FILES[style])));
    f = new FontFace(style, bytes, (fontkit).create(bytes));
    faces.set(style, f);
  }
  return f;
}

// ---------------------------------------------------------------------------------------------

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

function checksum(data: Uint8Array): number {
  let sum = 0;
  const padded = data.length % 4 === 0 ? data : (() => {
    const p = new Uint8Array(data.length + (4 - (data.length % 4)));
    p.set(data);
    return p;
  })();
  const v = new DataView(padded.buffer, padded.byteOffset, padded.byteLength);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

/** The glyphs one document uses from one face; encodes text and finally writes the PDF font objects. */
export class SubsetFont {
  /** Original glyph ids, in subset order (subset id = index); 0 is .notdef. */
  private readonly gids: number[] = [0];
  private readonly subsetIdOf = new Map<number, number>([[0, 0]]);
  private readonly unicodeOf = new Map<number, string>();
  readonly ref: PDFRef;

  constructor(
    readonly face: FontFace,
    private readonly context: PDFContext,
  ) {
    this.ref = context.nextRef();
  }

  private include(gid: number): number {
    let id = this.subsetIdOf.get(gid);
    if (id === undefined) {
      id = this.gids.length;
      this.gids.push(gid);
      this.subsetIdOf.set(gid, id);
    }
    return id;
  }

  /** The text as hex digits of subset glyph ids (Identity-H), to write between < and >. */
  encode(text: string): string {
    let hex = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number;
      const id = this.include(this.face.glyphId(cp));
      if (!this.unicodeOf.has(id)) this.unicodeOf.set(id, ch);
      hex += hex4(id);
    }
    return hex;
  }

  /** Write the subset TrueType file. Also pulls in the components of composite glyphs. */
  private subsetFile(): Uint8Array {
    const face = this.face;
    // Composite glyphs: include their components (this may grow `gids` while we walk it).
    const glyphs: Uint8Array[] = [];
    for (let i = 0; i < this.gids.length; i++) {
      const src = face.glyphBytes(this.gids[i] as number);
      if (src.length >= 10 && new DataView(src.buffer, src.byteOffset, src.byteLength).getInt16(0) < 0) {
        const g = src.slice();
        const v = new DataView(g.buffer);
        let at = 10;
        for (;;) {
          const flags = v.getUint16(at);
          v.setUint16(at + 2, this.include(v.getUint16(at + 2)));
          at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
          if (flags & WE_HAVE_A_SCALE) at += 2;
          else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
          else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
          if (!(flags & MORE_COMPONENTS)) break;
        }
        glyphs.push(g);
      } else glyphs.push(src);
    }
    const n = this.gids.length;
    // glyf and loca (long offsets, glyphs padded to 4 bytes).
    let glyfLen = 0;
    for (const g of glyphs) glyfLen += (g.length + 3) & ~3;
    const glyf = new Uint8Array(glyfLen);
    const loca = new Uint8Array(4 * (n + 1));
    const locaView = new DataView(loca.buffer);
    let off = 0;
    glyphs.forEach((g, i) => {
      locaView.setUint32(4 * i, off);
      glyf.set(g, off);
      off += (g.length + 3) & ~3;
    });
    locaView.setUint32(4 * n, off);
    // hmtx: one full metric per glyph.
    const hmtx = new Uint8Array(4 * n);
    const hmtxView = new DataView(hmtx.buffer);
    this.gids.forEach((gid, i) => {
      hmtxView.setUint16(4 * i, face.advance(gid));
      hmtxView.setInt16(4 * i + 2, face.leftSideBearing(gid));
    });
    const head = (face.tableBytes('head') as Uint8Array).slice();
    const headView = new DataView(head.buffer);
    headView.setUint32(8, 0); // checkSumAdjustment, set below
    headView.setInt16(50, 1); // indexToLocFormat: long
    const hhea = (face.tableBytes('hhea') as Uint8Array).slice();
    new DataView(hhea.buffer).setUint16(34, n);
    const maxp = (face.tableBytes('maxp') as Uint8Array).slice();
    new DataView(maxp.buffer).setUint16(4, n);
    const tables: [string, Uint8Array][] = [
      ['cvt ', face.tableBytes('cvt ')],
      ['fpgm', face.tableBytes('fpgm')],
      ['glyf', glyf],
      ['head', head],
      ['hhea', hhea],
      ['hmtx', hmtx],
      ['loca', loca],
      ['maxp', maxp],
      ['prep', face.tableBytes('prep')],
    ].filter((t): t is [string, Uint8Array] => t[1] !== null);
    // Directory, then the tables, each 4-byte aligned.
    const numTables = tables.length;
    let size = 12 + 16 * numTables;
    for (const [, data] of tables) size += (data.length + 3) & ~3;
    const out = new Uint8Array(size);
    const v = new DataView(out.buffer);
    const entrySelector = Math.floor(Math.log2(numTables));
    const searchRange = 2 ** entrySelector * 16;
    v.setUint32(0, 0x00010000);
    v.setUint16(4, numTables);
    v.setUint16(6, searchRange);
    v.setUint16(8, entrySelector);
    v.setUint16(10, numTables * 16 - searchRange);
    let dataAt = 12 + 16 * numTables;
    let headAt = 0;
    tables.forEach(([tag, data], i) => {
      const e = 12 + 16 * i;
      for (let c = 0; c < 4; c++) out[e + c] = tag.charCodeAt(c);
      v.setUint32(e + 4, checksum(data));
      v.setUint32(e + 8, dataAt);
      v.setUint32(e + 12, data.length);
      out.set(data, dataAt);
      if (tag === 'head') headAt = dataAt;
      dataAt += (data.length + 3) & ~3;
    });
    v.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
    return out;
  }

  private toUnicodeCMap(): string {
    const entries = [...this.unicodeOf].sort((a, b) => a[0] - b[0]);
    const blocks: string[] = [];
    for (let i = 0; i < entries.length; i += 100) {
      const chunk = entries.slice(i, i + 100);
      const lines = chunk.map(([id, ch]) => {
        let u = '';
        for (let k = 0; k < ch.length; k++) u += hex4(ch.charCodeAt(k)); // UTF-16BE, surrogates included
        return `<${hex4(id)}> <${u}>`;
      });
      blocks.push(`${chunk.length} beginbfchar\n${lines.join('\n')}\nendbfchar`);
    }
    return [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <FFFF>',
      'endcodespacerange',
      ...blocks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
  }

  /** Register the font's objects in the document, at `ref`. Call once, after all text is encoded. */
  finish(): void {
    const { context, face } = this;
    const file = this.subsetFile();
    const fontFile = context.register(context.stream(deflateSync(file), { Filter: 'FlateDecode', Length1: file.length }));
    const cmapBytes = Buffer.from(this.toUnicodeCMap(), 'latin1');
    const toUnicode = context.register(context.stream(deflateSync(cmapBytes), { Filter: 'FlateDecode' }));
    const name = `${SUBSET_TAG[face.style]}+${face.postscriptName}`;
    const d = face.descriptor;
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: name,
        Flags: d.flags,
        FontBBox: d.bbox,
        ItalicAngle: d.italicAngle,
        Ascent: d.ascent,
        Descent: d.descent,
        CapHeight: d.capHeight,
        XHeight: d.xHeight,
        StemV: 0,
        FontFile2: fontFile,
      }),
    );
    const k = 1000 / face.unitsPerEm;
    const widths = this.gids.map((gid) => Math.round(face.advance(gid) * k));
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: name,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: [0, widths],
        CIDToGIDMap: 'Identity',
      }),
    );
    context.assign(
      this.ref,
      context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }),
    );
  }
}
