/**
 * Content-addressed files. Upload: any content (a task's attachment may be of any
 * type; issue #8) whose SHA-256 is the name in the URL, not empty, at most
 * MAX_FILE_BYTES; its type is sniffed from the bytes and kept with it (blobs.mime) —
 * what the client declares is not trusted, and incoming.register refuses a file that
 * is not a PDF. Download: as the records holding the file allow (blobs/fileAccess.ts:
 * the most secret holding wins; the uploader only until a record holds it), with
 * HTTP Range so a broken download resumes, served as its sniffed type with nosniff,
 * inline only for PDF and raster images (decisions §22). Every open is written to
 * the access log.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError, errorBody } from '../../../shared/i18n/errors.js';
import { API_PREFIX, MAX_FILE_BYTES } from '../../../shared/sync/protocol.js';
import { safeAttachmentName } from '../../../shared/text/attachmentName.js';
import { contentDisposition, PDF_MIME, SNIFF_HEAD_BYTES, SNIFF_TAIL_BYTES, sniffMime } from '../../../shared/text/fileType.js';
import { sha256Of } from '../../blobs/blobStore.js';
import { decideFileAccess, loadFileHoldings } from '../../blobs/fileAccess.js';
import { currentUser } from '../auth.js';
import type { ServerContext } from '../context.js';

const SHA = /^[0-9a-f]{64}$/u;

function shaParam(params: unknown): string {
  const sha = (params as { sha256?: unknown }).sha256;
  if (typeof sha !== 'string' || !SHA.test(sha)) throw new AppError('validation_failed', { details: 'file id must be a lower-case SHA-256 hex digest' });
  return sha;
}

/** Parse a single `bytes=a-b` range; null means the whole file; 'invalid' means 416. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/u.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'invalid';
  return { start, end };
}

export function fileRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.addContentTypeParser(['application/pdf', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));

  app.put(`${API_PREFIX}/files/:sha256`, { bodyLimit: MAX_FILE_BYTES }, async (req, reply) => {
    const user = currentUser(req);
    if (user.role === 'admin') throw new AppError('forbidden');
    const sha = shaParam(req.params);
    const body = req.body;
    if (!Buffer.isBuffer(body)) throw new AppError('unsupported_media_type');
    if (body.length === 0) throw new AppError('file_empty');
    if (sha256Of(body) !== sha) throw new AppError('file_hash_mismatch');
    const existed = (await ctx.blobs.size(sha)) === body.length;
    await ctx.blobs.put(body);
    // The type comes from the bytes; a file uploaded before blobs.mime existed gets it now.
    await ctx.db.query(
      `INSERT INTO blobs (sha256, size, uploaded_by, created_at, mime) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (sha256) DO UPDATE SET mime = excluded.mime WHERE blobs.mime IS NULL`,
      [sha, body.length, user.id, ctx.now().toISOString(), sniffMime(body)],
    );
    return reply.status(existed ? 200 : 201).send({ sha256: sha, size: body.length });
  });

  app.get(`${API_PREFIX}/files/:sha256`, async (req, reply) => {
    const user = currentUser(req);
    const sha = shaParam(req.params);
    const { holdings, isUploader } = await loadFileHoldings(ctx.db, ctx.kinds.kinds.values(), sha, user.id);
    const access = decideFileAccess(holdings, isUploader);
    // Not allowed and not there look the same (document_not_found): existence is not revealed.
    if (!access.allowed) throw new AppError(access.code);
    const size = await ctx.blobs.size(sha);
    if (size === null) throw new AppError('not_found');
    if (req.method === 'GET')
      await ctx.db.query("INSERT INTO access_log (user_id, document_id, action, at) VALUES ($1, $2, 'download', $3)", [user.id, access.documentId, ctx.now().toISOString()]);
    const path = ctx.blobs.pathOf(sha);
    const stored = (await ctx.db.query<{ mime: string | null }>('SELECT mime FROM blobs WHERE sha256 = $1', [sha])).rows[0]?.mime ?? null;
    const mime = stored ?? (await sniffStored(path, size));
    return sendFile(reply, path, sha, size, req.headers.range, { mime, disposition: contentDisposition(mime, nameParam(req.query)) });
  });
}

/**
 * The name the client knows the file by (`?name=`, e.g. a task attachment's), made
 * safe, for the download's `filename`; the server does not keep names (one file may
 * be held under several).
 */
function nameParam(query: unknown): string | null {
  const name = (query as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() !== '' && name.length <= 1000 ? safeAttachmentName(name) : null;
}

/** The type of a file stored before blobs.mime: the upload took PDFs only then, the bytes still decide. */
async function sniffStored(path: string, size: number): Promise<string> {
  const fh = await open(path, 'r').catch(() => null);
  if (!fh) return PDF_MIME;
  try {
    const head = Buffer.alloc(Math.min(size, SNIFF_HEAD_BYTES));
    await fh.read(head, 0, head.length, 0);
    const tailStart = Math.max(0, size - SNIFF_TAIL_BYTES);
    const tail = Buffer.alloc(size - tailStart);
    await fh.read(tail, 0, tail.length, tailStart);
    return sniffMime(head, null, tail);
  } finally {
    await fh.close();
  }
}

function sendFile(
  reply: FastifyReply,
  path: string,
  sha: string,
  size: number,
  rangeHeader: string | undefined,
  served: { mime: string; disposition: string },
): FastifyReply {
  reply.header('accept-ranges', 'bytes');
  reply.header('x-content-type-options', 'nosniff');
  const range = parseRange(rangeHeader, size);
  if (range === 'invalid') {
    // Sent as JSON: labelled as the file's type, the object body made Fastify fail with a 500.
    reply.header('content-range', `bytes */${size}`);
    return reply.status(416).send(errorBody('range_not_satisfiable'));
  }
  reply.header('etag', `"${sha}"`);
  reply.header('cache-control', 'private, max-age=31536000, immutable');
  // The sniffed type, never the one the uploader declared; nosniff above keeps browsers to it.
  reply.header('content-type', served.mime);
  reply.header('content-disposition', served.disposition);
  if (range === null) {
    reply.header('content-length', size);
    return reply.status(200).send(createReadStream(path));
  }
  reply.header('content-range', `bytes ${range.start}-${range.end}/${size}`);
  reply.header('content-length', range.end - range.start + 1);
  return reply.status(206).send(createReadStream(path, { start: range.start, end: range.end }));
}
