/**
 * The incoming register's arrival numbers (số đến): sequential per agency and per
 * year, with no gap or repeat under concurrency, restarting on 1 January in
 * Vietnam time; and the clerk's duplicate warning (DOMAIN.md §3, §5).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateCheckResponse } from '../../src/shared/sync/protocol.js';
import { http, metadata, PushClient } from '../helpers/api.js';
import { U } from '../helpers/fixtures.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { Clock, DAY, expectError, expectErrorBody, expectRejected, loginAll, pullDocs, storedState } from './support.js';

describe.each(BACKENDS)('arrival numbers and duplicates (%s)', (backend) => {
  let s: TestServer;
  let t: Record<'vanthu' | 'chutich', string>;
  const clock = new Clock('2026-11-25T02:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    t = await loginAll(s.url, ['vanthu', 'chutich']);
  });
  afterAll(async () => s?.close());

  const numbersOf = async () =>
    [...(await pullDocs(s.url, t.vanthu)).docs.values()].map((d) => ({ id: d.id, year: d.arrivalYear, number: d.arrivalNumber, date: d.arrivalDate }));

  it('20 concurrent registrations from 20 clients get exactly the numbers 1 to 20', async () => {
    const clients = Array.from({ length: 20 }, () => new PushClient(s.url, t.vanthu));
    const ids = await Promise.all(clients.map((cl, i) => cl.register({ subject: `Văn bản đồng thời số ${i + 1}` })));
    expect(new Set(ids).size).toBe(20);
    const docs = await numbersOf();
    expect(docs).toHaveLength(20);
    expect(docs.map((d) => d.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(docs.map((d) => d.year))).toEqual(new Set([2026]));
    const counter = (await s.server.db.query<{ year: number; last_number: number }>('SELECT year, last_number FROM arrival_counters')).rows;
    expect(counter).toEqual([{ year: 2026, last_number: 20 }]);
  });

  it('a refused registration does not use up an arrival number', async () => {
    const cl = new PushClient(s.url, t.vanthu);
    const missing = { sha256: 'f'.repeat(64), name: 'thiếu.pdf', size: 1234, mime: 'application/pdf' };
    expectRejected(await cl.send('incoming.register', { documentId: randomUUID(), metadata: metadata(), files: [missing] }), 'file_missing');
    const dup = randomUUID();
    await cl.apply('incoming.register', { documentId: dup, metadata: metadata(), files: [] });
    // The same document id again (a second device re-sending it) is refused, not numbered twice.
    expectRejected(await new PushClient(s.url, t.vanthu).send('incoming.register', { documentId: dup, metadata: metadata(), files: [] }), 'document_exists');
    const id = await cl.register();
    const byId = new Map((await numbersOf()).map((d) => [d.id, d.number]));
    expect(byId.get(dup)).toBe(21);
    expect(byId.get(id)).toBe(22);
  });

  describe('duplicate warning', () => {
    const original = { codeNumber: '15', codeNotation: 'QĐ-UBND', issuer: 'Sở Tài chính tỉnh Kon Tum', issuedDate: '2026-11-20' };
    let first: string;

    beforeAll(async () => {
      first = await new PushClient(s.url, t.vanthu).register(original);
    });

    it('registering the same number, symbol, issuer and issue date again is applied with a warning naming the earlier document', async () => {
      const cl = new PushClient(s.url, t.vanthu);
      const firstDoc = await storedState(s, first);
      expect(firstDoc.duplicateOf).toEqual([]);

      const second = randomUUID();
      const r = await cl.send('incoming.register', { documentId: second, metadata: metadata(original), files: [] });
      expect(r.status).toBe(200);
      const res = r.body.results[0];
      expect(res.status).toBe('applied');
      expect(res.warnings).toHaveLength(1);
      expectErrorBody(res.warnings[0], 'duplicate_document');
      expect(res.warnings[0].details).toEqual({ duplicates: [{ id: first, arrivalNumber: firstDoc.arrivalNumber, arrivalYear: 2026 }] });

      const doc = (await pullDocs(s.url, t.vanthu)).docs.get(second)!;
      expect(doc.duplicateOf).toEqual([first]);
      expect(doc.arrivalNumber).toBe(firstDoc.arrivalNumber + 1);
      expect(doc.history.map((h) => h.action)).toEqual(['registered', 'duplicate_warning']);
      expect(doc.history[1]).toMatchObject({ actorId: U.vanthu.id, details: { duplicateOf: [first] } });
      // The earlier document is left as it was.
      expect(await storedState(s, first)).toEqual(firstDoc);
    });

    it('the warning sees through case, spacing and accents in the issuer and symbol, đ typed as d, and a leading zero', async () => {
      const cl = new PushClient(s.url, t.vanthu);
      const variants = [
        { codeNumber: ' 15 ', codeNotation: 'qđ-ubnd', issuer: 'SỞ TÀI CHÍNH TỈNH KON TUM', issuedDate: '2026-11-20' },
        { codeNumber: '15', codeNotation: 'QĐ - UBND', issuer: '  Sở  Tài chính   tỉnh Kon Tum ', issuedDate: '2026-11-20' },
        { codeNumber: '15', codeNotation: 'Qđ-Ubnd', issuer: 'Sở Tài chính tỉnh Kon Tum'.normalize('NFD'), issuedDate: '2026-11-20' },
        { codeNumber: '15', codeNotation: 'QĐ-UBND', issuer: 'So Tai chinh tinh Kon Tum', issuedDate: '2026-11-20' },
        // Typed on a keyboard without Vietnamese, and with the customary leading zero.
        { codeNumber: '015', codeNotation: 'QD-UBND', issuer: 'So Tai chinh tinh Kon Tum', issuedDate: '2026-11-20' },
      ];
      for (const v of variants) {
        const r = await cl.send('incoming.register', { documentId: randomUUID(), metadata: metadata(v), files: [] });
        expect(r.body.results[0].status).toBe('applied');
        expect(r.body.results[0].warnings?.[0]?.code, JSON.stringify(v)).toBe('duplicate_document');
        expect(r.body.results[0].warnings[0].details.duplicates.map((d: any) => d.id)).toContain(first);
      }
    });

    it('a different issue year, issuer, number or symbol is not a duplicate', async () => {
      const cl = new PushClient(s.url, t.vanthu);
      const others = [
        { ...original, issuedDate: '2025-11-20' },
        { ...original, issuer: 'Sở Tư pháp tỉnh Kon Tum' },
        { ...original, codeNumber: '16' },
        { ...original, codeNotation: 'QĐ-STC' },
      ];
      for (const o of others) {
        const id = randomUUID();
        const r = await cl.send('incoming.register', { documentId: id, metadata: metadata(o), files: [] });
        expect(r.body.results[0], JSON.stringify(o)).toEqual({ id: r.body.results[0].id, status: 'applied' });
        expect((await storedState(s, id)).duplicateOf).toEqual([]);
      }
    });

    it('the clerk can check for duplicates before registering', async () => {
      const key = { codeNumber: '77', codeNotation: 'TB-VPCP', issuer: 'Văn phòng Chính phủ', issuedDate: '2026-11-18' };
      const cl = new PushClient(s.url, t.vanthu);
      const a = await cl.register(key);
      const b = await cl.register({ ...key, codeNotation: 'tb-vpcp', issuer: 'VĂN PHÒNG CHÍNH PHỦ' });
      const r = await http(s.url, 'POST', '/incoming/duplicates', {
        token: t.vanthu,
        json: { codeNumber: '77', codeNotation: 'Tb - Vpcp', issuer: 'van phong chinh phu', issuedDate: '2026-11-18' },
      });
      expect(r.status).toBe(200);
      const body = DuplicateCheckResponse.parse(r.body);
      // Both, in register order, with what the clerk needs to recognise them.
      expect(body.duplicates.map((d) => d.id)).toEqual([a, b]);
      const stored = await storedState(s, a);
      expect(body.duplicates[0]).toEqual({ id: a, arrivalNumber: stored.arrivalNumber, arrivalYear: 2026, arrivalDate: stored.arrivalDate, subject: stored.subject });
      expect(body.duplicates[1]!.arrivalNumber).toBe(stored.arrivalNumber + 1);

      const none = await http(s.url, 'POST', '/incoming/duplicates', { token: t.vanthu, json: { ...original, issuedDate: '2024-11-20' } });
      expect(none.status).toBe(200);
      expect(none.body).toEqual({ duplicates: [] });

      expectError(await http(s.url, 'POST', '/incoming/duplicates', { token: t.chutich, json: original }), 403, 'not_clerk');
      expectError(await http(s.url, 'POST', '/incoming/duplicates', { json: original }), 401, 'unauthenticated');
    });
  });

  it('numbering restarts at 1 on 1 January, Vietnam time', async () => {
    const cl = new PushClient(s.url, t.vanthu);
    const before = Math.max(0, ...(await numbersOf()).filter((d) => d.year === 2026).map((d) => d.number));
    // 23:59 on 31 December in Vietnam is 16:59 UTC: still last year's register.
    clock.set('2026-12-31T16:59:00.000Z');
    const late = await cl.register({ subject: 'Văn bản đến cuối năm' });
    // 00:01 on 1 January in Vietnam (17:01 UTC on 31 December).
    clock.set('2026-12-31T17:01:00.000Z');
    const early1 = await cl.register({ subject: 'Văn bản đến đầu năm' });
    const early2 = await cl.register({ subject: 'Văn bản đến đầu năm (2)' });
    const docs = new Map((await numbersOf()).map((d) => [d.id, d]));
    expect(docs.get(late)).toMatchObject({ year: 2026, number: before + 1, date: '2026-12-31T16:59:00.000Z' });
    expect(docs.get(early1)).toMatchObject({ year: 2027, number: 1, date: '2026-12-31T17:01:00.000Z' });
    expect(docs.get(early2)).toMatchObject({ year: 2027, number: 2 });
    const counters = (await s.server.db.query<{ year: number; last_number: number }>('SELECT year, last_number FROM arrival_counters ORDER BY year')).rows;
    expect(counters).toEqual([
      { year: 2026, last_number: before + 1 },
      { year: 2027, last_number: 2 },
    ]);
  });

  // Several instances can only share a real PostgreSQL (PGlite lives inside one process).
  if (backend === 'postgres')
    it('two server instances sharing one PostgreSQL never hand out the same number', async () => {
    clock.set('2027-03-01T02:00:00Z');
    const other = await startTestServer({ dataDir: s.dataDir, backend, now: clock.now, sessionTtlMs: 365 * DAY, port: 0 });
    try {
      const tOther = (await loginAll(other.url, ['vanthu'])).vanthu;
      const clients = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? new PushClient(s.url, t.vanthu) : new PushClient(other.url, tOther)));
      const ids = await Promise.all(clients.map((cl) => cl.register()));
      const docs = new Map((await numbersOf()).map((d) => [d.id, d]));
      const numbers = ids.map((id) => docs.get(id)!.number).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    } finally {
      await other.close();
    }
  });
});
