/**
 * What to tell the user with a desktop notification (pure, unit-tested). The
 * Electron shell feeds it what it reads from the core after each change and
 * shows the notices; a browser page could do the same with the Notification API.
 *
 * Two kinds of news:
 *  - a NEW ASSIGNMENT: a document now carries a role for me (main / cooperate /
 *    info) that it did not carry at the last look — whenever the document arrived;
 *  - a NEW URGENT DOCUMENT: urgent, very urgent or flash, unread, and newer than
 *    anything seen before (a document that only changed is not new).
 * Never: the first look (after start or sign-in, or while the cache fills for the
 * first time: thousands of documents are not news), documents with my own pending
 * changes (I just did that), completed documents. Many at once become one summary.
 */
import type { IncomingListItem } from './rpc/contract.js';

export type Role = NonNullable<IncomingListItem['myRole']>;

export interface NotifyState {
  /** The newest arrival time seen. */
  highWater: string | null;
  /** Ids seen among the newest documents (a pending registration keeps its id once confirmed). */
  recentIds: string[];
  /** My role on each document assigned to me, at the last look. */
  roles: Record<string, Role>;
}

export interface Observation {
  /** The newest documents (incoming.list, filter all), newest first. */
  newest: readonly IncomingListItem[];
  /** Documents assigned to me (filters to_process, cooperate, info). */
  assigned: readonly IncomingListItem[];
}

export interface Notice {
  kind: 'assigned' | 'urgent' | 'summary';
  /** The document to open on click (null for a summary). */
  documentId: string | null;
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

function stateOf(obs: Observation, prev: NotifyState | null, memory: number): NotifyState {
  let highWater = prev?.highWater ?? null;
  for (const i of obs.newest) if (highWater === null || i.arrivalDate > highWater) highWater = i.arrivalDate;
  const ids = [...obs.newest.map((i) => i.id), ...(prev?.recentIds ?? [])];
  const recentIds = [...new Set(ids)].slice(0, memory);
  const roles: Record<string, Role> = {};
  for (const i of obs.assigned) if (i.myRole) roles[i.id] = i.myRole;
  return { highWater, recentIds, roles };
}

/** The next state and what to show. `prev` null: the first look, which only sets the baseline. */
export function decideNotifications(prev: NotifyState | null, obs: Observation, opts: NotifyOptions = {}): { state: NotifyState; notices: Notice[] } {
  const maxSingle = opts.maxSingle ?? 3;
  const state = stateOf(obs, prev, opts.memory ?? 500);
  // First look, or the cache was empty last time (the first sync is filling it): a baseline, not news.
  if (prev === null || (prev.highWater === null && Object.keys(prev.roles).length === 0)) return { state, notices: [] };

  const notices: Notice[] = [];
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
    if (told.has(item.id) || seen.has(item.id) || item.pending || !item.unread || item.status === 'done' || !isUrgent(item)) continue;
    if (prev.highWater !== null && item.arrivalDate <= prev.highWater) continue;
    notices.push(urgentNotice(item));
    told.add(item.id);
  }
  if (notices.length <= maxSingle) return { state, notices };
  const assigned = notices.filter((n) => n.kind === 'assigned').length;
  const urgent = notices.length - assigned;
  const parts = [assigned > 0 ? `${assigned} văn bản mới được giao cho bạn` : '', urgent > 0 ? `${urgent} văn bản khẩn mới` : ''].filter(Boolean);
  return {
    state,
    notices: [{ kind: 'summary', documentId: null, title: `iOffice: ${notices.length} văn bản mới`, body: parts.join(', '), critical: notices.some((n) => n.critical) }],
  };
}
