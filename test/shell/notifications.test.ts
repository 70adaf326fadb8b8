import { describe, expect, it } from 'vitest';
import { decideNotifications, type NotifyState } from '../../src/shared/incoming/notifications.js';
import type { IncomingListItem } from '../../src/shared/rpc/contract.js';
import { listItem } from '../helpers/listItems.js';

const at = (minute: number): string => `2026-11-21T09:${String(minute).padStart(2, '0')}:00.000Z`;

function baseline(newest: IncomingListItem[], assigned: IncomingListItem[] = []): NotifyState {
  const r = decideNotifications(null, { newest, assigned });
  expect(r.notices).toEqual([]);
  return r.state;
}

describe('what to notify', () => {
  it('the first look is only a baseline, however much is there', () => {
    const many = Array.from({ length: 50 }, () => listItem({ urgency: 'flash', myRole: 'main' }));
    const r = decideNotifications(null, { newest: many, assigned: many });
    expect(r.notices).toEqual([]);
    expect(r.state.highWater).not.toBeNull();
  });

  it('while the cache fills for the first time (empty before), nothing is news', () => {
    const empty = baseline([]);
    const filled = Array.from({ length: 20 }, () => listItem({ urgency: 'urgent', myRole: 'cooperate' }));
    expect(decideNotifications(empty, { newest: filled, assigned: filled }).notices).toEqual([]);
  });

  it('a new urgent document, unread, newer than anything seen', () => {
    const old = listItem({ arrivalDate: at(0) });
    const s = baseline([old]);
    const urgent = listItem({ arrivalDate: at(5), urgency: 'flash', subject: 'Về việc ứng phó bão số 9' });
    const normal = listItem({ arrivalDate: at(6) });
    const r = decideNotifications(s, { newest: [normal, urgent, old], assigned: [] });
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]).toMatchObject({ kind: 'urgent', documentId: urgent.id, title: 'Văn bản hỏa tốc mới', critical: true });
    expect(r.notices[0]!.body).toContain('Về việc ứng phó bão số 9');
    expect(r.notices[0]!.body).toContain(`${urgent.codeNumber}/STC-NS`);
    // and only once
    expect(decideNotifications(r.state, { newest: [normal, urgent, old], assigned: [] }).notices).toEqual([]);
  });

  it('not: an old urgent document that only changed, one already read, my own pending registration, a completed one', () => {
    const oldUrgent = listItem({ arrivalDate: at(0), urgency: 'very_urgent' });
    const s = baseline([oldUrgent]);
    const read = listItem({ arrivalDate: at(10), urgency: 'urgent', unread: false });
    const mine = listItem({ arrivalDate: at(11), urgency: 'urgent', pending: true });
    const done = listItem({ arrivalDate: at(12), urgency: 'urgent', status: 'done' });
    const r = decideNotifications(s, { newest: [done, mine, read, { ...oldUrgent, subject: 'đã sửa' }], assigned: [] });
    expect(r.notices).toEqual([]);
    // the pending registration, once confirmed (same id, server time a little later), is still not news
    const confirmed = { ...mine, pending: false, arrivalDate: at(13) };
    expect(decideNotifications(r.state, { newest: [confirmed, done, read], assigned: [] }).notices).toEqual([]);
  });

  it('a new assignment, whenever the document arrived, with my role in the title', () => {
    const doc = listItem({ arrivalDate: at(0) });
    const s = baseline([doc]);
    const assigned = { ...doc, myRole: 'main' as const, status: 'in_progress' as const, unread: false };
    const r = decideNotifications(s, { newest: [assigned], assigned: [assigned] });
    expect(r.notices).toEqual([expect.objectContaining({ kind: 'assigned', documentId: doc.id, title: 'Văn bản mới giao xử lý chính' })]);
    // unchanged role: nothing more
    expect(decideNotifications(r.state, { newest: [assigned], assigned: [assigned] }).notices).toEqual([]);
    // a changed role is news again
    const cooperate = { ...assigned, myRole: 'cooperate' as const };
    expect(decideNotifications(r.state, { newest: [cooperate], assigned: [cooperate] }).notices[0]).toMatchObject({ title: 'Văn bản mới giao phối hợp xử lý' });
  });

  it('an urgent new assignment is one notice, marked urgent', () => {
    const s = baseline([listItem({ arrivalDate: at(0) })]);
    const d = listItem({ arrivalDate: at(30), urgency: 'urgent', myRole: 'info' });
    const r = decideNotifications(s, { newest: [d], assigned: [d] });
    expect(r.notices).toEqual([expect.objectContaining({ kind: 'assigned', title: '[Khẩn] Văn bản mới gửi để biết', critical: false })]);
  });

  it('not for my own pending change, nor a completed one', () => {
    const doc = listItem({ arrivalDate: at(0) });
    const s = baseline([doc]);
    const pending = { ...doc, myRole: 'main' as const, pending: true };
    const done = listItem({ arrivalDate: at(1), myRole: 'main', status: 'done' });
    expect(decideNotifications(s, { newest: [pending], assigned: [pending, done] }).notices).toEqual([]);
  });

  it('many at once become one summary', () => {
    const s = baseline([listItem({ arrivalDate: at(0) })]);
    const news = [
      ...Array.from({ length: 3 }, (_, i) => listItem({ arrivalDate: at(20 + i), urgency: 'urgent' })),
      ...Array.from({ length: 2 }, (_, i) => listItem({ arrivalDate: at(30 + i), myRole: 'main' })),
    ];
    const r = decideNotifications(s, { newest: news, assigned: news.filter((d) => d.myRole) });
    expect(r.notices).toEqual([
      { kind: 'summary', documentId: null, title: 'iOffice: 5 văn bản mới', body: '2 văn bản mới được giao cho bạn, 3 văn bản khẩn mới', critical: false },
    ]);
  });

  it('long subjects are clipped; the memory of ids is bounded', () => {
    const s = baseline([listItem({ arrivalDate: at(0) })]);
    const long = listItem({ arrivalDate: at(40), urgency: 'flash', subject: 'Về việc '.repeat(60) });
    const r = decideNotifications(s, { newest: [long], assigned: [] }, { memory: 3 });
    expect(r.notices[0]!.body.length).toBeLessThanOrEqual(200);
    expect(r.notices[0]!.body.endsWith('…')).toBe(true);
    const more = Array.from({ length: 10 }, (_, i) => listItem({ arrivalDate: at(41 + i) }));
    expect(decideNotifications(r.state, { newest: more, assigned: [] }, { memory: 3 }).state.recentIds).toHaveLength(3);
  });
});
