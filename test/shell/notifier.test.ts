import { describe, expect, it } from 'vitest';
import { startNotifier } from '../../src/main/shell/notifier.js';
import { RpcClient } from '../../src/shared/rpc/client.js';
import type { IncomingListItem } from '../../src/shared/rpc/contract.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import type { Notice } from '../../src/shared/incoming/notifications.js';

/** A fake core answering session.get, org.get, mutations.failed and incoming.list from mutable state. */
function fakeCore() {
  const [ui, core] = createMemoryTransportPair();
  const state = { signedIn: true, docs: [] as IncomingListItem[], failed: [] as unknown[], leader: false };
  core.onMessage((m) => {
    const r = m as { id: number; method: string; params: { filter?: string } };
    let result: unknown;
    const user = { id: 'u1', role: state.leader ? 'leader' : 'specialist', unitId: 'agency' };
    if (r.method === 'session.get') result = state.signedIn ? { signedIn: true, serverUrl: 'http://s', user, agency: null } : { signedIn: false, serverUrl: null, user: null, agency: null };
    else if (r.method === 'org.get') result = { units: [{ id: 'agency', parentId: null }], users: [] };
    else if (r.method === 'mutations.failed') result = state.failed;
    else {
      const f = r.params.filter;
      const items = state.docs.filter((d) =>
        f === 'all' ? true : f === 'unread' ? d.unread : f === 'to_process' ? d.myRole === 'main' : f === 'cooperate' ? d.myRole === 'cooperate' : f === 'info' ? d.myRole === 'info' : false,
      );
      result = { items, next: null, total: items.length };
    }
    core.postMessage({ kind: 'response', id: r.id, ok: true, result });
  });
  const event = (name: string, payload: unknown): void => core.postMessage({ kind: 'event', name, payload });
  return { rpc: new RpcClient(ui), state, event };
}

const doc = (id: number, over: Partial<IncomingListItem> = {}): IncomingListItem => ({
  id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  arrivalNumber: id,
  arrivalYear: 2026,
  arrivalDate: `2026-11-21T09:${String(id).padStart(2, '0')}:00.000Z`,
  issuer: 'UBND huyện Đắk Hà',
  codeNumber: String(id),
  codeNotation: 'UBND-VP',
  issuedDate: '2026-11-20',
  documentType: 'Công văn',
  subject: `Văn bản ${id}`,
  urgency: 'normal',
  confidentiality: 'normal',
  status: 'registered',
  myRole: null,
  deadline: null,
  overdue: false,
  unread: true,
  pending: false,
  ...over,
});

describe('the notifier (shell wiring of the pure decisions)', () => {
  it('baseline first, then notices for news; the badge is the unread count', async () => {
    const c = fakeCore();
    c.state.docs = [doc(1), doc(2, { unread: false })];
    const shown: Notice[] = [];
    const badges: number[] = [];
    const n = startNotifier({ rpc: c.rpc, show: (x) => shown.push(x), setBadge: (b) => badges.push(b), debounceMs: 5 });
    await n.check();
    expect(shown).toEqual([]);
    expect(badges).toEqual([1]);

    c.state.docs = [doc(3, { urgency: 'flash' }), ...c.state.docs];
    c.event('changed', { scope: 'incoming', ids: [doc(3).id] });
    await new Promise((r) => setTimeout(r, 60));
    expect(shown.map((s) => s.kind)).toEqual(['urgent']);
    expect(badges.at(-1)).toBe(2);

    // signing out clears the badge; the next user starts from a baseline
    c.state.signedIn = false;
    await n.check();
    expect(badges.at(-1)).toBe(0);
    n.stop();
    c.rpc.close();
  });

  it('tells the agency leader of a new document awaiting direction, and anyone of a change the server refused', async () => {
    const c = fakeCore();
    c.state.leader = true;
    c.state.docs = [doc(1)];
    const shown: Notice[] = [];
    const n = startNotifier({ rpc: c.rpc, show: (x) => shown.push(x), setBadge: () => undefined, debounceMs: 5 });
    await n.check();
    expect(shown).toEqual([]);
    c.state.docs = [doc(4), ...c.state.docs];
    c.state.failed = [{ id: 3, name: 'incoming.assign', documentId: doc(1).id, createdAt: '2026-11-21T09:00:00.000Z', failedAt: '2026-11-21T09:01:00.000Z', error: { code: 'main_handler_exists', message: { vi: 'Văn bản đã có xử lý chính.', en: 'x' } } }];
    await n.check();
    expect(shown.map((s) => [s.kind, s.documentId])).toEqual([
      ['rejected', doc(1).id],
      ['awaiting', doc(4).id],
    ]);
    n.stop();
    c.rpc.close();
  });
});
