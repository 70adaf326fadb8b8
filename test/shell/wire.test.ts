import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import { serveLocalMethods, withLocalMethods } from '../../src/shared/rpc/local.js';
import { base64ToBytes, bytesToBase64, decodeWireMessage, encodeWireMessage } from '../../src/shared/rpc/wire.js';

describe('the text wire format (web host WebSocket)', () => {
  it('base64 agrees with Node for every length', () => {
    for (let len = 0; len < 70; len++) {
      const b = randomBytes(len);
      expect(bytesToBase64(b)).toBe(b.toString('base64'));
      expect(Buffer.from(base64ToBytes(b.toString('base64'))).equals(b)).toBe(true);
    }
    const big = randomBytes(1_000_003);
    expect(bytesToBase64(big)).toBe(big.toString('base64'));
  });

  it('rejects malformed base64', () => {
    for (const bad of ['abc', 'ab=c', '====', 'ab!d', 'Zm9v\n']) expect(() => base64ToBytes(bad), bad).toThrow();
  });

  it('Uint8Array params (files.add) survive, nested anywhere', () => {
    const bytes = new Uint8Array(randomBytes(5000));
    const msg = { kind: 'request', id: 7, method: 'files.add', params: { name: 'quyết định.pdf', bytes, list: [bytes.subarray(0, 3)] } };
    const back = decodeWireMessage(encodeWireMessage(msg)) as typeof msg;
    expect(back.params.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(back.params.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect([...back.params.list[0]!]).toEqual([...bytes.subarray(0, 3)]);
    expect(back.params.name).toBe('quyết định.pdf');
  });

  it('an object that merely looks like the marker stays an object', () => {
    const msg = { a: { $bytes: 'AAAA' }, b: { $$x: 1, $y: 2 }, c: [{ $bytes: 'not base64!' }] };
    expect(decodeWireMessage(encodeWireMessage(msg))).toEqual(msg);
  });

  it('reads the renderer’s provisional adapter ({ $bytes } without escaping)', () => {
    const text = JSON.stringify({ kind: 'request', id: 1, method: 'files.add', params: { name: 'a.pdf', bytes: { $bytes: Buffer.from('%PDF-').toString('base64') } } });
    const m = decodeWireMessage(text) as { params: { bytes: Uint8Array } };
    expect(Buffer.from(m.params.bytes).toString()).toBe('%PDF-');
  });

  it('refuses typed arrays it cannot carry faithfully', () => {
    expect(() => encodeWireMessage({ x: new Float32Array(2) })).toThrow(/Uint8Array/u);
  });
});

describe('methods a host answers itself (app.info)', () => {
  it('on the UI side: answered locally, the rest goes to the core', async () => {
    const [ui, core] = createMemoryTransportPair();
    const seen: unknown[] = [];
    core.onMessage((m) => seen.push(m));
    const t = withLocalMethods(ui, { 'app.info': () => ({ host: 'electron' }), 'app.fail': () => Promise.reject(new Error('boom')) });
    const got: unknown[] = [];
    t.onMessage((m) => got.push(m));
    t.postMessage({ kind: 'request', id: 1, method: 'app.info', params: {} });
    t.postMessage({ kind: 'request', id: 2, method: 'session.get', params: {} });
    t.postMessage({ kind: 'request', id: 3, method: 'app.fail', params: {} });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([{ kind: 'request', id: 2, method: 'session.get', params: {} }]);
    expect(got).toContainEqual({ kind: 'response', id: 1, ok: true, result: { host: 'electron' } });
    expect(got).toContainEqual(expect.objectContaining({ kind: 'response', id: 3, ok: false, error: expect.objectContaining({ code: 'internal' }) }));
  });

  it('on the host side: the core never sees app.* requests', async () => {
    const [page, hostEnd] = createMemoryTransportPair();
    const coreSide = serveLocalMethods(hostEnd, { 'app.info': () => ({ host: 'web' }) });
    const toCore: unknown[] = [];
    coreSide.onMessage((m) => toCore.push(m));
    const toPage: unknown[] = [];
    page.onMessage((m) => toPage.push(m));
    page.postMessage({ kind: 'request', id: 1, method: 'app.info', params: {} });
    page.postMessage({ kind: 'request', id: 2, method: 'incoming.list', params: {} });
    coreSide.postMessage({ kind: 'event', name: 'sync', payload: {} });
    await new Promise((r) => setTimeout(r, 10));
    expect(toCore).toEqual([{ kind: 'request', id: 2, method: 'incoming.list', params: {} }]);
    expect(toPage).toContainEqual({ kind: 'response', id: 1, ok: true, result: { host: 'web' } });
    expect(toPage).toContainEqual({ kind: 'event', name: 'sync', payload: {} });
  });
});
