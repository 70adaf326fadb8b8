import type { WebSocket } from 'ws';
import type { RpcTransport } from '../../shared/rpc/contract.js';
import { decodeWireMessage, encodeWireMessage } from '../../shared/rpc/wire.js';

/**
 * The host's end of a page's `/rpc` WebSocket as an RpcTransport: text frames of
 * JSON with bytes marked (src/shared/rpc/wire.ts, the page uses the same codec).
 * A frame that does not decode is dropped; the core validates what does.
 */
export function serverWebSocketTransport(ws: WebSocket, log: (m: string) => void = () => {}): RpcTransport {
  return {
    postMessage(message) {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(encodeWireMessage(message));
    },
    onMessage(listener) {
      const fn = (data: unknown, isBinary: boolean): void => {
        if (isBinary) return;
        let m: unknown;
        try {
          m = decodeWireMessage(String(data));
        } catch {
          log('dropped a malformed frame');
          return;
        }
        listener(m);
      };
      ws.on('message', fn);
      return () => void ws.off('message', fn);
    },
    close: () => ws.close(1000, 'bye'),
  };
}
