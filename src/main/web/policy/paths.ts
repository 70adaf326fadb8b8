/**
 * Mapping a request path onto a file of the built renderer folder, for both hosts.
 * Pure (no file system access): the caller then opens the file, and checks its
 * real path too (symlinks), see ../respond.ts.
 *
 * Refused: `..` and `.` segments (raw or percent-encoded, once or twice), back
 * slashes, NUL, `:` (drive letters, NTFS streams), absolute or UNC forms (`//x`),
 * dot files, segments Windows would silently trim (trailing dot or space), and
 * anything whose resolved path is not inside the root.
 */
import path from 'node:path';

export type StaticPathResult = { ok: true; file: string; relative: string } | { ok: false; status: 400 | 403; reason: string };

const MAX_PATH = 1024;

export function resolveStaticPath(root: string, rawPath: string, p: typeof path = path): StaticPathResult {
  const bad = (status: 400 | 403, reason: string): StaticPathResult => ({ ok: false, status, reason });
  const cut = rawPath.search(/[?#]/u);
  const raw = cut >= 0 ? rawPath.slice(0, cut) : rawPath;
  if (raw.length === 0 || raw.length > MAX_PATH) return bad(400, 'length');
  if (!raw.startsWith('/')) return bad(400, 'not absolute-path form');
  if (raw.includes('\\') || raw.includes('\0')) return bad(400, 'backslash or NUL');
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return bad(400, 'bad percent-encoding');
  }
  // A '%' left after one decoding is a double-encoded byte (%252e%252e): nobody's file name.
  if (decoded.includes('%')) return bad(403, 'double encoding');
  if (decoded.includes('\\') || decoded.includes('\0')) return bad(403, 'encoded backslash or NUL');
  if (decoded.startsWith('//')) return bad(403, 'absolute or UNC path');
  if (decoded.includes(':')) return bad(403, 'colon (drive letter or stream)');
  const segments = decoded.slice(1).split('/');
  const last = segments.length - 1;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s === '') {
      if (i === last) continue; // trailing slash: the folder's index.html
      return bad(403, 'empty segment');
    }
    if (s === '.' || s === '..') return bad(403, 'dot segment');
    if (s.startsWith('.')) return bad(403, 'dot file');
    if (s.endsWith('.') || s.endsWith(' ')) return bad(403, 'trailing dot or space');
    if (/[\u0000-\u001f\u007f]/u.test(s)) return bad(403, 'control character');
  }
  if (segments[last] === '') segments[last] = 'index.html';
  const base = p.resolve(root);
  const file = p.resolve(base, ...segments);
  const relative = p.relative(base, file);
  if (relative === '' || relative.startsWith('..') || p.isAbsolute(relative)) return bad(403, 'outside the root');
  return { ok: true, file, relative: relative.split(p.sep).join('/') };
}

/** A path the single-page app routes itself (no file extension): unknown ones get index.html. */
export function isAppRoute(rawPath: string): boolean {
  const pathOnly = rawPath.replace(/[?#].*$/su, '');
  const lastSegment = pathOnly.slice(pathOnly.lastIndexOf('/') + 1);
  return !lastSegment.includes('.');
}
