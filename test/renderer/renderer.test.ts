/**
 * The renderer's pure pieces, in Node: translations complete in both languages,
 * form limits equal to the shared schemas, routes, and keyset paging.
 */
import { describe, expect, it } from 'vitest';
import { CONFIDENTIALITIES as SHARED_CONF, IncomingMetadata, URGENCIES as SHARED_URG } from '../../src/shared/incoming/model.js';
import { en } from '../../src/renderer/app/i18n/en.js';
import { vi } from '../../src/renderer/app/i18n/vi.js';
import { href, parseHash, type Route } from '../../src/renderer/app/routes.js';
import { CONFIDENTIALITIES, METADATA_LIMITS, URGENCIES } from '../../src/renderer/features/incoming/constants.js';
import { IncomingPager, type PagerState } from '../../src/renderer/features/incoming/pager.js';
import type { RpcClient } from '../../src/shared/rpc/client.js';
import type { IncomingListItem } from '../../src/shared/rpc/contract.js';

type Tree = { [k: string]: string | Tree };
function leaves(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const placeholders = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/gu)].map((m) => m[1] ?? '').sort();

describe('renderer i18n', () => {
  const v = leaves(vi);
  const e = leaves(en);
  it('has the same keys in Vietnamese and English, none empty', () => {
    expect([...e.keys()].sort()).toEqual([...v.keys()].sort());
    for (const [k, s] of [...v, ...e]) expect(s.trim(), k).not.toBe('');
  });
  it('uses the same placeholders in both languages', () => {
    for (const [k, s] of v) expect(placeholders(e.get(k) ?? ''), k).toEqual(placeholders(s));
  });
  it('writes Vietnamese in NFC', () => {
    for (const [k, s] of v) expect(s, k).toBe(s.normalize('NFC'));
  });
  it('names the Decree 30 roles and urgencies as the domain does', () => {
    expect(vi.doc.role).toEqual({ main: 'Xử lý chính', cooperate: 'Phối hợp', info: 'Nhận để biết' });
    expect(vi.doc.urgency).toMatchObject({ urgent: 'Khẩn', very_urgent: 'Thượng khẩn', flash: 'Hỏa tốc' });
    expect(vi.sync.waiting).toBe('Chờ đồng bộ');
    expect(vi.signIn.serverDemo).toBe('Cơ quan mẫu (chế độ đào tạo)');
  });
});

describe('registration form limits', () => {
  it('mirror IncomingMetadata exactly', () => {
    const base = IncomingMetadata.parse({
      issuer: 'Sở Tài chính',
      codeNumber: '15',
      codeNotation: 'QĐ-STC',
      issuedDate: '2026-01-05',
      documentType: 'Quyết định',
      subject: 'Về việc …',
      signerName: '',
      signerPosition: '',
      urgency: 'normal',
      confidentiality: 'normal',
      dueDate: null,
      pageCount: null,
      description: '',
    });
    for (const [field, max] of Object.entries(METADATA_LIMITS)) {
      expect(IncomingMetadata.safeParse({ ...base, [field]: 'ắ'.repeat(max) }).success, `${field} at ${max}`).toBe(true);
      expect(IncomingMetadata.safeParse({ ...base, [field]: 'ắ'.repeat(max + 1) }).success, `${field} at ${max + 1}`).toBe(false);
    }
    expect(URGENCIES).toEqual(SHARED_URG);
    expect(CONFIDENTIALITIES).toEqual(SHARED_CONF);
  });
});

describe('routes', () => {
  const id = '0f000000-0000-4000-8000-00000000abcd';
  it('round-trip through the hash', () => {
    const routes: Route[] = [
      { name: 'incoming' },
      { name: 'register' },
      { name: 'document', id },
      { name: 'slip', id },
      { name: 'search', q: 'quyết định đất đai' },
      { name: 'outgoing' },
      { name: 'outgoingNew' },
      { name: 'outgoingNew', replyTo: id },
      { name: 'outgoingNew', relation: { kind: 'replaces', documentId: id } },
      { name: 'outgoingNew', relation: { kind: 'updates', documentId: id } },
      { name: 'outgoingDoc', id },
      { name: 'schedule', date: null, view: null, leaderId: null },
      { name: 'schedule', date: '2026-11-30', view: null, leaderId: null },
      { name: 'schedule', date: '2026-11-30', view: 'draft', leaderId: null },
      { name: 'schedule', date: '2026-12-02', view: 'leader', leaderId: id },
      { name: 'scheduleEntry', id },
      { name: 'tasks' },
      { name: 'task', id },
      { name: 'dashboard' },
    ];
    for (const r of routes) expect(parseHash(href(r))).toEqual(r);
  });
  it('falls back to the incoming list', () => {
    expect(parseHash('')).toEqual({ name: 'incoming' });
    expect(parseHash('#/incoming/not-an-id')).toEqual({ name: 'incoming' });
    expect(parseHash('#/nowhere')).toEqual({ name: 'incoming' });
    expect(parseHash('#/tasks/not-an-id')).toEqual({ name: 'tasks' });
    expect(parseHash('#/outgoing/not-an-id')).toEqual({ name: 'outgoing' });
    expect(parseHash('#/outgoing/new?replyTo=<script>')).toEqual({ name: 'outgoingNew' });
    expect(parseHash('#/schedule/2026-13-01/agency')).toEqual({ name: 'schedule', date: null, view: null, leaderId: null });
    expect(parseHash('#/schedule/2026-11-30/nowhere')).toEqual({ name: 'schedule', date: '2026-11-30', view: null, leaderId: null });
    expect(parseHash('#/schedule/2026-11-30/agency?leader=x')).toEqual({ name: 'schedule', date: '2026-11-30', view: 'agency', leaderId: null });
    expect(parseHash('#/schedule/entry/not-an-id')).toEqual({ name: 'schedule', date: null, view: null, leaderId: null });
  });
});

describe('keyset pager', () => {
  /** A fake core: `n` documents, newest first, one a day back from 2026-11-30. */
  type Call = { after: string | null; limit: number; arrivedFrom?: string | null; arrivedTo?: string | null };
  function fakeCore(n: number): { rpc: RpcClient; calls: Call[] } {
    const items: IncomingListItem[] = Array.from({ length: n }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(n - i).padStart(12, '0')}`,
      arrivalNumber: n - i,
      arrivalYear: 2026,
      arrivalDate: new Date(Date.UTC(2026, 10, 30) - i * 86_400_000).toISOString(),
      issuer: 'Sở Tài chính',
      codeNumber: String(i),
      codeNotation: 'CV-STC',
      issuedDate: '2026-01-01',
      documentType: 'Công văn',
      subject: `Văn bản ${i}`,
      urgency: 'normal',
      confidentiality: 'normal',
      status: 'registered',
      myRole: null,
      deadline: null,
      overdue: false,
      unread: false,
      pending: false,
    }));
    const calls: Call[] = [];
    const rpc = {
      async call(_m: string, p: Call) {
        calls.push({ after: p.after, limit: p.limit, arrivedFrom: p.arrivedFrom, arrivedTo: p.arrivedTo });
        const start = p.after === null ? 0 : Number(p.after);
        const page = items.slice(start, start + p.limit);
        return { items: page, next: start + p.limit < n ? String(start + p.limit) : null, total: n };
      },
    } as unknown as RpcClient;
    return { rpc, calls };
  }

  it('loads pages in order as rows are needed, never by offset', async () => {
    const { rpc, calls } = fakeCore(1234);
    let state: PagerState | null = null;
    const pager = new IncomingPager(rpc, { filter: 'all', urgentOnly: false, from: null, to: null }, (s) => (state = s));
    await pager.reload();
    expect(pager.count).toBe(1234);
    expect(state!.items).toHaveLength(100);
    await pager.ensure(90);
    expect(state!.items).toHaveLength(600);
    await pager.ensure(1233);
    expect(state!.items).toHaveLength(1234);
    expect(state!.next).toBeNull();
    expect(calls.map((c) => c.after)).toEqual([null, '100', '600', '1100']);
  });

  it('asks the core for the arrival-date range and shows its exact count', async () => {
    const { rpc, calls } = fakeCore(5000);
    const pager = new IncomingPager(rpc, { filter: 'all', urgentOnly: false, from: '2026-11-01', to: '2026-11-10' }, () => {});
    expect(pager.dateRange).toBe(true);
    await pager.reload();
    expect(calls[0]).toMatchObject({ after: null, arrivedFrom: '2026-11-01', arrivedTo: '2026-11-10' });
    // The core filters; the pager neither skips rows nor scans past the range.
    expect(pager.count).toBe(5000);
    await pager.ensure(150);
    expect(calls.every((c) => c.arrivedFrom === '2026-11-01' && c.arrivedTo === '2026-11-10')).toBe(true);
    expect(new IncomingPager(rpc, { filter: 'all', urgentOnly: false, from: null, to: null }, () => {}).dateRange).toBe(false);
  });

  it('drops an answer overtaken by a newer reload', async () => {
    const { rpc } = fakeCore(300);
    const seen: number[] = [];
    const pager = new IncomingPager(rpc, { filter: 'all', urgentOnly: false, from: null, to: null }, (s) => seen.push(s.items.length));
    const first = pager.reload(50);
    const second = pager.reload(250);
    await Promise.all([first, second]);
    expect(pager.state.items).toHaveLength(300);
  });
});
