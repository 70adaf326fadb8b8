/**
 * Serving the built renderer and cached files as web-standard Responses, so the
 * same code answers the Electron shell's `app://` and `ioffice-file://` protocol
 * handlers (protocol.handle takes Request → Response) and the web host (which
 * pipes the Response to node:http). No Electron here: both hosts and the tests
 * import it.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { contentTypeOf } from './policy/mime.js';
import { rendererMissingPage } from './policy/pages.js';
import { isAppRoute, resolveStaticPath } from './policy/paths.js';
import { parseRange, rangeResponse } from './policy/range.js';

const TEXT = 'text/plain; charset=utf-8';

function fileBody(file: string, start: number, end: number): ReadableStream {
  return Readable.toWeb(fs.createReadStream(file, { start, end }));
}

export function textResponse(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { ...headers, 'Content-Type': TEXT, 'Cache-Control': 'no-store' } });
}

export function htmlResponse(status: number, html: string, headers: Record<string, string> = {}): Response {
  return new Response(html, { status, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/**
 * The real path stays inside the real root (no symlink leads out). Where real
 * paths cannot be had (inside Electron's asar archive, which has no symlinks) the
 * resolver's lexical check, already passed, stands.
 */
async function isInside(root: string, file: string): Promise<boolean> {
  let realRoot: string;
  let realFile: string;
  try {
    [realRoot, realFile] = await Promise.all([fsp.realpath(root), fsp.realpath(file)]);
  } catch {
    return /\.asar([\\/]|$)/u.test(root);
  }
  const rel = path.relative(realRoot, realFile);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function statFile(file: string): Promise<fs.Stats | null> {
  try {
    const s = await fsp.stat(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

export interface StaticRequest {
  /** The built renderer folder (dist/renderer). */
  root: string;
  method: string;
  /** The URL's path, still percent-encoded, as the request carried it. */
  rawPath: string;
  /** Security headers (CSP…) to put on every answer. */
  headers: Record<string, string>;
}

/** A file of the renderer, index.html for the app's own routes, or a refusal. */
export async function serveStatic(req: StaticRequest): Promise<Response> {
  const h = req.headers;
  if (req.method !== 'GET' && req.method !== 'HEAD') return textResponse(405, 'Method Not Allowed', { ...h, Allow: 'GET, HEAD' });
  const resolved = resolveStaticPath(req.root, req.rawPath);
  if (!resolved.ok) return textResponse(resolved.status, resolved.status === 400 ? 'Bad Request' : 'Forbidden', h);
  let file = resolved.file;
  let stat = await statFile(file);
  if (!stat && isAppRoute(req.rawPath)) {
    file = path.join(path.resolve(req.root), 'index.html');
    stat = await statFile(file);
    if (!stat) return htmlResponse(503, rendererMissingPage(req.root), h);
  }
  if (!stat) return textResponse(404, 'Not Found', h);
  // The name was clean, but a symlink inside the folder could still point out of it.
  if (!(await isInside(req.root, file))) return textResponse(403, 'Forbidden', h);
  const name = path.basename(file);
  const immutable = /(^|\/)assets\//u.test(resolved.relative) && /[.-][A-Za-z0-9_-]{8,}\./u.test(name);
  const headers: Record<string, string> = {
    ...h,
    'Content-Type': contentTypeOf(name),
    'Content-Length': String(stat.size),
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (req.method === 'HEAD' || stat.size === 0) return new Response(null, { status: 200, headers });
  return new Response(fileBody(file, 0, stat.size - 1), { status: 200, headers });
}

/** Plain bytes by range from the core (files.read): a sealed file is never read by path. */
export interface SealedSource {
  size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

/** A body read from the core in slices (each files.read call decrypts only the chunks it covers). */
function sealedBody(src: SealedSource, start: number, end: number): ReadableStream {
  const SLICE = 256 * 1024;
  let at = start;
  return new ReadableStream({
    async pull(controller) {
      if (at > end) return controller.close();
      const last = Math.min(end, at + SLICE - 1);
      controller.enqueue(await src.read(at, last));
      at = last + 1;
    },
  });
}

export interface FileRequest {
  /** The verified cache file (from the core's files.open). */
  path: string;
  /** Set for a sealed file (files.open said `sealed`): the bytes come from here instead of `path`. */
  sealed?: SealedSource;
  method: string;
  range: string | null;
  headers: Record<string, string>;
  contentType?: string;
  /** `inline` (default) or `attachment; filename…` (fileResponseHeaders). */
  disposition?: string;
}

/** A cached, content-addressed file with Range (200, 206 or 416). */
export async function serveFile(req: FileRequest): Promise<Response> {
  const h = req.headers;
  if (req.method !== 'GET' && req.method !== 'HEAD') return textResponse(405, 'Method Not Allowed', { ...h, Allow: 'GET, HEAD' });
  const size = req.sealed ? req.sealed.size : (await statFile(req.path))?.size;
  if (size === undefined) return textResponse(404, 'Not Found', h);
  const r = rangeResponse(parseRange(req.range, size), size);
  const headers: Record<string, string> = {
    ...h,
    ...r.headers,
    'Content-Type': req.contentType ?? 'application/pdf',
    // Named by their hash: the bytes behind a URL never change. A sealed file must
    // not land in the browser's disk cache in plain.
    'Cache-Control': req.sealed ? 'no-store' : 'private, max-age=31536000, immutable',
    'Content-Disposition': req.disposition ?? 'inline',
    // The type above is the file's real one (policy/mime.ts fileResponseHeaders): never sniffed.
    'X-Content-Type-Options': 'nosniff',
  };
  if (r.status === 416 || req.method === 'HEAD' || r.end < r.start) return new Response(null, { status: r.status, headers });
  return new Response(req.sealed ? sealedBody(req.sealed, r.start, r.end) : fileBody(req.path, r.start, r.end), { status: r.status, headers });
}
