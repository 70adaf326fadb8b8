import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError, MAX_FILE_BYTES, type FileRef } from '../../../shared/index.js';
import { safeAttachmentName } from '../../../shared/text/attachmentName.js';
import { isPdfBytes, SNIFF_HEAD_BYTES, SNIFF_TAIL_BYTES, sniffMime } from '../../../shared/text/fileType.js';
import type { Db } from '../db/open.js';
import { isTransient } from '../sync/errors.js';
import type { ServerClient } from '../sync/http.js';
import { isSealed, readSealed, removePlain, SealedReader, writeSealed } from './sealed.js';

const SHA_RE = /^[0-9a-f]{64}$/u;

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const isPdf = isPdfBytes;

/** A file of any type added for a task (files.add kind 'attachment'): its safe name and sniffed type. */
export interface AddedAttachment {
  sha256: string;
  name: string;
  size: number;
  mime: string;
}

interface FileRow {
  sha256: string;
  size: number;
  state: 'missing' | 'complete';
  needs_upload: number;
}

export interface FileCacheOptions {
  /** Download attempts for one file before giving up (a corrupt or cut download counts as one). */
  maxAttempts?: number;
  /** A download that sends nothing for this long is cut and resumed. */
  idleTimeoutMs?: number;
  prefetchConcurrency?: number;
  now?: () => Date;
  onChange?: (sha256s: string[]) => void;
}

/** A file ready to serve: `sealed` files are read through `FileCache.read` (files.read), never by path. */
export interface OpenedFile {
  path: string;
  size: number;
  sealed: boolean;
}

/**
 * Files of a secret document (Mật, Tối mật, Tuyệt mật: stored, or in a pending
 * registration) are kept sealed on disk (files/sealed.ts, decisions §20).
 */
const SECRET_FILE_SQL = `
  SELECT 1 FROM record_files WHERE sha256 = @sha AND sealed = 1
  UNION ALL
  SELECT 1 FROM outbox_files WHERE sha256 = @sha AND sealed = 1
  LIMIT 1`;

/**
 * Content-addressed file cache: files/<sha256>, downloaded into files/<sha256>.part
 * and resumed with Range after a cut, verified against the hash before anything
 * uses them. The hash is the name, so a verified file is never stale.
 */
export class FileCache {
  private readonly inflight = new Map<string, Promise<string>>();
  /** Files checked sealed in this session: sealSecretFiles skips them. */
  private readonly sealedKnown = new Set<string>();
  private readonly maxAttempts: number;
  private readonly idleTimeoutMs: number;
  private readonly concurrency: number;
  private readonly now: () => Date;
  private readonly onChange: (sha256s: string[]) => void;
  private readonly closed = new AbortController();

  constructor(
    private readonly db: Db,
    readonly dir: string,
    private readonly client: () => ServerClient | null,
    /** AES-256-GCM key for sealed files (session/cacheKey.ts). */
    private readonly key: Buffer,
    opts: FileCacheOptions = {},
  ) {
    fs.mkdirSync(dir, { recursive: true });
    this.maxAttempts = opts.maxAttempts ?? 4;
    this.idleTimeoutMs = opts.idleTimeoutMs ?? 30_000;
    this.concurrency = opts.prefetchConcurrency ?? 2;
    this.now = opts.now ?? (() => new Date());
    this.onChange = opts.onChange ?? (() => {});
  }

  pathOf(sha256: string): string {
    if (!SHA_RE.test(sha256)) throw new AppError('validation_failed', { details: 'sha256' });
    return path.join(this.dir, sha256);
  }

  private row(sha256: string): FileRow | undefined {
    return this.db.prepare('SELECT sha256, size, state, needs_upload FROM files WHERE sha256 = ?').get(sha256) as FileRow | undefined;
  }

  private markComplete(sha256: string, size: number): void {
    this.db
      .prepare(
        `INSERT INTO files (sha256, size, state, needs_upload, last_used) VALUES (?, ?, 'complete', 0, ?)
         ON CONFLICT (sha256) DO UPDATE SET state = 'complete', last_used = excluded.last_used`,
      )
      .run(sha256, size, this.now().toISOString());
  }

  /** Which of these files are on this machine now (the row says complete and the file exists). */
  cached(sha256s: readonly string[]): string[] {
    return sha256s.filter((s) => this.row(s)?.state === 'complete' && fs.existsSync(this.pathOf(s)));
  }

  /** Store a document's file a user picked (a PDF, or refused with file_not_pdf), for upload before the mutation that uses it. */
  async add(name: string, bytes: Uint8Array): Promise<FileRef> {
    if (bytes.length === 0) throw new AppError('file_not_pdf');
    if (bytes.length > MAX_FILE_BYTES) throw new AppError('payload_too_large', { limit: `${MAX_FILE_BYTES / 1024 / 1024} MB` });
    if (!isPdf(bytes)) throw new AppError('file_not_pdf');
    const sha256 = await this.store(bytes);
    return { sha256, name, size: bytes.length, mime: 'application/pdf' };
  }

  /**
   * Store an attachment of any type (a task's, issue #8): the name made safe as a mail
   * attachment's is (decisions §22), the type sniffed from the bytes (what the picker
   * said is not trusted). Only an empty or too large file is refused.
   */
  async addAttachment(rawName: string, bytes: Uint8Array): Promise<AddedAttachment> {
    if (bytes.length === 0) throw new AppError('file_empty');
    if (bytes.length > MAX_FILE_BYTES) throw new AppError('payload_too_large', { limit: `${MAX_FILE_BYTES / 1024 / 1024} MB` });
    const name = safeAttachmentName(rawName);
    const sha256 = await this.store(bytes);
    return { sha256, name, size: bytes.length, mime: sniffMime(bytes, name) };
  }

  /** Write the bytes under their hash (durably), marked for upload; returns the hash. */
  private async store(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const final = this.pathOf(sha256);
    if (!fs.existsSync(final)) {
      const tmp = `${final}.add-${randomUUID()}`;
      const fh = await fsp.open(tmp, 'w');
      try {
        await fh.writeFile(bytes);
        // The outbox entry that will reference this file is durable; the file must be too.
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fsp.rename(tmp, final);
    }
    // A scan for a secret registration is sealed when that registration is queued (sealSecretFiles).
    // A file already known from a document is on the server: only a new one needs uploading.
    this.db
      .prepare(
        `INSERT INTO files (sha256, size, state, needs_upload, last_used) VALUES (?, ?, 'complete', 1, ?)
         ON CONFLICT (sha256) DO UPDATE SET state = 'complete', last_used = excluded.last_used`,
      )
      .run(sha256, bytes.length, this.now().toISOString());
    return sha256;
  }

  /**
   * Whether a file a mutation references may be an incoming document's (a PDF): judged
   * by the bytes when they are here; a file only the server has (already held by a
   * document) is left to the server, which checks the type it sniffed.
   */
  async isPdfOrUnknown(sha256: string): Promise<boolean> {
    if (this.row(sha256)?.state !== 'complete' || !fs.existsSync(this.pathOf(sha256))) return true;
    return isPdf((await this.read(sha256, 0, 4)).bytes);
  }

  /**
   * How the hosts serve a cached file (decisions §22): its type sniffed from its bytes,
   * and the name a record gives it, if any (record_files; the first record's).
   * Call after `open`, which makes the file complete and verified.
   */
  async servedAs(sha256: string): Promise<{ mime: string; name?: string }> {
    const head = await this.read(sha256, 0, SNIFF_HEAD_BYTES - 1);
    const tail = head.size <= SNIFF_HEAD_BYTES ? head : await this.read(sha256, Math.max(0, head.size - SNIFF_TAIL_BYTES), head.size - 1);
    const row = this.db.prepare('SELECT name FROM record_files WHERE sha256 = ? ORDER BY kind, record_id, position LIMIT 1').get(sha256) as { name: string } | undefined;
    const name = row ? safeAttachmentName(row.name) : undefined;
    return { mime: sniffMime(head.bytes, name, tail.bytes), ...(name !== undefined ? { name } : {}) };
  }

  /** Whether the file can be referenced by a new registration: it is here, or the server already has it. */
  knows(sha256: string): boolean {
    const r = this.row(sha256);
    return r !== undefined && (r.state === 'complete' || r.needs_upload === 0);
  }

  needsUpload(sha256: string): boolean {
    return this.row(sha256)?.needs_upload === 1;
  }

  async upload(sha256: string): Promise<void> {
    const client = this.client();
    if (!client) throw new AppError('not_signed_in');
    const file = this.pathOf(sha256);
    if (!fs.existsSync(file)) return; // the server will refuse the mutation with file_missing; nothing to send
    const bytes = await this.bytesOf(file);
    await client.uploadFile(sha256, bytes);
    this.db.prepare('UPDATE files SET needs_upload = 0 WHERE sha256 = ?').run(sha256);
  }

  /** Whether this file belongs to a secret document, so it must be sealed on disk. */
  isSecret(sha256: string): boolean {
    return this.db.prepare(SECRET_FILE_SQL).get({ sha: sha256 }) !== undefined;
  }

  /** The SHA-256 of the plain content, sealed or not (a sealed chunk that was altered fails here too). */
  private async hashOf(file: string): Promise<string | null> {
    if (!(await isSealed(file))) return sha256OfFile(file);
    const hash = createHash('sha256');
    const r = await SealedReader.open(this.key, file);
    try {
      for await (const c of r.chunks()) hash.update(c);
      return hash.digest('hex');
    } catch {
      return null; // altered or written with another key: treated like a damaged file
    } finally {
      await r.close();
    }
  }

  private async bytesOf(file: string): Promise<Buffer> {
    return (await isSealed(file)) ? readSealed(this.key, file) : fsp.readFile(file);
  }

  /** The file, verified, downloading it if needed. */
  async open(sha256: string): Promise<OpenedFile> {
    const final = this.pathOf(sha256);
    const row = this.row(sha256);
    const size = row?.size ?? (this.db.prepare('SELECT size FROM record_files WHERE sha256 = ? LIMIT 1').get(sha256) as { size: number } | undefined)?.size;
    if (size === undefined) throw new AppError('not_found');
    if (row?.state === 'complete' && fs.existsSync(final)) {
      if ((await this.hashOf(final)) === sha256) {
        this.db.prepare('UPDATE files SET last_used = ? WHERE sha256 = ?').run(this.now().toISOString(), sha256);
        if (this.isSecret(sha256)) await this.seal(sha256);
        return { path: final, size, sealed: await isSealed(final) };
      }
      // Damaged on disk since it was verified: forget it and fetch it again.
      await fsp.rm(final, { force: true });
      this.db.prepare(`UPDATE files SET state = 'missing' WHERE sha256 = ?`).run(sha256);
    }
    await this.fetch(sha256, size);
    return { path: final, size, sealed: await isSealed(final) };
  }

  /** Plain bytes [start, end] (inclusive) of a cached file, for the hosts' Range reads of sealed files. */
  async read(sha256: string, start: number, end: number): Promise<{ bytes: Uint8Array; size: number }> {
    const file = this.pathOf(sha256);
    if (this.row(sha256)?.state !== 'complete' || !fs.existsSync(file)) throw new AppError('not_found');
    if (await isSealed(file)) {
      const r = await SealedReader.open(this.key, file);
      try {
        return { bytes: await r.read(start, end), size: r.size };
      } finally {
        await r.close();
      }
    }
    const size = (await fsp.stat(file)).size;
    const last = Math.min(end, size - 1);
    if (start > last) return { bytes: new Uint8Array(0), size };
    const fh = await fsp.open(file, 'r');
    try {
      const b = Buffer.alloc(last - start + 1);
      await fh.read(b, 0, b.length, start);
      return { bytes: b, size };
    } finally {
      await fh.close();
    }
  }

  /** The whole plain content of a cached file (mail attachments, uploads). */
  async bytes(sha256: string): Promise<Buffer> {
    return this.bytesOf((await this.open(sha256)).path);
  }

  /**
   * Seal a plain cached file in place: the sealed copy is written and made durable
   * first, then the plain bytes are overwritten and removed, then the copy takes
   * the name (sweepDisk finishes that last step after a crash).
   */
  private async seal(sha256: string): Promise<void> {
    const final = this.pathOf(sha256);
    if (!fs.existsSync(final) || (await isSealed(final))) return;
    const sealed = `${final}.sealed`;
    await writeSealed(this.key, sealed, { file: final });
    await removePlain(final);
    await fsp.rename(sealed, final);
  }

  /**
   * Seal every cached file that belongs to a secret document and is still plain: a
   * document may become secret in a pull, and a clerk's scan becomes secret when
   * its registration is queued. Runs when the cache opens, after each pull and
   * after each local action.
   */
  async sealSecretFiles(): Promise<string[]> {
    const rows = this.db
      .prepare(
        `SELECT f.sha256 FROM files f WHERE f.state = 'complete' AND (
           EXISTS (SELECT 1 FROM record_files r WHERE r.sha256 = f.sha256 AND r.sealed = 1)
        OR EXISTS (SELECT 1 FROM outbox_files o WHERE o.sha256 = f.sha256 AND o.sealed = 1))`,
      )
      .all() as { sha256: string }[];
    const done: string[] = [];
    for (const { sha256 } of rows) {
      if (this.sealedKnown.has(sha256) || this.inflight.has(sha256)) continue;
      await this.seal(sha256);
      this.sealedKnown.add(sha256);
      done.push(sha256);
    }
    return done;
  }

  /** Download once even if several callers ask at the same time. */
  fetch(sha256: string, size: number): Promise<string> {
    let p = this.inflight.get(sha256);
    if (!p) {
      p = this.download(sha256, size).finally(() => this.inflight.delete(sha256));
      this.inflight.set(sha256, p);
    }
    return p;
  }

  private async download(sha256: string, size: number): Promise<string> {
    const final = this.pathOf(sha256);
    // A secret document's file never touches the disk in plain: it is received in
    // memory (resumed from there after a cut) and written sealed once verified.
    const sink: Sink = this.isSecret(sha256) ? new MemorySink() : new PartFileSink(`${final}.part`);
    let hashFailures = 0;
    let lastError: unknown = null;
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      if (this.closed.signal.aborted) throw new AppError('server_unreachable');
      let offset = await sink.size();
      if (offset > size) {
        await sink.clear();
        offset = 0;
      }
      if (offset < size) {
        try {
          await this.receive(sha256, sink, offset, size);
        } catch (err) {
          // A cut connection leaves a shorter .part: the next attempt resumes from it.
          lastError = err;
          if (err instanceof AppError && !isTransient(err)) throw err;
          const now = await sink.size();
          if (now <= offset) throw err instanceof AppError ? err : new AppError('server_unreachable');
          continue;
        }
      }
      const got = await sink.size();
      if (got < size) continue;
      if (got === size && (await sink.sha256()) === sha256) {
        await sink.commit(final, this.key);
        this.markComplete(sha256, size);
        if (sink instanceof MemorySink) this.sealedKnown.add(sha256);
        this.onChange([sha256]);
        return final;
      }
      // Wrong bytes somewhere: no way to tell which range, so start over.
      hashFailures += 1;
      await sink.clear();
    }
    await sink.clear();
    if (hashFailures > 0 || lastError === null) throw new AppError('file_hash_mismatch');
    throw lastError instanceof AppError ? lastError : new AppError('server_unreachable');
  }

  /** Append the bytes from `offset` to the sink; stops at `size` even if the server sends more. */
  private async receive(sha256: string, sink: Sink, offset: number, size: number): Promise<void> {
    const client = this.client();
    if (!client) throw new AppError('not_signed_in');
    const ac = new AbortController();
    const onClose = (): void => ac.abort();
    this.closed.signal.addEventListener('abort', onClose, { once: true });
    let idle: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => ac.abort(), this.idleTimeoutMs);
    };
    try {
      arm();
      const res = await client.download(sha256, offset, ac.signal);
      if (res.status === 416) {
        await res.body?.cancel();
        await sink.clear();
        return;
      }
      let start = 0;
      if (res.status === 206) {
        const m = /^bytes (\d+)-/u.exec(res.headers.get('content-range') ?? '');
        start = m ? Number(m[1]) : -1;
      }
      if (start !== offset) {
        // The server sent something else than asked (whole file, or another range): restart cleanly.
        if (start !== 0) {
          await res.body?.cancel();
          await sink.clear();
          throw new AppError('server_error', {}, { reason: 'unexpected range' });
        }
        await sink.clear();
        offset = 0;
      }
      const w = await sink.writer();
      let written = offset;
      try {
        if (!res.body) return;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          arm();
          const room = size - written;
          const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
          if (piece.length > 0) await w.write(piece);
          written += piece.length;
          if (chunk.length > room) {
            ac.abort();
            break;
          }
        }
      } catch {
        throw new AppError('server_unreachable', {}, { reason: 'download cut' });
      } finally {
        await w.close();
      }
    } finally {
      clearTimeout(idle);
      this.closed.signal.removeEventListener('abort', onClose);
    }
  }

  /** Fetch ahead the files the user is likely to open; failures are left for the next round. */
  async prefetch(items: readonly { sha256: string; size: number }[]): Promise<number> {
    let fetched = 0;
    const queue = [...items];
    const worker = async (): Promise<void> => {
      for (let it = queue.shift(); it; it = queue.shift()) {
        if (this.closed.signal.aborted) return;
        try {
          await this.fetch(it.sha256, it.size);
          fetched += 1;
        } catch {
          // offline or a bad file: opening it later reports why
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    return fetched;
  }

  /**
   * Delete files no document uses any more, unless they wait for upload or `keep`
   * holds them (referenced by a pending registration).
   */
  async gc(keep: ReadonlySet<string>): Promise<string[]> {
    // Chosen and deleted in one synchronous transaction, so a pull cannot link one of them in between.
    const gone = this.db.transaction(() => {
      const rows = this.db
        .prepare(
          `SELECT sha256 FROM files f WHERE needs_upload = 0
             AND NOT EXISTS (SELECT 1 FROM record_files d WHERE d.sha256 = f.sha256)
             AND NOT EXISTS (SELECT 1 FROM outbox_files o WHERE o.sha256 = f.sha256)`,
        )
        .all() as { sha256: string }[];
      const out = rows.map((r) => r.sha256).filter((s) => !keep.has(s) && !this.inflight.has(s));
      const del = this.db.prepare('DELETE FROM files WHERE sha256 = ?');
      for (const s of out) del.run(s);
      return out;
    })();
    for (const s of gone) {
      await fsp.rm(this.pathOf(s), { force: true });
      await fsp.rm(`${this.pathOf(s)}.part`, { force: true });
      await fsp.rm(`${this.pathOf(s)}.sealed`, { force: true });
    }
    if (gone.length > 0) this.onChange(gone);
    return gone;
  }

  /**
   * Delete files on disk the table does not know: left by a crash between a commit
   * and the file deletion that follows it. Run once when the cache opens, before
   * anything can be adding or downloading files.
   */
  sweepDisk(): void {
    const known = new Set((this.db.prepare('SELECT sha256 FROM files').all() as { sha256: string }[]).map((r) => r.sha256));
    for (const name of fs.readdirSync(this.dir)) {
      const sha = name.slice(0, 64);
      // A seal interrupted after the plain bytes were removed: the sealed copy takes the name.
      if (known.has(sha) && name === `${sha}.sealed` && !fs.existsSync(path.join(this.dir, sha))) {
        fs.renameSync(path.join(this.dir, name), path.join(this.dir, sha));
        continue;
      }
      // A plain partial download of a file that is secret now is not resumed (secret files are received in memory).
      const partOfKnown = known.has(sha) && (name === sha || (name === `${sha}.part` && !this.isSecret(sha)));
      if (!partOfKnown) fs.rmSync(path.join(this.dir, name), { force: true, recursive: true });
    }
  }

  close(): void {
    this.closed.abort();
  }
}

/** Where a download's bytes go until they are verified. */
interface Sink {
  size(): Promise<number>;
  clear(): Promise<void>;
  writer(): Promise<{ write(b: Uint8Array): Promise<unknown>; close(): Promise<void> }>;
  sha256(): Promise<string>;
  /** Put the verified bytes at `final`. */
  commit(final: string, key: Buffer): Promise<void>;
}

/** files/<sha256>.part on disk: survives a restart, resumed with Range. */
class PartFileSink implements Sink {
  constructor(private readonly part: string) {}
  async size(): Promise<number> {
    return (await fsp.stat(this.part).catch(() => null))?.size ?? 0;
  }
  async clear(): Promise<void> {
    await fsp.rm(this.part, { force: true });
  }
  async writer(): Promise<{ write(b: Uint8Array): Promise<unknown>; close(): Promise<void> }> {
    const fh = await fsp.open(this.part, 'a');
    return { write: (b) => fh.write(b), close: () => fh.close() };
  }
  sha256(): Promise<string> {
    return sha256OfFile(this.part);
  }
  async commit(final: string): Promise<void> {
    await fsp.rename(this.part, final);
  }
}

/** Memory only (secret documents' files): a cut is resumed within this download, a restart begins again. */
class MemorySink implements Sink {
  private parts: Buffer[] = [];
  private length = 0;
  async size(): Promise<number> {
    return this.length;
  }
  async clear(): Promise<void> {
    this.parts = [];
    this.length = 0;
  }
  async writer(): Promise<{ write(b: Uint8Array): Promise<unknown>; close(): Promise<void> }> {
    return {
      write: async (b) => {
        this.parts.push(Buffer.from(b));
        this.length += b.length;
      },
      close: async () => {},
    };
  }
  async sha256(): Promise<string> {
    const h = createHash('sha256');
    for (const p of this.parts) h.update(p);
    return h.digest('hex');
  }
  async commit(final: string, key: Buffer): Promise<void> {
    await writeSealed(key, final, Buffer.concat(this.parts));
    await this.clear();
  }
}
