/**
 * safeStorage exists only in Electron's main process, while the core runs in a
 * utility process: the core's SecretStore there asks main over the parent port.
 *
 *   core → main  { kind: 'secret-request', id, op: 'get'|'set'|'delete', key, value? }
 *   main → core  { kind: 'secret-response', id, ok: true, value? } | { …, ok: false, error }
 *
 * The core's RPC server ignores these (they are not `request`s), and the RPC
 * client in main ignores them too (not `response`s or `event`s). No electron here.
 */
import type { SecretStore } from './secretStore.js';

export interface SecretRequest {
  kind: 'secret-request';
  id: number;
  op: 'get' | 'set' | 'delete';
  key: string;
  value?: string;
}

export type SecretResponse = { kind: 'secret-response'; id: number; ok: true; value?: string | null } | { kind: 'secret-response'; id: number; ok: false; error: string };

export function isSecretRequest(m: unknown): m is SecretRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return (
    r.kind === 'secret-request' &&
    typeof r.id === 'number' &&
    (r.op === 'get' || r.op === 'set' || r.op === 'delete') &&
    typeof r.key === 'string' &&
    (r.op !== 'set' || typeof r.value === 'string')
  );
}

/** Main's side: answer one request with the real store. */
export async function answerSecretRequest(store: SecretStore, req: SecretRequest): Promise<SecretResponse> {
  try {
    if (req.op === 'get') return { kind: 'secret-response', id: req.id, ok: true, value: await store.get(req.key) };
    if (req.op === 'set') await store.set(req.key, req.value as string);
    else await store.delete(req.key);
    return { kind: 'secret-response', id: req.id, ok: true };
  } catch (err) {
    return { kind: 'secret-response', id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

export interface ParentLink {
  postMessage(message: unknown): void;
  /** Subscribe to messages from main (already unwrapped from Electron's `{ data }`). */
  onMessage(listener: (message: unknown) => void): void;
}

/** The core's side, in the utility process. */
export class ParentSecretStore implements SecretStore {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: string | null) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly link: ParentLink,
    private readonly timeoutMs = 15_000,
  ) {
    link.onMessage((m) => {
      const r = m as Partial<SecretResponse> | null;
      if (!r || r.kind !== 'secret-response' || typeof r.id !== 'number') return;
      const w = this.waiting.get(r.id);
      if (!w) return;
      this.waiting.delete(r.id);
      clearTimeout(w.timer);
      if (r.ok) w.resolve((r as { value?: string | null }).value ?? null);
      else w.reject(new Error(`secret store: ${(r as { error: string }).error}`));
    });
  }

  private ask(op: SecretRequest['op'], key: string, value?: string): Promise<string | null> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`secret store: no answer to ${op}`));
      }, this.timeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
      const req: SecretRequest = value === undefined ? { kind: 'secret-request', id, op, key } : { kind: 'secret-request', id, op, key, value };
      this.link.postMessage(req);
    });
  }

  get(key: string): Promise<string | null> {
    return this.ask('get', key);
  }
  async set(key: string, value: string): Promise<void> {
    await this.ask('set', key, value);
  }
  async delete(key: string): Promise<void> {
    await this.ask('delete', key);
  }
}
