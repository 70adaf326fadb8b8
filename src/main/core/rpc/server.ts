import { RPC, RPC_EVENTS, RpcRequestMessage, type RpcEvent, type RpcEventPayload, type RpcMethod, type RpcTransport } from '../../../shared/rpc/contract.js';
import { AppError } from '../../../shared/index.js';
import { controlCharacterIssue } from '../../../shared/model/primitives.js';
import { toErrorBody } from '../sync/errors.js';

export type MethodHandlers = { [M in RpcMethod]: (params: never) => Promise<unknown> };

export interface RpcServerOptions {
  /** Requests wait for this (e.g. resuming the remembered session) before they run. */
  ready?: Promise<unknown>;
  /** Check results against the contract too: catches drift between the core and the schemas. */
  checkResults?: boolean;
  log?: (message: string, err?: unknown) => void;
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(params)'}: ${i.message}`)
    .join('; ');
}

/**
 * Serves the RPC contract to any number of transports (windows). Every request is
 * validated with the contract's schema before a handler sees it: the renderer is
 * untrusted. Every failure goes back as an ErrorBody, never as a thrown value.
 */
export class RpcServer {
  private readonly transports = new Map<RpcTransport, () => void>();
  private readonly log: (message: string, err?: unknown) => void;

  constructor(
    private readonly handlers: MethodHandlers,
    private readonly opts: RpcServerOptions = {},
  ) {
    this.log = opts.log ?? ((m, e) => console.error(`[core] ${m}`, e instanceof Error ? e.stack : (e ?? '')));
  }

  attach(t: RpcTransport): () => void {
    if (this.transports.has(t)) return this.transports.get(t) as () => void;
    const off = t.onMessage((msg) => void this.handle(t, msg));
    const detach = (): void => {
      off();
      this.transports.delete(t);
    };
    this.transports.set(t, detach);
    return detach;
  }

  detachAll(): void {
    for (const detach of [...this.transports.values()]) detach();
  }

  emit<E extends RpcEvent>(name: E, payload: RpcEventPayload<E>): void {
    const checked = RPC_EVENTS[name].safeParse(payload);
    if (!checked.success) {
      this.log(`event ${name} does not match the contract: ${describeIssues(checked.error.issues)}`);
      return;
    }
    for (const t of this.transports.keys()) this.send(t, { kind: 'event', name, payload });
  }

  private send(t: RpcTransport, message: unknown): void {
    try {
      t.postMessage(message);
    } catch (err) {
      // A window that went away: it will not ask again.
      this.log('could not post to a transport', err);
    }
  }

  private async handle(t: RpcTransport, raw: unknown): Promise<void> {
    const req = RpcRequestMessage.safeParse(raw);
    if (!req.success) return; // not a request (an event echo, a control message): not ours to answer
    const { id, method } = req.data;
    const reply = (body: { ok: true; result: unknown } | { ok: false; error: unknown }): void => {
      if (this.transports.has(t)) this.send(t, { kind: 'response', id, ...body });
    };
    try {
      if (!Object.hasOwn(RPC, method)) throw new AppError('bad_request', {}, { method });
      const spec = RPC[method as RpcMethod];
      const params = spec.params.safeParse(req.data.params ?? {});
      if (!params.success) {
        const control = controlCharacterIssue(params.error);
        if (control) throw new AppError('control_characters', control);
        throw new AppError('validation_failed', { details: describeIssues(params.error.issues) }, params.error.issues);
      }
      await this.opts.ready;
      const handler = this.handlers[method as RpcMethod] as (p: unknown) => Promise<unknown>;
      const result = await handler(params.data);
      if (this.opts.checkResults ?? true) {
        const ok = spec.result.safeParse(result);
        if (!ok.success) {
          this.log(`result of ${method} does not match the contract: ${describeIssues(ok.error.issues)}`);
          throw new AppError('internal');
        }
      }
      reply({ ok: true, result });
    } catch (err) {
      if (!(err instanceof AppError)) this.log(`${method} failed`, err);
      reply({ ok: false, error: toErrorBody(err) });
    }
  }
}
