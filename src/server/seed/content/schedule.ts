/**
 * The demo agency's weekly schedule (Lịch công tác tuần, issue #9): its settings (the office is
 * Văn phòng UBND tỉnh; the meeting rooms) and its weeks — about six months back and three weeks
 * ahead of "now" — as the office keeps them: units ask for engagements of their leaders the week
 * before ("Đăng ký lịch"), the office accepts, edits, merges or rejects them and adds the fixed
 * ones (the Monday briefing, the monthly meeting, citizens' reception day, the Government's
 * video conference), submits the draft on Friday morning, the chairman approves it on Friday
 * afternoon (now and then after returning it), and once published every change — a meeting
 * moved, cancelled, added, another room or chair — is a new revision.
 *
 * Every state is what the shared rules give: each step is a schedule MutationDef (its zod args,
 * then its `apply`, with the facts the server would load), run as the person at the moment, in
 * the order of time over all weeks; a change that makes a revision is folded into the week with
 * `reviseWeek`, a merge into its target with `mergeIntoTarget`, as the server does. Nothing
 * happens at or after `endDate`. Engagements fall on working days (workingDays.ts) and never
 * double-book a person or a room, except on purpose: a holiday kept on duty, requests the office
 * rejects because the leader is taken, requests still waiting.
 *
 * Around now: the current week is published with at least one revision (a meeting the chairman
 * chairs, with the demo specialist, moved); next week is submitted and awaits approval, with
 * requests that came after; the week after is a draft with requests waiting for the office.
 *
 * Deterministic: the same organisation and options give the same records, ids included.
 */
import type { OrgView } from '../../../shared/domain/org.js';
import type { RuleContext } from '../../../shared/domain/ruleContext.js';
import { holidayName, isWorkingDay } from '../../../shared/domain/workingDays.js';
import type { UserSummary } from '../../../shared/model/organisation.js';
import {
  acceptEntryMutation,
  addEntryMutation,
  approveWeekMutation,
  cancelEntryMutation,
  madeRevision,
  mergeEntryMutation,
  mergeIntoTarget,
  rejectEntryMutation,
  requestEntryMutation,
  returnWeekMutation,
  reviseWeek,
  scheduleWeekId,
  submitWeekMutation,
  updateEntryMutation,
  withdrawEntryMutation,
  type EntryPatch,
  type EntryRuleFacts,
  type MeetingRoom,
  type ScheduleEntry,
  type ScheduleSettings,
  type ScheduleWeek,
} from '../../../shared/schedule/schemas.js';
import { DAY_PART_HOURS, type DayPart } from '../../../shared/schedule/constants.js';
import { addDays, clockOf, entryInterval, isoWeekday, minutesOf, partOfTime, weekStartOf } from '../../../shared/schedule/week.js';
import type { AnyMutationDef } from '../../../shared/sync/registry.js';
import type { UnitKey } from './catalogue.js';
import { DEMO_USERS, type DemoOrg, type DemoUser } from './organisation.js';
import { createRandom, uuidFromName, type Random } from './random.js';
import {
  ADD_REASONS,
  CANCEL_REASONS,
  CHAIR_REASONS,
  citizensDay,
  councilSession,
  governmentConference,
  holidayDuty,
  MERGE_GUESTS,
  monthlyMeeting,
  MOVE_REASONS,
  officeBriefing,
  REJECT_REASONS,
  RETURN_REASONS,
  ROOM_REASONS,
  SUBMIT_NOTE,
  unitEngagement,
  weeklyBriefing,
  type EngagementText,
} from './scheduleTexts.js';

// ---------------------------------------------------------------------------------------------
// Settings

type RoomKey = 'room1' | 'room2' | 'hall' | 'online' | 'reception';

const ROOM_SPECS: readonly (readonly [RoomKey, string, number])[] = [
  ['room1', 'Phòng họp số 1 (tầng 2)', 40],
  ['room2', 'Phòng họp số 2 (tầng 3)', 20],
  ['hall', 'Hội trường UBND tỉnh', 250],
  ['online', 'Phòng họp trực tuyến', 60],
  ['reception', 'Phòng tiếp khách (tầng 1)', 15],
];

const roomId = (agencyId: string, key: RoomKey): string => uuidFromName(`ioffice-demo/schedule/${agencyId}/room/${key}`);

/** The demo agency's schedule settings: Văn phòng UBND tỉnh compiles the week; five rooms with stable ids. */
export function demoScheduleSettings(org: DemoOrg): ScheduleSettings {
  const office = org.units.find((u) => u.abbreviation === 'VP');
  if (!office) throw new Error('the demo organisation has no unit VP');
  const rooms: MeetingRoom[] = ROOM_SPECS.map(([key, name, capacity]) => ({ id: roomId(org.agency.id, key), name, capacity }));
  return { officeUnitId: office.id, rooms };
}

export interface DemoScheduleOptions {
  /** The demo's "now": nothing happens at or after it. */
  endDate: Date;
  /** Weeks before the current one (26: about six months; the benchmark asks 260). */
  weeksBack: number;
  /** Weeks after the current one (3: submitted, draft, early draft). */
  weeksAhead: number;
  /** Engagements planned in a week of five working days, at least and at most (default 15–35). */
  perWeek?: readonly [number, number];
}

export interface DemoSchedule {
  /** Every entry, in the order it was first made. */
  entries: ScheduleEntry[];
  /** Every week anyone acted on (a draft nobody submitted has none), oldest first. */
  weeks: ScheduleWeek[];
}

// ---------------------------------------------------------------------------------------------
// Time in Vietnam (UTC+7), in days since 1970-01-01 and minutes of the day.

const DAY = 86_400_000;
const MINUTE = 60_000;
const OFFSET = 7 * 3_600_000;
const WINDOWS = [
  [450, 690],
  [810, 1020],
] as const;

const vnDay = (ms: number): number => Math.floor((ms + OFFSET) / DAY);
const msAt = (day: number, minute: number): number => day * DAY + minute * MINUTE - OFFSET;
const isoDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const dayOfIso = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const working = (day: number): boolean => isWorkingDay(isoDay(day));

/** The n-th working day before `day` (n ≥ 1). */
function subWd(day: number, n: number): number {
  let d = day;
  for (let k = 0; k < n; ) if (working(--d)) k += 1;
  return d;
}

/** The office hours of working days strictly between `a` and `b` (a minute in from each end). */
function officeSpans(a: number, b: number): { spans: (readonly [number, number])[]; total: number } {
  const spans: (readonly [number, number])[] = [];
  let total = 0;
  for (let d = vnDay(a), last = vnDay(b); d <= last; d++) {
    if (!working(d)) continue;
    for (const [s, e] of WINDOWS) {
      const lo = Math.max(msAt(d, s), a + MINUTE);
      const hi = Math.min(msAt(d, e), b - MINUTE);
      if (hi > lo) (spans.push([lo, hi]), (total += hi - lo));
    }
  }
  return { spans, total };
}

/** The moment `f` (0..1) of the way through the office hours between `a` and `b` (of the time, when there are none), to the second. */
function officePoint(a: number, b: number, f: number): number {
  const { spans, total } = officeSpans(a, b);
  const round = (ms: number): number => ms - (ms % 1000);
  if (total === 0) return round(a + Math.max(1000, Math.floor((b - a) * f)));
  let x = Math.min(total - 1, Math.floor(f * total));
  for (const [lo, hi] of spans) {
    if (x < hi - lo) return round(lo + x);
    x -= hi - lo;
  }
  return round(b - MINUTE);
}

/** A moment strictly between `a` and `b` in office hours on working days (halfway when there is none), to the second. */
const between = (a: number, b: number, r: Random): number => officePoint(a, b, r.next());

// ---------------------------------------------------------------------------------------------
// The organisation as the schedule needs it.

interface UnitView {
  id: string;
  key: UnitKey;
  leaders: DemoUser[];
  specialists: DemoUser[];
}

interface People {
  chairman: DemoUser;
  /** Vice-chairmen: economy, culture and society, internal affairs (as in tasks.ts). */
  vice: DemoUser[];
  agencyLeaders: DemoUser[];
  /** Chánh Văn phòng, Phó Chánh Văn phòng. */
  officeHead: DemoUser;
  officeDeputy: DemoUser;
  /** Who keeps the schedule day to day: the office's specialist and its clerk. */
  compilers: DemoUser[];
  units: Map<UnitKey, UnitView>;
  byUsername: Map<string, DemoUser>;
}

function peopleOf(org: DemoOrg): People {
  const root = org.units.find((u) => u.parentId === null);
  if (!root) throw new Error('the organisation has no root unit');
  const agencyLeaders = org.users.filter((u) => u.unitId === root.id && u.role === 'leader');
  const chairman = agencyLeaders.find((u) => u.position === 'Chủ tịch');
  if (!chairman || agencyLeaders.length < 2) throw new Error('the demo schedule needs a chairman and a vice-chairman');
  const units = new Map<UnitKey, UnitView>();
  for (const u of org.units) {
    if (u.parentId === null) continue;
    units.set(u.abbreviation as UnitKey, {
      id: u.id,
      key: u.abbreviation as UnitKey,
      leaders: org.users.filter((x) => x.unitId === u.id && x.role === 'leader'),
      specialists: org.users.filter((x) => x.unitId === u.id && x.role === 'specialist'),
    });
  }
  const vp = units.get('VP');
  const officeHead = vp?.leaders[0];
  const officeDeputy = vp?.leaders[1] ?? officeHead;
  if (!vp || !officeHead || !officeDeputy) throw new Error('the demo schedule needs the office (VP) and its leaders');
  const byUsername = new Map(org.users.map((u) => [u.username, u]));
  const clerk = byUsername.get(DEMO_USERS.clerk);
  const compilers = [...vp.specialists, ...(clerk && clerk.unitId === vp.id ? [clerk] : [])];
  if (compilers.length === 0) compilers.push(officeDeputy);
  return { chairman, vice: agencyLeaders.filter((u) => u !== chairman), agencyLeaders, officeHead, officeDeputy, compilers, units, byUsername };
}

/** Which vice-chairman follows a unit's field; the chairman directs the rest. */
const SECTOR: Partial<Record<UnitKey, number>> = { KT: 0, KGVX: 1, NC: 2, BTCD: 2, TTPVHCC: 2 };
const UNIT_WEIGHT: readonly (readonly [UnitKey, number])[] = [
  ['KT', 6],
  ['KGVX', 4],
  ['NC', 3],
  ['TH', 3],
  ['HCTC', 1],
  ['TTPVHCC', 1],
  ['BTCD', 1],
];

// ---------------------------------------------------------------------------------------------
// The plan: engagements with their final fields, and the steps that make them, with times.

type Input = {
  date: string;
  part: DayPart;
  start: string | null;
  end: string | null;
  content: string;
  chairId: string | null;
  participantUserIds: string[];
  participantUnitIds: string[];
  guests: string;
  roomId: string | null;
  place: string;
  preparingUnitId: string | null;
  notes: string;
  highlight: boolean;
};

type Step =
  | { t: 'request'; id: string; by: string; input: Input }
  | { t: 'add'; id: string; by: string; input: Input; reason: string }
  | { t: 'update'; id: string; by: string; patch: EntryPatch; reason: string }
  | { t: 'accept'; id: string; by: string; patch: EntryPatch }
  | { t: 'reject'; id: string; by: string; reason: string }
  | { t: 'merge'; id: string; by: string; intoId: string }
  | { t: 'withdraw'; id: string; by: string }
  | { t: 'cancel'; id: string; by: string; reason: string }
  | { t: 'submit' | 'approve'; weekStart: string; by: string; note: string }
  | { t: 'return'; weekStart: string; by: string; reason: string };

interface Timed {
  at: number;
  seq: number;
  step: Step;
}

/** An engagement as planned: its fields as they stand at the end of the plan, and what the plan still may do to it. */
interface Engagement {
  id: string;
  input: Input;
  /** Scheduled in the week (accepted or added) and not cancelled: may be moved, cancelled, changed. */
  live: boolean;
  /** Fixed engagements (the briefing, the monthly meeting) are not moved by revisions. */
  fixed: boolean;
  /** The unit that follows it (participants a revision may add). */
  unit: UnitView | null;
}

/** Who is where, when, in one week: people and rooms, as [start, end) minutes per day. */
class Occupancy {
  private readonly busy = new Map<string, { id: string; start: number; end: number }[]>();

  private keys(i: Input): string[] {
    return [...new Set([...(i.chairId ? [i.chairId] : []), ...i.participantUserIds])].map((u) => `u:${u}:${i.date}`).concat(i.roomId ? [`r:${i.roomId}:${i.date}`] : []);
  }

  free(i: Input, ignore: string | null = null): boolean {
    const { start, end } = entryInterval(i);
    return this.keys(i).every((k) => (this.busy.get(k) ?? []).every((b) => b.id === ignore || b.end <= start || end <= b.start));
  }

  take(id: string, i: Input): void {
    const { start, end } = entryInterval(i);
    for (const k of this.keys(i)) this.busy.set(k, [...(this.busy.get(k) ?? []), { id, start, end }]);
  }

  release(id: string): void {
    for (const [k, list] of this.busy) this.busy.set(k, list.filter((b) => b.id !== id));
  }
}

const START_TIMES: Readonly<Record<'morning' | 'afternoon', readonly (readonly [string, number])[]>> = {
  morning: [
    ['07:30', 3],
    ['08:00', 6],
    ['08:30', 3],
    ['09:00', 3],
    ['09:30', 2],
    ['10:00', 1],
  ],
  afternoon: [
    ['13:30', 3],
    ['14:00', 6],
    ['14:30', 3],
    ['15:00', 2],
    ['15:30', 1],
  ],
};

interface WeekFrame {
  weekStart: string;
  /** Offset from the current week: < 0 past, 0 current, > 0 ahead. */
  offset: number;
  /** The working days of the week, as day numbers. */
  days: number[];
}

/** A week's timetable: when requests come, when the office decides, submits, and the leader approves. */
interface Phases {
  requestsFrom: number;
  requestsTo: number;
  compileFrom: number;
  compileTo: number;
  /** Null: nobody submits this week yet. */
  submitAt: number | null;
  /** The leader returns the draft (then the office fixes it and submits again). */
  returned: { at: number; fixAt: number; resubmitAt: number } | null;
  approveAt: number | null;
  /** Requests arriving after the draft was submitted (still waiting). */
  lateFrom: number | null;
  lateTo: number;
}

class Planner {
  readonly steps: Timed[] = [];
  private seq = 0;
  readonly rooms: Record<RoomKey, string>;
  /** An engagement postponed "to next week" after its week was published: the office adds it to the next draft. */
  private carry: { text: EngagementText; unit: UnitView | null; chairId: string | null; participants: string[]; earliest: number }[] = [];

  constructor(
    readonly people: People,
    readonly agencyId: string,
    readonly seed: string,
    readonly endMs: number,
    readonly today: number,
    readonly perWeek: readonly [number, number],
  ) {
    this.rooms = Object.fromEntries(ROOM_SPECS.map(([k]) => [k, roomId(agencyId, k)])) as Record<RoomKey, string>;
  }

  private push(at: number, step: Step): void {
    this.steps.push({ at, seq: this.seq++, step });
  }

  private compiler(r: Random): DemoUser {
    return r.pick(this.people.compilers);
  }

  private unitMember(unit: UnitView, r: Random): DemoUser {
    const pool = r.chance(0.4) && unit.leaders.length > 0 ? unit.leaders : unit.specialists.length > 0 ? unit.specialists : unit.leaders;
    return r.pick(pool);
  }

  private chairFor(unit: UnitView | null, r: Random): DemoUser {
    const i = unit ? SECTOR[unit.key] : undefined;
    const vice = i !== undefined ? this.people.vice[i % this.people.vice.length] : undefined;
    if (vice && r.chance(0.75)) return vice;
    return r.chance(0.6) ? this.people.chairman : r.pick(this.people.agencyLeaders);
  }

  // -------------------------------------------------------------------------------------------
  // Slots

  /** The fields of an engagement placed in a free slot of the week, or null when none is free. */
  private place(
    occ: Occupancy,
    frame: WeekFrame,
    text: EngagementText,
    chairId: string | null,
    participants: string[],
    r: Random,
    opts: { minDay?: number; afterMs?: number; days?: number[]; ignore?: string } = {},
  ): Input | null {
    const days = (opts.days ?? frame.days).filter((d) => d >= (opts.minDay ?? -Infinity));
    for (let attempt = 0; attempt < 24 && days.length > 0; attempt++) {
      const day = r.pick(days);
      const base = this.slotFields(text, day, r);
      if (base === null) continue;
      const room = this.roomFor(text.venue, r);
      const input: Input = { ...base, ...this.textFields(text), chairId, participantUserIds: participants, roomId: room };
      if (opts.afterMs !== undefined && msAt(day, entryInterval(input).start) <= opts.afterMs) continue;
      if (occ.free(input, opts.ignore ?? null)) return input;
      // The other small meeting room, when the first was taken.
      if (room === this.rooms.room1 || room === this.rooms.room2) {
        const other = { ...input, roomId: room === this.rooms.room1 ? this.rooms.room2 : this.rooms.room1 };
        if (occ.free(other, opts.ignore ?? null)) return other;
      }
    }
    return null;
  }

  private slotFields(text: EngagementText, day: number, r: Random): Pick<Input, 'date' | 'part' | 'start' | 'end'> | null {
    const date = isoDay(day);
    if (text.venue === 'field') {
      if (r.chance(0.3)) return { date, part: 'morning', start: '07:00', end: '11:30' };
      return { date, part: 'morning', start: '07:00', end: '17:00' };
    }
    const part: 'morning' | 'afternoon' = r.chance(0.55) ? 'morning' : 'afternoon';
    if (r.chance(0.1)) return { date, part, start: null, end: null };
    const start = r.weighted(START_TIMES[part]);
    const limit = minutesOf(DAY_PART_HOURS[part].end);
    if (r.chance(0.35)) return { date, part: partOfTime(start), start, end: null };
    const end = Math.min(limit, minutesOf(start) + r.pick([60, 90, 90, 120, 120, 150, 180]));
    if (end <= minutesOf(start)) return null;
    return { date, part: partOfTime(start), start, end: clockOf(end) };
  }

  private roomFor(venue: EngagementText['venue'], r: Random): string | null {
    switch (venue) {
      case 'room':
        return r.chance(0.6) ? this.rooms.room1 : this.rooms.room2;
      case 'hall':
        return this.rooms.hall;
      case 'online':
        return this.rooms.online;
      case 'reception':
        return this.rooms.reception;
      default:
        return null;
    }
  }

  private textFields(text: EngagementText): Pick<Input, 'content' | 'guests' | 'place' | 'notes' | 'highlight' | 'participantUnitIds' | 'preparingUnitId'> {
    return { content: text.content, guests: text.guests, place: text.place, notes: text.notes, highlight: text.highlight, participantUnitIds: [], preparingUnitId: null };
  }

  /** Who goes with the chair: the unit's leader, often one of its specialists, sometimes the office's head. */
  private participantsFor(unit: UnitView | null, r: Random, with_: DemoUser[] = []): string[] {
    const out: string[] = with_.map((u) => u.id);
    if (unit) {
      if (unit.leaders.length > 0) out.push(r.pick(unit.leaders).id);
      if (unit.specialists.length > 0 && r.chance(0.5)) out.push(r.pick(unit.specialists).id);
    }
    if (r.chance(0.3)) out.push((r.chance(0.5) ? this.people.officeHead : this.people.officeDeputy).id);
    return [...new Set(out)];
  }

  // -------------------------------------------------------------------------------------------
  // A week

  phasesOf(frame: WeekFrame, r: Random): Phases {
    const monday = dayOfIso(frame.weekStart);
    if (frame.offset <= 0) {
      const fri = subWd(monday, 1);
      const thu = subWd(monday, 2);
      const submitAt = msAt(fri, r.int(480, 560)) + r.int(0, 59) * 1000;
      const returned = r.chance(0.1) ? { at: msAt(fri, r.int(575, 620)), fixAt: msAt(fri, r.int(635, 680)), resubmitAt: msAt(fri, r.int(815, 840)) } : null;
      const approveAt = msAt(fri, returned ? r.int(870, 990) : r.int(840, 990)) + r.int(0, 59) * 1000;
      return {
        requestsFrom: msAt(subWd(monday, 8), 450),
        requestsTo: msAt(thu, 690),
        compileFrom: msAt(thu, 810),
        compileTo: submitAt,
        submitAt,
        returned,
        approveAt,
        lateFrom: null,
        lateTo: submitAt,
      };
    }
    // Ahead of now: everything so far happened in the last working days.
    const end = this.endMs - 2 * MINUTE;
    const from = msAt(subWd(this.today, [0, 6, 4, 2][Math.min(frame.offset, 3)] as number), 450);
    const span = Math.max(end - from, 10 * MINUTE);
    const at = (f: number): number => officePoint(from, from + span, f);
    if (frame.offset === 1) {
      const submitAt = between(at(0.78), at(0.86), r);
      return { requestsFrom: from, requestsTo: at(0.6), compileFrom: at(0.6), compileTo: at(0.76), submitAt, returned: null, approveAt: null, lateFrom: submitAt + 5 * MINUTE, lateTo: end };
    }
    return { requestsFrom: from, requestsTo: at(0.7), compileFrom: at(0.7), compileTo: end, submitAt: null, returned: null, approveAt: null, lateFrom: at(0.7), lateTo: end };
  }

  planWeek(frame: WeekFrame): void {
    const r = createRandom(`${this.seed}/week/${frame.weekStart}`);
    const ph = this.phasesOf(frame, r);
    const occ = new Occupancy();
    const engagements: Engagement[] = [];
    const { people } = this;
    let n = 0;
    const newId = (): string => uuidFromName(`${this.seed}/entry/${frame.weekStart}/${n++}`);
    const monday = dayOfIso(frame.weekStart);
    const fullWeek = frame.days.length;
    const ahead = frame.offset > 0;

    // How many engagements this week: 15–35 in a full week, fewer in a short one, few in weeks being drafted.
    let target = Math.round((r.int(this.perWeek[0], this.perWeek[1]) * fullWeek) / 5);
    if (frame.offset === 2) target = Math.min(target, r.int(7, 11));
    if (frame.offset >= 3) target = Math.min(target, r.int(3, 5));

    const officeAdd = (text: EngagementText, input: Input, unit: UnitView | null, fixed: boolean, at: number, by = this.compiler(r)): Engagement => {
      const id = newId();
      this.push(at, { t: 'add', id, by: by.id, input, reason: '' });
      occ.take(id, input);
      const en = { id, input, live: true, fixed, unit };
      engagements.push(en);
      return en;
    };
    const addWindow = (): number => between(ph.requestsFrom, ph.compileTo, r);

    // 1. Engagements postponed from last week.
    for (const c of this.carry) {
      const input = this.place(occ, frame, c.text, c.chairId, c.participants, r);
      const lo = Math.max(c.earliest, ph.requestsFrom);
      if (input === null || lo >= ph.compileTo - 10 * MINUTE) continue;
      officeAdd(c.text, { ...input, preparingUnitId: c.unit?.id ?? null }, c.unit, false, between(lo, ph.compileTo, r));
    }
    this.carry = [];

    // 2. The fixed engagements of the calendar.
    const firstDay = frame.days[0];
    if (firstDay !== undefined && frame.offset < 3) {
      const briefing: Input = {
        date: isoDay(firstDay),
        part: 'morning',
        start: '08:00',
        end: '09:30',
        ...this.textFields(weeklyBriefing()),
        chairId: people.chairman.id,
        participantUserIds: [...people.vice.map((u) => u.id), people.officeHead.id],
        roomId: this.rooms.room1,
      };
      if (occ.free(briefing)) officeAdd(weeklyBriefing(), briefing, null, true, addWindow());
      const vpDivisions = (['TH', 'KT', 'NC', 'KGVX'] as const).flatMap((k) => people.units.get(k)?.leaders.slice(0, 1) ?? []);
      const office: Input = {
        date: isoDay(firstDay),
        part: 'afternoon',
        start: '14:00',
        end: '15:30',
        ...this.textFields(officeBriefing()),
        chairId: people.officeHead.id,
        participantUserIds: [people.officeDeputy.id, ...vpDivisions.map((u) => u.id)],
        roomId: this.rooms.room2,
      };
      if (occ.free(office)) officeAdd(officeBriefing(), office, null, true, addWindow());
    }
    const dayWhere = (pred: (iso: string) => boolean): number | undefined => frame.days.find((d) => pred(isoDay(d)));
    const month = (iso: string): number => Number(iso.slice(5, 7));
    const dom = (iso: string): number => Number(iso.slice(8, 10));
    if (!ahead || frame.offset === 1) {
      // The monthly meeting: the last Thursday of the month (or the working day nearest in its week).
      const thursday = isoDay(monday + 3);
      if (dom(thursday) > Number(new Date(Date.UTC(Number(thursday.slice(0, 4)), month(thursday), 0)).getUTCDate()) - 7) {
        const day = dayWhere((d) => d === thursday) ?? frame.days.at(-1);
        if (day !== undefined) {
          const input: Input = {
            date: isoDay(day),
            part: 'morning',
            start: '07:30',
            end: '17:00',
            ...this.textFields(monthlyMeeting(month(thursday))),
            chairId: people.chairman.id,
            participantUserIds: [...people.vice.map((u) => u.id), people.officeHead.id, people.officeDeputy.id],
            roomId: this.rooms.hall,
            preparingUnitId: people.units.get('TH')?.id ?? null,
          };
          if (occ.free(input)) officeAdd(monthlyMeeting(month(thursday)), input, people.units.get('TH') ?? null, true, addWindow());
        }
      }
      // The Government's monthly video conference with the provinces: the first week of the month.
      if (dom(frame.weekStart) <= 7) {
        const day = dayWhere((d) => isoWeekday(d) >= 3) ?? frame.days.at(-1);
        if (day !== undefined) {
          const text = governmentConference(month(isoDay(day)));
          const input: Input = {
            date: isoDay(day),
            part: 'morning',
            start: '08:00',
            end: '11:30',
            ...this.textFields(text),
            chairId: people.chairman.id,
            participantUserIds: [people.vice[0]!.id, people.officeHead.id],
            participantUnitIds: [people.units.get('TH')!.id],
            roomId: this.rooms.online,
            preparingUnitId: people.units.get('TH')?.id ?? null,
          };
          if (occ.free(input)) officeAdd(text, input, people.units.get('TH') ?? null, true, addWindow());
        }
      }
      // The Provincial Council's sessions: July and December, two days from the second Tuesday.
      const tuesday = isoDay(monday + 1);
      if ((month(tuesday) === 7 || month(tuesday) === 12) && dom(tuesday) >= 8 && dom(tuesday) <= 14) {
        for (const d of [monday + 1, monday + 2].filter((x) => frame.days.includes(x))) {
          const text = councilSession(Number(tuesday.slice(0, 4)), month(tuesday));
          const input: Input = { date: isoDay(d), part: 'morning', start: '07:30', end: '17:00', ...this.textFields(text), chairId: people.chairman.id, participantUserIds: people.vice.map((u) => u.id), roomId: null };
          if (occ.free(input)) officeAdd(text, input, null, true, addWindow());
        }
      }
    }
    // Holidays kept on purpose (a warning in the app, by design): duty at Tết, flowers on 30/4 and 2/9.
    if (!ahead) {
      for (let d = monday; d < monday + 7; d++) {
        const iso = isoDay(d);
        const name = holidayName(iso);
        if (name === null) continue;
        const tet = name.includes('Tết Nguyên đán') && isoWeekday(iso) <= 5;
        const national = iso.endsWith('-04-30') || iso.endsWith('-09-02');
        if (!tet && !national) continue;
        const text = holidayDuty(national ? name : 'Tết Nguyên đán');
        const chair = national ? people.chairman : r.pick(people.agencyLeaders);
        const input: Input = { date: iso, part: 'morning', start: national ? '07:00' : '08:00', end: national ? '08:30' : '11:00', ...this.textFields(text), chairId: chair.id, participantUserIds: [people.officeDeputy.id], roomId: null };
        if (occ.free(input)) officeAdd(text, input, null, true, between(ph.requestsFrom, ph.compileTo, r));
        break;
      }
    }

    // 3. The demo accounts' week now: the chairman's budget meeting with the Economic Division's
    //    specialist (moved after publication), a field trip with him, his own request next week.
    const specialist = people.byUsername.get(DEMO_USERS.specialist);
    const kt = people.units.get('KT');
    const ktHead = people.byUsername.get(DEMO_USERS.unitLeader);
    let showcase: { en: Engagement; to: Input } | null = null;
    if (frame.offset === 0 && specialist && kt && ktHead) {
      const y = Number(frame.weekStart.slice(0, 4));
      // Still ahead when possible (and not on the last of those days: it moves later).
      const upcoming = frame.days.filter((d) => msAt(d, 14 * 60) > this.endMs + 3 * 3_600_000);
      const pools = [upcoming.slice(0, -1), upcoming, frame.days.slice(0, -1), frame.days].filter((p) => p.length > 0);
      const text: EngagementText = {
        content: `Làm việc với Sở Tài chính về dự toán ngân sách nhà nước năm ${y + 1} và kế hoạch tài chính – ngân sách 03 năm`,
        venue: 'room',
        place: '',
        guests: 'Lãnh đạo Sở Tài chính, Sở Kế hoạch và Đầu tư, Cục Thuế tỉnh',
        notes: 'Sở Tài chính chuẩn bị nội dung báo cáo; Phòng Kinh tế tổng hợp ý kiến.',
        highlight: true,
      };
      // The meeting, and the slot it will move to after publication, kept free for it now.
      for (let attempt = 0; attempt < 40 && showcase === null && pools.length > 0; attempt++) {
        const input = this.place(occ, frame, text, people.chairman.id, [ktHead.id, specialist.id], r, { days: pools[Math.min(pools.length - 1, Math.floor(attempt / 10))] });
        if (!input || input.start === null) continue;
        const from = msAt(dayOfIso(input.date), minutesOf(input.start));
        const to = this.place(occ, frame, text, input.chairId, input.participantUserIds, r, { minDay: dayOfIso(input.date), afterMs: from });
        if (!to || sameSlot(to, input)) continue;
        const probe = new Occupancy();
        probe.take('x', input);
        if (!probe.free(to)) continue;
        const id = newId();
        const full = { ...input, participantUnitIds: [kt.id], preparingUnitId: kt.id };
        this.push(between(ph.requestsFrom, ph.requestsTo, r), { t: 'request', id, by: specialist.id, input: full });
        this.push(between(ph.compileFrom, ph.compileTo, r), { t: 'accept', id, by: this.compiler(r).id, patch: {} });
        occ.take(id, full);
        occ.take(`${id}#moved`, to);
        const en = { id, input: full, live: true, fixed: true, unit: kt };
        showcase = { en, to };
        engagements.push(en);
      }
      const [vice0] = people.vice;
      const tripDay = frame.days[1] ?? frame.days[0];
      const trip = tripDay === undefined ? null : unitEngagementOf(r, 'KT', tripDay, 'field');
      if (vice0 && trip) {
        const tripInput = this.place(occ, frame, trip, vice0.id, [specialist.id], r);
        if (tripInput) officeAdd(trip, { ...tripInput, preparingUnitId: kt.id }, kt, false, addWindow());
      }
    }
    if (frame.offset === 1 && specialist && kt && ph.lateFrom !== null) {
      // Requests that came after the draft was submitted: the office still has them to handle.
      const late: (readonly [DemoUser, UnitView])[] = [[specialist, kt]];
      for (let k = r.int(1, 2); k > 0; k--) {
        const unit = people.units.get(r.weighted(UNIT_WEIGHT));
        if (unit) late.push([this.unitMember(unit, r), unit]);
      }
      for (const [who, unit] of late) {
        const day = r.pick(frame.days.length > 0 ? frame.days : [monday]);
        const text = unitEngagementOf(r, unit.key, day, 'room');
        const chair = who === specialist ? people.chairman : this.chairFor(unit, r);
        const input = text ? this.place(occ, frame, text, chair.id, [...new Set([who.id, ...this.participantsFor(unit, r)])], r) : null;
        if (text && input) this.push(between(ph.lateFrom, ph.lateTo, r), { t: 'request', id: newId(), by: who.id, input: { ...input, participantUnitIds: [unit.id], preparingUnitId: unit.id } });
      }
    }

    // 4. The units' engagements, asked for or put in by the office.
    const asked: Engagement[] = [];
    for (let attempt = 0; engagements.length < target && attempt < target * 6; attempt++) {
      const unit = people.units.get(r.weighted(UNIT_WEIGHT));
      if (!unit || frame.days.length === 0) continue;
      const day = r.pick(frame.days);
      const text = unitEngagement(r, unit.key, isoDay(day));
      if (!text) continue;
      const chair = this.chairFor(unit, r);
      const input0 = this.place(occ, frame, text, chair.id, this.participantsFor(unit, r), r);
      if (!input0) continue;
      let input: Input = { ...input0, participantUnitIds: r.chance(0.35) ? [unit.id] : [], preparingUnitId: unit.id };
      if (r.chance(0.3)) {
        officeAdd(text, input, unit, false, addWindow());
        continue;
      }
      const id = newId();
      const requester = this.unitMember(unit, r);
      const askedAt = between(ph.requestsFrom, ph.requestsTo, r);
      // What the unit asked, and what the office made of it: another time or room now and then.
      const patch: EntryPatch = {};
      let asked0: Input = input;
      if (r.chance(0.2) && input.start !== null && input.roomId !== null) {
        const otherStart = clockOf(minutesOf(input.start) + r.pick([-60, -30, 30, 60]));
        if (otherStart >= '07:00' && partOfTime(otherStart) === input.part) {
          asked0 = { ...input, start: otherStart, end: null };
          Object.assign(patch, { start: input.start, end: input.end });
        }
      } else if (r.chance(0.15) && input.roomId !== null) {
        asked0 = { ...input, roomId: null };
        patch.roomId = input.roomId;
      }
      this.push(askedAt, { t: 'request', id, by: requester.id, input: asked0 });
      // Sometimes the requester completes the request before the office looks at it.
      let decisionFrom = Math.max(askedAt, ph.compileFrom);
      if (r.chance(0.1)) {
        const at = between(askedAt, Math.max(askedAt + 30 * MINUTE, ph.compileFrom), r);
        const notes = `${asked0.notes} Đơn vị sẽ gửi tài liệu trước 01 ngày.`.trim();
        this.push(at, { t: 'update', id, by: requester.id, patch: { notes }, reason: '' });
        decisionFrom = Math.max(decisionFrom, at);
        input = { ...input, notes };
      }
      occ.take(id, input);
      const en = { id, input, live: true, fixed: false, unit };
      engagements.push(en);
      asked.push(en);
      const decideAt = between(decisionFrom, ph.compileTo, r);
      // In a week being drafted, part of the requests still wait for the office.
      const waits = frame.offset >= 2 && (asked.length <= 2 || r.chance(0.5));
      if (waits) {
        en.live = false;
        continue;
      }
      this.push(decideAt, { t: 'accept', id, by: this.compiler(r).id, patch });
    }

    // 5. Requests that do not make it: the leader is taken (rejected), taken back, or the same
    //    meeting asked by a second unit (merged into the first).
    const scheduled = engagements.filter((e) => e.live);
    const rejectCount = frame.offset === 3 ? 0 : r.weighted<number>([[0, 35], [1, 45], [2, 20]]);
    for (let k = 0; k < rejectCount && scheduled.length > 0; k++) {
      const taken = r.pick(scheduled);
      const unit = people.units.get(r.weighted(UNIT_WEIGHT));
      const text = unit ? unitEngagement(r, unit.key, taken.input.date) : null;
      if (!unit || !text || taken.input.chairId === null) continue;
      const requester = this.unitMember(unit, r);
      const input: Input = { ...taken.input, ...this.textFields(text), chairId: taken.input.chairId, participantUserIds: this.participantsFor(unit, r), roomId: this.roomFor(text.venue, r), preparingUnitId: unit.id };
      if (text.venue === 'field') continue;
      const id = newId();
      const askedAt = between(ph.requestsFrom, ph.requestsTo, r);
      this.push(askedAt, { t: 'request', id, by: requester.id, input });
      if (frame.offset >= 1 && r.chance(0.5)) continue; // still waiting: the office sees the conflict
      this.push(between(Math.max(askedAt, ph.compileFrom), ph.compileTo, r), { t: 'reject', id, by: this.compiler(r).id, reason: r.pick(REJECT_REASONS) });
    }
    if (frame.offset <= 1 && r.chance(0.25)) {
      const unit = people.units.get(r.weighted(UNIT_WEIGHT));
      const day = frame.days.length > 0 ? r.pick(frame.days) : undefined;
      const text = unit && day !== undefined ? unitEngagement(r, unit.key, isoDay(day)) : null;
      const input = unit && text ? this.place(new Occupancy(), frame, text, this.chairFor(unit, r).id, this.participantsFor(unit, r), r) : null;
      if (unit && input) {
        const requester = this.unitMember(unit, r);
        const id = newId();
        const askedAt = between(ph.requestsFrom, ph.requestsTo, r);
        this.push(askedAt, { t: 'request', id, by: requester.id, input: { ...input, preparingUnitId: unit.id } });
        this.push(between(askedAt, Math.max(askedAt + 60 * MINUTE, ph.compileFrom), r), { t: 'withdraw', id, by: requester.id });
      }
    }
    const mergeable = asked.filter((e) => e.live && e.unit !== null && e.input.chairId !== null);
    if (frame.offset <= 1 && mergeable.length > 0 && r.chance(0.3)) {
      const target = r.pick(mergeable);
      const others = [...people.units.values()].filter((u) => u !== target.unit && u.key !== 'VP' && (u.leaders.length > 0 || u.specialists.length > 0));
      const second = r.pick(others);
      const requester = this.unitMember(second, r);
      const id = newId();
      const input: Input = { ...target.input, participantUserIds: [], participantUnitIds: [second.id], guests: r.pick(MERGE_GUESTS), notes: '', preparingUnitId: second.id };
      const askedAt = between(ph.requestsFrom, ph.requestsTo, r);
      this.push(askedAt, { t: 'request', id, by: requester.id, input });
      // After the target was accepted: compile window's last part.
      const mergeAt = between(Math.max(askedAt, ph.compileFrom + Math.floor((ph.compileTo - ph.compileFrom) * 0.8)), ph.compileTo, r);
      this.push(mergeAt, { t: 'merge', id, by: this.compiler(r).id, intoId: target.id });
      target.input = {
        ...target.input,
        participantUnitIds: [...new Set([...target.input.participantUnitIds, second.id])],
        guests: [target.input.guests, input.guests].filter((g, i, all) => g !== '' && all.indexOf(g) === i).join('; '),
      };
    }

    // 6. The week's course: submitted, perhaps returned and fixed, approved.
    if (ph.submitAt !== null) {
      this.push(ph.submitAt, { t: 'submit', weekStart: frame.weekStart, by: (r.chance(0.7) ? people.officeDeputy : people.officeHead).id, note: SUBMIT_NOTE });
    }
    if (ph.returned && ph.approveAt !== null) {
      this.push(ph.returned.at, { t: 'return', weekStart: frame.weekStart, by: people.chairman.id, reason: r.pick(RETURN_REASONS) });
      const movable = engagements.filter((e) => e.live && !e.fixed && e.input.start !== null && e.input.roomId !== null);
      if (movable.length > 0) {
        const en = r.pick(movable);
        const moved = this.place(occ, frame, { ...textOf(en.input), venue: 'room' }, en.input.chairId, en.input.participantUserIds, r, { ignore: en.id });
        if (moved && !sameSlot(moved, en.input)) {
          this.move(occ, en, moved);
          this.push(ph.returned.fixAt, { t: 'update', id: en.id, by: this.compiler(r).id, patch: timePatch(moved), reason: '' });
        }
      }
      this.push(ph.returned.resubmitAt, { t: 'submit', weekStart: frame.weekStart, by: people.officeDeputy.id, note: SUBMIT_NOTE });
    }
    if (ph.approveAt !== null) this.push(ph.approveAt, { t: 'approve', weekStart: frame.weekStart, by: (r.chance(0.85) ? people.chairman : people.vice[0]!).id, note: '' });

    // 7. After publication: 0–4 revisions; the current week has at least one, the showcase meeting moved.
    if (ph.approveAt !== null) this.planRevisions(frame, ph.approveAt, occ, engagements, r, showcase, newId);
  }

  private move(occ: Occupancy, en: Engagement, to: Input): void {
    occ.release(en.id);
    en.input = { ...en.input, date: to.date, part: to.part, start: to.start, end: to.end, roomId: to.roomId };
    occ.take(en.id, en.input);
  }

  private planRevisions(frame: WeekFrame, approvedAt: number, occ: Occupancy, engagements: Engagement[], r: Random, showcase: { en: Engagement; to: Input } | null, newId: () => string): void {
    const { people } = this;
    const weekEnd = msAt(dayOfIso(frame.weekStart) + 4, 1020);
    const current = frame.offset === 0;
    // The current week's changes so far: none after now.
    const horizon = current ? Math.min(weekEnd, this.endMs - MINUTE) : weekEnd;
    let count = r.weighted<number>([[0, 25], [1, 30], [2, 22], [3, 13], [4, 10]]);
    if (current) count = Math.max(count, 2);
    let last = approvedAt + 20 * MINUTE;
    const startMs = (e: Engagement): number => msAt(dayOfIso(e.input.date), entryInterval(e.input).start);
    const by = (): string => (r.chance(0.2) ? people.officeDeputy : this.compiler(r)).id;

    // The showcase first: moved to the later slot kept for it, the chairman's reason. It stays
    // as moved (fixed: no later revision of this plan touches it).
    if (showcase) {
      occ.release(`${showcase.en.id}#moved`);
      const hi = Math.min(startMs(showcase.en) - 60 * MINUTE, horizon);
      if (officeSpans(last, hi).total > 0) {
        const at = between(last, hi, r);
        this.move(occ, showcase.en, showcase.to);
        this.push(at, { t: 'update', id: showcase.en.id, by: by(), patch: timePatch(showcase.to), reason: MOVE_REASONS[0] as string });
        last = at;
        count -= 1;
      }
    }

    for (let k = 0; k < count; k++) {
      const kind = r.weighted<'move' | 'cancel' | 'add' | 'room' | 'chair' | 'participants'>([
        ['move', 35],
        ['cancel', 20],
        ['add', 20],
        ['room', 10],
        ['chair', 5],
        ['participants', 10],
      ]);
      if (kind === 'add') {
        if (officeSpans(last, horizon).total < 30 * MINUTE) continue;
        const at = between(last, horizon, r);
        const unit = people.units.get(r.weighted(UNIT_WEIGHT)) ?? null;
        const minDay = vnDay(at) + 1;
        const days = frame.days.filter((d) => d >= minDay);
        if (!unit || days.length === 0) continue;
        const text = unitEngagement(r, unit.key, isoDay(r.pick(days)));
        if (!text) continue;
        const input0 = this.place(occ, frame, text, this.chairFor(unit, r).id, this.participantsFor(unit, r), r, { minDay });
        if (!input0) continue;
        const input = { ...input0, preparingUnitId: unit.id };
        const id = newId();
        if (r.chance(0.5) || officeSpans(last, at).total === 0) {
          this.push(at, { t: 'add', id, by: by(), input, reason: r.pick(ADD_REASONS) });
        } else {
          // A late request from the unit, accepted: "Bổ sung" all the same.
          const requester = this.unitMember(unit, r);
          const askedAt = between(last, at, r);
          if (askedAt >= at) continue;
          this.push(askedAt, { t: 'request', id, by: requester.id, input });
          this.push(at, { t: 'accept', id, by: by(), patch: {} });
        }
        occ.take(id, input);
        engagements.push({ id, input, live: true, fixed: false, unit });
        last = at;
        continue;
      }
      const candidates = engagements.filter((e) => e.live && !e.fixed && startMs(e) - 60 * MINUTE > last + 10 * MINUTE && (kind !== 'room' || e.input.roomId !== null) && (kind !== 'chair' || e.input.chairId === people.chairman.id));
      if (candidates.length === 0) continue;
      const en = r.pick(candidates);
      const hi = Math.min(startMs(en) - 60 * MINUTE, horizon);
      if (officeSpans(last, hi).total === 0) continue;
      const at = between(last, hi, r);
      if (kind === 'move') {
        const days = frame.days.filter((d) => d >= vnDay(at));
        const moved = this.place(occ, frame, { ...textOf(en.input), venue: en.input.start === '07:00' ? 'field' : 'room' }, en.input.chairId, en.input.participantUserIds, r, { days, afterMs: at + 60 * MINUTE, ignore: en.id });
        if (!moved) continue;
        // The same room when it is free at the new time; an engagement out of the office stays out.
        const same = { ...moved, roomId: en.input.roomId };
        const to = en.input.roomId === null || occ.free(same, en.id) ? same : moved;
        if (sameSlot(to, en.input) || !occ.free(to, en.id)) continue;
        this.move(occ, en, to);
        this.push(at, { t: 'update', id: en.id, by: by(), patch: { ...timePatch(to), roomId: to.roomId }, reason: r.pick(MOVE_REASONS) });
      } else if (kind === 'cancel') {
        const reason = r.pick(CANCEL_REASONS);
        this.push(at, { t: 'cancel', id: en.id, by: by(), reason });
        occ.release(en.id);
        en.live = false;
        if (reason.includes('tuần sau')) this.carry.push({ text: textOf(en.input), unit: en.unit, chairId: en.input.chairId, participants: en.input.participantUserIds, earliest: at });
      } else if (kind === 'room') {
        const options = [this.rooms.room1, this.rooms.room2, this.rooms.hall].filter((x) => x !== en.input.roomId);
        const to = options.map((roomId) => ({ ...en.input, roomId })).find((i) => occ.free(i, en.id));
        if (!to) continue;
        occ.release(en.id);
        en.input = to;
        occ.take(en.id, to);
        this.push(at, { t: 'update', id: en.id, by: by(), patch: { roomId: to.roomId }, reason: r.pick(ROOM_REASONS) });
      } else if (kind === 'chair') {
        const to = people.vice.map((v) => ({ ...en.input, chairId: v.id, participantUserIds: en.input.participantUserIds.filter((p) => p !== v.id) })).find((i) => occ.free(i, en.id));
        if (!to) continue;
        occ.release(en.id);
        en.input = to;
        occ.take(en.id, to);
        this.push(at, { t: 'update', id: en.id, by: by(), patch: { chairId: to.chairId, participantUserIds: to.participantUserIds }, reason: CHAIR_REASONS[0] as string });
      } else {
        const unit = en.unit;
        const extra = unit ? [...unit.specialists, ...unit.leaders].find((u) => !en.input.participantUserIds.includes(u.id) && occ.free({ ...en.input, participantUserIds: [u.id], chairId: null, roomId: null }, en.id)) : undefined;
        if (!extra) continue;
        const to = { ...en.input, participantUserIds: [...en.input.participantUserIds, extra.id] };
        occ.release(en.id);
        en.input = to;
        occ.take(en.id, to);
        this.push(at, { t: 'update', id: en.id, by: by(), patch: { participantUserIds: to.participantUserIds }, reason: 'Bổ sung thành phần tham dự.' });
      }
      last = at;
    }
  }
}

const sameSlot = (a: Input, b: Input): boolean => a.date === b.date && a.part === b.part && a.start === b.start && a.end === b.end && a.roomId === b.roomId;

function textOf(i: Input): EngagementText {
  return { content: i.content, venue: 'room', place: i.place, guests: i.guests, notes: i.notes, highlight: i.highlight };
}

function timePatch(i: Input): EntryPatch {
  return { date: i.date, part: i.part, start: i.start, end: i.end, roomId: i.roomId };
}

/** A unit's engagement of the given venue on `day` (a few draws; null when none fits the season). */
function unitEngagementOf(r: Random, unit: UnitKey, day: number, venue: EngagementText['venue']): EngagementText | null {
  for (let i = 0; i < 30; i++) {
    const t = unitEngagement(r, unit, isoDay(day));
    if (t && t.venue === venue) return t;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Running the shared rules over the plan, in the order of time.

const ON_ENTRY = {
  request: requestEntryMutation,
  add: addEntryMutation,
  update: updateEntryMutation,
  accept: acceptEntryMutation,
  reject: rejectEntryMutation,
  merge: mergeEntryMutation,
  withdraw: withdrawEntryMutation,
  cancel: cancelEntryMutation,
} as const;
const ON_WEEK = { submit: submitWeekMutation, return: returnWeekMutation, approve: approveWeekMutation } as const;

type EntryDef = AnyMutationDef & { apply(current: ScheduleEntry | null, args: unknown, ctx: RuleContext, facts: EntryRuleFacts): ScheduleEntry };
type WeekDef = AnyMutationDef & { apply(current: ScheduleWeek | null, args: unknown, ctx: RuleContext, facts: undefined): ScheduleWeek };

type WeekStep = Extract<Step, { weekStart: string }>;
const isWeekStep = (s: Step): s is WeekStep => s.t === 'submit' || s.t === 'approve' || s.t === 'return';

function argsOf(step: Step): Record<string, unknown> {
  switch (step.t) {
    case 'request':
      return { entryId: step.id, ...step.input };
    case 'add':
      return { entryId: step.id, ...step.input, reason: step.reason };
    case 'update':
      return { entryId: step.id, patch: step.patch, reason: step.reason };
    case 'accept':
      return { entryId: step.id, patch: step.patch };
    case 'reject':
    case 'cancel':
      return { entryId: step.id, reason: step.reason };
    case 'merge':
      return { entryId: step.id, intoId: step.intoId };
    case 'withdraw':
      return { entryId: step.id };
    case 'submit':
    case 'approve':
      return { weekId: '', weekStart: step.weekStart, note: step.note };
    case 'return':
      return { weekId: '', weekStart: step.weekStart, reason: step.reason };
  }
}

function run(steps: readonly Timed[], org: OrgView, agencyId: string, endMs: number): DemoSchedule {
  const users = new Map(org.users.map((u) => [u.id, u]));
  const entries = new Map<string, ScheduleEntry>();
  const weeks = new Map<string, ScheduleWeek>();
  const weekOf = (date: string): string => scheduleWeekId(agencyId, weekStartOf(date));
  const ordered = [...steps].sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const { at, step } of ordered) {
    if (at >= endMs) break;
    const actor: UserSummary | undefined = users.get(step.by);
    if (!actor) throw new Error(`demo schedule: unknown user ${step.by}`);
    const ctx: RuleContext = { actor, org, now: new Date(at) };
    const what = `${step.t} ${'id' in step ? step.id : step.weekStart} by ${actor.username} at ${new Date(at).toISOString()}`;
    try {
      if (isWeekStep(step)) {
        const def = ON_WEEK[step.t] as unknown as WeekDef;
        const id = scheduleWeekId(agencyId, step.weekStart);
        const args = def.args.parse({ ...argsOf(step), weekId: id });
        weeks.set(id, def.apply(weeks.get(id) ?? null, args, ctx, undefined));
        continue;
      }
      const def = ON_ENTRY[step.t] as unknown as EntryDef;
      const before = entries.get(step.id) ?? null;
      const date = before?.date ?? (step.t === 'request' || step.t === 'add' ? step.input.date : null);
      if (date === null) throw new Error('no such entry');
      const weekId = weekOf(date);
      const week = weeks.get(weekId) ?? null;
      const into = step.t === 'merge' ? (entries.get(step.intoId) ?? null) : null;
      const after = def.apply(before, def.args.parse(argsOf(step)), ctx, { week, into });
      entries.set(after.id, after);
      if (madeRevision(before, after)) weeks.set(weekId, reviseWeek(weeks.get(weekId)!, after, ctx));
      if (step.t === 'merge' && into) {
        const target = mergeIntoTarget(into, after, ctx, weeks.get(weekId) ?? null);
        entries.set(target.id, target);
        if (madeRevision(into, target)) weeks.set(weekId, reviseWeek(weeks.get(weekId)!, target, ctx));
      }
    } catch (err) {
      throw new Error(`demo schedule: ${what} refused (${String(err)})`, { cause: err });
    }
  }
  return { entries: [...entries.values()], weeks: [...weeks.values()].sort((a, b) => a.weekStart.localeCompare(b.weekStart)) };
}

/**
 * The demo agency's schedule records. `rulesOrg` is the organisation as the server loaded it
 * (the rules' view, with its schedule settings: demoScheduleSettings); `org` gives its shape.
 */
export function demoSchedule(org: DemoOrg, rulesOrg: OrgView, options: DemoScheduleOptions): DemoSchedule {
  const { endDate, weeksBack, weeksAhead } = options;
  if (!Number.isInteger(weeksBack) || weeksBack < 0 || !Number.isInteger(weeksAhead) || weeksAhead < 0) throw new RangeError('weeksBack and weeksAhead are whole numbers ≥ 0');
  if (!rulesOrg.schedule?.officeUnitId) throw new Error('the organisation has no schedule settings (demoScheduleSettings)');
  const endMs = endDate.getTime();
  const today = vnDay(endMs);
  const seed = `ioffice-demo/schedule/${org.agency.id}/${weeksBack}/${weeksAhead}/${endDate.toISOString()}`;
  const perWeek = options.perWeek ?? [15, 35];
  if (!(perWeek[0] >= 0 && perWeek[1] >= perWeek[0])) throw new RangeError('perWeek: [min, max] with 0 ≤ min ≤ max');
  const planner = new Planner(peopleOf(org), org.agency.id, `${seed}/${perWeek.join('-')}`, endMs, today, perWeek);
  const thisWeek = weekStartOf(isoDay(today));
  for (let offset = -weeksBack; offset <= weeksAhead; offset++) {
    const weekStart = addDays(thisWeek, offset * 7);
    const monday = dayOfIso(weekStart);
    const days = [0, 1, 2, 3, 4, 5, 6].map((i) => monday + i).filter(working);
    planner.planWeek({ weekStart, offset, days });
  }
  return run(planner.steps, rulesOrg, org.agency.id, endMs);
}
