import type { ImapFlow } from 'imapflow';
import { AppError, errorBody } from '../../../shared/index.js';
import { MAIL_RECIPIENTS_PER_TRANSACTION, type MailAccountSettings, type MailStatus } from '../../../shared/model/mail.js';
import { Backoff, sleep } from '../sync/backoff.js';
import { connectImap, connectSmtp, isTransientMail, mailError, smtpClose, smtpSend } from './connect.js';
import type { FolderRow, MailStore, OutboxRow } from './store.js';
import { fetchRecentBodies, syncFolder, syncFolderList, type SyncOptions } from './sync.js';
import { whenChanged } from '../util/whenChanged.js';

export interface MailEngineOptions {
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** IDLE is re-issued this often (it can die silently). */
  idleRestartMs?: number;
  /** Every folder is resynced this often (the inbox is watched with IDLE). */
  refreshMs?: number;
  chunkSize?: number;
  snippetBytes?: number;
  /** Bodies above this size are fetched on open only. */
  bodyMaxBytes?: number;
  socketTimeoutMs?: number;
  /** Test hook: pause the send path at a phase (see docs/mail.md), so a test can kill the process there. */
  sendPause?: { phase: 'sending' | 'sent'; ms: number } | null;
}

export interface MailEngineDeps {
  store: MailStore;
  settings: MailAccountSettings;
  password: string;
  now: () => Date;
  onChanged: (folderIds: number[], messageIds?: number[]) => void;
  onStatus: (s: MailStatus) => void;
  log?: (m: string, e?: unknown) => void;
  options?: MailEngineOptions;
}

type Opts = Required<Omit<MailEngineOptions, 'sendPause'>> & { sendPause: MailEngineOptions['sendPause'] };

function envPause(): MailEngineOptions['sendPause'] {
  const v = process.env.IOFFICE_TEST_MAIL_PAUSE;
  const m = v ? /^(sending|sent):(\d+)$/u.exec(v) : null;
  return m ? { phase: m[1] as 'sending' | 'sent', ms: Number(m[2]) } : null;
}

/**
 * The mail engine: two IMAP connections at most — one in IDLE on the inbox, one for
 * sync, outbox replay and on-demand fetches (serialised) — plus a short SMTP
 * connection per send. Work is requested by triggers (IDLE events, the refresh
 * timer, local actions, the UI) and coalesced; failures back off exponentially.
 */
export class MailEngine {
  private readonly o: Opts;
  private readonly stopper = new AbortController();
  private syncClient: ImapFlow | null = null;
  private idleClient: ImapFlow | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private wantAll = true;
  private wantFolders = new Set<string>();
  private wantOutbox = true;
  private wake: (() => void) | null = null;
  private waiters: (() => void)[] = [];
  private loop: Promise<void> | null = null;
  private idleLoop: Promise<void> | null = null;
  private refreshTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;
  private state: MailStatus['state'] = 'connecting';
  private lastError: AppError | null = null;
  private nextRetryAt: string | null = null;
  private lastSyncAt: string | null = null;
  private readonly emitIfChanged = whenChanged((s: MailStatus) => this.d.onStatus(s));
  readonly syncOptions: SyncOptions;

  constructor(private readonly d: MailEngineDeps) {
    const x = d.options ?? {};
    this.o = {
      retryBaseMs: x.retryBaseMs ?? 1000,
      retryMaxMs: x.retryMaxMs ?? 5 * 60_000,
      idleRestartMs: x.idleRestartMs ?? 4 * 60_000,
      refreshMs: x.refreshMs ?? 5 * 60_000,
      chunkSize: x.chunkSize ?? 500,
      snippetBytes: x.snippetBytes ?? 2048,
      bodyMaxBytes: x.bodyMaxBytes ?? 2 * 1024 * 1024,
      socketTimeoutMs: x.socketTimeoutMs ?? 5 * 60_000,
      sendPause: x.sendPause === undefined ? envPause() : x.sendPause,
    };
    this.backoff = new Backoff({ baseMs: this.o.retryBaseMs, maxMs: this.o.retryMaxMs });
    this.syncOptions = {
      chunkSize: this.o.chunkSize,
      snippetBytes: this.o.snippetBytes,
      bodyWindowDays: d.settings.bodyWindowDays,
      bodyMaxBytes: this.o.bodyMaxBytes,
      now: d.now,
    };
  }

  get settings(): MailAccountSettings {
    return this.d.settings;
  }

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
    this.idleLoop = this.runIdle();
    this.refreshTimer = setInterval(() => this.trigger({ all: true }), this.o.refreshMs);
    this.refreshTimer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    clearInterval(this.refreshTimer);
    clearTimeout(this.retryTimer);
    this.wake?.();
    this.syncClient?.close();
    this.idleClient?.close();
    await Promise.allSettled([this.loop, this.idleLoop, this.chain]);
    for (const w of this.waiters.splice(0)) w();
  }

  trigger(w: { all?: boolean; folder?: string; outbox?: boolean } = {}): void {
    if (this.stopper.signal.aborted || this.state === 'auth_failed') return;
    if (w.all) this.wantAll = true;
    if (w.folder) this.wantFolders.add(w.folder);
    if (w.outbox) this.wantOutbox = true;
    this.wake?.();
  }

  /** One round (all folders + outbox) that starts after this call, finished. */
  async syncNow(): Promise<MailStatus> {
    if (this.stopper.signal.aborted || this.state === 'auth_failed') return this.status();
    this.backoff.reset();
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.trigger({ all: true, outbox: true });
    await done;
    return this.status();
  }

  status(): MailStatus {
    return {
      state: this.state,
      lastError: this.lastError ? errorBody(this.lastError.code, this.lastError.params) : null,
      pendingCount: this.d.store.outboxPendingCount(),
      nextRetryAt: this.nextRetryAt,
      lastSyncAt: this.lastSyncAt,
    };
  }

  emitStatus(): void {
    this.emitIfChanged(this.status());
  }

  get online(): boolean {
    return this.state === 'online';
  }

  /** Run work on the sync connection, one job at a time (IMAP commands of a job never interleave with another's). */
  withSync<T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> {
    const next = this.chain.then(async () => {
      if (this.stopper.signal.aborted) throw new AppError('mail_offline');
      const c = await this.client();
      try {
        return await fn(c);
      } catch (err) {
        const e = mailError(err, this.d.settings.imap.host, this.d.settings.imap.port);
        if (isTransientMail(e) && !c.usable) this.dropSync();
        throw e;
      }
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async client(): Promise<ImapFlow> {
    if (this.syncClient?.usable) return this.syncClient;
    this.dropSync();
    const c = await connectImap(this.d.settings, this.d.password, {
      socketTimeoutMs: this.o.socketTimeoutMs,
      signal: this.stopper.signal,
      onError: (err) => this.d.log?.('mail sync connection error', err),
    });
    c.on('close', () => {
      if (this.syncClient === c) this.syncClient = null;
    });
    this.syncClient = c;
    if (this.state !== 'online') {
      this.state = 'online';
      this.lastError = null;
      this.nextRetryAt = null;
      this.emitStatus();
    }
    return c;
  }

  private dropSync(): void {
    const c = this.syncClient;
    this.syncClient = null;
    c?.close();
  }

  private async run(): Promise<void> {
    const stop = this.stopper.signal;
    while (!stop.aborted) {
      if (!this.wantAll && this.wantFolders.size === 0 && !this.wantOutbox) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      const waiters = this.waiters.splice(0);
      const all = this.wantAll;
      const folders = [...this.wantFolders];
      this.wantAll = false;
      this.wantFolders.clear();
      this.wantOutbox = false;
      try {
        await this.round(all, folders);
        this.backoff.reset();
        this.state = 'online';
        this.lastError = null;
        this.nextRetryAt = null;
        this.lastSyncAt = this.d.now().toISOString();
        this.emitStatus();
      } catch (err) {
        if (stop.aborted) break;
        const e = mailError(err, this.d.settings.imap.host, this.d.settings.imap.port);
        this.lastError = e;
        if (e.code === 'mail_auth_failed') {
          this.state = 'auth_failed';
          this.dropSync();
          this.emitStatus();
          for (const w of waiters) w();
          break;
        }
        this.dropSync();
        this.state = 'offline';
        // Whatever was asked, ask again after the pause.
        this.wantAll ||= all;
        for (const f of folders) this.wantFolders.add(f);
        this.wantOutbox = true;
        const delay = this.backoff.next();
        this.nextRetryAt = new Date(this.d.now().getTime() + delay).toISOString();
        this.emitStatus();
        for (const w of waiters) w();
        await sleep(delay, stop);
        continue;
      }
      for (const w of waiters) w();
    }
  }

  private async round(all: boolean, folders: string[]): Promise<void> {
    const store = this.d.store;
    this.state = this.state === 'online' ? 'online' : 'connecting';
    this.emitStatus();
    await this.withSync(async (c) => {
      if (all || store.folders().length === 0) {
        if (await syncFolderList(c, store)) this.d.onChanged(store.folders().map((f) => f.id));
      }
    });
    await this.replayOutbox();
    const targets: FolderRow[] = all
      ? [...store.folders()].sort((a, b) => (a.role === 'inbox' ? -1 : b.role === 'inbox' ? 1 : 0))
      : folders.map((p) => store.folderByPath(p)).filter((f): f is FolderRow => f !== undefined);
    for (const f of targets) {
      if (this.stopper.signal.aborted) return;
      await this.withSync(async (c) => {
        const r = await syncFolder(c, store, f, this.syncOptions, (ids) => {
          if (ids.length > 0) this.d.onChanged([f.id], ids);
        });
        if (r.rebuilt) this.reattachPending(f);
        if (r.rebuilt || r.removed > 0 || r.changedIds.length > 0) this.d.onChanged([f.id], r.changedIds);
      });
    }
    // Bodies for the recent window, after every folder's headers are in.
    for (const f of targets) {
      if (this.stopper.signal.aborted) return;
      await this.withSync(async (c) => {
        const ids = await fetchRecentBodies(c, store, store.folder(f.id) ?? f, this.syncOptions);
        if (ids.length > 0) this.d.onChanged([f.id], ids);
      });
    }
  }

  /** After a rebuild, queued actions find their (new) local rows by Message-ID and apply again locally. */
  private reattachPending(f: FolderRow): void {
    const store = this.d.store;
    store.db.transaction(() => {
      for (const e of store.outboxQueue()) {
        if (e.kind !== 'flags' || e.folder_path !== f.path || !e.message_id) continue;
        if (e.local_id !== null && store.message(e.local_id)) continue;
        const row = store.byMessageId(e.message_id).find((m) => m.folder_id === f.id);
        if (!row) continue;
        store.db.prepare('UPDATE mail_outbox SET local_id = ? WHERE id = ?').run(row.id, e.id);
        const a = JSON.parse(e.args) as { add: string[]; remove: string[] };
        const flags = new Set(JSON.parse(row.flags) as string[]);
        for (const x of a.add) flags.add(x);
        for (const x of a.remove) flags.delete(x);
        store.setFlags(row.id, [...flags], null);
      }
    })();
  }

  // ── outbox ──
  private async replayOutbox(): Promise<void> {
    const store = this.d.store;
    for (const e of store.outboxQueue()) {
      if (this.stopper.signal.aborted) return;
      try {
        if (e.kind === 'send') await this.replaySend(e);
        else if (e.kind === 'draft') await this.withSync((c) => this.replayDraft(c, e));
        else await this.withSync((c) => this.replayAction(c, e));
      } catch (err) {
        const ae = err instanceof AppError ? err : mailError(err, this.d.settings.imap.host, this.d.settings.imap.port);
        const imapNo = (err as { responseStatus?: string }).responseStatus === 'NO' || (err as { responseStatus?: string }).responseStatus === 'BAD';
        if (!imapNo && (isTransientMail(ae) || ae.code === 'mail_auth_failed')) throw ae;
        // A definite refusal: this entry cannot succeed; keep it visible as failed, undo nothing else.
        store.outboxState(e.id, 'failed', this.d.now().toISOString(), JSON.stringify(errorBody(ae.code, ae.params)), true);
        this.d.log?.(`mail outbox entry ${e.id} failed`, err);
      }
      this.emitStatus();
    }
  }

  /** Where the message of an action is now: the stored UID if UIDVALIDITY still matches, else by Message-ID. */
  private async resolveUid(c: ImapFlow, e: OutboxRow): Promise<number | null> {
    if (!e.folder_path) return null;
    const mb = await c.mailboxOpen(e.folder_path);
    if (e.uid !== null && e.uid > 0 && e.uidvalidity === String(mb.uidValidity)) return e.uid;
    if (!e.message_id) return null;
    const found = ((await c.search({ header: { 'message-id': e.message_id } }, { uid: true })) || []);
    return found[0] ?? null;
  }

  private async replayAction(c: ImapFlow, e: OutboxRow): Promise<void> {
    const store = this.d.store;
    const uid = await this.resolveUid(c, e);
    const args = JSON.parse(e.args) as { add?: string[]; remove?: string[]; to?: string | null };
    if (uid === null) {
      // Gone on the server (deleted elsewhere): nothing to do; a placeholder row goes.
      const row = e.local_id !== null ? store.message(e.local_id) : undefined;
      if (row && row.uid < 0) store.deleteMessages([row.id]);
      store.outboxDone(e.id);
      return;
    }
    if (e.kind === 'flags') {
      if (args.add?.length) await c.messageFlagsAdd(String(uid), args.add, { uid: true });
      if (args.remove?.length) await c.messageFlagsRemove(String(uid), args.remove, { uid: true });
      store.outboxDone(e.id);
      return;
    }
    if (args.to === null || args.to === undefined) {
      await c.messageDelete(String(uid), { uid: true });
      store.outboxDone(e.id);
      return;
    }
    const res = await c.messageMove(String(uid), args.to, { uid: true });
    const newUid = res && res.uidMap ? res.uidMap.get(uid) : undefined;
    store.db.transaction(() => {
      const row = e.local_id !== null ? store.message(e.local_id) : undefined;
      if (row && row.uid < 0) {
        if (newUid !== undefined) store.setUid(row.id, newUid);
        else store.deleteMessages([row.id]);
        // Later actions on the same message now find it in its new folder.
        const target = store.folderByPath(args.to as string);
        store.retargetOutbox(row.id, args.to as string, newUid ?? null, target?.uidvalidity ?? null);
      }
      store.outboxDone(e.id);
    })();
    this.trigger({ folder: args.to });
  }

  private async replayDraft(c: ImapFlow, e: OutboxRow): Promise<void> {
    const store = this.d.store;
    const drafts = store.folderByRole('drafts');
    if (!drafts) throw new AppError('mail_protocol', { details: 'no Drafts folder' });
    const args = JSON.parse(e.args) as { replace?: { path: string; uid: number; uidvalidity: string | null; messageId: string | null } | null };
    if (e.raw) {
      // Idempotent: a retry after a cut connection must not leave two copies.
      await c.mailboxOpen(drafts.path);
      const there = ((await c.search({ header: { 'message-id': e.message_id ?? '' } }, { uid: true })) || []);
      if (there.length === 0) await c.append(drafts.path, e.raw, ['\\Draft', '\\Seen']);
    }
    if (args.replace) {
      const old = await this.resolveUid(c, { ...e, folder_path: args.replace.path, uid: args.replace.uid, uidvalidity: args.replace.uidvalidity, message_id: args.replace.messageId });
      if (old !== null) await c.messageDelete(String(old), { uid: true });
    }
    store.outboxDone(e.id);
    this.trigger({ folder: drafts.path });
  }

  private async pause(phase: 'sending' | 'sent'): Promise<void> {
    if (this.o.sendPause?.phase === phase) await sleep(this.o.sendPause.ms, this.stopper.signal);
  }

  private async inSent(messageId: string): Promise<boolean> {
    const sent = this.d.store.folderByRole('sent');
    if (!sent) return false;
    return this.withSync(async (c) => {
      await c.mailboxOpen(sent.path);
      const found = ((await c.search({ header: { 'message-id': messageId } }, { uid: true })) || []);
      return found.length > 0;
    });
  }

  /**
   * Exactly-once sending (docs/mail.md): 'queued' → 'sending' (committed just before the
   * SMTP transaction) → 'sent' (committed as soon as the server accepted) → copy in
   * Sent → gone. A 'sending' entry found at start-up is looked up in Sent by its
   * Message-ID; only if it is not there is it sent again.
   */
  private async replaySend(e: OutboxRow): Promise<void> {
    const store = this.d.store;
    const s = this.d.settings;
    const args = JSON.parse(e.args) as { envelope: { from: string; to: string[] }; batchesDone?: number; replace?: { path: string; uid: number; uidvalidity: string | null; messageId: string | null } | null };
    const now = (): string => this.d.now().toISOString();
    let state = e.state;
    if (state === 'sending' && e.message_id && (await this.inSent(e.message_id))) {
      store.outboxState(e.id, 'sent', now());
      state = 'sent';
    }
    if (state === 'queued' || state === 'sending') {
      if (!e.raw) throw new AppError('mail_protocol', { details: 'message bytes missing' });
      const conn = await connectSmtp(s, this.d.password, { signal: this.stopper.signal });
      try {
        store.outboxState(e.id, 'sending', now(), null, true);
        this.emitStatus();
        await this.pause('sending');
        if (this.stopper.signal.aborted) return;
        try {
          // One transaction per MAIL_RECIPIENTS_PER_TRANSACTION recipients (servers may refuse more,
          // Postfix past 1,000), the same bytes each time; the batches done are committed, so a
          // retry or a restart goes on with the next batch and nobody gets the message twice.
          const batches = recipientBatches(args.envelope.to);
          for (let b = args.batchesDone ?? 0; b < batches.length; b++) {
            await smtpSend(conn, { from: args.envelope.from, to: batches[b] as string[] }, e.raw, s);
            args.batchesDone = b + 1;
            if (b + 1 < batches.length) store.outboxArgs(e.id, args);
          }
        } catch (err) {
          const ae = err instanceof AppError ? err : mailError(err, s.smtp.host, s.smtp.port);
          // Not accepted: back to the queue (transient) or failed (the server said no for good).
          store.outboxState(e.id, ae.code === 'mail_send_rejected' ? 'failed' : 'queued', now(), JSON.stringify(errorBody(ae.code, ae.params)));
          if (ae.code === 'mail_send_rejected') return;
          throw ae;
        }
        store.outboxState(e.id, 'sent', now());
        this.emitStatus();
      } finally {
        smtpClose(conn);
      }
      await this.pause('sent');
      if (this.stopper.signal.aborted) return;
    }
    // 'sent': file the copy (unless the server does), then drop the entry.
    const sent = store.folderByRole('sent');
    if (sent && !s.smtpSavesSent && e.raw && e.message_id) {
      await this.withSync(async (c) => {
        await c.mailboxOpen(sent.path);
        const there = ((await c.search({ header: { 'message-id': e.message_id as string } }, { uid: true })) || []);
        if (there.length === 0) await c.append(sent.path, e.raw as Buffer, ['\\Seen']);
      });
    }
    if (args.replace) {
      await this.withSync(async (c) => {
        const r = args.replace!;
        const old = await this.resolveUid(c, { ...e, folder_path: r.path, uid: r.uid, uidvalidity: r.uidvalidity, message_id: r.messageId });
        if (old !== null) await c.messageDelete(String(old), { uid: true });
      });
    }
    store.outboxDone(e.id);
    if (sent) this.trigger({ folder: sent.path });
  }

  // ── IDLE ──
  private async runIdle(): Promise<void> {
    const stop = this.stopper.signal;
    const backoff = new Backoff({ baseMs: this.o.retryBaseMs, maxMs: this.o.retryMaxMs });
    while (!stop.aborted) {
      let c: ImapFlow | null = null;
      try {
        const inbox = this.d.store.folderByRole('inbox')?.path ?? 'INBOX';
        c = await connectImap(this.d.settings, this.d.password, {
          maxIdleTimeMs: this.o.idleRestartMs,
          socketTimeoutMs: this.o.idleRestartMs + 60_000,
          signal: stop,
          onError: (err) => this.d.log?.('mail IDLE connection error', err),
        });
        this.idleClient = c;
        const poke = (): void => this.trigger({ folder: inbox });
        c.on('exists', poke);
        c.on('expunge', poke);
        c.on('flags', poke);
        const closed = new Promise<void>((resolve) => c!.once('close', () => resolve()));
        await c.mailboxOpen(inbox, { readOnly: true });
        backoff.reset();
        // Whatever arrived while this connection was down.
        poke();
        while (!stop.aborted && c.usable) {
          await Promise.race([c.idle(), closed]);
        }
      } catch (err) {
        const e = mailError(err, this.d.settings.imap.host, this.d.settings.imap.port);
        if (e.code === 'mail_auth_failed') {
          this.state = 'auth_failed';
          this.lastError = e;
          this.emitStatus();
          return;
        }
      } finally {
        c?.close();
        if (this.idleClient === c) this.idleClient = null;
      }
      if (stop.aborted) return;
      await sleep(backoff.next(), stop);
    }
  }
}

/** The envelope's recipients in SMTP transactions of MAIL_RECIPIENTS_PER_TRANSACTION. */
export function recipientBatches(to: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < to.length; i += MAIL_RECIPIENTS_PER_TRANSACTION) out.push(to.slice(i, i + MAIL_RECIPIENTS_PER_TRANSACTION));
  return out;
}
