/**
 * The incoming-document workflow across users (DOMAIN.md §5): register →
 * instruct and assign → reassign inside the unit → opinions and progress →
 * complete; overdue derived from deadlines; rule rejections that change nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineFor, isOverdue } from '../../src/shared/incoming/rules.js';
import { ERROR_MESSAGES } from '../../src/shared/i18n/errors.js';
import type { IncomingDocument } from '../../src/shared/incoming/model.js';
import { http, makePdf, metadata, PushClient, uploadPdf } from '../helpers/api.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { Clock, DAY, docOf, expectRejected, HOUR, loginAll, pullDocs, storedState, summary, vnDate, type Username } from './support.js';

const USERS = ['vanthu', 'chutich', 'tp.kinhte', 'cv.kinhte1', 'cv.kinhte2', 'tp.noichinh', 'cv.noichinh'] as const;
type User = (typeof USERS)[number];

describe.each(BACKENDS)('incoming workflow (%s)', (backend) => {
  let s: TestServer;
  let t: Record<User, string>;
  const c = {} as Record<User, PushClient>;
  // 09:00 in Kon Tum on Wednesday 25 November 2026.
  const clock = new Clock('2026-11-25T02:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    t = await loginAll(s.url, USERS);
    for (const u of USERS) c[u] = new PushClient(s.url, t[u]);
  });
  afterAll(async () => s?.close());

  const id = (u: Username) => U[u].id;

  it('a document travels from the clerk through the leaders to the handler and is completed, seen alike by everyone', async () => {
    const file = await uploadPdf(s.url, t.vanthu, makePdf('Cong van so 245/STC-NS'));
    const times: string[] = [];
    const step = () => {
      clock.advance(HOUR);
      times.push(clock.iso());
    };

    step(); // registered
    const docId = randomUUID();
    await c.vanthu.apply('incoming.register', {
      documentId: docId,
      metadata: metadata({ codeNumber: '245', codeNotation: 'STC-NS', urgency: 'urgent', dueDate: '2026-12-15', subject: 'Về việc quyết toán ngân sách năm 2026' }),
      files: [file],
    });
    const registered = await docOf(s.url, t.chutich, docId);
    expect(registered).toMatchObject({ status: 'registered', urgency: 'urgent', arrivalNumber: 1, arrivalDate: times[0], registeredBy: id('vanthu') });
    expect(await docOf(s.url, t['tp.kinhte'], docId)).toBeUndefined();

    step(); // instructed and assigned
    const aMain = randomUUID();
    const aCoop = randomUUID();
    const aInfo = randomUUID();
    const instruction = 'Giao Phòng Kinh tế chủ trì, phối hợp Phòng Nội chính tham mưu trả lời trước ngày 10/12/2026.';
    await c.chutich.apply('incoming.assign', {
      documentId: docId,
      instruction,
      assignments: [
        { id: aMain, role: 'main', unitId: UNITS.economy.id, userId: null, deadline: '2026-12-10', note: 'Chủ trì' },
        { id: aCoop, role: 'cooperate', unitId: UNITS.internal.id, userId: null, deadline: '2026-12-10' },
        { id: aInfo, role: 'info', unitId: null, userId: id('cv.kinhte2'), deadline: null },
      ],
    });
    const assigned = await docOf(s.url, t['tp.kinhte'], docId);
    expect(assigned).toMatchObject({ status: 'in_progress', instruction, instructedBy: id('chutich'), instructedAt: times[1] });
    expect(await docOf(s.url, t['tp.noichinh'], docId)).toBeDefined();
    expect(await docOf(s.url, t['cv.kinhte2'], docId)).toBeDefined();
    expect(await docOf(s.url, t['cv.kinhte1'], docId)).toBeUndefined();

    step(); // reassigned
    const aSpec = randomUUID();
    await c['tp.kinhte'].apply('incoming.reassign', {
      documentId: docId,
      parentAssignmentId: aMain,
      assignments: [{ id: aSpec, role: 'main', userId: id('cv.kinhte1'), deadline: '2026-12-05', note: 'Đồng chí Hằng tham mưu' }],
    });
    expect(await docOf(s.url, t['cv.kinhte1'], docId)).toMatchObject({ status: 'in_progress' });

    step(); // opinion by the specialist
    const o1 = randomUUID();
    await c['cv.kinhte1'].apply('incoming.addOpinion', { documentId: docId, opinionId: o1, kind: 'opinion', content: 'Đề xuất trả lời theo hướng dẫn của Bộ Tài chính.' });
    step(); // opinion by the co-operating unit's leader
    const o2 = randomUUID();
    await c['tp.noichinh'].apply('incoming.addOpinion', { documentId: docId, opinionId: o2, kind: 'opinion', content: 'Phòng Nội chính thống nhất.' });
    step(); // progress
    const o3 = randomUUID();
    await c['cv.kinhte1'].apply('incoming.addOpinion', { documentId: docId, opinionId: o3, kind: 'progress', content: 'Đã dự thảo văn bản trả lời', progress: 50 });

    step(); // completed
    await c['cv.kinhte1'].apply('incoming.complete', { documentId: docId, note: 'Đã có văn bản trả lời số 45/UBND-KT' });

    const seen = new Map<User, IncomingDocument>();
    for (const u of ['vanthu', 'chutich', 'tp.kinhte', 'tp.noichinh', 'cv.kinhte1', 'cv.kinhte2'] as const) {
      const doc = await docOf(s.url, t[u], docId);
      expect(doc, u).toBeDefined();
      seen.set(u, doc!);
    }
    expect(await docOf(s.url, t['cv.noichinh'], docId)).toBeUndefined();

    const doc = seen.get('vanthu')!;
    expect(doc).toMatchObject({
      status: 'done',
      completedBy: id('cv.kinhte1'),
      completedAt: times[6],
      completionNote: 'Đã có văn bản trả lời số 45/UBND-KT',
      updatedAt: times[6],
      version: 7,
      files: [file],
    });
    expect(doc.assignments.map((a) => [a.id, a.status, a.completedAt])).toEqual([
      [aMain, 'done', times[6]],
      [aCoop, 'done', times[6]],
      [aInfo, 'done', times[6]],
      [aSpec, 'done', times[6]],
    ]);
    expect(doc.assignments.find((a) => a.id === aSpec)).toMatchObject({ parentId: aMain, assignedBy: id('tp.kinhte'), assignedAt: times[2], deadline: '2026-12-05' });
    expect(doc.opinions.map((o) => [o.id, o.authorId, o.kind, o.progress, o.createdAt])).toEqual([
      [o1, id('cv.kinhte1'), 'opinion', null, times[3]],
      [o2, id('tp.noichinh'), 'opinion', null, times[4]],
      [o3, id('cv.kinhte1'), 'progress', 50, times[5]],
    ]);
    expect(doc.history.map((h) => [h.id, h.action, h.actorId, h.at])).toEqual([
      [1, 'registered', id('vanthu'), times[0]],
      [2, 'instructed', id('chutich'), times[1]],
      [3, 'assigned', id('chutich'), times[1]],
      [4, 'reassigned', id('tp.kinhte'), times[2]],
      [5, 'opinion', id('cv.kinhte1'), times[3]],
      [6, 'opinion', id('tp.noichinh'), times[4]],
      [7, 'progress', id('cv.kinhte1'), times[5]],
      [8, 'completed', id('cv.kinhte1'), times[6]],
    ]);
    // The timeline reads in Vietnamese: who was given what, with which deadline.
    expect(doc.history[2]!.summary).toBe('Phân công — Xử lý chính: Phòng Kinh tế (hạn 10/12/2026); Phối hợp: Phòng Nội chính (hạn 10/12/2026); Nhận để biết: Võ Quốc Bảo');
    expect(doc.history[3]!.summary).toBe('Phòng Kinh tế phân công lại — Xử lý chính: Phạm Thu Hằng (hạn 05/12/2026)');
    expect(doc.history[6]!.summary).toBe('Cập nhật tiến độ 50%: Đã dự thảo văn bản trả lời');

    // Everyone who may see it sees the very same document.
    for (const [u, d] of seen) expect({ ...d, readAt: null }, u).toEqual({ ...doc, readAt: null });
  });

  it('Vietnamese typed in decomposed form (macOS, some keyboards) is stored and served in NFC', async () => {
    const nfd = (x: string) => x.normalize('NFD');
    const subject = 'Về việc triển khai Nghị quyết số 15/NQ-HĐND';
    expect(nfd(subject)).not.toBe(subject);
    const file = { ...(await uploadPdf(s.url, t.vanthu)), name: nfd('Tờ trình kèm theo.pdf') };
    const docId = randomUUID();
    await c.vanthu.apply('incoming.register', {
      documentId: docId,
      metadata: metadata({ subject: nfd(subject), issuer: nfd('  Hội đồng nhân dân tỉnh Kon Tum '), signerName: nfd('Nguyễn Đức Tuấn') }),
      files: [file],
    });
    const unit = randomUUID();
    await c.chutich.apply('incoming.assign', {
      documentId: docId,
      instruction: nfd('Giao Phòng Nội chính nghiên cứu, đề xuất'),
      assignments: [{ id: unit, role: 'main', unitId: UNITS.internal.id, userId: null, deadline: null, note: nfd('Khẩn trương') }],
    });
    await c['tp.noichinh'].apply('incoming.addOpinion', { documentId: docId, opinionId: randomUUID(), kind: 'opinion', content: nfd('Đề nghị lấy ý kiến Sở Tư pháp') });
    const doc = (await docOf(s.url, t['tp.noichinh'], docId))!;
    expect(doc.subject).toBe(subject);
    expect(doc.issuer).toBe('Hội đồng nhân dân tỉnh Kon Tum');
    expect(doc.signerName).toBe('Nguyễn Đức Tuấn');
    expect(doc.files[0]!.name).toBe('Tờ trình kèm theo.pdf');
    expect(doc.instruction).toBe('Giao Phòng Nội chính nghiên cứu, đề xuất');
    expect(doc.assignments[0]!.note).toBe('Khẩn trương');
    expect(doc.opinions[0]!.content).toBe('Đề nghị lấy ý kiến Sở Tư pháp');
    const stored = JSON.stringify(await storedState(s, docId));
    expect(stored).toBe(stored.normalize('NFC'));
  });

  it('a document registered from an e-mail keeps its link to the message (in the JSON state, no column of its own)', async () => {
    const docId = randomUUID();
    const sourceMail = {
      messageIdHeader: 'ke-hoach-2026@stc.kontum.gov.vn',
      from: { name: 'Sở Tài chính tỉnh Kon Tum', address: 'stc@kontum.gov.vn' },
      subject: 'Kế hoạch kiểm tra quyết toán năm 2026',
      receivedAt: '2026-11-24T03:15:00.000Z',
    };
    await c.vanthu.apply('incoming.register', { documentId: docId, metadata: metadata({ codeNumber: '88', codeNotation: 'KH-STC', subject: sourceMail.subject, sourceMail }), files: [] });
    expect((await storedState(s, docId)).sourceMail).toEqual(sourceMail);
    expect((await docOf(s.url, t.vanthu, docId))?.sourceMail).toEqual(sourceMail);
    expect((await docOf(s.url, t.chutich, docId))?.sourceMail).toEqual(sourceMail);
    // Registered without one: absent, and the document is as before.
    const plain = randomUUID();
    await c.vanthu.apply('incoming.register', { documentId: plain, metadata: metadata({ codeNumber: '89', codeNotation: 'KH-STC' }), files: [] });
    expect((await docOf(s.url, t.vanthu, plain))?.sourceMail ?? null).toBeNull();
  });

  it('read marks are per user', async () => {
    const docId = await c.vanthu.register();
    clock.advance(HOUR);
    await c.chutich.apply('incoming.markRead', { documentId: docId });
    const readAt = clock.iso();
    clock.advance(HOUR);
    // Opening it again keeps the first time.
    await c.chutich.apply('incoming.markRead', { documentId: docId });
    expect((await docOf(s.url, t.chutich, docId))!.readAt).toBe(readAt);
    expect((await docOf(s.url, t.vanthu, docId))!.readAt).toBeNull();
    // A read mark is not a change of the document.
    expect((await storedState(s, docId)).version).toBe(1);
  });

  it('overdue is derived from the deadline that applies to each user, never stored', async () => {
    clock.set('2026-11-26T02:00:00Z');
    const docId = await c.vanthu.register({ dueDate: vnDate(clock.now(), 10) });
    const unit = randomUUID();
    await c.chutich.apply('incoming.assign', {
      documentId: docId,
      instruction: '',
      assignments: [{ id: unit, role: 'main', unitId: UNITS.economy.id, userId: null, deadline: vnDate(clock.now(), 2) }],
    });
    await c['tp.kinhte'].apply('incoming.reassign', {
      documentId: docId,
      parentAssignmentId: unit,
      assignments: [{ id: randomUUID(), role: 'main', userId: id('cv.kinhte1'), deadline: vnDate(clock.now(), 1) }],
    });
    const start = clock.now();
    const mine = (await docOf(s.url, t['cv.kinhte1'], docId))!;
    expect(deadlineFor(mine, summary('cv.kinhte1'))).toBe(vnDate(start, 1));
    expect(isOverdue(mine, summary('cv.kinhte1'), clock.now())).toBe(false);

    // Two days later: past the specialist's deadline, on the unit's last day.
    clock.advance(2 * DAY);
    const later = (await docOf(s.url, t['cv.kinhte1'], docId))!;
    expect(later.status).toBe('in_progress');
    expect(isOverdue(later, summary('cv.kinhte1'), clock.now())).toBe(true);
    expect(isOverdue(later, summary('tp.kinhte'), clock.now())).toBe(false);
    // The stored document carries no such status: only the clock made it late.
    const stored = await storedState(s, docId);
    expect(stored.status).toBe('in_progress');
    expect(JSON.stringify(stored)).not.toMatch(/overdue/iu);
    expect(stored.version).toBe(later.version);

    // Late is still allowed; once done it is no longer overdue.
    await c['cv.kinhte1'].apply('incoming.complete', { documentId: docId, note: 'Hoàn thành muộn' });
    const done = (await docOf(s.url, t['cv.kinhte1'], docId))!;
    expect(isOverdue(done, summary('cv.kinhte1'), clock.now())).toBe(false);
  });

  it('a person handed the work inside a co-operating unit without a date works to the unit’s deadline, and is late when the unit is', async () => {
    clock.set('2026-11-26T02:00:00Z');
    const docId = await c.vanthu.register({ dueDate: vnDate(clock.now(), 20) });
    const main = randomUUID();
    const coop = randomUUID();
    await c.chutich.apply('incoming.assign', {
      documentId: docId,
      instruction: '',
      assignments: [
        { id: main, role: 'main', unitId: UNITS.economy.id, userId: null, deadline: vnDate(clock.now(), 10) },
        { id: coop, role: 'cooperate', unitId: UNITS.internal.id, userId: null, deadline: vnDate(clock.now(), 2) },
      ],
    });
    const unitDeadline = vnDate(clock.now(), 2);
    // Three days later the unit's deadline has passed: no date is valid, so its leader hands the work on without one.
    clock.advance(3 * DAY);
    const child = randomUUID();
    await c['tp.noichinh'].apply('incoming.reassign', {
      documentId: docId,
      parentAssignmentId: coop,
      assignments: [{ id: child, role: 'cooperate', userId: id('cv.noichinh'), deadline: null }],
    });
    const mine = (await docOf(s.url, t['cv.noichinh'], docId))!;
    expect(mine.assignments.find((a) => a.id === child)?.deadline).toBe(unitDeadline);
    expect(deadlineFor(mine, summary('cv.noichinh'))).toBe(unitDeadline);
    expect(isOverdue(mine, summary('cv.noichinh'), clock.now())).toBe(true);
    // The main handler is not late: the unit's deadline is not the document's.
    expect(isOverdue(mine, summary('tp.kinhte'), clock.now())).toBe(false);
  });

  it('the agency leader moves the main role to another unit by revoking first, which also revokes what was handed down', async () => {
    const docId = await c.vanthu.register();
    const kt = randomUUID();
    const child = randomUUID();
    await c.chutich.apply('incoming.assign', { documentId: docId, instruction: '', assignments: [{ id: kt, role: 'main', unitId: UNITS.economy.id, userId: null, deadline: null }] });
    await c['tp.kinhte'].apply('incoming.reassign', { documentId: docId, parentAssignmentId: kt, assignments: [{ id: child, role: 'main', userId: id('cv.kinhte1'), deadline: null }] });
    const nc = { documentId: docId, instruction: 'Chuyển Phòng Nội chính chủ trì', assignments: [{ id: randomUUID(), role: 'main', unitId: UNITS.internal.id, userId: null, deadline: null }] };
    expectRejected(await c.chutich.send('incoming.assign', nc), 'main_handler_exists');

    await c.chutich.apply('incoming.revokeAssignment', { documentId: docId, assignmentId: kt, reason: 'Không đúng chức năng' });
    const revoked = await storedState(s, docId);
    expect(revoked.assignments.map((a: any) => [a.id, a.status])).toEqual([
      [kt, 'revoked'],
      [child, 'revoked'],
    ]);
    expect(revoked.status).toBe('registered');
    expect(revoked.history.at(-1)).toMatchObject({ action: 'assignment_revoked', actorId: id('chutich'), details: { assignmentIds: [kt, child], reason: 'Không đúng chức năng' } });
    expect(await docOf(s.url, t['cv.kinhte1'], docId)).toBeUndefined();
    expect(await docOf(s.url, t['tp.kinhte'], docId)).toBeUndefined();

    await c.chutich.apply('incoming.assign', nc);
    expect((await docOf(s.url, t['tp.noichinh'], docId))?.status).toBe('in_progress');
    // The revoked handler cannot complete it any more.
    expectRejected(await c['cv.kinhte1'].send('incoming.complete', { documentId: docId }), 'document_not_found');
  });

  describe('rule rejections come back as rejected, with a reason in both languages, and change nothing', () => {
    let docId: string;
    let parent: string;

    beforeAll(async () => {
      clock.set('2026-12-01T02:00:00Z');
      docId = await c.vanthu.register();
      parent = randomUUID();
      await c.chutich.apply('incoming.assign', {
        documentId: docId,
        instruction: '',
        assignments: [
          { id: parent, role: 'main', unitId: UNITS.economy.id, userId: null, deadline: '2026-12-10' },
          { id: randomUUID(), role: 'cooperate', unitId: UNITS.internal.id, userId: null, deadline: null },
        ],
      });
    });

    const assignment = (role: string, target: { unitId?: string; userId?: string }, deadline: string | null = null) => ({
      id: randomUUID(),
      role,
      unitId: target.unitId ?? null,
      userId: target.userId ?? null,
      deadline,
    });

    /** Push as `user`, expect the rejection, and check the document and the next mutation id. */
    async function refused(user: User, name: string, args: Record<string, unknown>, code: keyof typeof ERROR_MESSAGES, target = docId) {
      const before = await storedState(s, target);
      const pullBefore = await pullDocs(s.url, t.vanthu);
      const r = await c[user].send(name, { documentId: target, ...args });
      expectRejected(r, code);
      expect(r.body.results[0].error.message.vi).not.toBe(r.body.results[0].error.message.en);
      expect(await storedState(s, target)).toEqual(before);
      // Nothing new for anybody to pull either.
      const after = await http(s.url, 'POST', '/sync/pull', { token: t.vanthu, json: { clientId: randomUUID(), cursor: pullBefore.cursor } });
      expect(after.body.changes).toEqual([]);
      // The rejection still used up the id: the client goes on with the next one.
      expect(r.body.lastMutationId).toBe(r.body.results[0].id);
    }

    it('a deadline in the past', async () => {
      await refused('chutich', 'incoming.assign', { instruction: '', assignments: [assignment('info', { userId: id('cv.noichinh') }, '2026-11-30')] }, 'deadline_invalid');
      await refused('tp.kinhte', 'incoming.reassign', { parentAssignmentId: parent, assignments: [{ id: randomUUID(), role: 'main', userId: id('cv.kinhte1'), deadline: '2026-11-30' }] }, 'deadline_invalid');
    });

    it('a second main handler, or none', async () => {
      await refused('chutich', 'incoming.assign', { instruction: '', assignments: [assignment('main', { userId: id('cv.noichinh') })] }, 'main_handler_exists');
      const other = await c.vanthu.register();
      await refused(
        'chutich',
        'incoming.assign',
        { instruction: 'Hai đơn vị chủ trì', assignments: [assignment('main', { unitId: UNITS.economy.id }), assignment('main', { unitId: UNITS.internal.id })] },
        'main_handler_required',
        other,
      );
      await refused('chutich', 'incoming.assign', { instruction: '', assignments: [assignment('cooperate', { unitId: UNITS.economy.id })] }, 'main_handler_required', other);
      await refused(
        'tp.kinhte',
        'incoming.reassign',
        {
          parentAssignmentId: parent,
          assignments: [
            { id: randomUUID(), role: 'main', userId: id('cv.kinhte1'), deadline: null },
            { id: randomUUID(), role: 'main', userId: id('cv.kinhte2'), deadline: null },
          ],
        },
        'main_handler_exists',
      );
    });

    it('a reassignment deadline after the parent assignment’s', async () => {
      await refused('tp.kinhte', 'incoming.reassign', { parentAssignmentId: parent, assignments: [{ id: randomUUID(), role: 'main', userId: id('cv.kinhte1'), deadline: '2026-12-11' }] }, 'deadline_invalid');
    });

    it('the same assignee twice, an unknown unit, or an assignment that does not exist', async () => {
      await refused('chutich', 'incoming.assign', { instruction: '', assignments: [assignment('info', { unitId: UNITS.internal.id })] }, 'duplicate_assignee');
      await refused('chutich', 'incoming.assign', { instruction: '', assignments: [assignment('info', { unitId: randomUUID() })] }, 'assignee_invalid');
      await refused('tp.kinhte', 'incoming.reassign', { parentAssignmentId: randomUUID(), assignments: [{ id: randomUUID(), role: 'main', userId: id('cv.kinhte1'), deadline: null }] }, 'assignment_not_found');
      await refused('chutich', 'incoming.revokeAssignment', { assignmentId: randomUUID() }, 'assignment_not_found');
    });

    it('arguments the rules cannot accept', async () => {
      await refused('tp.kinhte', 'incoming.addOpinion', { opinionId: randomUUID(), kind: 'opinion', content: '   ', progress: null }, 'invalid_mutation');
      await refused('tp.kinhte', 'incoming.addOpinion', { opinionId: randomUUID(), kind: 'opinion', content: 'Ý kiến', progress: 40 }, 'invalid_mutation');
      await refused('tp.kinhte', 'incoming.addOpinion', { opinionId: randomUUID(), kind: 'progress', content: 'Tiến độ', progress: 101 }, 'invalid_mutation');
      await refused('chutich', 'incoming.assign', { instruction: '', assignments: [{ ...assignment('info', { userId: id('cv.noichinh') }), unitId: UNITS.internal.id }] }, 'invalid_mutation');
      await refused('chutich', 'incoming.assign', { instruction: '', assignments: [assignment('info', { userId: id('cv.noichinh') }, '2026-02-30')] }, 'invalid_mutation');
    });

    it('any change to a completed document', async () => {
      await c['tp.kinhte'].apply('incoming.complete', { documentId: docId, note: '' });
      await refused('tp.kinhte', 'incoming.addOpinion', { opinionId: randomUUID(), kind: 'opinion', content: 'Bổ sung' }, 'document_done');
      await refused('chutich', 'incoming.assign', { instruction: 'Giao thêm', assignments: [assignment('info', { userId: id('cv.noichinh') })] }, 'document_done');
      await refused('tp.kinhte', 'incoming.reassign', { parentAssignmentId: parent, assignments: [{ id: randomUUID(), role: 'main', userId: id('cv.kinhte1'), deadline: null }] }, 'document_done');
      await refused('chutich', 'incoming.revokeAssignment', { assignmentId: parent }, 'document_done');
      await refused('tp.kinhte', 'incoming.complete', { note: 'Lần nữa' }, 'document_done');
      // Opening it is still fine.
      await c['tp.noichinh'].apply('incoming.markRead', { documentId: docId });
    });
  });
});
