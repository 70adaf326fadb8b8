/**
 * What to tell the user with a desktop notification (pure, unit-tested). The
 * Electron shell feeds it what it reads from the core after each change and
 * shows the notices; a browser page could do the same with the Notification API.
 *
 * News (Decree 30, Appendix VI III.1.i: "thông báo khi có văn bản mới"):
 *  - a NEW ASSIGNMENT: a document now carries a role for me (main / cooperate /
 *    info) that it did not carry at the last look — whenever the document arrived;
 *  - a NEW URGENT DOCUMENT: urgent, very urgent or flash, unread, and new;
 *  - a NEW DOCUMENT AWAITING DIRECTION, for whoever directs (the agency leader): a
 *    new, unread document no one has been assigned yet, of any urgency;
 *  - a REJECTED ACTION: one of my own changes the server refused (the clerk's
 *    registration, a leader's assignment…), with the server's reason.
 * "New": not among the newest documents seen at the last look, and later than
 * anything seen — by arrival time, or by arrival number within its year (a
 * registration made offline and synced late keeps the clerk's earlier arrival time,
 * decisions §21, but gets the next number). A document that only changed is not new.
 * Never: the first look (after start or sign-in, or while the cache fills for the
 * first time: thousands of documents are not news), documents with my own pending
 * changes (I just did that), completed documents. Many at once become one summary.
 */
import type { FailedMutation, IncomingListItem } from '../rpc/contract.js';
import { TASK_MUTATION_LABELS_VI } from '../tasks/index.js';

export type Role = NonNullable<IncomingListItem['myRole']>;

export interface NotifyState {
  /** The newest arrival time seen. */
  highWater: string | null;
  /** Ids seen among the newest documents (a pending registration keeps its id once confirmed). */
  recentIds: string[];
  /** My role on each document assigned to me, at the last look. */
  roles: Record<string, Role>;
  /** The highest arrival number seen in each year's register. */
  maxNumbers?: Record<string, number>;
  /** Ids of my rejected changes already known (told, or there at the first look). */
  failedIds?: number[];
}

export interface Observation {
  /** The newest documents (incoming.list, filter all), newest first. */
  newest: readonly IncomingListItem[];
  /** Documents assigned to me (filters to_process, cooperate, info). */
  assigned: readonly IncomingListItem[];
  /** I direct incoming documents (an agency leader: instruction and assignment). */
  directs?: boolean;
  /** My changes the server refused (mutations.failed). */
  failed?: readonly Pick<FailedMutation, 'id' | 'name' | 'kind' | 'recordId' | 'error'>[];
}

export interface Notice {
  kind: 'assigned' | 'urgent' | 'awaiting' | 'rejected' | 'summary';
  /** The document to open on click (null for a summary). */
  documentId: string | null;
  /** A record of another kind to open on click instead (a refused action on a task). */
  other?: { kind: string; id: string };
  title: string;
  body: string;
  /** flash / very urgent: the shell may ask the OS for more attention. */
  critical: boolean;
}

export interface NotifyOptions {
  /** More notices than this at once become one summary. */
  maxSingle?: number;
  /** How many recent ids to remember. */
  memory?: number;
}

const URGENCY_LABEL: Record<string, string> = { urgent: 'Khẩn', very_urgent: 'Thượng khẩn', flash: 'Hỏa tốc' };
const ROLE_TITLE: Record<Role, string> = {
  main: 'Văn bản mới giao xử lý chính',
  cooperate: 'Văn bản mới giao phối hợp xử lý',
  info: 'Văn bản mới gửi để biết',
};

export const isUrgent = (item: Pick<IncomingListItem, 'urgency'>): boolean => item.urgency in URGENCY_LABEL;

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

export function describe(item: IncomingListItem): string {
  const symbol = [item.codeNumber, item.codeNotation].filter((s) => s !== '').join('/');
  const head = [symbol, item.issuer].filter((s) => s !== '').join(' — ');
  return clip(head ? `${head}: ${item.subject}` : item.subject, 200);
}

function assignedNotice(item: IncomingListItem, role: Role): Notice {
  const label = URGENCY_LABEL[item.urgency];
  return {
    kind: 'assigned',
    documentId: item.id,
    title: label ? `[${label}] ${ROLE_TITLE[role]}` : ROLE_TITLE[role],
    body: describe(item),
    critical: item.urgency === 'flash' || item.urgency === 'very_urgent',
  };
}

function urgentNotice(item: IncomingListItem): Notice {
  return {
    kind: 'urgent',
    documentId: item.id,
    title: `Văn bản ${(URGENCY_LABEL[item.urgency] ?? '').toLowerCase()} mới`,
    body: describe(item),
    critical: item.urgency === 'flash' || item.urgency === 'very_urgent',
  };
}

function awaitingNotice(item: IncomingListItem): Notice {
  const label = URGENCY_LABEL[item.urgency];
  const title = 'Văn bản mới chờ cho ý kiến chỉ đạo';
  return { kind: 'awaiting', documentId: item.id, title: label ? `[${label}] ${title}` : title, body: describe(item), critical: item.urgency === 'flash' || item.urgency === 'very_urgent' };
}

const ACTION_LABEL: Record<string, string> = {
  'incoming.register': 'Vào sổ văn bản đến',
  'incoming.assign': 'Cho ý kiến chỉ đạo, phân công',
  'incoming.reassign': 'Phân công lại trong đơn vị',
  'incoming.revokeAssignment': 'Thu hồi phân công',
  'incoming.addOpinion': 'Ghi ý kiến xử lý',
  'incoming.complete': 'Hoàn thành xử lý',
  'incoming.markRead': 'Đánh dấu đã đọc',
  ...TASK_MUTATION_LABELS_VI,
};

function rejectedNotice(f: NonNullable<Observation['failed']>[number]): Notice {
  return {
    kind: 'rejected',
    documentId: f.kind === 'incoming' ? f.recordId : null,
    ...(f.kind === 'incoming' ? {} : { other: { kind: f.kind, id: f.recordId } }),
    title: 'Thao tác không được máy chủ chấp nhận',
    body: clip(`${ACTION_LABEL[f.name] ?? 'Thao tác'}: ${f.error.message.vi}`, 200),
    critical: false,
  };
}

function stateOf(obs: Observation, prev: NotifyState | null, memory: number): NotifyState {
  let highWater = prev?.highWater ?? null;
  const maxNumbers: Record<string, number> = { ...(prev?.maxNumbers ?? {}) };
  for (const i of obs.newest) {
    if (highWater === null || i.arrivalDate > highWater) highWater = i.arrivalDate;
    const y = String(i.arrivalYear);
    if (i.arrivalNumber > (maxNumbers[y] ?? 0)) maxNumbers[y] = i.arrivalNumber;
  }
  const ids = [...obs.newest.map((i) => i.id), ...(prev?.recentIds ?? [])];
  const recentIds = [...new Set(ids)].slice(0, memory);
  const roles: Record<string, Role> = {};
  for (const i of obs.assigned) if (i.myRole) roles[i.id] = i.myRole;
  // Only the failures still listed matter (a dismissed one cannot come back).
  const failedIds = (obs.failed ?? []).map((f) => f.id);
  return { highWater, recentIds, roles, maxNumbers, failedIds };
}

/** Later than anything seen before: by arrival time, or by number in its year's register. */
function isLater(item: IncomingListItem, prev: NotifyState): boolean {
  if (prev.highWater === null || item.arrivalDate > prev.highWater) return true;
  const max = prev.maxNumbers?.[String(item.arrivalYear)];
  return max !== undefined && item.arrivalNumber > max;
}

/** The next state and what to show. `prev` null: the first look, which only sets the baseline. */
export function decideNotifications(prev: NotifyState | null, obs: Observation, opts: NotifyOptions = {}): { state: NotifyState; notices: Notice[] } {
  const maxSingle = opts.maxSingle ?? 3;
  const state = stateOf(obs, prev, opts.memory ?? 500);
  // First look: a baseline, not news.
  if (prev === null) return { state, notices: [] };

  const notices: Notice[] = [];
  const knownFailed = new Set(prev.failedIds ?? []);
  for (const f of obs.failed ?? []) if (!knownFailed.has(f.id)) notices.push(rejectedNotice(f));
  // The cache was empty last time (the first sync is filling it): documents are a baseline, not news.
  if (prev.highWater === null && Object.keys(prev.roles).length === 0) return summarise(state, notices, maxSingle);

  const told = new Set<string>();
  for (const item of obs.assigned) {
    const role = item.myRole;
    if (!role || item.pending || item.status === 'done' || told.has(item.id)) continue;
    if (prev.roles[item.id] === role) continue;
    notices.push(assignedNotice(item, role));
    told.add(item.id);
  }
  const seen = new Set(prev.recentIds);
  for (const item of obs.newest) {
    if (told.has(item.id) || seen.has(item.id) || item.pending || !item.unread || item.status === 'done' || !isLater(item, prev)) continue;
    if (isUrgent(item)) notices.push(urgentNotice(item));
    else if (obs.directs === true && item.status === 'registered') notices.push(awaitingNotice(item));
    else continue;
    told.add(item.id);
  }
  return summarise(state, notices, maxSingle);
}

function summarise(state: NotifyState, notices: Notice[], maxSingle: number): { state: NotifyState; notices: Notice[] } {
  if (notices.length <= maxSingle) return { state, notices };
  const count = (kind: Notice['kind']): number => notices.filter((n) => n.kind === kind).length;
  const [assigned, urgent, awaiting, rejected] = [count('assigned'), count('urgent'), count('awaiting'), count('rejected')];
  const parts = [
    assigned > 0 ? `${assigned} văn bản mới được giao cho bạn` : '',
    urgent > 0 ? `${urgent} văn bản khẩn mới` : '',
    awaiting > 0 ? `${awaiting} văn bản mới chờ cho ý kiến chỉ đạo` : '',
    rejected > 0 ? `${rejected} thao tác không được chấp nhận` : '',
  ].filter(Boolean);
  const documents = notices.length - rejected;
  const title = documents > 0 ? `iOffice: ${documents} văn bản mới` : `iOffice: ${rejected} thao tác không được chấp nhận`;
  return {
    state,
    notices: [{ kind: 'summary', documentId: null, title, body: parts.join(', '), critical: notices.some((n) => n.critical) }],
  };
}
