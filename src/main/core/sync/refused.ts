import type { RefusedRecord } from '../../../shared/sync/records.js';
import type { Db } from '../db/open.js';
import type { ErrorBodyT } from './outbox.js';

interface Row {
  kind: string;
  id: string;
  error: string;
  refused_at: string;
  app_version: string;
}

/**
 * Records of any kind a pull brought that this version's schema refused (decisions
 * §18): recorded so the user sees them (sync indicator), while the rest of the page
 * and its cursor are applied. A record ends when the server sends it again in a
 * form we read, removes it from the user, or a full pull starts over (a new app
 * version asks for one: its schemas may read what this one could not).
 */
export class RefusedRecords {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      record: db.prepare<[string, string, string, string, string]>(
        'INSERT INTO refused_records (kind, id, error, refused_at, app_version) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET error = excluded.error, refused_at = excluded.refused_at, app_version = excluded.app_version',
      ),
      clear: db.prepare<[string, string]>('DELETE FROM refused_records WHERE kind = ? AND id = ?'),
      clearAll: db.prepare('DELETE FROM refused_records'),
      all: db.prepare<[], Row>('SELECT * FROM refused_records ORDER BY refused_at, kind, id'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM refused_records'),
      otherVersion: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM refused_records WHERE app_version <> ?'),
    };
  }

  record(kind: string, id: string, error: ErrorBodyT, refusedAt: string, appVersion: string): void {
    this.stmts.record.run(kind, id, JSON.stringify(error), refusedAt, appVersion);
  }

  /** The record arrived in a form we read, or went away: nothing is set aside any more. */
  clear(kind: string, id: string): void {
    this.stmts.clear.run(kind, id);
  }

  clearAll(): void {
    this.stmts.clearAll.run();
  }

  list(): RefusedRecord[] {
    return this.stmts.all.all().map((r) => ({ kind: r.kind, recordId: r.id, error: JSON.parse(r.error) as ErrorBodyT, refusedAt: r.refused_at }));
  }

  count(): number {
    return this.stmts.count.get()?.n ?? 0;
  }

  /** Some were refused by another version of the app: this one may read them, so pull everything again. */
  refusedByAnotherVersion(appVersion: string): boolean {
    return (this.stmts.otherVersion.get(appVersion)?.n ?? 0) > 0;
  }
}
