/**
 * Content-addressed file storage: each file is stored once under its SHA-256,
 * in a two-level folder fan-out, written to a temporary name and renamed so a
 * reader never sees half a file. Names come only from validated hex digests, so
 * no client string ever reaches a path.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rename, stat, writeFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/u;

export class BlobStore {
  constructor(private readonly dir: string) {
    mkdirSync(join(dir, 'tmp'), { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error('invalid sha256');
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch {
      return null;
    }
  }

  /** A stored file's bytes (the server checking a signed PDF against the draft it signs: issue #10). */
  async read(sha256: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.pathOf(sha256)));
  }

  /** Store bytes; returns their digest. */
  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if ((await this.size(sha256)) === bytes.byteLength) return sha256;
    const tmp = join(this.dir, 'tmp', randomUUID());
    await writeFile(tmp, bytes);
    mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    try {
      await rename(tmp, this.pathOf(sha256));
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    return sha256;
  }
}

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
