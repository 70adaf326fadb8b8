/**
 * Small transparent PNGs drawn in code for the demo agency and the tests: a blue
 * handwriting-like signature (different for each name) and a red round seal with the agency's
 * name around its top and a star in the middle, as Decree 30 Appendix I shows them (signature
 * blue, seal red, both on a transparent background). Real agencies upload scans of theirs.
 *
 * A tiny rasteriser: shapes are drawn into a coverage grid at 3× the size (pen discs along a
 * curve, rings, polygons filled by the non-zero rule, glyph outlines from DejaVu through
 * fontkit), then averaged down into the alpha channel.
 */
import { crc32, deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { fontFace } from '../pdfFonts.js';

const SS = 3;

class Canvas {
  readonly cover: Uint8Array;
  readonly w: number;
  readonly h: number;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.w = width * SS;
    this.h = height * SS;
    this.cover = new Uint8Array(this.w * this.h);
  }

  /** A filled disc; coordinates in output pixels, y down. */
  disc(cx: number, cy: number, r: number): void {
    const [x0, x1, y0, y1] = [Math.floor((cx - r) * SS), Math.ceil((cx + r) * SS), Math.floor((cy - r) * SS), Math.ceil((cy + r) * SS)];
    const rr = r * SS * (r * SS);
    for (let y = Math.max(0, y0); y < Math.min(this.h, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(this.w, x1); x++) {
        const dx = x + 0.5 - cx * SS;
        const dy = y + 0.5 - cy * SS;
        if (dx * dx + dy * dy <= rr) this.cover[y * this.w + x] = 1;
      }
    }
  }

  /** The ring between radii r0 < r1. */
  ring(cx: number, cy: number, r0: number, r1: number): void {
    for (let y = 0; y < this.h; y++) {
      for (let x = 0; x < this.w; x++) {
        const d = Math.hypot(x + 0.5 - cx * SS, y + 0.5 - cy * SS) / SS;
        if (d >= r0 && d <= r1) this.cover[y * this.w + x] = 1;
      }
    }
  }

  /** Closed contours filled by the non-zero winding rule. */
  fill(contours: [number, number][][]): void {
    const edges: { x0: number; y0: number; x1: number; y1: number; dir: number }[] = [];
    let minY = Infinity;
    let maxY = -Infinity;
    for (const c of contours) {
      for (let i = 0; i < c.length; i++) {
        const [ax, ay] = c[i]!;
        const [bx, by] = c[(i + 1) % c.length]!;
        if (ay === by) continue;
        edges.push(ay < by ? { x0: ax * SS, y0: ay * SS, x1: bx * SS, y1: by * SS, dir: 1 } : { x0: bx * SS, y0: by * SS, x1: ax * SS, y1: ay * SS, dir: -1 });
        minY = Math.min(minY, ay * SS, by * SS);
        maxY = Math.max(maxY, ay * SS, by * SS);
      }
    }
    for (let y = Math.max(0, Math.floor(minY)); y < Math.min(this.h, Math.ceil(maxY)); y++) {
      const sy = y + 0.5;
      const xs: { x: number; dir: number }[] = [];
      for (const e of edges) if (sy >= e.y0 && sy < e.y1) xs.push({ x: e.x0 + ((sy - e.y0) * (e.x1 - e.x0)) / (e.y1 - e.y0), dir: e.dir });
      xs.sort((a, b) => a.x - b.x);
      let winding = 0;
      for (let i = 0; i < xs.length - 1; i++) {
        winding += xs[i]!.dir;
        if (winding === 0) continue;
        for (let x = Math.max(0, Math.ceil(xs[i]!.x - 0.5)); x < Math.min(this.w, Math.ceil(xs[i + 1]!.x - 0.5)); x++) this.cover[y * this.w + x] = 1;
      }
    }
  }

  png(rgb: [number, number, number]): Uint8Array {
    const { width, height } = this;
    const raw = Buffer.alloc(height * (1 + 4 * width));
    for (let y = 0; y < height; y++) {
      const row = y * (1 + 4 * width);
      raw[row] = 0;
      for (let x = 0; x < width; x++) {
        let n = 0;
        for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) n += this.cover[(y * SS + sy) * this.w + x * SS + sx]!;
        const at = row + 1 + 4 * x;
        raw[at] = rgb[0];
        raw[at + 1] = rgb[1];
        raw[at + 2] = rgb[2];
        raw[at + 3] = Math.round((255 * n) / (SS * SS));
      }
    }
    return encodePng(width, height, raw);
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/** An 8-bit RGBA PNG from filtered rows (each row: filter byte 0, then RGBA). */
function encodePng(width: number, height: number, rows: Buffer): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** A small deterministic generator (mulberry32) seeded from a string. */
function random(seed: string): () => number {
  let a = 0x9e3779b9;
  for (const ch of seed) a = Math.imul(a ^ (ch.codePointAt(0) ?? 0), 0x85ebca6b) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BLUE: [number, number, number] = [20, 45, 170];
const RED: [number, number, number] = [215, 25, 32];

// Drawn images by their parameters: the same name or agency draws the same image, once.
const drawn = new Map<string, Uint8Array>();
function once(key: string, draw: () => Uint8Array): Promise<Uint8Array> {
  let png = drawn.get(key);
  if (!png) {
    png = draw();
    if (drawn.size > 200) drawn.clear();
    drawn.set(key, png);
  }
  return Promise.resolve(png);
}

/** A blue handwriting-like signature, the same for the same name. */
export function drawSignatureImage(o: { name?: string; width?: number; height?: number } = {}): Promise<Uint8Array> {
  return once(`signature|${o.name ?? ''}|${o.width ?? ''}|${o.height ?? ''}`, () => drawSignature(o));
}

/** drawSignatureImage for a name. */
export function signatureImage(name: string): Promise<Uint8Array> {
  return drawSignatureImage({ name });
}

function drawSignature(o: { name?: string; width?: number; height?: number }): Uint8Array {
  const width = o.width ?? 360;
  const height = o.height ?? 150;
  const rnd = random(o.name ?? 'chữ ký');
  const c = new Canvas(width, height);
  // A run of loops (the name written fast), then a long underline flourish.
  const loops = 4 + Math.floor(rnd() * 3);
  const amp = height * (0.22 + rnd() * 0.08);
  const phase = rnd() * Math.PI;
  const steps = 900;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const x = width * (0.1 + 0.75 * t) + Math.sin(t * loops * 2 * Math.PI + phase) * width * 0.045;
    const y = height * 0.48 - Math.cos(t * loops * 2 * Math.PI) * amp * (0.6 + 0.4 * Math.sin(t * 3 + phase)) - t * height * 0.08;
    const pen = 1.6 + 1.4 * Math.abs(Math.sin(t * loops * Math.PI));
    c.disc(x, y, pen);
  }
  for (let i = 0; i <= 400; i++) {
    const t = i / 400;
    const x = width * (0.06 + 0.86 * t);
    const y = height * (0.8 - 0.12 * t) + Math.sin(t * Math.PI) * height * 0.05;
    c.disc(x, y, 2.2 - 1.4 * t);
  }
  return c.png(BLUE);
}

type Fk = ReturnType<typeof fontkit.create>;
let sealFont: Fk | null = null;

function glyphContours(font: Fk, ch: string): { contours: [number, number][][]; advance: number } {
  const g = font.glyphForCodePoint(ch.codePointAt(0) ?? 32);
  const contours: [number, number][][] = [];
  let cur: [number, number][] = [];
  let last: [number, number] = [0, 0];
  // fontkit's typings omit Path.commands, which it has (moveTo/lineTo/quadraticCurveTo/bezierCurveTo/closePath).
  const commands = (g.path as unknown as { commands: { command: string; args: number[] }[] }).commands;
  for (const cmd of commands) {
    const a = cmd.args;
    if (cmd.command === 'moveTo') {
      if (cur.length > 2) contours.push(cur);
      cur = [[a[0]!, a[1]!]];
      last = [a[0]!, a[1]!];
    } else if (cmd.command === 'lineTo') {
      cur.push([a[0]!, a[1]!]);
      last = [a[0]!, a[1]!];
    } else if (cmd.command === 'quadraticCurveTo') {
      for (let i = 1; i <= 6; i++) {
        const t = i / 6;
        const u = 1 - t;
        cur.push([u * u * last[0] + 2 * u * t * a[0]! + t * t * a[2]!, u * u * last[1] + 2 * u * t * a[1]! + t * t * a[3]!]);
      }
      last = [a[2]!, a[3]!];
    } else if (cmd.command === 'bezierCurveTo') {
      for (let i = 1; i <= 8; i++) {
        const t = i / 8;
        const u = 1 - t;
        cur.push([
          u * u * u * last[0] + 3 * u * u * t * a[0]! + 3 * u * t * t * a[2]! + t * t * t * a[4]!,
          u * u * u * last[1] + 3 * u * u * t * a[1]! + 3 * u * t * t * a[3]! + t * t * t * a[5]!,
        ]);
      }
      last = [a[4]!, a[5]!];
    } else if (cmd.command === 'closePath') {
      if (cur.length > 2) contours.push(cur);
      cur = [];
    }
  }
  if (cur.length > 2) contours.push(cur);
  return { contours, advance: g.advanceWidth };
}

/** A red round seal: two rings, the agency's name in capitals around the top, a star in the middle. */
export function sealImage(o: string | { agency: string; size?: number }): Promise<Uint8Array> {
  const p = typeof o === 'string' ? { agency: o } : o;
  return once(`seal|${p.agency}|${p.size ?? ''}`, () => drawSeal(p));
}

function drawSeal(o: { agency: string; size?: number }): Uint8Array {
  const size = o.size ?? 300;
  const c = new Canvas(size, size);
  const cx = size / 2;
  const cy = size / 2;
  const R = size / 2 - 2;
  c.ring(cx, cy, R - size * 0.025, R);
  c.ring(cx, cy, R * 0.64, R * 0.64 + size * 0.012);
  // The star (state agencies' seals carry the national star).
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? R * 0.3 : R * 0.12;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    star.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  c.fill([star]);
  // The name around the ring, reading clockwise over the top.
  sealFont ??= fontkit.create(fontFace('stamp').bytes);
  const font = sealFont;
  const text = o.agency.normalize('NFC').toLocaleUpperCase('vi');
  const glyphs = [...text].map((ch) => glyphContours(font, ch));
  const rText = R * 0.72;
  const band = R * 0.22;
  const total = glyphs.reduce((n, g) => n + g.advance, 0);
  // Scale: the capitals fill the band, and the text at most 300° of the circle.
  const scale = Math.min((band * 0.8) / (font.capHeight || font.unitsPerEm * 0.73), (rText * ((300 * Math.PI) / 180)) / total);
  const sweep = (total * scale) / rText;
  let at = 0;
  for (const g of glyphs) {
    const theta = Math.PI / 2 + sweep / 2 - (at + (g.advance * scale) / 2) / rText;
    at += g.advance * scale;
    const px = cx + rText * Math.cos(theta);
    const py = cy - rText * Math.sin(theta);
    // Baseline along the tangent (clockwise), glyph up pointing outwards; image y grows down.
    const tx = Math.sin(theta);
    const ty = Math.cos(theta);
    const ux = Math.cos(theta);
    const uy = -Math.sin(theta);
    c.fill(
      g.contours.map((contour) =>
        contour.map(([gx, gy]): [number, number] => {
          const lx = (gx - g.advance / 2) * scale;
          const ly = gy * scale;
          return [px + lx * tx + ly * ux, py + lx * ty + ly * uy];
        }),
      ),
    );
  }
  return c.png(RED);
}
