import type { RpcTransport } from './contract.js';
import { decodeWireMessage, encodeWireMessage } from './wire.js';

/**
 * The page's end of the web host's `/rpc` WebSocket as an RpcTransport, so the
 * renderer talks to the core exactly as over the Electron MessagePort. Pure
 * TypeScript over the smallest WebSocket shape (the browser's, and the `ws`
 * package's in tests).
 */

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: (ev: unknown) => void): void;
  addEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
}

const CONNECTING = 0;
const OPEN = 1;

export interface WebSocketTransport extends RpcTransport {
  /** Resolves when the socket closes (the host stopped, the network went); `code` 1008 means refused. */
  readonly closed: Promise<{ code: number; reason: string }>;
}

export function webSocketTransport(socket: WebSocketLike): WebSocketTransport {
  const queue: string[] = [];
  const listeners = new Set<(m: unknown) => void>();
  /** Requests sent and not yet answered: failed at once if the socket closes, instead of waiting for a timeout. */
  const waiting = new Set<number>();
  let isClosed = false;

  const deliver = (m: unknown): void => {
    for (const l of [...listeners]) l(m);
  };
  socket.addEventListener('open', () => {
    for (const text of queue.splice(0)) socket.send(text);
  });
  socket.addEventListener('message', (ev) => {
    if (typeof ev.data !== 'string') return;
    let m: unknown;
    try {
      m = decodeWireMessage(ev.data);
    } catch {
      return; // not ours
    }
    const r = m as { kind?: unknown; id?: unknown };
    if (r && r.kind === 'response' && typeof r.id === 'number') waiting.delete(r.id);
    deliver(m);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.addEventListener('close', (ev) => {
      isClosed = true;
      queue.length = 0;
      const e = ev as { code?: number; reason?: string };
      for (const id of [...waiting]) {
        waiting.delete(id);
        deliver({
          kind: 'response',
          id,
          ok: false,
          error: { code: 'internal', message: { vi: 'Mất kết nối tới iOffice. Hãy tải lại trang.', en: 'The connection to iOffice was lost. Reload the page.' } },
        });
      }
      resolve({ code: e.code ?? 1006, reason: e.reason ?? '' });
    });
  });
  return {
    closed,
    postMessage(message) {
      if (isClosed) throw new Error('the connection to iOffice is closed');
      const r = message as { kind?: unknown; id?: unknown };
      if (r && r.kind === 'request' && typeof r.id === 'number') waiting.add(r.id);
      const text = encodeWireMessage(message);
      if (socket.readyState === OPEN) socket.send(text);
      else if (socket.readyState === CONNECTING) queue.push(text);
      else throw new Error('the connection to iOffice is closed');
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      socket.close(1000, 'bye');
    },
  };
}
