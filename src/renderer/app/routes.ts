/** The routes of the renderer and their hash form (pure: no DOM, unit-tested). */
import { SCHEDULE_VIEWS, type ScheduleViewName } from '../../shared/schedule/constants.js';

/** A mail attachment to register as an incoming document (the form is prefilled from it). */
export interface FromMail {
  messageId: number;
  attachmentId: string;
}
export type Route =
  | { name: 'incoming' }
  | { name: 'register'; fromMail?: FromMail }
  | { name: 'document'; id: string }
  | { name: 'slip'; id: string }
  | { name: 'search'; q: string }
  | { name: 'mail'; folderId: number | null; messageId: number | null }
  | { name: 'mailSettings' }
  | { name: 'tasks' }
  | { name: 'task'; id: string }
  | { name: 'dashboard' }
  /** The week holding `date` (null: this week) in a view (null: the default for the user); 'leader' names whose week. */
  | { name: 'schedule'; date: string | null; view: ScheduleViewName | null; leaderId: string | null }
  | { name: 'scheduleEntry'; id: string }
  | { name: 'outgoing' }
  /** "Soạn văn bản": a new draft, maybe a reply to an incoming document or a replacement/update of an issued one. */
  | { name: 'outgoingNew'; replyTo?: string; relation?: OutgoingRelation }
  | { name: 'outgoingDoc'; id: string }
  /** "Sổ văn bản": the incoming and outgoing registers for a period, as PDF or XLSX. */
  | { name: 'registers' };

/** An issued outgoing document a new draft replaces or updates (Decree 30 Art. 18). */
export interface OutgoingRelation {
  kind: 'replaces' | 'updates';
  documentId: string;
}
const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const ID = /^-?\d{1,15}$/u;
const ATTACHMENT_ID = /^[\w.:-]{1,100}$/u;

const num = (s: string | undefined): number | null => (s !== undefined && ID.test(s) ? Number(s) : null);

function parseMail(b: string | undefined, c: string | undefined): Route {
  if (b === 'settings') return { name: 'mailSettings' };
  const folderId = num(b);
  if (folderId === null) return { name: 'mail', folderId: null, messageId: null };
  return { name: 'mail', folderId, messageId: num(c) };
}

function parseSchedule(b: string | undefined, c: string | undefined, params: URLSearchParams): Route {
  if (b === 'entry') return c && UUID.test(c) ? { name: 'scheduleEntry', id: c } : { name: 'schedule', date: null, view: null, leaderId: null };
  const date = b && ISO_DAY.test(b) ? b : null;
  const view = date && c && (SCHEDULE_VIEWS as readonly string[]).includes(c) ? (c as ScheduleViewName) : null;
  const leader = params.get('leader') ?? '';
  return { name: 'schedule', date, view, leaderId: view === 'leader' && UUID.test(leader) ? leader : null };
}

function parseOutgoing(b: string | undefined, params: URLSearchParams): Route {
  if (b && UUID.test(b)) return { name: 'outgoingDoc', id: b };
  if (b !== 'new') return { name: 'outgoing' };
  const replyTo = params.get('replyTo') ?? '';
  if (UUID.test(replyTo)) return { name: 'outgoingNew', replyTo };
  for (const kind of ['replaces', 'updates'] as const) {
    const documentId = params.get(kind) ?? '';
    if (UUID.test(documentId)) return { name: 'outgoingNew', relation: { kind, documentId } };
  }
  return { name: 'outgoingNew' };
}

function parseFromMail(params: URLSearchParams): FromMail | null {
  const messageId = num(params.get('mail') ?? undefined);
  const attachmentId = params.get('att') ?? '';
  return messageId !== null && ATTACHMENT_ID.test(attachmentId) ? { messageId, attachmentId } : null;
}

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/u, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  const [a, b, c] = parts;
  if (a === 'incoming' && b === 'new') {
    const fromMail = parseFromMail(params);
    return fromMail ? { name: 'register', fromMail } : { name: 'register' };
  }
  if (a === 'incoming' && b && UUID.test(b)) return c === 'slip' ? { name: 'slip', id: b } : { name: 'document', id: b };
  if (a === 'search') return { name: 'search', q: params.get('q') ?? '' };
  if (a === 'mail') return parseMail(b, c);
  if (a === 'tasks') return b && UUID.test(b) ? { name: 'task', id: b } : { name: 'tasks' };
  if (a === 'dashboard') return { name: 'dashboard' };
  if (a === 'schedule') return parseSchedule(b, c, params);
  if (a === 'outgoing') return parseOutgoing(b, params);
  if (a === 'registers') return { name: 'registers' };
  return { name: 'incoming' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'incoming':
      return '#/incoming';
    case 'register':
      return route.fromMail
        ? `#/incoming/new?${new URLSearchParams({ mail: String(route.fromMail.messageId), att: route.fromMail.attachmentId }).toString()}`
        : '#/incoming/new';
    case 'document':
      return `#/incoming/${route.id}`;
    case 'slip':
      return `#/incoming/${route.id}/slip`;
    case 'search':
      return route.q ? `#/search?${new URLSearchParams({ q: route.q }).toString()}` : '#/search';
    case 'mail':
      if (route.folderId === null) return '#/mail';
      return route.messageId === null ? `#/mail/${route.folderId}` : `#/mail/${route.folderId}/${route.messageId}`;
    case 'mailSettings':
      return '#/mail/settings';
    case 'tasks':
      return '#/tasks';
    case 'task':
      return `#/tasks/${route.id}`;
    case 'dashboard':
      return '#/dashboard';
    case 'schedule': {
      if (!route.date) return '#/schedule';
      const base = route.view ? `#/schedule/${route.date}/${route.view}` : `#/schedule/${route.date}`;
      return route.view === 'leader' && route.leaderId ? `${base}?${new URLSearchParams({ leader: route.leaderId }).toString()}` : base;
    }
    case 'scheduleEntry':
      return `#/schedule/entry/${route.id}`;
    case 'outgoing':
      return '#/outgoing';
    case 'outgoingNew':
      if (route.replyTo) return `#/outgoing/new?${new URLSearchParams({ replyTo: route.replyTo }).toString()}`;
      if (route.relation) return `#/outgoing/new?${new URLSearchParams({ [route.relation.kind]: route.relation.documentId }).toString()}`;
      return '#/outgoing/new';
    case 'outgoingDoc':
      return `#/outgoing/${route.id}`;
    case 'registers':
      return '#/registers';
  }
}
