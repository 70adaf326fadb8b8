import type { z } from 'zod';
import type { FailedMutation } from '../../../shared/rpc/contract.js';
import { ABANDONED_MUTATION, type ErrorBody, type PushedMutation } from '../../../shared/sync/protocol.js';
import { isMutationName, isoDateTime, type Mutation } from '../../../shared/index.js';
import type { Db } from '../db/open.js';
import { META, MetaStore } from '../db/meta.js';

export interface OutboxEntry {
  id: number;
  name: Mutation['name'];
  args: Mutation['args'];
  documentId: string;
  createdAt: string;
}

interface OutboxRow {
  id: number;
  name: string;
  args: string;
  document_id: string;
  created_at: string;
}

export type ErrorBodyT = z.infer<typeof ErrorBody>;

function rowToEntry(r: OutboxRow): OutboxEntry {
  if (!isMutationName(r.name)) throw new Error(`unknown mutation in the outbox: ${r.name}`);
  return { id: r.id, name: r.name, args: JSON.parse(r.args) as Mutation['args'], documentId: r.document_id, createdAt: r.created_at };
}

/** The mutation an entry stands for, typed for the shared rules. */
export function entryMutation(e: OutboxEntry): Mutation {
  return { name: e.name, args: e.args } as Mutation;
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
      insert: db.prepare('INSERT INTO outbox (id, name, args, document_id, created_at) VALUES (?, ?, ?, ?, ?)'),
      all: db.prepare<[], OutboxRow>('SELECT * FROM outbox ORDER BY id'),
      after: db.prepare<[number, number], OutboxRow>('SELECT * FROM outbox WHERE id > ? ORDER BY id LIMIT ?'),
      forDoc: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE document_id = ? ORDER BY id'),
      docIds: db.prepare<[], { document_id: string }>('SELECT DISTINCT document_id FROM outbox'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox'),
      confirm: db.prepare<[number]>('DELETE FROM outbox WHERE id <= ?'),
      confirmDocs: db.prepare<[number], { document_id: string }>('SELECT DISTINCT document_id FROM outbox WHERE id <= ?'),
      delete: db.prepare<[number]>('DELETE FROM outbox WHERE id = ?'),
      get: db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?'),
      fail: db.prepare('INSERT OR REPLACE INTO failed_mutations (id, name, args, document_id, created_at, error, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      failed: db.prepare<[], OutboxRow & { error: string; failed_at: string }>('SELECT * FROM failed_mutations ORDER BY id'),
      failedForDoc: db.prepare<[string], OutboxRow & { error: string; failed_at: string }>('SELECT * FROM failed_mutations WHERE document_id = ? ORDER BY id'),
      failedCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM failed_mutations'),
      dismiss: db.prepare<[number]>('DELETE FROM failed_mutations WHERE id = ?'),
    };
  }

  enqueue(m: Mutation, documentId: string, createdAt: string): OutboxEntry {
    return this.db.transaction(() => {
      // Never below what the server has seen: a reused id would be skipped as a replay.
      const id = Math.max(this.meta.getNumber(META.nextMutationId, 1), this.lastMutationId() + 1);
      this.stmts.insert.run(id, m.name, JSON.stringify(m.args), documentId, createdAt);
      this.meta.setNumber(META.nextMutationId, id + 1);
      return { id, name: m.name, args: m.args, documentId, createdAt };
    })();
  }

  all(): OutboxEntry[] {
    return this.stmts.all.all().map(rowToEntry);
  }

  forDocument(documentId: string): OutboxEntry[] {
    return this.stmts.forDoc.all(documentId).map(rowToEntry);
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

  documentIds(): Set<string> {
    return new Set(this.stmts.docIds.all().map((r) => r.document_id));
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

  /** Drop entries the pulled state already includes. Returns their document ids. Call inside the page's transaction. */
  confirmUpTo(lastMutationId: number): string[] {
    const docs = this.stmts.confirmDocs.all(lastMutationId).map((r) => r.document_id);
    if (docs.length > 0) this.stmts.confirm.run(lastMutationId);
    this.noteServerPosition(lastMutationId);
    return docs;
  }

  /** Move a refused entry to failed_mutations; the optimistic overlay stops applying it at once. */
  fail(id: number, error: ErrorBodyT, failedAt: string): FailedMutation | null {
    const r = this.stmts.get.get(id);
    if (!r) return null;
    // An older client's entry may carry a time that is not one (which may be why it failed): the record must still be shown.
    const createdAt = isoDateTime.safeParse(r.created_at).success ? r.created_at : failedAt;
    this.stmts.delete.run(id);
    this.stmts.fail.run(r.id, r.name, r.args, r.document_id, createdAt, JSON.stringify(error), failedAt);
    return { id: r.id, name: r.name, documentId: r.document_id, createdAt, error, failedAt };
  }

  failed(documentId?: string): FailedMutation[] {
    const rows = documentId === undefined ? this.stmts.failed.all() : this.stmts.failedForDoc.all(documentId);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      documentId: r.document_id,
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
