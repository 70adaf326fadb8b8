/** A signed PDF is written whole or not at all: the old file stays until the new one is complete. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/node/writeFileAtomic.js';

const dir = mkdtempSync(join(tmpdir(), 'ioffice-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('replaces a file whole and leaves no temporary file', async () => {
  const file = join(dir, 'van-ban-da-ky.pdf');
  writeFileSync(file, 'bản cũ');
  await writeFileAtomic(file, new TextEncoder().encode('bản đã ký'));
  expect(readFileSync(file, 'utf8')).toBe('bản đã ký');
  expect(readdirSync(dir)).toEqual(['van-ban-da-ky.pdf']);
});

it('leaves what was there, and no temporary file, when the new file cannot be put in place', async () => {
  // A non-empty folder at the target: the bytes are written, the rename over it fails.
  const target = join(dir, 'thu-muc');
  mkdirSync(join(target, 'con'), { recursive: true });
  await expect(writeFileAtomic(target, new TextEncoder().encode('mới'))).rejects.toThrow();
  expect(readdirSync(dir).sort()).toEqual(['thu-muc', 'van-ban-da-ky.pdf']);
  expect(readdirSync(target)).toEqual(['con']);
});
