import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { DocumentStore } from '../db/documents.js';
import { META, MetaStore } from '../db/meta.js';
import { openDatabase, type Db } from '../db/open.js';
import { FileCache, type FileCacheOptions } from '../files/fileCache.js';
import type { ServerClient } from '../sync/http.js';
import { Outbox } from '../sync/outbox.js';

/**
 * One cache per (server, user): two people signing in on the same machine, or one
 * person on two servers, never see each other's documents or send each other's
 * pending changes. The folder name is a hash so it leaks neither URL nor user.
 */
export function cacheDirFor(dataDir: string, serverUrl: string, userId: string): string {
  const key = createHash('sha256').update(`${serverUrl}\n${userId}`).digest('hex').slice(0, 32);
  return path.join(dataDir, 'caches', key);
}

export class UserCache {
  readonly meta: MetaStore;
  readonly docs: DocumentStore;
  readonly outbox: Outbox;
  readonly files: FileCache;
  readonly clientId: string;

  private constructor(
    readonly db: Db,
    readonly dir: string,
    client: () => ServerClient | null,
    fileOpts: FileCacheOptions,
  ) {
    this.meta = new MetaStore(db);
    this.docs = new DocumentStore(db);
    this.outbox = new Outbox(db);
    this.files = new FileCache(db, path.join(dir, 'files'), client, fileOpts);
    let id = this.meta.get(META.clientId);
    if (id === null) {
      id = randomUUID();
      this.meta.set(META.clientId, id);
    }
    this.clientId = id;
  }

  static open(dataDir: string, serverUrl: string, userId: string, client: () => ServerClient | null, fileOpts: FileCacheOptions = {}): UserCache {
    const dir = cacheDirFor(dataDir, serverUrl, userId);
    const db = openDatabase(path.join(dir, 'cache.sqlite'));
    const cache = new UserCache(db, dir, client, fileOpts);
    const owner = cache.meta.get(META.userId);
    if (owner !== null && owner !== userId) {
      db.close();
      throw new Error('cache folder belongs to another user');
    }
    cache.meta.set(META.userId, userId);
    cache.meta.set(META.serverUrl, serverUrl);
    cache.files.sweepDisk();
    return cache;
  }

  close(): void {
    this.files.close();
    this.db.close();
  }
}
