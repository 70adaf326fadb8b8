/**
 * A thin HTTP client for tests that talk to the reference server directly
 * (the same wire protocol the core speaks), plus small builders for test data.
 */
import { createHash, randomUUID } from 'node:crypto';
import { API_PREFIX } from '../../src/shared/sync/protocol.js';
import type { IncomingMetadata } from '../../src/shared/incoming/model.js';
import { serverClock } from './clocks.js';
import { FIXTURE_PASSWORD } from './fixtures.js';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function http<T = any>(base: string, method: string, path: string, options: { token?: string; json?: unknown; body?: Uint8Array | string; headers?: Record<string, string> } = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const res = await fetch(`${base}${API_PREFIX}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export async function login(base: string, username: string, password = FIXTURE_PASSWORD): Promise<string> {
  const r = await http(base, 'POST', '/auth/login', { json: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/** A tiny but real PDF (one page, the text in a Type1 font), unique per call unless `text` repeats. */
export function makePdf(text = `Tài liệu ${randomUUID()}`): Uint8Array {
  const ascii = text.normalize('NFD').replace(/[^\x20-\x7e]/gu, '');
  const stream = `BT /F1 12 Tf 72 720 Td (${ascii.replace(/[()\\]/gu, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export async function uploadPdf(base: string, token: string, bytes: Uint8Array = makePdf()): Promise<{ sha256: string; size: number; name: string; mime: 'application/pdf' }> {
  const sha = sha256(bytes);
  const r = await http(base, 'PUT', `/files/${sha}`, { token, body: bytes, headers: { 'content-type': 'application/pdf' } });
  if (r.status !== 201 && r.status !== 200) throw new Error(`upload failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { sha256: sha, size: bytes.byteLength, name: 'văn bản.pdf', mime: 'application/pdf' };
}

let counter = 0;
export function metadata(overrides: Partial<IncomingMetadata> = {}): IncomingMetadata {
  counter += 1;
  return {
    issuer: 'Sở Tài chính tỉnh Kon Tum',
    codeNumber: String(100 + counter),
    codeNotation: 'STC-NS',
    issuedDate: '2026-11-20',
    documentType: 'Công văn',
    subject: `Về việc hướng dẫn quyết toán ngân sách năm 2026 (${counter})`,
    signerName: 'Nguyễn Văn Bình',
    signerPosition: 'Giám đốc',
    urgency: 'normal',
    confidentiality: 'normal',
    dueDate: null,
    pageCount: 2,
    description: '',
    ...overrides,
  };
}

/** A push session for one client id: keeps its own mutation counter, like the core does. */
export class PushClient {
  readonly clientId = randomUUID();
  private nextId = 1;
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}
  /** `createdAt`: when the user acted; by default now on the server's clock (test/helpers/clocks.ts); null sends none (an older client). */
  async send(name: string, args: unknown, id = this.nextId, createdAt: string | null = serverClock(this.base)().toISOString()): Promise<HttpResult> {
    const mutation = createdAt === null ? { id, name, args } : { id, name, args, createdAt };
    const r = await http(this.base, 'POST', '/sync/push', { token: this.token, json: { clientId: this.clientId, mutations: [mutation] } });
    if (id === this.nextId && r.status === 200) this.nextId += 1;
    return r;
  }
  /** Send and expect the single mutation applied; returns its result. */
  async apply(name: string, args: unknown): Promise<any> {
    const r = await this.send(name, args);
    if (r.status !== 200 || r.body.results[0].status !== 'applied') throw new Error(`${name} not applied: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.results[0];
  }
  async register(meta: Partial<IncomingMetadata> = {}, files: unknown[] = []): Promise<string> {
    const documentId = randomUUID();
    await this.apply('incoming.register', { documentId, metadata: metadata(meta), files });
    return documentId;
  }
}

/** Pull every page from `cursor` for a user; returns the final cursor and the changes seen. */
export async function pullAll(base: string, token: string, clientId: string, cursor: string | null = null, limit = 500): Promise<{ cursor: string; changes: any[]; pages: any[] }> {
  const changes: any[] = [];
  const pages: any[] = [];
  for (;;) {
    const r = await http(base, 'POST', '/sync/pull', { token, json: { clientId, cursor, limit } });
    if (r.status !== 200) throw new Error(`pull failed: ${r.status} ${JSON.stringify(r.body)}`);
    pages.push(r.body);
    changes.push(...r.body.changes);
    cursor = r.body.cursor;
    if (!r.body.more) return { cursor: cursor as string, changes, pages };
  }
}
