/**
 * `npm run bench -- ui-tasks` (issue #8): the "Công việc" and "Tình hình thực hiện"
 * screens with BENCH_UI_TASKS (default 50,000) tasks and BENCH_UI_TASKS_DOCUMENTS
 * (default 100,000) documents in the cache, in Debian's Chromium against the web host,
 * as bench/ui.ts does for the incoming list:
 *  - the task list's first rows painted after a page reload and after in-app navigation
 *    (the agency chairman's first list, "Việc tôi giao"), and for comparison the incoming
 *    list's after a reload (what starting the app costs any screen);
 *  - the dashboard's figures shown (cards, chart and tables drawn) after a reload and in
 *    the app, for its default period (this month), and after choosing "Năm" (this year).
 */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/server/seed/content/organisation.js';
import { RpcClient } from '../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../src/shared/rpc/transport.js';
import { vnToday } from '../src/shared/text/vietnamese.js';
import { eventually } from '../test/helpers/core.js';
import { ensureRendererBuilt, launchChromium, openWindow, signIn, startDesktop } from '../test/e2e/support.js';
import { benchDatabaseUrl, benchServer, dropDatabase, ms, percentile, record } from './lib.js';
import { seedWithTasks } from './tasks.js';

const TASKS = Number(process.env.BENCH_UI_TASKS ?? 50_000);
const DOCS = Number(process.env.BENCH_UI_TASKS_DOCUMENTS ?? 100_000);
const ROUNDS = 5;

/** The little of the page's DOM these functions touch (they run in the page; this program has no DOM types). */
declare const document: {
  querySelector(s: string): { textContent: string | null; getAttribute(n: string): string | null } | null;
  querySelectorAll(s: string): { length: number };
};

/** Wait until `fn(arg)` is true in the page (a function, not a string: the app's CSP forbids eval). */
async function waitFor(page: Page, fn: (arg: string) => boolean, arg = '', timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(fn, arg, { timeout: timeoutMs, polling: 'raf' });
}

const taskRowsShown = (): boolean => document.querySelectorAll('[data-testid="task-row"]').length > 5;
const incomingRowsShown = (): boolean => document.querySelectorAll('[data-testid="list-row"]').length > 5;
const noTaskRows = (): boolean => !document.querySelector('[data-testid="task-row"]');
/** The figures of the period `from` are drawn: cards, the trend chart's canvas and the two tables, and no reload pending. */
const figuresShown = (from: string): boolean => {
  const body = document.querySelector('[data-testid="dashboard-body"]');
  return (
    body !== null &&
    (from === '' || body.getAttribute('data-from') === from) &&
    !document.querySelector('.dash-body.is-loading') &&
    document.querySelector('[data-testid="dash-card-total"]') !== null &&
    document.querySelector('.dash-section canvas') !== null &&
    document.querySelector('[data-testid="dashboard-by-person"] tbody tr') !== null
  );
};
const noDashboard = (): boolean => !document.querySelector('[data-testid="dashboard"]');

/** Milliseconds from now until `done` holds in the page (rAF-polled). */
async function timeTo(page: Page, act: () => Promise<unknown>, done: (arg: string) => boolean, arg = ''): Promise<number> {
  const t = performance.now();
  await act();
  await waitFor(page, done, arg);
  return performance.now() - t;
}

/** p50 of `rounds` in-app navigations: away to the (empty) search screen, then back to `hash`. */
async function inApp(page: Page, hash: string, gone: () => boolean, done: (arg: string) => boolean, arg = ''): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await page.evaluate(`location.hash = '#/search'`);
    await waitFor(page, gone);
    times.push(await timeTo(page, () => page.evaluate(`location.hash = '${hash}'`), done, arg));
  }
  return percentile(times, 50);
}

/**
 * Milliseconds from the click on the period `label` until the first animation frame with
 * the figures of the period starting `from`, both taken in the page (as bench/ui.ts times
 * the sign-out: Playwright's click adds its own waits, ≈ 300 ms here).
 */
async function switchPeriod(page: Page, label: string, from: string): Promise<number> {
  await page.evaluate(`(() => {
    window.__period = { click: 0, shown: 0 };
    document.addEventListener('click', () => { window.__period.click = performance.now(); }, { capture: true, once: true });
    const frame = (now) => {
      const body = document.querySelector('[data-testid="dashboard-body"]');
      const drawn = body && body.getAttribute('data-from') === '${from}' && !body.classList.contains('is-loading') && document.querySelector('[data-testid="dashboard-by-person"] tbody tr');
      if (window.__period.click > 0 && drawn) window.__period.shown = now;
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`);
  await page.getByTestId('dashboard-period').getByText(label, { exact: true }).click();
  await waitFor(page, () => (globalThis as unknown as { __period: { shown: number } }).__period.shown > 0);
  return page.evaluate<number>('window.__period.shown - window.__period.click');
}

async function reloads(page: Page, done: (arg: string) => boolean, arg = ''): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) times.push(await timeTo(page, () => page.reload(), done, arg));
  return percentile(times, 50);
}

export async function benchUiTasks(): Promise<void> {
  ensureRendererBuilt();
  const dbUrl = await benchDatabaseUrl();
  const server = await benchServer(dbUrl);
  const browser = await launchChromium();
  const desktop = await startDesktop();
  // A window of our own on the desktop's core, to know when the first sync is over.
  const [mine, coreEnd] = createMemoryTransportPair();
  const detach = desktop.core.attach(coreEnd);
  const rpc = new RpcClient(mine, { timeoutMs: null });
  try {
    const seeded = await seedWithTasks(server, DOCS, TASKS);
    const name = `UI, ${seeded.tasks.toLocaleString('en')} tasks + ${seeded.documents.toLocaleString('en')} documents in the cache`;
    const w = await openWindow(browser, desktop);
    const { page } = w;
    await signIn(page, server.url, DEMO_USERS.leader, DEMO_PASSWORD);
    const y = Number(vnToday().slice(0, 4));
    await eventually(
      async () => {
        const s = await rpc.call('sync.status', {});
        if (s.state === 'syncing' || s.lastSyncAt === null) return false;
        if ((await rpc.call('incoming.list', { limit: 1 })).total < seeded.documents) return false;
        const all = await rpc.call('dashboard.get', { from: `${y - 4}-01-01`, to: `${y + 2}-12-31`, unitId: null, kinds: ['tasks'] });
        return all.totals.total >= seeded.tasks;
      },
      1_800_000,
      200,
    );
    await waitFor(page, () => document.querySelector('[data-testid="sync-state"]')?.getAttribute('data-state') === 'online');

    await page.evaluate(`location.hash = '#/tasks'`);
    await waitFor(page, taskRowsShown);
    const shown = (await page.getByTestId('list-count').textContent()) ?? '';
    const tab = (await page.locator('.task-list .ant-tabs-tab-active').textContent()) ?? '';
    const reload = await reloads(page, taskRowsShown);
    record(name, `task list ("${tab.replace(/[\d.+]+$/u, '')}", ${shown.trim()}): reload → first rows painted (p50 of ${ROUNDS})`, ms(reload), '< 300 ms', reload < 300);
    const nav = await inApp(page, '#/tasks', noTaskRows, taskRowsShown);
    record(name, `task list: in-app navigation → first rows (p50 of ${ROUNDS})`, ms(nav), '< 300 ms', nav < 300);

    // The same reload on the incoming list, for comparison: what every screen pays to start the app.
    await page.evaluate(`location.hash = '#/incoming'`);
    await waitFor(page, incomingRowsShown);
    const incomingReload = await reloads(page, incomingRowsShown);
    record(name, `for comparison, the incoming list (${seeded.documents.toLocaleString('en')}): reload → first rows painted (p50 of ${ROUNDS})`, ms(incomingReload));

    await page.evaluate(`location.hash = '#/dashboard'`);
    await waitFor(page, figuresShown);
    const month = (await page.getByTestId('dashboard-body').getAttribute('data-from')) ?? '';
    const dashReload = await reloads(page, figuresShown, month);
    record(name, `dashboard, this month: reload → figures, chart and tables drawn (p50 of ${ROUNDS})`, ms(dashReload));
    const dashNav = await inApp(page, '#/dashboard', noDashboard, figuresShown, month);
    record(name, `dashboard, this month: in-app navigation → figures drawn (p50 of ${ROUNDS})`, ms(dashNav));
    const yearFrom = `${y}-01-01`;
    const toYear = await switchPeriod(page, 'Năm', yearFrom);
    const total = (await page.getByTestId('dash-card-total').getAttribute('data-value')) ?? '?';
    const again: number[] = [];
    for (let i = 0; i < 3; i++) {
      await switchPeriod(page, 'Tháng', month);
      again.push(await switchPeriod(page, 'Năm', yearFrom));
    }
    record(name, `dashboard: click "Năm" → this year's figures drawn (${Number(total).toLocaleString('en')} records; in-page timing): first / later (p50 of 3)`, `${ms(toYear)} / ${ms(percentile(again, 50))}`);
    const yearNav = await inApp(page, '#/dashboard', noDashboard, figuresShown, yearFrom);
    record(name, `dashboard, this year: in-app navigation → figures drawn (p50 of ${ROUNDS})`, ms(yearNav));
    if (w.problems.length) console.error('  page problems:', w.problems);
  } finally {
    rpc.close();
    detach();
    await browser.close().catch(() => {});
    await desktop.close().catch(() => {});
    await server.close().catch(() => {});
    await dropDatabase(dbUrl).catch(() => {});
  }
}
