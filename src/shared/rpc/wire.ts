/**
 * The RPC messages as text, for transports that carry only strings (the web
 * host's WebSocket). A MessagePort structured-clones values, so a Uint8Array
 * (files.add's bytes) crosses intact; JSON would turn it into `{"0":37,"1":80,…}`.
 * So bytes are written as `{"$bytes":"<base64>"}`, and any genuine object key
 * that starts with `$` gets one more `$` on the way out and loses it on the way
 * in: a value can never be mistaken for the marker, whatever the renderer sends.
 *
 * Pure TypeScript (no Buffer, no atob): the page and Node both use it.
 */

const MARKER = '$bytes';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    let s = '';
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      s += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
    }
    const rest = end - i;
    if (rest === 1) {
      const n = bytes[i]! << 16;
      s += `${B64[(n >> 18) & 63]!}${B64[(n >> 12) & 63]!}==`;
    } else if (rest === 2) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
      s += `${B64[(n >> 18) & 63]!}${B64[(n >> 12) & 63]!}${B64[(n >> 6) & 63]!}=`;
    }
    parts.push(s);
  }
  return parts.join('');
}

/** Strict base64 (standard alphabet, padded): anything else throws. */
export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error('base64: length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const v = [0, 1, 2, 3].map((k) => {
      const c = text.charCodeAt(i + k);
      if (last && c === 61 /* = */ && k >= 4 - pad) return 0;
      const d = c < 128 ? B64_INDEX[c]! : -1;
      if (d < 0) throw new Error('base64: invalid character');
      return d;
    }) as [number, number, number, number];
    const n = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

const tag = (v: unknown): string => Object.prototype.toString.call(v);

/** By tag, not prototype: a value cloned from another realm (a frame, the context bridge) still counts. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && tag(v) === '[object Object]';
}

function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array || tag(v) === '[object Uint8Array]';
}

/** A JSON-safe copy of `value`, with bytes marked and `$` keys escaped. */
export function toWireValue(value: unknown): unknown {
  if (isBytes(value)) return { [MARKER]: bytesToBase64(value) };
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) throw new TypeError('only Uint8Array bytes can cross the wire');
  if (Array.isArray(value)) return value.map((v) => toWireValue(v));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k.startsWith('$') ? `$${k}` : k] = toWireValue(v);
    }
    return out;
  }
  return value;
}

/** The inverse of toWireValue, on a value fresh from JSON.parse. */
export function fromWireValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => fromWireValue(v));
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === MARKER) {
      const b = value[MARKER];
      if (typeof b !== 'string') throw new Error('wire: a bytes marker must hold a base64 string');
      return base64ToBytes(b);
    }
    const out: Record<string, unknown> = {};
    // `$$x` is an escaped `$x`; a lone `$x` (a sender that does not escape) is taken as it is.
    for (const k of keys) out[k.startsWith('$$') ? k.slice(1) : k] = fromWireValue(value[k]);
    return out;
  }
  return value;
}

export function encodeWireMessage(message: unknown): string {
  return JSON.stringify(toWireValue(message));
}

/** Parse one text frame; throws on anything that is not a well-formed message. */
export function decodeWireMessage(text: string): unknown {
  return fromWireValue(JSON.parse(text) as unknown);
}
