/**
 * Content-addressed files. Upload: the body must be a PDF whose SHA-256 is the
 * name in the URL. Download: as the documents holding the file allow
 * (domain/fileAccess.ts: the most secret holding wins; the uploader only until a
 * document holds it), with HTTP Range so a broken download resumes. Every open is
 * written to the access log.
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError, errorBody } from '../../../shared/i18n/errors.js';
import { API_PREFIX, MAX_FILE_BYTES } from '../../../shared/sync/protocol.js';
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
    if (body.length === 0 || body.subarray(0, 5).toString('latin1') !== '%PDF-') throw new AppError('file_not_pdf');
    if (sha256Of(body) !== sha) throw new AppError('file_hash_mismatch');
    const existed = (await ctx.blobs.size(sha)) === body.length;
    await ctx.blobs.put(body);
    await ctx.db.query('INSERT INTO blobs (sha256, size, uploaded_by, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING', [
      sha,
      body.length,
      user.id,
      ctx.now().toISOString(),
    ]);
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
    return sendFile(reply, ctx.blobs.pathOf(sha), sha, size, req.headers.range);
  });
}

function sendFile(reply: FastifyReply, path: string, sha: string, size: number, rangeHeader: string | undefined): FastifyReply {
  reply.header('accept-ranges', 'bytes');
  reply.header('x-content-type-options', 'nosniff');
  const range = parseRange(rangeHeader, size);
  if (range === 'invalid') {
    // Sent as JSON: labelled application/pdf, the object body made Fastify fail with a 500.
    reply.header('content-range', `bytes */${size}`);
    return reply.status(416).send(errorBody('range_not_satisfiable'));
  }
  reply.header('etag', `"${sha}"`);
  reply.header('cache-control', 'private, max-age=31536000, immutable');
  reply.header('content-type', 'application/pdf');
  if (range === null) {
    reply.header('content-length', size);
    return reply.status(200).send(createReadStream(path));
  }
  reply.header('content-range', `bytes ${range.start}-${range.end}/${size}`);
  reply.header('content-length', range.end - range.start + 1);
  return reply.status(206).send(createReadStream(path, { start: range.start, end: range.end }));
}
