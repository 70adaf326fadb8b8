/**
 * What a file is, from its bytes (issue #8: a task's attachments may be of any type;
 * an incoming document's file must be a PDF), and how a file is served for download
 * (decisions §22). Pure and zod-free: the server sniffs an upload, the core a file it
 * adds or serves, both hosts and the server send the same headers.
 *
 * The bytes decide; a name only tells apart containers that look alike (a ZIP whose
 * entries do not say which Office file it is; a legacy Office compound file). Text
 * is only ever `text/plain`: HTML or SVG sniffed as text is served as text, never as
 * a page the browser would run. No dependency: `file-type` is not installed, and this
 * short table covers what an office sends.
 */

export const PDF_MIME = 'application/pdf';
export const OCTET_STREAM = 'application/octet-stream';

const OOXML = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
} as const;

const LEGACY_OFFICE: Readonly<Record<string, string>> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const PDF_SIG = ascii('%PDF-');
const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether the bytes are a PDF (the magic every PDF writer puts first; pdf.js decides the rest). */
export function isPdfBytes(bytes: Uint8Array): boolean {
  return startsWith(bytes, PDF_SIG);
}

function extensionOf(name: string | null | undefined): string {
  const n = (name ?? '').trim().toLowerCase();
  const dot = n.lastIndexOf('.');
  return dot > 0 ? n.slice(dot + 1) : '';
}

/**
 * The entry names of a ZIP's central directory, found by scanning `tail` (the end of
 * the file, where the directory is) for directory headers; a false hit in compressed
 * data only adds a name nobody looks for.
 */
function zipEntryNames(tail: Uint8Array, max = 2000): Set<string> {
  const names = new Set<string>();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let i = 0; i + 46 <= tail.length && names.size < max; i++) {
    if (tail[i] !== 0x50 || tail[i + 1] !== 0x4b || tail[i + 2] !== 0x01 || tail[i + 3] !== 0x02) continue;
    const len = tail[i + 28]! | (tail[i + 29]! << 8);
    if (len === 0 || i + 46 + len > tail.length) continue;
    names.add(decoder.decode(tail.subarray(i + 46, i + 46 + len)));
  }
  return names;
}

function zipType(tail: Uint8Array, ext: string): string {
  const names = zipEntryNames(tail.length > SNIFF_TAIL_BYTES ? tail.subarray(tail.length - SNIFF_TAIL_BYTES) : tail);
  if (names.has('word/document.xml')) return OOXML.docx;
  if (names.has('xl/workbook.xml')) return OOXML.xlsx;
  if (names.has('ppt/presentation.xml')) return OOXML.pptx;
  // The directory was not in the part we read (a huge archive): the name says which.
  if (names.size === 0 && ext in OOXML) return OOXML[ext as keyof typeof OOXML];
  return 'application/zip';
}

/**
 * Plain text: valid UTF-8 (a BOM allowed) with no control character other than tab,
 * line feed, carriage return and form feed. UTF-16 text with a BOM counts too.
 */
function isPlainText(head: Uint8Array): boolean {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return head.length % 2 === 0;
  let text: string;
  try {
    // stream: a character cut at the end of the sample is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/u.test(text);
}

/**
 * The type of a file from its first bytes (`head`, a few KB are enough) and, for a ZIP,
 * its last bytes (`tail`, the central directory; defaults to `head`, i.e. the whole file).
 * `name` only disambiguates look-alike containers. Unknown → application/octet-stream.
 */
export function sniffMime(head: Uint8Array, name?: string | null, tail: Uint8Array = head): string {
  const ext = extensionOf(name);
  if (head.length === 0) return OCTET_STREAM;
  if (isPdfBytes(head)) return PDF_MIME;
  if (startsWith(head, PNG_SIG)) return 'image/png';
  if (startsWith(head, JPEG_SIG)) return 'image/jpeg';
  if (startsWith(head, GIF87) || startsWith(head, GIF89)) return 'image/gif';
  if (startsWith(head, RIFF) && startsWith(head, WEBP, 8)) return 'image/webp';
  if (startsWith(head, ZIP_LOCAL) || startsWith(head, ZIP_EMPTY)) return zipType(tail, ext);
  if (startsWith(head, OLE2)) return LEGACY_OFFICE[ext] ?? 'application/x-ole-storage';
  if (isPlainText(head.subarray(0, 8192))) return 'text/plain';
  return OCTET_STREAM;
}

/** How many bytes of each end sniffMime needs when the whole file is not at hand. */
export const SNIFF_HEAD_BYTES = 8192;
export const SNIFF_TAIL_BYTES = 128 * 1024;

/** Shown in the app itself (pdf.js, an <img>): the only types served `inline` (decisions §22). */
const INLINE_TYPES = new Set([PDF_MIME, 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']);

export const isInlineType = (mime: string): boolean => INLINE_TYPES.has(mime.split(';')[0]!.trim().toLowerCase());

/** The name as plain printable ASCII for the `filename` parameter (Vietnamese letters lose their marks). */
function asciiName(name: string): string {
  const s = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .replace(/[^\x20-\x7e]|["\\%]/gu, '_');
  return s.trim() || 'tep-tin';
}

/** RFC 8187 value: UTF-8, percent-encoded except attr-char. */
function extValue(name: string): string {
  return `UTF-8''${encodeURIComponent(name.normalize('NFC')).replace(/['()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/**
 * Content-Disposition for a file of this type: `inline` only for what the app shows
 * itself, else `attachment`; with the name (already made safe) as RFC 6266 wants it,
 * an ASCII `filename` and the UTF-8 `filename*`.
 */
export function contentDisposition(mime: string, name?: string | null): string {
  const n = name?.trim();
  const params = n ? `; filename="${asciiName(n)}"; filename*=${extValue(n)}` : '';
  return `${isInlineType(mime) ? 'inline' : 'attachment'}${params}`;
}
