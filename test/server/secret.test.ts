/**
 * State-secret documents (Mật, Tối mật, Tuyệt mật) on the real server over HTTP
 * (docs/decisions.md §19): a file is given out by the rights on the documents
 * that hold it, the most secret holding winning; the uploader's access ends at
 * registration; and what a pull carries of a secret document follows the agency's
 * per-level policy — the register entry only by default (Decree 30), everything
 * when the agency says so.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECRET_CONTENT_POLICY } from '../../src/shared/incoming/secretContent.js';
import { http, makePdf, PushClient, uploadPdf } from '../helpers/api.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { Clock, DAY, expectError, fold, loginAll, pullDocs, pullPage } from './support.js';

const USERS = ['vanthu', 'chutich', 'tp.kinhte', 'cv.kinhte1', 'cv.kinhte2', 'cv.noichinh', 'quantri'] as const;
type User = (typeof USERS)[number];
const LEVELS = ['confidential', 'secret', 'top_secret'] as const;

const INSTRUCTION = 'Giao Phòng Kinh tế nghiên cứu phương án bảo vệ công trình';
const NOTE = 'Lưu ý chỉ tiêu quân số';
const OPINION = 'Đề xuất bố trí lực lượng tại cầu Đăk Bla';
const DESCRIPTION = 'Kèm phụ lục sơ đồ bố trí';
const COMPLETION = 'Đã báo cáo bằng văn bản giấy';

describe.each(BACKENDS)('secret documents (%s)', (backend) => {
  let s: TestServer;
  let t: Record<User, string>;
  const c = {} as Record<User, PushClient>;
  const clock = new Clock('2026-11-25T02:00:00Z');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    t = await loginAll(s.url, USERS);
    for (const u of USERS) c[u] = new PushClient(s.url, t[u]);
  });
  afterAll(async () => s?.close());

  const download = (user: User, sha: string) => http(s.url, 'GET', `/files/${sha}`, { token: t[user] });
  /** The agency's administrator changes the policy through the running server. */
  const setPolicy = async (change: Partial<typeof DEFAULT_SECRET_CONTENT_POLICY>) => {
    const r = await http(s.url, 'PUT', '/admin/secret-content-policy', { token: t.quantri, json: change });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  /** Registered by the clerk, directed by the leader to cv.kinhte1 (main) with a note, with an opinion and completed. */
  async function handled(confidentiality: 'normal' | (typeof LEVELS)[number], file = makePdf()) {
    const ref = await uploadPdf(s.url, t.vanthu, file);
    const id = await c.vanthu.register({ confidentiality, subject: `Về phương án bảo vệ (${confidentiality})`, description: DESCRIPTION }, [ref]);
    await c.chutich.apply('incoming.assign', {
      documentId: id,
      instruction: INSTRUCTION,
      assignments: [{ id: randomUUID(), role: 'main', unitId: null, userId: U['cv.kinhte1'].id, deadline: '2026-12-10', note: NOTE }],
    });
    await c['cv.kinhte1'].apply('incoming.addOpinion', { documentId: id, opinionId: randomUUID(), kind: 'opinion', content: OPINION });
    await c['cv.kinhte1'].apply('incoming.complete', { documentId: id, note: COMPLETION });
    return { id, file: ref };
  }

  describe('files', () => {
    it('a file that is also a secret document\'s is not served through a normal document holding the same bytes', async () => {
      const pdf = makePdf('Sơ đồ bố trí lực lượng');
      const file = await uploadPdf(s.url, t.vanthu, pdf);
      // The same bytes registered twice: as a Mật document (nobody assigned) and as a normal one for Phòng Kinh tế.
      await c.vanthu.register({ confidentiality: 'confidential' }, [file]);
      const normal = await c.vanthu.register({ confidentiality: 'normal' }, [file]);
      await c.chutich.apply('incoming.assign', {
        documentId: normal,
        instruction: '',
        assignments: [{ id: randomUUID(), role: 'main', unitId: UNITS.economy.id, userId: null, deadline: null }],
      });
      // The unit leader sees only the normal document: the secret holding wins, with a message saying why.
      const doc = (await pullDocs(s.url, t['tp.kinhte'])).docs.get(normal);
      expect(doc?.files).toEqual([file]);
      expectError(await download('tp.kinhte', file.sha256), 403, 'file_withheld');
      // The agency leader sees both, but a Mật document's content does not reach desktops by default: same answer.
      expectError(await download('chutich', file.sha256), 403, 'file_withheld');
      // Someone who sees neither learns nothing.
      expectError(await download('cv.noichinh', file.sha256), 404, 'document_not_found');

      // When the agency sends Mật content to desktops, those who may see the Mật document get the file; the others still do not.
      await setPolicy({ confidential: 'full' });
      try {
        const ok = await download('chutich', file.sha256);
        expect(ok.status).toBe(200);
        expect(Buffer.from(ok.body as string, 'latin1').subarray(0, 5).toString()).toBe('%PDF-');
        expectError(await download('tp.kinhte', file.sha256), 403, 'file_withheld');
      } finally {
        await setPolicy(DEFAULT_SECRET_CONTENT_POLICY);
      }
    });

    it("the uploader's access ends at registration: a specialist's upload registered as a secret document is his no more", async () => {
      const file = await uploadPdf(s.url, t['cv.kinhte2'], makePdf('Báo cáo mật'));
      expect((await download('cv.kinhte2', file.sha256)).status).toBe(200);
      await c.vanthu.register({ confidentiality: 'secret' }, [file]);
      expectError(await download('cv.kinhte2', file.sha256), 404, 'document_not_found');
      // Nor is the clerk's own upload hers once registered as secret: she sees the register entry only.
      const own = await uploadPdf(s.url, t.vanthu, makePdf('Tài liệu tối mật'));
      expect((await download('vanthu', own.sha256)).status).toBe(200);
      await c.vanthu.register({ confidentiality: 'top_secret' }, [own]);
      expectError(await download('vanthu', own.sha256), 403, 'content_withheld');
      // A normal registration ends it too: from then on the document's rights decide.
      const plain = await uploadPdf(s.url, t['cv.kinhte2'], makePdf('Công văn thường'));
      await c.vanthu.register({ confidentiality: 'normal' }, [plain]);
      expectError(await download('cv.kinhte2', plain.sha256), 404, 'document_not_found');
      expect((await download('vanthu', plain.sha256)).status).toBe(200);
    });
  });

  describe('what a pull carries', () => {
    it('by default (Decree 30) every secret level reaches desktops as its register entry only', async () => {
      const docs: Array<readonly [(typeof LEVELS)[number] | 'normal', Awaited<ReturnType<typeof handled>>]> = [];
      // One after another: a push client numbers its mutations in order.
      for (const level of [...LEVELS, 'normal' as const]) docs.push([level, await handled(level)]);
      for (const user of ['vanthu', 'chutich', 'cv.kinhte1'] as const) {
        const r = await http(s.url, 'POST', '/sync/pull', { token: t[user], json: { clientId: randomUUID(), cursor: null, limit: 1000 } });
        expect(r.status).toBe(200);
        const pulled = fold(new Map(), r.body.changes);
        for (const [level, { id, file }] of docs) {
          const doc = pulled.get(id)!;
          // The register entry: numbers, symbol, issuer, dates, trích yếu, levels, who handles it, status, who did what when.
          expect(doc, `${user} ${level}`).toMatchObject({
            confidentiality: level,
            subject: `Về phương án bảo vệ (${level})`,
            status: 'done',
            instructedBy: U.chutich.id,
            completedBy: U['cv.kinhte1'].id,
          });
          expect(doc.arrivalNumber).toBeGreaterThan(0);
          expect(doc.assignments.map((a) => [a.role, a.userId, a.deadline, a.status])).toEqual([['main', U['cv.kinhte1'].id, '2026-12-10', 'done']]);
          expect(doc.opinions.map((o) => o.authorId)).toEqual([U['cv.kinhte1'].id]);
          expect(doc.history.map((h) => h.action)).toEqual(['registered', 'instructed', 'assigned', 'opinion', 'completed']);
          if (level === 'normal') {
            expect(doc).toMatchObject({ contentWithheld: false, files: [file], instruction: INSTRUCTION, description: DESCRIPTION, completionNote: COMPLETION });
            expect(doc.opinions[0]!.content).toBe(OPINION);
            expect(doc.assignments[0]!.note).toBe(NOTE);
          } else {
            // No content: no file, no notes, no instruction, opinion or history text.
            expect(doc, `${user} ${level}`).toMatchObject({ contentWithheld: true, files: [], instruction: '', description: '', completionNote: '' });
            expect(doc.opinions[0]!.content).toBe('');
            expect(doc.assignments[0]!.note).toBe('');
            expect(doc.history.every((h) => h.summary === '' && Object.keys(h.details).length === 0)).toBe(true);
          }
        }
        // None of it is anywhere in what went over the wire for the secret documents.
        const secretText = JSON.stringify(r.body.changes.filter((ch: any) => ch.doc && ch.doc.confidentiality !== 'normal'));
        for (const text of [INSTRUCTION, NOTE, OPINION, DESCRIPTION, COMPLETION, ...docs.filter(([l]) => l !== 'normal').map(([, d]) => d.file.sha256)])
          expect(secretText, `${user}: ${text}`).not.toContain(text);
      }
      // The organisation the clients sync says what the agency chose.
      const org = await http(s.url, 'GET', '/org', { token: t['cv.kinhte1'] });
      expect(org.body.secretContent).toEqual(DEFAULT_SECRET_CONTENT_POLICY);
    });

    it('an agency that sends Mật content to desktops gets it there, and loses it again when it changes its mind', async () => {
      const mat = await handled('confidential');
      const toiMat = await handled('top_secret');
      const clientId = randomUUID();
      const first = await pullDocs(s.url, t['cv.kinhte1'], clientId);
      expect(first.docs.get(mat.id)).toMatchObject({ contentWithheld: true, instruction: '' });
      const orgBefore = (await pullPage(s.url, t['cv.kinhte1'], clientId, first.cursor)).orgVersion;

      // Only the agency's administrator sets it, and only to a known mode.
      expectError(await http(s.url, 'PUT', '/admin/secret-content-policy', { token: t.chutich, json: { confidential: 'full' } }), 403, 'forbidden');
      expectError(await http(s.url, 'PUT', '/admin/secret-content-policy', { token: t.quantri, json: { confidential: 'all' } }), 400, 'validation_failed');
      expect(await setPolicy({ confidential: 'full' })).toEqual({ ...DEFAULT_SECRET_CONTENT_POLICY, confidential: 'full' });
      try {
        // The next incremental pull brings the Mật document again, whole; Tuyệt mật stays an entry; the organisation changed.
        const page = await pullPage(s.url, t['cv.kinhte1'], clientId, first.cursor);
        expect(page.orgVersion).toBeGreaterThan(orgBefore);
        const changed = fold(new Map(first.docs), page.changes);
        expect(changed.get(mat.id)).toMatchObject({ contentWithheld: false, files: [mat.file], instruction: INSTRUCTION, description: DESCRIPTION });
        expect(changed.get(mat.id)!.opinions[0]!.content).toBe(OPINION);
        expect(changed.get(toiMat.id)).toMatchObject({ contentWithheld: true, files: [], instruction: '' });
        expect((await download('cv.kinhte1', mat.file.sha256)).status).toBe(200);
        expectError(await download('cv.kinhte1', toiMat.file.sha256), 403, 'content_withheld');
        // Who may not see the document still gets nothing of it.
        expect((await pullDocs(s.url, t['cv.noichinh'])).docs.has(mat.id)).toBe(false);
        expectError(await download('cv.noichinh', mat.file.sha256), 404, 'document_not_found');
        expect((await http(s.url, 'GET', '/org', { token: t.vanthu })).body.secretContent).toEqual({ ...DEFAULT_SECRET_CONTENT_POLICY, confidential: 'full' });

        // Back to the default: the next pull takes the content away again.
        await setPolicy({ confidential: 'metadata' });
        const again = await pullPage(s.url, t['cv.kinhte1'], clientId, page.cursor);
        expect(fold(changed, again.changes).get(mat.id)).toMatchObject({ contentWithheld: true, files: [], instruction: '', description: '' });
        expectError(await download('cv.kinhte1', mat.file.sha256), 403, 'content_withheld');
      } finally {
        await setPolicy(DEFAULT_SECRET_CONTENT_POLICY);
      }
    });
  });
});
