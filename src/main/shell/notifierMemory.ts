/**
 * The notifier's memory across restarts (NotifierMemory in notifier.ts): one small JSON
 * file in userData, written whole to a temporary file and renamed over the old one, so a
 * crash mid-write leaves the old memory rather than half of the new. It holds record ids,
 * roles and dates — no titles or messages — so it needs none of the cache's encryption;
 * it is still readable by this account only (0600). Unreadable or malformed is no memory:
 * the notifier starts from a baseline, as on a first sign-in.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { NotifierMemory } from './notifier.js';

export function fileMemory(file: string): NotifierMemory {
  return {
    load(): unknown {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as unknown;
      } catch {
        return null;
      }
    },
    save(value: unknown): void {
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(value), { mode: 0o600 });
      renameSync(tmp, file);
    },
  };
}
