import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openEncrypted, type Db } from '../../src/main/core/db/open.js';
import { loadCacheKey } from '../../src/main/core/session/cacheKey.js';
import { FileSecretStore } from '../../src/main/core/session/secretStore.js';

/** The cache folders of a core's data folder (caches/<hash>), set-aside ones excluded. */
export function cacheFolders(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'caches')).filter((n) => /^[0-9a-f]{32}$/u.test(n));
}

/**
 * Open a core's encrypted cache straight from disk, with the key from the core's
 * own secret store (the web host's 0600 session.json), as the core would.
 */
export async function openCacheDb(dataDir: string, folder = cacheFolders(dataDir)[0]!, options: { readonly?: boolean } = {}): Promise<Db> {
  const keys = await loadCacheKey(new FileSecretStore(join(dataDir, 'session.json')), folder);
  if (!keys) throw new Error(`no key for cache ${folder}`);
  return openEncrypted(join(dataDir, 'caches', folder, 'cache.sqlite'), keys.db, options);
}
