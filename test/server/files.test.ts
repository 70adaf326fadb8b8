/**
 * Content-addressed files: upload (idempotent, verified, any type but empty, 50 MB
 * at most, typed by its bytes), download with HTTP Range so a broken download
 * resumes, served as its type with nosniff (inline only for PDF and images), file
 * ids that can never reach the file system as a path, an incoming document's file
 * a PDF only, and secret documents' content withheld from desktops.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX, MAX_FILE_BYTES } from '../../src/shared/sync/protocol.js';
import { ERROR_MESSAGES } from '../../src/shared/i18n/errors.js';
import { http, makePdf, metadata, PushClient, sha256, uploadPdf } from '../helpers/api.js';
import { U } from '../helpers/fixtures.js';
import { DOCX_MIME, makeDocx, makePng } from '../helpers/officeFiles.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server.js';
import { Clock, DAY, expectError, expectErrorBody, expectRejected, loginAll, pullDocs, rowCounts } from './support.js';

/** Every file under a folder (recursively). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

describe.each(BACKENDS)('files (%s)', (backend) => {
  let s: TestServer;
  let t: Record<'vanthu' | 'chutich' | 'cv.kinhte1', string>;
  let clerk: PushClient;
  const clock = new Clock('2026-11-25T02:00:00Z');
  const store = () => join(s.dataDir, 'files');

  beforeAll(async () => {
    s = await startTestServer({ backend, now: clock.now, sessionTtlMs: 365 * DAY });
    t = await loginAll(s.url, ['vanthu', 'chutich', 'cv.kinhte1']);
    clerk = new PushClient(s.url, t.vanthu);
  });
  afterAll(async () => s?.close());

  const put = (bytes: Uint8Array, name = sha256(bytes), contentType: string | null = 'application/pdf', token = t.vanthu) =>
    http(s.url, 'PUT', `/files/${name}`, { token, body: bytes, headers: contentType ? { 'content-type': contentType } : {} });

  /** A download, with the exact bytes. */
  async function get(sha: string, token: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${s.url}${API_PREFIX}/files/${sha}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    const bytes = Buffer.from(await res.arrayBuffer());
    let json: any = null;
    if ((res.headers.get('content-type') ?? '').startsWith('application/json')) json = JSON.parse(bytes.toString('utf8'));
    return { status: res.status, headers: res.headers, bytes, json };
  }

  /** Send a raw request (path untouched by URL normalisation, body streamed), and wait for the answer. */
  function raw(method: string, path: string, options: { headers?: Record<string, string | number>; chunks?: Buffer[]; token?: string } = {}) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      let answered = false;
      const req = request(`${s.url}${path}`, { method, headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.headers ?? {}) } }, (res) => {
        answered = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      });
      // The server may answer and close before the whole body is sent: that is the point.
      req.on('error', (err) => {
        if (!answered) reject(err);
      });
      const chunks = options.chunks ?? [];
      let i = 0;
      const pump = (): void => {
        while (i < chunks.length && !answered) {
          if (!req.write(chunks[i++])) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
  }

  it('uploading a PDF stores it once: 201 Created, then 200 for the same bytes again', async () => {
    const pdf = makePdf('Quyet dinh so 15/QD-UBND');
    const sha = sha256(pdf);
    const first = await put(pdf);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ sha256: sha, size: pdf.byteLength });
    const again = await put(pdf);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ sha256: sha, size: pdf.byteLength });
    // application/octet-stream is accepted too.
    expect((await put(pdf, sha, 'application/octet-stream')).status).toBe(200);

    const rows = (await s.server.db.query<{ size: number; uploaded_by: string }>('SELECT size, uploaded_by FROM blobs WHERE sha256 = $1', [sha])).rows;
    expect(rows).toEqual([{ size: pdf.byteLength, uploaded_by: U.vanthu.id }]);
    expect(filesUnder(store()).filter((f) => f.endsWith(sha))).toHaveLength(1);
    expect(readFileSync(join(store(), sha.slice(0, 2), sha))).toEqual(Buffer.from(pdf));

    const d = await get(sha, t.vanthu);
    expect(d.status).toBe(200);
    expect(d.bytes).toEqual(Buffer.from(pdf));
    expect(d.headers.get('content-type')).toBe('application/pdf');
    expect(d.headers.get('content-length')).toBe(String(pdf.byteLength));
    expect(d.headers.get('accept-ranges')).toBe('bytes');
    expect(d.headers.get('etag')).toBe(`"${sha}"`);
    expect(d.headers.get('x-content-type-options')).toBe('nosniff');
    expect(d.headers.get('cache-control')).toMatch(/^private/u);
  });

  it('an upload whose content does not match its name is refused and not stored', async () => {
    const pdf = makePdf();
    const claimed = sha256(makePdf());
    const before = filesUnder(store());
    expectError(await put(pdf, claimed), 400, 'file_hash_mismatch');
    const known = (await s.server.db.query('SELECT sha256 FROM blobs WHERE sha256 = ANY($1::text[])', [[claimed, sha256(pdf)]])).rows;
    expect(known).toEqual([]);
    expect(filesUnder(store())).toEqual(before);
  });

  it('any file is accepted and typed by its bytes, not by what the uploader says: a DOCX, a PNG, text', async () => {
    const docx = makeDocx();
    const png = makePng();
    const html = Buffer.from(`<html><script>alert(1)</script>${randomUUID()}</html>`);
    // Declared as octet-stream or even as a PDF: the bytes decide.
    expect((await put(docx, sha256(docx), 'application/octet-stream')).status).toBe(201);
    expect((await put(png, sha256(png), 'application/pdf')).status).toBe(201);
    expect((await put(html, sha256(html), 'application/octet-stream')).status).toBe(201);
    const typed = (await s.server.db.query<{ sha256: string; mime: string }>('SELECT sha256, mime FROM blobs WHERE sha256 = ANY($1::text[])', [[sha256(docx), sha256(png), sha256(html)]])).rows;
    expect(Object.fromEntries(typed.map((r) => [r.sha256, r.mime]))).toEqual({ [sha256(docx)]: DOCX_MIME, [sha256(png)]: 'image/png', [sha256(html)]: 'text/plain' });

    // Served as what it is, never second-guessed by a browser; only what the app shows is inline.
    const d = await get(sha256(docx), t.vanthu);
    expect(d.status).toBe(200);
    expect(d.bytes).toEqual(docx);
    expect(d.headers.get('content-type')).toBe(DOCX_MIME);
    expect(d.headers.get('x-content-type-options')).toBe('nosniff');
    expect(d.headers.get('content-disposition')).toBe('attachment');
    const p = await get(sha256(png), t.vanthu);
    expect(p.headers.get('content-type')).toBe('image/png');
    expect(p.headers.get('content-disposition')).toBe('inline');
    expect(p.headers.get('x-content-type-options')).toBe('nosniff');
    // Script in a page is a text file to download, never a page.
    const h = await get(sha256(html), t.vanthu);
    expect(h.headers.get('content-type')).toBe('text/plain');
    expect(h.headers.get('content-disposition')).toBe('attachment');
    // A range of it keeps the type.
    const part = await get(sha256(docx), t.vanthu, { range: 'bytes=0-3' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-type')).toBe(DOCX_MIME);
  });

  it('a download under the name the client knows it by: made safe, an ASCII filename and the UTF-8 filename*', async () => {
    const docx = makeDocx();
    await put(docx, sha256(docx), 'application/octet-stream');
    const name = encodeURIComponent('..\\..\\Windows\\Báo cáo <quý IV>?.docx');
    const res = await fetch(`${s.url}${API_PREFIX}/files/${sha256(docx)}?name=${name}`, { headers: { authorization: `Bearer ${t.vanthu}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Bao cao _quy IV__.docx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20_qu%C3%BD%20IV__.docx`);
    const pdf = makePdf();
    await put(pdf);
    const named = await fetch(`${s.url}${API_PREFIX}/files/${sha256(pdf)}?name=${encodeURIComponent('Công văn.pdf')}`, { headers: { authorization: `Bearer ${t.vanthu}` } });
    expect(named.headers.get('content-type')).toBe('application/pdf');
    expect(named.headers.get('content-disposition')).toMatch(/^inline; filename="Cong van\.pdf"/u);
  });

  it('an empty file, or a body not sent as bytes, is refused and nothing is stored', async () => {
    const before = { rows: (await rowCounts(s)).blobs, files: filesUnder(store()) };
    const empty = await put(new Uint8Array(0), sha256(new Uint8Array(0)), 'application/octet-stream');
    expectError(empty, 400, 'file_empty');
    expect(empty.body.message).toEqual(ERROR_MESSAGES.file_empty);
    const pdf = makePdf();
    expectError(await put(pdf, sha256(pdf), 'text/plain'), 415, 'unsupported_media_type');
    expectError(await put(pdf, sha256(pdf), 'multipart/form-data; boundary=x'), 415, 'unsupported_media_type');
    expectError(await put(pdf, sha256(pdf), null), 415, 'unsupported_media_type');
    expectError(await http(s.url, 'PUT', `/files/${sha256(pdf)}`, { token: t.vanthu, json: { pdf: Buffer.from(pdf).toString('base64') } }), 415, 'unsupported_media_type');
    expect((await rowCounts(s)).blobs).toBe(before.rows);
    expect(filesUnder(store())).toEqual(before.files);
  });

  it('an incoming document is registered with PDF files only (Decree 30): a DOCX or a PNG, even declared as a PDF, is refused with file_not_pdf', async () => {
    const before = (await rowCounts(s)).documents;
    for (const bytes of [makeDocx(), makePng()]) {
      await put(bytes, sha256(bytes), 'application/octet-stream');
      const documentId = randomUUID();
      const file = { sha256: sha256(bytes), size: bytes.length, name: 'Công văn đến.pdf', mime: 'application/pdf' };
      const r = await clerk.send('incoming.register', { documentId, metadata: metadata(), files: [file] });
      expectRejected(r, 'file_not_pdf');
      expect(r.body.results[0].error.message).toEqual({ vi: 'Tệp đính kèm phải là PDF.', en: 'Attachments must be PDF files.' });
      expect((await s.server.db.query('SELECT 1 FROM documents WHERE id = $1', [documentId])).rows).toEqual([]);
    }
    expect((await rowCounts(s)).documents).toBe(before);
    // A PDF uploaded before files were typed (no mime: the upload took PDFs only then) still registers.
    const old = await uploadPdf(s.url, t.vanthu, makePdf());
    await s.server.db.query('UPDATE blobs SET mime = NULL WHERE sha256 = $1', [old.sha256]);
    await clerk.register({}, [old]);
    expect((await get(old.sha256, t.chutich)).headers.get('content-type')).toBe('application/pdf');
  });

  it("a task's Word attachment is downloaded as a Word file by the one it was given to, and by nobody outside the task", async () => {
    const docx = makeDocx('Kế hoạch kiểm tra công vụ');
    await put(docx, sha256(docx), 'application/octet-stream', t.chutich);
    const leader = new PushClient(s.url, t.chutich);
    const file = { sha256: sha256(docx), size: docx.length, name: 'Kế hoạch kiểm tra.docx', mime: DOCX_MIME };
    await leader.apply('tasks.create', {
      taskId: randomUUID(),
      title: 'Xây dựng kế hoạch kiểm tra công vụ',
      startDate: '2026-11-25',
      deadline: { date: '2026-12-15' },
      main: { id: randomUUID(), userId: U['cv.kinhte1'].id },
      files: [file],
    });
    const d = await get(file.sha256, t['cv.kinhte1']);
    expect(d.status).toBe(200);
    expect(d.bytes).toEqual(docx);
    expect(d.headers.get('content-type')).toBe(DOCX_MIME);
    expect(d.headers.get('x-content-type-options')).toBe('nosniff');
    expect(d.headers.get('content-disposition')).toBe('attachment');
    expectError(await http(s.url, 'GET', `/files/${file.sha256}`, { token: t.vanthu }), 404, 'document_not_found');
  });

  it('an upload needs a session', async () => {
    const pdf = makePdf();
    expectError(await http(s.url, 'PUT', `/files/${sha256(pdf)}`, { body: pdf, headers: { 'content-type': 'application/pdf' } }), 401, 'unauthenticated');
    expect((await s.server.db.query('SELECT 1 FROM blobs WHERE sha256 = $1', [sha256(pdf)])).rows).toEqual([]);
  });

  it('a file of exactly 50 MB is accepted; one byte more is refused with 413, the server keeps serving, and nothing is stored', async () => {
    const limit = Buffer.alloc(MAX_FILE_BYTES, 0x20);
    limit.write('%PDF-1.4\n');
    limit.write(randomUUID(), 100);
    expect((await put(limit)).status).toBe(201);

    const before = { rows: (await rowCounts(s)).blobs, files: filesUnder(store()) };
    const big = Buffer.alloc(MAX_FILE_BYTES + 1, 0x20);
    big.write('%PDF-1.4\n');
    const bigSha = sha256(big);
    const path = `${API_PREFIX}/files/${bigSha}`;
    // Announced with Content-Length…
    const announced = await raw('PUT', path, { token: t.vanthu, headers: { 'content-type': 'application/pdf', 'content-length': big.length }, chunks: [big] });
    expect(announced.status).toBe(413);
    expectErrorBody(JSON.parse(announced.body), 'payload_too_large');
    expect(JSON.parse(announced.body).message.en).toContain('50 MB');
    // …or streamed without announcing its length.
    const chunks: Buffer[] = [];
    for (let off = 0; off < big.length; off += 1024 * 1024) chunks.push(big.subarray(off, off + 1024 * 1024));
    chunks.push(Buffer.alloc(4 * 1024 * 1024, 0x20));
    const streamed = await raw('PUT', path, { token: t.vanthu, headers: { 'content-type': 'application/pdf', 'transfer-encoding': 'chunked' }, chunks });
    expect(streamed.status).toBe(413);
    expectErrorBody(JSON.parse(streamed.body), 'payload_too_large');

    expect((await http(s.url, 'GET', '/health')).status).toBe(200);
    expect((await rowCounts(s)).blobs).toBe(before.rows);
    expect(filesUnder(store())).toEqual(before.files);
    expect((await s.server.db.query('SELECT 1 FROM blobs WHERE sha256 = $1', [bigSha])).rows).toEqual([]);
    // And uploads keep working.
    expect((await put(makePdf())).status).toBe(201);
  });

  describe('ranges', () => {
    let pdf: Buffer;
    let sha: string;
    beforeAll(async () => {
      pdf = Buffer.from(makePdf(`Bao cao ${'x'.repeat(2000)}`));
      sha = (await uploadPdf(s.url, t.vanthu, pdf)).sha256;
    });

    it('a range answers 206 with exactly those bytes', async () => {
      const r = await get(sha, t.vanthu, { range: 'bytes=0-99' });
      expect(r.status).toBe(206);
      expect(r.headers.get('content-range')).toBe(`bytes 0-99/${pdf.length}`);
      expect(r.headers.get('content-length')).toBe('100');
      expect(r.bytes).toEqual(pdf.subarray(0, 100));
      const mid = await get(sha, t.vanthu, { range: 'bytes=100-149' });
      expect(mid.bytes).toEqual(pdf.subarray(100, 150));
      // An end past the file is cut to the file.
      const past = await get(sha, t.vanthu, { range: `bytes=${pdf.length - 10}-${pdf.length + 1000}` });
      expect(past.status).toBe(206);
      expect(past.headers.get('content-range')).toBe(`bytes ${pdf.length - 10}-${pdf.length - 1}/${pdf.length}`);
      expect(past.bytes).toEqual(pdf.subarray(pdf.length - 10));
    });

    it('a broken download resumes from where it stopped', async () => {
      const half = Math.floor(pdf.length / 2);
      const a = await get(sha, t.vanthu, { range: `bytes=0-${half - 1}` });
      const b = await get(sha, t.vanthu, { range: `bytes=${half}-` });
      expect(b.status).toBe(206);
      expect(b.headers.get('content-range')).toBe(`bytes ${half}-${pdf.length - 1}/${pdf.length}`);
      expect(sha256(Buffer.concat([a.bytes, b.bytes]))).toBe(sha);
    });

    it('a suffix range answers the last bytes', async () => {
      const r = await get(sha, t.vanthu, { range: 'bytes=-7' });
      expect(r.status).toBe(206);
      expect(r.headers.get('content-range')).toBe(`bytes ${pdf.length - 7}-${pdf.length - 1}/${pdf.length}`);
      expect(r.bytes).toEqual(pdf.subarray(pdf.length - 7));
      expect(r.bytes.toString()).toBe('\n%%EOF\n');
      const all = await get(sha, t.vanthu, { range: `bytes=-${pdf.length * 2}` });
      expect(all.bytes).toEqual(pdf);
    });

    it('an unsatisfiable or malformed range answers 416 with the size', async () => {
      for (const range of [`bytes=${pdf.length}-`, 'bytes=50-10', 'bytes=-0', 'bytes=abc', 'bytes=-', 'items=0-10', 'bytes=0-1,5-6']) {
        const r = await get(sha, t.vanthu, { range });
        expect(r.status, range).toBe(416);
        expect(r.headers.get('content-range'), range).toBe(`bytes */${pdf.length}`);
        expect(r.json, range).toEqual({ code: 'range_not_satisfiable', message: { vi: 'Khoảng byte yêu cầu không hợp lệ.', en: 'The requested range cannot be satisfied.' } });
      }
    });
  });

  it('file ids that try to reach the file system are refused, and nothing is read or written', async () => {
    const pdf = makePdf();
    const sha = (await uploadPdf(s.url, t.vanthu, pdf)).sha256;
    const before = { ...(await rowCounts(s)), files: filesUnder(store()) };
    const tricks = [
      '..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      '..%2f..%2f..%2fetc%2fpasswd',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '..%5C..%5Cwindows%5Cwin.ini',
      sha.toUpperCase(),
      sha.slice(0, 63),
      `${sha}0`,
      `${sha}%00`,
      `${sha}%00.pdf`,
      `${sha.slice(0, 63)}%00`,
      `${sha.slice(0, 2)}%2F${sha}`,
      `${sha}%2F..`,
      `${'g'.repeat(64)}`,
      `${sha.slice(0, 62)}%20%20`,
      '%2Fetc%2Fpasswd',
    ];
    for (const trick of tricks) {
      for (const method of ['GET', 'PUT']) {
        const r = await raw(method, `${API_PREFIX}/files/${trick}`, { token: t.vanthu, headers: { 'content-type': 'application/pdf' }, chunks: method === 'PUT' ? [Buffer.from(pdf)] : [] });
        expect(r.status, `${method} ${trick}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${method} ${trick}`).toBeLessThan(500);
        expectErrorBody(JSON.parse(r.body));
        expect(r.body).not.toMatch(/root:|\[fonts\]|%PDF/u);
      }
    }
    // Dot segments sent as they are never reach a file either.
    for (const path of [`${API_PREFIX}/files/../../../../etc/passwd`, `${API_PREFIX}/files/./${sha}/..`, `${API_PREFIX}/files/${sha}/../../../etc/passwd`]) {
      const r = await raw('GET', path, { token: t.vanthu });
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      expect(r.body).not.toMatch(/root:|%PDF/u);
    }
    expect({ ...(await rowCounts(s)), files: filesUnder(store()) }).toEqual(before);
  });

  it('every download is written to the access log', async () => {
    const file = await uploadPdf(s.url, t.vanthu, makePdf());
    const docId = await clerk.register({}, [file]);
    clock.advance(60_000);
    expect((await get(file.sha256, t.chutich)).status).toBe(200);
    const rows = (await s.server.db.query('SELECT user_id, document_id, action, at FROM access_log WHERE user_id = $1 AND document_id = $2', [U.chutich.id, docId])).rows;
    expect(rows).toEqual([{ user_id: U.chutich.id, document_id: docId, action: 'download', at: clock.iso() }]);
  });

  it('a file lost from the disk answers 404, not a server error', async () => {
    const pdf = makePdf();
    const file = await uploadPdf(s.url, t.vanthu, pdf);
    rmSync(join(store(), file.sha256.slice(0, 2), file.sha256));
    expectError(await http(s.url, 'GET', `/files/${file.sha256}`, { token: t.vanthu }), 404, 'not_found');
    // Uploading the same bytes again puts it back.
    expect((await put(pdf)).status).toBe(201);
    expect((await get(file.sha256, t.vanthu)).bytes).toEqual(Buffer.from(pdf));
  });

  it("a secret document's content is withheld by default: its pull has no files, and nobody downloads them, not even the uploader", async () => {
    for (const confidentiality of ['confidential', 'secret', 'top_secret'] as const) {
      const file = await uploadPdf(s.url, t.vanthu, makePdf());
      const docId = await clerk.register({ confidentiality, subject: `Văn bản ${confidentiality}` }, [file]);
      for (const user of ['vanthu', 'chutich'] as const) {
        const doc = (await pullDocs(s.url, t[user])).docs.get(docId);
        expect(doc, user).toMatchObject({ contentWithheld: true, files: [], confidentiality, subject: `Văn bản ${confidentiality}` });
      }
      const pullText = JSON.stringify((await http(s.url, 'POST', '/sync/pull', { token: t.chutich, json: { clientId: randomUUID(), cursor: null } })).body);
      expect(pullText).not.toContain(file.sha256);
      // Both see the register entry, so they are told why (secret.test.ts covers the rest).
      expectError(await http(s.url, 'GET', `/files/${file.sha256}`, { token: t.chutich }), 403, 'content_withheld');
      expectError(await http(s.url, 'GET', `/files/${file.sha256}`, { token: t.vanthu }), 403, 'content_withheld');
    }
    // An ordinary document's files are there.
    const file = await uploadPdf(s.url, t.vanthu, makePdf());
    const docId = await clerk.register({ confidentiality: 'normal' }, [file]);
    expect((await pullDocs(s.url, t.chutich)).docs.get(docId)).toMatchObject({ contentWithheld: false, files: [file] });
  });
});
