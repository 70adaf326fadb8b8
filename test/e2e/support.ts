/**
 * End-to-end support: a user's desktop (a client core + the web host serving the
 * built renderer, each in its own data folder), Debian's Chromium through
 * playwright-core, and the small UI gestures the journeys repeat.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createCore, type Core } from '../../src/main/core/core.js';
import { DEMO_OFF, buildAppInfo } from '../../src/main/web/policy/demo.js';
import { startWebHost, type WebHost } from '../../src/main/web/server.js';
import { RpcClient } from '../../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import { FAST_SYNC } from '../helpers/core.js';
import { FIXTURE_PASSWORD } from '../helpers/fixtures.js';

export const ROOT = process.cwd();
export const RENDERER_DIR = join(ROOT, 'dist', 'renderer');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Build dist/renderer unless it is newer than every source it comes from. Test
 * files run in parallel workers: a lock directory makes one build at a time (a
 * second build would empty dist/renderer under a page another test is showing).
 */
export function ensureRendererBuilt(): void {
  const index = join(RENDERER_DIR, 'index.html');
  const fresh = (): boolean => {
    const sources = Math.max(newestMtime(join(ROOT, 'src', 'renderer')), newestMtime(join(ROOT, 'src', 'shared')), statSync(join(ROOT, 'vite.config.ts')).mtimeMs);
    return existsSync(index) && statSync(index).mtimeMs > sources;
  };
  if (fresh()) return;
  const lock = join(ROOT, '.tmp', 'renderer-build.lock');
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const until = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker builds; a lock older than five minutes is a crashed build's.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > until) throw new Error('timed out waiting for another renderer build');
      execFileSync('sleep', ['0.5']);
    }
  }
  try {
    if (!fresh())
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
        cwd: ROOT,
        stdio: 'inherit',
        // vitest sets NODE_ENV=test, which would give React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
      });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** One person's computer: a client core in its own folder and the web host in front of it. */
export interface Desktop {
  host: WebHost;
  core: Core;
  dataDir: string;
  close(): Promise<void>;
}

export async function startDesktop(): Promise<Desktop> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ioffice-e2e-desktop-'));
  const core = createCore({ dataDir, sync: FAST_SYNC, log: () => {} });
  const [hostEnd, coreEnd] = createMemoryTransportPair();
  core.attach(coreEnd);
  const rpc = new RpcClient(hostEnd, { timeoutMs: null });
  await core.ready;
  const host = await startWebHost({
    attach: (t) => core.attach(t),
    rpc,
    rendererDir: RENDERER_DIR,
    appInfo: () => buildAppInfo({ host: 'web', version: '0.1.0', platform: process.platform, serverUrl: null, preferDemo: false, demo: DEMO_OFF }),
  });
  return {
    host,
    core,
    dataDir,
    async close() {
      await host.close();
      rpc.close();
      await core.close();
    },
  };
}

export interface UserWindow {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations seen by the page (each is a bug). */
  problems: string[];
}

/** A browser profile of its own (cookies, storage) opening the desktop's one-time link. */
export async function openWindow(browser: Browser, desktop: Desktop, lang: 'vi' | 'en' = 'vi'): Promise<UserWindow> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang === 'vi' ? 'vi-VN' : 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/u.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  const url = desktop.host.loginUrl();
  if (!url) throw new Error('the one-time link was spent');
  await page.goto(url);
  await page.getByTestId('signin-submit').or(page.getByTestId('user-menu')).first().waitFor();
  return { context, page, problems };
}

export async function signIn(page: Page, serverUrl: string, username: string, password = FIXTURE_PASSWORD): Promise<void> {
  await page.getByTestId('server-url').fill(serverUrl);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('user-menu').waitFor({ timeout: 30_000 });
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate<string[]>('window.__iofficeCspViolations ?? []');
}

/** Save a screenshot under test-results/screenshots/ (after transient toasts have gone). `height` shows a longer page. */
export async function shot(page: Page, name: string, o: { height?: number } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(350); // antd's transitions (menu selection, tabs ink bar) settle
  const before = page.viewportSize();
  if (o.height && before) await page.setViewportSize({ width: before.width, height: o.height });
  await page.screenshot({ path });
  if (o.height && before) await page.setViewportSize(before);
  return path;
}

/** Add an opinion through the document view's dialog, then show the processing tab where it appears. */
export async function addOpinion(page: Page, text: string): Promise<void> {
  await page.getByTestId('action-opinion').click();
  const dialog = page.locator('.opinion-dialog .ant-modal');
  await dialog.getByTestId('opinion-content').fill(text);
  await dialog.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await hidden(dialog);
  await page.getByRole('tab', { name: 'Xử lý', exact: true }).click();
}

/** Type a date into an antd DatePicker the way a user does: dd/MM/yyyy, then Enter. */
export async function typeDate(picker: Locator, ddmmyyyy: string): Promise<void> {
  const input = (await picker.evaluate((el) => el.tagName)) === 'INPUT' ? picker : picker.locator('input').first();
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

/** Open an antd TreeSelect, search, and pick the node whose title starts with `title`. */
export async function pickInTree(page: Page, select: Locator, search: string, title: string): Promise<void> {
  await select.click();
  await page.keyboard.type(search);
  const node = page.locator('.ant-select-dropdown:visible .ant-select-tree-treenode').filter({ hasText: title }).first();
  await node.locator('.ant-select-tree-node-content-wrapper').click();
  await page.keyboard.press('Escape');
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** dd/MM/yyyy of today + `days` in Vietnam time. */
export function vnDatePlus(days: number): string {
  const d = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** A real two-page PDF with Vietnamese text in an embedded DejaVu Sans (pdf-lib + fontkit). */
export async function vietnamesePdf(lines: { page1: string[]; page2: string[] }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(readFileSync(join(ROOT, 'node_modules', 'dejavu-fonts-ttf', 'ttf', 'DejaVuSans.ttf')), { subset: true });
  const bold = await pdf.embedFont(readFileSync(join(ROOT, 'node_modules', 'dejavu-fonts-ttf', 'ttf', 'DejaVuSans-Bold.ttf')), { subset: true });
  for (const [i, text] of [lines.page1, lines.page2].entries()) {
    const page = pdf.addPage([595.28, 841.89]);
    let y = 780;
    for (const [j, line] of text.entries()) {
      const f = i === 0 && j < 3 ? bold : font;
      page.drawText(line.normalize('NFC'), { x: 70, y, size: i === 0 && j === 2 ? 14 : 12, font: f, color: rgb(0, 0, 0) });
      y -= j === 2 ? 30 : 20;
    }
  }
  pdf.setTitle('Kế hoạch triển khai');
  return pdf.save();
}

// ── waiting assertions (playwright-core has no `expect`; vitest's expect.poll retries) ──
const WAIT = 15_000;
type Opts = { timeout?: number };

/** The element's text contains `expected` (a string) or matches it (a RegExp). */
export async function hasText(loc: Locator, expected: string | RegExp, o: Opts = {}): Promise<void> {
  const p = expect.poll(() => loc.innerText({ timeout: 1000 }), { timeout: o.timeout ?? WAIT, interval: 100 });
  await (typeof expected === 'string' ? p.toContain(expected) : p.toMatch(expected));
}
/** The element's whole text, trimmed, is `expected`. */
export async function textIs(loc: Locator, expected: string, o: Opts = {}): Promise<void> {
  await expect.poll(async () => (await loc.innerText({ timeout: 1000 })).trim(), { timeout: o.timeout ?? WAIT, interval: 100 }).toBe(expected);
}
export async function countIs(loc: Locator, n: number, o: Opts = {}): Promise<void> {
  await expect.poll(() => loc.count(), { timeout: o.timeout ?? WAIT, interval: 100 }).toBe(n);
}
export async function attrIs(loc: Locator, name: string, expected: string | RegExp, o: Opts = {}): Promise<void> {
  const p = expect.poll(() => loc.getAttribute(name, { timeout: 1000 }), { timeout: o.timeout ?? WAIT, interval: 100 });
  await (typeof expected === 'string' ? p.toBe(expected) : p.toMatch(expected));
}
export async function valueIs(loc: Locator, expected: string, o: Opts = {}): Promise<void> {
  await expect.poll(() => loc.inputValue({ timeout: 1000 }), { timeout: o.timeout ?? WAIT, interval: 100 }).toBe(expected);
}
export const hidden = (loc: Locator, o: Opts = {}): Promise<void> => loc.waitFor({ state: 'hidden', timeout: o.timeout ?? WAIT });
export const visible = (loc: Locator, o: Opts = {}): Promise<void> => loc.waitFor({ state: 'visible', timeout: o.timeout ?? WAIT });
