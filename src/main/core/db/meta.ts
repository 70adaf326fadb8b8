import type { Db } from './open.js';

/** The cache's small key/value facts (clientId, cursor, mutation counters, org…), typed at the edges. */
export class MetaStore {
  private readonly getStmt;
  private readonly setStmt;
  private readonly delStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.setStmt = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.delStmt = db.prepare<[string]>('DELETE FROM meta WHERE key = ?');
  }

  get(key: string): string | null {
    return this.getStmt.get(key)?.value ?? null;
  }

  set(key: string, value: string | null): void {
    if (value === null) this.delStmt.run(key);
    else this.setStmt.run(key, value);
  }

  getNumber(key: string, fallback: number): number {
    const v = this.get(key);
    return v === null ? fallback : Number(v);
  }

  setNumber(key: string, value: number): void {
    this.set(key, String(value));
  }

  getJson<T>(key: string): T | null {
    const v = this.get(key);
    return v === null ? null : (JSON.parse(v) as T);
  }

  setJson(key: string, value: unknown): void {
    this.set(key, value === null ? null : JSON.stringify(value));
  }
}

export const META = {
  clientId: 'clientId',
  serverUrl: 'serverUrl',
  userId: 'userId',
  cursor: 'cursor',
  /** The last of this client's mutation ids the server said it processed. */
  lastMutationId: 'lastMutationId',
  nextMutationId: 'nextMutationId',
  /** Ids the core gave up (failed locally) that the server has not passed yet: sent as ABANDONED_MUTATION. */
  abandonedMutations: 'abandonedMutations',
  orgVersion: 'orgVersion',
  org: 'org',
  lastSyncAt: 'lastSyncAt',
} as const;
