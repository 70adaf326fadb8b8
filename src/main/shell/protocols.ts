/**
 * The handlers behind protocol.handle('app', …) and protocol.handle('ioffice-file', …),
 * as plain Request → Response functions (no electron import: the tests call them
 * with undici's Request). The file serving itself is shared with the web host
 * (../web/respond.ts), so both hosts answer the same paths the same way.
 */
import { contentSecurityPolicy, securityHeaders } from '../web/policy/csp.js';
import { servedAs } from '../web/policy/mime.js';
import { serveFile, serveStatic, textResponse } from '../web/respond.js';
import { APP_CSP_OPTIONS, APP_HOST, APP_ORIGIN, fileUrlToSha } from './policy.js';

export type ProtocolHandler = (request: Request) => Promise<Response>;

export const APP_CSP = contentSecurityPolicy(APP_CSP_OPTIONS);

/** app://app/<path> → the built renderer folder; the CSP goes out as a response header. */
export function appProtocolHandler(rendererDir: string, csp: string = APP_CSP): ProtocolHandler {
  const headers = securityHeaders(csp);
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return textResponse(400, 'Bad Request', headers);
    }
    if (url.host !== APP_HOST || url.username !== '' || url.password !== '' || url.port !== '') return textResponse(404, 'Not Found', headers);
    return serveStatic({ root: rendererDir, method: request.method, rawPath: url.pathname, headers });
  };
}

export interface FileOpener {
  /** The core's files.open: downloads and verifies if needed; the local path of the file (`sealed`: read it with `read`). */
  (sha256: string): Promise<{ path: string; size: number; mime?: string | undefined; name?: string | undefined; sealed?: boolean }>;
}

/** The core's files.read: plain bytes [start, end] of a sealed file (a secret document's). */
export type FileReader = (sha256: string, start: number, end: number) => Promise<Uint8Array>;

const CORS = {
  'Access-Control-Allow-Origin': APP_ORIGIN,
  'Access-Control-Expose-Headers': 'Accept-Ranges, Content-Range, Content-Length',
  Vary: 'Origin',
};

function statusOf(code: string | undefined): number {
  if (code === 'not_found' || code === 'content_withheld' || code === 'file_withheld' || code === 'document_not_found' || code === 'forbidden') return 404;
  if (code === 'not_signed_in' || code === 'unauthenticated') return 401;
  if (code === 'server_unreachable') return 503;
  if (code === 'validation_failed') return 400;
  return 502;
}

/** ioffice-file://<sha256> → the core's cached copy, with Range for pdf.js. Only 64-hex names. */
export function fileProtocolHandler(open: FileOpener, read?: FileReader): ProtocolHandler {
  const base = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', ...CORS };
  return async (request) => {
    const sha = fileUrlToSha(request.url);
    if (!sha) return textResponse(400, 'Bad Request', base);
    if (request.method === 'OPTIONS')
      return new Response(null, { status: 204, headers: { ...base, 'Access-Control-Allow-Methods': 'GET, HEAD', 'Access-Control-Allow-Headers': 'Range', 'Access-Control-Max-Age': '600' } });
    let opened: { path: string; mime?: string | undefined; name?: string | undefined; size: number; sealed?: boolean };
    try {
      opened = await open(sha);
    } catch (err) {
      const code = (err as { code?: string }).code;
      return textResponse(statusOf(code), code ?? 'error', base);
    }
    if (opened.sealed && !read) return textResponse(502, 'sealed file without a reader', base);
    const sealed = opened.sealed && read ? { size: opened.size, read: (start: number, end: number) => read(sha, start, end) } : undefined;
    return serveFile({ path: opened.path, ...(sealed ? { sealed } : {}), method: request.method, range: request.headers.get('range'), headers: base, ...servedAs(opened) });
  };
}
