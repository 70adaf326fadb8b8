/**
 * The preload: the page's only door out of its sandbox. It exposes exactly one
 * object, `window.ioffice` (typed as IofficeBridge in src/shared/rpc/host.ts):
 *   postMessage / onMessage  the MessagePort to the core (asked from main at load)
 *   appInfo()                version, host kind, demo agency (answered by main)
 *   openExternal(url)        http(s) only, after the user confirms (main checks again)
 * and nothing else: no ipcRenderer, no Node.
 *
 * Sandboxed preloads are CommonJS and may require only 'electron': this file is
 * .cts (tsc emits preload.cjs) and imports nothing else at run time.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { AppInfo, IofficeBridge } from '../../shared/rpc/host.js';

type Listener = (message: unknown) => void;

interface CorePort {
  postMessage(message: unknown): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
  close(): void;
}

const MAX_QUEUED = 1000;
let port: CorePort | null = null;
const queued: unknown[] = [];
const listeners = new Set<Listener>();

function dispatch(message: unknown): void {
  for (const listener of [...listeners]) {
    try {
      listener(message);
    } catch {
      // one listener's bug must not starve the others
    }
  }
}

ipcRenderer.on('ioffice:core-port', (event) => {
  const next = event.ports[0] as unknown as CorePort | undefined;
  if (!next) return;
  port?.close();
  port = next;
  next.onmessage = (ev) => dispatch(ev.data);
  for (const m of queued.splice(0)) next.postMessage(m);
});
// The host's own news (the demo agency is ready…), as an `app.info` event beside the core's events.
ipcRenderer.on('ioffice:app-info-changed', (_event, info: AppInfo) => dispatch({ kind: 'event', name: 'app.info', payload: info }));
// A click on a desktop notification: open its document (the renderer validates the id again).
ipcRenderer.on('ioffice:open-document', (_event, documentId: unknown) => {
  if (typeof documentId === 'string' && documentId.length <= 64) dispatch({ kind: 'event', name: 'app.open', payload: { documentId } });
});
// …or its task.
ipcRenderer.on('ioffice:open-task', (_event, id: unknown) => {
  if (typeof id === 'string' && id.length <= 64) dispatch({ kind: 'event', name: 'app.open', payload: { kind: 'tasks', id } });
});
// …or its schedule entry.
ipcRenderer.on('ioffice:open-schedule', (_event, id: unknown) => {
  if (typeof id === 'string' && id.length <= 64) dispatch({ kind: 'event', name: 'app.open', payload: { kind: 'schedule', id } });
});
ipcRenderer.send('ioffice:request-port');

const bridge: IofficeBridge = {
  postMessage(message: unknown): void {
    if (port) port.postMessage(message);
    else if (queued.length < MAX_QUEUED) queued.push(message);
  },
  onMessage(listener: Listener): () => void {
    if (typeof listener !== 'function') throw new TypeError('onMessage needs a function');
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  appInfo: (): Promise<AppInfo> => ipcRenderer.invoke('ioffice:app-info') as Promise<AppInfo>,
  openExternal: (url: string): Promise<boolean> => (typeof url === 'string' ? (ipcRenderer.invoke('ioffice:open-external', url) as Promise<boolean>) : Promise.resolve(false)),
};

contextBridge.exposeInMainWorld('ioffice', bridge);
