import type { RpcTransport } from './contract.js';

/**
 * Transports that need nothing but the language: an in-memory pair (the core in
 * the same process, tests) and an adapter for a DOM-style MessagePort (the
 * renderer's end of the port the shell hands it).
 */

/** Two connected ends; messages are structured-cloned and delivered asynchronously, like a real port. */
export function createMemoryTransportPair(): [RpcTransport, RpcTransport] {
  type End = { listeners: Set<(m: unknown) => void>; closed: boolean };
  const a: End = { listeners: new Set(), closed: false };
  const b: End = { listeners: new Set(), closed: false };
  const make = (self: End, peer: End): RpcTransport => ({
    postMessage(message) {
      if (self.closed || peer.closed) return;
      const copy = structuredClone(message);
      queueMicrotask(() => {
        for (const l of peer.listeners) l(copy);
      });
    },
    onMessage(listener) {
      self.listeners.add(listener);
      return () => self.listeners.delete(listener);
    },
    close() {
      self.closed = true;
      self.listeners.clear();
    },
  });
  return [make(a, b), make(b, a)];
}
