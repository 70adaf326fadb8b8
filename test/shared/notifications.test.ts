/**
 * Notification rules against Decree 30, Appendix VI III.1.i ("thông báo khi có văn
 * bản mới"), issue #7: the agency leader is told of a new document awaiting
 * direction, whatever its urgency; anyone is told when the server refuses one of
 * their changes; a registration synced late (dated by the clerk's earlier time,
 * numbered next) is still news.
 */
import { describe, expect, it } from 'vitest';
import { decideNotifications, type NotifyState, type Observation } from '../../src/shared/incoming/notifications.js';
import { listItem } from '../helpers/listItems.js';
import { errorBody } from '../../src/shared/i18n/errors.js';
import { noticeTarget } from '../../src/main/shell/notifier.js';


function baseline(obs: Observation): NotifyState {
  const r = decideNotifications(null, obs);
  expect(r.notices).toEqual([]);
  return r.state;
}

const failure = (id: number, name: string, code: 'issued_date_future' | 'main_handler_exists', documentId = listItem().id) => ({
  id,
  name,
  kind: 'incoming',
  recordId: documentId,
  error: code === 'issued_date_future' ? errorBody(code, { date: '05/01/2027', today: '04/01/2027' }) : errorBody(code),
});

describe('the agency leader', () => {
  it('is told of a new normal document awaiting direction', () => {
    const old = listItem({ arrivalDate: '2026-11-21T01:00:00.000Z' });
    const s = baseline({ newest: [old], assigned: [], directs: true });
    const fresh = listItem({ arrivalDate: '2026-11-21T02:00:00.000Z', subject: 'Về việc tổ chức Hội nghị tổng kết' });
    const r = decideNotifications(s, { newest: [fresh, old], assigned: [], directs: true });
    expect(r.notices).toEqual([
      { kind: 'awaiting', documentId: fresh.id, title: 'Văn bản mới chờ cho ý kiến chỉ đạo', body: `${fresh.codeNumber}/STC-NS — Sở Tài chính tỉnh Kon Tum: Về việc tổ chức Hội nghị tổng kết`, critical: false },
    ]);
  });

  it('is not told again, nor of a document already assigned, read or completed; others are not told of it', () => {
    const old = listItem({ arrivalDate: '2026-11-21T01:00:00.000Z' });
    const s = baseline({ newest: [old], assigned: [], directs: true });
    const assigned = listItem({ arrivalDate: '2026-11-21T02:00:00.000Z', status: 'in_progress' });
    const read = listItem({ arrivalDate: '2026-11-21T02:01:00.000Z', unread: false });
    const fresh = listItem({ arrivalDate: '2026-11-21T02:02:00.000Z' });
    const r = decideNotifications(s, { newest: [fresh, read, assigned, old], assigned: [], directs: true });
    expect(r.notices.map((x) => x.documentId)).toEqual([fresh.id]);
    expect(decideNotifications(r.state, { newest: [fresh, read, assigned, old], assigned: [], directs: true }).notices).toEqual([]);
    // A specialist or a clerk who sees it is not asked to direct it.
    expect(decideNotifications(s, { newest: [fresh, old], assigned: [] }).notices).toEqual([]);
  });

  it('is told of a registration made offline on 31/12 and synced on 02/01 (earlier arrival time, next number)', () => {
    const newYear = listItem({ arrivalYear: 2027, arrivalNumber: 1, arrivalDate: '2027-01-02T00:30:00.000Z' });
    const last = listItem({ arrivalYear: 2026, arrivalNumber: 900, arrivalDate: '2026-12-31T03:00:00.000Z' });
    const s = baseline({ newest: [newYear, last], assigned: [], directs: true });
    const late = listItem({ arrivalYear: 2026, arrivalNumber: 901, arrivalDate: '2026-12-31T09:30:00.000Z' });
    const r = decideNotifications(s, { newest: [newYear, late, last], assigned: [], directs: true });
    expect(r.notices.map((x) => [x.kind, x.documentId])).toEqual([['awaiting', late.id]]);
  });
});

describe('a rejected action', () => {
  it('is told to the clerk with the server’s reason, once', () => {
    const s = baseline({ newest: [listItem()], assigned: [], failed: [] });
    const f = failure(7, 'incoming.register', 'issued_date_future');
    const r = decideNotifications(s, { newest: [], assigned: [], failed: [f] });
    expect(r.notices).toEqual([
      {
        kind: 'rejected',
        documentId: f.recordId,
        title: 'Thao tác không được máy chủ chấp nhận',
        body: 'Vào sổ văn bản đến: Ngày văn bản (05/01/2027) không được sau ngày vào sổ (04/01/2027).',
        critical: false,
      },
    ]);
    expect(decideNotifications(r.state, { newest: [], assigned: [], failed: [f] }).notices).toEqual([]);
  });

  it('is told even while the cache is still empty, but failures already there at the first look are not news', () => {
    const old = failure(1, 'incoming.assign', 'main_handler_exists');
    const s = baseline({ newest: [], assigned: [], failed: [old] });
    const f = failure(2, 'incoming.assign', 'main_handler_exists');
    const r = decideNotifications(s, { newest: [], assigned: [], failed: [old, f] });
    expect(r.notices.map((x) => [x.kind, x.body])).toEqual([['rejected', 'Cho ý kiến chỉ đạo, phân công: Văn bản đã có đơn vị/cá nhân xử lý chính; hãy thu hồi trước khi giao lại.']]);
  });

  it('on a task names the task action and opens the task, not a document', () => {
    const s = baseline({ newest: [], assigned: [], failed: [] });
    const taskId = '0d000000-0000-4000-8000-000000000001';
    const f = { ...failure(3, 'tasks.requestExtension', 'main_handler_exists'), kind: 'tasks', recordId: taskId };
    const [n] = decideNotifications(s, { newest: [], assigned: [], failed: [f] }).notices;
    expect(n).toMatchObject({ kind: 'rejected', documentId: null, other: { kind: 'tasks', id: taskId } });
    expect(n!.body.startsWith('Xin gia hạn công việc: ')).toBe(true);
    expect(noticeTarget(n!)).toEqual({ kind: 'tasks', id: taskId });
  });
});
