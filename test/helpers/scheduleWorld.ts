/**
 * Schedule records made by the shared rules, as the server makes them (the entry's rule, then
 * the week's revision under its lock, a merge's target written with it), for the core's tests
 * of the schedule store, views and notices: the fixture organisation (taskWorld's) with the
 * office Văn phòng and two meeting rooms, and a record store standing in for the server's.
 */
import { expect } from 'vitest';
import type { RuleContext } from '../../src/shared/domain/ruleContext.js';
import type { OrgView } from '../../src/shared/domain/org.js';
import type { UserSummary } from '../../src/shared/model/organisation.js';
import { buildRegistry } from '../../src/shared/sync/registry.js';
import {
  canSeeEntry,
  madeRevision,
  mergeIntoTarget,
  reviseWeek,
  ScheduleRecord,
  scheduleMutations,
  scheduleWeekId,
  type ScheduleEntry,
  type ScheduleMutationInput,
  type ScheduleWeek,
} from '../../src/shared/schedule/schemas.js';
import { UNITS } from './fixtures.js';
import { AGENCY, ORG as TASK_ORG } from './taskWorld.js';

export const ROOM1 = '0e000000-0000-4000-8000-000000000001';
export const ROOM2 = '0e000000-0000-4000-8000-000000000002';

export const SCHEDULE_ORG: OrgView = {
  ...TASK_ORG,
  schedule: {
    officeUnitId: UNITS.office.id,
    rooms: [
      { id: ROOM1, name: 'Phòng họp số 1', capacity: 30 },
      { id: ROOM2, name: 'Hội trường tầng 3', capacity: 200 },
    ],
  },
};

const registry = buildRegistry(scheduleMutations);

export const weekIdOf = (weekStart: string): string => scheduleWeekId(AGENCY, weekStart);

/** A record store standing in for the server's: every action goes through the schedule rules. */
export function scheduleWorld(org: OrgView = SCHEDULE_ORG) {
  const records = new Map<string, ScheduleRecord>();
  const lookup = (ref: { kind: string; id: string }): ScheduleRecord | null => (ref.kind === 'schedule' ? (records.get(ref.id) ?? null) : null);
  const save = (r: ScheduleRecord): void => {
    expect(ScheduleRecord.parse(r)).toEqual(r);
    records.set(r.id, r);
  };
  /** The server's revision of a week after an entry's change made one. */
  const revise = (before: ScheduleEntry | null, after: ScheduleEntry, ctx: RuleContext): void => {
    if (!madeRevision(before, after)) return;
    const week = records.get(weekIdOf(after.weekStart)) as ScheduleWeek;
    save(reviseWeek(week, after, ctx));
  };

  function act(actor: UserSummary, m: ScheduleMutationInput, now: Date): ScheduleRecord {
    const def = registry.get(m.name)!;
    const args = def.args.parse(m.args) as { intoId?: string };
    const ctx: RuleContext = { actor, org, now };
    const facts: unknown = def.localFacts?.(args, ctx, lookup);
    const id = def.recordId(args);
    const before = records.get(id) ?? null;
    const next = def.apply(before, args, ctx, facts) as ScheduleRecord;
    save(next);
    if (next.type === 'entry') {
      revise(before as ScheduleEntry | null, next, ctx);
      if (m.name === 'schedule.merge' && args.intoId) {
        const target = records.get(args.intoId) as ScheduleEntry;
        const merged = mergeIntoTarget(target, next, ctx, (records.get(weekIdOf(next.weekStart)) as ScheduleWeek | undefined) ?? null);
        save(merged);
        revise(target, merged, ctx);
      }
    }
    return next;
  }

  const entry = (id: string): ScheduleEntry => records.get(id) as ScheduleEntry;
  const week = (weekStart: string): ScheduleWeek | null => (records.get(weekIdOf(weekStart)) as ScheduleWeek | undefined) ?? null;

  /** What `u` may see, as the server sends it: every week, and the entries the access rule gives them. */
  function visibleTo(u: UserSummary): ScheduleRecord[] {
    return [...records.values()].filter((r) => r.type === 'week' || canSeeEntry(u, r, week(r.weekStart), org));
  }
  return { records, act, entry, week, visibleTo };
}
export type ScheduleWorld = ReturnType<typeof scheduleWorld>;
