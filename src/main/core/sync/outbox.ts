import type { z } from 'zod';
import type { FailedMutation } from '../../../shared/sync/records.js';
import { ABANDONED_MUTATION, type ErrorBody, type PushedMutation } from '../../../shared/sync/protocol.js';
import { isoDateTime } from '../../../shared/model/primitives.js';
import type { Db } from '../db/open.js';
import { META, MetaStore } from '../db/meta.js';

/**
 * One queued action of any feature. An entry whose name this build does not know
 * (written by a newer build, then downgraded) stays and is pushed as it is: the
 * server decides; the overlay skips it.
 */
export interface OutboxEntry {
  id: number;
  name: string;
  args: unknown;
  kind: string;
  recordId: string;
  createdAt: string;
}

interface OutboxRow {
  id: number;
  name: string;
  args: string;
  kind: string;
  record_id: string;
  created_at: string;
}

export type ErrorBodyT = z.infer<typeof ErrorBody>;

/** A file a queued action uploads: kept from GC until the action is done, sealed on disk when secret. */
export interface QueuedFile {
  sha256: string;
  sealed: boolean;
}

function rowToEntry(r: OutboxRow): OutboxEntry {
  return { id: r.id, name: r.name, args: JSON.parse(r.args) as unknown, kind: r.kind, recordId: r.record_id, createdAt: r.created_at };
}

/**
 * The durable outbox. `enqueue` commits before it returns, so once the UI is told
 * "queued" a crash cannot lose the change; ids come from a counter in the same
 * transaction and are never reused, even after entries are confirmed or fail.
 */
export class Outbox {
  private readonly meta: MetaStore;
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.meta = new MetaStore(db);
    this.stmts = {
      insert: db.prepare('INSERT INTO outbox (id, name, args, kind, record_id, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      insertFile: db.prepare('INSERT OR IGNORE INTO outbox_files (mutation_id, sha256, sealed) VALUES (?, ?, ?)'),
      all: db.prepare<[], OutboxRow>('SELECT * FROM outbox ORDER BY id'),
      after: db.prepare<[number, number], OutboxRow>('SELECT * FROM outbox WHERE id > ? ORDER BY id LIMIT ?'),
      forRecord: db.prepare<[string, string], OutboxRow>('SELECT * FROM outbox WHERE kind = ? AND record_id = ? ORDER BY id'),
      ofKind: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE kind = ? ORDER BY id'),
      recordIds: db.prepare<[string], { record_id: string }>('SELECT DISTINCT record_id FROM outbox WHERE kind = ?'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox'),
      confirm: db.prepare<[number]>('DELETE FROM outbox WHERE id <= ?'),
      confirmFiles: db.prepare<[number]>('DELETE FROM outbox_files WHERE mutation_id <= ?'),
      confirmRecords: db.prepare<[number], { kind: string; record_id: string }>('SELECT DISTINCT kind, record_id FROM outbox WHERE id <= ?'),
      delete: db.prepare<[number]>('DELETE FROM outbox WHERE id = ?'),
      deleteFiles: db.prepare<[number]>('DELETE FROM outbox_files WHERE mutation_id = ?'),
      files: db.prepare<[], { sha256: string }>('SELECT DISTINCT sha256 FROM outbox_files'),
      filesOfEntry: db.prepare<[number], { sha256: string }>('SELECT sha256 FROM outbox_files WHERE mutation_id = ?'),
      get: db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?'),
      fail: db.prepare('INSERT OR REPLACE INTO failed_mutations (id, name, args, kind, record_id, created_at, error, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      failed: db.prepare<[], OutboxRow & { error: string; failed_at: string }>('SELECT * FROM failed_mutations ORDER BY id'),
      failedForRecord: db.prepare<[string, string], OutboxRow & { error: string; failed_at: string }>('SELECT * FROM failed_mutations WHERE kind = ? AND record_id = ? ORDER BY id'),
      failedCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM failed_mutations'),
      dismiss: db.prepare<[number]>('DELETE FROM failed_mutations WHERE id = ?'),
    };
  }

  enqueue(m: { name: string; args: unknown }, kind: string, recordId: string, createdAt: string, files: readonly QueuedFile[] = []): OutboxEntry {
    return this.db.transaction(() => {
      // Never below what the server has seen: a reused id would be skipped as a replay.
      const id = Math.max(this.meta.getNumber(META.nextMutationId, 1), this.lastMutationId() + 1);
      this.stmts.insert.run(id, m.name, JSON.stringify(m.args), kind, recordId, createdAt);
      for (const f of files) this.stmts.insertFile.run(id, f.sha256, f.sealed ? 1 : 0);
      this.meta.setNumber(META.nextMutationId, id + 1);
      return { id, name: m.name, args: m.args, kind, recordId, createdAt };
    })();
  }

  all(): OutboxEntry[] {
    return this.stmts.all.all().map(rowToEntry);
  }

  forRecord(kind: string, recordId: string): OutboxEntry[] {
    return this.stmts.forRecord.all(kind, recordId).map(rowToEntry);
  }

  ofKind(kind: string): OutboxEntry[] {
    return this.stmts.ofKind.all(kind).map(rowToEntry);
  }

  /** Files pending entries still need (upload first; never collected meanwhile). */
  pendingFiles(): Set<string> {
    return new Set(this.stmts.files.all().map((r) => r.sha256));
  }

  /** The files one entry references (its def's `files`, recorded at enqueue): uploaded before it is pushed. */
  filesOf(mutationId: number): string[] {
    return this.stmts.filesOfEntry.all(mutationId).map((r) => r.sha256);
  }

  /** Entries the server has not processed yet, oldest first. */
  unsent(limit: number): OutboxEntry[] {
    return this.stmts.after.all(this.lastMutationId(), limit).map(rowToEntry);
  }

  /**
   * What to push next, oldest first: the unsent entries merged with the ids given
   * up on (`abandon`), which go as ABANDONED_MUTATION so the server's id advances
   * past them. Ids are not checked for holes here (see push.ts).
   */
  toSend(limit: number): { mutation: PushedMutation; entry: OutboxEntry | null }[] {
    const last = this.lastMutationId();
    const entries = this.unsent(limit).map((entry) => ({ mutation: { id: entry.id, name: entry.name, args: entry.args, createdAt: entry.createdAt }, entry }));
    const abandoned = this.abandonedIds()
      .filter((a) => a.id > last)
      .map((a) => ({ mutation: { id: a.id, name: ABANDONED_MUTATION, args: {}, createdAt: a.createdAt }, entry: null }));
    return [...entries, ...abandoned].sort((x, y) => x.mutation.id - y.mutation.id).slice(0, limit);
  }

  /** Records of a kind with actions still waiting to sync. */
  recordIds(kind: string): Set<string> {
    return new Set(this.stmts.recordIds.all(kind).map((r) => r.record_id));
  }

  count(): number {
    return this.stmts.count.get()?.n ?? 0;
  }

  lastMutationId(): number {
    return this.meta.getNumber(META.lastMutationId, 0);
  }

  /** Record how far the server got; never moves backwards except when the server says so (see resetServerPosition). */
  noteServerPosition(lastMutationId: number): void {
    if (lastMutationId > this.lastMutationId()) this.meta.setNumber(META.lastMutationId, lastMutationId);
    const abandoned = this.abandonedIds();
    const left = abandoned.filter((a) => a.id > lastMutationId);
    if (left.length !== abandoned.length) this.meta.setJson(META.abandonedMutations, left.length > 0 ? left : null);
  }

  /** Ids given up on that the server has not passed yet (see `abandon`). */
  abandonedIds(): { id: number; createdAt: string }[] {
    return this.meta.getJson<{ id: number; createdAt: string }[]>(META.abandonedMutations) ?? [];
  }

  /**
   * Give up an entry the server will never accept (docs/decisions.md §18): it becomes
   * a failed mutation the user sees and dismisses, and its id is remembered so the
   * next push sends ABANDONED_MUTATION in its place: the server refuses holes in the ids.
   */
  abandon(id: number, error: ErrorBodyT, failedAt: string): FailedMutation | null {
    return this.db.transaction(() => {
      const f = this.fail(id, error, failedAt);
      // Stamped now: the entry's own time may be what the server refused (an older client's).
      if (f) this.meta.setJson(META.abandonedMutations, [...this.abandonedIds(), { id: f.id, createdAt: failedAt }]);
      return f;
    })();
  }

  /** The server's word after a 409 gap is the truth, even if it is behind what we believed. */
  resetServerPosition(lastMutationId: number): void {
    this.meta.setNumber(META.lastMutationId, lastMutationId);
  }

  /** Drop entries the pulled state already includes. Returns the records they were about. Call inside the page's transaction. */
  confirmUpTo(lastMutationId: number): { kind: string; recordId: string }[] {
    const records = this.stmts.confirmRecords.all(lastMutationId).map((r) => ({ kind: r.kind, recordId: r.record_id }));
    if (records.length > 0) {
      this.stmts.confirm.run(lastMutationId);
      this.stmts.confirmFiles.run(lastMutationId);
    }
    this.noteServerPosition(lastMutationId);
    return records;
  }

  /** Move a refused entry to failed_mutations; the optimistic overlay stops applying it at once. */
  fail(id: number, error: ErrorBodyT, failedAt: string): FailedMutation | null {
    const r = this.stmts.get.get(id);
    if (!r) return null;
    // An older client's entry may carry a time that is not one (which may be why it failed): the record must still be shown.
    const createdAt = isoDateTime.safeParse(r.created_at).success ? r.created_at : failedAt;
    this.stmts.delete.run(id);
    this.stmts.deleteFiles.run(id);
    this.stmts.fail.run(r.id, r.name, r.args, r.kind, r.record_id, createdAt, JSON.stringify(error), failedAt);
    return { id: r.id, name: r.name, kind: r.kind, recordId: r.record_id, createdAt, error, failedAt };
  }

  failed(record?: { kind: string; recordId: string }): FailedMutation[] {
    const rows = record === undefined ? this.stmts.failed.all() : this.stmts.failedForRecord.all(record.kind, record.recordId);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      recordId: r.record_id,
      createdAt: r.created_at,
      error: JSON.parse(r.error) as ErrorBodyT,
      failedAt: r.failed_at,
    }));
  }

  failedCount(): number {
    return this.stmts.failedCount.get()?.n ?? 0;
  }

  dismiss(id: number): boolean {
    return this.stmts.dismiss.run(id).changes > 0;
  }
}
