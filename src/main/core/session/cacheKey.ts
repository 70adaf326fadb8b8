import { hkdfSync, randomBytes } from 'node:crypto';
import type { SecretStore } from './secretStore.js';

/**
 * One random 256-bit key per cache folder, kept through the core's SecretStore
 * (safeStorage in the desktop app, the 0600 file in the web host), never next to
 * the cache itself. The database key and the file key are derived from it with
 * HKDF, so one secret covers both and neither can be computed from the other.
 */
export interface CacheKeys {
  /** SQLCipher raw key for cache.sqlite. */
  db: Buffer;
  /** AES-256-GCM key for the sealed files of secret documents (files/sealed.ts). */
  files: Buffer;
}

const HEX_KEY = /^[0-9a-f]{64}$/u;

export function cacheKeyName(cacheFolder: string): string {
  return `cache.key.${cacheFolder}`;
}

export function deriveKeys(master: Buffer): CacheKeys {
  const derive = (info: string): Buffer => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { db: derive('ioffice cache sqlcipher v1'), files: derive('ioffice cache files v1') };
}

/** The stored key, or null when the store has none (or holds something that is not a key). */
export async function loadCacheKey(store: SecretStore, cacheFolder: string): Promise<CacheKeys | null> {
  const hex = await store.get(cacheKeyName(cacheFolder));
  return hex !== null && HEX_KEY.test(hex) ? deriveKeys(Buffer.from(hex, 'hex')) : null;
}

/** A new key, stored before anything is encrypted with it (so a crash cannot leave a cache without its key). */
export async function createCacheKey(store: SecretStore, cacheFolder: string): Promise<CacheKeys> {
  const master = randomBytes(32);
  await store.set(cacheKeyName(cacheFolder), master.toString('hex'));
  return deriveKeys(master);
}

export async function forgetCacheKey(store: SecretStore, cacheFolder: string): Promise<void> {
  await store.delete(cacheKeyName(cacheFolder));
}
