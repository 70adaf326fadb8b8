/**
 * Write a file so that a crash (a killed process, a power cut) leaves either the old file or
 * the whole new one, never a part: the bytes go to a temporary file beside it, are fsynced,
 * renamed over the target, and the folder is fsynced so the rename itself is durable.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
  try {
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  // The folder's entry: without this the rename may not survive a power cut (ext4, xfs).
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } catch {
    // Some file systems (and Windows) do not fsync a folder; the rename is still atomic there.
  } finally {
    await d.close();
  }
}
