import type { RpcTransport } from './contract.js';

/**
 * Methods a host answers itself, beside the core's (`app.info`: the host knows
 * its version, its kind and the demo agency; the core stays host-agnostic).
 * A handler's thrown error goes back as an ErrorBody like any core failure.
 */
export type LocalMethods = Record<string, (params: unknown) => unknown>;

interface RequestLike {
  kind: 'request';
  id: number;
  method: string;
  params?: unknown;
}

function isRequest(m: unknown): m is RequestLike {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return r.kind === 'request' && typeof r.id === 'number' && typeof r.method === 'string';
}

function errorBody(err: unknown): { code: string; message: { vi: string; en: string } } {
  const e = err as { code?: unknown; body?: { code?: unknown; message?: unknown } } | null;
  if (e?.body && typeof e.body.code === 'string' && typeof e.body.message === 'object' && e.body.message !== null)
    return e.body as { code: string; message: { vi: string; en: string } };
  return { code: 'internal', message: { vi: 'Đã xảy ra lỗi không mong muốn.', en: err instanceof Error ? err.message : 'An unexpected error occurred.' } };
}

async function answer(methods: LocalMethods, req: RequestLike): Promise<unknown> {
  try {
    const result = await methods[req.method]!(req.params ?? {});
    return { kind: 'response', id: req.id, ok: true, result };
  } catch (err) {
    return { kind: 'response', id: req.id, ok: false, error: errorBody(err) };
  }
}

/**
 * On the UI's side: a transport whose requests for `methods` are answered here,
 * and everything else goes to `upstream` (the core). The RpcClient sits on the result.
 */
export function withLocalMethods(upstream: RpcTransport, methods: LocalMethods): RpcTransport {
  const listeners = new Set<(m: unknown) => void>();
  const deliver = (m: unknown): void => {
    for (const l of [...listeners]) l(m);
  };
  let offUpstream: (() => void) | null = null;
  return {
    postMessage(message) {
      if (isRequest(message) && Object.hasOwn(methods, message.method)) {
        void answer(methods, message).then(deliver);
        return;
      }
      upstream.postMessage(message);
    },
    onMessage(listener) {
      listeners.add(listener);
      offUpstream ??= upstream.onMessage(deliver);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && offUpstream) {
          offUpstream();
          offUpstream = null;
        }
      };
    },
    close: () => upstream.close?.(),
  };
}

/**
 * On the host's side: `client` is a UI's connection (a WebSocket); the result is
 * the transport to attach to the core. Requests for `methods` are answered to the
 * client and never reach the core; the core's messages go to the client unchanged.
 */
export function serveLocalMethods(client: RpcTransport, methods: LocalMethods): RpcTransport {
  return {
    postMessage: (m) => client.postMessage(m),
    onMessage(listener) {
      return client.onMessage((m) => {
        if (isRequest(m) && Object.hasOwn(methods, m.method)) {
          void answer(methods, m).then((r) => client.postMessage(r));
          return;
        }
        listener(m);
      });
    },
    close: () => client.close?.(),
  };
}
