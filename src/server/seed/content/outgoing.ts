/**
 * The demo agency's outgoing documents (Văn bản đi, issue #10) over its two years: what the
 * People's Committee issues (content/outgoingTexts.ts), drafted in its units, taken up the route
 * the author picks (the unit's head, another unit for comments now and then, the office's
 * format check, the signing leader), returned and revised sometimes, signed, numbered by the
 * clerk in the register the agency configured (Decree 30: "Sổ Quyết định" for decisions, "Sổ văn
 * bản đi" for the rest, "Sổ văn bản mật" for secret ones, one series per year, consecutive in
 * the order of issue), sealed, dispatched — to units of the agency, which receive it as
 * incoming in their own arrival series and deal with it, by official mail, on paper — and,
 * for a few, revoked, replaced or corrected by a later document. Some answer the demo's
 * incoming documents ("Trả lời văn bản"). Around now: drafts of the demo specialist in every
 * state, documents awaiting the unit leader, the office, the chairman's signature, the clerk's
 * number and seal.
 *
 * Two steps, as the other demo content: `planDemoOutgoing` decides every document's steps and
 * their times, the numbers and the units' arrival numbers (pure, deterministic); then
 * `buildDemoOutgoing` replays each plan through the shared outgoing mutations (their zod args,
 * then their `apply`, with the facts the server would supply: the number, the units' copies),
 * the copies through the server's own dispatch functions and the incoming rules, with the
 * files the caller made for each plan (content/outgoingSigning.ts). Nothing happens at or after
 * `endDate`.
 */
import type { OrgView } from '../../../shared/domain/org.js';
import type { RuleContext } from '../../../shared/domain/ruleContext.js';
import { formatNumberSymbol } from '../../../shared/domain/documentNumber.js';
import { isWorkingDay } from '../../../shared/domain/workingDays.js';
import { applyMutation } from '../../../shared/incoming/rules.js';
import type { Confidentiality, IncomingDocument, Urgency } from '../../../shared/incoming/model.js';
import type { UserSummary } from '../../../shared/model/organisation.js';
import type { AttachmentFile } from '../../../shared/model/attachment.js';
import type { SignerCompetence, StepKind } from '../../../shared/outgoing/constants.js';
import type { IssuedNumber, OutgoingDocument, OutgoingRegister, Recipient } from '../../../shared/outgoing/model.js';
import { outgoingMutations, type RecipientInput } from '../../../shared/outgoing/mutations.js';
import { codeNumberOf, registerFor, symbolFor } from '../../../shared/outgoing/numbering.js';
import { markSuperseded } from '../../../shared/outgoing/rules.js';
import { foldForSearch, vnDateParts } from '../../../shared/text/vietnamese.js';
import type { AnyMutationDef } from '../../../shared/sync/registry.js';
import type { AgencyFacts } from '../../outgoing/numbering.js';
import { revokedCopyOf, unitCopyOf } from '../../outgoing/dispatch.js';
import { ISSUERS, TOPICS, type Issuer, type Topic, type UnitKey } from './catalogue.js';
import { DEMO_USERS, type DemoOrg, type DemoUnit, type DemoUser } from './organisation.js';
import {
  CANCEL_REASONS,
  DISPATCH_NOTES,
  FORWARD_COMMENTS,
  MAIL_FAILURES,
  OUTGOING_TYPES,
  outgoingSubject,
  relationSubject,
  replySubject,
  RETURN_REASONS,
  REVIEW_COMMENTS,
  REVOKE_REASONS,
  SUBMIT_COMMENTS,
  VERSION_NOTES,
  type OutgoingTypeSpec,
  type RepliedDocument,
} from './outgoingTexts.js';
import { createRandom, hashSeed, uuidFromName, type Random } from './random.js';

// ---------------------------------------------------------------------------------------------
// Time in Vietnam (UTC+7), office hours 07:30–11:30 and 13:30–17:00 on working days.

const DAY = 86_400_000;
const MINUTE = 60_000;
const OFFSET = 7 * 3_600_000;
const WINDOWS = [
  [450, 690],
  [810, 1020],
] as const;
/** Office minutes in a working day. */
const OFFICE_DAY = 570;

const vnDay = (ms: number): number => Math.floor((ms + OFFSET) / DAY);
const msAt = (day: number, minute: number): number => day * DAY + minute * MINUTE - OFFSET;
const isoDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

const workingCache = new Map<number, boolean>();
function working(day: number): boolean {
  let w = workingCache.get(day);
  if (w === undefined) workingCache.set(day, (w = isWorkingDay(isoDay(day))));
  return w;
}

/** The first office moment at or after `ms`. */
function snap(ms: number): number {
  for (let day = vnDay(ms); ; day++) {
    if (!working(day)) continue;
    for (const [s, e] of WINDOWS) if (ms < msAt(day, e)) return Math.max(ms, msAt(day, s));
  }
}

/** `minutes` of office time after `ms` (a second-precise moment in office hours). */
function after(ms: number, minutes: number): number {
  let t = snap(ms);
  let left = minutes * MINUTE;
  for (;;) {
    const day = vnDay(t);
    const end = msAt(day, WINDOWS.find(([, e]) => t < msAt(day, e))![1]);
    if (t + left < end) return t + left - ((t + left) % 1000);
    left -= end - t;
    t = snap(end);
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------
// The organisation as the outgoing documents need it.

interface UnitView {
  unit: DemoUnit;
  /** The head (first leader), who reviews the unit's drafts; null for a unit without leaders. */
  head: DemoUser | null;
  leaders: DemoUser[];
  specialists: DemoUser[];
}

interface People {
  chairman: DemoUser;
  /** Vice-chairmen: economy, culture and society, internal affairs (as the tasks and the schedule have them). */
  vice: DemoUser[];
  officeHead: DemoUser;
  officeDeputy: DemoUser;
  /** The office's clerks, the demo clerk first: they number, seal and dispatch. */
  clerks: DemoUser[];
  units: Map<string, UnitView>;
  byKey: Map<UnitKey, UnitView>;
  byUsername: Map<string, DemoUser>;
}

function peopleOf(org: DemoOrg): People {
  const root = org.units.find((u) => u.parentId === null);
  if (!root) throw new Error('the organisation has no root unit');
  const agencyLeaders = org.users.filter((u) => u.unitId === root.id && u.role === 'leader');
  const chairman = agencyLeaders.find((u) => u.position === 'Chủ tịch') ?? agencyLeaders[0];
  if (!chairman) throw new Error('the demo outgoing documents need an agency leader');
  const units = new Map<string, UnitView>();
  const byKey = new Map<UnitKey, UnitView>();
  for (const u of org.units) {
    if (u.parentId === null) continue;
    const leaders = org.users.filter((x) => x.unitId === u.id && x.role === 'leader');
    const view = { unit: u, head: leaders[0] ?? null, leaders, specialists: org.users.filter((x) => x.unitId === u.id && x.role === 'specialist') };
    units.set(u.id, view);
    byKey.set(u.abbreviation as UnitKey, view);
  }
  const vp = byKey.get('VP');
  if (!vp?.head) throw new Error('the demo outgoing documents need the office (VP) and its head');
  const byUsername = new Map(org.users.map((u) => [u.username, u]));
  const clerks = org.users.filter((u) => u.unitId === vp.unit.id && u.role === 'clerk').sort((a, b) => Number(b.username === DEMO_USERS.clerk) - Number(a.username === DEMO_USERS.clerk));
  if (clerks.length === 0) throw new Error('the demo outgoing documents need a clerk in the office');
  return { chairman, vice: agencyLeaders.filter((u) => u !== chairman), officeHead: vp.head, officeDeputy: vp.leaders[1] ?? vp.head, clerks, units, byKey, byUsername };
}

/** The leaders who sign the demo's documents: the chairman, the vice-chairmen, the office's head ("TL. Chủ tịch"). */
export function demoOutgoingSigners(org: DemoOrg): DemoUser[] {
  const p = peopleOf(org);
  return [p.chairman, ...p.vice, p.officeHead];
}

/** The clerk who keeps the agency's key (the seal). */
export function demoOutgoingClerk(org: DemoOrg): DemoUser {
  return peopleOf(org).clerks[0]!;
}

/** Which vice-chairman follows a unit's field (the chairman directs the others). */
const SECTOR: Partial<Record<UnitKey, number>> = { KT: 0, KGVX: 1, NC: 2, BTCD: 2, TTPVHCC: 2 };

// ---------------------------------------------------------------------------------------------
// Registers (Decree 30 Art. 15): the agency's choice for the demo.

const registerId = (agencyId: string, key: string): string => uuidFromName(`ioffice-demo/outgoing-register/${agencyId}/${key}`);

/** "Sổ Quyết định" (decisions), "Sổ văn bản đi" (every other type), "Sổ văn bản mật" (secret documents), with stable ids. */
export function demoOutgoingRegisters(org: DemoOrg): OutgoingRegister[] {
  const a = org.agency.id;
  return [
    { id: registerId(a, 'decisions'), name: 'Sổ Quyết định', documentTypes: ['Quyết định'], secret: false },
    { id: registerId(a, 'shared'), name: 'Sổ văn bản đi', documentTypes: [], secret: false },
    { id: registerId(a, 'secret'), name: 'Sổ văn bản mật', documentTypes: [], secret: true },
  ];
}

/**
 * How many outgoing documents the demo has for a number of incoming ones (2,000 in: 600 out),
 * at most 2,500: a few a working day, enough for every list; more would lengthen the first start
 * (loading them into PGlite takes about 2 ms a document).
 */
export function demoOutgoingCount(documents: number): number {
  return Math.min(2500, Math.round(documents * 0.3));
}

// ---------------------------------------------------------------------------------------------
// Plans

/** An incoming document of the demo a reply may answer, and who in its main unit sees it. */
export interface DemoReplySource extends RepliedDocument {
  id: string;
  mainUnitId: string;
  /** Users of the main unit who see it (they may draft the reply). */
  readers: readonly string[];
  /** From when they see it (ISO). */
  seenFrom: string;
}

type RouteStep = { kind: StepKind; user: DemoUser };

export type OutgoingStep =
  | { t: 'create'; at: number; by: DemoUser }
  | { t: 'comment'; at: number; by: DemoUser; id: string; text: string }
  | { t: 'submit'; at: number; by: DemoUser; route: { id: string; kind: StepKind; user: DemoUser }[]; comment: string }
  | { t: 'approve'; at: number; by: DemoUser; kind: StepKind; comment: string }
  | { t: 'forward'; at: number; by: DemoUser; kind: StepKind; stepId: string; to: DemoUser; comment: string }
  | { t: 'return'; at: number; by: DemoUser; kind: StepKind; reason: string }
  | { t: 'version'; at: number; by: DemoUser; note: string }
  | { t: 'cancel'; at: number; by: DemoUser; reason: string }
  | { t: 'sign'; at: number; by: DemoUser }
  | { t: 'issue'; at: number; by: DemoUser }
  | { t: 'seal'; at: number; by: DemoUser }
  | { t: 'dispatch'; at: number; by: DemoUser; recipientIds: string[]; note: string }
  | { t: 'deliver'; at: number; by: DemoUser; recipientId: string; state: 'sent' | 'received' | 'failed' | 'revoked'; note: string; messageId: string | null }
  | { t: 'revoke'; at: number; by: DemoUser; reason: string }
  | { t: 'superseded'; at: number; by: DemoUser; kind: 'replaces' | 'updates'; newPlan: OutgoingPlan }
  | { t: 'copyDone'; at: number; by: DemoUser; recipientId: string };

export interface OutgoingPlan {
  /** 0-based, in the order the documents were created. */
  index: number;
  id: string;
  type: OutgoingTypeSpec;
  topic: Topic;
  subject: string;
  unit: DemoUnit;
  author: DemoUser;
  signer: DemoUser;
  competence: SignerCompetence;
  /** The signature block as printed ("TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch"). */
  printedPosition: string;
  urgency: Urgency;
  confidentiality: Confidentiality;
  replyDueDate: string | null;
  recipients: RecipientInput[];
  copies: number;
  replyTo: DemoReplySource | null;
  relation: { kind: 'replaces' | 'updates'; plan: OutgoingPlan } | null;
  createdAt: number;
  steps: OutgoingStep[];
  /** Set by planDemoOutgoing once the series are counted. */
  number: IssuedNumber | null;
  /** One of the documents around now the demo's people find in their lists (never cut short or revoked). */
  current: boolean;
  /** A seed for the text of its PDF. */
  seed: string;
}

export const stepOf = <T extends OutgoingStep['t']>(p: Pick<OutgoingPlan, 'steps'>, t: T): Extract<OutgoingStep, { t: T }> | undefined =>
  p.steps.find((s) => s.t === t) as Extract<OutgoingStep, { t: T }> | undefined;

/** How many draft versions the document has (the first, and one after each return). */
export const draftCount = (p: Pick<OutgoingPlan, 'steps'>): number => 1 + p.steps.filter((s) => s.t === 'version').length;

export interface DemoOutgoingOptions {
  count: number;
  /** The demo's "now": nothing happens at or after it. */
  endDate: Date;
  years: number;
  /** The agency's registers (demoOutgoingRegisters, as stored). */
  registers: readonly OutgoingRegister[];
  /** Signed documents still awaiting their number at the end (default 4; the issuing benchmark asks 100). */
  awaitingNumber?: number;
  /** Numbered documents still awaiting the seal at the end (default 2). */
  awaitingSeal?: number;
  /** Incoming documents the demo's replies answer. */
  replySources?: readonly DemoReplySource[];
}

const ascii = (s: string): string => foldForSearch(s).replace(/[^a-z0-9]/gu, '');

/** The official address an agency of the catalogue receives mail at. */
function mailOf(i: Issuer): string {
  if (i.kind === 'district') return `ubnd${ascii(i.place)}@kontum.gov.vn`;
  if (i.kind === 'council') return 'hdnd@kontum.gov.vn';
  if (i.place === 'Kon Tum') return `${ascii(i.key)}@kontum.gov.vn`;
  return `vanthu@${ascii(i.key)}.gov.vn`;
}

const DEPTS = ISSUERS.filter((i) => i.kind === 'dept' || i.kind === 'security');
const DISTRICTS = ISSUERS.filter((i) => i.kind === 'district');
const CENTRAL = ISSUERS.filter((i) => i.kind === 'central' && i.key !== 'BCA');
const COUNCIL = ISSUERS.find((i) => i.kind === 'council');
const ISSUER_BY_NAME = new Map(ISSUERS.map((i) => [i.name, i]));

const TM_TYPES = new Set(['Quyết định', 'Kế hoạch', 'Tờ trình', 'Chỉ thị', 'Công điện', 'Chương trình']);
const CHAIRMAN_SHARE: Readonly<Record<string, number>> = { 'Quyết định': 0.4, 'Tờ trình': 0.8, 'Chỉ thị': 1, 'Công điện': 1, 'Báo cáo': 0.35, 'Kế hoạch': 0.4, 'Chương trình': 0.5 };

class Planner {
  readonly people: People;
  private readonly topicsByUnit = new Map<string, Topic[]>();

  constructor(
    readonly org: DemoOrg,
    readonly o: DemoOutgoingOptions,
  ) {
    this.people = peopleOf(org);
    for (const t of TOPICS)
      for (const k of t.units) {
        const u = this.people.byKey.get(k);
        if (u) this.topicsByUnit.set(u.unit.id, [...(this.topicsByUnit.get(u.unit.id) ?? []), t]);
      }
  }

  topicFor(rng: Random, unitId: string): Topic {
    return rng.pick(this.topicsByUnit.get(unitId) ?? TOPICS);
  }

  /** The unit that drafts a document on `topic` (the office drafts notices and invitations). */
  unitFor(rng: Random, type: OutgoingTypeSpec, topic: Topic): UnitView {
    if (type.signedBy === 'office') return this.people.byKey.get('VP')!;
    const key = rng.chance(0.65) ? topic.units[0]! : rng.pick(topic.units);
    return this.people.byKey.get(key) ?? this.people.byKey.get('TH')!;
  }

  authorIn(rng: Random, u: UnitView): DemoUser {
    const choices: (readonly [DemoUser, number])[] = [
      ...u.specialists.map((s) => [s, s.username === DEMO_USERS.specialist ? 3 : 1] as const),
      ...u.leaders.map((l) => [l, u.specialists.length === 0 ? 1 : 0.3] as const),
    ];
    return rng.weighted(choices);
  }

  signerFor(rng: Random, type: OutgoingTypeSpec, unit: DemoUnit): { signer: DemoUser; competence: SignerCompetence; printed: string } {
    const p = this.people;
    if (type.signedBy === 'office') return { signer: p.officeHead, competence: 'TL.', printed: `TL. Chủ tịch, ${p.officeHead.position}` };
    const sector = SECTOR[unit.abbreviation as UnitKey];
    const vice = sector === undefined ? undefined : p.vice[sector % Math.max(1, p.vice.length)];
    const chairman = !vice || rng.chance(CHAIRMAN_SHARE[type.name] ?? 0.25);
    const tm = TM_TYPES.has(type.name);
    if (chairman) return { signer: p.chairman, competence: tm ? 'TM.' : '', printed: tm ? 'TM. Ủy ban nhân dân, Chủ tịch' : 'Chủ tịch' };
    return { signer: vice, competence: 'KT.', printed: `${tm ? 'TM. Ủy ban nhân dân, ' : ''}KT. Chủ tịch, ${vice.position}` };
  }

  /** Nơi nhận: outside agencies by official mail (on paper for a secret document), units of the agency now and then, and the file copy. */
  recipientsFor(rng: Random, type: OutgoingTypeSpec, topic: Topic, unit: DemoUnit, o: { secret: boolean; replyTo: DemoReplySource | null }): RecipientInput[] {
    const out: RecipientInput[] = [];
    const add = (i: Issuer, paper: boolean): void => {
      if (out.some((r) => r.name === i.name)) return;
      out.push({ id: rng.uuid(), kind: paper ? 'paper' : 'mail', unitId: null, name: i.name, email: paper ? null : mailOf(i) });
    };
    const related = DEPTS.filter((d) => topic.issuers.includes(d.key));
    const depts = (n: number): Issuer[] => rng.sample(related.length > 0 && rng.chance(0.7) ? [...related, ...rng.sample(DEPTS, 2)] : DEPTS, n);
    const replied = o.replyTo ? ISSUER_BY_NAME.get(o.replyTo.issuer) : undefined;
    if (o.replyTo) {
      if (replied) add(replied, o.secret);
      else out.push({ id: rng.uuid(), kind: 'paper', unitId: null, name: o.replyTo.issuer.slice(0, 200), email: null });
    }
    switch (type.name) {
      case 'Báo cáo':
        if (!o.replyTo) for (const c of rng.sample(CENTRAL, rng.int(1, 2))) add(c, o.secret);
        break;
      case 'Tờ trình':
        if (COUNCIL) add(COUNCIL, o.secret);
        break;
      case 'Kế hoạch':
      case 'Chỉ thị':
      case 'Công điện':
      case 'Chương trình':
        for (const d of depts(rng.int(2, 4))) add(d, o.secret);
        for (const d of rng.sample(DISTRICTS, rng.int(1, 4))) add(d, o.secret);
        break;
      default:
        if (!o.replyTo || rng.chance(0.3)) for (const d of depts(rng.int(1, type.name === 'Công văn' ? 3 : 4))) add(d, o.secret);
    }
    // Units of the agency receive it as incoming: a unit other than the office and the drafting one.
    const unitShare = type.name === 'Quyết định' || type.name === 'Thông báo' || type.name === 'Giấy mời' ? 0.35 : 0.15;
    if (!o.secret && rng.chance(unitShare)) {
      const others = [...this.people.units.values()].filter((u) => u.unit.id !== unit.id && u.unit.abbreviation !== 'VP' && u.head !== null);
      for (const u of rng.sample(others, rng.int(1, 2))) out.push({ id: rng.uuid(), kind: 'unit', unitId: u.unit.id, name: u.unit.name, email: null });
    }
    out.push({ id: rng.uuid(), kind: 'archive', unitId: null, name: `Lưu: VT, ${unit.abbreviation}`, email: null });
    return out;
  }

  routeFor(rng: Random, author: DemoUser, unit: UnitView, signer: DemoUser, topic: Topic): RouteStep[] {
    const p = this.people;
    const office = unit.unit.abbreviation === 'VP';
    const route: RouteStep[] = [];
    const reviewer = office ? p.officeDeputy : unit.head;
    if (reviewer && reviewer.id !== author.id && reviewer.id !== signer.id && author.role === 'specialist') route.push({ kind: 'review', user: reviewer });
    if (rng.chance(0.1)) {
      const other = topic.units.map((k) => p.byKey.get(k)).find((u) => u && u.unit.id !== unit.unit.id && u.head && u.unit.abbreviation !== 'VP');
      if (other?.head) route.push({ kind: 'comment', user: other.head });
    }
    if (!office && signer.id !== p.officeHead.id) route.push({ kind: 'format', user: rng.chance(0.7) ? p.officeDeputy : p.officeHead });
    route.push({ kind: 'sign', user: signer });
    return route;
  }
}

interface TimelineOptions {
  /** Where the draft is returned once, if anywhere. */
  returnAt: StepKind | null;
  cancel: boolean;
  forward: boolean;
}

/** Every step of a document's life from its creation, in time order (cut at `endDate` later). */
function timeline(rng: Random, pl: Planner, p: OutgoingPlan, unit: UnitView, route: RouteStep[], o: TimelineOptions): OutgoingStep[] {
  const people = pl.people;
  const fast = p.urgency === 'normal' ? 1 : 0.25;
  const d = (lo: number, hi: number): number => Math.max(1, Math.round(rng.int(lo, hi) * fast));
  const steps: OutgoingStep[] = [];
  let t = p.createdAt;
  steps.push({ t: 'create', at: t, by: p.author });
  const submit = (): void => {
    t = after(t, d(5, 60));
    steps.push({ t: 'submit', at: t, by: p.author, route: route.map((s) => ({ id: rng.uuid(), kind: s.kind, user: s.user })), comment: rng.pick(SUBMIT_COMMENTS) });
  };
  if (o.cancel && rng.chance(0.5)) {
    steps.push({ t: 'cancel', at: after(t, d(60, 1500)), by: p.author, reason: rng.pick(CANCEL_REASONS) });
    return steps;
  }
  t = after(t, d(15, 540));
  submit();
  let returned = false;
  let forwarded = false;
  for (let i = 0; i < route.length; i++) {
    const s = route[i]!;
    t = after(t, d(s.kind === 'sign' ? 10 : 15, s.kind === 'sign' ? OFFICE_DAY * 1.5 : OFFICE_DAY * 1.6));
    if (!returned && o.returnAt === s.kind) {
      returned = true;
      steps.push({ t: 'return', at: t, by: s.user, kind: s.kind, reason: rng.pick(RETURN_REASONS) });
      t = after(t, d(60, 1200));
      if (o.cancel) {
        steps.push({ t: 'cancel', at: t, by: p.author, reason: rng.pick(CANCEL_REASONS) });
        return steps;
      }
      steps.push({ t: 'version', at: t, by: p.author, note: rng.pick(VERSION_NOTES) });
      submit();
      i = -1;
      continue;
    }
    if (s.kind === 'sign') {
      steps.push({ t: 'sign', at: t, by: s.user });
      break;
    }
    if (s.kind === 'review' && o.forward && !forwarded) {
      const other = [...people.units.values()].find((u) => u.head && u.unit.id !== unit.unit.id && u.unit.abbreviation !== 'VP' && !route.some((r) => r.user.id === u.head!.id) && u.head.id !== p.author.id);
      if (other?.head) {
        forwarded = true;
        steps.push({ t: 'forward', at: t, by: s.user, kind: 'comment', stepId: rng.uuid(), to: other.head, comment: rng.pick(FORWARD_COMMENTS) });
        t = after(t, d(60, 1200));
        steps.push({ t: 'approve', at: t, by: other.head, kind: 'comment', comment: rng.pick(REVIEW_COMMENTS) });
        continue;
      }
    }
    if (rng.chance(0.25)) steps.push({ t: 'comment', at: Math.max(steps.at(-1)!.at + MINUTE, t - rng.int(2, 40) * MINUTE), by: s.user, id: rng.uuid(), text: rng.pick(REVIEW_COMMENTS) });
    steps.push({ t: 'approve', at: t, by: s.user, kind: s.kind, comment: rng.chance(0.4) ? rng.pick(REVIEW_COMMENTS) : '' });
  }
  // The clerk numbers it, seals it minutes later, dispatches it.
  const clerk = rng.chance(0.7) ? people.clerks[0]! : rng.pick(people.clerks);
  t = after(t, d(5, 240));
  steps.push({ t: 'issue', at: t, by: clerk });
  t = after(t, d(2, 25));
  steps.push({ t: 'seal', at: t, by: clerk });
  const sealedAt = t;
  const toDispatch = p.recipients.filter((r) => r.kind === 'unit' || r.kind === 'paper');
  if (toDispatch.length > 0) {
    const at = after(sealedAt, d(5, 90));
    steps.push({ t: 'dispatch', at, by: clerk, recipientIds: toDispatch.map((r) => r.id), note: rng.pick(DISPATCH_NOTES) });
    for (const r of toDispatch) {
      if (r.kind !== 'unit') continue;
      const head = r.unitId ? people.units.get(r.unitId)?.head : null;
      if (head) steps.push({ t: 'copyDone', at: after(at, d(600, 5000)), by: head, recipientId: r.id });
    }
  }
  for (const r of p.recipients) {
    if (r.kind !== 'mail') continue;
    let at = after(sealedAt, d(5, 90));
    if (rng.chance(0.04)) {
      steps.push({ t: 'deliver', at, by: clerk, recipientId: r.id, state: 'failed', note: rng.pick(MAIL_FAILURES), messageId: null });
      at = after(at, d(10, 120));
    }
    steps.push({ t: 'deliver', at, by: clerk, recipientId: r.id, state: 'sent', note: '', messageId: `<${rng.uuid()}@kontum.gov.vn>` });
    if (rng.chance(0.25)) steps.push({ t: 'deliver', at: after(at, d(120, 2000)), by: clerk, recipientId: r.id, state: 'received', note: 'Nơi nhận đã xác nhận.', messageId: null });
  }
  return steps;
}

const byTime = (a: OutgoingStep, b: OutgoingStep): number => a.at - b.at;

/** The steps before `end` (the plan's life stops at the first one at or after it). */
function cutAt(steps: OutgoingStep[], end: number): OutgoingStep[] {
  const sorted = [...steps].sort(byTime);
  const i = sorted.findIndex((s) => s.at >= end);
  return i < 0 ? sorted : sorted.slice(0, i);
}

/** The steps before the first of kind `t` (that one and everything after it dropped). */
function cutBefore(p: OutgoingPlan, t: OutgoingStep['t']): void {
  const i = p.steps.findIndex((s) => s.t === t);
  if (i >= 0) p.steps = p.steps.slice(0, i);
}

type Stop = 'drafting' | 'returned' | 'review' | 'format' | 'to_sign';

interface CurrentSpec {
  author: string | { unit: UnitKey };
  stop: Stop;
  type: string;
  signer?: 'chairman' | 'vice';
  reply?: boolean;
}

/** The documents around now: the demo specialist's drafts in every state, and work waiting in the demo's lists. */
const CURRENT: readonly CurrentSpec[] = [
  { author: DEMO_USERS.specialist, stop: 'drafting', type: 'Công văn' },
  { author: DEMO_USERS.specialist, stop: 'returned', type: 'Báo cáo' },
  { author: DEMO_USERS.specialist, stop: 'review', type: 'Công văn' },
  { author: DEMO_USERS.specialist, stop: 'format', type: 'Công văn', reply: true },
  { author: DEMO_USERS.specialist, stop: 'to_sign', type: 'Quyết định', signer: 'chairman' },
  { author: { unit: 'KT' }, stop: 'to_sign', type: 'Công văn', signer: 'chairman' },
  { author: { unit: 'NC' }, stop: 'to_sign', type: 'Kế hoạch', signer: 'vice' },
  { author: { unit: 'KGVX' }, stop: 'review', type: 'Công văn' },
  { author: { unit: 'TH' }, stop: 'format', type: 'Báo cáo' },
];

/** Whether a step ends the part of a current document's life that has happened. */
function isStop(s: OutgoingStep, stop: Stop): boolean {
  switch (stop) {
    case 'drafting':
      return s.t === 'submit';
    case 'returned':
      return s.t === 'version' || s.t === 'cancel';
    case 'review':
      return (s.t === 'approve' || s.t === 'return' || s.t === 'forward') && s.kind === 'review';
    case 'format':
      return (s.t === 'approve' || s.t === 'return') && s.kind === 'format';
    case 'to_sign':
      return s.t === 'sign';
  }
}

/**
 * Plan the demo's outgoing documents: their fields, every step with its time, cut at `endDate`;
 * the most recently signed kept awaiting a number or the seal; a few revoked, replaced or
 * corrected; then their numbers, consecutive in each register's series for the year in the order
 * of issue, and the units' arrival numbers of their copies. Deterministic.
 */
export function planDemoOutgoing(org: DemoOrg, options: DemoOutgoingOptions): { plans: OutgoingPlan[]; arrivals: Map<string, { number: number; id: string; assignmentId: string }> } {
  const pl = new Planner(org, options);
  const rng = createRandom(`ioffice-demo/outgoing/${org.agency.code}`);
  const end = options.endDate.getTime();
  const start = end - options.years * 365 * DAY;
  const days: number[] = [];
  for (let dd = vnDay(start); dd < vnDay(end); dd++) if (working(dd)) days.push(dd);
  if (days.length === 0 || options.count <= 0) return { plans: [], arrivals: new Map() };

  const base32 = hashSeed(`ioffice-demo/outgoing/${org.agency.code}/documents`);
  const current = options.count >= 20 ? CURRENT : [];
  const sources = [...(options.replySources ?? [])].filter((s) => s.readers.length > 0 && Date.parse(s.seenFrom) < end - 5 * DAY);
  const used = new Set<string>();
  const plans: OutgoingPlan[] = [];

  const base = (key: string, r: Random, type: OutgoingTypeSpec, unit: UnitView, author: DemoUser, createdAt: number, replyTo: DemoReplySource | null, signerChoice?: 'chairman' | 'vice'): OutgoingPlan => {
    const topic = pl.topicFor(r, unit.unit.id);
    let s = pl.signerFor(r, type, unit.unit);
    if (signerChoice === 'chairman' && s.signer.id !== pl.people.chairman.id) s = { signer: pl.people.chairman, competence: TM_TYPES.has(type.name) ? 'TM.' : '', printed: TM_TYPES.has(type.name) ? 'TM. Ủy ban nhân dân, Chủ tịch' : 'Chủ tịch' };
    if (signerChoice === 'vice' && s.signer.id === pl.people.chairman.id) for (let k = 0; k < 10 && s.signer.id === pl.people.chairman.id; k++) s = pl.signerFor(r, type, unit.unit);
    const secret = !replyTo && (type.name === 'Công văn' || type.name === 'Báo cáo') && (unit.unit.abbreviation === 'NC' || unit.unit.abbreviation === 'BTCD') && r.chance(0.12);
    const y = vnDateParts(new Date(createdAt)).year;
    const urgency: Urgency = type.name === 'Công điện' ? r.pick(['flash', 'very_urgent'] as const) : r.weighted<Urgency>([['normal', 91], ['urgent', 7], ['very_urgent', 2]]);
    const asksReply = type.name === 'Công văn' && !replyTo && r.chance(0.25);
    return {
      index: 0,
      // From its key, not the generator: ids stay unique for any number of documents.
      id: uuidFromName(`ioffice-demo/outgoing/${org.agency.id}/${key}`),
      type,
      topic,
      subject: replyTo ? replySubject(r, type.name, replyTo) : outgoingSubject(r, type.name, topic, y),
      unit: unit.unit,
      author,
      signer: s.signer,
      competence: s.competence,
      printedPosition: s.printed,
      urgency,
      confidentiality: secret ? 'confidential' : 'normal',
      replyDueDate: asksReply ? isoDay(vnDay(createdAt) + r.int(15, 30)) : null,
      recipients: pl.recipientsFor(r, type, topic, unit.unit, { secret, replyTo }),
      copies: r.int(1, 3),
      replyTo,
      relation: null,
      createdAt,
      steps: [],
      number: null,
      current: false,
      seed: r.uuid(),
    };
  };

  const typeByName = (name: string): OutgoingTypeSpec => OUTGOING_TYPES.find((t) => t.name === name)!;

  // The documents of the two years.
  for (let k = 0; k < options.count - current.length; k++) {
    // One generator per document, each of its own seed (forks of 32-bit seeds would meet among 100,000).
    const r = createRandom((Math.imul(k + 1, 0x9e3779b1) ^ base32) >>> 0);
    let type = r.weighted(OUTGOING_TYPES.map((t) => [t, t.weight] as const));
    let replyTo: DemoReplySource | null = null;
    let createdAt = msAt(r.pick(days), r.int(WINDOWS[0][0], WINDOWS[1][1] - 1));
    if ((type.name === 'Công văn' || type.name === 'Báo cáo') && sources.length > 0 && r.chance(0.2)) {
      const src = r.pick(sources);
      if (!used.has(src.id)) {
        used.add(src.id);
        replyTo = src;
        createdAt = after(Date.parse(src.seenFrom), r.int(60, 3000));
      }
    }
    const unitView = replyTo ? pl.people.units.get(replyTo.mainUnitId) : undefined;
    let unit: UnitView;
    let author: DemoUser;
    if (replyTo && unitView) {
      unit = unitView;
      const readers = replyTo.readers.map((id) => org.users.find((u) => u.id === id)).filter((u): u is DemoUser => u !== undefined && u.role !== 'admin' && u.role !== 'clerk');
      author = readers.find((u) => u.role === 'specialist') ?? readers[0] ?? pl.authorIn(r, unit);
      if (!readers.includes(author)) replyTo = null;
    } else {
      replyTo = null;
      if (createdAt >= end) createdAt = msAt(r.pick(days), 500);
      const topic = pl.topicFor(r, r.pick([...pl.people.units.keys()]));
      unit = pl.unitFor(r, type, topic);
      author = pl.authorIn(r, unit);
    }
    if (!replyTo && type.signedBy !== 'office' && unit.unit.abbreviation === 'VP') type = typeByName('Công văn');
    const p = base(`doc/${k}`, r, type, unit, author, createdAt, replyTo);
    const route = pl.routeFor(r, author, unit, p.signer, p.topic);
    const hasReview = route.some((s) => s.kind === 'review');
    const returnAt = r.chance(0.2) ? r.weighted<StepKind>([[hasReview ? 'review' : 'sign', 6], [route.some((s) => s.kind === 'format') ? 'format' : 'sign', 3], ['sign', 1]]) : null;
    p.steps = cutAt(timeline(r, pl, p, unit, route, { returnAt, cancel: r.chance(0.03), forward: r.chance(0.05) }), end);
    if (p.steps.length > 0) plans.push(p);
  }

  // The documents around now, for the demo's people.
  current.forEach((spec, k) => {
    const r = rng.fork(`current/${k}`);
    const type = typeByName(spec.type);
    const author = typeof spec.author === 'string' ? pl.people.byUsername.get(spec.author) : undefined;
    const unit = author ? pl.people.units.get(author.unitId) : typeof spec.author === 'object' ? pl.people.byKey.get(spec.author.unit) : undefined;
    if (!unit) return;
    const who = author ?? unit.specialists[0] ?? unit.head;
    if (!who) return;
    const src = spec.reply ? sources.find((s) => !used.has(s.id) && s.mainUnitId === unit.unit.id && s.readers.includes(who.id)) : undefined;
    if (src) used.add(src.id);
    for (let back = 2; back < 40; back += 2) {
      const createdAt = snap(after(end - (back + 2) * DAY, r.int(0, OFFICE_DAY)));
      const p = base(`current/${k}`, r, type, unit, who, createdAt, src ?? null, spec.signer);
      const route = pl.routeFor(r, who, unit, p.signer, p.topic).filter((s) => s.kind !== 'comment');
      const steps = timeline(r, pl, p, unit, route, { returnAt: spec.stop === 'returned' ? 'review' : null, cancel: false, forward: false });
      const stop = steps.findIndex((s) => isStop(s, spec.stop));
      const kept = stop < 0 ? steps : steps.slice(0, stop);
      if (kept.at(-1)!.at >= end - 10 * MINUTE || kept.some((s) => s.t === 'sign' && spec.stop !== 'to_sign')) continue;
      p.steps = kept;
      p.current = true;
      plans.push(p);
      return;
    }
  });

  plans.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  plans.forEach((p, i) => (p.index = i));

  // The most recently signed wait for their number, the next ones for the seal.
  const signed = plans.filter((p) => !p.current && stepOf(p, 'issue')).sort((a, b) => stepOf(b, 'sign')!.at - stepOf(a, 'sign')!.at);
  const awaitingNumber = Math.min(signed.length, options.awaitingNumber ?? 4);
  const awaitingSeal = Math.min(signed.length - awaitingNumber, options.awaitingSeal ?? 2);
  signed.slice(0, awaitingNumber).forEach((p) => cutBefore(p, 'issue'));
  signed.slice(awaitingNumber, awaitingNumber + awaitingSeal).forEach((p) => cutBefore(p, 'seal'));

  // A few documents replace or correct an earlier one of the same type (issued before they were drafted).
  const taken = new Set<OutgoingPlan>();
  const relRng = rng.fork('relations');
  for (const p of plans) {
    const sealed = stepOf(p, 'seal');
    if (!sealed || p.replyTo || p.current || (p.type.name !== 'Quyết định' && p.type.name !== 'Công văn') || !relRng.chance(0.012)) continue;
    for (let j = p.index - 1; j >= Math.max(0, p.index - 3000); j--) {
      const old = plans[j]!;
      const oldSeal = stepOf(old, 'seal');
      if (old.type !== p.type || taken.has(old) || !oldSeal || oldSeal.at > p.createdAt - DAY || old.confidentiality !== p.confidentiality || old.relation) continue;
      // Its own life is over by then (deliveries, the units' work), so its timeline stays in order.
      if (old.steps.at(-1)!.at >= sealed.at) continue;
      taken.add(old);
      const kind = relRng.chance(0.7) ? 'replaces' : 'updates';
      p.relation = { kind, plan: old };
      old.steps.push({ t: 'superseded', at: sealed.at, by: sealed.by, kind, newPlan: p });
      break;
    }
  }

  // A few issued documents are revoked weeks later (Art. 18); those told by mail or paper learn it.
  const revRng = rng.fork('revocations');
  for (const p of plans) {
    const sealed = stepOf(p, 'seal');
    if (!sealed || taken.has(p) || p.relation || p.current || !revRng.chance(0.012)) continue;
    const at = after(sealed.at, revRng.int(3, 25) * OFFICE_DAY);
    if (at >= end) continue;
    const clerk = sealed.by;
    // What would have come after it does not happen: a revoked document is frozen.
    p.steps = p.steps.filter((s) => s.at < at);
    const by = revRng.chance(0.6) ? clerk : p.signer;
    p.steps.push({ t: 'revoke', at, by, reason: revRng.pick(REVOKE_REASONS) });
    const told = new Set(p.steps.filter((s) => s.t === 'deliver' || s.t === 'dispatch').flatMap((s) => (s.t === 'deliver' ? [s.recipientId] : s.recipientIds)));
    let t = at;
    for (const r of p.recipients)
      if ((r.kind === 'mail' || r.kind === 'paper') && told.has(r.id)) {
        t = after(t, revRng.int(2, 30));
        if (t < end) p.steps.push({ t: 'deliver', at: t, by: clerk, recipientId: r.id, state: 'revoked', note: 'Đã thông báo thu hồi văn bản.', messageId: null });
      }
  }

  // Numbers: each register's series for the year, in the order of issue.
  const series = new Map<string, number>();
  const issued = plans.filter((p) => stepOf(p, 'issue')).sort((a, b) => stepOf(a, 'issue')!.at - stepOf(b, 'issue')!.at);
  for (const p of issued) {
    const step = stepOf(p, 'issue')!;
    const register = registerFor(options.registers, p.type.name, p.confidentiality);
    if (!register) throw new Error(`no register for ${p.type.name}`);
    const year = vnDateParts(new Date(step.at)).year;
    const key = `${register.id}/${year}`;
    const n = (series.get(key) ?? 0) + 1;
    series.set(key, n);
    p.number = {
      registerId: register.id,
      year,
      n,
      codeNumber: codeNumberOf(n),
      codeNotation: symbolFor(p.type.name, org.agency.abbreviation, p.unit.abbreviation),
      issuedAt: iso(step.at),
      issuedBy: step.by.id,
    };
  }
  for (const p of plans)
    if (p.relation?.plan.number) {
      const old = p.relation.plan.number;
      p.subject = relationSubject(p.relation.kind, { documentType: p.type.name, symbol: formatNumberSymbol(old.codeNumber, old.codeNotation), issuedAt: old.issuedAt });
    }

  // The units' copies: each unit's arrival series for the year, in the order they arrive.
  const arrivals = new Map<string, { number: number; id: string; assignmentId: string }>();
  const unitSeries = new Map<string, number>();
  const copies = plans
    .flatMap((p) => p.steps.flatMap((s) => (s.t === 'dispatch' ? s.recipientIds.map((rid) => ({ p, rid, at: s.at })) : [])))
    .filter((c) => c.p.recipients.find((r) => r.id === c.rid)?.kind === 'unit')
    .sort((a, b) => a.at - b.at);
  for (const c of copies) {
    const unitId = c.p.recipients.find((r) => r.id === c.rid)!.unitId!;
    const key = `${unitId}/${vnDateParts(new Date(c.at)).year}`;
    const n = (unitSeries.get(key) ?? 0) + 1;
    unitSeries.set(key, n);
    arrivals.set(`${c.p.id}/${c.rid}`, { number: n, id: uuidFromName(`ioffice-demo/outgoing/${c.p.id}/copy/${c.rid}`), assignmentId: uuidFromName(`ioffice-demo/outgoing/${c.p.id}/copy/${c.rid}/main`) });
  }
  return { plans, arrivals };
}

// ---------------------------------------------------------------------------------------------
// Replay

/** The files of a document's versions: its drafts (one per draft version), the signed PDF, the issued PDF. */
export interface PlanFiles {
  drafts: AttachmentFile[];
  signed: AttachmentFile | null;
  issued: AttachmentFile | null;
}

export interface SignatureFacts {
  certificate: OutgoingDocument['signatures'][number]['certificate'];
  keyStore: 'file' | 'token';
}

export interface BuildContext {
  org: OrgView;
  agency: AgencyFacts;
  arrivals: ReadonlyMap<string, { number: number; id: string; assignmentId: string }>;
  files: (p: OutgoingPlan) => PlanFiles;
  /** The certificate a signer's signature carries; `null`: the agency's. */
  certificate: (signerId: string | null) => SignatureFacts;
}

const DEFS = new Map<string, AnyMutationDef>(outgoingMutations.map((d) => [d.name, d]));

function run(name: string, current: OutgoingDocument | null, args: unknown, ctx: RuleContext, facts?: unknown): OutgoingDocument {
  const def = DEFS.get(name);
  if (!def) throw new Error(`unknown mutation ${name}`);
  return def.apply(current, def.args.parse(args), ctx, facts) as OutgoingDocument;
}

/** The document's state at `endDate`, and its units' incoming copies, made by the shared rules from its plan. */
export function buildDemoOutgoing(p: OutgoingPlan, c: BuildContext): { doc: OutgoingDocument; copies: IncomingDocument[] } {
  const users = new Map<string, UserSummary>(c.org.users.map((u) => [u.id, u]));
  const actor = (u: DemoUser): UserSummary => {
    const s = users.get(u.id);
    if (!s) throw new Error(`the outgoing plan names unknown user ${u.username}`);
    return s;
  };
  const files = c.files(p);
  const copies = new Map<string, IncomingDocument>();
  let doc: OutgoingDocument | null = null;
  let drafts = 0;
  const id = p.id;
  for (const s of p.steps) {
    const ctx: RuleContext = { actor: actor(s.by), org: c.org, now: new Date(s.at) };
    const d = doc;
    if (s.t !== 'create' && d === null) throw new Error(`outgoing plan ${id} acts before it exists`);
    switch (s.t) {
      case 'create':
        doc = run(
          'outgoing.create',
          null,
          {
            documentId: id,
            fields: {
              documentType: p.type.name,
              subject: p.subject,
              draftingUnitId: p.unit.id,
              signerId: p.signer.id,
              signerCompetence: p.competence,
              signerPosition: p.signer.position,
              urgency: p.urgency,
              confidentiality: p.confidentiality,
              replyDueDate: p.replyDueDate,
              recipients: p.recipients,
              copies: p.copies,
              pageCount: 1,
              description: '',
            },
            file: files.drafts[drafts++],
            replyTo: p.replyTo?.id ?? null,
            relation: p.relation ? { kind: p.relation.kind, documentId: p.relation.plan.id } : null,
          },
          ctx,
        );
        break;
      case 'comment':
        doc = run('outgoing.comment', d, { documentId: id, commentId: s.id, version: d!.versions.at(-1)!.n, text: s.text }, ctx);
        break;
      case 'submit':
        doc = run('outgoing.submit', d, { documentId: id, route: s.route.map((r) => ({ stepId: r.id, kind: r.kind, userId: r.user.id })), comment: s.comment }, ctx);
        break;
      case 'approve':
        doc = run('outgoing.approve', d, { documentId: id, comment: s.comment }, ctx);
        break;
      case 'forward':
        doc = run('outgoing.forward', d, { documentId: id, stepId: s.stepId, kind: s.kind, userId: s.to.id, comment: s.comment }, ctx);
        break;
      case 'return':
        doc = run('outgoing.return', d, { documentId: id, comment: s.reason }, ctx);
        break;
      case 'version':
        doc = run('outgoing.addVersion', d, { documentId: id, file: files.drafts[drafts++], note: s.note }, ctx);
        break;
      case 'cancel':
        doc = run('outgoing.cancel', d, { documentId: id, reason: s.reason }, ctx);
        break;
      case 'sign':
        doc = run('outgoing.sign', d, { documentId: id, file: files.signed, ...c.certificate(p.signer.id) }, ctx);
        break;
      case 'issue':
        doc = run('outgoing.issue', d, { documentId: id }, ctx, { number: p.number });
        break;
      case 'seal':
        doc = run('outgoing.seal', d, { documentId: id, file: files.issued, ...c.certificate(null) }, ctx);
        break;
      case 'dispatch': {
        const incomingIds: Record<string, string> = {};
        for (const rid of s.recipientIds) {
          const r = d!.recipients.find((x) => x.id === rid);
          const arrival = c.arrivals.get(`${id}/${rid}`);
          if (r?.kind !== 'unit' || !arrival) continue;
          const copy = unitCopyOf(d!, r, c.agency, ctx, { arrivalNumber: arrival.number, id: arrival.id, assignmentId: arrival.assignmentId });
          copies.set(rid, copy);
          incomingIds[rid] = copy.id;
        }
        doc = run('outgoing.dispatch', d, { documentId: id, recipientIds: s.recipientIds, note: s.note }, ctx, { incomingIds });
        break;
      }
      case 'deliver':
        doc = run('outgoing.deliver', d, { documentId: id, recipientId: s.recipientId, state: s.state, note: s.note, messageId: s.messageId }, ctx);
        break;
      case 'revoke':
        doc = run('outgoing.revoke', d, { documentId: id, reason: s.reason }, ctx);
        for (const [rid, copy] of copies) {
          const revoked = revokedCopyOf(copy, doc, s.reason, ctx);
          if (revoked) copies.set(rid, revoked);
        }
        break;
      case 'superseded': {
        const n = s.newPlan.number!;
        doc = markSuperseded(d!, { kind: s.kind, documentId: s.newPlan.id, label: formatNumberSymbol(n.codeNumber, n.codeNotation) }, ctx);
        break;
      }
      case 'copyDone': {
        const copy = copies.get(s.recipientId);
        if (!copy || copy.status === 'done' || copy.revocation) break;
        copies.set(s.recipientId, applyMutation(copy, { name: 'incoming.complete', args: { documentId: copy.id, note: 'Đã triển khai thực hiện theo văn bản.', replyId: null } }, ctx));
        break;
      }
    }
  }
  if (doc === null) throw new Error(`outgoing plan ${id} has no steps`);
  return { doc, copies: [...copies.values()] };
}
