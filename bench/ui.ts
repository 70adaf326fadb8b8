/**
 * The renderer with 100,000 documents in the cache, in Debian's Chromium
 * against the web host (as the end-to-end tests run it):
 *  - the incoming list's first rows painted after navigation (reload, and in-app);
 *  - frame times while the keyboard walks down the list, and End → last row;
 *  - opening a document with a 20-page PDF until page 1 is drawn (first open
 *    downloads the file into the cache; second open reads it from there);
 *  - sign-out: the click on "Đăng xuất" → the sign-in screen (issue #7: it was about 6 s).
 */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/server/seed/content/organisation.js';
import { renderMultiPagePdf } from '../src/server/seed/content/pdf.js';
import { seedDemo } from '../src/server/seed/seedDemo.js';
import { PushClient, login, uploadPdf } from '../test/helpers/api.js';
import { ensureRendererBuilt, launchChromium, openWindow, signIn, startDesktop } from '../test/e2e/support.js';
import { benchDatabaseUrl, benchServer, dropDatabase, ms, percentile, record } from './lib.js';

const DOCS = Number(process.env.BENCH_UI_DOCUMENTS ?? 100_000);
const NAME = `UI, ${DOCS.toLocaleString('en')} documents in the cache`;

/** The little of the page's DOM these functions touch (they run in the page; this program has no DOM types). */
declare const document: {
  querySelector(s: string): { textContent: string | null; getAttribute(n: string): string | null } | null;
  querySelectorAll(s: string): { length: number };
};

/** Wait until `fn(arg)` is true in the page (a function, not a string: the app's CSP forbids eval). */
async function waitFor(page: Page, fn: (arg: string) => boolean, arg: string, timeoutMs = 600_000): Promise<void> {
  await page.waitForFunction(fn, arg, { timeout: timeoutMs, polling: 'raf' });
}
const rowsShown = (): boolean => document.querySelectorAll('[data-testid="list-row"]').length > 5;

/** Milliseconds from now until the list shows real rows (rAF-polled in the page). */
async function timeToRows(page: Page, navigate: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await navigate();
  await waitFor(page, rowsShown, '', 60_000);
  return performance.now() - t;
}

/** Frame intervals (ms) recorded in the page while `act` runs. */
async function frameTimes(page: Page, act: () => Promise<void>): Promise<number[]> {
  await page.evaluate(`(() => {
    window.__frames = []; window.__framing = true;
    let last = performance.now();
    const tick = (now) => { window.__frames.push(now - last); last = now; if (window.__framing) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  await act();
  return page.evaluate<number[]>('(() => { window.__framing = false; return window.__frames.slice(2); })()');
}

/**
 * Milliseconds from the click on the confirm dialog's "Đăng xuất" until the sign-in
 * screen is drawn, both taken in the page: the click event's time, and the first
 * animation frame with the sign-in form. (Timing from before Playwright's click
 * would count its wait for the dialog's opening animation to settle — time in
 * which a user's click is already answered — and its polling after.)
 */
async function timeSignOut(page: Page): Promise<number> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  const confirm = page.locator('.ant-modal-confirm').getByRole('button', { name: 'Đăng xuất' });
  await confirm.waitFor();
  await page.evaluate(`(() => {
    window.__signOut = { click: 0, shown: 0 };
    document.addEventListener('click', () => { window.__signOut.click = performance.now(); }, { capture: true, once: true });
    const frame = (now) => {
      if (document.querySelector('[data-testid="signin-submit"]')) window.__signOut.shown = now;
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`);
  await confirm.click();
  await page.getByTestId('signin-submit').waitFor({ timeout: 60_000 });
  await waitFor(page, () => (globalThis as unknown as { __signOut: { shown: number } }).__signOut.shown > 0, '', 10_000);
  return page.evaluate<number>('window.__signOut.shown - window.__signOut.click');
}

/**
 * `npm run bench ui-signout`: only the sign-out, without the 100,000-document
 * list measurements (BENCH_SIGNOUT_DOCUMENTS, default 1,000, in the cache):
 * signed in and idle (p50 of 5), and mid-sync — right after a user's first
 * sign-in, while the first sync is still pulling (p50 of 3).
 */
export async function benchSignOut(): Promise<void> {
  const docs = Number(process.env.BENCH_SIGNOUT_DOCUMENTS ?? 1000);
  const name = `UI sign-out, ${docs.toLocaleString('en')} documents`;
  ensureRendererBuilt();
  const dbUrl = await benchDatabaseUrl();
  const server = await benchServer(dbUrl);
  const browser = await launchChromium();
  const desktop = await startDesktop();
  try {
    await seedDemo(server.context, { documents: docs, withPdfs: false });
    const w = await openWindow(browser, desktop);
    const { page } = w;
    const idle: number[] = [];
    const midSync: number[] = [];
    for (let i = 0; i < 5; i++) {
      await signIn(page, server.url, DEMO_USERS.leader, DEMO_PASSWORD);
      await waitFor(page, () => document.querySelector('[data-testid="sync-state"]')?.getAttribute('data-state') === 'online', '');
      idle.push(await timeSignOut(page));
    }
    // The first sign-in of each other demo user: their cache is empty, so the first sync is running.
    const states: string[] = [];
    for (const user of [DEMO_USERS.clerk, DEMO_USERS.unitLeader, DEMO_USERS.specialist]) {
      await signIn(page, server.url, user, DEMO_PASSWORD);
      states.push((await page.getByTestId('sync-state').getAttribute('data-state')) ?? '?');
      midSync.push(await timeSignOut(page));
    }
    console.error(`  sync state when signing out right after signing in: ${states.join(', ')}`);
    record(name, 'sign-out, signed in and idle: click → sign-in screen (p50 / max of 5)', `${ms(percentile(idle, 50))} / ${ms(Math.max(...idle))}`, '< 1 s', percentile(idle, 50) < 1000);
    record(name, 'sign-out right after the first sign-in (first sync running): click → sign-in screen (p50 / max of 3)', `${ms(percentile(midSync, 50))} / ${ms(Math.max(...midSync))}`, '< 1 s', percentile(midSync, 50) < 1000);
    if (w.problems.length) console.error('  page problems:', w.problems);
  } finally {
    await browser.close().catch(() => {});
    await desktop.close().catch(() => {});
    await server.close().catch(() => {});
    await dropDatabase(dbUrl).catch(() => {});
  }
}

export async function benchUi(): Promise<void> {
  ensureRendererBuilt();
  const dbUrl = await benchDatabaseUrl();
  const server = await benchServer(dbUrl);
  const browser = await launchChromium();
  const desktop = await startDesktop();
  try {
    await seedDemo(server.context, { documents: DOCS, withPdfs: false });
    // One more document, with a 20-page PDF, registered by the clerk over the API.
    const token = await login(server.url, DEMO_USERS.clerk, DEMO_PASSWORD);
    const file = await uploadPdf(server.url, token, await renderMultiPagePdf(20));
    const docId = await new PushClient(server.url, token).register({ subject: 'Báo cáo tổng kết năm (20 trang)', pageCount: 20 }, [{ ...file, name: 'bao-cao-20-trang.pdf' }]);

    const w = await openWindow(browser, desktop);
    const { page } = w;
    await signIn(page, server.url, DEMO_USERS.leader, DEMO_PASSWORD);
    const total = (DOCS + 1).toLocaleString('vi-VN');
    await waitFor(page, (n) => (document.querySelector('[data-testid="list-count"]')?.textContent ?? '').includes(n), total);
    await waitFor(page, () => document.querySelector('[data-testid="sync-state"]')?.getAttribute('data-state') === 'online', '');

    const reloads: number[] = [];
    const domReady: number[] = [];
    for (let i = 0; i < 5; i++) {
      reloads.push(await timeToRows(page, () => page.reload()));
      domReady.push(await page.evaluate<number>(`performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd`));
    }
    record(NAME, 'list: reload → scripts loaded and run (DOMContentLoaded, p50)', ms(percentile(domReady, 50)));
    record(NAME, 'list: reload → first rows painted (p50 of 5)', ms(percentile(reloads, 50)), '< 300 ms', percentile(reloads, 50) < 300);
    const inApp: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.evaluate(`location.hash = '#/search'`);
      await waitFor(page, () => !document.querySelector('[data-testid="list-row"]'), '', 10_000);
      inApp.push(await timeToRows(page, () => page.evaluate(`location.hash = '#/incoming'`)));
    }
    record(NAME, 'list: in-app navigation → first rows (p50 of 5)', ms(percentile(inApp, 50)), '< 300 ms', percentile(inApp, 50) < 300);

    const list = page.getByTestId('list-scroll');
    await list.focus();
    const frames = await frameTimes(page, async () => {
      for (let i = 0; i < 150; i++) await page.keyboard.press('PageDown');
      await page.waitForTimeout(300);
    });
    const p95 = percentile(frames, 95);
    record(NAME, 'keyboard PageDown ×150: frame time p50 / p95 / max', `${percentile(frames, 50).toFixed(1)} / ${p95.toFixed(1)} / ${Math.max(...frames).toFixed(0)} ms`, 'p95 < 50 ms', p95 < 50);
    let t = performance.now();
    await page.keyboard.press('End');
    await waitFor(page, () => document.querySelector('.list-row.is-selected')?.getAttribute('data-id') != null && !document.querySelector('.list-row-placeholder'), '', 120_000);
    record(NAME, 'End → last row shown', ms(performance.now() - t));

    const openPdf = async (): Promise<number> => {
      await page.evaluate(`location.hash = '#/incoming'`);
      await waitFor(page, rowsShown, '', 60_000);
      const start = performance.now();
      await page.evaluate(`location.hash = '#/incoming/${docId}'`);
      await waitFor(page, () => document.querySelector('.pdf-viewer .page[data-page-number="1"][data-loaded="true"] canvas') != null, '', 60_000);
      return performance.now() - start;
    };
    t = await openPdf();
    record(NAME, 'open document, 20-page PDF → page 1 drawn (first document opened)', ms(t), '< 500 ms', t < 500);
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(await openPdf());
    record(NAME, 'open document, 20-page PDF → page 1 drawn (cached, p50 of 5)', ms(percentile(warm, 50)), '< 500 ms', percentile(warm, 50) < 500);

    const signOut = await timeSignOut(page);
    record(NAME, 'sign-out: click → sign-in screen', ms(signOut), '< 1 s', signOut < 1000);
    if (w.problems.length) console.error('  page problems:', w.problems);
  } finally {
    await browser.close().catch(() => {});
    await desktop.close().catch(() => {});
    await server.close().catch(() => {});
    await dropDatabase(dbUrl).catch(() => {});
  }
}
