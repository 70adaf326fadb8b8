/**
 * Who may see and do what: every role's rights, enforced by the server on every
 * pull, download and mutation (the client is never trusted).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, makePdf, metadata, PushClient, sha256, uploadPdf } from '../helpers/api.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { Clock, expectError, expectRejected, fold, loginAll, pullDocs, pullPage, rowCounts, storedState, type Username } from './support.js';

const USERS = ['vanthu', 'chutich', 'tp.kinhte', 'cv.kinhte1', 'cv.kinhte2', 'tp.noichinh', 'cv.noichinh', 'quantri'] as const;
const DEADLINE = '2026-12-20';

describe.each(BACKENDS)('rights (%s)', (backend) => {
  let s: TestServer;
  let t: Record<(typeof USERS)[number], string>;
  const c = {} as Record<Username, PushClient>;
  const clock = new Clock('2026-11-25T02:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now });
    t = await loginAll(s.url, USERS);
    for (const u of USERS) c[u] = new PushClient(s.url, t[u]);
  });
  afterAll(async () => s?.close());

  /** Clerk registers a document (with a fresh PDF); returns its id and file. */
  async function registered(meta: Record<string, unknown> = {}) {
    const file = await uploadPdf(s.url, t.vanthu, makePdf());
    const id = await c.vanthu.register(meta, [file]);
    return { id, file };
  }

  /** The agency leader assigns main to Phòng Kinh tế and cooperate to Phòng Nội chính; returns the assignment ids. */
  async function assignedToUnits(id: string) {
    const kt = randomUUID();
    const nc = randomUUID();
    await c.chutich.apply('incoming.assign', {
      documentId: id,
      instruction: 'Giao Phòng Kinh tế chủ trì, Phòng Nội chính phối hợp.',
      assignments: [
        { id: kt, role: 'main', unitId: UNITS.economy.id, userId: null, deadline: DEADLINE },
        { id: nc, role: 'cooperate', unitId: UNITS.internal.id, userId: null, deadline: DEADLINE },
      ],
    });
    return { kt, nc };
  }

  const download = (token: string, sha: string) => http(s.url, 'GET', `/files/${sha}`, { token });
  const visible = async (user: (typeof USERS)[number]) => new Set((await pullDocs(s.url, t[user])).docs.keys());

  it('a specialist can never pull, download, or act on a document not visible to them', async () => {
    const { id, file } = await registered();
    const before = await storedState(s, id);
    const counts = await rowCounts(s);

    expect(await visible('cv.kinhte1')).not.toContain(id);
    expectError(await download(t['cv.kinhte1'], file.sha256), 404, 'document_not_found');

    const cv = c['cv.kinhte1'];
    expectRejected(await cv.send('incoming.addOpinion', { documentId: id, opinionId: randomUUID(), kind: 'opinion', content: 'Tôi xin ý kiến' }), 'document_not_found');
    expectRejected(await cv.send('incoming.complete', { documentId: id, note: 'Xong' }), 'document_not_found');
    expectRejected(await cv.send('incoming.markRead', { documentId: id }), 'document_not_found');
    expectRejected(
      await cv.send('incoming.assign', {
        documentId: id,
        instruction: '',
        assignments: [{ id: randomUUID(), role: 'main', unitId: null, userId: U['cv.kinhte1'].id, deadline: null }],
      }),
      'document_not_found',
    );
    // The answer is the same as for a document that does not exist at all: existence is not revealed.
    const ghost = await cv.send('incoming.markRead', { documentId: randomUUID() });
    expectRejected(ghost, 'document_not_found');

    expect(await storedState(s, id)).toEqual(before);
    const after = await rowCounts(s);
    expect({ ...after, clients: counts.clients, mutation_results: counts.mutation_results }).toEqual(counts);
    expect((await s.server.db.query('SELECT 1 FROM record_reads WHERE user_id = $1', [U['cv.kinhte1'].id])).rowCount).toBe(0);
    expect((await s.server.db.query('SELECT 1 FROM access_log WHERE user_id = $1', [U['cv.kinhte1'].id])).rowCount).toBe(0);
  });

  it('only a clerk can register incoming documents', async () => {
    const file = await uploadPdf(s.url, t.vanthu);
    const before = (await rowCounts(s)).documents;
    const counter = (await s.server.db.query('SELECT year, last_number FROM arrival_counters')).rows;
    for (const u of ['chutich', 'tp.kinhte', 'cv.kinhte1'] as const) {
      const r = await c[u].send('incoming.register', {
        documentId: randomUUID(),
        metadata: metadata(),
        files: [file],
      });
      expectRejected(r, 'not_clerk');
    }
    expect((await rowCounts(s)).documents).toBe(before);
    // No arrival number was used up either.
    expect((await s.server.db.query('SELECT year, last_number FROM arrival_counters')).rows).toEqual(counter);
  });

  it('only an agency leader can instruct and assign', async () => {
    const { id } = await registered();
    const { kt } = await assignedToUnits(id);
    // Now the unit leader can see it, but assigning is the agency leader's.
    const extra = { documentId: id, instruction: 'Thêm phối hợp', assignments: [{ id: randomUUID(), role: 'info', unitId: null, userId: U['cv.noichinh'].id, deadline: null }] };
    expectRejected(await c['tp.kinhte'].send('incoming.assign', extra), 'not_agency_leader');
    expectRejected(await c.vanthu.send('incoming.assign', extra), 'not_agency_leader');
    await c['tp.kinhte'].apply('incoming.reassign', {
      documentId: id,
      parentAssignmentId: kt,
      assignments: [{ id: randomUUID(), role: 'main', userId: U['cv.kinhte1'].id, deadline: null }],
    });
    expectRejected(await c['cv.kinhte1'].send('incoming.assign', extra), 'not_agency_leader');
    const doc = await storedState(s, id);
    expect(doc.assignments).toHaveLength(3);
    expect(doc.assignments.some((a: any) => a.userId === U['cv.noichinh'].id)).toBe(false);
    // The agency leader can.
    await c.chutich.apply('incoming.assign', extra);
  });

  it('only the leader of the assigned unit can reassign, and only to staff of that unit', async () => {
    const { id } = await registered();
    const { kt, nc } = await assignedToUnits(id);
    const to = (parent: string, user: Username, role = 'main') => ({
      documentId: id,
      parentAssignmentId: parent,
      assignments: [{ id: randomUUID(), role, userId: U[user].id, deadline: '2026-12-10' }],
    });
    expectRejected(await c['tp.noichinh'].send('incoming.reassign', to(kt, 'cv.noichinh')), 'not_unit_leader');
    expectRejected(await c.chutich.send('incoming.reassign', to(kt, 'cv.kinhte1')), 'not_unit_leader');
    expectRejected(await c.vanthu.send('incoming.reassign', to(kt, 'cv.kinhte1')), 'not_unit_leader');
    expectRejected(await c['tp.kinhte'].send('incoming.reassign', to(kt, 'cv.noichinh')), 'assignee_outside_unit');
    expectRejected(await c['tp.kinhte'].send('incoming.reassign', to(nc, 'cv.kinhte1', 'cooperate')), 'not_unit_leader');
    // A unit that only co-operates cannot hand out the main role.
    expectRejected(await c['tp.noichinh'].send('incoming.reassign', to(nc, 'cv.noichinh', 'main')), 'assignee_invalid');
    // The admin account is not staff of any unit's work.
    expectRejected(await c['tp.kinhte'].send('incoming.reassign', to(kt, 'quantri')), 'assignee_outside_unit');
    expect((await storedState(s, id)).assignments).toHaveLength(2);

    await c['tp.kinhte'].apply('incoming.reassign', to(kt, 'cv.kinhte1'));
    await c['tp.noichinh'].apply('incoming.reassign', to(nc, 'cv.noichinh', 'cooperate'));
    const doc = await storedState(s, id);
    expect(doc.assignments.filter((a: any) => a.parentId === kt).map((a: any) => a.userId)).toEqual([U['cv.kinhte1'].id]);
    expect(doc.assignments.filter((a: any) => a.parentId === nc).map((a: any) => a.userId)).toEqual([U['cv.noichinh'].id]);
  });

  it('only the main handler completes', async () => {
    const { id } = await registered();
    const { kt, nc } = await assignedToUnits(id);
    await c['tp.kinhte'].apply('incoming.reassign', {
      documentId: id,
      parentAssignmentId: kt,
      assignments: [
        { id: randomUUID(), role: 'main', userId: U['cv.kinhte1'].id, deadline: null },
        { id: randomUUID(), role: 'cooperate', userId: U['cv.kinhte2'].id, deadline: null },
      ],
    });
    await c['tp.noichinh'].apply('incoming.reassign', {
      documentId: id,
      parentAssignmentId: nc,
      assignments: [{ id: randomUUID(), role: 'cooperate', userId: U['cv.noichinh'].id, deadline: null }],
    });
    const done = { documentId: id, note: 'Đã xử lý xong' };
    expectRejected(await c['tp.noichinh'].send('incoming.complete', done), 'not_main_handler');
    expectRejected(await c['cv.noichinh'].send('incoming.complete', done), 'not_main_handler');
    expectRejected(await c['cv.kinhte2'].send('incoming.complete', done), 'not_main_handler');
    expectRejected(await c.vanthu.send('incoming.complete', done), 'not_handler');
    expectRejected(await c.chutich.send('incoming.complete', done), 'not_handler');
    expect((await storedState(s, id)).status).toBe('in_progress');

    await c['cv.kinhte1'].apply('incoming.complete', done);
    const doc = await storedState(s, id);
    expect(doc.status).toBe('done');
    expect(doc.completedBy).toBe(U['cv.kinhte1'].id);
  });

  it('only whoever made an assignment, or an agency leader, can revoke it', async () => {
    const { id } = await registered();
    const { kt } = await assignedToUnits(id);
    const child = randomUUID();
    await c['tp.kinhte'].apply('incoming.reassign', {
      documentId: id,
      parentAssignmentId: kt,
      assignments: [{ id: child, role: 'main', userId: U['cv.kinhte1'].id, deadline: null }],
    });
    expectRejected(await c['cv.kinhte1'].send('incoming.revokeAssignment', { documentId: id, assignmentId: child }), 'forbidden');
    expectRejected(await c['tp.noichinh'].send('incoming.revokeAssignment', { documentId: id, assignmentId: kt }), 'forbidden');
    expectRejected(await c['tp.kinhte'].send('incoming.revokeAssignment', { documentId: id, assignmentId: kt }), 'forbidden');
    expect((await storedState(s, id)).assignments.every((a: any) => a.status === 'active')).toBe(true);
    await c['tp.kinhte'].apply('incoming.revokeAssignment', { documentId: id, assignmentId: child, reason: 'Giao người khác' });
  });

  it('the administrator cannot push, upload or register, and sees no documents', async () => {
    const { id, file } = await registered();
    const r = await http(s.url, 'POST', '/sync/push', {
      token: t.quantri,
      json: { clientId: randomUUID(), mutations: [{ id: 1, name: 'incoming.markRead', args: { documentId: id }, createdAt: clock.iso() }] },
    });
    expectError(r, 403, 'forbidden');
    const pdf = makePdf();
    expectError(await http(s.url, 'PUT', `/files/${sha256(pdf)}`, { token: t.quantri, body: pdf, headers: { 'content-type': 'application/pdf' } }), 403, 'forbidden');
    expect((await s.server.db.query('SELECT 1 FROM blobs WHERE sha256 = $1', [sha256(pdf)])).rowCount).toBe(0);
    expectError(await download(t.quantri, file.sha256), 404, 'document_not_found');
    expectError(
      await http(s.url, 'POST', '/incoming/duplicates', { token: t.quantri, json: { codeNumber: '1', codeNotation: 'X', issuer: 'Y', issuedDate: '2026-11-20' } }),
      403,
      'not_clerk',
    );
    expect(await visible('quantri')).toEqual(new Set());
    expect((await visible('vanthu')).size).toBeGreaterThan(0);
    expect((await s.server.db.query('SELECT 1 FROM clients WHERE user_id = $1', [U.quantri.id])).rowCount).toBe(0);
  });

  it('the clerk and the agency leader see every document; a unit leader only those assigned to their unit', async () => {
    const a = await registered();
    const b = await registered();
    await c.chutich.apply('incoming.assign', {
      documentId: b.id,
      instruction: '',
      assignments: [{ id: randomUUID(), role: 'main', unitId: UNITS.economy.id, userId: null, deadline: null }],
    });
    const all = (await s.server.db.query<{ id: string }>('SELECT id FROM documents')).rows.map((r) => r.id);
    expect(await visible('vanthu')).toEqual(new Set(all));
    expect(await visible('chutich')).toEqual(new Set(all));
    const kt = await visible('tp.kinhte');
    expect(kt).toContain(b.id);
    expect(kt).not.toContain(a.id);
    const nc = await visible('tp.noichinh');
    expect(nc).not.toContain(b.id);
    expect(nc).not.toContain(a.id);
    // A unit assignment does not show the document to the unit's specialists.
    expect(await visible('cv.kinhte2')).not.toContain(b.id);
    // The unit leader can download its file, the other unit's leader cannot.
    expect((await download(t['tp.kinhte'], b.file.sha256)).status).toBe(200);
    expectError(await download(t['tp.noichinh'], b.file.sha256), 404, 'document_not_found');
  });

  it('a specialist gains a document when reassigned to them and loses it, with an explicit removal, when revoked', async () => {
    const { id, file } = await registered();
    const { kt } = await assignedToUnits(id);
    const client = randomUUID();
    const first = await pullDocs(s.url, t['cv.kinhte2'], client);
    expect(first.docs.has(id)).toBe(false);

    const child = randomUUID();
    await c['tp.kinhte'].apply('incoming.reassign', {
      documentId: id,
      parentAssignmentId: kt,
      assignments: [{ id: child, role: 'cooperate', userId: U['cv.kinhte2'].id, deadline: '2026-12-15' }],
    });
    const gained = await pullPage(s.url, t['cv.kinhte2'], client, first.cursor);
    expect(gained.reset).toBe(false);
    const put = gained.changes.find((ch) => ch.op === 'put' && ch.doc.id === id);
    expect(put, JSON.stringify(gained.changes)).toBeDefined();
    // The full current state arrives, not just a notice.
    const doc = put!.op === 'put' ? put!.doc : undefined;
    expect(doc?.files.map((f) => f.sha256)).toEqual([file.sha256]);
    expect(doc?.assignments.find((a) => a.id === child)?.userId).toBe(U['cv.kinhte2'].id);
    expect(doc?.history.map((h) => h.action)).toEqual(['registered', 'instructed', 'assigned', 'reassigned']);
    expect((await download(t['cv.kinhte2'], file.sha256)).status).toBe(200);
    await c['cv.kinhte2'].apply('incoming.addOpinion', { documentId: id, opinionId: randomUUID(), kind: 'opinion', content: 'Đồng ý phối hợp' });

    await c['tp.kinhte'].apply('incoming.revokeAssignment', { documentId: id, assignmentId: child, reason: 'Điều chỉnh' });
    const lost = await pullPage(s.url, t['cv.kinhte2'], client, gained.cursor);
    expect(lost.changes).toContainEqual({ op: 'remove', id });
    expect(fold(first.docs, [...gained.changes, ...lost.changes]).has(id)).toBe(false);
    expectError(await download(t['cv.kinhte2'], file.sha256), 404, 'document_not_found');
    expectRejected(await c['cv.kinhte2'].send('incoming.addOpinion', { documentId: id, opinionId: randomUUID(), kind: 'opinion', content: 'Thêm' }), 'document_not_found');
    // A fresh client of the same user does not get it either; the unit leader still has it.
    expect(await visible('cv.kinhte2')).not.toContain(id);
    expect(await visible('tp.kinhte')).toContain(id);
  });

  it("the clerk's uploads are downloadable by the uploader before registration, not by anyone else", async () => {
    const pdf = makePdf();
    const file = await uploadPdf(s.url, t.vanthu, pdf);
    const mine = await download(t.vanthu, file.sha256);
    expect(mine.status).toBe(200);
    expect(Buffer.from(mine.body as string, 'latin1').subarray(0, 5).toString()).toBe('%PDF-');
    for (const u of ['chutich', 'tp.kinhte', 'cv.kinhte1', 'quantri'] as const) expectError(await download(t[u], file.sha256), 404, 'document_not_found');
    // Someone else's upload is not the clerk's either.
    const theirs = await uploadPdf(s.url, t['cv.kinhte1'], makePdf());
    expectError(await download(t.vanthu, theirs.sha256), 404, 'document_not_found');
    expect((await download(t['cv.kinhte1'], theirs.sha256)).status).toBe(200);
    // Once registered, whoever may see the document may download it.
    await c.vanthu.register({}, [file]);
    expect((await download(t.chutich, file.sha256)).status).toBe(200);
    expectError(await download(t['cv.kinhte1'], file.sha256), 404, 'document_not_found');
  });
});
