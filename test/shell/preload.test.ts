/**
 * The preload, run as Electron would run it (CommonJS, `require('electron')` only),
 * with a fake contextBridge and ipcRenderer: it exposes exactly one object with
 * exactly four functions, queues messages until the port arrives, and forwards the
 * host's app.info news as an event.
 */
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { RpcClient } from '../../src/shared/rpc/client.js';
import { onAppOpen } from '../../src/shared/rpc/host.js';

const SOURCE = readFileSync('src/main/shell/preload.cts', 'utf8');

function loadPreload() {
  const js = ts.transpileModule(SOURCE, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exposed = new Map<string, unknown>();
  const ipc = new EventEmitter();
  const sent: unknown[][] = [];
  const invoked: unknown[][] = [];
  const requires: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      on: (ch: string, fn: (...a: unknown[]) => void) => ipc.on(ch, fn),
      send: (...a: unknown[]) => sent.push(a),
      invoke: async (...a: unknown[]) => {
        invoked.push(a);
        return a[0] === 'ioffice:open-external' ? true : { host: 'electron' };
      },
    },
  };
  const module = { exports: {} };
  vm.runInNewContext(js, {
    module,
    exports: module.exports,
    require: (id: string) => {
      requires.push(id);
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return electron;
    },
  });
  return { exposed, ipc, sent, invoked, requires };
}

function fakePort() {
  const posted: unknown[] = [];
  return { posted, onmessage: null as null | ((ev: { data: unknown }) => void), postMessage: (m: unknown) => posted.push(m), close() {} };
}

describe('the preload', () => {
  it('requires only electron and exposes only window.ioffice with four functions', () => {
    const p = loadPreload();
    expect(p.requires).toEqual(['electron']);
    expect([...p.exposed.keys()]).toEqual(['ioffice']);
    const api = p.exposed.get('ioffice') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['appInfo', 'onMessage', 'openExternal', 'postMessage']);
    for (const v of Object.values(api)) expect(typeof v).toBe('function');
    expect(p.sent).toEqual([['ioffice:request-port']]);
  });

  it('queues messages until the port arrives, then carries both ways', () => {
    const p = loadPreload();
    const api = p.exposed.get('ioffice') as { postMessage(m: unknown): void; onMessage(l: (m: unknown) => void): () => void };
    api.postMessage({ kind: 'request', id: 1 });
    const port = fakePort();
    p.ipc.emit('ioffice:core-port', { ports: [port] });
    expect(port.posted).toEqual([{ kind: 'request', id: 1 }]);
    api.postMessage({ kind: 'request', id: 2 });
    expect(port.posted).toHaveLength(2);
    const got: unknown[] = [];
    const off = api.onMessage((m) => got.push(m));
    api.onMessage(() => {
      throw new Error('a buggy listener');
    });
    port.onmessage!({ data: { kind: 'response', id: 1 } });
    expect(got).toEqual([{ kind: 'response', id: 1 }]);
    off();
    port.onmessage!({ data: { kind: 'response', id: 2 } });
    expect(got).toHaveLength(1);
    expect(() => api.onMessage('nope' as never)).toThrow(/needs a function/u);
  });

  it('turns the host’s app.info news into an event on the same channel', () => {
    const p = loadPreload();
    const api = p.exposed.get('ioffice') as { onMessage(l: (m: unknown) => void): () => void };
    const got: unknown[] = [];
    api.onMessage((m) => got.push(m));
    p.ipc.emit('ioffice:app-info-changed', {}, { host: 'electron', demoServerUrl: 'http://127.0.0.1:9' });
    expect(got).toEqual([{ kind: 'event', name: 'app.info', payload: { host: 'electron', demoServerUrl: 'http://127.0.0.1:9' } }]);
  });

  it('turns a notification click into an app.open event, and the page accepts only a document id', () => {
    const p = loadPreload();
    const api = p.exposed.get('ioffice') as { onMessage(l: (m: unknown) => void): () => void };
    const got: unknown[] = [];
    api.onMessage((m) => got.push(m));
    const id = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    p.ipc.emit('ioffice:open-document', {}, id);
    p.ipc.emit('ioffice:open-document', {}, { not: 'a string' });
    expect(got).toEqual([{ kind: 'event', name: 'app.open', payload: { documentId: id } }]);

    // The page's side: over a real RpcClient, only a well-formed id reaches the listener.
    let deliver: (m: unknown) => void = () => {};
    const rpc = new RpcClient({ postMessage: () => {}, onMessage: (l) => ((deliver = l), () => {}) });
    const opened: string[] = [];
    onAppOpen(rpc, ({ kind, id: opens }) => opened.push(`${kind}:${opens}`));
    deliver(got[0]);
    deliver({ kind: 'event', name: 'app.open', payload: { documentId: '../../etc/passwd' } });
    deliver({ kind: 'event', name: 'app.open', payload: null });
    expect(opened).toEqual([`incoming:${id}`]);
  });

  it('turns a task notification click into an app.open event for the task; a bad id or kind opens nothing', () => {
    const p = loadPreload();
    const api = p.exposed.get('ioffice') as { onMessage(l: (m: unknown) => void): () => void };
    const got: unknown[] = [];
    api.onMessage((m) => got.push(m));
    const id = '0c000000-0000-4000-8000-000000000042';
    p.ipc.emit('ioffice:open-task', {}, id);
    p.ipc.emit('ioffice:open-task', {}, 42);
    expect(got).toEqual([{ kind: 'event', name: 'app.open', payload: { kind: 'tasks', id } }]);

    let deliver: (m: unknown) => void = () => {};
    const rpc = new RpcClient({ postMessage: () => {}, onMessage: (l) => ((deliver = l), () => {}) });
    const opened: string[] = [];
    onAppOpen(rpc, ({ kind, id: opens }) => opened.push(`${kind}:${opens}`));
    deliver(got[0]);
    deliver({ kind: 'event', name: 'app.open', payload: { kind: 'tasks', id: 'javascript:alert(1)' } });
    deliver({ kind: 'event', name: 'app.open', payload: { kind: 'mail', id } });
    expect(opened).toEqual([`tasks:${id}`]);
  });

  it('appInfo and openExternal go to main (which checks the sender and the URL again)', async () => {
    const p = loadPreload();
    const api = p.exposed.get('ioffice') as { appInfo(): Promise<unknown>; openExternal(u: unknown): Promise<boolean> };
    expect(await api.appInfo()).toEqual({ host: 'electron' });
    expect(await api.openExternal('https://example.com')).toBe(true);
    expect(await api.openExternal(42)).toBe(false);
    expect(p.invoked).toEqual([['ioffice:app-info'], ['ioffice:open-external', 'https://example.com']]);
  });
});
