import {
  deadlineFor,
  isOverdue,
  roleOf,
  vnToday,
  type AssignmentRole,
  IncomingDocument,
  type UserSummary,
} from '../../../shared/index.js';
import type { LocalKind } from '../sync/kinds.js';
import type { OrgView } from '../../../shared/domain/org.js';
import { incomingDeadlineColumns } from './deadlineColumns.js';
import type { IncomingFilter, IncomingListItem } from '../../../shared/rpc/contract.js';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/open.js';
import { duplicateKey } from '../../../shared/incoming/duplicates.js';
import { ftsMatchExpression, searchBody } from '../db/search.js';

/** The columns of one list row, as stored. */
export interface DocumentRow {
  id: string;
  arrival_year: number;
  arrival_number: number;
  arrival_date: string;
  issuer: string;
  code_number: string;
  code_notation: string;
  issued_date: string;
  document_type: string;
  subject: string;
  urgency: IncomingListItem['urgency'];
  confidentiality: IncomingListItem['confidentiality'];
  status: IncomingListItem['status'];
  my_role: AssignmentRole | null;
  deadline: string | null;
  unread: number;
}

export type Viewer = Pick<UserSummary, 'id' | 'role' | 'unitId'>;

const LIST_COLUMNS =
  'id, arrival_year, arrival_number, arrival_date, issuer, code_number, code_notation, issued_date, document_type, subject, urgency, confidentiality, status, my_role, deadline, unread';

/** Arrival dates are compared as text, so every one is stored in the same ISO UTC form. */
export function canonicalInstant(iso: string): string {
  return new Date(iso).toISOString();
}

/** The list row of a document as `viewer` sees it; the same function serves stored and optimistic documents. */
export function listItemOf(doc: IncomingDocument, viewer: Viewer, now: Date, pending: boolean): IncomingListItem {
  return {
    id: doc.id,
    arrivalNumber: doc.arrivalNumber,
    arrivalYear: doc.arrivalYear,
    arrivalDate: canonicalInstant(doc.arrivalDate),
    issuer: doc.issuer,
    codeNumber: doc.codeNumber,
    codeNotation: doc.codeNotation,
    issuedDate: doc.issuedDate,
    documentType: doc.documentType,
    subject: doc.subject,
    urgency: doc.urgency,
    confidentiality: doc.confidentiality,
    status: doc.status,
    myRole: roleOf(doc, viewer),
    deadline: deadlineFor(doc, viewer),
    overdue: isOverdue(doc, viewer, now),
    unread: doc.readAt === null,
    pending,
  };
}

export function rowToItem(r: DocumentRow, today: string, pending: boolean): IncomingListItem {
  return {
    id: r.id,
    arrivalNumber: r.arrival_number,
    arrivalYear: r.arrival_year,
    arrivalDate: r.arrival_date,
    issuer: r.issuer,
    codeNumber: r.code_number,
    codeNotation: r.code_notation,
    issuedDate: r.issued_date,
    documentType: r.document_type,
    subject: r.subject,
    urgency: r.urgency,
    confidentiality: r.confidentiality,
    status: r.status,
    myRole: r.my_role,
    deadline: r.deadline,
    overdue: r.status !== 'done' && r.deadline !== null && r.deadline < today,
    unread: r.unread === 1,
    pending,
  };
}

/** Arrival instants bounding a list: start inclusive, end exclusive (see vnDayWindow). */
export interface ArrivalWindow {
  start: string | null;
  end: string | null;
}
const OPEN_WINDOW: ArrivalWindow = { start: null, end: null };

/** Whether a list item belongs in a filtered list; mirrors filterSql() for items computed in memory. */
export function matchesFilter(item: IncomingListItem, filter: IncomingFilter, urgentOnly: boolean, window: ArrivalWindow = OPEN_WINDOW): boolean {
  if (urgentOnly && item.urgency === 'normal') return false;
  if (window.start !== null && item.arrivalDate < window.start) return false;
  if (window.end !== null && item.arrivalDate >= window.end) return false;
  switch (filter) {
    case 'all':
      return true;
    case 'to_process':
      return item.myRole === 'main' && item.status !== 'done';
    case 'cooperate':
      return item.myRole === 'cooperate';
    case 'info':
      return item.myRole === 'info';
    case 'overdue':
      return item.overdue;
    case 'done':
      return item.status === 'done';
    case 'unread':
      return item.unread;
    case 'registered':
      return item.status === 'registered';
    default:
      return false;
  }
}

function filterSql(filter: IncomingFilter, urgentOnly: boolean, window: ArrivalWindow): string[] {
  const where: string[] = [];
  if (urgentOnly) where.push(`urgency IN ('urgent', 'very_urgent', 'flash')`);
  if (window.start !== null) where.push('arrival_date >= @windowStart');
  if (window.end !== null) where.push('arrival_date < @windowEnd');
  switch (filter) {
    case 'all':
      break;
    case 'to_process':
      where.push(`my_role = 'main'`, `status <> 'done'`);
      break;
    case 'cooperate':
      where.push(`my_role = 'cooperate'`);
      break;
    case 'info':
      where.push(`my_role = 'info'`);
      break;
    case 'overdue':
      where.push(`status <> 'done'`, `deadline IS NOT NULL`, `deadline < @today`);
      break;
    case 'done':
      where.push(`status = 'done'`);
      break;
    case 'unread':
      where.push(`unread = 1`);
      break;
    case 'registered':
      where.push(`status = 'registered'`);
      break;
  }
  return where;
}

export interface Keyset {
  arrivalDate: string;
  id: string;
}

export function encodeKeyset(k: Keyset): string {
  return Buffer.from(JSON.stringify([k.arrivalDate, k.id]), 'utf8').toString('base64url');
}

export function decodeKeyset(s: string): Keyset | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return { arrivalDate: v[0], id: v[1] };
  } catch {
    // fall through
  }
  return null;
}

/**
 * The confirmed documents of the signed-in user: rows, search index and file links
 * kept together. Callers own the transactions (a pull page is one).
 */
export class DocumentStore implements LocalKind<IncomingDocument> {
  readonly kind = 'incoming';
  readonly schema = IncomingDocument;
  private readonly stmts;

  /** `org`: the person's unit when the main role went to a person (the dashboard's by-unit figures); null until known. */
  constructor(
    private readonly db: Db,
    private readonly org: () => OrgView | null = () => null,
  ) {
    this.stmts = {
      rowid: db.prepare<[string], { rowid: number }>('SELECT rowid FROM documents WHERE id = ?'),
      upsert: db.prepare(`
        INSERT INTO documents (id, arrival_year, arrival_number, arrival_date, issuer, code_number, code_notation, issued_date,
          document_type, subject, urgency, confidentiality, status, my_role, deadline, unread, dup_key, version, doc_json,
          main_unit_id, main_user_id, main_deadline, done_on)
        VALUES (@id, @arrival_year, @arrival_number, @arrival_date, @issuer, @code_number, @code_notation, @issued_date,
          @document_type, @subject, @urgency, @confidentiality, @status, @my_role, @deadline, @unread, @dup_key, @version, @doc_json,
          @main_unit_id, @main_user_id, @main_deadline, @done_on)
        ON CONFLICT (id) DO UPDATE SET
          arrival_year = excluded.arrival_year, arrival_number = excluded.arrival_number, arrival_date = excluded.arrival_date,
          issuer = excluded.issuer, code_number = excluded.code_number, code_notation = excluded.code_notation,
          issued_date = excluded.issued_date, document_type = excluded.document_type, subject = excluded.subject,
          urgency = excluded.urgency, confidentiality = excluded.confidentiality, status = excluded.status,
          my_role = excluded.my_role, deadline = excluded.deadline, unread = excluded.unread, dup_key = excluded.dup_key,
          version = excluded.version, doc_json = excluded.doc_json, main_unit_id = excluded.main_unit_id,
          main_user_id = excluded.main_user_id, main_deadline = excluded.main_deadline, done_on = excluded.done_on
        RETURNING rowid`),
      ftsDelete: db.prepare<[number]>('DELETE FROM documents_fts WHERE rowid = ?'),
      ftsInsert: db.prepare<[number, string]>('INSERT INTO documents_fts (rowid, body) VALUES (?, ?)'),
      filesDelete: db.prepare<[string]>("DELETE FROM record_files WHERE kind = 'incoming' AND record_id = ?"),
      fileLink: db.prepare("INSERT OR IGNORE INTO record_files (kind, record_id, sha256, name, size, position, sealed) VALUES ('incoming', ?, ?, ?, ?, ?, ?)"),
      fileKnown: db.prepare(`INSERT OR IGNORE INTO files (sha256, size, state, needs_upload) VALUES (?, ?, 'missing', 0)`),
      delete: db.prepare<[string]>('DELETE FROM documents WHERE id = ?'),
      get: db.prepare<[string], { doc_json: string }>('SELECT doc_json FROM documents WHERE id = ?'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM documents'),
      byDupKey: db.prepare<[string], { doc_json: string }>('SELECT doc_json FROM documents WHERE dup_key = ? ORDER BY arrival_date DESC LIMIT 20'),
    };
  }

  put(doc: IncomingDocument, viewer: Viewer): void {
    const existing = this.stmts.rowid.get(doc.id);
    const { rowid } = this.stmts.upsert.get({
      id: doc.id,
      arrival_year: doc.arrivalYear,
      arrival_number: doc.arrivalNumber,
      arrival_date: canonicalInstant(doc.arrivalDate),
      issuer: doc.issuer,
      code_number: doc.codeNumber,
      code_notation: doc.codeNotation,
      issued_date: doc.issuedDate,
      document_type: doc.documentType,
      subject: doc.subject,
      urgency: doc.urgency,
      confidentiality: doc.confidentiality,
      status: doc.status,
      my_role: roleOf(doc, viewer),
      deadline: deadlineFor(doc, viewer),
      unread: doc.readAt === null ? 1 : 0,
      dup_key: duplicateKey(doc),
      version: doc.version,
      doc_json: JSON.stringify(doc),
      ...incomingDeadlineColumns(doc, this.org() ?? undefined),
    }) as { rowid: number };
    if (existing) this.stmts.ftsDelete.run(rowid);
    this.stmts.ftsInsert.run(rowid, searchBody(doc));
    this.stmts.filesDelete.run(doc.id);
    const sealed = doc.confidentiality !== 'normal' ? 1 : 0;
    doc.files.forEach((f, i) => {
      this.stmts.fileLink.run(doc.id, f.sha256, f.name, f.size, i, sealed);
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

  removeAll(): void {
    this.db.exec("DELETE FROM documents_fts; DELETE FROM record_files WHERE kind = 'incoming'; DELETE FROM documents;");
  }

  get(id: string): IncomingDocument | null {
    const r = this.stmts.get.get(id);
    return r ? (JSON.parse(r.doc_json) as IncomingDocument) : null;
  }

  count(): number {
    return this.stmts.count.get()?.n ?? 0;
  }

  /** Every stored document, in chunks (the registers read them all: outgoing.registerBook). */
  *all(): Generator<IncomingDocument> {
    const chunk = this.db.prepare<[string], { id: string; doc_json: string }>('SELECT id, doc_json FROM documents WHERE id > ? ORDER BY id LIMIT 500');
    for (let after = ''; ; ) {
      const rows = chunk.all(after);
      if (rows.length === 0) return;
      for (const r of rows) yield JSON.parse(r.doc_json) as IncomingDocument;
      after = (rows[rows.length - 1] as { id: string }).id;
    }
  }

  /** Re-derive every row's list columns, e.g. after the signed-in user moved to another unit. In chunks: the cache may be large. */
  recomputeAll(viewer: Viewer): void {
    const chunk = this.db.prepare<[string], { id: string; doc_json: string }>('SELECT id, doc_json FROM documents WHERE id > ? ORDER BY id LIMIT 500');
    for (let after = ''; ; ) {
      const rows = chunk.all(after);
      if (rows.length === 0) return;
      for (const r of rows) this.put(JSON.parse(r.doc_json) as IncomingDocument, viewer);
      after = (rows[rows.length - 1] as { id: string }).id;
    }
  }

  /**
   * Fill the dashboard's columns of rows written before they existed (cache step 5),
   * from each row's own JSON: in chunks, each its own transaction, so a kill in the
   * middle resumes where it stopped; done once (the caller keeps a flag).
   */
  fillDeadlineColumns(): void {
    const chunk = this.db.prepare<[string], { id: string; doc_json: string }>('SELECT id, doc_json FROM documents WHERE id > ? ORDER BY id LIMIT 1000');
    const update = this.db.prepare('UPDATE documents SET main_unit_id = @main_unit_id, main_user_id = @main_user_id, main_deadline = @main_deadline, done_on = @done_on WHERE id = @id');
    for (let after = ''; ; ) {
      const rows = chunk.all(after);
      if (rows.length === 0) return;
      this.db.transaction(() => {
        for (const r of rows) update.run({ id: r.id, ...incomingDeadlineColumns(JSON.parse(r.doc_json) as IncomingDocument, this.org() ?? undefined) });
      })();
      after = (rows[rows.length - 1] as { id: string }).id;
    }
  }

  /** Statements built from filters, prepared once per shape. */
  private readonly prepared = new Map<string, Statement>();
  private prepare(sql: string): Statement {
    let st = this.prepared.get(sql);
    if (!st) this.prepared.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  listPage(opts: { filter: IncomingFilter; urgentOnly: boolean; window?: ArrivalWindow; after: Keyset | null; limit: number; now: Date }): { rows: DocumentRow[]; total: number } {
    const window = opts.window ?? OPEN_WINDOW;
    const where = filterSql(opts.filter, opts.urgentOnly, window);
    const params: Record<string, string | number> = { limit: opts.limit };
    if (window.start !== null) params.windowStart = window.start;
    if (window.end !== null) params.windowEnd = window.end;
    if (opts.filter === 'overdue') params.today = vnToday(opts.now);
    const countSql = `SELECT count(*) AS n FROM documents${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const total = (this.prepare(countSql).get(params) as { n: number }).n;
    const pageWhere = [...where];
    if (opts.after) {
      pageWhere.push('(arrival_date < @afterDate OR (arrival_date = @afterDate AND id < @afterId))');
      params.afterDate = opts.after.arrivalDate;
      params.afterId = opts.after.id;
    }
    const sql = `SELECT ${LIST_COLUMNS} FROM documents${pageWhere.length ? ` WHERE ${pageWhere.join(' AND ')}` : ''}
      ORDER BY arrival_date DESC, id DESC LIMIT @limit`;
    return { rows: this.prepare(sql).all(params) as DocumentRow[], total };
  }

  rowsByIds(ids: readonly string[]): DocumentRow[] {
    if (ids.length === 0) return [];
    return this.db.prepare(`SELECT ${LIST_COLUMNS} FROM documents WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as DocumentRow[];
  }

  /**
   * Full-text search, best matches first. Ranking with bm25 costs in proportion to
   * the number of matches, so a near-universal word falls back to newest-first.
   */
  search(terms: readonly string[], limit: number): DocumentRow[] {
    const match = ftsMatchExpression(terms);
    if (match === null) return [];
    const RANK_CAP = 5000;
    const matches = (this.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT ?)').get(match, RANK_CAP + 1) as { n: number }).n;
    const sql =
      matches <= RANK_CAP
        ? `SELECT ${LIST_COLUMNS.split(', ').map((c) => `d.${c}`).join(', ')} FROM documents_fts f JOIN documents d ON d.rowid = f.rowid
           WHERE documents_fts MATCH ? ORDER BY f.rank, d.arrival_date DESC LIMIT ?`
        : `SELECT ${LIST_COLUMNS.split(', ').map((c) => `d.${c}`).join(', ')} FROM documents d
           WHERE d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?) ORDER BY d.arrival_date DESC, d.id DESC LIMIT ?`;
    return this.prepare(sql).all(match, limit) as DocumentRow[];
  }

  byDuplicateKey(key: string): IncomingDocument[] {
    return this.stmts.byDupKey.all(key).map((r) => JSON.parse(r.doc_json) as IncomingDocument);
  }

  /** Documents whose files are worth fetching ahead of time: urgent ones and those that arrived recently. */
  prefetchCandidates(sinceIso: string, limit: number): { sha256: string; size: number }[] {
    return this.db
      .prepare(
        `SELECT DISTINCT df.sha256 AS sha256, df.size AS size
           FROM documents d JOIN record_files df ON df.kind = 'incoming' AND df.record_id = d.id JOIN files f ON f.sha256 = df.sha256
          WHERE f.state <> 'complete' AND (d.urgency <> 'normal' OR d.arrival_date >= ?)
          ORDER BY d.arrival_date DESC LIMIT ?`,
      )
      .all(sinceIso, limit) as { sha256: string; size: number }[];
  }

  fileRef(sha256: string): { size: number } | null {
    return (this.db.prepare('SELECT size FROM record_files WHERE sha256 = ? LIMIT 1').get(sha256) as { size: number } | undefined) ?? null;
  }
}
