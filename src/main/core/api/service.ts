import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import {
  AppError,
  Organisation,
  type Agency,
  type IncomingDocument,
  type OrgView,
  type UserSummary,
} from '../../../shared/index.js';
import {
  RPC,
  type RpcMethod,
  type RpcResult,
  type Session,
  type SyncStatus,
} from '../../../shared/rpc/contract.js';
import { controlCharacterIssue } from '../../../shared/model/primitives.js';
import { SyncEngine, type SyncOptions } from '../sync/engine.js';
import { ServerClient, normaliseServerUrl, type FetchLike } from '../sync/http.js';
import type { OutboxEntry } from '../sync/outbox.js';
import type { SecretStore } from '../session/secretStore.js';
import { UserCache } from '../session/userCache.js';
import { META } from '../db/meta.js';
import { check, overlay, type Overlaid, type OverlayContext } from '../sync/overlay.js';
import { MUTATIONS } from '../kinds.js';
import type { RecordRef } from '../../../shared/sync/registry.js';
import { MailService, mailHandlers } from '../mail/service.js';
import { taskHandlers, type TaskContext } from '../tasks/index.js';
import { incomingHandlers, type IncomingContext } from '../incoming/index.js';
import { dashboardHandlers } from '../dashboard/index.js';
import { scheduleHandlers, type ScheduleContext } from '../schedule/index.js';
import { outgoingHandlers, type OutgoingContext } from '../outgoing/index.js';
import type { Task } from '../../../shared/tasks/index.js';
import type { ScheduleRecord } from '../../../shared/schedule/index.js';
import type { OutgoingDocument } from '../../../shared/outgoing/index.js';
import type { MailEngineOptions } from '../mail/engine.js';

/** Params of a method after validation with the contract's schema. */
export type ParsedParams<M extends RpcMethod> = z.infer<(typeof RPC)[M]['params']>;
export type Handlers = { [M in RpcMethod]: (params: ParsedParams<M>) => Promise<RpcResult<M>> };

export type EventSink = <E extends 'changed' | 'sync' | 'rejected' | 'warned' | 'mail.changed' | 'mail.status'>(name: E, payload: unknown) => void;

export interface ServiceOptions {
  dataDir: string;
  secretStore: SecretStore;
  now: () => Date;
  fetch?: FetchLike;
  sync?: SyncOptions;
  emit: EventSink;
  /** This build's version: documents an earlier version could not read are pulled again (decisions §18). */
  appVersion: string;
  log: (message: string) => void;
  /** Mail engine tuning (tests); the engine itself starts only when an account is configured. */
  mail?: MailEngineOptions;
}

/** What is remembered between runs so a restart resumes without the password. */
interface SavedSession {
  serverUrl: string;
  token: string;
  user: UserSummary;
  agency: Agency;
}

const SESSION_KEY = 'session';
/** The user's PKCS#11 library (outgoing.setTokenLibrary), in the cache's meta. */
const TOKEN_LIBRARY_KEY = 'outgoing.tokenLibrary';

interface Active extends SavedSession {
  client: ServerClient;
  cache: UserCache;
  engine: SyncEngine;
}

const SIGNED_OUT: Session = { signedIn: false, serverUrl: null, user: null, agency: null };

/**
 * The core's API: every RPC method, on top of the signed-in user's cache and sync
 * engine. Reads show the confirmed state with the pending outbox applied on top;
 * `mutate` checks an action with the shared rules, makes it durable, and only then
 * answers.
 */
export class CoreService {
  private active: Active | null = null;
  /** Serialises sign-in, sign-out and resume: they open and close the cache. */
  private sessionOp: Promise<unknown> = Promise.resolve();
  private readonly mail: MailService;

  constructor(private readonly o: ServiceOptions) {
    this.mail = new MailService({ secretStore: o.secretStore, now: o.now, emit: (n, p) => o.emit(n, p), ...(o.mail ? { options: o.mail } : {}) });
  }

  // ── session ──────────────────────────────────────────────────────────────
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.sessionOp.then(fn, fn);
    this.sessionOp = next.catch(() => {});
    return next;
  }

  /** Resume the remembered session, if any (no password needed: the token is kept). */
  resume(): Promise<void> {
    return this.exclusive(async () => {
      const raw = await this.o.secretStore.get(SESSION_KEY);
      if (!raw) return;
      let saved: SavedSession;
      try {
        saved = JSON.parse(raw) as SavedSession;
      } catch {
        await this.o.secretStore.delete(SESSION_KEY);
        return;
      }
      // An unreadable cache (lost key) is left where it is: the user is shown the
      // sign-in screen, and signing in says why and sets it aside (decisions §20).
      await this.open(saved, false);
    });
  }

  private async open(saved: SavedSession, setAsideUnreadable: boolean): Promise<Active> {
    const client = new ServerClient({ baseUrl: saved.serverUrl, token: saved.token, ...(this.o.fetch ? { fetch: this.o.fetch } : {}) });
    const fileOpts = { now: this.o.now, onChange: (ids: string[]) => this.o.emit('changed', { scope: 'files', ids }) };
    const cache = await UserCache.open(this.o.dataDir, saved.serverUrl, saved.user.id, () => client, this.o.secretStore, fileOpts, setAsideUnreadable);
    const active: Active = { ...saved, client, cache, engine: undefined as unknown as SyncEngine };
    active.engine = new SyncEngine({
      db: cache.db,
      meta: cache.meta,
      kinds: cache.kinds,
      outbox: cache.outbox,
      files: cache.files,
      client,
      clientId: cache.clientId,
      viewer: () => active.user,
      now: this.o.now,
      pendingFiles: () => cache.outbox.pendingFiles(),
      onStatus: (s) => this.o.emit('sync', s),
      onChanged: (scope, ids) => this.o.emit('changed', ids ? { scope, ids } : { scope }),
      onRejected: (f) => this.o.emit('rejected', f),
      onWarned: (w) => this.o.emit('warned', w),
      refused: cache.refused,
      appVersion: this.o.appVersion,
      log: this.o.log,
      onOrg: (org) => {
        const me = org.users.find((u) => u.id === active.user.id);
        if (me) active.user = me;
      },
      ...(this.o.sync ? { options: this.o.sync } : {}),
    });
    const org = cache.meta.getJson<Organisation>(META.org);
    const me = org?.users.find((u) => u.id === saved.user.id);
    if (me) active.user = me;
    this.active = active;
    active.engine.start();
    void this.mail.attach({ db: cache.db, dir: cache.dir, files: cache.files, secretKey: path.basename(cache.dir) }).catch(() => {});
    this.o.emit('changed', { scope: 'session' });
    return active;
  }

  private async close(forget: boolean): Promise<void> {
    const a = this.active;
    if (!a) return;
    this.active = null;
    // The session is over for every caller from here on: windows show the sign-in
    // screen now, not after the engines stop, the cache closes and the token is
    // forgotten (a mail engine finishing an SMTP transaction may take long). A
    // sign-in made meanwhile waits for this close (exclusive).
    this.o.emit('changed', { scope: 'session' });
    // Abort the session's requests first, so neither engine waits on a slow or hung server.
    a.client.close();
    await Promise.allSettled([this.mail.detach(), a.engine.stop()]);
    a.cache.close();
    if (forget) await this.o.secretStore.delete(SESSION_KEY);
    // After the engines: their last status reports are not the final word.
    this.o.emit('sync', signedOutStatus());
  }

  /**
   * Tell the server the session's token is done with: best effort and off the
   * user's path (a hung server must not hold the sign-in screen; the token
   * expires anyway). A fresh client: the session's own is closed.
   */
  private sayGoodbye(s: SavedSession): void {
    const client = new ServerClient({ baseUrl: s.serverUrl, token: s.token, ...(this.o.fetch ? { fetch: this.o.fetch } : {}) });
    void client.logout().catch(() => {
      // Unreachable or refused: nothing the user can do, and nothing to keep.
    });
  }

  async shutdown(): Promise<void> {
    await this.exclusive(() => this.close(false));
  }

  private session(): Session {
    const a = this.active;
    return a ? { signedIn: true, serverUrl: a.serverUrl, user: a.user, agency: a.agency } : SIGNED_OUT;
  }

  private need(): Active {
    if (!this.active) throw new AppError('not_signed_in');
    return this.active;
  }

  private orgView(a: Active): OrgView {
    const org = a.cache.meta.getJson<Organisation>(META.org);
    return org ?? { units: [], users: [a.user] };
  }

  private ctx(a: Active): OverlayContext {
    const lookup = (ref: RecordRef): unknown => this.overlaidRecord(a, ref.kind, ref.id)?.state ?? null;
    return { actor: a.user, org: this.orgView(a), lookup };
  }

  /** Any record as the user should see it: confirmed, with its pending entries replayed. */
  private overlaidRecord(a: Active, kind: string, id: string, entries?: OutboxEntry[]): Overlaid<unknown> | null {
    const store = a.cache.kinds.get(kind);
    if (!store) return null;
    return overlay(MUTATIONS, store.get(id), entries ?? a.cache.outbox.forRecord(kind, id), this.ctx(a));
  }

  readonly handlers: Handlers = {
    'session.get': async () => this.session(),

    'session.login': (p) =>
      this.exclusive(async () => {
        const serverUrl = normaliseServerUrl(p.serverUrl);
        const client = new ServerClient({ baseUrl: serverUrl, ...(this.o.fetch ? { fetch: this.o.fetch } : {}) });
        const res = await client.login({ username: p.username, password: p.password, deviceName: os.hostname().slice(0, 100) });
        const previous = this.active;
        if (previous && (previous.serverUrl !== serverUrl || previous.user.id !== res.user.id)) {
          this.sayGoodbye(previous);
        }
        await this.close(false);
        const saved: SavedSession = { serverUrl, token: res.token, user: res.user, agency: res.agency };
        await this.o.secretStore.set(SESSION_KEY, JSON.stringify(saved));
        let a: Active;
        try {
          a = await this.open(saved, true);
        } catch (err) {
          // Not signed in after all: a restart must not resume into what just failed.
          await this.o.secretStore.delete(SESSION_KEY);
          await new ServerClient({ baseUrl: serverUrl, token: res.token, ...(this.o.fetch ? { fetch: this.o.fetch } : {}) }).logout().catch(() => {}); // best effort: the token expires anyway
          throw err;
        }
        try {
          const org = await a.client.org();
          a.cache.db.transaction(() => {
            a.cache.meta.setJson(META.org, org);
            a.cache.meta.set(META.orgVersion, String(org.version));
          })();
          const me = org.users.find((u) => u.id === a.user.id);
          if (me) a.user = me;
          this.o.emit('changed', { scope: 'org' });
        } catch {
          // The engine fetches it on its first pull.
        }
        return this.session();
      }),

    'session.logout': () =>
      this.exclusive(async () => {
        const a = this.active;
        await this.close(true);
        if (a) this.sayGoodbye(a);
        return this.session();
      }),

    'sync.status': async () => (this.active ? this.active.engine.status() : signedOutStatus()),

    'sync.now': async () => this.need().engine.syncNow(),

    'org.get': async () => (this.active ? this.active.cache.meta.getJson<Organisation>(META.org) : null),

    ...incomingHandlers(() => (this.active ? this.incomingContext(this.active) : null)),

    mutate: async (p) => {
      const a = this.need();
      const def = MUTATIONS.get(p.name);
      if (!def) throw new AppError('unknown_mutation', { details: p.name });
      const parsed = def.args.safeParse(p.args);
      if (!parsed.success) {
        // A control character gets its own message, naming the field (docs/decisions.md §18).
        const control = controlCharacterIssue(parsed.error);
        if (control) throw new AppError('control_characters', control);
        const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(args)'}: ${i.message}`).join('; ');
        throw new AppError('invalid_mutation', { details }, parsed.error.issues);
      }
      const args: unknown = parsed.data;
      const recordId = def.recordId(args);
      const now = this.o.now();
      check(def, this.overlaidRecord(a, def.kind, recordId), args, this.ctx(a), now);
      const files = def.files?.(args) ?? [];
      for (const f of files) if (!a.cache.files.knows(f.sha256)) throw new AppError('file_missing', {}, { sha256: f.sha256 });
      // An incoming document's file is a PDF (Decree 30); the server checks it again by the type it sniffed.
      if (def.pdfOnly) for (const f of files) if (!(await a.cache.files.isPdfOrUnknown(f.sha256))) throw new AppError('file_not_pdf', {}, { sha256: f.sha256 });
      const sealed = def.sealsFiles?.(args) ?? false;
      const entry = a.cache.outbox.enqueue({ name: def.name, args }, def.kind, recordId, now.toISOString(), files.map((f) => ({ sha256: f.sha256, sealed })));
      // A scan registered as a secret document is sealed on disk now (decisions §20).
      if (sealed) await a.cache.files.sealSecretFiles();
      this.o.emit('changed', { scope: def.kind, ids: [recordId] });
      a.engine.localChange();
      return { mutationId: entry.id, kind: def.kind, recordId };
    },

    'mutations.failed': async () => this.need().cache.outbox.failed(),

    'sync.refused': async () => (this.active ? this.active.cache.refused.list() : []),

    'mutations.dismiss': async (p) => {
      const a = this.need();
      a.cache.outbox.dismiss(p.id);
      a.engine.emitStatus();
      return {};
    },

    'files.add': async (p) => {
      const a = this.need();
      const ref = p.kind === 'attachment' ? await a.cache.files.addAttachment(p.name, p.bytes) : await a.cache.files.add(p.name, p.bytes);
      this.o.emit('changed', { scope: 'files', ids: [ref.sha256] });
      return ref;
    },

    'files.open': async (p) => {
      try {
        const files = this.need().cache.files;
        const opened = await files.open(p.sha256);
        // Served as what it is (a task's attachment may be of any type: decisions §22).
        return { ...opened, ...(await files.servedAs(p.sha256)) };
      } catch (err) {
        // A mail attachment already downloaded (mail.attachment.open): served the same way.
        const mailFile = err instanceof AppError && err.code === 'not_found' ? await this.mail.cachedAttachmentFile(p.sha256) : null;
        if (mailFile) return { ...mailFile, sealed: false };
        throw err;
      }
    },

    'files.read': async (p) => this.need().cache.files.read(p.sha256, p.start, p.end),

    ...mailHandlers(() => this.mail),
    ...taskHandlers(() => (this.active ? this.taskContext(this.active) : null)),
    ...scheduleHandlers(() => (this.active ? this.scheduleContext(this.active) : null)),
    ...outgoingHandlers(() => (this.active ? this.outgoingContext(this.active) : null)),
    ...dashboardHandlers(() => (this.active ? { db: this.active.cache.db, org: this.orgView(this.active), now: this.o.now } : null)),
  };

  /** What the incoming handlers need of the signed-in session. */
  private incomingContext(a: Active): IncomingContext {
    return {
      cache: a.cache,
      user: a.user,
      org: this.orgView(a),
      now: this.o.now,
      overlaid: (id, entries) => {
        const o = this.overlaidRecord(a, 'incoming', id, entries) as Overlaid<IncomingDocument> | null;
        return o && { doc: o.state, pendingRegistration: o.pendingCreate };
      },
      duplicatesOnServer: async (p) => (a.engine.isOnline ? (await a.client.duplicates(p)).duplicates : null),
    };
  }

  /** What the tasks and dashboard handlers need of the signed-in session. */
  private taskContext(a: Active): TaskContext {
    return {
      db: a.cache.db,
      store: a.cache.tasks,
      viewer: a.user,
      user: a.user,
      org: this.orgView(a),
      now: this.o.now,
      overlaid: (id) => {
        const entries = a.cache.outbox.forRecord('tasks', id);
        const o = this.overlaidRecord(a, 'tasks', id, entries) as Overlaid<Task> | null;
        if (!o) return null;
        return {
          task: o.state,
          pendingCreate: o.pendingCreate,
          pending: entries.map((e) => ({ id: e.id, name: e.name, kind: e.kind, recordId: e.recordId, createdAt: e.createdAt })),
          failed: a.cache.outbox.failed({ kind: 'tasks', recordId: id }),
        };
      },
      pendingIds: () => a.cache.outbox.recordIds('tasks'),
      cachedFiles: (shas) => a.cache.files.cached(shas),
      sourceDocument: (id) => {
        const d = (this.overlaidRecord(a, 'incoming', id) as Overlaid<IncomingDocument> | null)?.state;
        return d ? { id: d.id, subject: d.subject, arrivalNumber: d.arrivalNumber, arrivalYear: d.arrivalYear, codeNumber: d.codeNumber, codeNotation: d.codeNotation } : null;
      },
    };
  }

  /**
   * What the schedule handlers need of the signed-in session. Schedule records (entries and
   * weeks: one kind) are overlaid like any other, through the cache's kinds, so the rules'
   * look-ups (an entry's week, a merge's target) see them with pending actions replayed.
   */
  private scheduleContext(a: Active): ScheduleContext {
    return {
      store: a.cache.schedule,
      user: a.user,
      org: this.orgView(a),
      agency: a.agency,
      now: this.o.now,
      overlaid: (id, entries) => this.overlaidRecord(a, 'schedule', id, entries) as Overlaid<ScheduleRecord> | null,
      pending: () => {
        const m = new Map<string, OutboxEntry[]>();
        for (const e of a.cache.outbox.ofKind('schedule')) m.set(e.recordId, [...(m.get(e.recordId) ?? []), e]);
        return m;
      },
      failed: (id) => a.cache.outbox.failed({ kind: 'schedule', recordId: id }),
      cachedFiles: (shas) => a.cache.files.cached(shas),
      linkTitle: (link) => {
        const state = this.overlaidRecord(a, link.kind, link.id)?.state;
        if (!state) return null;
        return link.kind === 'incoming' ? (state as IncomingDocument).subject : (state as Task).title;
      },
      document: (id) => (this.overlaidRecord(a, 'incoming', id) as Overlaid<IncomingDocument> | null)?.state ?? null,
    };
  }

  /**
   * What the outgoing handlers need of the signed-in session. A document signed or sealed in
   * the core is queued through `mutate` itself, so it is checked and made durable exactly as
   * an action from the screen; mail goes through the user's mail account and its outbox.
   */
  private outgoingContext(a: Active): OutgoingContext {
    return {
      store: a.cache.outgoing,
      files: a.cache.files,
      user: a.user,
      org: this.orgView(a),
      agency: a.agency,
      organisation: ((org) => ({ agency: org?.agency ?? a.agency, units: org?.units ?? [], users: org?.users ?? [a.user], outgoing: org?.outgoing }))(
        a.cache.meta.getJson<Organisation>(META.org),
      ),
      now: this.o.now,
      overlaid: (id, entries) => this.overlaidRecord(a, 'outgoing', id, entries) as Overlaid<OutgoingDocument> | null,
      pending: () => {
        const m = new Map<string, OutboxEntry[]>();
        for (const e of a.cache.outbox.ofKind('outgoing')) m.set(e.recordId, [...(m.get(e.recordId) ?? []), e]);
        return m;
      },
      failed: (id) => a.cache.outbox.failed({ kind: 'outgoing', recordId: id }),
      readFile: async (sha256) => {
        try {
          return await a.cache.files.bytes(sha256);
        } catch (err) {
          // A mail attachment not registered (yet) is checked like any document's file.
          const mailFile = err instanceof AppError && err.code === 'not_found' ? await this.mail.cachedAttachmentFile(sha256) : null;
          if (!mailFile) throw err;
          return fs.readFile(mailFile.path);
        }
      },
      incoming: (id) => (this.overlaidRecord(a, 'incoming', id) as Overlaid<IncomingDocument> | null)?.state ?? null,
      incomingStates: () => a.cache.docs.all(),
      mutate: (name, args) => this.handlers.mutate({ name, args }),
      tokenLibrary: () => a.cache.meta.get(TOKEN_LIBRARY_KEY),
      setTokenLibrary: (p) => a.cache.meta.set(TOKEN_LIBRARY_KEY, p),
      hasMailAccount: () => this.mail.hasAccount(),
      sendMail: async (input, waitMs) => {
        const r = await this.mail.sendAndWait(input, waitMs);
        return r.state === 'failed'
          ? { state: 'failed', messageId: r.messageId, code: r.error?.code ?? 'mail_send_rejected', reason: r.error?.message.vi ?? '' }
          : { state: r.state, messageId: r.messageId };
      },
    };
  }
}

export function signedOutStatus(): SyncStatus {
  return { state: 'offline', pendingCount: 0, failedCount: 0, refusedCount: 0, lastSyncAt: null, lastError: null, nextRetryAt: null };
}
