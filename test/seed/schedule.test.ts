/**
 * The demo agency's weekly schedule (src/server/seed/content/schedule.ts): states the shared
 * schedule rules made over six months and the three weeks ahead — every week published the
 * Friday before, its revisions those its entries' changes made; around now, the current week
 * published and revised, the next one awaiting approval with requests, the one after a draft —
 * and loaded by seedDemo into a real server (PostgreSQL) with the settings and who sees what.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { OrgView } from '../../src/shared/domain/org.js';
import { isWorkingDay } from '../../src/shared/domain/workingDays.js';
import { allowedEntryActions, canSeeEntry, myEntryRole } from '../../src/shared/schedule/rights.js';
import { scheduleConflicts } from '../../src/shared/schedule/conflicts.js';
import { ScheduleEntry, ScheduleRecord, ScheduleWeek } from '../../src/shared/schedule/model.js';
import { addDays, scheduleWeekId, weekStartOf } from '../../src/shared/schedule/week.js';
import { vnToday } from '../../src/shared/text/vietnamese.js';
import { openPostgres } from '../../src/server/db/database.js';
import { loadOrganisation } from '../../src/server/org/organisation.js';
import { openServerContext } from '../../src/server/server.js';
import { DEMO_USERS, demoOrganisation } from '../../src/server/seed/content/organisation.js';
import { demoSchedule, demoScheduleSettings, type DemoSchedule } from '../../src/server/seed/content/schedule.js';
import { seedDemo } from '../../src/server/seed/seedDemo.js';
import { testDatabasePrefix } from '../helpers/paths.js';

const org = demoOrganisation();
// A Tuesday morning: the current week is 30/11–06/12/2026 (week 49).
const endDate = new Date('2026-12-01T10:00:00+07:00');
const today = vnToday(endDate);
const thisWeek = weekStartOf(today);
const nextWeek = addDays(thisWeek, 7);
const weekAfter = addDays(thisWeek, 14);
const orgView: OrgView = {
  units: org.units.map((u) => ({ ...u, agencyId: org.agency.id })),
  users: org.users.map((u) => ({ ...u, agencyId: org.agency.id, active: true })),
  schedule: demoScheduleSettings(org),
};
const options = { endDate, weeksBack: 26, weeksAhead: 3 };
const made = demoSchedule(org, orgView, options);
const { entries, weeks } = made;
const weekOf = new Map(weeks.map((w) => [w.weekStart, w]));
const user = (username: string) => orgView.users.find((u) => u.username === username)!;
const inWeek = (s: DemoSchedule, weekStart: string): ScheduleEntry[] => s.entries.filter((e) => e.weekStart === weekStart);
const isPublic = (e: ScheduleEntry): boolean => e.status === 'scheduled' || e.status === 'cancelled';
const vnMinute = (iso: string): number => {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
};

/** Every text a person wrote or the rules summarised. */
function textsOf(r: ScheduleRecord): string[] {
  if (r.type === 'week') return [r.note, ...r.history.map((h) => h.summary)];
  return [r.content, r.guests, r.place, r.notes, r.reason, ...r.changes.map((c) => c.reason), ...r.history.map((h) => h.summary)];
}

describe('demo schedule', () => {
  it('is deterministic', () => {
    expect(demoSchedule(demoOrganisation(), orgView, options)).toEqual(made);
  });

  it('passes the shared schemas unchanged (what the server’s bulk insert checks), with unique ids and derived week ids', () => {
    for (const r of [...entries, ...weeks]) {
      const parsed = ScheduleRecord.safeParse(r);
      expect(parsed.success, `${r.id}: ${JSON.stringify(parsed.error?.issues.slice(0, 2))}`).toBe(true);
      expect(parsed.data).toEqual(r);
    }
    expect(new Set([...entries, ...weeks].map((r) => r.id)).size).toBe(entries.length + weeks.length);
    for (const w of weeks) expect(w.id).toBe(scheduleWeekId(org.agency.id, w.weekStart));
    expect(entries.every((e) => ScheduleEntry.safeParse(e).success && e.agencyId === org.agency.id)).toBe(true);
    expect(weeks.every((w) => ScheduleWeek.safeParse(w).success)).toBe(true);
  });

  it('keeps every entry in its week, its history in order, in office hours, never after now', () => {
    for (const e of entries) {
      expect(e.weekStart).toBe(weekStartOf(e.date));
      for (const c of e.changes) if (c.before) expect(weekStartOf(c.before.date)).toBe(e.weekStart);
      // One version per step; the first step made it.
      expect(e.version).toBe(e.history.length);
      expect(['requested', 'added']).toContain(e.history[0]!.action);
      for (let i = 1; i < e.history.length; i++) expect(Date.parse(e.history[i]!.at)).toBeGreaterThanOrEqual(Date.parse(e.history[i - 1]!.at));
      for (const h of e.history) {
        expect(Date.parse(h.at)).toBeLessThan(endDate.getTime());
        // Asked for, decided and changed before the day it is about, on working days, in office hours.
        expect(vnToday(new Date(h.at)) <= e.date || h.action === 'merged_into', `${h.action} ${h.at} for ${e.date}`).toBe(true);
        expect(isWorkingDay(vnToday(new Date(h.at))), h.at).toBe(true);
        expect(vnMinute(h.at) >= 7 * 60 + 30 && vnMinute(h.at) < 17 * 60, `${h.action} at ${h.at}`).toBe(true);
      }
      expect(e.updatedAt).toBe(e.history.at(-1)!.at);
    }
  });

  it('publishes every past week the working day before it, and its revisions are exactly its entries’ changes', () => {
    const first = addDays(thisWeek, -7 * options.weeksBack);
    for (let w = first; w <= thisWeek; w = addDays(w, 7)) {
      const week = weekOf.get(w);
      expect(week?.status, w).toBe('published');
      const published = vnToday(new Date(week!.publishedAt!));
      expect(published < w && published >= addDays(w, -5), `${w} published ${published}`).toBe(true);
      expect(week!.revisions[0]).toMatchObject({ n: 1, at: week!.publishedAt, entries: [] });
    }
    let revised = 0;
    for (const week of weeks) {
      const own = inWeek(made, week.weekStart);
      if (week.status !== 'published') {
        expect(week.revision).toBe(0);
        expect(own.every((e) => e.changes.length === 0)).toBe(true);
        continue;
      }
      expect(week.revisions.map((r) => r.n)).toEqual(Array.from({ length: week.revision }, (_, i) => i + 1));
      // submit/return/approve leave history; every revision after the first adds a version.
      expect(week.version).toBe(week.history.length + week.revision - 1);
      const changes = own.flatMap((e) => e.changes.map((c) => ({ id: e.id, ...c })));
      expect(changes).toHaveLength(week.revision - 1);
      for (const rev of week.revisions.slice(1)) {
        const c = changes.find((x) => x.revision === rev.n)!;
        expect(rev.entries).toEqual([{ id: c.id, change: c.change, fields: c.fields }]);
        expect(rev.at).toBe(c.at);
        expect(Date.parse(rev.at)).toBeGreaterThan(Date.parse(week.publishedAt!));
      }
      expect(week.revision - 1).toBeLessThanOrEqual(4);
      if (week.revision > 1) revised += 1;
    }
    expect(revised).toBeGreaterThan(weeks.length / 2);
    expect(weeks.some((w) => w.status === 'published' && w.revision === 1)).toBe(true);
  });

  it('fills a week of five working days with 15–35 engagements (a few more after revisions), on working days, nobody booked twice', () => {
    for (const week of weeks.filter((w) => w.status === 'published')) {
      const own = inWeek(made, week.weekStart);
      const days = Array.from({ length: 7 }, (_, i) => addDays(week.weekStart, i)).filter((d) => isWorkingDay(d));
      const shown = own.filter(isPublic);
      if (days.length === 5) {
        expect(shown.length, week.weekStart).toBeGreaterThanOrEqual(15);
        expect(shown.length, week.weekStart).toBeLessThanOrEqual(39);
      }
      // Only duty kept on purpose falls on a day off (the app warns; the office meant it).
      for (const e of own.filter((x) => !isWorkingDay(x.date))) expect(e.content).toMatch(/^(Trực Tết|Dâng hoa)/u);
      const clashes = scheduleConflicts(own.filter((e) => e.status === 'scheduled')).filter((c) => c.kind !== 'holiday');
      expect(clashes, week.weekStart).toEqual([]);
    }
  });

  it('tells the whole story: requests accepted (some edited), rejected, withdrawn, merged; drafts returned; meetings moved, cancelled, added, another room or chair', () => {
    const actions = new Set(entries.flatMap((e) => e.history.map((h) => h.action)));
    for (const a of ['requested', 'added', 'updated', 'accepted', 'rejected', 'merged', 'merged_into', 'withdrawn', 'cancelled']) expect(actions, a).toContain(a);
    expect(entries.filter((e) => e.history.some((h) => h.action === 'accepted' && h.summary.includes('(sửa'))).length).toBeGreaterThan(5);
    expect(weeks.filter((w) => w.history.some((h) => h.action === 'returned')).length).toBeGreaterThanOrEqual(1);
    const changes = entries.flatMap((e) => e.changes);
    expect(new Set(changes.map((c) => c.change))).toEqual(new Set(['added', 'changed', 'cancelled']));
    const fields = new Set(changes.flatMap((c) => c.fields));
    for (const f of ['time', 'location', 'participants']) expect(fields, f).toContain(f);
    for (const e of entries.filter((x) => x.status === 'rejected' || x.status === 'cancelled')) expect(e.reason).not.toBe('');
    for (const e of entries.filter((x) => x.status === 'merged')) expect(entries.find((t) => t.id === e.mergedInto)?.weekStart).toBe(e.weekStart);
    // Rooms, places out of the office and the part of the day without a clock time all occur.
    expect(new Set(entries.map((e) => e.roomId).filter((r) => r !== null))).toEqual(new Set(orgView.schedule!.rooms.map((r) => r.id)));
    expect(entries.some((e) => e.roomId === null && e.place.startsWith('huyện'))).toBe(true);
    expect(entries.some((e) => e.start === null)).toBe(true);
  });

  it('stands around now as the office works: this week published and revised, next week awaiting approval with requests, the week after a draft with requests', () => {
    const current = weekOf.get(thisWeek)!;
    expect(current.status).toBe('published');
    expect(current.revision).toBeGreaterThanOrEqual(2);
    const next = weekOf.get(nextWeek)!;
    expect(next.status).toBe('submitted');
    const nextOwn = inWeek(made, nextWeek);
    expect(nextOwn.filter((e) => e.status === 'scheduled').length).toBeGreaterThanOrEqual(10);
    // Requests that came after the submission still wait.
    const late = nextOwn.filter((e) => e.status === 'requested');
    expect(late.length).toBeGreaterThanOrEqual(2);
    expect(late.some((e) => Date.parse(e.createdAt) > Date.parse(next.history.at(-1)!.at))).toBe(true);
    expect(weekOf.get(weekAfter)?.status ?? 'draft').toBe('draft');
    const after = inWeek(made, weekAfter);
    expect(after.filter((e) => e.status === 'requested').length).toBeGreaterThanOrEqual(2);
    expect(after.filter((e) => e.status === 'scheduled').length).toBeGreaterThanOrEqual(2);
    expect(entries.every((e) => e.weekStart <= addDays(thisWeek, 7 * options.weeksAhead))).toBe(true);
  });

  it('gives each demo account something this week: the chairman chairs, the specialist takes part in a revised meeting, the clerk has requests to handle', () => {
    const current = inWeek(made, thisWeek).filter((e) => e.status === 'scheduled');
    const leader = user(DEMO_USERS.leader);
    expect(current.filter((e) => e.chairId === leader.id).length).toBeGreaterThanOrEqual(3);

    const specialist = user(DEMO_USERS.specialist);
    const mine = current.filter((e) => myEntryRole(specialist, e, orgView) === 'participant' && e.participantUserIds.includes(specialist.id));
    expect(mine.length).toBeGreaterThanOrEqual(2);
    // The budget meeting he asked for was moved after publication, by the office: a notice for him.
    const moved = mine.find((e) => e.changes.some((c) => c.change === 'changed' && c.fields.includes('time') && c.by !== specialist.id));
    expect(moved?.chairId).toBe(leader.id);
    expect(moved?.requestedBy).toBe(specialist.id);
    // His own request for next week waits for the office; he may still withdraw it.
    const his = entries.filter((e) => e.requestedBy === specialist.id && e.status === 'requested');
    expect(his.length).toBeGreaterThanOrEqual(1);
    for (const e of his) expect(allowedEntryActions(specialist, e, orgView)).toContain('withdraw');

    const clerk = user(DEMO_USERS.clerk);
    const waiting = entries.filter((e) => e.status === 'requested');
    expect(waiting.filter((e) => allowedEntryActions(clerk, e, orgView).includes('accept')).length).toBeGreaterThanOrEqual(4);
    // The clerk keeps the schedule too: her name is in the timeline.
    expect(entries.some((e) => e.history.some((h) => h.actorId === clerk.id))).toBe(true);
    // Another unit's specialist does not see those requests (drafts are the office's and the requesters').
    const other = orgView.users.find((u) => u.role === 'specialist' && u.unitId !== specialist.unitId && org.units.find((x) => x.id === u.unitId)?.abbreviation !== 'VP')!;
    expect(waiting.filter((e) => e.requestedBy !== other.id).every((e) => !canSeeEntry(other, e, weekOf.get(e.weekStart) ?? null, orgView))).toBe(true);
  });

  it('is written in Vietnamese (NFC, trimmed)', () => {
    for (const r of [...entries, ...weeks])
      for (const s of textsOf(r)) {
        expect(s).toBe(s.normalize('NFC'));
        expect(s).toBe(s.trim());
      }
    expect(new Set(entries.map((e) => e.content)).size).toBeGreaterThan(100);
  });

  it('holds at any moment of the week: a Monday before work, a Friday afternoon, a Saturday night, the Tết break', () => {
    for (const iso of ['2026-11-30T06:30:00+07:00', '2026-12-04T16:30:00+07:00', '2026-12-05T21:00:00+07:00', '2026-02-18T10:00:00+07:00']) {
      const at = new Date(iso);
      const s = demoSchedule(org, orgView, { endDate: at, weeksBack: 3, weeksAhead: 3 });
      const w = weekStartOf(vnToday(at));
      const byStart = new Map(s.weeks.map((x) => [x.weekStart, x]));
      expect(byStart.get(w)?.status, iso).toBe('published');
      // Tết has no working day to change anything in; every other week has its revision by now.
      if (!iso.startsWith('2026-02-18')) expect(byStart.get(w)!.revision, iso).toBeGreaterThanOrEqual(2);
      expect(byStart.get(addDays(w, 7))?.status, iso).toBe('submitted');
      for (const r of [...s.entries, ...s.weeks]) {
        expect(ScheduleRecord.safeParse(r).success).toBe(true);
        expect(Date.parse(r.updatedAt)).toBeLessThan(at.getTime());
      }
    }
  });
});

describe('seedDemo with the schedule (PostgreSQL)', () => {
  it('stores the settings and every record, seen by whom the rules say', async () => {
    const adminUrl = inject('databaseUrl');
    const name = `${testDatabasePrefix(inject('templateDb'))}seedschedule_${randomBytes(4).toString('hex')}`;
    const admin = await openPostgres(adminUrl, 1);
    await admin.query(`CREATE DATABASE ${name}`);
    const context = await openServerContext({ dataDir: mkdtempSync(join(tmpdir(), 'ioffice-seed-schedule-')), databaseUrl: adminUrl.replace(/\/[^/]*$/u, `/${name}`) });
    try {
      const stats = await seedDemo(context, { documents: 20, tasks: 0, withPdfs: false, endDate, schedule: { weeksBack: 4, weeksAhead: 3 } });
      const loaded = await loadOrganisation(context.db, org.agency.id);
      expect(loaded.schedule).toEqual(demoScheduleSettings(org));
      expect(loaded.schedule?.rooms.map((r) => r.name)).toContain('Hội trường UBND tỉnh');
      const expected = demoSchedule(org, loaded, { endDate, weeksBack: 4, weeksAhead: 3 });
      expect(stats.schedule).toBe(expected.entries.length + expected.weeks.length);
      const q = async (sql: string, params: unknown[] = []): Promise<number> => Number((await context.db.query<{ n: string }>(sql, params)).rows[0]!.n);
      expect(await q('SELECT count(*) AS n FROM schedule_entries')).toBe(expected.entries.length);
      expect(await q('SELECT count(*) AS n FROM schedule_weeks')).toBe(expected.weeks.length);
      expect(await q(`SELECT count(*) AS n FROM record_changes WHERE kind = 'schedule'`)).toBe(stats.schedule);
      const stored = (await context.db.query<{ state: string }>('SELECT state FROM schedule_entries')).rows.map((r) => JSON.parse(r.state) as ScheduleEntry);
      expect(new Map(stored.map((e) => [e.id, e]))).toEqual(new Map(expected.entries.map((e) => [e.id, e])));
      // A published line: everyone; a request still waiting: not a specialist of another unit.
      const active = loaded.users.filter((u) => u.active).length;
      const published = expected.entries.find((e) => e.weekStart === thisWeek && e.status === 'scheduled')!;
      expect(await q(`SELECT count(*) AS n FROM record_access WHERE kind = 'schedule' AND record_id = $1`, [published.id])).toBe(active);
      const waiting = expected.entries.find((e) => e.status === 'requested')!;
      const outsider = loaded.users.find((u) => u.role === 'specialist' && u.unitId !== waiting.requestingUnitId && u.unitId !== loaded.schedule!.officeUnitId && u.id !== waiting.requestedBy)!;
      expect(await q(`SELECT count(*) AS n FROM record_access WHERE kind = 'schedule' AND record_id = $1 AND user_id = $2`, [waiting.id, outsider.id])).toBe(0);
      expect(await q(`SELECT count(*) AS n FROM record_access WHERE kind = 'schedule' AND record_id = $1 AND user_id = $2`, [waiting.id, user(DEMO_USERS.clerk).id])).toBe(1);
    } finally {
      await context.pokes.stop();
      await context.db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.close();
    }
  }, 120_000);
});
