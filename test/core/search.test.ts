import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, PushClient } from '../helpers/api.js';
import { signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { U } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('Vietnamese search in the local cache', () => {
  let server: TestServer;
  let clerk: PushClient;
  let leader: PushClient;
  let c: InProcessCore;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    clerk = new PushClient(server.url, await login(server.url, 'vanthu'));
    leader = new PushClient(server.url, await login(server.url, 'chutich'));
    ids.quyetDinh = await clerk.register({
      documentType: 'Quyết định',
      codeNumber: '15',
      codeNotation: 'QĐ-UBND',
      subject: 'Quyết định phê duyệt quy hoạch sử dụng đất',
      issuer: 'Ủy ban nhân dân huyện Đăk Hà',
    });
    ids.dong = await clerk.register({ subject: 'Về việc Đồng bộ dữ liệu dân cư', issuer: 'Công an tỉnh', signerName: 'Trương Đình Khải' });
    ids.giaoDuc = await clerk.register({ subject: 'Kế hoạch tuyển sinh năm học 2027', issuer: 'Sở Giáo dục và Đào tạo' });
    c = startCore();
    await signIn(c.rpc, server.url, 'chutich');
    await c.rpc.call('sync.now');
  });
  afterAll(async () => {
    await c?.close();
    await server?.close();
  });

  const find = async (query: string): Promise<string[]> => (await c.rpc.call('incoming.search', { query })).map((i) => i.id);

  it('finds documents without accents, with accents, and in decomposed Unicode', async () => {
    expect(await find('quyet dinh')).toEqual([ids.quyetDinh]);
    expect(await find('Quyết định')).toEqual([ids.quyetDinh]);
    expect(await find('Quyết định'.normalize('NFD'))).toEqual([ids.quyetDinh]);
    expect(await find('QUYET DINH phe duyet')).toEqual([ids.quyetDinh]);
  });

  it('folds đ/Đ, which Unicode does not decompose', async () => {
    expect(await find('dong')).toEqual([ids.dong]);
    expect(await find('đồng bộ')).toEqual([ids.dong]);
    expect(await find('dak ha')).toEqual([ids.quyetDinh]);
    expect(await find('truong dinh khai')).toEqual([ids.dong]); // the signer
  });

  it('matches the issuer, the number/symbol and word prefixes', async () => {
    expect(await find('giao duc dao tao')).toEqual([ids.giaoDuc]);
    expect(await find('15/QĐ-UBND')).toEqual([ids.quyetDinh]);
    expect(await find('tuyen si')).toEqual([ids.giaoDuc]);
  });

  it('treats FTS syntax as plain text and returns nothing for nothing', async () => {
    expect(await find('"')).toEqual([]);
    expect(await find('quyet AND NOT dinh*')).toEqual([]);
    expect(await find('   ')).toEqual([]);
    expect(await find('không có văn bản này')).toEqual([]);
  });

  it('a document the user can no longer see is no longer found', async () => {
    const doc = await clerk.register({ subject: 'Về việc điều động cán bộ Phòng Nội chính' });
    const assignmentId = randomUUID();
    await leader.apply('incoming.assign', {
      documentId: doc,
      instruction: '',
      assignments: [{ id: assignmentId, role: 'main', unitId: null, userId: U['cv.noichinh'].id, deadline: null, note: '' }],
    });
    const spec = startCore();
    try {
      await signIn(spec.rpc, server.url, 'cv.noichinh');
      await spec.rpc.call('sync.now');
      expect((await spec.rpc.call('incoming.search', { query: 'dieu dong can bo' })).map((i) => i.id)).toEqual([doc]);
      await leader.apply('incoming.revokeAssignment', { documentId: doc, assignmentId, reason: '' });
      await spec.rpc.call('sync.now');
      expect(await spec.rpc.call('incoming.search', { query: 'dieu dong can bo' })).toEqual([]);
      expect(await spec.rpc.call('incoming.search', { query: 'noi chinh' })).toEqual([]);
    } finally {
      await spec.close();
    }
  });
});
