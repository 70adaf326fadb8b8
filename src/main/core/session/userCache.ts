import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/index.js';
import { DocumentStore } from '../incoming/index.js';
import { META, MetaStore } from '../db/meta.js';
import { isPlainDatabase, openDatabase, type Db } from '../db/open.js';
import { FileCache, type FileCacheOptions } from '../files/fileCache.js';
import type { ServerClient } from '../sync/http.js';
import { Outbox } from '../sync/outbox.js';
import type { LocalKind } from '../sync/kinds.js';
import { TaskStore } from '../tasks/index.js';
import { ScheduleStore } from '../schedule/store.js';
import { OutgoingStore } from '../outgoing/store.js';
import type { OrgView } from '../../../shared/domain/org.js';
import type { Organisation } from '../../../shared/model/organisation.js';

const DEADLINE_COLUMNS_FILLED = 'deadlineColumnsFilled';
import { RefusedRecords } from '../sync/refused.js';
import { createCacheKey, loadCacheKey, type CacheKeys } from './cacheKey.js';
import type { SecretStore } from './secretStore.js';

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
  readonly tasks: TaskStore;
  readonly schedule: ScheduleStore;
  readonly outgoing: OutgoingStore;
  /** Every kind of record this cache holds, by kind (the sync engine applies pulls through these). */
  readonly kinds: ReadonlyMap<string, LocalKind>;
  readonly outbox: Outbox;
  /** Documents a pull set aside because this version cannot read them (decisions §18). */
  readonly refused: RefusedRecords;
  readonly files: FileCache;
  readonly clientId: string;

  private constructor(
    readonly db: Db,
    readonly dir: string,
    client: () => ServerClient | null,
    fileKey: Buffer,
    fileOpts: FileCacheOptions,
  ) {
    this.meta = new MetaStore(db);
    const org = (): OrgView | null => this.meta.getJson<Organisation>(META.org);
    this.docs = new DocumentStore(db, org);
    this.tasks = new TaskStore(db, org);
    this.schedule = new ScheduleStore(db, org, fileOpts.now);
    this.outgoing = new OutgoingStore(db, org);
    this.kinds = new Map<string, LocalKind>([
      [this.docs.kind, this.docs],
      [this.tasks.kind, this.tasks],
      [this.schedule.kind, this.schedule],
      [this.outgoing.kind, this.outgoing],
    ]);
    this.outbox = new Outbox(db);
    this.refused = new RefusedRecords(db);
    this.files = new FileCache(db, path.join(dir, 'files'), client, fileKey, fileOpts);
    let id = this.meta.get(META.clientId);
    if (id === null) {
      id = randomUUID();
      this.meta.set(META.clientId, id);
    }
    this.clientId = id;
  }

  /**
   * Open the user's encrypted cache (decisions §20). The key comes from the secret
   * store; a cache without one is new (a new key), or from before encryption (it is
   * encrypted in place with a new key), or its key was lost: then `cache_unreadable`,
   * and with `setAsideUnreadable` the folder is first moved aside (kept, not deleted:
   * a restored key could still read it) so the next sign-in starts a fresh cache.
   */
  static async open(
    dataDir: string,
    serverUrl: string,
    userId: string,
    client: () => ServerClient | null,
    secrets: SecretStore,
    fileOpts: FileCacheOptions = {},
    setAsideUnreadable = false,
  ): Promise<UserCache> {
    const dir = cacheDirFor(dataDir, serverUrl, userId);
    const file = path.join(dir, 'cache.sqlite');
    const folder = path.basename(dir);
    let keys: CacheKeys | null = await loadCacheKey(secrets, folder);
    let db: Db;
    try {
      if (!keys && fs.existsSync(file) && !isPlainDatabase(file) && fs.statSync(file).size > 0) throw new AppError('cache_unreadable', {}, { reason: 'no key for an encrypted cache' });
      keys ??= await createCacheKey(secrets, folder);
      db = openDatabase(file, keys.db);
    } catch (err) {
      if (err instanceof AppError && err.code === 'cache_unreadable' && setAsideUnreadable) setAside(dir, new Date());
      throw err;
    }
    const cache = new UserCache(db, dir, client, keys.files, fileOpts);
    try {
      const owner = cache.meta.get(META.userId);
      if (owner !== null && owner !== userId) throw new Error('cache folder belongs to another user');
      cache.meta.set(META.userId, userId);
      cache.meta.set(META.serverUrl, serverUrl);
      // Documents cached before the dashboard's columns existed (cache step 5) get them once.
      if (cache.meta.get(DEADLINE_COLUMNS_FILLED) === null) {
        cache.docs.fillDeadlineColumns();
        cache.meta.set(DEADLINE_COLUMNS_FILLED, '1');
      }
      cache.files.sweepDisk();
      // Plain copies left by a version before sealing, or by a crash mid-seal.
      await cache.files.sealSecretFiles();
    } catch (err) {
      cache.close();
      throw err;
    }
    return cache;
  }

  close(): void {
    this.files.close();
    this.db.close();
  }
}

/** Move an unreadable cache folder out of the way, keeping it: `caches/<hash>.unreadable-<time>`. */
export function setAside(dir: string, now: Date): string {
  const to = `${dir}.unreadable-${now.toISOString().replace(/[:.]/gu, '-')}`;
  fs.renameSync(dir, to);
  return to;
}
