import type { Db } from '../db/open.js';
import { ftsMatchExpression } from '../db/search.js';
import type { MailAddress, MailAttachment, MailFolder, MailFolderRole, MailListItem, MailOutboxItem } from '../../../shared/model/mail.js';
import { threadIdOf, threadRoot } from './parse.js';

export interface FolderRow {
  id: number;
  path: string;
  name: string;
  delimiter: string | null;
  role: MailFolderRole | null;
  uidvalidity: string | null;
  uidnext: number | null;
  highestmodseq: string | null;
  oldest_uid: number | null;
  complete: number;
  synced_at: string | null;
}

export interface MessageRow {
  id: number;
  folder_id: number;
  uid: number;
  message_id: string | null;
  in_reply_to: string | null;
  refs: string;
  thread_id: string;
  date: string;
  from_json: string | null;
  to_json: string;
  cc_json: string;
  subject: string;
  snippet: string;
  seen: number;
  flagged: number;
  answered: number;
  draft: number;
  flags: string;
  has_attachments: number;
  size: number;
  modseq: string | null;
}

export interface BodyRow {
  message_id: number;
  html: string | null;
  text: string;
  reply_to: string;
  attachments: string;
  notes: string;
}

export interface OutboxRow {
  id: number;
  kind: 'flags' | 'move' | 'send' | 'draft';
  local_id: number | null;
  folder_path: string | null;
  uid: number | null;
  uidvalidity: string | null;
  message_id: string | null;
  args: string;
  raw: Buffer | null;
  state: MailOutboxItem['state'];
  attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface HeaderRecord {
  uid: number;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  date: string;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  snippet: string;
  flags: string[];
  hasAttachments: boolean;
  size: number;
  modseq: string | null;
}

export const SEARCH_LIMIT = 200;

/** The mail tables of the user's cache (migration step 2). */
export class MailStore {
  constructor(readonly db: Db) {}

  // ── folders ──
  folders(): FolderRow[] {
    return this.db.prepare<[], FolderRow>('SELECT * FROM mail_folders ORDER BY id').all();
  }
  folder(id: number): FolderRow | undefined {
    return this.db.prepare<[number], FolderRow>('SELECT * FROM mail_folders WHERE id = ?').get(id);
  }
  folderByPath(path: string): FolderRow | undefined {
    return this.db.prepare<[string], FolderRow>('SELECT * FROM mail_folders WHERE path = ?').get(path);
  }
  folderByRole(role: MailFolderRole): FolderRow | undefined {
    return this.db.prepare<[string], FolderRow>('SELECT * FROM mail_folders WHERE role = ? ORDER BY id LIMIT 1').get(role);
  }
  upsertFolder(path: string, name: string, delimiter: string | null, role: MailFolderRole | null): FolderRow {
    this.db
      .prepare('INSERT INTO mail_folders (path, name, delimiter, role) VALUES (?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET name = excluded.name, delimiter = excluded.delimiter, role = excluded.role')
      .run(path, name, delimiter, role);
    return this.folderByPath(path) as FolderRow;
  }
  removeFolder(id: number): void {
    this.db.prepare('DELETE FROM mail_fts WHERE rowid IN (SELECT id FROM mail_messages WHERE folder_id = ?)').run(id);
    this.db.prepare('DELETE FROM mail_folders WHERE id = ?').run(id);
  }
  saveFolderState(id: number, s: { uidvalidity: string; uidnext: number; highestmodseq: string | null; complete: boolean; syncedAt: string; oldestUid: number | null }): void {
    this.db
      .prepare('UPDATE mail_folders SET uidvalidity = ?, uidnext = ?, highestmodseq = ?, complete = ?, synced_at = ?, oldest_uid = ? WHERE id = ?')
      .run(s.uidvalidity, s.uidnext, s.highestmodseq, s.complete ? 1 : 0, s.syncedAt, s.oldestUid, id);
  }
  /** UIDVALIDITY changed: the folder's cache is rebuilt (the outbox is not touched). */
  resetFolder(id: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM mail_fts WHERE rowid IN (SELECT id FROM mail_messages WHERE folder_id = ? AND uid > 0)').run(id);
      this.db.prepare('DELETE FROM mail_messages WHERE folder_id = ? AND uid > 0').run(id);
      this.db.prepare('UPDATE mail_folders SET uidvalidity = NULL, uidnext = NULL, highestmodseq = NULL, complete = 0, oldest_uid = NULL WHERE id = ?').run(id);
    })();
  }
  folderViews(): MailFolder[] {
    const counts = new Map(
      this.db
        .prepare<[], { folder_id: number; total: number; unread: number }>('SELECT folder_id, count(*) AS total, sum(seen = 0) AS unread FROM mail_messages GROUP BY folder_id')
        .all()
        .map((r) => [r.folder_id, r]),
    );
    const order: Record<string, number> = { inbox: 0, drafts: 1, sent: 2, archive: 3, junk: 4, trash: 5 };
    return this.folders()
      .map((f) => ({ id: f.id, path: f.path, name: f.name, role: f.role, unread: counts.get(f.id)?.unread ?? 0, total: counts.get(f.id)?.total ?? 0, lastSyncAt: f.synced_at }))
      .sort((a, b) => (order[a.role ?? ''] ?? 9) - (order[b.role ?? ''] ?? 9) || a.path.localeCompare(b.path));
  }

  // ── messages ──
  uids(folderId: number): Set<number> {
    return new Set(this.db.prepare<[number], { uid: number }>('SELECT uid FROM mail_messages WHERE folder_id = ? AND uid > 0').all(folderId).map((r) => r.uid));
  }
  count(folderId: number): number {
    return this.db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM mail_messages WHERE folder_id = ? AND uid > 0').get(folderId)?.n ?? 0;
  }
  message(id: number): MessageRow | undefined {
    return this.db.prepare<[number], MessageRow>('SELECT * FROM mail_messages WHERE id = ?').get(id);
  }
  byUid(folderId: number, uid: number): MessageRow | undefined {
    return this.db.prepare<[number, number], MessageRow>('SELECT * FROM mail_messages WHERE folder_id = ? AND uid = ?').get(folderId, uid);
  }
  byMessageId(messageId: string): MessageRow[] {
    return this.db.prepare<[string], MessageRow>('SELECT * FROM mail_messages WHERE message_id = ?').all(messageId);
  }

  /** Thread of a new message: a stored parent's thread, else a stored child's, else from its root id. */
  private threadFor(h: { messageId: string | null; inReplyTo: string | null; references: readonly string[] }, fallback: string): string {
    const get = this.db.prepare<[string], { thread_id: string }>('SELECT thread_id FROM mail_messages WHERE message_id = ? LIMIT 1');
    for (const id of [h.inReplyTo, ...[...h.references].reverse()]) {
      if (!id) continue;
      const r = get.get(id);
      if (r) return r.thread_id;
    }
    if (h.messageId) {
      const child = this.db.prepare<[string], { thread_id: string }>('SELECT thread_id FROM mail_messages WHERE in_reply_to = ? LIMIT 1').get(h.messageId);
      if (child) return child.thread_id;
    }
    return threadIdOf(threadRoot(h.messageId, h.inReplyTo, h.references, fallback));
  }

  /** Insert or update one message's headers and flags; returns its local id. Call in a transaction. */
  putHeader(folderId: number, h: HeaderRecord, fts: string): number {
    const existing = this.byUid(folderId, h.uid);
    const flags = new Set(h.flags);
    if (existing) {
      this.db
        .prepare('UPDATE mail_messages SET seen = ?, flagged = ?, answered = ?, draft = ?, flags = ?, modseq = ? WHERE id = ?')
        .run(flags.has('\\Seen') ? 1 : 0, flags.has('\\Flagged') ? 1 : 0, flags.has('\\Answered') ? 1 : 0, flags.has('\\Draft') ? 1 : 0, JSON.stringify(h.flags), h.modseq, existing.id);
      return existing.id;
    }
    const thread = this.threadFor(h, `${folderId}:${h.uid}`);
    const r = this.db
      .prepare(
        `INSERT INTO mail_messages (folder_id, uid, message_id, in_reply_to, refs, thread_id, date, from_json, to_json, cc_json, subject, snippet,
           seen, flagged, answered, draft, flags, has_attachments, size, modseq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        folderId, h.uid, h.messageId, h.inReplyTo, JSON.stringify(h.references), thread, h.date, h.from ? JSON.stringify(h.from) : null,
        JSON.stringify(h.to), JSON.stringify(h.cc), h.subject, h.snippet,
        flags.has('\\Seen') ? 1 : 0, flags.has('\\Flagged') ? 1 : 0, flags.has('\\Answered') ? 1 : 0, flags.has('\\Draft') ? 1 : 0,
        JSON.stringify(h.flags), h.hasAttachments ? 1 : 0, h.size, h.modseq,
      );
    const id = Number(r.lastInsertRowid);
    this.db.prepare('INSERT INTO mail_fts (rowid, body) VALUES (?, ?)').run(id, fts);
    return id;
  }

  setFlags(id: number, flags: string[], modseq: string | null): void {
    const f = new Set(flags);
    this.db
      .prepare('UPDATE mail_messages SET seen = ?, flagged = ?, answered = ?, draft = ?, flags = ?, modseq = coalesce(?, modseq) WHERE id = ?')
      .run(f.has('\\Seen') ? 1 : 0, f.has('\\Flagged') ? 1 : 0, f.has('\\Answered') ? 1 : 0, f.has('\\Draft') ? 1 : 0, JSON.stringify(flags), modseq, id);
  }

  updateParsed(id: number, p: { subject: string; from: MailAddress | null; to: MailAddress[]; cc: MailAddress[]; snippet: string; hasAttachments: boolean; date: string | null }, fts: string): void {
    this.db
      .prepare('UPDATE mail_messages SET subject = ?, from_json = ?, to_json = ?, cc_json = ?, snippet = ?, has_attachments = ?, date = coalesce(?, date) WHERE id = ?')
      .run(p.subject, p.from ? JSON.stringify(p.from) : null, JSON.stringify(p.to), JSON.stringify(p.cc), p.snippet, p.hasAttachments ? 1 : 0, p.date, id);
    this.db.prepare('DELETE FROM mail_fts WHERE rowid = ?').run(id);
    this.db.prepare('INSERT INTO mail_fts (rowid, body) VALUES (?, ?)').run(id, fts);
  }

  deleteMessages(ids: readonly number[]): void {
    const del = this.db.prepare('DELETE FROM mail_messages WHERE id = ?');
    const fts = this.db.prepare('DELETE FROM mail_fts WHERE rowid = ?');
    for (const id of ids) {
      fts.run(id);
      del.run(id);
    }
  }

  deleteUids(folderId: number, uids: Iterable<number>): number[] {
    const ids: number[] = [];
    for (const uid of uids) {
      const m = this.byUid(folderId, uid);
      if (m) ids.push(m.id);
    }
    this.deleteMessages(ids);
    return ids;
  }

  /** A local move: the row goes to the target folder at once, with a placeholder UID until the server answers. */
  moveLocal(id: number, folderId: number): void {
    this.db.prepare('UPDATE mail_messages SET folder_id = ?, uid = -id WHERE id = ?').run(folderId, id);
  }
  setUid(id: number, uid: number): void {
    this.db.prepare('UPDATE OR IGNORE mail_messages SET uid = ? WHERE id = ?').run(uid, id);
  }

  body(id: number): BodyRow | undefined {
    return this.db.prepare<[number], BodyRow>('SELECT * FROM mail_bodies WHERE message_id = ?').get(id);
  }
  putBody(id: number, b: { html: string | null; text: string; replyTo: MailAddress[]; attachments: Omit<MailAttachment, 'sha256'>[]; notes: string[] }): void {
    this.db
      .prepare('INSERT OR REPLACE INTO mail_bodies (message_id, html, text, reply_to, attachments, notes) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, b.html, b.text, JSON.stringify(b.replyTo), JSON.stringify(b.attachments), JSON.stringify(b.notes));
  }
  attachmentSha(id: number, attachmentId: string): { sha256: string; size: number } | undefined {
    return this.db.prepare<[number, string], { sha256: string; size: number }>('SELECT sha256, size FROM mail_attachment_files WHERE message_id = ? AND attachment_id = ?').get(id, attachmentId);
  }
  attachmentBySha(sha256: string): { size: number; message_id: number; attachment_id: string } | undefined {
    return this.db
      .prepare<[string], { size: number; message_id: number; attachment_id: string }>('SELECT size, message_id, attachment_id FROM mail_attachment_files WHERE sha256 = ? LIMIT 1')
      .get(sha256);
  }
  putAttachmentSha(id: number, attachmentId: string, sha256: string, size: number): void {
    this.db.prepare('INSERT OR REPLACE INTO mail_attachment_files (message_id, attachment_id, sha256, size) VALUES (?, ?, ?, ?)').run(id, attachmentId, sha256, size);
  }

  // ── lists ──
  private pendingIds(): Set<number> {
    return new Set(this.db.prepare<[], { local_id: number }>("SELECT DISTINCT local_id FROM mail_outbox WHERE local_id IS NOT NULL AND kind IN ('flags', 'move')").all().map((r) => r.local_id));
  }

  toItems(rows: MessageRow[]): MailListItem[] {
    if (rows.length === 0) return [];
    const pending = this.pendingIds();
    const threadCount = this.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM mail_messages WHERE thread_id = ?');
    return rows.map((r) => ({
      id: r.id,
      folderId: r.folder_id,
      from: r.from_json ? (JSON.parse(r.from_json) as MailAddress) : null,
      to: JSON.parse(r.to_json) as MailAddress[],
      subject: r.subject,
      date: r.date,
      snippet: r.snippet,
      seen: r.seen === 1,
      flagged: r.flagged === 1,
      answered: r.answered === 1,
      hasAttachments: r.has_attachments === 1,
      threadId: r.thread_id,
      threadCount: Math.max(1, threadCount.get(r.thread_id)?.n ?? 1),
      pending: pending.has(r.id),
    }));
  }

  listPage(folderId: number, after: { date: string; id: number } | null, limit: number, unreadOnly: boolean): { rows: MessageRow[]; total: number } {
    const unread = unreadOnly ? ' AND seen = 0' : '';
    const rows = after
      ? this.db
          .prepare<[number, string, string, number, number], MessageRow>(
            `SELECT * FROM mail_messages WHERE folder_id = ?${unread} AND (date < ? OR (date = ? AND id < ?)) ORDER BY date DESC, id DESC LIMIT ?`,
          )
          .all(folderId, after.date, after.date, after.id, limit)
      : this.db.prepare<[number, number], MessageRow>(`SELECT * FROM mail_messages WHERE folder_id = ?${unread} ORDER BY date DESC, id DESC LIMIT ?`).all(folderId, limit);
    const total = this.db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM mail_messages WHERE folder_id = ?${unread}`).get(folderId)?.n ?? 0;
    return { rows, total };
  }

  thread(threadId: string): MessageRow[] {
    return this.db.prepare<[string], MessageRow>('SELECT * FROM mail_messages WHERE thread_id = ? ORDER BY date, id').all(threadId);
  }

  search(terms: string[], folderId: number | null, limit: number): MessageRow[] {
    const expr = ftsMatchExpression(terms);
    if (!expr) return [];
    const rows = this.db
      .prepare<[string, number], MessageRow>(
        `SELECT m.* FROM mail_fts f JOIN mail_messages m ON m.id = f.rowid WHERE mail_fts MATCH ? ORDER BY m.date DESC LIMIT ?`,
      )
      .all(expr, Math.min(SEARCH_LIMIT * 5, limit * 5));
    return rows.filter((r) => folderId === null || r.folder_id === folderId).slice(0, limit);
  }

  // ── outbox ──
  enqueue(e: { kind: OutboxRow['kind']; localId: number | null; folderPath: string | null; uid: number | null; uidvalidity: string | null; messageId: string | null; args: unknown; raw?: Buffer | null; now: string }): number {
    const r = this.db
      .prepare(
        'INSERT INTO mail_outbox (kind, local_id, folder_path, uid, uidvalidity, message_id, args, raw, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(e.kind, e.localId, e.folderPath, e.uid, e.uidvalidity, e.messageId, JSON.stringify(e.args), e.raw ?? null, e.now, e.now);
    return Number(r.lastInsertRowid);
  }
  outboxQueue(): OutboxRow[] {
    return this.db.prepare<[], OutboxRow>("SELECT * FROM mail_outbox WHERE state IN ('queued', 'sending', 'sent') ORDER BY id").all();
  }
  outboxAll(): OutboxRow[] {
    return this.db.prepare<[], OutboxRow>('SELECT id, kind, local_id, folder_path, uid, uidvalidity, message_id, args, NULL AS raw, state, attempts, last_error, created_at, updated_at FROM mail_outbox ORDER BY id').all();
  }
  outboxGet(id: number): OutboxRow | undefined {
    return this.db.prepare<[number], OutboxRow>('SELECT * FROM mail_outbox WHERE id = ?').get(id);
  }
  outboxState(id: number, state: OutboxRow['state'], now: string, error: string | null = null, attempt = false): void {
    this.db
      .prepare('UPDATE mail_outbox SET state = ?, last_error = ?, attempts = attempts + ?, updated_at = ? WHERE id = ?')
      .run(state, error, attempt ? 1 : 0, now, id);
  }
  /** Progress of a send in several SMTP transactions, committed after each. */
  outboxArgs(id: number, args: unknown): void {
    this.db.prepare('UPDATE mail_outbox SET args = ? WHERE id = ?').run(JSON.stringify(args), id);
  }
  outboxDone(id: number): void {
    this.db.prepare('DELETE FROM mail_outbox WHERE id = ?').run(id);
  }
  outboxPendingCount(): number {
    return this.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM mail_outbox WHERE state IN ('queued', 'sending', 'sent')").get()?.n ?? 0;
  }
  /** Server UIDs with a pending move away from this folder: sync must not bring them back. */
  pendingSourceUids(folderPath: string): Set<number> {
    return new Set(
      this.db
        .prepare<[string], { uid: number }>("SELECT uid FROM mail_outbox WHERE kind = 'move' AND folder_path = ? AND uid IS NOT NULL")
        .all(folderPath)
        .map((r) => r.uid),
    );
  }
  localIdsWithPending(): Set<number> {
    return this.pendingIds();
  }
  retargetOutbox(localIdFrom: number, folderPath: string | null, uid: number | null, uidvalidity: string | null): void {
    this.db.prepare("UPDATE mail_outbox SET folder_path = ?, uid = ?, uidvalidity = ? WHERE local_id = ? AND kind IN ('flags', 'move') AND state = 'queued'").run(folderPath, uid, uidvalidity, localIdFrom);
  }
}
