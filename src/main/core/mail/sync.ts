import type { ImapFlow, FetchMessageObject, MessageStructureObject } from 'imapflow';
import type { MailFolderRole } from '../../../shared/model/mail.js';
import { decodeHeaderWithGuess, rawHeaderValue } from './charset.js';
import { decodePart, htmlToPlain, messageIds, parseMessage, searchText, snippetOf, type ParsedMessage } from './parse.js';
import type { FolderRow, HeaderRecord, MailStore } from './store.js';

/**
 * Folder sync over one IMAP connection.
 *  - initial: UID SEARCH ALL, newest first in chunks: envelope, flags, structure,
 *    References, then the first bytes of the text part (a snippet) per chunk;
 *  - incremental: nothing at all when UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ are
 *    unchanged; else new UIDs from UIDNEXT, flag changes with CHANGEDSINCE, vanished
 *    UIDs with QRESYNC (VANISHED), or by comparing UID lists without it;
 *  - UIDVALIDITY changed: the folder's cache is rebuilt; the outbox is untouched
 *    (its entries find their message again by Message-ID).
 */

export interface SyncOptions {
  chunkSize: number;
  snippetBytes: number;
  bodyWindowDays: number;
  bodyMaxBytes: number;
  now: () => Date;
}

export interface SyncResult {
  changedIds: number[];
  removed: number;
  rebuilt: boolean;
}

const ROLE_OF: Record<string, MailFolderRole> = {
  '\\Inbox': 'inbox',
  '\\Sent': 'sent',
  '\\Drafts': 'drafts',
  '\\Trash': 'trash',
  '\\Junk': 'junk',
  '\\Archive': 'archive',
};

export async function syncFolderList(c: ImapFlow, store: MailStore): Promise<boolean> {
  const list = await c.list();
  const seen = new Set<string>();
  let changed = false;
  for (const l of list) {
    if (l.flags.has('\\Noselect') || l.flags.has('\\NonExistent')) continue;
    seen.add(l.path);
    const role = l.path.toUpperCase() === 'INBOX' ? 'inbox' : (ROLE_OF[l.specialUse ?? ''] ?? null);
    const before = store.folderByPath(l.path);
    if (!before || before.role !== role || before.name !== l.name) changed = true;
    store.upsertFolder(l.path, l.name.normalize('NFC'), l.delimiter ?? null, role);
  }
  for (const f of store.folders()) {
    if (!seen.has(f.path)) {
      store.removeFolder(f.id);
      changed = true;
    }
  }
  return changed;
}

/** Compress sorted UIDs into an IMAP sequence set ("1:5,9,12:14"). */
export function uidSet(uids: readonly number[]): string {
  const s = [...uids].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && (s[j + 1] as number) === (s[j] as number) + 1) j++;
    out.push(i === j ? String(s[i]) : `${s[i]}:${s[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

interface TextPart {
  key: string;
  encoding: string | undefined;
  charset: string | undefined;
  html: boolean;
}

function walk(node: MessageStructureObject, visit: (n: MessageStructureObject) => void): void {
  visit(node);
  for (const c of node.childNodes ?? []) walk(c, visit);
}

function isAttachment(n: MessageStructureObject): boolean {
  if (n.type.startsWith('multipart/')) return false;
  if (n.disposition === 'attachment') return true;
  const name = n.dispositionParameters?.filename ?? n.parameters?.name;
  return Boolean(name) && !(n.type.startsWith('text/') && n.disposition !== 'attachment' && !name);
}

export function structureInfo(bs: MessageStructureObject | undefined): { text: TextPart | null; hasAttachments: boolean } {
  if (!bs) return { text: null, hasAttachments: false };
  let plain: TextPart | null = null;
  let html: TextPart | null = null;
  let hasAttachments = false;
  walk(bs, (n) => {
    if (isAttachment(n)) {
      hasAttachments = true;
      return;
    }
    const key = n.part ?? 'TEXT';
    if (n.type === 'text/plain' && !plain) plain = { key, encoding: n.encoding, charset: n.parameters?.charset, html: false };
    if (n.type === 'text/html' && !html) html = { key, encoding: n.encoding, charset: n.parameters?.charset, html: true };
  });
  return { text: plain ?? html, hasAttachments };
}

function referencesFromHeaders(h: Buffer | undefined): string[] {
  if (!h) return [];
  const unfolded = h.toString('latin1').replace(/\r?\n[ \t]+/gu, ' ');
  const m = /^references:(.*)$/imu.exec(unfolded);
  return m ? messageIds(m[1]) : [];
}

const nfc = (s: string | undefined): string => (s ?? '').normalize('NFC');

function headerOf(m: FetchMessageObject, snippet: string, hasAttachments: boolean): HeaderRecord {
  const env = m.envelope;
  const envDate = env?.date ? new Date(env.date) : null;
  const internal = m.internalDate ? new Date(m.internalDate) : new Date(0);
  const date = envDate && !Number.isNaN(envDate.getTime()) ? envDate : internal;
  const addr = (a: { name?: string; address?: string }): { name: string; address: string } => ({ name: nfc(a.name).trim(), address: nfc(a.address).trim().toLowerCase() });
  const from = env?.from?.[0];
  return {
    uid: m.uid,
    messageId: env?.messageId ? env.messageId.replace(/^<|>$/gu, '') : null,
    inReplyTo: env?.inReplyTo ? (messageIds(env.inReplyTo)[0] ?? null) : null,
    references: referencesFromHeaders(m.headers),
    date: date.toISOString(),
    from: from && (from.address || from.name) ? addr(from) : null,
    to: (env?.to ?? []).map(addr),
    cc: (env?.cc ?? []).map(addr),
    subject: subjectOf(nfc(env?.subject), m.headers),
    snippet,
    flags: [...(m.flags ?? [])],
    hasAttachments,
    size: m.size ?? 0,
    modseq: m.modseq !== undefined ? String(m.modseq) : null,
  };
}

/** The envelope's subject, or a guess from the raw header when its charset could not be read (parse.ts notes it once the body is here). */
function subjectOf(envelope: string, headers: Buffer | undefined): string {
  let s = envelope;
  if (s.includes('\uFFFD') && headers) {
    const value = rawHeaderValue(headers, 'subject');
    const guess = value !== null ? decodeHeaderWithGuess(value) : null;
    if (guess) s = guess.text;
  }
  return s.replace(/\s+/gu, ' ').trim();
}

/** Characters of a body (and of each forwarded message) that go into the search index. */
const FTS_TEXT = 20_000;

export function ftsOf(h: { subject: string; from: { name: string; address: string } | null; to: { name: string; address: string }[]; snippet: string }, text = ''): string {
  return searchText([h.subject, h.from?.name, h.from?.address, ...h.to.map((t) => `${t.name} ${t.address}`), h.snippet, text.slice(0, FTS_TEXT * 5)]);
}

/** Fetch headers + flags + snippet of these UIDs and store them (one transaction). */
export async function fetchHeaders(c: ImapFlow, store: MailStore, f: FolderRow, uids: number[], o: SyncOptions, condstore: boolean): Promise<number[]> {
  if (uids.length === 0) return [];
  const msgs: FetchMessageObject[] = [];
  // Part 1 comes along in the same FETCH: for most messages (single part, or text/plain
  // first) it is the text, which saves a round trip; the rest get a second FETCH below.
  for await (const m of c.fetch(uidSet(uids), { uid: true, flags: true, envelope: true, bodyStructure: true, internalDate: true, size: true, headers: ['references', 'subject'], bodyParts: [{ key: '1', start: 0, maxLength: o.snippetBytes }] }, { uid: true })) {
    msgs.push(m);
  }
  const snippets = new Map<number, string>();
  // Snippets: the first bytes of each message's text part, one FETCH per distinct part key.
  const byKey = new Map<string, { uid: number; part: TextPart }[]>();
  const info = new Map<number, ReturnType<typeof structureInfo>>();
  for (const m of msgs) {
    const si = structureInfo(m.bodyStructure);
    info.set(m.uid, si);
    const first = m.bodyParts?.get('1');
    if (si.text && (si.text.key === '1' || (si.text.key === 'TEXT' && !m.bodyStructure?.childNodes?.length)) && first) {
      const text = decodePart(first, si.text.encoding, si.text.charset);
      snippets.set(m.uid, snippetOf(si.text.html ? htmlToPlain(text) : text));
    } else if (si.text) {
      const list = byKey.get(si.text.key) ?? [];
      list.push({ uid: m.uid, part: si.text });
      byKey.set(si.text.key, list);
    }
  }
  for (const [key, list] of byKey) {
    const parts = new Map(list.map((l) => [l.uid, l.part]));
    for await (const m of c.fetch(uidSet(list.map((l) => l.uid)), { uid: true, bodyParts: [{ key, start: 0, maxLength: o.snippetBytes }] }, { uid: true })) {
      const part = parts.get(m.uid);
      const buf = m.bodyParts?.get(key) ?? m.bodyParts?.get(key.toLowerCase()) ?? [...(m.bodyParts?.values() ?? [])][0];
      if (!part || !buf) continue;
      const text = decodePart(buf, part.encoding, part.charset);
      snippets.set(m.uid, snippetOf(part.html ? htmlToPlain(text) : text));
    }
  }
  const skip = store.localIdsWithPending();
  const ids: number[] = [];
  store.db.transaction(() => {
    for (const m of msgs) {
      const h = headerOf(m, snippets.get(m.uid) ?? '', info.get(m.uid)?.hasAttachments ?? false);
      const existing = store.byUid(f.id, m.uid);
      if (existing && skip.has(existing.id)) continue;
      ids.push(store.putHeader(f.id, h, ftsOf(h)));
    }
  })();
  return ids;
}

/** Store a parsed body and improve the header fields from it (full decoding beats the envelope's). */
export function storeParsed(store: MailStore, id: number, p: ParsedMessage, internalDate: string): void {
  store.db.transaction(() => {
    store.putBody(id, {
      html: p.html,
      text: p.text,
      replyTo: p.replyTo,
      attachments: p.attachments.map((a) => ({ id: a.id, name: a.name, mime: a.mime, size: a.size, inline: a.inline, message: a.message })),
      notes: p.notes,
    });
    const snippet = snippetOf(p.text);
    const fields = { subject: p.subject, from: p.from, to: p.to, cc: p.cc, snippet, hasAttachments: p.attachments.some((a) => !a.inline), date: p.date ? p.date.toISOString() : internalDate };
    // A forwarded message's words find the message that carries it.
    const forwarded = p.attachments.flatMap((a) => (a.message ? [a.message.subject, a.message.from?.name ?? '', a.message.from?.address ?? '', a.message.text.slice(0, FTS_TEXT)] : []));
    store.updateParsed(id, fields, ftsOf(fields, [p.text.slice(0, FTS_TEXT), ...forwarded].join('\n')));
  })();
}

/** Download and parse one whole message. */
export async function fetchSource(c: ImapFlow, uid: number): Promise<{ source: Buffer; internalDate: string } | null> {
  const m = await c.fetchOne(String(uid), { uid: true, source: true, internalDate: true }, { uid: true });
  if (!m || !m.source) return null;
  return { source: m.source, internalDate: new Date(m.internalDate ?? 0).toISOString() };
}

export async function fetchRecentBodies(c: ImapFlow, store: MailStore, f: FolderRow, o: SyncOptions, limit = 200): Promise<number[]> {
  if (o.bodyWindowDays <= 0) return [];
  const since = new Date(o.now().getTime() - o.bodyWindowDays * 86_400_000).toISOString();
  const rows = store.db
    .prepare<[number, string, number, number], { id: number; uid: number; date: string }>(
      `SELECT m.id, m.uid, m.date FROM mail_messages m LEFT JOIN mail_bodies b ON b.message_id = m.id
       WHERE m.folder_id = ? AND m.uid > 0 AND b.message_id IS NULL AND m.date >= ? AND m.size <= ? ORDER BY m.date DESC LIMIT ?`,
    )
    .all(f.id, since, o.bodyMaxBytes, limit);
  if (rows.length === 0) return [];
  // UIDs mean nothing outside their folder: select it (another job may have selected another).
  await c.mailboxOpen(f.path);
  const byUid = new Map(rows.map((r) => [r.uid, r]));
  const done: number[] = [];
  for await (const m of c.fetch(uidSet(rows.map((r) => r.uid)), { uid: true, source: true }, { uid: true })) {
    const r = byUid.get(m.uid);
    if (!r || !m.source) continue;
    storeParsed(store, r.id, await parseMessage(m.source), r.date);
    done.push(r.id);
  }
  return done;
}

export async function syncFolder(c: ImapFlow, store: MailStore, folder: FolderRow, o: SyncOptions, onChunk: (ids: number[]) => void): Promise<SyncResult> {
  let f = folder;
  const condstore = c.enabled.has('CONDSTORE');
  const qresync = c.enabled.has('QRESYNC');
  const vanished: number[] = [];
  const onExpunge = (ev: { path: string; uid?: number; vanished?: boolean }): void => {
    if (ev.path === f.path && ev.vanished && ev.uid) vanished.push(ev.uid);
  };
  c.on('expunge', onExpunge);
  try {
    const mb = await c.mailboxOpen(f.path);
    const uidvalidity = String(mb.uidValidity);
    const highest = mb.highestModseq !== undefined && !mb.noModseq ? String(mb.highestModseq) : null;
    let rebuilt = false;
    if (f.uidvalidity !== null && f.uidvalidity !== uidvalidity) {
      store.resetFolder(f.id);
      f = store.folder(f.id) as FolderRow;
      rebuilt = true;
    }
    const changedIds: number[] = [];
    let removed = 0;
    const hidden = store.pendingSourceUids(f.path);
    const save = (complete: boolean, oldestUid: number | null): void =>
      store.saveFolderState(f.id, { uidvalidity, uidnext: mb.uidNext, highestmodseq: highest, complete, syncedAt: o.now().toISOString(), oldestUid });

    if (!f.complete) {
      // Initial (or resumed) sync: every UID, newest first, in chunks.
      const all = ((await c.search({ all: true }, { uid: true })) || []);
      const serverSet = new Set(all);
      const have = store.uids(f.id);
      const gone = [...have].filter((u) => !serverSet.has(u));
      if (gone.length > 0) removed += store.deleteUids(f.id, gone).length;
      const todo = all.filter((u) => !have.has(u) && !hidden.has(u)).sort((a, b) => b - a);
      let oldest = f.oldest_uid;
      for (let i = 0; i < todo.length; i += o.chunkSize) {
        const chunk = todo.slice(i, i + o.chunkSize);
        const ids = await fetchHeaders(c, store, f, chunk, o, condstore);
        oldest = chunk[chunk.length - 1] ?? oldest;
        save(false, oldest);
        changedIds.push(...ids);
        onChunk(ids);
      }
      save(true, oldest);
      return { changedIds, removed, rebuilt };
    }

    // Incremental.
    if (f.uidnext === mb.uidNext && highest !== null && f.highestmodseq === highest && store.count(f.id) === mb.exists - countHidden(hidden)) {
      save(true, f.oldest_uid);
      return { changedIds, removed, rebuilt };
    }
    // New messages.
    if (mb.uidNext > (f.uidnext ?? 0) && mb.exists > 0) {
      const fresh = ((await c.search({ uid: `${f.uidnext ?? 1}:*` }, { uid: true })) || []);
      const todo = fresh.filter((u) => u >= (f.uidnext ?? 1) && !hidden.has(u)).sort((a, b) => b - a);
      for (let i = 0; i < todo.length; i += o.chunkSize) {
        const ids = await fetchHeaders(c, store, f, todo.slice(i, i + o.chunkSize), o, condstore);
        changedIds.push(...ids);
        onChunk(ids);
      }
    }
    // Flag changes (and VANISHED with QRESYNC).
    const skip = store.localIdsWithPending();
    const applyFlags = (m: FetchMessageObject): void => {
      const row = store.byUid(f.id, m.uid);
      if (!row || skip.has(row.id) || !m.flags) return;
      const flags = [...m.flags];
      if (row.flags !== JSON.stringify(flags)) {
        store.setFlags(row.id, flags, m.modseq !== undefined ? String(m.modseq) : null);
        changedIds.push(row.id);
      }
    };
    if (condstore && f.highestmodseq !== null && highest !== null) {
      if (highest !== f.highestmodseq) {
        const updates: FetchMessageObject[] = [];
        for await (const m of c.fetch('1:*', { uid: true, flags: true }, { uid: true, changedSince: BigInt(f.highestmodseq) })) updates.push(m);
        store.db.transaction(() => updates.forEach(applyFlags))();
      }
    } else {
      // No CONDSTORE: refresh every flag (one FETCH FLAGS over the folder).
      const updates: FetchMessageObject[] = [];
      for await (const m of c.fetch('1:*', { uid: true, flags: true }, { uid: true })) updates.push(m);
      store.db.transaction(() => updates.forEach(applyFlags))();
    }
    if (qresync && vanished.length > 0) removed += store.deleteUids(f.id, vanished).length;
    // Without QRESYNC (or if counts still disagree), compare UID lists.
    if (store.count(f.id) !== mb.exists - countHidden(hidden)) {
      const all = new Set(((await c.search({ all: true }, { uid: true })) || []));
      const gone = [...store.uids(f.id)].filter((u) => !all.has(u));
      if (gone.length > 0) removed += store.deleteUids(f.id, gone).length;
      const missing = [...all].filter((u) => !store.byUid(f.id, u) && !hidden.has(u)).sort((a, b) => b - a);
      for (let i = 0; i < missing.length; i += o.chunkSize) changedIds.push(...(await fetchHeaders(c, store, f, missing.slice(i, i + o.chunkSize), o, condstore)));
    }
    save(true, f.oldest_uid);
    return { changedIds, removed, rebuilt };
  } finally {
    c.off('expunge', onExpunge);
  }
}

function countHidden(hidden: Set<number>): number {
  return hidden.size;
}
