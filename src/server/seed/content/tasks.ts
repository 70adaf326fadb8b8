/**
 * The demo agency's tasks (Công việc) over the same two years as its incoming documents:
 * given by the agency's leaders to units and people (some from a document, "Giao việc"),
 * handed down inside units, reported on, extended, returned, chased, completed, sent back,
 * accepted and evaluated, with sub-tasks given by unit leaders.
 *
 * Every state is what the shared rules give: each step is a tasks MutationDef (its zod args,
 * then its `apply`) run as the person at the moment, so a state the server stores is one
 * people could have made. Time only moves forward, in working hours of Vietnam's working-day
 * calendar, and stops at `endDate` (the demo's "now"): a task whose next step would come
 * later stays as it is — open, overdue, due soon or awaiting acceptance.
 *
 * The story the dashboard tells: most work is delivered by its deadline (about 93%), the
 * Public Administration Service Centre best and the Economic Division worst, some people
 * slower than others, a little better in the second year than the first, worse in December.
 *
 * Deterministic: the same organisation, documents and options give the same tasks, ids included.
 */
import type { OrgView } from '../../../shared/domain/org.js';
import type { RuleContext } from '../../../shared/domain/ruleContext.js';
import { addWorkingDays, isWorkingDay } from '../../../shared/domain/workingDays.js';
import type { UserSummary } from '../../../shared/model/organisation.js';
import {
  acceptTaskMutation,
  chaseTaskMutation,
  completeTaskMutation,
  createTaskMutation,
  decideExtensionMutation,
  mainAssignment,
  reassignTaskMutation,
  reportTaskMutation,
  requestExtensionMutation,
  returnTaskMutation,
  sendBackTaskMutation,
  updateTaskMutation,
  type Task,
  type TaskMutationArgs,
  type TaskMutationInput,
  type TaskMutationName,
  type TaskPriority,
  type TaskSource,
} from '../../../shared/tasks/schemas.js';
import type { MutationDef } from '../../../shared/sync/registry.js';
import type { UnitKey } from './catalogue.js';
import type { DemoIncoming } from './documents.js';
import { DEMO_USERS, type DemoOrg, type DemoUnit, type DemoUser } from './organisation.js';
import { createRandom, uuidFromName, type Random } from './random.js';
import {
  acceptanceComment,
  CHASES_AFTER,
  CHASES_BEFORE,
  contributionNote,
  COOPERATOR_NOTES,
  documentTaskText,
  EXTENSION_APPROVALS,
  EXTENSION_REASONS,
  EXTENSION_REFUSALS,
  PROGRESS_NOTES,
  resultNote,
  RETURN_REFUSALS,
  returnReason,
  REWORK_REASONS,
  SUBTASK_PARTS,
  SUBTASK_RESULTS,
  subTaskTitle,
  unitTaskText,
  type DocumentForText,
  type TaskText,
} from './taskTexts.js';

/** What a task given from an incoming document needs to know of it. */
export interface DemoTaskDocument extends DocumentForText {
  id: string;
  /** The agency leader who assigned the document, and when (ISO). */
  assignedBy: string;
  assignedAt: string;
  /** The unit the document was given to as main handler. */
  mainUnitId: string;
}

/**
 * A document a leader may give a task from: assigned to a unit, not a duplicate, not
 * confidential (a task's title would show its subject to everyone on the task), and about
 * work to do (not an invitation or minutes). The assigning leader sees it, as every agency
 * leader sees every document.
 */
export function taskSourceOf(d: DemoIncoming): DemoTaskDocument | null {
  const p = d.plan;
  const main = p.assignments?.find((a) => a.role === 'main' && a.unitId !== undefined);
  if (!main?.unitId || !p.assignedBy || !p.assignedAt || d.duplicateOf !== null) return null;
  const m = d.metadata;
  if (m.confidentiality !== 'normal' || m.documentType === 'Giấy mời' || m.documentType === 'Biên bản') return null;
  return {
    id: d.id,
    assignedBy: p.assignedBy,
    assignedAt: p.assignedAt,
    mainUnitId: main.unitId,
    documentType: m.documentType,
    codeNumber: m.codeNumber,
    codeNotation: m.codeNotation,
    issuedDate: m.issuedDate,
    issuer: m.issuer,
    subject: m.subject,
  };
}

export interface DemoTasksOptions {
  /** Top-level tasks; their sub-tasks come in addition. */
  count: number;
  endDate: Date;
  years: number;
  /** Candidates for "Giao việc" from a document (taskSourceOf), in any order. */
  documents: readonly DemoTaskDocument[];
}

// ---------------------------------------------------------------------------------------------
// Time in Vietnam (UTC+7), in days since 1970-01-01 and working minutes.

const DAY = 86_400_000;
const MINUTE = 60_000;
const OFFSET = 7 * 3_600_000;
/** Working hours: 07:30–11:30 and 13:30–17:00. */
const MORNING = [450, 690] as const;
const AFTERNOON = [810, 1020] as const;
const WORK_MINUTES = MORNING[1] - MORNING[0] + (AFTERNOON[1] - AFTERNOON[0]);

const vnDay = (ms: number): number => Math.floor((ms + OFFSET) / DAY);
const msAt = (day: number, minute: number): number => day * DAY + minute * MINUTE - OFFSET;
const minuteOf = (ms: number): number => Math.floor(((ms + OFFSET) % DAY) / MINUTE);
const isoDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const dayOfIso = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const working = (day: number): boolean => isWorkingDay(isoDay(day));
const addWd = (day: number, n: number): number => dayOfIso(addWorkingDays(isoDay(day), n));
function subWd(day: number, n: number): number {
  let d = day;
  for (let k = 0; k < n; ) if (working(--d)) k += 1;
  return d;
}

function momentOn(day: number, r: Random): number {
  const m = r.int(0, WORK_MINUTES - 1);
  const minute = m < MORNING[1] - MORNING[0] ? MORNING[0] + m : AFTERNOON[0] + m - (MORNING[1] - MORNING[0]);
  return msAt(day, minute) + r.int(0, 59) * 1000;
}

/**
 * A working moment on `day` after `after`: any time that day if it is later, else a little
 * after `after` (not much past the end of the afternoon).
 */
function onDayAfter(day: number, after: number, r: Random): number {
  if (day > vnDay(after)) return momentOn(day, r);
  const left = Math.floor((msAt(day, AFTERNOON[1]) - after) / MINUTE);
  return after + r.int(3, Math.max(3, Math.min(60, left))) * MINUTE + r.int(0, 59) * 1000;
}

/** The same moment if it is working time, else the start of the next working window. */
function nextWorking(ms: number, r: Random): number {
  let day = vnDay(ms);
  const minute = minuteOf(ms);
  if (working(day)) {
    if (minute < MORNING[0]) return msAt(day, MORNING[0]) + r.int(0, 25) * MINUTE;
    if (minute < MORNING[1]) return ms;
    if (minute < AFTERNOON[0]) return msAt(day, AFTERNOON[0]) + r.int(0, 25) * MINUTE;
    if (minute < AFTERNOON[1]) return ms;
  }
  do day += 1;
  while (!working(day));
  return msAt(day, MORNING[0]) + r.int(0, 40) * MINUTE;
}

const minutesAfter = (from: number, r: Random, min: number, max: number): number => nextWorking(from + r.int(min, max) * MINUTE, r);
/** `n` working days after `from` (0: later the same day). */
const workingDaysAfter = (from: number, n: number, r: Random): number => (n <= 0 ? onDayAfter(vnDay(from), from, r) : momentOn(addWd(vnDay(from), n), r));

/** A moment strictly between `a` and `b`, uniform over the working time between them (halfway when there is none). */
function between(a: number, b: number, r: Random): number {
  const spans: (readonly [number, number])[] = [];
  let total = 0;
  for (let d = vnDay(a), last = vnDay(b); d <= last; d++) {
    if (!working(d)) continue;
    for (const [s, e] of [MORNING, AFTERNOON]) {
      const lo = Math.max(msAt(d, s), a + MINUTE);
      const hi = Math.min(msAt(d, e), b - MINUTE);
      if (hi > lo) (spans.push([lo, hi]), (total += hi - lo));
    }
  }
  if (total === 0) return a + Math.max(1, Math.floor((b - a) / 2));
  let x = Math.floor(r.next() * total);
  for (const [lo, hi] of spans) {
    if (x < hi - lo) return lo + x;
    x -= hi - lo;
  }
  return a + Math.max(1, Math.floor((b - a) / 2));
}

// ---------------------------------------------------------------------------------------------
// The organisation as the story needs it.

interface UnitView {
  unit: DemoUnit;
  key: UnitKey;
  leaders: DemoUser[];
  specialists: DemoUser[];
}

interface View {
  chairman: DemoUser;
  agencyLeaders: DemoUser[];
  units: UnitView[];
  byId: Map<string, UnitView>;
  byKey: Map<string, UnitView>;
  leaderFor(unit: UnitView, r: Random): DemoUser;
}

function viewOf(org: DemoOrg): View {
  const root = org.units.find((u) => u.parentId === null);
  if (!root) throw new Error('the organisation has no root unit');
  const agencyLeaders = org.users.filter((u) => u.unitId === root.id && u.role === 'leader');
  const chairman = agencyLeaders.find((u) => u.position === 'Chủ tịch') ?? agencyLeaders[0];
  if (!chairman) throw new Error('the organisation has no agency leader');
  const units = org.units
    .filter((u) => u.parentId !== null)
    .map((unit) => ({
      unit,
      key: unit.abbreviation as UnitKey,
      leaders: org.users.filter((u) => u.unitId === unit.id && u.role === 'leader'),
      specialists: org.users.filter((u) => u.unitId === unit.id && u.role === 'specialist'),
    }))
    .filter((v) => v.leaders.length > 0);
  if (units.length === 0) throw new Error('the organisation has no unit with a leader');
  const vice = agencyLeaders.filter((u) => u !== chairman);
  // The vice-chairmen in charge of fields (economy; culture and society; internal affairs);
  // the chairman directs the Office's own divisions.
  const sector: Partial<Record<string, number>> = { KT: 0, KGVX: 1, NC: 2, BTCD: 2, TTPVHCC: 2 };
  return {
    chairman,
    agencyLeaders,
    units,
    byId: new Map(units.map((v) => [v.unit.id, v])),
    byKey: new Map(units.map((v) => [v.key, v])),
    leaderFor(unit, r) {
      const i = sector[unit.key];
      const inCharge = i !== undefined ? vice[i % Math.max(1, vice.length)] : undefined;
      if (inCharge && r.chance(0.75)) return inCharge;
      return r.chance(0.75) || agencyLeaders.length === 1 ? chairman : r.pick(agencyLeaders);
    },
  };
}

/** How much of the work each unit gives is late before anyone asks for more time (raw, per task). */
const UNIT_LATENESS: Partial<Record<string, number>> = { TTPVHCC: 0.025, VP: 0.05, TH: 0.055, HCTC: 0.06, KGVX: 0.09, NC: 0.095, BTCD: 0.11, KT: 0.12 };
const UNIT_VOLUME: Partial<Record<string, number>> = { KT: 22, TH: 18, NC: 13, KGVX: 13, HCTC: 12, TTPVHCC: 9, BTCD: 7, VP: 6 };

/** Some people are quicker than others: a fixed factor per person on the chance of being late. */
function paceOf(user: DemoUser): number {
  return 0.55 + 1.05 * createRandom(`ioffice-demo/tasks/pace/${user.username}`).next();
}

const DEADLINE_DAYS: readonly (readonly [number, number])[] = [
  [3, 6], [5, 20], [7, 14], [10, 24], [15, 16], [20, 10], [30, 7], [45, 3],
];
const LATENESS: readonly (readonly [number, number])[] = [
  [1, 35], [2, 25], [3, 15], [5, 10], [8, 8], [13, 5], [20, 2],
];
const PRIORITY: readonly (readonly [TaskPriority, number])[] = [
  ['normal', 78], ['high', 12], ['low', 7], ['urgent', 3],
];

// ---------------------------------------------------------------------------------------------
// Running the shared rules.

const ON_TASK = {
  'tasks.update': updateTaskMutation,
  'tasks.reassign': reassignTaskMutation,
  'tasks.report': reportTaskMutation,
  'tasks.requestExtension': requestExtensionMutation,
  'tasks.decideExtension': decideExtensionMutation,
  'tasks.return': returnTaskMutation,
  'tasks.complete': completeTaskMutation,
  'tasks.accept': acceptTaskMutation,
  'tasks.sendBack': sendBackTaskMutation,
  'tasks.chase': chaseTaskMutation,
} as const;
type StepName = keyof typeof ON_TASK & TaskMutationName;
type StepInput<N extends StepName> = Omit<TaskMutationInput<N>, 'taskId'>;

interface World {
  org: OrgView;
  users: Map<string, UserSummary>;
  endMs: number;
}

const isoAt = (ms: number): string => new Date(ms).toISOString();

/**
 * One task's life, step by step: each step is a MutationDef's args parsed, then applied as
 * `actor` at `at`. Steps keep strictly increasing times; the first one at or after the end
 * stops the run, and every later one is skipped.
 */
class TaskRun {
  task: Task | null = null;
  at = 0;
  stopped = false;
  private n = 0;

  constructor(
    private readonly world: World,
    readonly id: string,
    private readonly r: Random,
  ) {}

  /** A new id for something inside the task (an assignment, a report, …). */
  newId(what: string): string {
    return uuidFromName(`${this.id}/${what}/${this.n++}`);
  }

  private ctx(actorId: string, at: number): RuleContext {
    const actor = this.world.users.get(actorId);
    if (!actor) throw new Error(`demo task ${this.id}: unknown user ${actorId}`);
    return { actor, org: this.world.org, now: new Date(at) };
  }

  /** The time a step happens: `at`, but never at or before the previous step. */
  private when(at: number): number | null {
    if (this.stopped) return null;
    const t = at > this.at ? at : this.at + this.r.int(1, 5) * MINUTE;
    if (t >= this.world.endMs) {
      this.stopped = true;
      return null;
    }
    return t;
  }

  create(at: number, actorId: string, input: Omit<TaskMutationInput<'tasks.create'>, 'taskId'>, parent: Task | null = null): boolean {
    const t = this.when(at);
    if (t === null) return false;
    try {
      const args = createTaskMutation.args.parse({ ...input, taskId: this.id });
      this.task = createTaskMutation.apply(null, args, this.ctx(actorId, t), { parent });
    } catch (err) {
      throw new Error(`demo task ${this.id}: tasks.create at ${isoAt(t)} refused (${String(err)})`, { cause: err });
    }
    this.at = t;
    return true;
  }

  step<N extends StepName>(at: number, actorId: string, name: N, input: StepInput<N>): boolean {
    if (this.task === null) return false;
    const t = this.when(at);
    if (t === null) return false;
    const def = ON_TASK[name] as unknown as MutationDef<Task, TaskMutationArgs<N>, undefined>;
    try {
      const args = def.args.parse({ ...input, taskId: this.id });
      this.task = def.apply(this.task, args, this.ctx(actorId, t), undefined);
    } catch (err) {
      throw new Error(`demo task ${this.id}: ${name} by ${actorId} at ${isoAt(t)} refused (${String(err)})`, { cause: err });
    }
    this.at = t;
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// One top-level task and its sub-tasks.

interface TopSpec {
  id: string;
  r: Random;
  createdAt: number;
  assigner: DemoUser;
  unit: UnitView;
  text: TaskText;
  source: TaskSource | null;
  /** Position in the two years, 0..1: later work is a little more punctual. */
  progress: number;
}

interface Gen {
  world: World;
  view: View;
  todayDay: number;
  pace: Map<string, number>;
}

type MidEvent = { at: number; run: () => void };

function sortedRun(events: MidEvent[]): void {
  events.sort((a, b) => a.at - b.at);
  for (const e of events) e.run();
}

/** A completion day by `hi`, most often in its last third (people finish close to the deadline). */
function onTimeDay(lo: number, hi: number, r: Random): number {
  if (hi <= lo) return lo;
  if (r.chance(0.22)) return hi;
  const span = workingDaysBetweenDays(lo, hi);
  const u = r.next();
  return addWd(lo, Math.round((1 - u * u) * span));
}

function workingDaysBetweenDays(a: number, b: number): number {
  let n = 0;
  for (let d = a + 1; d <= b; d++) if (working(d)) n += 1;
  return n;
}

const maxDay = (a: number, b: number): number => (a > b ? a : b);

function generateTop(g: Gen, s: TopSpec): Task[] {
  const { r } = s;
  const { view } = g;
  const run = new TaskRun(g.world, s.id, r);
  const startDay = vnDay(s.createdAt);
  const urgent = s.text.priority === 'urgent';
  const n = urgent ? r.int(1, 3) : r.weighted(DEADLINE_DAYS);
  let deadline = addWd(startDay, n);
  const priority: TaskPriority = s.text.priority ? (s.text.priority === 'high' && r.chance(0.4) ? 'normal' : s.text.priority) : r.weighted(PRIORITY);

  // Who: a unit (handed down inside it), or now and then a person directly.
  let unit = s.unit;
  const person: DemoUser | null = r.chance(0.2) ? (unit.specialists.length > 0 && r.chance(0.7) ? r.pick(unit.specialists) : r.pick(unit.leaders)) : null;
  const others = view.units.filter((v) => v !== unit);
  const coops = r.sample(others, r.weighted<number>([[0, 55], [1, 35], [2, 10]]));
  const info = view.agencyLeaders.filter((u) => u.id !== s.assigner.id);
  const infoLeader = info.length > 0 && r.chance(0.2) ? r.pick(info) : null;
  const created = run.create(s.createdAt, s.assigner.id, {
    parentId: null,
    source: s.source,
    title: s.text.title,
    description: s.text.description,
    priority,
    startDate: isoDay(startDay),
    deadline: r.chance(0.6) ? { workingDays: n } : { date: isoDay(deadline) },
    main: person ? { id: run.newId('assignment'), userId: person.id } : { id: run.newId('assignment'), unitId: unit.unit.id },
    cooperate: coops.map((c) => ({ id: run.newId('assignment'), unitId: c.unit.id })),
    info: infoLeader ? [{ id: run.newId('assignment'), userId: infoLeader.id }] : [],
  });
  if (!created) return [];
  const finish = (subs: Task[] = []): Task[] => [run.task as Task, ...subs];

  // 1. Now and then the unit hands it back; the leader gives it to another unit or insists.
  const unitLeader = (v: UnitView): DemoUser => (v.leaders.length === 1 || r.chance(0.65) ? (v.leaders[0] as DemoUser) : r.pick(v.leaders));
  let leader = unitLeader(unit);
  if (r.chance(0.03)) {
    const other = r.pick(others.filter((o) => !coops.includes(o)).length > 0 ? others.filter((o) => !coops.includes(o)) : others);
    const returner = person ?? leader;
    if (!run.step(workingDaysAfter(run.at, r.int(0, 2), r), returner.id, 'tasks.return', { reason: returnReason(r, other.unit.name) })) return finish();
    const respondAt = r.chance(0.5) ? minutesAfter(run.at, r, 30, 300) : workingDaysAfter(run.at, 1, r);
    if (person === null && r.chance(0.55)) {
      const respondDay = vnDay(respondAt);
      const newDeadline = maxDay(deadline, addWd(respondDay, Math.max(3, Math.ceil(n / 2))));
      const ok = run.step(respondAt, s.assigner.id, 'tasks.update', {
        main: { id: run.newId('assignment'), unitId: other.unit.id },
        ...(newDeadline !== deadline ? { deadline: { date: isoDay(newDeadline) } } : {}),
      });
      if (!ok) return finish();
      deadline = newDeadline;
      unit = other;
      leader = unitLeader(unit);
    } else if (!run.step(respondAt, s.assigner.id, 'tasks.sendBack', { reason: r.pick(RETURN_REFUSALS) })) return finish();
  }

  // 2. The unit's leader hands it down to a specialist (and sometimes a second to help).
  let handler: DemoUser = person ?? leader;
  let helper: DemoUser | null = null;
  if (person === null && unit.specialists.length > 0 && r.chance(0.85)) {
    const at = r.chance(0.6) ? minutesAfter(run.at, r, 10, 180) : workingDaysAfter(run.at, 1, r);
    const [first, second] = r.sample(unit.specialists, 2);
    const main = mainAssignment(run.task as Task);
    const earlier = subWd(deadline, 1);
    const handDeadline = r.chance(0.3) && earlier >= vnDay(at) ? isoDay(earlier) : null;
    const withHelper = second !== undefined && r.chance(0.25);
    const ok = run.step(at, leader.id, 'tasks.reassign', {
      parentAssignmentId: (main as NonNullable<typeof main>).id,
      assignments: [
        { id: run.newId('assignment'), role: 'main', userId: (first as DemoUser).id, deadline: handDeadline },
        ...(withHelper ? [{ id: run.newId('assignment'), role: 'cooperate' as const, userId: second.id, deadline: handDeadline }] : []),
      ],
    });
    if (!ok) return finish();
    handler = first as DemoUser;
    helper = withHelper ? second : null;
  }

  // 3. How it will go: on time, late, extended, stalled.
  const month = Number(isoDay(startDay).slice(5, 7));
  const seasonal = month === 12 ? 1.35 : month <= 2 ? 1.15 : 1;
  const pLate = (UNIT_LATENESS[unit.key] ?? 0.1) * (g.pace.get(handler.id) ?? 1) * (1.3 - 0.5 * s.progress) * seasonal * (n <= 3 ? 1.4 : 1);
  const rawLate = r.chance(Math.min(0.6, pLate));
  const lateness = r.weighted(LATENESS);
  const stalled = deadline < g.todayDay && deadline >= g.todayDay - 90 && r.chance(0.08 * (g.pace.get(handler.id) ?? 1));
  const asksMore = !stalled && (rawLate ? r.chance(0.55) : r.chance(0.03));
  const approve = r.chance(0.8);
  const workFrom = run.at;
  const events: MidEvent[] = [];
  const subs: Task[] = [];

  let inForce = deadline;
  let completeDay: number;
  let decidedAt = workFrom;
  if (asksMore) {
    const askDay = maxDay(vnDay(workFrom), subWd(deadline, r.int(0, 2)));
    const askAt = onDayAfter(askDay, workFrom, r);
    const newDeadline = maxDay(addWd(deadline, (rawLate ? lateness : 0) + r.int(1, 3)), addWd(vnDay(askAt), 1));
    decidedAt = minutesAfter(askAt, r, 20, 600);
    const extensionId = run.newId('extension');
    events.push({ at: askAt, run: () => void run.step(askAt, handler.id, 'tasks.requestExtension', { extensionId, newDeadline: isoDay(newDeadline), reason: r.pick(EXTENSION_REASONS) }) });
    events.push({
      at: decidedAt,
      run: () => void run.step(decidedAt, s.assigner.id, 'tasks.decideExtension', { extensionId, approve, note: approve ? r.pick(EXTENSION_APPROVALS) : r.pick(EXTENSION_REFUSALS) }),
    });
    if (approve) inForce = newDeadline;
  }
  const lo = maxDay(vnDay(workFrom), vnDay(decidedAt));
  if (rawLate && asksMore && approve) completeDay = r.chance(0.1) ? addWd(inForce, r.int(1, 2)) : maxDay(lo, addWd(deadline, lateness));
  else if (rawLate) completeDay = maxDay(lo, addWd(deadline, asksMore ? Math.max(1, Math.ceil(lateness / 2)) : lateness));
  else completeDay = onTimeDay(lo, inForce, r);
  const completeAt = onDayAfter(completeDay, maxDay(workFrom, decidedAt), r);
  // A stalled task has no end in sight: only the leader's reminders, weeks apart.
  const until = stalled ? g.world.endMs : completeAt;

  // Progress reports by the handler, the parts of those who co-operate.
  const reports = r.sample(PROGRESS_NOTES, r.weighted<number>([[0, 18], [1, 34], [2, 30], [3, 18]])).sort((a, b) => a[0] - b[0]);
  for (const [percent, note] of stalled ? reports.filter(([p]) => p <= 50) : reports) {
    const at = between(workFrom, until, r);
    events.push({ at, run: () => void run.step(at, handler.id, 'tasks.report', { reportId: run.newId('report'), kind: 'progress', percent, note }) });
  }
  for (const c of coops) {
    if (!r.chance(0.45)) continue;
    const at = between(workFrom, until, r);
    const by = c.leaders[0] as DemoUser;
    events.push({ at, run: () => void run.step(at, by.id, 'tasks.report', { reportId: run.newId('report'), kind: 'contribution', note: contributionNote(r, c.unit.name) }) });
  }
  if (helper !== null && r.chance(0.6)) {
    const at = between(workFrom, until, r);
    const by = helper;
    events.push({ at, run: () => void run.step(at, by.id, 'tasks.report', { reportId: run.newId('report'), kind: 'contribution', note: r.pick(COOPERATOR_NOTES) }) });
  }

  // Chases ("Đôn đốc"): the day after a missed deadline, or the day before one.
  if (stalled) {
    for (let day = addWd(inForce, r.int(1, 3)), k = 0; k < 3; day = addWd(day, r.int(5, 12)), k++) {
      const at = momentOn(day, r);
      events.push({ at, run: () => void run.step(at, s.assigner.id, 'tasks.chase', { chaseId: run.newId('chase'), message: r.pick(CHASES_AFTER) }) });
    }
  } else if (completeDay > inForce && r.chance(0.7)) {
    const at = momentOn(addWd(inForce, 1), r);
    if (at > workFrom && at < completeAt) events.push({ at, run: () => void run.step(at, s.assigner.id, 'tasks.chase', { chaseId: run.newId('chase'), message: r.pick(CHASES_AFTER) }) });
  } else if (r.chance(0.1)) {
    const at = momentOn(subWd(inForce, 1), r);
    if (at > workFrom && at < completeAt) events.push({ at, run: () => void run.step(at, s.assigner.id, 'tasks.chase', { chaseId: run.newId('chase'), message: r.pick(CHASES_BEFORE) }) });
  }

  // Sub-tasks: the unit's leader splits the work among the unit's specialists.
  if (person === null && unit.specialists.length > 0 && r.chance(0.1)) {
    const parts = r.sample(SUBTASK_PARTS, r.weighted<number>([[1, 45], [2, 35], [3, 20]]));
    const lastDay = Math.min(vnDay(until), deadline);
    for (const [i, part] of parts.entries()) {
      const at = between(workFrom, Math.min(until, msAt(lastDay, AFTERNOON[1])), r);
      const subLeader = leader;
      const subUnit = unit;
      events.push({
        at,
        run: () => {
          const parent = run.task as Task;
          if (run.stopped || at >= g.world.endMs) return;
          subs.push(...generateSub(g, { id: uuidFromName(`${s.id}/sub/${i}`), r: r.fork(`sub/${i}`), at: Math.max(at, run.at + MINUTE), parent, leader: subLeader, unit: subUnit, part }));
        },
      });
    }
  }
  sortedRun(events);
  if (stalled) return finish(subs);

  // 4. Done: delivered, sometimes sent back for rework, then accepted and evaluated.
  let doneAt = completeAt;
  if (!run.step(doneAt, handler.id, 'tasks.complete', { note: resultNote(r, unit.key, isoDay(vnDay(Math.max(doneAt, run.at))), r.int(100, 4800)) })) return finish(subs);
  doneAt = run.at;
  // Rework mostly when there is time left before the deadline (a leader sends back what can still be fixed).
  const room = addWd(vnDay(doneAt), 4) <= dayOfIso((run.task as Task).deadline);
  if (!rawLate && r.chance(room ? 0.07 : 0.008)) {
    if (!run.step(workingDaysAfter(run.at, r.int(0, 1), r), s.assigner.id, 'tasks.sendBack', { reason: r.pick(REWORK_REASONS) })) return finish(subs);
    const againAt = workingDaysAfter(run.at, r.int(1, 3), r);
    if (!run.step(againAt, handler.id, 'tasks.complete', { note: 'Đã tiếp thu ý kiến, chỉnh sửa, bổ sung theo yêu cầu.' })) return finish(subs);
    doneAt = run.at;
  }
  const onTime = vnDay(doneAt) <= dayOfIso((run.task as Task).deadline);
  const quality = onTime ? r.weighted<number>([[5, 38], [4, 47], [3, 15]]) : r.weighted<number>([[4, 25], [3, 50], [2, 25]]);
  const acceptAt = workingDaysAfter(doneAt, r.weighted<number>([[0, 30], [1, 33], [2, 18], [3, 10], [5, 6], [8, 3]]), r);
  run.step(acceptAt, s.assigner.id, 'tasks.accept', { quality, comment: acceptanceComment(r, onTime, quality) });
  return finish(subs);
}

interface SubSpec {
  id: string;
  r: Random;
  at: number;
  parent: Task;
  leader: DemoUser;
  unit: UnitView;
  /** Which part of the work (SUBTASK_PARTS). */
  part: string;
}

/** A sub-task: the unit leader gives a specialist part of the work, due by the parent's deadline. */
function generateSub(g: Gen, s: SubSpec): Task[] {
  const { r } = s;
  const run = new TaskRun(g.world, s.id, r);
  const startDay = vnDay(s.at);
  const parentDeadline = dayOfIso(s.parent.deadline);
  if (startDay > parentDeadline) return [];
  const n = r.int(2, 6);
  const deadline = Math.min(parentDeadline, addWd(startDay, n));
  const specialist = r.pick(s.unit.specialists);
  const ok = run.create(
    s.at,
    s.leader.id,
    {
      parentId: s.parent.id,
      title: subTaskTitle(s.part, s.parent.title),
      description: 'Thực hiện phần việc được phân công, gửi lãnh đạo phòng tổng hợp.',
      priority: s.parent.priority,
      startDate: isoDay(startDay),
      deadline: deadline === addWd(startDay, n) ? { workingDays: n } : { date: isoDay(deadline) },
      main: { id: run.newId('assignment'), userId: specialist.id },
    },
    s.parent,
  );
  if (!ok) return [];
  const late = r.chance(0.05 * (g.pace.get(specialist.id) ?? 1));
  const completeDay = late ? addWd(deadline, r.int(1, 2)) : onTimeDay(startDay, deadline, r);
  const completeAt = onDayAfter(completeDay, run.at, r);
  if (r.chance(0.5)) {
    const [percent, note] = r.pick(PROGRESS_NOTES.slice(0, 4));
    run.step(between(run.at, completeAt, r), specialist.id, 'tasks.report', { reportId: run.newId('report'), kind: 'progress', percent, note });
  }
  if (!run.step(completeAt, specialist.id, 'tasks.complete', { note: r.pick(SUBTASK_RESULTS) })) return [run.task as Task];
  const onTime = vnDay(run.at) <= deadline;
  const quality = onTime ? r.weighted<number>([[5, 35], [4, 50], [3, 15]]) : r.weighted<number>([[4, 30], [3, 50], [2, 20]]);
  run.step(workingDaysAfter(run.at, r.weighted<number>([[0, 45], [1, 35], [2, 20]]), r), s.leader.id, 'tasks.accept', { quality, comment: acceptanceComment(r, onTime, quality) });
  return [run.task as Task];
}

// ---------------------------------------------------------------------------------------------
// The demo accounts' own work now: something due soon, overdue, awaiting acceptance, awaiting
// a decision on more time, and new — so each role finds work on the first sign-in.

function showcase(g: Gen, org: DemoOrg, seed: string): Task[] {
  const byName = (u: string): DemoUser | undefined => org.users.find((x) => x.username === u);
  const leader = byName(DEMO_USERS.leader);
  const unitLeader = byName(DEMO_USERS.unitLeader);
  const specialist = byName(DEMO_USERS.specialist);
  const unit = unitLeader ? g.view.byId.get(unitLeader.unitId) : undefined;
  if (!leader || !unitLeader || !specialist || !unit || specialist.unitId !== unit.unit.id) return [];
  const today = g.todayDay;
  const ago = (n: number): number => subWd(today, n);
  const ahead = (n: number): number => addWd(today, n);
  const out: Task[] = [];
  const r = createRandom(`${seed}/showcase`);
  const year = Number(isoDay(today).slice(0, 4));
  const coop = g.view.byKey.get('TH');

  /** Created `createdAgo` working days ago, due on `due`, handed down to the specialist the same day. */
  const begin = (key: string, title: string, description: string, createdAgo: number, due: number): TaskRun | null => {
    const run = new TaskRun(g.world, uuidFromName(`${seed}/showcase/${key}`), r.fork(key));
    const created = momentOn(ago(createdAgo), r);
    const n = workingDaysBetweenDays(vnDay(created), due);
    const ok = run.create(created, leader.id, {
      title,
      description,
      priority: 'high',
      startDate: isoDay(vnDay(created)),
      deadline: n >= 1 && addWd(vnDay(created), n) === due ? { workingDays: n } : { date: isoDay(due) },
      main: { id: run.newId('assignment'), unitId: unit.unit.id },
      cooperate: coop ? [{ id: run.newId('assignment'), unitId: coop.unit.id }] : [],
    });
    if (!ok) return null;
    const main = mainAssignment(run.task as Task);
    if (!main) return null;
    run.step(minutesAfter(run.at, r, 20, 90), unitLeader.id, 'tasks.reassign', { parentAssignmentId: main.id, assignments: [{ id: run.newId('assignment'), role: 'main', userId: specialist.id }] });
    return run;
  };

  // Due in two working days, half done.
  const dueSoon = begin('due-soon', `Xây dựng báo cáo tình hình giải ngân vốn đầu tư công quý I năm ${year}`, 'Tổng hợp tỷ lệ giải ngân của các chủ đầu tư; đề xuất điều chuyển vốn của dự án chậm giải ngân.', 6, ahead(2));
  if (dueSoon) {
    dueSoon.step(momentOn(ago(1), r), specialist.id, 'tasks.report', { reportId: dueSoon.newId('report'), kind: 'progress', percent: 50, note: 'Đã tổng hợp số liệu của 12/18 chủ đầu tư; đang đôn đốc các chủ đầu tư còn lại.' });
    out.push(dueSoon.task as Task);
  }
  // Two working days late, chased yesterday.
  const overdue = begin('overdue', `Rà soát hồ sơ đề nghị cấp phép khai thác khoáng sản tại huyện Sa Thầy`, 'Đối chiếu quy hoạch khoáng sản, kết quả thẩm định; đề xuất cấp hoặc không cấp phép.', 12, ago(2));
  if (overdue) {
    overdue.step(momentOn(ago(5), r), specialist.id, 'tasks.report', { reportId: overdue.newId('report'), kind: 'progress', percent: 60, note: 'Đã kiểm tra hồ sơ; đang chờ ý kiến của Sở Tài nguyên và Môi trường.' });
    overdue.step(momentOn(ago(1), r), leader.id, 'tasks.chase', { chaseId: overdue.newId('chase'), message: 'Nhiệm vụ đã quá hạn; đề nghị báo cáo tiến độ và nguyên nhân chậm trễ.' });
    out.push(overdue.task as Task);
  }
  // Delivered yesterday, waiting for the chairman's acceptance.
  const delivered = begin('pending-acceptance', `Tham mưu Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm ${year}`, 'Chủ trì, phối hợp với các sở, ngành xây dựng dự thảo kế hoạch, trình UBND tỉnh ban hành.', 8, ahead(5));
  if (delivered) {
    delivered.step(momentOn(ago(3), r), specialist.id, 'tasks.report', { reportId: delivered.newId('report'), kind: 'progress', percent: 80, note: 'Đã hoàn thiện dự thảo, trình lãnh đạo phòng cho ý kiến.' });
    delivered.step(momentOn(ago(1), r), specialist.id, 'tasks.complete', { note: 'Đã hoàn thiện dự thảo Kế hoạch, kèm Tờ trình trình UBND tỉnh.' });
    out.push(delivered.task as Task);
  }
  // Due tomorrow; the specialist asked yesterday for more time.
  const asking = begin('extension', 'Kiểm tra tiến độ thi công công trình Hồ chứa nước Đăk Pokei', 'Phối hợp với chủ đầu tư kiểm tra hiện trường; báo cáo khó khăn, vướng mắc và đề xuất giải pháp.', 9, ahead(1));
  if (asking) {
    asking.step(momentOn(ago(1), r), specialist.id, 'tasks.requestExtension', { extensionId: asking.newId('extension'), newDeadline: isoDay(ahead(6)), reason: 'Cần tổ chức kiểm tra thực địa cùng chủ đầu tư trước khi tham mưu; đề nghị gia hạn.' });
    out.push(asking.task as Task);
  }
  // New yesterday, not yet handed down; the unit leader has given one part to the specialist.
  const fresh = new TaskRun(g.world, uuidFromName(`${seed}/showcase/new`), r.fork('new'));
  const freshOk = fresh.create(momentOn(ago(1), r), leader.id, {
    title: `Tham mưu văn bản chỉ đạo tăng cường kỷ luật, kỷ cương trong giải ngân vốn đầu tư công năm ${year}`,
    description: 'Đánh giá tình hình thời gian qua, đề xuất nội dung chỉ đạo cụ thể đối với các chủ đầu tư.',
    priority: 'normal',
    startDate: isoDay(ago(1)),
    deadline: { workingDays: 7 },
    main: { id: fresh.newId('assignment'), unitId: unit.unit.id },
  });
  if (freshOk) {
    out.push(fresh.task as Task);
    const sub = new TaskRun(g.world, uuidFromName(`${seed}/showcase/new/sub`), r.fork('new/sub'));
    const parent = fresh.task as Task;
    const subOk = sub.create(
      minutesAfter(fresh.at, r, 30, 120),
      unitLeader.id,
      {
        parentId: parent.id,
        title: subTaskTitle('Tổng hợp số liệu, biểu mẫu', parent.title),
        description: 'Tổng hợp tỷ lệ giải ngân theo từng chủ đầu tư, gửi lãnh đạo phòng.',
        priority: 'normal',
        startDate: isoDay(vnDay(fresh.at)),
        deadline: { date: isoDay(Math.min(dayOfIso(parent.deadline), ahead(3))) },
        main: { id: sub.newId('assignment'), userId: specialist.id },
      },
      parent,
    );
    if (subOk) out.push(sub.task as Task);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Working days in the window, weighted by month (year-end busy, Tết quiet), to spread creations over. */
function creationDays(startDay: number, endDay: number): { days: number[]; cumulative: number[]; total: number } {
  const MONTH = [0.8, 0.7, 1.0, 1.0, 0.95, 1.05, 1.0, 0.95, 1.05, 1.05, 1.15, 1.3];
  const days: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let d = startDay; d < endDay; d++) {
    if (!working(d)) continue;
    total += MONTH[Number(isoDay(d).slice(5, 7)) - 1] ?? 1;
    days.push(d);
    cumulative.push(total);
  }
  return { days, cumulative, total };
}

function pickDay(w: { days: number[]; cumulative: number[]; total: number }, r: Random): number {
  const x = r.next() * w.total;
  let lo = 0;
  let hi = w.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((w.cumulative[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return w.days[lo] as number;
}

/**
 * The demo tasks, in order of creation, each followed by its sub-tasks (parents first, as the
 * bulk insert wants them). `rulesOrg` is the organisation as the server loaded it (the rules'
 * view: UserSummary with agency ids); `org` gives its shape (who leads, who works where).
 */
export function demoTasks(org: DemoOrg, rulesOrg: OrgView, options: DemoTasksOptions): Task[] {
  const { count, endDate, years } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`invalid count ${count}`);
  if (count === 0) return [];
  const endMs = endDate.getTime();
  const seed = `ioffice-demo/tasks/${org.agency.id}/${count}/${years}/${endDate.toISOString()}`;
  const rng = createRandom(seed);
  const view = viewOf(org);
  const users = new Map(rulesOrg.users.map((u) => [u.id, u]));
  const g: Gen = { world: { org: rulesOrg, users, endMs }, view, todayDay: vnDay(endMs), pace: new Map(org.users.map((u) => [u.id, paceOf(u)])) };
  const endDay = vnDay(endMs);
  const startDay = endDay - Math.round(365.25 * years);
  const span = Math.max(1, endMs - msAt(startDay, 0));

  const showcaseTasks = count >= 30 ? showcase(g, org, seed) : [];
  const showcaseTop = showcaseTasks.filter((t) => t.parentId === null).length;

  // "Giao việc" from documents: about a fifth of the work, given soon after the document was assigned.
  const docRng = rng.fork('documents');
  const fromDocs: TopSpec[] = [];
  const wanted = Math.min(Math.round(count * 0.2), Math.max(0, count - showcaseTop));
  for (const d of docRng.sample(options.documents, wanted)) {
    const unit = view.byId.get(d.mainUnitId);
    const assigner = org.users.find((u) => u.id === d.assignedBy);
    if (!unit || !assigner) continue;
    const r = docRng.fork(`document/${d.id}`);
    const assignedAt = Date.parse(d.assignedAt);
    const createdAt = r.chance(0.7) ? minutesAfter(assignedAt, r, 15, 240) : workingDaysAfter(assignedAt, r.int(1, 2), r);
    if (createdAt >= endMs - 30 * MINUTE || createdAt < msAt(startDay, 0)) continue;
    fromDocs.push({ id: '', r, createdAt, assigner, unit, text: documentTaskText(r, d), source: { kind: 'incoming', id: d.id }, progress: (createdAt - msAt(startDay, 0)) / span });
  }

  // The rest: each unit's own work, spread over the two years.
  const days = creationDays(startDay + 1, endDay);
  const volume = view.units.map((v) => [v, UNIT_VOLUME[v.key] ?? 5] as const);
  const regular: TopSpec[] = [];
  const regularRng = rng.fork('regular');
  for (let i = 0, n = Math.max(0, count - showcaseTop - fromDocs.length); i < n && days.days.length > 0; i++) {
    const r = regularRng.fork(`task/${i}`);
    const unit = r.weighted(volume);
    const createdAt = momentOn(pickDay(days, r), r);
    regular.push({ id: '', r, createdAt, assigner: view.leaderFor(unit, r), unit, text: unitTaskText(r, unit.key, isoDay(vnDay(createdAt))), source: null, progress: (createdAt - msAt(startDay, 0)) / span });
  }

  const all = [...fromDocs, ...regular].sort((a, b) => a.createdAt - b.createdAt);
  const out: Task[] = [];
  all.forEach((s, i) => {
    s.id = uuidFromName(`${seed}/task/${i}`);
    out.push(...generateTop(g, s));
  });
  out.push(...showcaseTasks);
  return out;
}
