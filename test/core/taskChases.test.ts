/**
 * tasks.lastChases: the latest chase ("Đôn đốc") on each task a user handles and still owes,
 * which the desktop notifier compares with its last look (shared/tasks/notifications.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { UserSummary } from '../../src/shared/model/organisation.js';
import type { Db } from '../../src/main/core/db/open.js';
import { TaskStore } from '../../src/main/core/tasks/store.js';
import { taskHandlers, type TaskContext } from '../../src/main/core/tasks/handlers.js';
import { openTaskCache } from '../helpers/taskCache.js';
import { agencyWeek, at, nextId, ORG, P, type TaskWorld } from '../helpers/taskWorld.js';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function storeFor(w: TaskWorld, u: UserSummary): TaskStore {
  const db = openTaskCache();
  opened.push(db);
  const store = new TaskStore(db, () => ORG);
  db.transaction(() => {
    for (const t of w.visibleTo(u)) store.put(t, u);
  })();
  return store;
}

describe('the latest chase on the tasks I handle', () => {
  const s = agencyWeek();
  const first = nextId();
  const second = nextId();
  const onT2 = nextId();
  s.w.act(P.chutich, 'tasks.chase', { taskId: s.T1, chaseId: first, message: 'Đề nghị khẩn trương hoàn thành' }, at('2025-03-11'));
  s.w.act(P.chutich, 'tasks.chase', { taskId: s.T1, chaseId: second, message: 'Hạn đã qua, báo cáo ngay trong hôm nay' }, at('2025-03-12'));
  s.w.act(P.tpKinhte, 'tasks.chase', { taskId: s.T2, chaseId: onT2, message: 'Gửi dự thảo trước thứ Sáu' }, at('2025-03-11'));

  it('as the main handler and as a co-operator, latest first, only the last chase of each task', () => {
    const got = storeFor(s.w, P.cv1).lastChases(100);
    expect(got.map((c) => [c.taskId, c.myRole, c.chase.id, c.chase.message])).toEqual([
      [s.T1, 'main', second, 'Hạn đã qua, báo cáo ngay trong hôm nay'],
      [s.T2, 'cooperate', onT2, 'Gửi dự thảo trước thứ Sáu'],
    ]);
    expect(got[0]).toMatchObject({ title: 'Báo cáo tình hình giải ngân vốn đầu tư công quý I', chase: { by: P.chutich.id } });
    expect(storeFor(s.w, P.tonghop).lastChases(100).map((c) => [c.taskId, c.myRole])).toEqual([[s.T2, 'main']]);
    expect(storeFor(s.w, P.cv1).lastChases(1).map((c) => c.taskId)).toEqual([s.T1]);
  });

  it('not to whoever only follows or gave the task, nor once the work is delivered', async () => {
    expect(storeFor(s.w, P.chutich).lastChases(100)).toEqual([]);
    expect(storeFor(s.w, P.cvNoichinh).lastChases(100)).toEqual([]); // for information on T1
    s.w.act(P.cv1, 'tasks.complete', { taskId: s.T1, note: 'Đã gửi báo cáo' }, at('2025-03-12'));
    const store = storeFor(s.w, P.cv1);
    expect(store.lastChases(100).map((c) => c.taskId)).toEqual([s.T2]);
    // The RPC method answers the same.
    const h = taskHandlers(() => ({ store }) as unknown as TaskContext);
    expect((await h['tasks.lastChases']({ limit: 100 })).map((c) => c.taskId)).toEqual([s.T2]);
    await expect(taskHandlers(() => null)['tasks.lastChases']({ limit: 100 })).rejects.toMatchObject({ code: 'not_signed_in' });
  });
});
