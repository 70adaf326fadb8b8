import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';

/**
 * The at-rest format of a secret document's cached file: AES-256-GCM in
 * independent 64 KiB chunks, so the PDF viewer's Range reads decrypt only the
 * chunks they touch, and every chunk is authenticated on its own.
 *
 *   header  'IOFSEAL1' | chunk size (u32 BE) | plain size (u64 BE) | nonce prefix (8 random bytes)
 *   chunk i ciphertext (chunk size, the last one shorter) | GCM tag (16)
 *
 * Chunk i's nonce is the file's prefix followed by i (u32 BE), so no nonce repeats
 * under one key (a fresh prefix per file, 2^32 chunks at most per file). Its
 * additional data is the header and i: a chunk cannot be moved to another place
 * or another file, and the plain size in the header fixes the chunk count, so a
 * truncated file fails instead of reading short.
 */
const MAGIC = Buffer.from('IOFSEAL1', 'latin1');
const HEADER_BYTES = 28;
const TAG_BYTES = 16;
export const SEAL_CHUNK_BYTES = 64 * 1024;

interface Header {
  raw: Buffer;
  chunk: number;
  size: number;
  prefix: Buffer;
}

function header(size: number, chunk: number, prefix: Buffer): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(h, 0);
  h.writeUInt32BE(chunk, 8);
  h.writeBigUInt64BE(BigInt(size), 12);
  prefix.copy(h, 20);
  return h;
}

function parseHeader(raw: Buffer): Header {
  if (raw.length < HEADER_BYTES || !raw.subarray(0, 8).equals(MAGIC)) throw new Error('not a sealed file');
  const chunk = raw.readUInt32BE(8);
  if (chunk === 0) throw new Error('sealed file: bad chunk size');
  return { raw: raw.subarray(0, HEADER_BYTES), chunk, size: Number(raw.readBigUInt64BE(12)), prefix: raw.subarray(20, 28) };
}

function nonceAndAad(h: Header, i: number): { nonce: Buffer; aad: Buffer } {
  const idx = Buffer.alloc(4);
  idx.writeUInt32BE(i, 0);
  return { nonce: Buffer.concat([h.prefix, idx]), aad: Buffer.concat([h.raw, idx]) };
}

function sealChunk(key: Buffer, h: Header, i: number, plain: Buffer): Buffer {
  const { nonce, aad } = nonceAndAad(h, i);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(aad);
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

function openChunk(key: Buffer, h: Header, i: number, sealed: Buffer): Buffer {
  const { nonce, aad } = nonceAndAad(h, i);
  const d = createDecipheriv('aes-256-gcm', key, nonce);
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG_BYTES)), d.final()]);
}

/** Whether a file on disk is in the sealed format (as opposed to the plain bytes). */
export async function isSealed(file: string): Promise<boolean> {
  const fh = await fsp.open(file, 'r').catch(() => null);
  if (!fh) return false;
  try {
    const b = Buffer.alloc(MAGIC.length);
    const { bytesRead } = await fh.read(b, 0, b.length, 0);
    return bytesRead === b.length && b.equals(MAGIC);
  } finally {
    await fh.close();
  }
}

/**
 * Write `plain` sealed to `dest` (through a temporary file, fsynced, then renamed:
 * the outbox may reference this file, and a reader never sees half of it).
 * `plain` is the bytes, or a plain file read chunk by chunk.
 */
export async function writeSealed(key: Buffer, dest: string, plain: Buffer | { file: string }, chunk = SEAL_CHUNK_BYTES): Promise<void> {
  const src = Buffer.isBuffer(plain) ? null : await fsp.open(plain.file, 'r');
  const tmp = `${dest}.seal-${process.pid}-${randomBytes(4).toString('hex')}`;
  const out = await fsp.open(tmp, 'w', 0o600);
  try {
    const size = Buffer.isBuffer(plain) ? plain.length : (await src!.stat()).size;
    const raw = header(size, chunk, randomBytes(8));
    const h = parseHeader(raw);
    await out.write(raw);
    const buf = Buffer.alloc(chunk);
    for (let i = 0, pos = 0; pos < size; i++, pos += chunk) {
      const n = Math.min(chunk, size - pos);
      let piece: Buffer;
      if (Buffer.isBuffer(plain)) piece = plain.subarray(pos, pos + n);
      else {
        const { bytesRead } = await src!.read(buf, 0, n, pos);
        if (bytesRead !== n) throw new Error('the plain file changed while it was being sealed');
        piece = buf.subarray(0, n);
      }
      await out.write(sealChunk(key, h, i, piece));
    }
    await out.sync();
  } catch (err) {
    await out.close();
    await fsp.rm(tmp, { force: true });
    throw err;
  } finally {
    await src?.close();
  }
  await out.close();
  await fsp.rename(tmp, dest);
}

/** An open sealed file: its plain size, and plain bytes by range. */
export class SealedReader {
  private constructor(
    private readonly fh: fsp.FileHandle,
    private readonly key: Buffer,
    private readonly h: Header,
  ) {}

  static async open(key: Buffer, file: string): Promise<SealedReader> {
    const fh = await fsp.open(file, 'r');
    try {
      const raw = Buffer.alloc(HEADER_BYTES);
      await fh.read(raw, 0, HEADER_BYTES, 0);
      return new SealedReader(fh, key, parseHeader(raw));
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  get size(): number {
    return this.h.size;
  }

  private async chunk(i: number): Promise<Buffer> {
    const plainLen = Math.min(this.h.chunk, this.h.size - i * this.h.chunk);
    const len = plainLen + TAG_BYTES;
    const at = HEADER_BYTES + i * (this.h.chunk + TAG_BYTES);
    const b = Buffer.alloc(len);
    const { bytesRead } = await this.fh.read(b, 0, len, at);
    if (bytesRead !== len) throw new Error('sealed file is truncated');
    return openChunk(this.key, this.h, i, b); // throws if the chunk was altered
  }

  /** Plain bytes [start, end] (inclusive), like an HTTP Range. */
  async read(start: number, end: number): Promise<Buffer> {
    const last = Math.min(end, this.h.size - 1);
    if (start > last) return Buffer.alloc(0);
    const first = Math.floor(start / this.h.chunk);
    const lastChunk = Math.floor(last / this.h.chunk);
    const parts: Buffer[] = [];
    for (let i = first; i <= lastChunk; i++) parts.push(await this.chunk(i));
    const all = Buffer.concat(parts);
    const off = start - first * this.h.chunk;
    return all.subarray(off, off + (last - start + 1));
  }

  /** Every plain chunk in order (hashing, upload, mail attachment). */
  async *chunks(): AsyncGenerator<Buffer> {
    const count = Math.ceil(this.h.size / this.h.chunk);
    for (let i = 0; i < count; i++) yield await this.chunk(i);
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}

/** The whole plain content of a sealed file. */
export async function readSealed(key: Buffer, file: string): Promise<Buffer> {
  const r = await SealedReader.open(key, file);
  try {
    const parts: Buffer[] = [];
    for await (const c of r.chunks()) parts.push(c);
    return Buffer.concat(parts);
  } finally {
    await r.close();
  }
}

/** Remove a plain file's name and bytes where it is cheap to: overwrite, then unlink (best effort on SSDs and copy-on-write file systems). */
export async function removePlain(file: string): Promise<void> {
  const size = (await fsp.stat(file).catch(() => null))?.size ?? 0;
  if (size > 0) {
    const fh = await fsp.open(file, 'r+');
    try {
      const zeros = Buffer.alloc(Math.min(size, SEAL_CHUNK_BYTES));
      for (let pos = 0; pos < size; pos += zeros.length) await fh.write(zeros, 0, Math.min(zeros.length, size - pos), pos);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
  fs.rmSync(file, { force: true });
}
