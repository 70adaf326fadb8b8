/**
 * Files of any type for tasks (issue #8), PDF only for incoming documents (Decree 30),
 * in the core against the real server: files.add's two kinds, the core's own refusal
 * of a non-PDF registration, and a task's Word attachment going from the leader's
 * desktop to the assignee's, who opens it and gets it served as a Word file.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileProtocolHandler } from '../../src/main/shell/protocols.js';
import { makePdf, metadata } from '../helpers/api.js';
import { signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { U } from '../helpers/fixtures.js';
import { DOCX_MIME, makeDocx, makePng } from '../helpers/officeFiles.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
/** Today in Vietnam (UTC+7), and a day some weeks later: a task's start and deadline. */
const vnDay = (offsetDays = 0): string => new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('attachments of any type for tasks, PDF only for incoming documents', () => {
  let server: TestServer;
  const cores: InProcessCore[] = [];
  const coreFor = async (username: string): Promise<InProcessCore['rpc']> => {
    const c = startCore();
    cores.push(c);
    await signIn(c.rpc, server.url, username);
    return c.rpc;
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await Promise.all(cores.map((c) => c.close()));
    await server?.close();
  });

  it("files.add of an attachment takes any type, under a safe name, typed by its bytes; a document's still takes a PDF only", async () => {
    const rpc = await coreFor('chutich');
    const docx = makeDocx();
    const ref = await rpc.call('files.add', { name: '..\\..\\Windows\\Báo cáo <quý IV>?.docx', bytes: new Uint8Array(docx), kind: 'attachment' });
    expect(ref).toEqual({ sha256: sha(docx), name: 'Báo cáo _quý IV__.docx', size: docx.length, mime: DOCX_MIME });

    // The bytes decide, not the name: a PNG called ".pdf" is a PNG; a page is text; unknown bytes are just bytes.
    const png = makePng();
    expect(await rpc.call('files.add', { name: 'ảnh chụp.pdf', bytes: new Uint8Array(png), kind: 'attachment' })).toMatchObject({ name: 'ảnh chụp.pdf', mime: 'image/png' });
    const html = new TextEncoder().encode(`<html><script>alert(1)</script>${randomUUID()}</html>`);
    expect(await rpc.call('files.add', { name: 'trang.html', bytes: html, kind: 'attachment' })).toMatchObject({ mime: 'text/plain' });
    const bin = new Uint8Array([0, 1, 2, 3, 0xfe, 0xff, ...new TextEncoder().encode(randomUUID())]);
    expect(await rpc.call('files.add', { name: 'CON.bin', bytes: bin, kind: 'attachment' })).toMatchObject({ name: '_CON.bin', mime: 'application/octet-stream' });
    await expect(rpc.call('files.add', { name: 'rỗng.txt', bytes: new Uint8Array(0), kind: 'attachment' })).rejects.toMatchObject({ code: 'file_empty' });

    // A document's file (the default kind, as the register form calls it): PDF only, the name as given.
    await expect(rpc.call('files.add', { name: 'Báo cáo.docx', bytes: new Uint8Array(docx) })).rejects.toMatchObject({ code: 'file_not_pdf' });
    await expect(rpc.call('files.add', { name: 'ảnh.png', bytes: new Uint8Array(png), kind: 'document' })).rejects.toMatchObject({ code: 'file_not_pdf' });
    await expect(rpc.call('files.add', { name: '../../etc/passwd', bytes: new Uint8Array(makePdf()), kind: 'document' })).rejects.toMatchObject({ code: 'validation_failed' });
    const pdf = makePdf();
    expect(await rpc.call('files.add', { name: 'quyết định.pdf', bytes: new Uint8Array(pdf) })).toEqual({ sha256: sha(pdf), name: 'quyết định.pdf', size: pdf.length, mime: 'application/pdf' });

    // Opened before any record holds it: served as what it is, a download.
    const opened = await rpc.call('files.open', { sha256: ref.sha256 });
    expect(opened).toMatchObject({ size: docx.length, mime: DOCX_MIME });
    expect(readFileSync(opened.path).equals(docx)).toBe(true);
  });

  it('a registration of a file that is not a PDF is refused by the core before anything is queued', async () => {
    const rpc = await coreFor('vanthu');
    const docx = makeDocx();
    const ref = await rpc.call('files.add', { name: 'Công văn.docx', bytes: new Uint8Array(docx), kind: 'attachment' });
    const documentId = randomUUID();
    const meta = metadata({ issuedDate: vnDay(-2) });
    // Even when the renderer claims it is a PDF.
    const err = await rpc.call('mutate', { name: 'incoming.register', args: { documentId, metadata: meta, files: [{ ...ref, name: 'Công văn.pdf', mime: 'application/pdf' }] } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'file_not_pdf', body: { message: { vi: 'Tệp đính kèm phải là PDF.', en: 'Attachments must be PDF files.' } } });
    expect(await rpc.call('sync.status')).toMatchObject({ pendingCount: 0, failedCount: 0 });
    expect(await rpc.call('incoming.get', { id: documentId })).toBeNull();
    // The same form with a PDF goes through.
    const pdf = await rpc.call('files.add', { name: 'Công văn.pdf', bytes: new Uint8Array(makePdf()) });
    await rpc.call('mutate', { name: 'incoming.register', args: { documentId, metadata: meta, files: [pdf] } });
    expect(await rpc.call('incoming.get', { id: documentId })).toMatchObject({ doc: { files: [pdf] } });
  });

  it("a task's Word attachment reaches the assignee's desktop, which downloads it and serves it as a Word file to save", async () => {
    const leader = await coreFor('chutich');
    const docx = makeDocx('Kế hoạch kiểm tra công vụ năm 2026');
    const ref = await leader.call('files.add', { name: 'Kế hoạch kiểm tra.docx', bytes: new Uint8Array(docx), kind: 'attachment' });
    const taskId = randomUUID();
    await leader.call('mutate', {
      name: 'tasks.create',
      args: { taskId, title: 'Xây dựng kế hoạch kiểm tra công vụ', startDate: vnDay(), deadline: { date: vnDay(30) }, main: { id: randomUUID(), userId: U['cv.kinhte1'].id }, files: [ref] },
    });
    await leader.call('sync.now');
    expect(await leader.call('mutations.failed')).toEqual([]);
    expect(await leader.call('sync.status')).toMatchObject({ pendingCount: 0, failedCount: 0 });

    const assignee = await coreFor('cv.kinhte1');
    await assignee.call('sync.now');
    const view = await assignee.call('tasks.get', { id: taskId });
    expect(view?.task.files).toEqual([{ sha256: sha(docx), name: 'Kế hoạch kiểm tra.docx', size: docx.length, mime: DOCX_MIME }]);
    expect(view?.pendingCreate).toBe(false);

    const opened = await assignee.call('files.open', { sha256: ref.sha256 });
    expect(readFileSync(opened.path).equals(docx)).toBe(true);
    expect(opened).toMatchObject({ mime: DOCX_MIME, name: 'Kế hoạch kiểm tra.docx', sealed: false });
    // What the desktop's file protocol answers the task view's download with.
    const shell = fileProtocolHandler((s) => assignee.call('files.open', { sha256: s }));
    const res = await shell(new Request(`ioffice-file://${ref.sha256}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX_MIME);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Ke hoach kiem tra.docx"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20ki%E1%BB%83m%20tra.docx`);
    expect(Buffer.from(await res.arrayBuffer()).equals(docx)).toBe(true);

    // Someone the task was not given to has neither the task nor the file.
    const other = await coreFor('cv.kinhte2');
    await other.call('sync.now');
    expect(await other.call('tasks.get', { id: taskId })).toBeNull();
    await expect(other.call('files.open', { sha256: ref.sha256 })).rejects.toMatchObject({ code: 'not_found' });
  });
});
