/**
 * The Electron shell's security decisions, as pure functions (no electron import:
 * test/shell/ covers them). main.ts only wires them to Electron's events.
 */

/** The renderer is served from app://app/ (a standard, secure scheme: it gets an origin, 'self' works). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
/** Cached files: ioffice-file://<sha256>. */
export const FILE_SCHEME = 'ioffice-file';

/**
 * For protocol.registerSchemesAsPrivileged, before `ready`. `standard` gives
 * app:// real origins and relative URLs; `secure` makes it a secure context;
 * fetch and streaming for pdf.js (Range) on both. Neither bypasses the CSP.
 */
export const PRIVILEGED_SCHEMES = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true, bypassCSP: false, corsEnabled: false, allowServiceWorkers: false } },
  { scheme: FILE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true, bypassCSP: false, allowServiceWorkers: false } },
] as const;

export const APP_CSP_OPTIONS = { connectSrc: [`${FILE_SCHEME}:`], imgSrc: [`${FILE_SCHEME}:`] } as const;

/** Every BrowserWindow's webPreferences (besides the preload path). */
export function secureWebPreferences(preload: string, devTools: boolean) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools,
  } as const;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

export type NavigationDecision = 'allow' | 'external' | 'deny';

/**
 * will-navigate / will-redirect: the app never leaves app://app. A link to the web
 * is offered to the system browser (after the user confirms); anything else
 * (file:, javascript:, data:, custom schemes) is dropped.
 */
export function navigationDecision(url: string): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  return externalUrl(url).ok ? 'external' : 'deny';
}

/** setWindowOpenHandler: never a new Electron window; http(s) may go to the browser, after confirmation. */
export function windowOpenDecision(url: string): 'external' | 'deny' {
  return externalUrl(url).ok ? 'external' : 'deny';
}

/** Every permission request and check is refused: the app needs no camera, location, notifications-from-page… */
export function permissionDecision(_permission: string): false {
  return false;
}

export type ExternalUrl = { ok: true; url: string } | { ok: false; reason: string };

/** A link that may open in the system browser: http or https, no credentials, a host, a sane length. */
export function externalUrl(raw: unknown): ExternalUrl {
  if (typeof raw !== 'string') return { ok: false, reason: 'not a string' };
  if (raw.length > 2048) return { ok: false, reason: 'too long' };
  const u = parse(raw.trim());
  if (!u) return { ok: false, reason: 'not a URL' };
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: `scheme ${u.protocol}` };
  if (u.username !== '' || u.password !== '') return { ok: false, reason: 'credentials in the URL' };
  if (u.hostname === '') return { ok: false, reason: 'no host' };
  // href is normalised: the host in punycode, so a look-alike (homograph) name shows as xn--…
  return { ok: true, url: u.href };
}

/** The confirmation dialog (dialog.showMessageBox options): "Open" is not the default button. */
export function externalConfirmation(url: string) {
  return {
    type: 'question' as const,
    title: 'iOffice',
    message: 'Mở liên kết này trong trình duyệt? (Open this link in your web browser?)',
    detail: url,
    buttons: ['Mở trong trình duyệt (Open)', 'Hủy (Cancel)'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

const SHA_RE = /^[0-9a-f]{64}$/u;

/** The digest in ioffice-file://<sha256> (also accepted: a trailing slash); anything else is null. */
export function fileUrlToSha(url: string): string | null {
  const u = parse(url);
  if (!u || u.protocol !== `${FILE_SCHEME}:`) return null;
  if (u.username !== '' || u.password !== '' || u.port !== '' || u.search !== '' || u.hash !== '') return null;
  if (u.pathname !== '' && u.pathname !== '/') return null;
  const host = u.hostname.toLowerCase();
  return SHA_RE.test(host) ? host : null;
}
