import type { RpcEvent, RpcEventPayload, RpcMethod, RpcParams, RpcResult, RpcTransport } from './contract.js';

/**
 * The typed client of the core's RPC API, for tests today and the UI later.
 * Pure TypeScript: it runs in the renderer, a worker or Node alike.
 */

export interface RpcErrorBody {
  code: string;
  message: { vi: string; en: string };
  details?: unknown;
}

/** A failure answered by the core: `code` is what programs compare, `body.message.vi` what users read. */
export class RpcError extends Error {
  readonly code: string;
  readonly body: RpcErrorBody;
  constructor(body: RpcErrorBody) {
    super(body.message?.en ?? body.code);
    this.name = 'RpcError';
    this.code = body.code;
    this.body = body;
  }
}

export interface RpcClientOptions {
  /** Reject a call that gets no answer this long (null: wait forever). */
  timeoutMs?: number | null;
}

type ParamsArg<M extends RpcMethod> = Record<string, never> extends RpcParams<M> ? [params?: RpcParams<M>] : [params: RpcParams<M>];

interface Waiting {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export class RpcClient {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly off: () => void;
  private closed = false;

  constructor(
    private readonly transport: RpcTransport,
    private readonly opts: RpcClientOptions = {},
  ) {
    this.off = transport.onMessage((m) => this.receive(m));
  }

  call<M extends RpcMethod>(method: M, ...args: ParamsArg<M>): Promise<RpcResult<M>> {
    if (this.closed) return Promise.reject(new RpcError({ code: 'internal', message: { vi: 'Kết nối đã đóng.', en: 'The connection is closed.' } }));
    const id = this.nextId++;
    const params = args[0] ?? {};
    return new Promise<RpcResult<M>>((resolve, reject) => {
      const limit = this.opts.timeoutMs === undefined ? 120_000 : this.opts.timeoutMs;
      const timer =
        limit === null
          ? undefined
          : setTimeout(() => {
              this.waiting.delete(id);
              reject(new RpcError({ code: 'internal', message: { vi: 'Hết thời gian chờ phản hồi.', en: `No answer to ${method}.` } }));
            }, limit);
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      try {
        this.transport.postMessage({ kind: 'request', id, method, params });
      } catch (err) {
        clearTimeout(timer);
        this.waiting.delete(id);
        reject(err);
      }
    });
  }

  on<E extends RpcEvent>(event: E, cb: (payload: RpcEventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const fn = cb as (payload: unknown) => void;
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Resolve with the first event payload that satisfies `test`. */
  waitFor<E extends RpcEvent>(event: E, test: (payload: RpcEventPayload<E>) => boolean = () => true, timeoutMs = 30_000): Promise<RpcEventPayload<E>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out waiting for the ${event} event`));
      }, timeoutMs);
      const off = this.on(event, (p) => {
        if (!test(p)) return;
        clearTimeout(timer);
        off();
        resolve(p);
      });
    });
  }

  private receive(m: unknown): void {
    if (!isObject(m)) return;
    if (m.kind === 'response' && typeof m.id === 'number') {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      clearTimeout(w.timer);
      if (m.ok === true) w.resolve(m.result);
      else w.reject(new RpcError(m.error as RpcErrorBody));
    } else if (m.kind === 'event' && typeof m.name === 'string') {
      for (const cb of this.listeners.get(m.name) ?? []) {
        try {
          cb(m.payload);
        } catch {
          // one listener's bug must not starve the others
        }
      }
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.off();
    for (const [id, w] of this.waiting) {
      clearTimeout(w.timer);
      w.reject(new RpcError({ code: 'internal', message: { vi: 'Kết nối đã đóng.', en: 'The connection is closed.' } }));
      this.waiting.delete(id);
    }
    this.transport.close?.();
  }
}
