import type { ChildProcess } from 'node:child_process';
import type { RpcTransport } from '../../../shared/rpc/contract.js';

/**
 * Adapters from the message channels the core can be reached through to the
 * RpcTransport the RPC server and client speak.
 */

/** node:worker_threads MessagePort, Worker or parentPort: listeners get the value itself. */
export interface NodePortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (value: unknown) => void): unknown;
  off(event: 'message', listener: (value: unknown) => void): unknown;
  close?(): void;
}

export function nodePortTransport(port: NodePortLike): RpcTransport {
  return {
    postMessage: (m) => port.postMessage(m),
    onMessage(listener) {
      port.on('message', listener);
      return () => void port.off('message', listener);
    },
    close: () => port.close?.(),
  };
}

/** Electron's MessagePortMain and a utilityProcess's parentPort: listeners get `{ data, ports }`. */
export interface ElectronPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (ev: { data: unknown; ports?: unknown[] }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  removeListener?(event: 'message', listener: (ev: { data: unknown; ports?: unknown[] }) => void): unknown;
  off?(event: 'message', listener: (ev: { data: unknown; ports?: unknown[] }) => void): unknown;
  start?(): void;
  close?(): void;
}

export function electronPortTransport(port: ElectronPortLike): RpcTransport {
  return {
    postMessage: (m) => port.postMessage(m),
    onMessage(listener) {
      const fn = (ev: { data: unknown }): void => listener(ev.data);
      port.on('message', fn);
      port.start?.();
      return () => void (port.off ?? port.removeListener)?.call(port, 'message', fn);
    },
    close: () => port.close?.(),
  };
}

/**
 * The parent's end of a core forked with child_process.fork. Fork it with
 * `serialization: 'advanced'` so Uint8Array (files.add) crosses intact.
 */
export function childProcessTransport(child: ChildProcess): RpcTransport {
  return {
    postMessage(m) {
      if (child.connected) child.send(m as never);
    },
    onMessage(listener) {
      child.on('message', listener);
      return () => void child.off('message', listener);
    },
  };
}

/** The forked core's end: its own process's IPC channel. */
export function processTransport(proc: NodeJS.Process = process): RpcTransport {
  return {
    postMessage(m) {
      if (proc.connected && proc.send) proc.send(m);
    },
    onMessage(listener) {
      proc.on('message', listener);
      return () => void proc.off('message', listener);
    },
  };
}
