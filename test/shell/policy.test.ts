import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  externalConfirmation,
  externalUrl,
  fileUrlToSha,
  isAppUrl,
  navigationDecision,
  permissionDecision,
  PRIVILEGED_SCHEMES,
  secureWebPreferences,
  windowOpenDecision,
} from '../../src/main/shell/policy.js';

const SHA = 'ab'.repeat(32);

describe('the shell: windows, navigation, permissions, external links', () => {
  it('every window is isolated, sandboxed, without Node, with web security', () => {
    const p = secureWebPreferences('/app/preload.cjs', false);
    expect(p).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('app:// and ioffice-file:// are standard and secure, and neither bypasses the CSP', () => {
    expect(PRIVILEGED_SCHEMES.map((s) => s.scheme)).toEqual(['app', 'ioffice-file']);
    for (const s of PRIVILEGED_SCHEMES) {
      expect(s.privileges.standard).toBe(true);
      expect(s.privileges.secure).toBe(true);
      expect(s.privileges.bypassCSP).toBe(false);
      expect(s.privileges.allowServiceWorkers).toBe(false);
    }
  });

  it('the app never navigates away: only app://app stays, http(s) may go to the browser, the rest is dropped', () => {
    expect(navigationDecision(APP_ENTRY_URL)).toBe('allow');
    expect(navigationDecision('app://app/documents/123')).toBe('allow');
    expect(navigationDecision('https://dichvucong.gov.vn/p/home')).toBe('external');
    expect(navigationDecision('http://example.com/')).toBe('external');
    for (const url of [
      'app://evil/index.html',
      'app://user:pw@app/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ioffice-file://' + SHA,
      'chrome://settings',
      'ftp://example.com/',
      'not a url',
      'https://user:pass@bank.example/',
    ])
      expect(navigationDecision(url), url).toBe('deny');
  });

  it('window.open never makes an Electron window', () => {
    expect(windowOpenDecision('https://example.com')).toBe('external');
    expect(windowOpenDecision('app://app/index.html')).toBe('deny');
    expect(windowOpenDecision('about:blank')).toBe('deny');
    expect(windowOpenDecision('file:///C:/Windows/System32/calc.exe')).toBe('deny');
  });

  it('every permission is denied', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'unknown'])
      expect(permissionDecision(p)).toBe(false);
  });

  it('only plain http(s) links may open outside, normalised (look-alike hosts show as punycode)', () => {
    expect(externalUrl('https://vanban.chinhphu.vn/?x=1')).toEqual({ ok: true, url: 'https://vanban.chinhphu.vn/?x=1' });
    expect(externalUrl('https://xn--bcher-kva.example/')).toMatchObject({ ok: true });
    expect(externalUrl('https://bücher.example/')).toEqual({ ok: true, url: 'https://xn--bcher-kva.example/' });
    expect(externalUrl('  https://example.com  ')).toMatchObject({ ok: true });
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'mailto:a@b.c', 'smb://server/share', 'https://u:p@example.com', 'https://', `https://example.com/${'a'.repeat(3000)}`, 42, null])
      expect(externalUrl(bad).ok, String(bad)).toBe(false);
  });

  it('the confirmation shows the URL and does not default to opening it', () => {
    const c = externalConfirmation('https://example.com/');
    expect(c.detail).toBe('https://example.com/');
    expect(c.defaultId).toBe(1);
    expect(c.cancelId).toBe(1);
    expect(c.buttons[0]).toMatch(/Mở/u);
    expect(c.message).toMatch(/trình duyệt/u);
  });

  it('IPC is accepted only from the app origin', () => {
    expect(isAppUrl('app://app/index.html')).toBe(true);
    expect(isAppUrl('app://app.evil/index.html')).toBe(false);
    expect(isAppUrl('https://app/')).toBe(false);
    expect(isAppUrl(null)).toBe(false);
  });

  it('ioffice-file:// names exactly one SHA-256 digest', () => {
    expect(fileUrlToSha(`ioffice-file://${SHA}`)).toBe(SHA);
    expect(fileUrlToSha(`ioffice-file://${SHA}/`)).toBe(SHA);
    expect(fileUrlToSha(`ioffice-file://${SHA.toUpperCase()}`)).toBe(SHA);
    for (const bad of [
      `ioffice-file://${SHA}/../../etc/passwd`,
      `ioffice-file://${SHA}?x=1`,
      `ioffice-file://${SHA}#x`,
      `ioffice-file://${SHA}:80`,
      `ioffice-file://u@${SHA}`,
      `ioffice-file://${SHA.slice(1)}`,
      `ioffice-file://${SHA}0`,
      'ioffice-file://..',
      'ioffice-file:///etc/passwd',
      `app://${SHA}`,
      `ioffice-file://${'g'.repeat(64)}`,
    ])
      expect(fileUrlToSha(bad), bad).toBeNull();
  });
});
