import { AppError, Organisation, type PullPage, type UserSummary } from '../../../shared/index.js';
import type { SyncStatus } from '../../../shared/rpc/contract.js';
import type { FailedMutation, MutationWarning } from '../../../shared/sync/records.js';
import { PULL_PROTOCOL } from '../../../shared/sync/protocol.js';
import type { z } from 'zod';
import type { LocalKind } from './kinds.js';
import { META, type MetaStore } from '../db/meta.js';
import type { Db } from '../db/open.js';
import type { FileCache } from '../files/fileCache.js';
import { Backoff } from './backoff.js';
import { errorCodeOf, isTransient, toErrorBody } from './errors.js';
import type { ServerClient } from './http.js';
import type { ErrorBodyT, Outbox } from './outbox.js';
import { PokeListener } from './pokes.js';
import { applyPullPage } from './pull.js';
import { pushOutbox } from './push.js';
import type { RefusedRecords } from './refused.js';
import { whenChanged } from '../util/whenChanged.js';

export interface SyncOptions {
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Safety-net sync even without pokes. */
  pollMs?: number;
  pullLimit?: number;
  pushBatch?: number;
  /** Fetch the files of urgent and recent documents after each sync. */
  prefetch?: boolean;
  prefetchDays?: number;
}

export interface EngineDeps {
  db: Db;
  meta: MetaStore;
  /** Every kind of record this build reads (core/kinds.ts). */
  kinds: ReadonlyMap<string, LocalKind>;
  outbox: Outbox;
  files: FileCache;
  client: ServerClient;
  clientId: string;
  /** The signed-in user, as the latest organisation describes them. */
  viewer: () => UserSummary;
  now: () => Date;
  /** Shas of files pending actions refer to: kept by the file GC. */
  pendingFiles: () => Set<string>;
  onStatus: (s: SyncStatus) => void;
  /** `scope` is a record kind ('incoming', 'tasks'), or 'org' / 'files'. */
  onChanged: (scope: string, ids?: string[]) => void;
  onRejected: (f: FailedMutation) => void;
  /** The server applied a queued action with warnings (its clock correction, a possible duplicate). */
  onWarned: (w: MutationWarning) => void;
  /** Documents set aside because this version cannot read them (decisions §18). */
  refused: RefusedRecords;
  /** This build's version: documents refused by another version are pulled again. */
  appVersion: string;
  /** Operational log (no document content: ids and field names only). */
  log: (message: string) => void;
  onOrg: (org: Organisation) => void;
  options?: SyncOptions;
}

/**
 * The sync engine: one loop that pushes the outbox, then pulls until the server
 * has nothing more, whenever something asks (a poke, a local change, sync.now, the
 * periodic timer, the retry timer). Requests during a round coalesce into one more
 * round. A transient failure sets the state offline and schedules a retry with
 * backoff; 401 stops everything until the user signs in again.
 */
export class SyncEngine {
  private readonly backoff: Backoff;
  private readonly stopper = new AbortController();
  private readonly pokes: PokeListener;
  private loop: Promise<void> | null = null;
  private wanted = false;
  private wake: (() => void) | null = null;
  private waiters: (() => void)[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private prefetching: Promise<unknown> | null = null;
  private state: SyncStatus['state'] = 'offline';
  private lastError: ErrorBodyT | null = null;
  private nextRetryAt: string | null = null;
  private authLost = false;
  private readonly emitIfChanged = whenChanged((s: SyncStatus) => this.d.onStatus(s));
  private readonly opts: Required<SyncOptions>;

  constructor(private readonly d: EngineDeps) {
    const o = d.options ?? {};
    this.opts = {
      retryBaseMs: o.retryBaseMs ?? 500,
      retryMaxMs: o.retryMaxMs ?? 60_000,
      pollMs: o.pollMs ?? 60_000,
      // 500 documents a page: as fast as 1,000 (the next page is fetched while one is applied)
      // with a fifth less peak memory on a large first sync (docs/benchmarks.md).
      pullLimit: o.pullLimit ?? 500,
      pushBatch: o.pushBatch ?? 100,
      prefetch: o.prefetch ?? true,
      prefetchDays: o.prefetchDays ?? 7,
    };
    this.backoff = new Backoff({ baseMs: this.opts.retryBaseMs, maxMs: this.opts.retryMaxMs });
    this.pokes = new PokeListener(d.client, () => this.trigger(), () => this.unauthenticated(), {
      backoff: { baseMs: this.opts.retryBaseMs, maxMs: this.opts.retryMaxMs },
    });
  }

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
    this.pokes.start();
    this.pollTimer = setInterval(() => this.trigger(), this.opts.pollMs);
    this.pollTimer.unref?.();
    this.trigger();
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    clearTimeout(this.retryTimer);
    clearInterval(this.pollTimer);
    this.wake?.();
    this.d.files.close();
    await Promise.allSettled([this.loop, this.pokes.stop(), this.prefetching]);
    for (const w of this.waiters.splice(0)) w();
  }

  /** Ask for a round as soon as possible. */
  trigger(): void {
    if (this.stopper.signal.aborted || this.authLost) return;
    this.wanted = true;
    this.wake?.();
  }

  /** A round that starts after this call, finished; resolves with the status after it. */
  async syncNow(): Promise<SyncStatus> {
    if (this.authLost || this.stopper.signal.aborted) return this.status();
    this.backoff.reset();
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.trigger();
    await done;
    return this.status();
  }

  /** The outbox changed locally: report the new count and send it. */
  localChange(): void {
    this.emitStatus();
    this.trigger();
  }

  get isOnline(): boolean {
    return this.state !== 'offline' && !this.authLost;
  }

  status(): SyncStatus {
    return {
      state: this.state,
      pendingCount: this.d.outbox.count(),
      failedCount: this.d.outbox.failedCount(),
      refusedCount: this.d.refused.count(),
      lastSyncAt: this.d.meta.get(META.lastSyncAt),
      lastError: this.lastError,
      nextRetryAt: this.nextRetryAt,
    };
  }

  emitStatus(): void {
    this.emitIfChanged(this.status());
  }

  private unauthenticated(): void {
    this.authLost = true;
    this.state = 'offline';
    this.lastError = toErrorBody(new AppError('unauthenticated'));
    this.nextRetryAt = null;
    clearTimeout(this.retryTimer);
    this.emitStatus();
  }

  private async run(): Promise<void> {
    const stop = this.stopper.signal;
    while (!stop.aborted) {
      if (!this.wanted) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      this.wanted = false;
      const waiters = this.waiters.splice(0);
      try {
        if (!this.authLost) await this.round();
      } finally {
        for (const w of waiters) w();
      }
    }
  }

  private async round(): Promise<void> {
    const stop = this.stopper.signal;
    clearTimeout(this.retryTimer);
    this.state = 'syncing';
    this.nextRetryAt = null;
    this.emitStatus();
    let softError: ErrorBodyT | null = null;
    try {
      try {
        const pushed = await pushOutbox({
          db: this.d.db,
          client: this.d.client,
          outbox: this.d.outbox,
          files: this.d.files,
          clientId: this.d.clientId,
          batchSize: this.opts.pushBatch,
          now: this.d.now,
          signal: stop,
        });
        for (const f of pushed.rejected) {
          this.d.onRejected(f);
          this.d.onChanged(f.kind, [f.recordId]);
        }
        for (const w of pushed.warned) this.d.onWarned(w);
      } catch (err) {
        // A definite refusal of the push (e.g. a gap we cannot fill) must not stop pulls.
        if (isTransient(err) || errorCodeOf(err) === 'unauthenticated' || stop.aborted) throw err;
        softError = toErrorBody(err);
      }
      await this.pullAll(stop);
      if (stop.aborted) return;
      this.d.meta.set(META.lastSyncAt, this.d.now().toISOString());
      this.backoff.reset();
      this.state = 'online';
      this.lastError = softError;
      this.emitStatus();
      this.afterSync();
    } catch (err) {
      if (stop.aborted) return;
      if (errorCodeOf(err) === 'unauthenticated') return this.unauthenticated();
      const delay = this.backoff.next();
      this.state = 'offline';
      this.lastError = toErrorBody(err);
      this.nextRetryAt = new Date(this.d.now().getTime() + delay).toISOString();
      this.retryTimer = setTimeout(() => this.trigger(), delay);
      this.emitStatus();
    }
  }

  private async pullAll(stop: AbortSignal): Promise<void> {
    const schemas = new Map<string, z.ZodType>([...this.d.kinds].map(([k, v]) => [k, v.schema]));
    const kinds = [...this.d.kinds.keys()];
    const request = (cursor: string | null): Promise<PullPage> => {
      const p = this.d.client.pull({ clientId: this.d.clientId, cursor, limit: this.opts.pullLimit, protocol: PULL_PROTOCOL, kinds }, schemas, stop);
      p.catch(() => undefined); // awaited below; never an unhandled rejection if this round ends first
      return p;
    };
    // Documents an older (or newer) version could not read: this one may, and the server
    // will not send them again unless they change, so start over from scratch (once:
    // the reset records what is still refused under this version).
    const again = this.d.refused.refusedByAnotherVersion(this.d.appVersion);
    if (again) this.d.log(`sync: documents refused by another app version; pulling everything again (version ${this.d.appVersion})`);
    let next = request(again ? null : this.d.meta.get(META.cursor));
    for (let guard = 0; guard < 100_000; guard++) {
      const page = await next;
      if (stop.aborted) return;
      // Ask for the following page at once: the server prepares it while this one is
      // applied. The cursor on disk still moves only with each applied page.
      if (page.more) next = request(page.cursor);
      if (String(page.orgVersion) !== this.d.meta.get(META.orgVersion)) await this.refreshOrg(page.orgVersion);
      const applied = applyPullPage(this.d.db, this.d.kinds, this.d.outbox, this.d.meta, page, this.d.viewer(), {
        store: this.d.refused,
        appVersion: this.d.appVersion,
        now: this.d.now,
      });
      for (const r of applied.refused) this.d.log(`sync: set aside ${r.kind ?? 'record'} ${r.recordId ?? '(no id)'}, which this version cannot read: ${r.issues.join('; ')}`);
      if (applied.changed === null) {
        for (const k of kinds) this.d.onChanged(k);
      } else {
        const byKind = new Map<string, Set<string>>();
        for (const [k, ids] of applied.changed) byKind.set(k, new Set(ids));
        for (const c of applied.confirmed) {
          let ids = byKind.get(c.kind);
          if (!ids) byKind.set(c.kind, (ids = new Set()));
          ids.add(c.recordId);
        }
        for (const [k, ids] of byKind) if (ids.size > 0) this.d.onChanged(k, [...ids]);
      }
      this.emitStatus();
      if (!page.more) return;
    }
  }

  private async refreshOrg(version: number): Promise<void> {
    // Aborted with the engine: signing out must not wait for an organisation download.
    const org = await this.d.client.org(this.stopper.signal);
    const before = this.d.viewer();
    this.d.db.transaction(() => {
      this.d.meta.setJson(META.org, org);
      this.d.meta.set(META.orgVersion, String(Math.max(version, org.version)));
    })();
    this.d.onOrg(org);
    const after = this.d.viewer();
    // My role and deadlines on every document depend on my unit and role.
    if (after.unitId !== before.unitId || after.role !== before.role)
      this.d.db.transaction(() => {
        for (const k of this.d.kinds.values()) k.recomputeAll(after);
      })();
    this.d.onChanged('org');
  }

  /** Housekeeping after a good round: drop unused files, fetch likely-needed ones. Never blocks the next round. */
  private afterSync(): void {
    if (this.prefetching) return;
    this.prefetching = (async () => {
      // A document that became secret in this pull: its cached files are sealed (decisions §20).
      await this.d.files.sealSecretFiles();
      await this.d.files.gc(this.d.pendingFiles());
      if (!this.opts.prefetch || this.stopper.signal.aborted) return;
      const since = new Date(this.d.now().getTime() - this.opts.prefetchDays * 86_400_000).toISOString();
      for (const k of this.d.kinds.values()) if (k.prefetchCandidates) await this.d.files.prefetch(k.prefetchCandidates(since, 200));
    })()
      .catch(() => {})
      .finally(() => (this.prefetching = null));
  }
}
