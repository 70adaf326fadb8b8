/**
 * The Electron main process: thin. It registers the app:// and ioffice-file://
 * protocols, starts the core (and, when wanted, the demo agency) as utility
 * processes, hands each window a MessagePort to the core, keeps the session with
 * safeStorage, and turns the core's changes into notifications and the badge.
 * Every decision lives in a pure module (policy.ts, secrets.ts, protocols.ts,
 * ../../shared/incoming/notifications.ts); this file only wires Electron to them.
 *
 * Built by `npm run build:main` to dist/main/main/shell/main.js (package.json "main").
 * Flags: --demo (go straight to the demo agency), --server URL (the agency server).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  MessageChannelMain,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  utilityProcess,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type UtilityProcess,
  type WebContents,
} from 'electron';
import { RpcClient } from '../../shared/rpc/client.js';
import type { RpcTransport } from '../../shared/rpc/contract.js';
import { recordedDemoUrl } from '../web/demoPort.js';
import { buildAppInfo, DEMO_OFF, shouldStartDemo, type DemoStatus } from '../web/policy/demo.js';
import { noticeTarget, startNotifier, type Notifier, type ShownNotice } from './notifier.js';
import { fileMemory } from './notifierMemory.js';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  externalConfirmation,
  externalUrl,
  FILE_SCHEME,
  isAppUrl,
  navigationDecision,
  permissionDecision,
  PRIVILEGED_SCHEMES,
  secureWebPreferences,
  windowOpenDecision,
} from './policy.js';
import { appProtocolHandler, fileProtocolHandler } from './protocols.js';
import { answerSecretRequest, isSecretRequest } from '../core/session/secretChannel.js';
import { migrateFileSecrets, SafeStorageSecretStore, safeStorageVerdict } from './secrets.js';

// ── before `ready` ───────────────────────────────────────────────────────────
protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES.map((s) => ({ scheme: s.scheme, privileges: { ...s.privileges } })));
app.enableSandbox();
// Windows shows notifications only for an app with an AppUserModelID (the installer's appId).
if (process.platform === 'win32') app.setAppUserModelId('vn.gov.ioffice.desktop');

const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD = path.join(here, 'preload.cjs');
const CORE_ENTRY = path.join(here, '..', 'core', 'process.js');
const DEMO_ENTRY = path.join(here, '..', 'web', 'demoProcess.js');
// The "iO" mark (scripts/icons.ts), packed at the app's root (electron-builder.yml `files`):
// the window's and notifications' icon (Windows' taskbar uses the exe's icon.ico).
const APP_ICON = path.join(app.getAppPath(), 'resources', 'icon.png');

const { values: flags } = parseArgs({ args: process.argv.slice(app.isPackaged ? 1 : 2), options: { demo: { type: 'boolean' }, server: { type: 'string' } }, strict: false });
const preferDemo = flags.demo === true;
const configuredServerUrl = typeof flags.server === 'string' ? flags.server : (process.env.IOFFICE_SERVER_URL ?? null);

const log = (message: string, err?: unknown): void => console.error(`[shell] ${message}`, err instanceof Error ? err.message : (err ?? ''));

let quitting = false;
let mainWindow: BrowserWindow | null = null;
let demoStatus: DemoStatus = DEMO_OFF;
let demoProcess: UtilityProcess | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start, (err: unknown) => {
    log('could not start', err);
    app.exit(1);
  });
}

// ── the core ─────────────────────────────────────────────────────────────────
interface CoreHandle {
  child: UtilityProcess;
  rpc: RpcClient;
}

function startCore(dataDir: string, secrets: SafeStorageSecretStore | null, onExit: () => void): CoreHandle {
  const child = utilityProcess.fork(CORE_ENTRY, ['--data-dir', dataDir, '--secrets', secrets ? 'parent' : 'file'], { serviceName: 'iOffice core', stdio: 'inherit' });
  if (secrets)
    child.on('message', (m: unknown) => {
      if (isSecretRequest(m)) void answerSecretRequest(secrets, m).then((r) => child.postMessage(r));
    });
  const transport: RpcTransport = {
    postMessage: (m) => child.postMessage(m),
    onMessage(listener) {
      child.on('message', listener);
      return () => void child.off('message', listener);
    },
  };
  child.once('exit', onExit);
  return { child, rpc: new RpcClient(transport, { timeoutMs: 10 * 60_000 }) };
}

function currentAppInfo() {
  return buildAppInfo({ host: 'electron', version: app.getVersion(), platform: process.platform, serverUrl: configuredServerUrl, preferDemo, demo: demoStatus });
}

let onDemoReady: () => void = () => {};

/** Every page hears of the change (the preload turns it into an `app.info` event on the RPC channel). */
function setDemoStatus(status: DemoStatus): void {
  const becameReady = status.state === 'ready' && demoStatus.state !== 'ready';
  demoStatus = status;
  if (becameReady) onDemoReady();
  const info = currentAppInfo();
  for (const w of BrowserWindow.getAllWindows()) if (isAppUrl(w.webContents.getURL())) w.webContents.send('ioffice:app-info-changed', info);
}

function startDemo(dataDir: string): void {
  if (demoProcess) return;
  setDemoStatus({ state: 'starting', url: null, progress: null, error: null });
  const child = utilityProcess.fork(DEMO_ENTRY, ['--data-dir', dataDir], { serviceName: 'iOffice demo agency', stdio: 'inherit' });
  demoProcess = child;
  child.on('message', (m: unknown) => {
    const msg = m as { kind?: unknown; status?: DemoStatus } | null;
    if (msg?.kind === 'demo-status' && msg.status) setDemoStatus(msg.status);
  });
  child.once('exit', (code) => {
    demoProcess = null;
    if (!quitting)
      setDemoStatus({ state: 'failed', url: null, progress: null, error: { vi: `Cơ quan mẫu đã dừng (mã ${code}).`, en: `The demo agency stopped (code ${code}).` } });
  });
}

// ── windows ──────────────────────────────────────────────────────────────────
async function confirmAndOpen(url: string, parent: BrowserWindow | null): Promise<boolean> {
  const checked = externalUrl(url);
  if (!checked.ok) return false;
  const options = externalConfirmation(checked.url);
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  if (response !== 0) return false;
  await shell.openExternal(checked.url);
  return true;
}

function harden(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    const decision = navigationDecision(event.url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'external') void confirmAndOpen(event.url, BrowserWindow.fromWebContents(contents));
  });
  contents.on('will-redirect', (event) => {
    if (navigationDecision(event.url) !== 'allow') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (windowOpenDecision(url) === 'external') void confirmAndOpen(url, BrowserWindow.fromWebContents(contents));
    return { action: 'deny' };
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'iOffice',
    icon: APP_ICON,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(PRELOAD, !app.isPackaged),
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** IPC from our own page's main frame only (VS Code's rule: check the sender of every message). */
function fromApp(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

// ── start ────────────────────────────────────────────────────────────────────
async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const coreDir = path.join(userData, 'core');
  const demoDir = path.join(userData, 'demo');
  mkdirSync(coreDir, { recursive: true });
  const rendererDir = path.join(app.getAppPath(), 'dist', 'renderer');

  // Secrets: safeStorage when the OS has a real key store, else the core's 0600 file, said out loud.
  const verdict = safeStorageVerdict(safeStorage, process.platform);
  let secrets: SafeStorageSecretStore | null = null;
  if (verdict.usable) {
    secrets = new SafeStorageSecretStore(path.join(userData, 'secrets'), safeStorage, log);
    const moved = await migrateFileSecrets(path.join(coreDir, 'session.json'), secrets);
    if (moved.length > 0) log(`moved ${moved.join(', ')} from the plain file into safeStorage`);
  } else {
    console.warn(`[shell] safeStorage unavailable: ${verdict.reason.en}`);
    const marker = path.join(userData, 'secure-storage-warning-shown');
    if (!existsSync(marker)) {
      writeFileSync(marker, new Date().toISOString());
      void dialog.showMessageBox({ type: 'warning', title: 'iOffice', message: verdict.reason.vi, detail: verdict.reason.en, buttons: ['OK'] });
    }
  }

  let notifier: Notifier | null = null;
  let core!: CoreHandle;
  const launchCore = (): void => {
    core = startCore(coreDir, secrets, () => {
      if (quitting) return;
      log('the core stopped; restarting it');
      notifier?.stop();
      launchCore();
      notifier = startNotifier(notifierOptions());
      for (const w of BrowserWindow.getAllWindows()) w.webContents.reload();
    });
  };
  const notifierOptions = () => ({
    rpc: core.rpc,
    show: (n: ShownNotice) => {
      if (!Notification.isSupported()) return;
      const note = new Notification({ title: n.title, body: n.body, icon: APP_ICON, urgency: n.critical ? ('critical' as const) : ('normal' as const) });
      note.on('click', () => {
        const w = mainWindow ?? BrowserWindow.getAllWindows()[0];
        if (w) {
          if (w.isMinimized()) w.restore();
          w.focus();
          // The renderer opens the document, the task or the schedule entry (the preload turns this into an `app.open` event).
          const target = noticeTarget(n);
          if (target?.kind === 'incoming') w.webContents.send('ioffice:open-document', target.id);
          else if (target?.kind === 'tasks') w.webContents.send('ioffice:open-task', target.id);
          else if (target?.kind === 'schedule') w.webContents.send('ioffice:open-schedule', target.id);
        }
      });
      note.show();
    },
    setBadge: (count: number) => void app.setBadgeCount(count),
    // Reminders once per task and deadline, across restarts (notifierMemory.ts).
    memory: fileMemory(path.join(userData, 'notifier-memory.json')),
    log,
  });
  launchCore();
  // A session resumed on the demo agency was retrying while it started: sync now.
  onDemoReady = () => void core.rpc.call('sync.now').catch(() => {});

  // Every session: no permission is ever granted.
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  app.on('web-contents-created', (_e, contents) => harden(contents));

  protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));
  protocol.handle(
    FILE_SCHEME,
    fileProtocolHandler(
      (sha256) => core.rpc.call('files.open', { sha256 }),
      async (sha256, start, end) => (await core.rpc.call('files.read', { sha256, start, end })).bytes,
    ),
  );

  ipcMain.on('ioffice:request-port', (event) => {
    if (!fromApp(event)) return;
    const { port1, port2 } = new MessageChannelMain();
    core.child.postMessage({ kind: 'attach-port' }, [port1]);
    event.sender.postMessage('ioffice:core-port', null, [port2]);
  });
  ipcMain.handle('ioffice:app-info', (event) => {
    if (!fromApp(event)) throw new Error('refused');
    return currentAppInfo();
  });
  ipcMain.handle('ioffice:open-external', (event, url: unknown) => {
    if (!fromApp(event) || typeof url !== 'string') return false;
    return confirmAndOpen(url, BrowserWindow.fromWebContents(event.sender));
  });

  // The demo agency: asked for, or nothing else is configured, or the remembered session is on it.
  const current = await core.rpc.call('session.get').catch(() => null);
  if (shouldStartDemo({ preferDemo, configuredServerUrl, sessionServerUrl: current?.signedIn ? current.serverUrl : null, recordedDemoUrl: recordedDemoUrl(demoDir) })) startDemo(demoDir);

  mainWindow = createWindow();
  notifier = startNotifier(notifierOptions());
  void notifier.check();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Let the core finish its transaction and close SQLite before the app goes (at most a few seconds).
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    notifier?.stop();
    core.rpc.close();
    demoProcess?.postMessage({ kind: 'demo-stop' });
    const exited = new Promise<void>((resolve) => {
      if (core.child.pid === undefined) return resolve();
      core.child.once('exit', () => resolve());
      core.child.kill();
    });
    void Promise.race([exited, new Promise((r) => setTimeout(r, 4000))]).then(() => app.quit());
  });
}
