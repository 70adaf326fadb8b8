import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError, errorBody, vnDateParts } from '../../../shared/index.js';
import {
  MailAccountSettings,
  type ComposeInput,
  type MailAccountView,
  type MailAttachment,
  type MailMessageView,
  type MailStatus,
} from '../../../shared/model/mail.js';
import type { RpcMethod } from '../../../shared/rpc/contract.js';
import type { Handlers } from '../api/service.js';
import { MetaStore } from '../db/meta.js';
import type { Db } from '../db/open.js';
import { queryTerms } from '../db/search.js';
import { isPdf, type FileCache } from '../files/fileCache.js';
import type { SecretStore } from '../session/secretStore.js';
import { buildMessage, composeFrom, referencesFor, type ResolvedAttachment } from './compose.js';
import { checkSettings, connectImap, connectSmtp, smtpClose } from './connect.js';
import { MailEngine, type MailEngineOptions } from './engine.js';
import { organisationOf, parseMessage, type ParsedMessage } from './parse.js';
import { fetchRemoteImages } from './remoteImages.js';
import { sanitiseHtml } from './sanitize.js';
import { MailStore, type MessageRow } from './store.js';
import { fetchSource, storeParsed } from './sync.js';

export interface MailContext {
  db: Db;
  /** The user's cache folder (mail-files/ goes inside). */
  dir: string;
  files: FileCache;
  /** Names this user's password in the secret store. */
  secretKey: string;
}

export interface MailServiceOptions {
  secretStore: SecretStore;
  now: () => Date;
  emit: (name: 'mail.changed' | 'mail.status', payload: unknown) => void;
  options?: MailEngineOptions;
  log?: (m: string, e?: unknown) => void;
}

const ACCOUNT_KEY = 'mail.account';
const NOT_CONFIGURED: MailStatus = { state: 'not_configured', lastError: null, pendingCount: 0, nextRetryAt: null, lastSyncAt: null };
const SHA_RE = /^[0-9a-f]{64}$/u;

type MailMethod = Extract<RpcMethod, `mail.${string}`>;
export type MailHandlers = Pick<Handlers, MailMethod>;

/** The mail RPC methods, over the signed-in user's cache; the engine runs only when an account is configured. */
export class MailService {
  private ctx: MailContext | null = null;
  private store: MailStore | null = null;
  private engine: MailEngine | null = null;
  /** Settles once attach() has started the engine (or found no account): handlers wait for it. */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly o: MailServiceOptions) {}

  attach(ctx: MailContext): Promise<void> {
    this.ready = this.doAttach(ctx).catch((err: unknown) => this.o.log?.('mail: could not start', err));
    return this.ready;
  }

  private async doAttach(ctx: MailContext): Promise<void> {
    const old = this.engine;
    this.engine = null;
    this.ctx = ctx;
    this.store = new MailStore(ctx.db);
    if (old) await old.stop();
    const s = this.settings();
    if (!s) return;
    const pw = await this.o.secretStore.get(this.passwordKey());
    if (pw && this.ctx === ctx) this.startEngine(s, pw);
  }

  async detach(): Promise<void> {
    const e = this.engine;
    this.engine = null;
    this.ctx = null;
    this.store = null;
    if (e) await e.stop();
  }

  private passwordKey(): string {
    return `mail.password.${this.need().secretKey}`;
  }

  private need(): MailContext {
    if (!this.ctx) throw new AppError('not_signed_in');
    return this.ctx;
  }
  private st(): MailStore {
    this.need();
    return this.store as MailStore;
  }

  private settings(): MailAccountSettings | null {
    const raw = new MetaStore(this.need().db).getJson<unknown>(ACCOUNT_KEY);
    const p = raw ? MailAccountSettings.safeParse(raw) : null;
    return p?.success ? p.data : null;
  }

  private startEngine(s: MailAccountSettings, password: string): void {
    const engine = new MailEngine({
      store: this.st(),
      settings: s,
      password,
      now: this.o.now,
      onChanged: (folderIds, messageIds) => this.o.emit('mail.changed', messageIds ? { folderIds, messageIds } : { folderIds }),
      onStatus: (st) => this.o.emit('mail.status', st),
      ...(this.o.log ? { log: this.o.log } : {}),
      ...(this.o.options ? { options: this.o.options } : {}),
    });
    this.engine = engine;
    engine.start();
  }

  private needEngine(): MailEngine {
    if (!this.engine) throw new AppError('mail_not_configured');
    return this.engine;
  }

  private filesDir(): string {
    return path.join(this.need().dir, 'mail-files');
  }

  private async view(s: MailAccountSettings): Promise<MailAccountView> {
    return { ...s, hasPassword: (await this.o.secretStore.get(this.passwordKey())) !== null };
  }

  private message(id: number): MessageRow {
    const m = this.st().message(id);
    if (!m) throw new AppError('mail_message_not_found');
    return m;
  }

  /** The whole message, parsed: from the server (then cached as a body), or null when offline. */
  private async parsedSource(m: MessageRow): Promise<ParsedMessage | null> {
    const engine = this.engine;
    if (!engine || m.uid < 0) return null;
    const folder = this.st().folder(m.folder_id);
    if (!folder) return null;
    try {
      return await engine.withSync(async (c) => {
        await c.mailboxOpen(folder.path);
        const src = await fetchSource(c, m.uid);
        if (!src) return null;
        const parsed = await parseMessage(src.source);
        if (this.st().message(m.id)) storeParsed(this.st(), m.id, parsed, src.internalDate);
        return parsed;
      });
    } catch {
      return null;
    }
  }

  private async attachmentBytes(messageId: number, attachmentId: string): Promise<{ sha256: string; path: string; name: string; mime: string; size: number }> {
    const st = this.st();
    const m = this.message(messageId);
    const body = st.body(m.id);
    const list = body ? (JSON.parse(body.attachments) as Omit<MailAttachment, 'sha256'>[]) : [];
    const meta = list.find((a) => a.id === attachmentId);
    const known = st.attachmentSha(m.id, attachmentId);
    if (known && meta && fs.existsSync(path.join(this.filesDir(), known.sha256))) {
      return { sha256: known.sha256, path: path.join(this.filesDir(), known.sha256), name: meta.name, mime: meta.mime, size: known.size };
    }
    const parsed = await this.parsedSource(m);
    if (!parsed) throw new AppError(this.engine ? 'mail_offline' : 'mail_not_configured');
    const a = parsed.attachments.find((x) => x.id === attachmentId);
    if (!a) throw new AppError('mail_attachment_not_found');
    const sha256 = createHash('sha256').update(a.content).digest('hex');
    const dir = this.filesDir();
    await fsp.mkdir(dir, { recursive: true });
    const final = path.join(dir, sha256);
    if (!fs.existsSync(final)) {
      const tmp = `${final}.${randomUUID()}.part`;
      await fsp.writeFile(tmp, a.content);
      await fsp.rename(tmp, final);
    }
    st.putAttachmentSha(m.id, attachmentId, sha256, a.content.length);
    return { sha256, path: final, name: a.name, mime: a.mime, size: a.content.length };
  }

  /**
   * A downloaded attachment by content, for the hosts' file URLs (files.open falls
   * back to this): the PDF viewer reads mail attachments exactly like documents' files.
   */
  async cachedAttachmentFile(sha256: string): Promise<{ path: string; size: number; mime?: string; name?: string } | null> {
    if (!this.ctx || !SHA_RE.test(sha256)) return null;
    const row = this.st().attachmentBySha(sha256);
    const file = path.join(this.filesDir(), sha256);
    if (!row || !fs.existsSync(file)) return null;
    // The type and safe name it was stored with: the hosts serve it as what it is (policy/mime.ts).
    const body = this.st().body(row.message_id);
    const meta = body ? (JSON.parse(body.attachments) as Omit<MailAttachment, 'sha256'>[]).find((a) => a.id === row.attachment_id) : undefined;
    return { path: file, size: row.size, ...(meta ? { mime: meta.mime, name: meta.name } : {}) };
  }

  private async resolveAttachments(input: ComposeInput): Promise<ResolvedAttachment[]> {
    const out: ResolvedAttachment[] = [];
    for (const a of input.attachments) {
      if (a.kind === 'bytes') out.push({ filename: a.name, contentType: a.mime, content: Buffer.from(a.bytes) });
      else if (a.kind === 'file') {
        // Through the file cache: a secret document's file is sealed on disk.
        out.push({ filename: a.name, contentType: 'application/pdf', content: await this.need().files.bytes(a.sha256) });
      } else {
        const f = await this.attachmentBytes(a.messageId, a.attachmentId);
        out.push({ filename: f.name, contentType: f.mime, content: await fsp.readFile(f.path) });
      }
    }
    return out;
  }

  private replaceTarget(draftId: number | null): { path: string; uid: number; uidvalidity: string | null; messageId: string | null } | null {
    if (draftId === null) return null;
    const m = this.st().message(draftId);
    if (!m) return null;
    const f = this.st().folder(m.folder_id);
    return f ? { path: f.path, uid: m.uid, uidvalidity: f.uidvalidity, messageId: m.message_id } : null;
  }

  private async queueMessage(input: ComposeInput, kind: 'send' | 'draft'): Promise<{ outboxId: number; messageId: string }> {
    const engine = this.needEngine();
    const s = engine.settings;
    if (kind === 'send' && input.to.length + input.cc.length + input.bcc.length === 0) throw new AppError('mail_recipient_required');
    const refRow = input.reference ? this.st().message(input.reference.messageId) : undefined;
    const ref = refRow ? referencesFor(refRow) : null;
    const atts = await this.resolveAttachments(input);
    const built = await buildMessage(s, input, atts, ref, { draft: kind === 'draft' });
    const now = this.o.now().toISOString();
    const st = this.st();
    const replace = this.replaceTarget(input.draftId);
    const id = st.db.transaction(() => {
      const outboxId = st.enqueue({
        kind,
        localId: null,
        folderPath: null,
        uid: null,
        uidvalidity: null,
        messageId: built.messageId,
        args: { envelope: built.envelope, subject: input.subject, replace },
        raw: built.raw,
        now,
      });
      if (kind === 'send' && refRow && input.reference?.kind !== 'forward') this.localFlags([refRow.id], ['\\Answered'], [], now);
      return outboxId;
    })();
    engine.trigger({ outbox: true });
    engine.emitStatus();
    return { outboxId: id, messageId: built.messageId };
  }

  /** Whether an account is configured and its engine runs (outgoing documents are dispatched through it). */
  async hasAccount(): Promise<boolean> {
    await this.ready;
    return this.ctx !== null && this.engine !== null;
  }

  /**
   * Queue one message exactly as mail.send does (the exactly-once outbox) and wait, up to
   * `waitMs`, for the mail server's answer: accepted ('sent'), refused for good ('failed', with
   * the error), or not yet ('pending': the outbox sends it when the server answers). For the
   * dispatch of outgoing documents, which records each recipient's result (core/outgoing/mailDispatch.ts).
   */
  async sendAndWait(input: ComposeInput, waitMs: number): Promise<{ messageId: string; state: 'sent' | 'failed' | 'pending'; error: { code: string; message: { vi: string; en: string } } | null }> {
    const { outboxId, messageId } = await this.queueMessage(input, 'send');
    const until = Date.now() + waitMs;
    for (;;) {
      if (!this.store) return { messageId, state: 'pending', error: null };
      const e = this.store.outboxGet(outboxId);
      if (!e || e.state === 'sent') return { messageId, state: 'sent', error: null };
      if (e.state === 'failed') {
        const body = e.last_error ? (JSON.parse(e.last_error) as { code: string; message: { vi: string; en: string } }) : null;
        return { messageId, state: 'failed', error: body ?? errorBody('mail_send_rejected', { details: '' }) };
      }
      if (Date.now() >= until) return { messageId, state: 'pending', error: null };
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Where the outbox finds a message on the server (a moved one has no UID until the server's answer). */
  private serverAddress(m: MessageRow): { localId: number; folderPath: string | null; uid: number | null; uidvalidity: string | null; messageId: string | null } {
    const f = this.st().folder(m.folder_id);
    return { localId: m.id, folderPath: f?.path ?? null, uid: m.uid > 0 ? m.uid : null, uidvalidity: f?.uidvalidity ?? null, messageId: m.message_id };
  }

  /** Change flags locally and queue the change. Call in a transaction. */
  private localFlags(ids: number[], add: string[], remove: string[], now: string): number {
    const st = this.st();
    let n = 0;
    for (const id of ids) {
      const m = st.message(id);
      if (!m) continue;
      const flags = new Set(JSON.parse(m.flags) as string[]);
      for (const x of add) flags.add(x);
      for (const x of remove) flags.delete(x);
      st.setFlags(m.id, [...flags], null);
      st.enqueue({ kind: 'flags', ...this.serverAddress(m), args: { add, remove }, now });
      n++;
    }
    return n;
  }

  private localMove(ids: number[], target: { id: number; path: string } | null, now: string): number {
    const st = this.st();
    let n = 0;
    for (const id of ids) {
      const m = st.message(id);
      if (!m) continue;
      if (target && target.id === m.folder_id) continue;
      st.enqueue({ kind: 'move', ...this.serverAddress(m), args: { to: target?.path ?? null }, now });
      if (target) st.moveLocal(m.id, target.id);
      else st.deleteMessages([m.id]);
      n++;
    }
    return n;
  }

  readonly handlers: MailHandlers = {
    'mail.account.get': async () => {
      const s = this.settings();
      return s ? this.view(s) : null;
    },

    'mail.account.save': async (p) => {
      const ctx = this.need();
      checkSettings(p.settings);
      const before = this.settings();
      if (p.password !== undefined) await this.o.secretStore.set(this.passwordKey(), p.password);
      const pw = await this.o.secretStore.get(this.passwordKey());
      const st = this.st();
      // Another server or user: the old cache means nothing there (queued sends stay).
      if (before && (before.imap.host !== p.settings.imap.host || before.imap.port !== p.settings.imap.port || before.user !== p.settings.user)) {
        st.db.transaction(() => {
          st.db.exec("DELETE FROM mail_fts; DELETE FROM mail_folders; DELETE FROM mail_outbox WHERE kind IN ('flags', 'move')");
        })();
      }
      new MetaStore(ctx.db).setJson(ACCOUNT_KEY, p.settings);
      const e = this.engine;
      this.engine = null;
      if (e) await e.stop();
      if (pw) this.startEngine(p.settings, pw);
      this.o.emit('mail.changed', { folderIds: [] });
      return this.view(p.settings);
    },

    'mail.account.remove': async () => {
      const ctx = this.need();
      const e = this.engine;
      this.engine = null;
      if (e) await e.stop();
      await this.o.secretStore.delete(this.passwordKey());
      new MetaStore(ctx.db).set(ACCOUNT_KEY, null);
      ctx.db.exec('DELETE FROM mail_fts; DELETE FROM mail_folders; DELETE FROM mail_outbox;');
      this.o.emit('mail.changed', { folderIds: [] });
      this.o.emit('mail.status', NOT_CONFIGURED);
      return {};
    },

    'mail.account.test': async (p) => {
      checkSettings(p.settings);
      const pw = p.password ?? (this.ctx ? await this.o.secretStore.get(this.passwordKey()) : null);
      if (!pw) throw new AppError('mail_auth_failed');
      const result = { imap: { ok: false, error: null as ReturnType<typeof errorBody> | null }, smtp: { ok: false, error: null as ReturnType<typeof errorBody> | null } };
      const asBody = (err: unknown): ReturnType<typeof errorBody> => (err instanceof AppError ? err.toBody() : errorBody('internal'));
      try {
        const c = await connectImap(p.settings, pw, { connectionTimeoutMs: 10_000 });
        await c.logout().catch(() => c.close());
        result.imap.ok = true;
      } catch (err) {
        result.imap.error = asBody(err);
      }
      try {
        smtpClose(await connectSmtp(p.settings, pw, { timeoutMs: 10_000 }));
        result.smtp.ok = true;
      } catch (err) {
        result.smtp.error = asBody(err);
      }
      return result;
    },

    'mail.status': async () => {
      if (!this.ctx || !this.engine) return { ...NOT_CONFIGURED, pendingCount: this.store?.outboxPendingCount() ?? 0 };
      return this.engine.status();
    },

    'mail.syncNow': async () => this.needEngine().syncNow(),

    'mail.folders': async () => (this.ctx ? this.st().folderViews() : []),

    'mail.list': async (p) => {
      const st = this.st();
      let after: { date: string; id: number } | null = null;
      if (p.after !== null) {
        const m = /^(.+)\|(-?\d+)$/u.exec(Buffer.from(p.after, 'base64url').toString('utf8'));
        if (!m) throw new AppError('validation_failed', { details: 'after' });
        after = { date: m[1] as string, id: Number(m[2]) };
      }
      const page = st.listPage(p.folderId, after, p.limit, p.unreadOnly);
      const last = page.rows[page.rows.length - 1];
      const next = page.rows.length === p.limit && last ? Buffer.from(`${last.date}|${last.id}`).toString('base64url') : null;
      return { items: st.toItems(page.rows), next, total: page.total };
    },

    'mail.search': async (p) => {
      const terms = queryTerms(p.query);
      if (terms.length === 0) return [];
      const st = this.st();
      return st.toItems(st.search(terms, p.folderId, p.limit));
    },

    'mail.get': async (p) => {
      const st = this.st();
      const m = st.message(p.id);
      if (!m) return null;
      let body = st.body(m.id);
      if (!body) {
        await this.parsedSource(m);
        body = st.body(m.id);
      }
      if (p.markRead && m.seen === 0) {
        const now = this.o.now().toISOString();
        st.db.transaction(() => this.localFlags([m.id], ['\\Seen'], [], now))();
        this.engine?.trigger({ outbox: true });
        this.o.emit('mail.changed', { folderIds: [m.folder_id], messageIds: [m.id] });
      }
      const row = st.message(m.id) ?? m;
      const [item] = st.toItems([row]);
      const atts = body ? (JSON.parse(body.attachments) as Omit<MailAttachment, 'sha256'>[]) : [];
      let clean = body?.html ? sanitiseHtml(body.html, false) : null;
      if (body?.html && clean && p.allowRemoteImages && clean.remoteImageUrls.length > 0) {
        clean = sanitiseHtml(body.html, true, await fetchRemoteImages(clean.remoteImageUrls));
      }
      const view: MailMessageView = {
        ...(item as NonNullable<typeof item>),
        messageId: row.message_id,
        cc: JSON.parse(row.cc_json) as MailMessageView['cc'],
        replyTo: body ? (JSON.parse(body.reply_to) as MailMessageView['replyTo']) : [],
        inReplyTo: row.in_reply_to,
        references: JSON.parse(row.refs) as string[],
        html: clean ? clean.html : null,
        text: body ? body.text : row.snippet,
        remoteImagesBlocked: clean ? clean.remoteImagesBlocked : false,
        attachments: atts.map((a) => ({ ...a, sha256: st.attachmentSha(row.id, a.id)?.sha256 ?? null })),
        notes: body ? (JSON.parse(body.notes) as string[]) : ['Nội dung thư chưa được tải về (đang ngoại tuyến).'],
        bodyAvailable: body !== undefined,
      };
      return view;
    },

    'mail.thread': async (p) => {
      const st = this.st();
      return st.toItems(st.thread(p.threadId));
    },

    'mail.action': async (p) => {
      const st = this.st();
      const now = this.o.now().toISOString();
      const folders = new Set<number>();
      for (const id of p.ids) {
        const m = st.message(id);
        if (m) folders.add(m.folder_id);
      }
      let target: { id: number; path: string } | null = null;
      if (p.action === 'move') {
        const f = p.folderId !== undefined ? st.folder(p.folderId) : undefined;
        if (!f) throw new AppError('validation_failed', { details: 'folderId' });
        target = f;
      } else if (p.action === 'archive') {
        const f = st.folderByRole('archive');
        if (!f) throw new AppError('not_found');
        target = f;
      }
      const queued = st.db.transaction(() => {
        switch (p.action) {
          case 'read':
            return this.localFlags(p.ids, ['\\Seen'], [], now);
          case 'unread':
            return this.localFlags(p.ids, [], ['\\Seen'], now);
          case 'flag':
            return this.localFlags(p.ids, ['\\Flagged'], [], now);
          case 'unflag':
            return this.localFlags(p.ids, [], ['\\Flagged'], now);
          case 'delete': {
            const trash = st.folderByRole('trash');
            const inTrash = p.ids.filter((id) => st.message(id)?.folder_id === trash?.id);
            const rest = p.ids.filter((id) => !inTrash.includes(id));
            return this.localMove(inTrash, null, now) + this.localMove(rest, trash ?? null, now);
          }
          default:
            return this.localMove(p.ids, target, now);
        }
      })();
      if (target) folders.add(target.id);
      const trash = st.folderByRole('trash');
      if (p.action === 'delete' && trash) folders.add(trash.id);
      this.o.emit('mail.changed', { folderIds: [...folders], messageIds: p.ids });
      this.engine?.trigger({ outbox: true });
      this.engine?.emitStatus();
      return { queued };
    },

    'mail.send': (p) => this.queueMessage(p, 'send'),
    'mail.saveDraft': (p) => this.queueMessage(p, 'draft'),

    'mail.composeFrom': async (p) => {
      const m = this.message(p.messageId);
      let body = this.st().body(m.id);
      if (!body) {
        await this.parsedSource(m);
        body = this.st().body(m.id);
      }
      const s = this.needEngine().settings;
      return composeFrom(
        p.kind,
        m,
        {
          text: body?.text ?? m.snippet,
          replyTo: body ? (JSON.parse(body.reply_to) as MailMessageView['replyTo']) : [],
          attachments: body ? (JSON.parse(body.attachments) as { id: string; inline: boolean }[]).filter((a) => !a.inline) : [],
        },
        s,
        m.id,
      );
    },

    'mail.outbox': async () =>
      this.st()
        .outboxAll()
        .filter((e) => e.kind === 'send' || e.kind === 'draft' || e.state === 'failed')
        .map((e) => ({
          id: e.id,
          kind: e.kind,
          state: e.state,
          subject: String((JSON.parse(e.args) as { subject?: string }).subject ?? ''),
          messageId: e.message_id,
          attempts: e.attempts,
          lastError: e.last_error,
          createdAt: e.created_at,
        })),

    'mail.outbox.resolve': async (p) => {
      const st = this.st();
      const e = st.outboxGet(p.id);
      if (!e) throw new AppError('not_found');
      if (p.action === 'discard') st.outboxDone(e.id);
      else st.outboxState(e.id, 'queued', this.o.now().toISOString());
      this.engine?.trigger({ outbox: true });
      this.engine?.emitStatus();
      return {};
    },

    'mail.attachment.open': async (p) => {
      const f = await this.attachmentBytes(p.messageId, p.attachmentId);
      return { path: f.path, size: f.size, sha256: f.sha256, name: f.name, mime: f.mime };
    },

    'mail.locate': async (p) => {
      if (!this.ctx) return null;
      const m = this.st().byMessageId(p.messageIdHeader.replace(/^<|>$/gu, ''))[0];
      return m ? { id: m.id, folderId: m.folder_id } : null;
    },

    'mail.registerPrefill': async (p) => {
      const m = this.message(p.messageId);
      const f = await this.attachmentBytes(p.messageId, p.attachmentId);
      const bytes = await fsp.readFile(f.path);
      if (!isPdf(bytes) || !SHA_RE.test(f.sha256)) throw new AppError('mail_attachment_not_pdf');
      const name = /\.pdf$/iu.test(f.name) ? f.name : `${f.name}.pdf`;
      const file = await this.need().files.add(name, bytes);
      const from = m.from_json ? (JSON.parse(m.from_json) as { name: string; address: string }) : null;
      const d = vnDateParts(m.date);
      const issuedDate = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
      const subject = m.subject.replace(/^\s*((re|fwd?|tl|tt)\s*:\s*)+/iu, '').trim();
      return {
        metadata: {
          ...(organisationOf(from) ? { issuer: organisationOf(from).slice(0, 200) } : {}),
          ...(subject ? { subject: subject.slice(0, 500) } : {}),
          issuedDate,
          description: `Nhận qua thư điện tử từ ${from ? from.address : 'không rõ người gửi'}`.slice(0, 500),
        },
        file,
        source: { messageId: m.id, messageIdHeader: m.message_id, from, date: m.date, attachmentId: p.attachmentId, subject: m.subject },
      };
    },
  };
}

/** Handlers that look the service up at call time (CoreService builds its handler table before its constructor body runs). */
export function mailHandlers(get: () => MailService): MailHandlers {
  const out: Record<string, (p: never) => Promise<unknown>> = {};
  for (const name of Object.keys(MAIL_METHODS)) {
    out[name] = async (p: never) => {
      const svc = get();
      await svc.ready;
      return (svc.handlers[name as MailMethod] as (x: never) => Promise<unknown>)(p);
    };
  }
  return out as unknown as MailHandlers;
}

const MAIL_METHODS: Record<MailMethod, true> = {
  'mail.account.get': true,
  'mail.account.save': true,
  'mail.account.remove': true,
  'mail.account.test': true,
  'mail.status': true,
  'mail.syncNow': true,
  'mail.folders': true,
  'mail.list': true,
  'mail.search': true,
  'mail.get': true,
  'mail.thread': true,
  'mail.action': true,
  'mail.send': true,
  'mail.saveDraft': true,
  'mail.composeFrom': true,
  'mail.outbox': true,
  'mail.outbox.resolve': true,
  'mail.attachment.open': true,
  'mail.locate': true,
  'mail.registerPrefill': true,
};
