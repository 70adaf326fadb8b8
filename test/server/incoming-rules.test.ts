/**
 * Decree 30 rules the server enforces on incoming documents, over HTTP (issue #7):
 * the arrival date and register year follow the time the clerk registered, not the
 * time the server applied it; "not in the past" checks use the time of the action;
 * a computer's clock is trusted only within a window; the dates of a registration
 * are checked by the server, not only by the form; duplicates are found by number,
 * symbol, issuer and issue year, whatever dash the symbol was typed with; and a
 * document type is stored with one spelling.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metadata, PushClient } from '../helpers/api.js';
import { UNITS } from '../helpers/fixtures.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { Clock, DAY, expectErrorBody, expectRejected, loginAll, MINUTE, storedState } from './support.js';

describe.each(BACKENDS)('incoming rules of Decree 30 on the server (%s)', (backend) => {
  let s: TestServer;
  let c: Record<'vanthu' | 'chutich', PushClient>;
  let t: Record<'vanthu' | 'chutich', string>;
  // 10:00 on Thursday 31 December 2026 in Kon Tum.
  const clock = new Clock('2026-12-31T03:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    t = await loginAll(s.url, ['vanthu', 'chutich']);
    c = { vanthu: new PushClient(s.url, t.vanthu), chutich: new PushClient(s.url, t.chutich) };
  });
  afterAll(async () => s?.close());

  const register = async (cl: PushClient, createdAt: string | null, meta: Parameters<typeof metadata>[0] = {}) => {
    const documentId = randomUUID();
    const r = await cl.send('incoming.register', { documentId, metadata: metadata({ issuedDate: '2026-12-28', ...meta }), files: [] }, undefined, createdAt);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return { documentId, result: r.body.results[0] };
  };

  it('a document registered offline on 31/12 and synced on 02/01 keeps its arrival date and last year’s register', async () => {
    clock.set('2026-12-31T03:00:00Z');
    const before = await register(c.vanthu, clock.iso());
    const last2026 = (await storedState(s, before.documentId)).arrivalNumber;
    // The clerk registers at 16:30 on 31 December with no network…
    const registeredAt = '2026-12-31T09:30:00.000Z';
    // …and the computer syncs at 08:00 on 2 January, after a registration of the new year.
    clock.set('2027-01-02T01:00:00Z');
    const newYear = await register(new PushClient(s.url, t.vanthu), clock.iso());
    const late = await register(c.vanthu, registeredAt);
    expect(late.result).toEqual({ id: late.result.id, status: 'applied' });

    const doc = await storedState(s, late.documentId);
    expect(doc).toMatchObject({ arrivalYear: 2026, arrivalNumber: last2026 + 1, arrivalDate: registeredAt });
    expect(doc.history[0]).toMatchObject({ action: 'registered', at: registeredAt });
    // The document records when the server applied it.
    expect(doc.updatedAt).toBe('2027-01-02T01:00:00.000Z');
    expect(await storedState(s, newYear.documentId)).toMatchObject({ arrivalYear: 2027, arrivalNumber: 1 });
  });

  it('a deadline that was not in the past when the leader assigned it is accepted when it syncs later', async () => {
    clock.set('2026-12-31T03:00:00Z');
    const { documentId } = await register(c.vanthu, clock.iso());
    const assignedAt = '2026-12-31T08:00:00.000Z'; // 15:00 on 31 December
    clock.set('2027-01-02T01:00:00Z');
    const r = await c.chutich.send(
      'incoming.assign',
      { documentId, instruction: '', assignments: [{ id: randomUUID(), role: 'main', unitId: UNITS.economy.id, userId: null, deadline: '2026-12-31' }] },
      undefined,
      assignedAt,
    );
    expect(r.body.results[0], JSON.stringify(r.body)).toEqual({ id: r.body.results[0].id, status: 'applied' });
    const doc = await storedState(s, documentId);
    expect(doc.assignments[0]).toMatchObject({ deadline: '2026-12-31', assignedAt });
    // The same deadline set today, on 2 January, is in the past.
    const again = await c.chutich.send('incoming.assign', {
      documentId: (await register(c.vanthu, clock.iso())).documentId,
      instruction: '',
      assignments: [{ id: randomUUID(), role: 'main', unitId: UNITS.economy.id, userId: null, deadline: '2026-12-31' }],
    });
    expectRejected(again, 'deadline_invalid');
  });

  it('a computer clock far ahead or a change older than 30 days is dated by the server, and the result says so', async () => {
    clock.set('2027-01-04T02:00:00Z');
    const ahead = await register(c.vanthu, new Date(clock.now().getTime() + 10 * MINUTE).toISOString());
    expect(ahead.result.status).toBe('applied');
    expectErrorBody(ahead.result.warnings[0], 'action_time_adjusted');
    expect(ahead.result.warnings[0].message.vi).toContain('04/01/2027 09:00');
    expect((await storedState(s, ahead.documentId)).arrivalDate).toBe(clock.iso());

    const stale = await register(c.vanthu, new Date(clock.now().getTime() - 31 * DAY).toISOString());
    expectErrorBody(stale.result.warnings[0], 'action_time_adjusted');
    expect(await storedState(s, stale.documentId)).toMatchObject({ arrivalDate: clock.iso(), arrivalYear: 2027 });

    // A few minutes of drift is tolerated, never dated later than the server's clock.
    const drift = await register(c.vanthu, new Date(clock.now().getTime() + 2 * MINUTE).toISOString());
    expect(drift.result).toEqual({ id: drift.result.id, status: 'applied' });
    expect((await storedState(s, drift.documentId)).arrivalDate).toBe(clock.iso());
  });

  it('a mutation queued by an older client without a time is applied at the server’s time', async () => {
    clock.set('2027-01-04T03:00:00Z');
    const old = await register(c.vanthu, null);
    expect(old.result).toEqual({ id: old.result.id, status: 'applied' });
    expect((await storedState(s, old.documentId)).arrivalDate).toBe(clock.iso());
  });

  it('refuses an issue date after the day of registration and a due date before the issue date, in Vietnamese and English', async () => {
    clock.set('2027-01-04T03:00:00Z');
    const future = await register(c.vanthu, clock.iso(), { issuedDate: '2027-01-05' });
    expect(future.result.status).toBe('rejected');
    expectErrorBody(future.result.error, 'issued_date_future');
    expect(future.result.error.message.vi).toBe('Ngày văn bản (05/01/2027) không được sau ngày vào sổ (04/01/2027).');
    const due = await register(c.vanthu, clock.iso(), { issuedDate: '2027-01-03', dueDate: '2027-01-02' });
    expectErrorBody(due.result.error, 'due_before_issued');
    expect(due.result.error.message.en).toBe('The due date (02/01/2027) may not be before the issue date (03/01/2027).');
    // Issued the same day, due the same day: fine.
    const ok = await register(c.vanthu, clock.iso(), { issuedDate: '2027-01-04', dueDate: '2027-01-04' });
    expect(ok.result.status).toBe('applied');
  });

  it('finds a duplicate with a mistyped issue date of the same year, or typed with an en dash; not one of another year', async () => {
    clock.set('2027-01-04T03:00:00Z');
    const original = { codeNumber: '12', codeNotation: 'QĐ-UBND', issuer: 'Ủy ban nhân dân tỉnh Gia Lai', issuedDate: '2027-01-02' };
    const first = await register(c.vanthu, clock.iso(), original);
    for (const v of [{ issuedDate: '2027-01-03' }, { codeNotation: 'QĐ–UBND' }, { codeNotation: 'QĐ — UBND', issuer: 'UỶ BAN NHÂN DÂN TỈNH GIA LAI' }]) {
      const r = await register(c.vanthu, clock.iso(), { ...original, ...v });
      expect(r.result.warnings?.[0]?.code, JSON.stringify(v)).toBe('duplicate_document');
      expect(r.result.warnings[0].details.duplicates.map((d: { id: string }) => d.id)).toContain(first.documentId);
    }
    const lastYear = await register(c.vanthu, clock.iso(), { ...original, issuedDate: '2026-12-30' });
    expect(lastYear.result).toEqual({ id: lastYear.result.id, status: 'applied' });
  });

  it('keeps the symbol’s case and stores one spelling of a known document type', async () => {
    clock.set('2027-01-04T03:00:00Z');
    const { documentId } = await register(c.vanthu, clock.iso(), { codeNotation: 'TTr-UBND', documentType: 'Giấy uỷ quyền' });
    expect(await storedState(s, documentId)).toMatchObject({ codeNotation: 'TTr-UBND', documentType: 'Giấy ủy quyền' });
  });
});
