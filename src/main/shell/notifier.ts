/**
 * Desktop notifications and the unread badge, driven by the core's events. The
 * decisions are in src/shared/incoming/notifications.ts (pure); this reads the core after
 * each change (debounced) and calls the shell's `show` and `setBadge`. No
 * electron import: main.ts passes Notification and app.setBadgeCount in.
 */
import type { RpcClient } from '../../shared/rpc/client.js';
import type { IncomingListItem } from '../../shared/rpc/contract.js';
import { isAgencyLeader } from '../../shared/model/organisation.js';
import { decideNotifications, type Notice, type NotifyState } from '../../shared/incoming/notifications.js';

export interface NotifierOptions {
  rpc: RpcClient;
  show(notice: Notice): void;
  setBadge(count: number): void;
  debounceMs?: number;
  log?: (message: string, err?: unknown) => void;
}

export interface Notifier {
  /** Look now (tests; start-up). */
  check(): Promise<void>;
  stop(): void;
}

const ASSIGNED_FILTERS = ['to_process', 'cooperate', 'info'] as const;

export function startNotifier(o: NotifierOptions): Notifier {
  let state: NotifyState | null = null;
  let user: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const look = async (): Promise<void> => {
    const session = await o.rpc.call('session.get');
    const who = session.signedIn && session.user ? `${session.serverUrl}|${session.user.id}` : null;
    if (who !== user) {
      user = who;
      state = null; // a new user (or signed out): the next look is a baseline
    }
    if (!who) {
      o.setBadge(0);
      return;
    }
    const [newest, unread, failed, org, ...assignedLists] = await Promise.all([
      o.rpc.call('incoming.list', { filter: 'all', limit: 50 }),
      o.rpc.call('incoming.list', { filter: 'unread', limit: 1 }),
      o.rpc.call('mutations.failed', {}),
      o.rpc.call('org.get', {}),
      ...ASSIGNED_FILTERS.map((filter) => o.rpc.call('incoming.list', { filter, limit: 500 })),
    ]);
    const assigned: IncomingListItem[] = assignedLists.flatMap((l) => l.items);
    // The agency leader directs every new document (Decree 30 Art. 22): told of each one awaiting direction.
    const directs = session.user !== null && org !== null && isAgencyLeader(session.user, org.units);
    const decided = decideNotifications(state, { newest: newest.items, assigned, directs, failed });
    state = decided.state;
    for (const n of decided.notices) o.show(n);
    o.setBadge(unread.total);
  };

  const check = async (): Promise<void> => {
    if (stopped) return;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await look();
        } catch (err) {
          o.log?.('notifier: could not read the core', err);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const schedule = (): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void check();
    }, o.debounceMs ?? 1500);
  };

  const offs = [
    o.rpc.on('changed', (p) => {
      if (p.scope === 'incoming' || p.scope === 'session') schedule();
    }),
    o.rpc.on('sync', (s) => {
      if (s.state === 'online') schedule();
    }),
  ];
  return {
    check,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const off of offs) off();
    },
  };
}
