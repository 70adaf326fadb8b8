/**
 * The web host's RPC channel: a WebSocket at /rpc next to the page. JSON frames;
 * binary values (files.add bytes) travel as { $bytes: base64 }.
 * (Provisional: replaced by the shared browser adapter once the web host lands.)
 */
import type { RpcTransport } from '../../shared/rpc/contract.js';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
function encode(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? { $bytes: toBase64(v) } : v));
}
function decode(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && typeof (v as { $bytes?: unknown }).$bytes === 'string' && Object.keys(v).length === 1
      ? fromBase64((v as { $bytes: string }).$bytes)
      : v,
  );
}

export async function webSocketTransport(): Promise<{ transport: RpcTransport; closed: Promise<void> }> {
  const url = new URL('rpc', document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = new URLSearchParams(location.search).get('token');
  if (token) url.searchParams.set('token', token);
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error('websocket')), { once: true });
  });
  const closed = new Promise<void>((resolve) => ws.addEventListener('close', () => resolve(), { once: true }));
  const transport: RpcTransport = {
    postMessage: (m) => ws.send(encode(m)),
    onMessage(listener) {
      const fn = (ev: MessageEvent): void => {
        if (typeof ev.data === 'string') listener(decode(ev.data));
      };
      ws.addEventListener('message', fn);
      return () => ws.removeEventListener('message', fn);
    },
    close: () => ws.close(),
  };
  return { transport, closed };
}
