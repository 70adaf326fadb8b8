/**
 * The server's schedule slice against its database, below HTTP (schedule.test.ts covers the
 * flows over push and pull): the bulk insert the seed uses writes the rows the runners write —
 * states as the shared rules make them, who sees each record (a published week's entries are
 * everyone's, a request its requester's, its unit leaders' and the office's), files, one
 * change-log put each —, refuses a state clients could not read, and leaves records the runners
 * then continue (a change of a bulk-loaded published entry is the week's next revision).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleContext } from '../../src/shared/domain/ruleContext.js';
import type { Organisation, UserSummary } from '../../src/shared/model/organisation.js';
import {
  addEntry,
  AddEntryArgs,
  approveWeek,
  entryAccessUserIds,
  requestEntry,
  RequestEntryArgs,
  ScheduleRecord,
  scheduleWeekId,
  submitWeek,
  type ScheduleEntry,
  type ScheduleWeek,
} from '../../src/shared/schedule/schemas.js';
import { loadOrganisation } from '../../src/server/org/organisation.js';
import { bulkInsertSchedule, loadEntry, scheduleKind, writeScheduleSettings } from '../../src/server/schedule/index.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';

const AGENCY = FIXTURE_ORG.agency.id;
/** Wednesday 25/11/2026, 09:00 in Vietnam. */
const NOW = new Date('2026-11-25T02:00:00.000Z');
const PC = { agency: { id: AGENCY, orgVersion: 1, secretContentPolicy: null }, now: NOW };
const PUBLISHED = '2026-11-30';
const DRAFT = '2026-12-07';

describe.each(BACKENDS)('schedule store and bulk insert (%s)', (backend) => {
  let s: TestServer;
  let org: Organisation;
  const user = (name: keyof typeof U): UserSummary => org.users.find((u) => u.username === name)!;
  const ctx = (name: keyof typeof U): RuleContext => ({ actor: user(name), org, now: NOW });
  const db = (): TestServer['server']['db'] => s.server.db;
  const seers = async (id: string): Promise<string[]> =>
    (await db().query<{ user_id: string }>("SELECT user_id FROM record_access WHERE record_id = $1 AND kind = 'schedule' ORDER BY user_id", [id])).rows.map((r) => r.user_id);

  beforeAll(async () => {
    s = await startTestServer({ backend });
    const before = await loadOrganisation(db(), AGENCY);
    await db().tx(async (q) => writeScheduleSettings(q, AGENCY, { officeUnitId: UNITS.office.id, rooms: [] }, before));
    org = await loadOrganisation(db(), AGENCY);
  });
  afterAll(async () => s?.close());

  it('writes states, access, files and the change log as saving one record at a time would, and the runners continue from them', async () => {
    const file = { sha256: 'b'.repeat(64), name: 'chương trình.pdf', size: 2048, mime: 'application/pdf' };
    // The blobs are stored before the records that hold them (as the seed does).
    await db().query('INSERT INTO blobs (sha256, size, uploaded_by, created_at) VALUES ($1, $2, NULL, $3)', [file.sha256, file.size, NOW.toISOString()]);
    const line = addEntry(null, AddEntryArgs.parse({ entryId: randomUUID(), date: '2026-12-01', start: '08:00', content: 'Giao ban lãnh đạo UBND tỉnh', files: [file] }), ctx('vanthu'), { week: null, into: null });
    const request = requestEntry(null, RequestEntryArgs.parse({ entryId: randomUUID(), date: '2026-12-02', part: 'afternoon', content: 'Phòng Kinh tế xin lịch báo cáo' }), ctx('cv.kinhte1'), { week: null, into: null });
    const draftLine = addEntry(null, AddEntryArgs.parse({ entryId: randomUUID(), date: '2026-12-08', start: '14:00', content: 'Họp Ban chỉ đạo' }), ctx('vanthu'), { week: null, into: null });
    const submitted = submitWeek(null, { weekId: scheduleWeekId(AGENCY, PUBLISHED), weekStart: PUBLISHED, note: '' }, ctx('vanthu'));
    const published: ScheduleWeek = approveWeek(submitted, { weekId: submitted.id, weekStart: PUBLISHED, note: '' }, ctx('chutich'));
    const draftWeek = submitWeek(null, { weekId: scheduleWeekId(AGENCY, DRAFT), weekStart: DRAFT, note: '' }, ctx('vanthu'));
    const entries: ScheduleEntry[] = [line, request, draftLine];

    // A state clients would refuse is refused, and nothing of the batch stays.
    await expect(db().tx((q) => bulkInsertSchedule(q, [...entries, { ...line, id: randomUUID(), content: '' }], [published, draftWeek], org))).rejects.toMatchObject({ code: 'invalid_mutation' });
    expect((await db().query('SELECT 1 FROM schedule_entries')).rows).toEqual([]);

    const seqBefore = Number((await db().query<{ seq: number }>('SELECT seq FROM change_counter')).rows[0]!.seq);
    await db().tx((q) => bulkInsertSchedule(q, entries, [published, draftWeek], org));

    const everyone = org.users.filter((u) => u.active).map((u) => u.id).sort();
    expect(await seers(published.id)).toEqual(everyone);
    expect(await seers(line.id)).toEqual(everyone);
    expect(await seers(request.id)).toEqual([...entryAccessUserIds(request, published, org)].sort());
    expect(await seers(request.id)).toEqual([U.vanthu.id, U.chutich.id, U['tp.kinhte'].id, U['cv.kinhte1'].id].sort());
    expect(await seers(draftLine.id)).toEqual([U.vanthu.id, U.chutich.id].sort());
    expect((await db().query("SELECT record_id, sha256 FROM record_files WHERE kind = 'schedule'")).rows).toEqual([{ record_id: line.id, sha256: file.sha256 }]);
    const changes = (await db().query<{ seq: string; record_id: string }>("SELECT seq, record_id FROM record_changes WHERE kind = 'schedule' AND user_id IS NULL AND op = 'put' ORDER BY seq")).rows;
    expect(changes.map((r) => r.record_id).sort()).toEqual([published.id, draftWeek.id, ...entries.map((e) => e.id)].sort());
    expect(changes.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5].map((n) => seqBefore + n));

    // A pull's states: the stored text, parsed by the clients' schema; a request is not another unit's.
    const ids = [published.id, draftWeek.id, ...entries.map((e) => e.id)];
    const forSpecialist = await scheduleKind.states(db(), U['cv.noichinh'].id, ids, PC);
    expect([...forSpecialist.keys()].sort()).toEqual([published.id, draftWeek.id, line.id].sort());
    for (const [, st] of forSpecialist) expect(ScheduleRecord.parse(JSON.parse(st.json)).version).toBe(st.version);
    expect(ScheduleRecord.parse(JSON.parse(forSpecialist.get(line.id)!.json))).toEqual(line);

    // The runners take over: moving the bulk-loaded published line is the week's revision 2.
    const update = scheduleKind.mutations.find((m) => m.def.name === 'schedule.update')!;
    const poke = (await db().tx((q) => update.run(q, update.def.args.parse({ entryId: line.id, patch: { start: '09:00' }, reason: 'Đổi giờ' }) as never, ctx('vanthu')))).poke;
    expect([...poke].sort()).toEqual(everyone);
    expect((await loadEntry(db(), line.id))!.changes).toMatchObject([{ revision: 2, fields: ['time'], before: { start: '08:00' } }]);
    const week = ScheduleRecord.parse(JSON.parse((await scheduleKind.states(db(), U['cv.noichinh'].id, [published.id], PC)).get(published.id)!.json));
    expect(week).toMatchObject({ type: 'week', revision: 2, revisions: [{ n: 1 }, { n: 2, entries: [{ id: line.id, change: 'changed' }] }] });
  });
});
