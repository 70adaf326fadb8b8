import { contentDisposition } from '../../../shared/text/fileType.js';

/** Content types of what a Vite build of the renderer contains (pure). */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.bcmap': 'application/octet-stream',
};

export function contentTypeOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot >= 0 ? TYPES[fileName.slice(dot).toLowerCase()] : undefined) ?? 'application/octet-stream';
}

/**
 * How a cached file is served (both hosts, decisions §22): its real type — the type
 * stored with it (a mail attachment's; for a record's file, the one the core sniffed
 * from its bytes: shared/text/fileType.ts), else the one its name implies, else a
 * document's PDF — and `inline` only for types the app itself shows (PDF in pdf.js,
 * raster images); everything else, SVG and HTML included, is a download under its
 * safe name (RFC 6266: an ASCII `filename` and the UTF-8 `filename*`). The hosts
 * add `X-Content-Type-Options: nosniff`, so the browser never second-guesses this.
 */
/** type/subtype as RFC 6838 spells it (no parameters, nothing that could split a header). */
const MIME_RE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/u;
const MORE_TYPES: Record<string, string> = {
  '.eml': 'message/rfc822',
  '.exe': 'application/x-msdownload',
  '.zip': 'application/zip',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.bmp': 'image/bmp',
};

export interface ServedFile {
  /** The type stored with the file (e.g. an attachment's Content-Type), if any. */
  mime?: string | null;
  /** The file's safe name (safeAttachmentName), if it has one. */
  name?: string | null;
}

function typeOf(f: ServedFile): string {
  const stored = (f.mime ?? '').split(';')[0]!.trim().toLowerCase();
  if (MIME_RE.test(stored) && stored !== 'application/octet-stream') return stored;
  if (f.name) {
    const dot = f.name.lastIndexOf('.');
    const ext = dot >= 0 ? f.name.slice(dot).toLowerCase() : '';
    const byName = MORE_TYPES[ext] ?? contentTypeOf(f.name);
    return byName.split(';')[0]!;
  }
  // No type and no name: a document's file, which files.add only takes as a PDF.
  return stored || 'application/pdf';
}

export function fileResponseHeaders(f: ServedFile): { 'Content-Type': string; 'Content-Disposition': string } {
  const type = typeOf(f);
  // The inline allow-list and the name's encoding are shared with the server's downloads.
  return { 'Content-Type': type, 'Content-Disposition': contentDisposition(type, f.name) };
}

/** fileResponseHeaders as serveFile's options. */
export function servedAs(f: ServedFile): { contentType: string; disposition: string } {
  const h = fileResponseHeaders(f);
  return { contentType: h['Content-Type'], disposition: h['Content-Disposition'] };
}
