/**
 * Small helpers shared by the reference server's tests (test/server/*.test.ts):
 * a clock the test moves, sign-in of several fixture users at once, a pull that
 * folds the changes into the documents a client would hold, error-body checks,
 * row counts read straight from the server's database, and an SSE reader.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { ERROR_MESSAGES, type ErrorCode } from '../../src/shared/i18n/errors.js';
import { IncomingDocument } from '../../src/shared/incoming/model.js';
import type { UserSummary } from '../../src/shared/model/organisation.js';
import { API_PREFIX, PullResponse } from '../../src/shared/sync/protocol.js';
import { http, login, pullAll, type HttpResult } from '../helpers/api.js';
import { FIXTURE_ORG, U } from '../helpers/fixtures.js';
import type { TestServer } from '../helpers/server.js';

export type Username = keyof typeof U;

/** The server's clock, moved by the test (sessions, arrival dates, deadlines). */
export class Clock {
  private t: number;
  constructor(iso: string) {
    this.t = Date.parse(iso);
  }
  readonly now = (): Date => new Date(this.t);
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  iso(): string {
    return new Date(this.t).toISOString();
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Sign in several fixture users in parallel (scrypt makes each sign-in cost ~50 ms). */
export async function loginAll<N extends Username>(url: string, names: readonly N[]): Promise<Record<N, string>> {
  const tokens = await Promise.all(names.map((n) => login(url, n)));
  return Object.fromEntries(names.map((n, i) => [n, tokens[i]])) as Record<N, string>;
}

/** The fixture user as the rules see it (for the shared helpers such as isOverdue). */
export function summary(name: Username): UserSummary {
  const u = U[name];
  return { id: u.id, agencyId: FIXTURE_ORG.agency.id, unitId: u.unitId, username: u.username, fullName: u.fullName, position: u.position, role: u.role, active: true };
}

/**
 * Pull everything a user may see with a fresh client, every page checked against
 * the shared PullResponse schema, and fold the changes like a client would.
 */
export async function pullDocs(url: string, token: string, clientId: string = randomUUID()): Promise<{ docs: Map<string, IncomingDocument>; cursor: string }> {
  const r = await pullAll(url, token, clientId);
  for (const p of r.pages) PullResponse.parse(p);
  return { docs: fold(new Map(), r.changes), cursor: r.cursor };
}

/** Apply pulled changes to a map of documents, as a client does. */
export function fold(docs: Map<string, IncomingDocument>, changes: any[]): Map<string, IncomingDocument> {
  for (const c of changes) {
    if (c.op === 'put') docs.set(c.doc.id, IncomingDocument.parse(c.doc));
    else docs.delete(c.id);
  }
  return docs;
}

/** One pull page (no paging), parsed. */
export async function pullPage(url: string, token: string, clientId: string, cursor: string | null, limit = 500): Promise<PullResponse> {
  const r = await http(url, 'POST', '/sync/pull', { token, json: { clientId, cursor, limit } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return PullResponse.parse(r.body);
}

/** The document as one user sees it, or undefined. */
export async function docOf(url: string, token: string, id: string): Promise<IncomingDocument | undefined> {
  return (await pullDocs(url, token)).docs.get(id);
}

/** An error body in both languages, with the expected status and code, and no stack trace. */
export function expectError(r: HttpResult, status: number, code?: ErrorCode): void {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type') ?? '').toMatch(/^application\/json/u);
  expectErrorBody(r.body, code);
  expect(JSON.stringify(r.body)).not.toMatch(/\bat .+\.(?:ts|js):\d+/u);
}

/** `{ code, message: { vi, en } }`, the message the shared catalogue has for the code. */
export function expectErrorBody(body: any, code?: ErrorCode): void {
  expect(body).toMatchObject({ code: expect.any(String), message: { vi: expect.any(String), en: expect.any(String) } });
  if (code !== undefined) expect(body.code).toBe(code);
  expect(body.message.vi.length).toBeGreaterThan(0);
  expect(body.message.en.length).toBeGreaterThan(0);
  const template = ERROR_MESSAGES[body.code as ErrorCode];
  if (template && !/\{\w+\}/u.test(template.vi)) expect(body.message).toEqual(template);
}

/** A single pushed mutation refused by the rules: still HTTP 200, status 'rejected', the reason in vi and en. */
export function expectRejected(r: HttpResult, code: ErrorCode): void {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.results, JSON.stringify(r.body)).toHaveLength(1);
  expect(r.body.results[0].status, JSON.stringify(r.body.results[0])).toBe('rejected');
  expectErrorBody(r.body.results[0].error, code);
}

/** Row counts of every table, read from the server's own database. */
export async function rowCounts(s: TestServer): Promise<Record<string, number>> {
  const tables = ['documents', 'record_access', 'record_reads', 'record_files', 'record_deadlines', 'blobs', 'record_changes', 'clients', 'mutation_results', 'arrival_counters', 'sessions', 'access_log'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await s.server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n);
  return out;
}

/** The stored state of a document, straight from the database. */
export async function storedState(s: TestServer, id: string): Promise<any> {
  const row = (await s.server.db.query<{ state: unknown }>('SELECT state FROM documents WHERE id = $1', [id])).rows[0];
  return row ? (typeof row.state === 'string' ? JSON.parse(row.state) : row.state) : undefined;
}

/** A server-sent event stream opened with fetch; counts the `poke` events as they arrive. */
export class EventStream {
  pokes = 0;
  private readonly abort = new AbortController();
  private buffer = '';
  private waiters: Array<{ n: number; resolve: () => void }> = [];
  private done: Promise<void> = Promise.resolve();
  status = 0;

  static async open(url: string, token: string): Promise<EventStream> {
    const s = new EventStream();
    const res = await fetch(`${url}${API_PREFIX}/sync/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: s.abort.signal });
    s.status = res.status;
    if (res.status === 200 && res.body) s.done = s.read(res.body.getReader());
    return s;
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        this.buffer += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = this.buffer.indexOf('\n\n')) >= 0) {
          const event = this.buffer.slice(0, i);
          this.buffer = this.buffer.slice(i + 2);
          if (/^event: poke$/mu.test(event)) this.pokes += 1;
        }
        this.waiters = this.waiters.filter((w) => (this.pokes >= w.n ? (w.resolve(), false) : true));
      }
    } catch {
      /* aborted */
    }
  }

  /** Resolves once `n` pokes in total have arrived (the test's own timeout bounds the wait). */
  untilPokes(n: number): Promise<void> {
    if (this.pokes >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}

/** Today's date in Vietnam plus `days`, as YYYY-MM-DD, for the given clock. */
export function vnDate(now: Date, days = 0): string {
  return new Date(now.getTime() + 7 * HOUR + days * DAY).toISOString().slice(0, 10);
}
