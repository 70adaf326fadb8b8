import type { z } from 'zod';
import {
  API_PREFIX,
  AppError,
  DuplicateCheckResponse,
  FileUploadResponse,
  ErrorBody,
  LoginResponse,
  Organisation,
  splitPullChanges,
  PullEnvelope,
  PushGapBody,
  PushResponse,
  type LoginRequest,
  type PullPage,
  type PullRequest,
  type PushRequest,
} from '../../../shared/index.js';
import { RemoteError } from './errors.js';

export type FetchLike = typeof fetch;

export interface ServerClientOptions {
  baseUrl: string;
  token?: string | null;
  fetch?: FetchLike;
  /** Per-request time limit for JSON calls; a silent server counts as offline. */
  timeoutMs?: number;
}

/** Normalise what a user typed as the server address: no trailing slash, no path beyond it. */
export function normaliseServerUrl(raw: string): string {
  const u = new URL(raw.trim());
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('validation_failed', { details: 'serverUrl' });
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/u, '')}`;
}

export class PushGapError extends RemoteError {
  readonly expected: number;
  readonly lastMutationId: number;
  constructor(body: z.infer<typeof PushGapBody>) {
    super(409, body);
    this.expected = body.details.expected;
    this.lastMutationId = body.details.lastMutationId;
  }
}

/**
 * The reference server's HTTP API. Every answer is checked against the shared
 * schemas; every failure becomes an AppError: no network, a timeout or a 5xx is
 * 'server_unreachable'/'server_error' (transient), 401 is 'unauthenticated'.
 */
export class ServerClient {
  readonly baseUrl: string;
  private token: string | null;
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;
  /** Aborted by close(): every request of a signed-out session ends at once. */
  private readonly closer = new AbortController();

  constructor(opts: ServerClientOptions) {
    this.baseUrl = normaliseServerUrl(opts.baseUrl);
    this.token = opts.token ?? null;
    this.fetchImpl = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /**
   * Abort every request in flight (pulls, pushes, uploads, downloads, the poke
   * stream) and fail the ones made later: signing out never waits for the network.
   */
  close(): void {
    this.closer.abort();
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  url(path: string): string {
    return `${this.baseUrl}${API_PREFIX}${path}`;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    return h;
  }

  /** Low-level request: network failures and error statuses become AppErrors; the response is returned only when ok. */
  async request(method: string, path: string, init: { body?: NonNullable<RequestInit['body']>; headers?: Record<string, string>; signal?: AbortSignal; timeoutMs?: number | null; acceptStatus?: readonly number[] } = {}): Promise<Response> {
    const signals: AbortSignal[] = [this.closer.signal];
    const limit = init.timeoutMs === undefined ? this.timeoutMs : init.timeoutMs;
    if (limit !== null) signals.push(AbortSignal.timeout(limit));
    if (init.signal) signals.push(init.signal);
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(path), {
        method,
        headers: this.headers(init.headers),
        body: init.body ?? null,
        signal: AbortSignal.any(signals),
      });
    } catch (err) {
      if (init.signal?.aborted) throw err;
      throw new AppError('server_unreachable', {}, { reason: (err as Error).name });
    }
    if (res.ok || init.acceptStatus?.includes(res.status)) return res;
    throw await this.errorFrom(res);
  }

  private async errorFrom(res: Response): Promise<AppError> {
    let json: unknown = null;
    try {
      json = await res.json();
    } catch {
      // a proxy's HTML page or an empty body
    }
    const parsed = ErrorBody.safeParse(json);
    if (res.status === 409) {
      const gap = PushGapBody.safeParse(json);
      if (gap.success) return new PushGapError(gap.data);
    }
    if (parsed.success) {
      if (res.status === 401 && parsed.data.code !== 'invalid_credentials') return new AppError('unauthenticated');
      return new RemoteError(res.status, parsed.data);
    }
    if (res.status === 401) return new AppError('unauthenticated');
    if (res.status >= 500) return new AppError('server_error', {}, { status: res.status });
    return new AppError('bad_request', {}, { status: res.status });
  }

  private async json<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<z.infer<S>> {
    const res = await this.request(method, path, {
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      ...(signal ? { signal } : {}),
    });
    let data: unknown;
    try {
      data = await res.json();
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new AppError('server_unreachable', {}, { reason: 'body' });
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new AppError('server_error', {}, { reason: 'invalid_response', path, issues: parsed.error.issues.slice(0, 5) });
    return parsed.data;
  }

  login(req: LoginRequest): Promise<LoginResponse> {
    return this.json(LoginResponse, 'POST', '/auth/login', req);
  }

  async logout(): Promise<void> {
    await this.request('POST', '/auth/logout', { timeoutMs: 5000 });
  }

  org(signal?: AbortSignal): Promise<Organisation> {
    return this.json(Organisation, 'GET', '/org', undefined, signal);
  }

  /** One page; each change is checked on its own, so a document we cannot read is set aside, not the page (decisions §18). */
  async pull(req: PullRequest, schemas: ReadonlyMap<string, z.ZodType>, signal?: AbortSignal): Promise<PullPage> {
    const page = await this.json(PullEnvelope, 'POST', '/sync/pull', req, signal);
    return { ...page, ...splitPullChanges(page.changes, schemas, page.protocol) };
  }

  push(req: PushRequest, signal?: AbortSignal): Promise<PushResponse> {
    return this.json(PushResponse, 'POST', '/sync/push', req, signal);
  }

  duplicates(req: { codeNumber: string; codeNotation: string; issuer: string; issuedDate: string }, timeoutMs = 5000): Promise<DuplicateCheckResponse> {
    return this.request('POST', '/incoming/duplicates', { body: JSON.stringify(req), headers: { 'content-type': 'application/json' }, timeoutMs }).then(async (res) => {
      const parsed = DuplicateCheckResponse.safeParse(await res.json());
      if (!parsed.success) throw new AppError('server_error', {}, { reason: 'invalid_response' });
      return parsed.data;
    });
  }

  async uploadFile(sha256: string, bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const res = await this.request('PUT', `/files/${sha256}`, {
      body: bytes,
      // Any type (a task's attachment): the server sniffs it and trusts no declared type.
      headers: { 'content-type': 'application/octet-stream' },
      timeoutMs: 300_000,
    });
    const body = FileUploadResponse.safeParse(await res.json().catch(() => null));
    // The server hashes what it received: an answer naming another digest means the bytes were damaged on the way.
    if (!body.success || body.data.sha256 !== sha256 || body.data.size !== bytes.length) throw new AppError('file_hash_mismatch', {}, { sha256 });
    return body.data;
  }

  /** Start a download, from `offset` when resuming; the caller streams the body. No overall time limit: big files on slow links. */
  download(sha256: string, offset: number, signal?: AbortSignal): Promise<Response> {
    return this.request('GET', `/files/${sha256}`, {
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
      timeoutMs: null,
      acceptStatus: [416],
      ...(signal ? { signal } : {}),
    });
  }

  /** The poke stream; the caller reads the body until it ends. */
  events(signal: AbortSignal): Promise<Response> {
    return this.request('GET', '/sync/events', { headers: { accept: 'text/event-stream' }, timeoutMs: null, signal });
  }

  async health(): Promise<boolean> {
    await this.request('GET', '/health', { timeoutMs: 5000 });
    return true;
  }
}
