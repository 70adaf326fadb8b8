/**
 * The outgoing lists as the cache answers them (core/outgoing/store.ts, list.ts): each user's
 * lists hold exactly what the shared rights say (rights.ts outgoingViewsOf), pages follow one
 * another without gaps or repeats, the filters and the accent-insensitive search find what a
 * clerk types, and the lists of 100,000 documents are read off their own indexes.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrations.js';
import type { Db } from '../../src/main/core/db/open.js';
import { queryTerms, ftsMatchExpression } from '../../src/main/core/db/search.js';
import { inView, outgoingRowOf, ROW_COLUMNS } from '../../src/main/core/outgoing/list.js';
import { OutgoingStore } from '../../src/main/core/outgoing/store.js';
import { OUTGOING_VIEWS, type OutgoingListName } from '../../src/shared/outgoing/constants.js';
import { outgoingViewsOf } from '../../src/shared/outgoing/rights.js';
import type { OutgoingDocument } from '../../src/shared/outgoing/model.js';
import type { UserSummary } from '../../src/shared/model/organisation.js';
import { OUTGOING_ORG, outgoingWorld, Q, REGISTER_SECRET, REGISTER_SHARED } from '../helpers/outgoingWorld.js';
import { UNITS } from '../helpers/fixtures.js';
import { nextId, sha } from '../helpers/taskWorld.js';

function openCache(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

const certificate = (subject: string) => ({
  subject,
  organisation: 'Ủy ban nhân dân tỉnh Kon Tum',
  issuer: 'CA thử nghiệm Chính phủ',
  serial: '1a2b',
  sha256: sha(77),
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2028-01-01T00:00:00.000Z',
});
const pdf = (n: number) => ({ sha256: sha(n), name: `du-thao-${n}.pdf`, size: 1000 + n, mime: 'application/pdf' });

/** A document taken by the rules as far as `until`, on `day` (09:00 Vietnam time). */
function make(w: ReturnType<typeof outgoingWorld>, o: { until: 'drafting' | 'reviewing' | 'to_sign' | 'to_issue' | 'numbered' | 'issued' | 'revoked' | 'cancelled'; author?: UserSummary; subject?: string; day?: string; documentType?: string; urgency?: 'normal' | 'urgent'; secret?: boolean }): OutgoingDocument {
  const author = o.author ?? Q.cv1;
  const leader = author.unitId === UNITS.economy.id ? Q.tpKinhte : Q.tpNoichinh;
  const id = nextId();
  let t = new Date(`${o.day ?? '2026-11-02'}T02:00:00.000Z`).getTime();
  const now = (): Date => new Date((t += 60_000));
  let d = w.act(author, 'outgoing.create', {
    documentId: id,
    fields: {
      documentType: o.documentType ?? 'Công văn',
      subject: o.subject ?? `Về việc báo cáo tình hình ${id.slice(-4)}`,
      draftingUnitId: author.unitId,
      urgency: o.urgency ?? 'normal',
      confidentiality: o.secret ? 'secret' : 'normal',
      recipients: [
        { id: nextId(), kind: 'unit', unitId: UNITS.internal.id, name: 'Phòng Nội chính' },
        { id: nextId(), kind: 'mail', name: 'Sở Tài chính', email: 'stc@kontum.gov.vn' },
        { id: nextId(), kind: 'archive', name: 'Lưu: VT' },
      ],
    },
    file: pdf(Number.parseInt(id.slice(-6), 10)),
  }, now());
  if (o.until === 'drafting') return d;
  if (o.until === 'cancelled') return w.act(author, 'outgoing.cancel', { documentId: id, reason: 'Không cần nữa' }, now());
  d = w.act(author, 'outgoing.submit', { documentId: id, route: [{ stepId: nextId(), kind: 'review', userId: leader.id }, { stepId: nextId(), kind: 'sign', userId: Q.chutich.id }] }, now());
  if (o.until === 'reviewing') return d;
  d = w.act(leader, 'outgoing.approve', { documentId: id }, now());
  if (o.until === 'to_sign') return d;
  d = w.act(Q.chutich, 'outgoing.sign', { documentId: id, file: pdf(900_000 + Number.parseInt(id.slice(-6), 10)), certificate: certificate('Trần Văn Đức'), keyStore: 'file' }, now());
  if (o.until === 'to_issue') return d;
  d = w.act(Q.vanthu, 'outgoing.issue', { documentId: id }, now());
  if (o.until === 'numbered') return d;
  d = w.act(Q.vanthu, 'outgoing.seal', { documentId: id, file: pdf(800_000 + Number.parseInt(id.slice(-6), 10)), certificate: certificate('Ủy ban nhân dân tỉnh Kon Tum'), keyStore: 'file' }, now());
  if (o.until === 'issued') return d;
  return w.act(Q.vanthu, 'outgoing.revoke', { documentId: id, reason: 'Ban hành sai thẩm quyền' }, now());
}

const ids = (rows: readonly { id: string }[]): string[] => rows.map((r) => r.id);
const page = (store: OutgoingStore, view: OutgoingListName, more: Partial<Parameters<OutgoingStore['listPage']>[0]> = {}) =>
  store.listPage({ view, filter: { documentType: null, urgency: null, registerId: null, year: null }, match: null, cursor: null, limit: 500, ...more });

describe('the outgoing lists of each user', () => {
  const w = outgoingWorld();
  const all: OutgoingDocument[] = [];
  beforeAll(() => {
    const statuses = ['drafting', 'reviewing', 'to_sign', 'to_issue', 'numbered', 'issued', 'revoked', 'cancelled'] as const;
    statuses.forEach((until, i) => {
      all.push(make(w, { until, day: `2026-11-${String(2 + i).padStart(2, '0')}` }));
      all.push(make(w, { until, author: Q.cvNoichinh, day: `2026-10-${String(2 + i).padStart(2, '0')}` }));
    });
    all.push(make(w, { until: 'issued', secret: true, subject: 'Kế hoạch bảo vệ bí mật nhà nước', day: '2026-11-20' }));
  });

  it('hold exactly what the shared rights give each user, newest first, with badges that add up', () => {
    for (const u of [Q.cv1, Q.cv2, Q.tpKinhte, Q.chutich, Q.vanthu, Q.tpNoichinh, Q.cvNoichinh]) {
      const store = new OutgoingStore(openCache(), () => OUTGOING_ORG);
      const seen = w.visibleTo(u);
      for (const d of seen) store.put(d, u);
      const counts = store.counts();
      for (const view of OUTGOING_VIEWS) {
        const want = seen
          .filter((d) => view === 'all' || outgoingViewsOf(d, u).has(view))
          .map((d) => outgoingRowOf(d, u))
          .sort((a, b) => (a.sort_at === b.sort_at ? (a.id < b.id ? 1 : -1) : a.sort_at < b.sort_at ? 1 : -1));
        const got = page(store, view);
        expect({ u: u.username, view, ids: ids(got.rows) }).toEqual({ u: u.username, view, ids: ids(want) });
        expect([got.total, counts[view]]).toEqual([want.length, want.length]);
        // The in-memory predicate (documents with pending actions) agrees with the SQL.
        expect(seen.map((d) => outgoingRowOf(d, u)).filter((r) => inView(r, view)).length).toBe(want.length);
      }
    }
  });

  it('give the author their drafts, the reviewer and the signer what waits for them, the clerk what waits for a number', () => {
    const listOf = (u: UserSummary, view: OutgoingListName): string[] => {
      const store = new OutgoingStore(openCache(), () => OUTGOING_ORG);
      for (const d of w.visibleTo(u)) store.put(d, u);
      return page(store, view).rows.map((r) => r.status);
    };
    expect(listOf(Q.cv1, 'mine').sort()).toEqual(['cancelled', 'drafting', 'numbered', 'reviewing', 'to_issue', 'to_sign']);
    expect(listOf(Q.tpKinhte, 'to_review')).toEqual(['reviewing']);
    expect(listOf(Q.chutich, 'to_sign')).toEqual(['to_sign', 'to_sign']);
    expect(listOf(Q.vanthu, 'to_issue').sort()).toEqual(['numbered', 'numbered', 'to_issue', 'to_issue']);
    expect(listOf(Q.chutich, 'issued').sort()).toEqual(['issued', 'issued', 'issued', 'revoked', 'revoked']);
    // Another unit's specialist sees none of Phòng Kinh tế's drafts.
    expect(listOf(Q.cv2, 'all')).toEqual([]);
  });

  it('filter by type, urgency, register and year, and number in the secret register apart', () => {
    const store = new OutgoingStore(openCache(), () => OUTGOING_ORG);
    const w2 = outgoingWorld();
    const a = make(w2, { until: 'issued', documentType: 'Quyết định', day: '2026-03-10' });
    const b = make(w2, { until: 'issued', urgency: 'urgent', day: '2026-04-10' });
    const c = make(w2, { until: 'issued', secret: true, day: '2026-05-10' });
    const d = make(w2, { until: 'drafting', day: '2025-12-30' });
    for (const x of [a, b, c, d]) store.put(x, Q.vanthu);
    const f = (more: Partial<{ documentType: string; urgency: 'urgent'; registerId: string; year: number }>) =>
      ids(page(store, 'all', { filter: { documentType: null, urgency: null, registerId: null, year: null, ...more } }).rows);
    expect(f({ documentType: 'Quyết định' })).toEqual([a.id]);
    expect(f({ urgency: 'urgent' })).toEqual([b.id]);
    expect(f({ registerId: REGISTER_SECRET })).toEqual([c.id]);
    expect(f({ registerId: REGISTER_SHARED })).toEqual([b.id, a.id]);
    // A draft counts in the year it was created; a numbered document in its number's year.
    expect(f({ year: 2025 })).toEqual([d.id]);
    expect(f({ year: 2026 })).toEqual([c.id, b.id, a.id]);
    expect([a.number?.codeNumber, a.number?.codeNotation, b.number?.codeNumber, c.number?.codeNumber]).toEqual(['01', 'QĐ-UBND', '02', '01']);
  });

  it('page newest first without gaps or repeats, and refuse a cursor of another list', () => {
    const store = new OutgoingStore(openCache(), () => OUTGOING_ORG);
    const w3 = outgoingWorld();
    const made = Array.from({ length: 95 }, (_, i) => make(w3, { until: 'drafting', day: `2026-0${1 + (i % 9)}-1${i % 10}` }));
    for (const d of made) store.put(d, Q.cv1);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p = page(store, 'mine', { cursor, limit: 20 });
      seen.push(...ids(p.rows));
      expect(p.total).toBe(95);
      cursor = p.next;
    } while (cursor !== null);
    expect(seen).toEqual(ids(made.map((d) => outgoingRowOf(d, Q.cv1)).sort((a, b) => (a.sort_at === b.sort_at ? (a.id < b.id ? 1 : -1) : a.sort_at < b.sort_at ? 1 : -1))));
    const first = page(store, 'mine', { limit: 20 });
    expect(() => page(store, 'all', { cursor: first.next })).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('find a document without accents, by its number, its signer or a recipient', () => {
    const store = new OutgoingStore(openCache(), () => OUTGOING_ORG);
    const w4 = outgoingWorld();
    const land = make(w4, { until: 'issued', subject: 'V/v rà soát hồ sơ đất đai năm 2026' });
    const other = make(w4, { until: 'to_sign', subject: 'Báo cáo công tác cải cách hành chính' });
    for (const d of [land, other]) store.put(d, Q.chutich);
    const find = (q: string): string[] => ids(store.search(queryTerms(q), 20));
    expect(find('dat dai')).toEqual([land.id]);
    expect(find('ĐẤT ĐAI')).toEqual([land.id]);
    expect(find('ra soat ho so')).toEqual([land.id]);
    expect(find('01/UBND-KT')).toEqual([land.id]);
    expect(find('Duc').sort()).toEqual([land.id, other.id].sort()); // the signer, Trần Văn Đức
    expect(find('so tai chinh').sort()).toEqual([land.id, other.id].sort());
    expect(find('cai cach')).toEqual([other.id]);
    // The list's search is the same index.
    expect(ids(page(store, 'issued', { match: ftsMatchExpression(queryTerms('dat dai')) }).rows)).toEqual([land.id]);
  });
});

describe('100,000 outgoing documents', () => {
  it('read each list’s first page and its count off the list’s own index (no sort, no scan)', () => {
    const db = openCache();
    const store = new OutgoingStore(db, () => OUTGOING_ORG);
    const w = outgoingWorld();
    const kinds = [make(w, { until: 'drafting' }), make(w, { until: 'reviewing' }), make(w, { until: 'to_sign' }), make(w, { until: 'to_issue' }), make(w, { until: 'issued' })];
    const times: string[] = [];
    for (const d of kinds) store.put(d, Q.vanthu);
    // The five rows copied 20,000 times each, ten minutes apart, by SQL: what is measured is the
    // reading, and a sync's writing has its own benchmark.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
       INSERT INTO outgoing_docs (${ROW_COLUMNS}, version, doc_json)
       SELECT printf('1c000000-0000-4000-8000-%012d', n.i), o.status, o.document_type, o.subject || ' số ' || n.i, o.urgency, o.confidentiality,
              o.drafting_unit_id, o.created_by, o.signer_id, o.holder_id, o.number_symbol, o.register_id, o.year,
              CASE WHEN o.issued_at IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', '+' || (n.i * 10) || ' minutes') END,
              o.reply_due_date, o.recipient_count, o.delivered_count, o.to_dispatch_count, o.in_mine, o.in_to_review, o.in_to_sign, o.in_to_issue, o.in_issued,
              strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', '+' || (n.i * 10) || ' minutes'), o.updated_at, o.version, o.doc_json
         FROM n JOIN outgoing_docs o ON o.id = json_extract(?, '$[' || (n.i % 5) || ']')`,
    ).run(JSON.stringify(kinds.map((d) => d.id)));
    for (const d of kinds) store.remove(d.id);
    db.exec('ANALYZE');
    for (const view of OUTGOING_VIEWS) {
      const where = view === 'all' ? '' : `WHERE in_${view} = 1`;
      const plan = (sql: string): string =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
      const first = plan(`SELECT id FROM outgoing_docs ${where} ORDER BY sort_at DESC, id DESC LIMIT 100`);
      const count = plan(`SELECT count(*) FROM outgoing_docs ${where}`);
      const index = view === 'all' ? 'outgoing_docs_by_sort' : `outgoing_docs_${view}`;
      expect(first).toContain(index);
      expect(first).not.toContain('TEMP B-TREE');
      expect(count).toMatch(view === 'all' ? /SCAN outgoing_docs USING COVERING INDEX/u : new RegExp(`USING COVERING INDEX ${index}`, 'u'));
      const t = performance.now();
      const p = page(store, view, { limit: 100 });
      times.push(`${view} ${(performance.now() - t).toFixed(1)} ms`);
      expect(p.rows.length).toBe(view === 'to_review' || view === 'to_sign' || view === 'mine' ? 0 : 100);
    }
    expect(page(store, 'to_issue', { limit: 100 }).total).toBe(20_000);
    if (process.env.OUTGOING_TIMES) console.log(times.join(', '));
  });
});
