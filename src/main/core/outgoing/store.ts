/**
 * The confirmed outgoing documents of the signed-in user in the local cache: rows with list
 * columns derived for the user, the search index and the file links (`record_files`, kind
 * 'outgoing') kept together; and the user's own signing material (imported PKCS#12 files,
 * the signature and seal images), which no pull touches. Callers own the transactions (a
 * pull page is one).
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { OrgView } from '../../../shared/domain/org.js';
import { OUTGOING_KIND, OUTGOING_VIEWS, OutgoingDocument, type CertificateSummary } from '../../../shared/outgoing/schemas.js';
import type { OutgoingListName } from '../../../shared/outgoing/constants.js';
import type { Db } from '../db/open.js';
import { ftsMatchExpression } from '../db/search.js';
import type { LocalKind, Viewer } from '../sync/kinds.js';
import {
  AFTER_SQL,
  decodeCursor,
  encodeCursor,
  filterSql,
  keyOf,
  ORDER_SQL,
  outgoingRowOf,
  ROW_COLUMNS,
  viewSql,
  type OutgoingFilter,
  type OutgoingRow,
} from './list.js';
import { outgoingSearchBody } from './search.js';

/** Every file a document holds: its versions and its attachments (the same file once). */
export function outgoingFiles(d: Pick<OutgoingDocument, 'versions' | 'attachments'>): { sha256: string; name: string; size: number }[] {
  const seen = new Set<string>();
  const out: { sha256: string; name: string; size: number }[] = [];
  for (const f of [...d.versions.map((v) => v.file), ...d.attachments]) {
    if (seen.has(f.sha256)) continue;
    seen.add(f.sha256);
    out.push(f);
  }
  return out;
}

export interface OutgoingPageQuery {
  view: OutgoingListName;
  filter: OutgoingFilter;
  /** An FTS5 MATCH expression (db/search.ts), or null: no search. */
  match: string | null;
  cursor: string | null;
  limit: number;
}

export interface OutgoingPage {
  rows: OutgoingRow[];
  next: string | null;
  /** Every stored row of the list with these filters (not only this page). */
  total: number;
}

/** A PKCS#12 file the user imported. */
export interface StoredKey {
  id: string;
  label: string;
  pkcs12: Uint8Array;
  certificate: CertificateSummary;
}

export class OutgoingStore implements LocalKind<OutgoingDocument> {
  readonly kind = OUTGOING_KIND;
  readonly schema = OutgoingDocument;
  private readonly stmts;

  /** `org` names the signer and the drafting unit in the search text; null until the organisation is known. */
  constructor(
    private readonly db: Db,
    private readonly org: () => OrgView | null,
  ) {
    this.stmts = {
      rowid: db.prepare<[string], { rowid: number }>('SELECT rowid FROM outgoing_docs WHERE id = ?'),
      upsert: db.prepare(`
        INSERT INTO outgoing_docs (${ROW_COLUMNS}, version, doc_json)
        VALUES (@id, @status, @document_type, @subject, @urgency, @confidentiality, @drafting_unit_id, @created_by, @signer_id, @holder_id,
          @number_symbol, @register_id, @year, @issued_at, @reply_due_date, @recipient_count, @delivered_count, @to_dispatch_count,
          @in_mine, @in_to_review, @in_to_sign, @in_to_issue, @in_issued, @sort_at, @updated_at, @version, @doc_json)
        ON CONFLICT (id) DO UPDATE SET
          status = excluded.status, document_type = excluded.document_type, subject = excluded.subject, urgency = excluded.urgency,
          confidentiality = excluded.confidentiality, drafting_unit_id = excluded.drafting_unit_id, created_by = excluded.created_by,
          signer_id = excluded.signer_id, holder_id = excluded.holder_id, number_symbol = excluded.number_symbol, register_id = excluded.register_id,
          year = excluded.year, issued_at = excluded.issued_at, reply_due_date = excluded.reply_due_date, recipient_count = excluded.recipient_count,
          delivered_count = excluded.delivered_count, to_dispatch_count = excluded.to_dispatch_count, in_mine = excluded.in_mine,
          in_to_review = excluded.in_to_review, in_to_sign = excluded.in_to_sign, in_to_issue = excluded.in_to_issue, in_issued = excluded.in_issued,
          sort_at = excluded.sort_at, updated_at = excluded.updated_at, version = excluded.version, doc_json = excluded.doc_json
        RETURNING rowid`),
      ftsDelete: db.prepare<[number]>('DELETE FROM outgoing_fts WHERE rowid = ?'),
      ftsInsert: db.prepare<[number, string]>('INSERT INTO outgoing_fts (rowid, body) VALUES (?, ?)'),
      filesDelete: db.prepare<[string]>(`DELETE FROM record_files WHERE kind = '${OUTGOING_KIND}' AND record_id = ?`),
      fileLink: db.prepare(`INSERT OR IGNORE INTO record_files (kind, record_id, sha256, name, size, position, sealed) VALUES ('${OUTGOING_KIND}', ?, ?, ?, ?, ?, ?)`),
      fileKnown: db.prepare(`INSERT OR IGNORE INTO files (sha256, size, state, needs_upload) VALUES (?, ?, 'missing', 0)`),
      delete: db.prepare<[string]>('DELETE FROM outgoing_docs WHERE id = ?'),
      get: db.prepare<[string], { doc_json: string }>('SELECT doc_json FROM outgoing_docs WHERE id = ?'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outgoing_docs'),
      keys: db.prepare<[], { id: string; label: string; pkcs12: Buffer; certificate: string }>('SELECT id, label, pkcs12, certificate FROM outgoing_keys ORDER BY added_at, id'),
      key: db.prepare<[string], { id: string; label: string; pkcs12: Buffer; certificate: string }>('SELECT id, label, pkcs12, certificate FROM outgoing_keys WHERE id = ?'),
      keyPut: db.prepare(`
        INSERT INTO outgoing_keys (id, label, pkcs12, certificate, added_at) VALUES (@id, @label, @pkcs12, @certificate, @addedAt)
        ON CONFLICT (id) DO UPDATE SET label = excluded.label, pkcs12 = excluded.pkcs12, certificate = excluded.certificate`),
      keyDelete: db.prepare<[string]>('DELETE FROM outgoing_keys WHERE id = ?'),
      image: db.prepare<[string], { png: Buffer }>('SELECT png FROM outgoing_images WHERE which = ?'),
      imagePut: db.prepare<[string, Buffer]>('INSERT INTO outgoing_images (which, png) VALUES (?, ?) ON CONFLICT (which) DO UPDATE SET png = excluded.png'),
      imageDelete: db.prepare<[string]>('DELETE FROM outgoing_images WHERE which = ?'),
    };
  }

  put(d: OutgoingDocument, viewer: Viewer): void {
    const existing = this.stmts.rowid.get(d.id);
    const { rowid } = this.stmts.upsert.get({ ...outgoingRowOf(d, viewer), version: d.version, doc_json: JSON.stringify(d) }) as { rowid: number };
    if (existing) this.stmts.ftsDelete.run(rowid);
    this.stmts.ftsInsert.run(rowid, outgoingSearchBody(d, this.org()));
    this.stmts.filesDelete.run(d.id);
    // A secret document's files are sealed on disk (decisions §20), as an incoming one's.
    const sealed = d.confidentiality !== 'normal' ? 1 : 0;
    outgoingFiles(d).forEach((f, i) => {
      this.stmts.fileLink.run(d.id, f.sha256, f.name, f.size, i, sealed);
      this.stmts.fileKnown.run(f.sha256, f.size);
    });
  }

  /** Forget a document: its row, its search entry and its file links (the files themselves go in the next GC). */
  remove(id: string): boolean {
    const existing = this.stmts.rowid.get(id);
    if (!existing) return false;
    this.stmts.ftsDelete.run(existing.rowid);
    this.stmts.filesDelete.run(id);
    this.stmts.delete.run(id);
    return true;
  }

  /** The documents only: the user's keys and images are not the server's to reset. */
  removeAll(): void {
    this.db.exec(`DELETE FROM outgoing_fts; DELETE FROM record_files WHERE kind = '${OUTGOING_KIND}'; DELETE FROM outgoing_docs;`);
  }

  get(id: string): OutgoingDocument | null {
    const r = this.stmts.get.get(id);
    return r ? (JSON.parse(r.doc_json) as OutgoingDocument) : null;
  }

  count(): number {
    return this.stmts.count.get()?.n ?? 0;
  }

  /** Re-derive every row's per-user columns (the user moved unit or became a clerk). In chunks: the cache may be large. */
  recomputeAll(viewer: Viewer): void {
    const chunk = this.db.prepare<[string], { doc_json: string }>('SELECT doc_json FROM outgoing_docs WHERE id > ? ORDER BY id LIMIT 500');
    for (let after = ''; ; ) {
      const rows = chunk.all(after);
      if (rows.length === 0) return;
      for (const r of rows) {
        const d = JSON.parse(r.doc_json) as OutgoingDocument;
        this.put(d, viewer);
        after = d.id;
      }
    }
  }

  /** Statements built from filters, prepared once per shape. */
  private readonly prepared = new Map<string, Statement>();
  private prepare(sql: string): Statement {
    let st = this.prepared.get(sql);
    if (!st) this.prepared.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  private where(q: Pick<OutgoingPageQuery, 'view' | 'filter' | 'match'>, params: Record<string, string | number>): string[] {
    const where = [...viewSql(q.view), ...filterSql(q.filter, params)];
    if (q.match !== null) {
      where.push('rowid IN (SELECT rowid FROM outgoing_fts WHERE outgoing_fts MATCH @match)');
      params.match = q.match;
    }
    return where;
  }

  /** One page of a list, newest first, with the exact number of stored rows the list holds. */
  listPage(q: OutgoingPageQuery): OutgoingPage {
    const params: Record<string, string | number> = { limit: q.limit };
    const where = this.where(q, params);
    const cond = (w: readonly string[]): string => (w.length === 0 ? '' : `WHERE ${w.join(' AND ')}`);
    const total = (this.prepare(`SELECT count(*) AS n FROM outgoing_docs ${cond(where)}`).get(params) as { n: number }).n;
    const pageWhere = [...where];
    if (q.cursor !== null) {
      const after = decodeCursor(q.view, q.cursor);
      pageWhere.push(AFTER_SQL);
      params.afterSort = after.sortAt;
      params.afterId = after.id;
    }
    const rows = this.prepare(`SELECT ${ROW_COLUMNS} FROM outgoing_docs ${cond(pageWhere)} ORDER BY ${ORDER_SQL} LIMIT @limit`).all(params) as OutgoingRow[];
    const last = rows[rows.length - 1];
    return { rows, next: rows.length === q.limit && last ? encodeCursor(q.view, keyOf(last)) : null, total };
  }

  /** The stored rows of every list (the badges). */
  counts(): Record<OutgoingListName, number> {
    const out = {} as Record<OutgoingListName, number>;
    for (const view of OUTGOING_VIEWS) {
      const where = viewSql(view);
      out[view] = (this.prepare(`SELECT count(*) AS n FROM outgoing_docs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).get() as { n: number }).n;
    }
    return out;
  }

  rowsByIds(ids: readonly string[]): OutgoingRow[] {
    if (ids.length === 0) return [];
    return this.prepare(`SELECT ${ROW_COLUMNS} FROM outgoing_docs WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as OutgoingRow[];
  }

  /**
   * Full-text search (terms from db/search.ts queryTerms), best matches first; a
   * near-universal word falls back to the newest documents, as ranking costs in
   * proportion to the matches.
   */
  search(terms: readonly string[], limit: number): OutgoingRow[] {
    const match = ftsMatchExpression(terms);
    if (match === null) return [];
    const RANK_CAP = 5000;
    const matches = (this.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM outgoing_fts WHERE outgoing_fts MATCH ? LIMIT ?)').get(match, RANK_CAP + 1) as { n: number }).n;
    const cols = ROW_COLUMNS.split(', ')
      .map((c) => `o.${c}`)
      .join(', ');
    const sql =
      matches <= RANK_CAP
        ? `SELECT ${cols} FROM outgoing_fts f JOIN outgoing_docs o ON o.rowid = f.rowid WHERE outgoing_fts MATCH ? ORDER BY f.rank, o.sort_at DESC LIMIT ?`
        : `SELECT ${cols} FROM outgoing_docs o WHERE o.rowid IN (SELECT rowid FROM outgoing_fts WHERE outgoing_fts MATCH ?) ORDER BY o.sort_at DESC, o.id DESC LIMIT ?`;
    return this.prepare(sql).all(match, limit) as OutgoingRow[];
  }

  /** The stored documents that hold this file (a version or an attachment). */
  documentsWithFile(sha256: string): OutgoingDocument[] {
    return (
      this.prepare(`SELECT o.doc_json FROM record_files rf JOIN outgoing_docs o ON o.id = rf.record_id WHERE rf.sha256 = ? AND rf.kind = '${OUTGOING_KIND}'`).all(sha256) as {
        doc_json: string;
      }[]
    ).map((r) => JSON.parse(r.doc_json) as OutgoingDocument);
  }

  /** Every stored document, in chunks (the registers read them all: outgoing.registerBook). */
  *all(): Generator<OutgoingDocument> {
    const chunk = this.prepare('SELECT id, doc_json FROM outgoing_docs WHERE id > ? ORDER BY id LIMIT 500');
    for (let after = ''; ; ) {
      const rows = chunk.all(after) as { id: string; doc_json: string }[];
      if (rows.length === 0) return;
      for (const r of rows) yield JSON.parse(r.doc_json) as OutgoingDocument;
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Files worth fetching ahead of use: the latest version of documents waiting on the user, newest first. */
  prefetchCandidates(sinceIso: string, limit: number): { sha256: string; size: number }[] {
    const rows = this.prepare(
      `SELECT doc_json FROM outgoing_docs WHERE (in_to_review = 1 OR in_to_sign = 1 OR in_to_issue = 1) AND updated_at >= ? ORDER BY sort_at DESC LIMIT ?`,
    ).all(sinceIso, limit) as { doc_json: string }[];
    const out: { sha256: string; size: number }[] = [];
    for (const r of rows) {
      const v = (JSON.parse(r.doc_json) as OutgoingDocument).versions.at(-1);
      if (v && this.prepare(`SELECT 1 FROM files WHERE sha256 = ? AND state <> 'complete'`).get(v.file.sha256)) out.push({ sha256: v.file.sha256, size: v.file.size });
    }
    return out;
  }

  // ── the user's signing material ─────────────────────────────────────────

  keys(): StoredKey[] {
    return this.stmts.keys.all().map((r) => ({ id: r.id, label: r.label, pkcs12: new Uint8Array(r.pkcs12), certificate: JSON.parse(r.certificate) as CertificateSummary }));
  }

  key(id: string): StoredKey | null {
    const r = this.stmts.key.get(id);
    return r ? { id: r.id, label: r.label, pkcs12: new Uint8Array(r.pkcs12), certificate: JSON.parse(r.certificate) as CertificateSummary } : null;
  }

  putKey(k: StoredKey, addedAt: string): void {
    this.stmts.keyPut.run({ id: k.id, label: k.label, pkcs12: Buffer.from(k.pkcs12), certificate: JSON.stringify(k.certificate), addedAt });
  }

  removeKey(id: string): boolean {
    return this.stmts.keyDelete.run(id).changes > 0;
  }

  image(which: 'signature' | 'seal'): Uint8Array | null {
    const r = this.stmts.image.get(which);
    return r ? new Uint8Array(r.png) : null;
  }

  setImage(which: 'signature' | 'seal', png: Uint8Array | null): void {
    if (png === null) this.stmts.imageDelete.run(which);
    else this.stmts.imagePut.run(which, Buffer.from(png));
  }
}
