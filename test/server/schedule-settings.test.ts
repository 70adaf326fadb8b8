/**
 * The agency's schedule settings (issue #9) against the real server, on PGlite and PostgreSQL:
 * only the administrator reads and changes them; the office must be a unit of the agency and
 * room ids unique; a change bumps the organisation's version, so every client reads `schedule`
 * in the organisation; and who sees the requests follows the office: without one the agency's
 * leaders compile, with one its members see every request, and another office takes over.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Organisation } from '../../src/shared/model/organisation.js';
import { scheduleWeekId } from '../../src/shared/schedule/week.js';
import { http, PushClient } from '../helpers/api.js';
import { FIXTURE_ORG, UNITS } from '../helpers/fixtures.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { pullSchedule } from './scheduleSupport.js';
import { Clock, DAY, EventStream, expectError, expectRejected, loginAll } from './support.js';

const USERS = ['vanthu', 'chutich', 'cv.kinhte1', 'cv.kinhte2', 'cv.noichinh', 'quantri'] as const;
type User = (typeof USERS)[number];

describe.each(BACKENDS)('the schedule settings (%s)', (backend) => {
  let s: TestServer;
  let t: Record<User, string>;
  const clock = new Clock('2026-11-25T02:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    t = await loginAll(s.url, USERS);
  });
  afterAll(async () => s?.close());

  const org = async (u: User): Promise<Organisation> => {
    const r = await http(s.url, 'GET', '/org', { token: t[u] });
    expect(r.status).toBe(200);
    return Organisation.parse(r.body);
  };
  const put = (u: User, json: unknown) => http(s.url, 'PUT', '/admin/schedule-settings', { token: t[u], json });

  it('only the administrator reads and sets them; a valid office and unique rooms; the organisation carries them from then on, at a new version', async () => {
    const first = await org('cv.kinhte1');
    expect(first.schedule).toBeUndefined();
    expect((await http(s.url, 'GET', '/admin/schedule-settings', { token: t.quantri })).body).toEqual({ officeUnitId: null, rooms: [] });

    const room = { id: randomUUID(), name: 'Phòng họp số 1', capacity: 30 };
    const good = { officeUnitId: UNITS.office.id, rooms: [room] };
    for (const u of ['vanthu', 'chutich', 'cv.kinhte1'] as const) {
      expectError(await http(s.url, 'GET', '/admin/schedule-settings', { token: t[u] }), 403, 'forbidden');
      expectError(await put(u, good), 403, 'forbidden');
    }
    expectError(await http(s.url, 'GET', '/admin/schedule-settings'), 401, 'unauthenticated');
    expectError(await put('quantri', { ...good, officeUnitId: randomUUID() }), 400, 'validation_failed');
    expectError(await put('quantri', { ...good, rooms: [room, { ...room, name: 'Phòng họp số 2' }] }), 400, 'validation_failed');
    expectError(await put('quantri', { ...good, rooms: [{ ...room, name: '' }] }), 400, 'validation_failed');
    expectError(await put('quantri', { ...good, extra: true }), 400, 'validation_failed');
    expect((await org('cv.kinhte1')).version).toBe(first.version);

    const stream = await EventStream.open(s.url, t['cv.noichinh']);
    try {
      await stream.untilPokes(1);
      const r = await put('quantri', good);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toEqual(good);
      // Everyone is told to pull: their next pull says the organisation changed.
      await stream.untilPokes(2);
    } finally {
      await stream.close();
    }
    const after = await org('cv.noichinh');
    expect(after.version).toBe(first.version + 1);
    expect(after.schedule).toEqual(good);
    const page = await http(s.url, 'POST', '/sync/pull', { token: t['cv.noichinh'], json: { clientId: randomUUID(), cursor: null, limit: 10, protocol: 2, kinds: ['schedule'] } });
    expect(page.body.orgVersion).toBe(after.version);
    expect((await http(s.url, 'GET', '/admin/schedule-settings', { token: t.quantri })).body).toEqual(good);

    // The same settings again change nothing.
    expect((await put('quantri', good)).status).toBe(200);
    expect((await org('chutich')).version).toBe(after.version);
  });

  it('who sees the requests follows the office: the agency leaders without one, its members with one, the new office\'s after a change', async () => {
    // Start from no office at all (a fresh agency's state is NULL; an explicit null office is the same rule).
    expect((await put('quantri', { officeUnitId: null, rooms: [] })).status).toBe(200);
    const entryId = randomUUID();
    const week = '2026-11-30';
    await new PushClient(s.url, t['cv.kinhte1']).apply('schedule.request', { entryId, date: '2026-12-01', part: 'morning', content: 'Họp giao ban Phòng Kinh tế với lãnh đạo' });
    // No office: the agency's leader compiles and submits; the clerk of Văn phòng sees nothing.
    const clerk = await pullSchedule(s.url, t.vanthu);
    expect(clerk.records.has(entryId)).toBe(false);
    expect((await pullSchedule(s.url, t.chutich)).records.has(entryId)).toBe(true);
    expectRejected(await new PushClient(s.url, t.vanthu).send('schedule.accept', { entryId }), 'schedule_entry_not_found');
    await new PushClient(s.url, t.chutich).apply('schedule.submitWeek', { weekId: scheduleWeekId(FIXTURE_ORG.agency.id, week), weekStart: week });

    // Văn phòng becomes the office: its clerk gains the request from where its desktop was.
    expect((await put('quantri', { officeUnitId: UNITS.office.id, rooms: [] })).status).toBe(200);
    const gained = await pullSchedule(s.url, t.vanthu, clerk.cursor);
    expect(gained.records.get(entryId)).toMatchObject({ status: 'requested' });
    expect((await pullSchedule(s.url, t['cv.kinhte2'])).records.has(entryId)).toBe(false);
    await new PushClient(s.url, t.vanthu).apply('schedule.update', { entryId, patch: { place: 'Phòng họp tầng 2' } });

    // Phòng Kinh tế takes over: Văn phòng loses the request, the unit's other specialist gains it.
    const before = await pullSchedule(s.url, t.vanthu);
    expect((await put('quantri', { officeUnitId: UNITS.economy.id, rooms: [] })).status).toBe(200);
    const lost = await pullSchedule(s.url, t.vanthu, before.cursor);
    expect(lost.removed).toEqual([entryId]);
    expect((await pullSchedule(s.url, t['cv.kinhte2'])).records.get(entryId)).toMatchObject({ place: 'Phòng họp tầng 2' });
    expectRejected(await new PushClient(s.url, t.vanthu).send('schedule.update', { entryId, patch: { place: 'Hội trường' } }), 'schedule_entry_not_found');
  });
});
