/**
 * `npm run bench -- ui-schedule` (issue #9): the "Lịch công tác" screen with five years of
 * schedule history in the cache (BENCH_UI_SCHEDULE_WEEKS, default 260 weeks, about 30
 * engagements each, made by the demo seed through the shared rules) beside the demo's
 * documents and tasks (BENCH_UI_SCHEDULE_DOCUMENTS, default 2,000), in Debian's Chromium
 * against the web host, as bench/uiTasks.ts does for the task list. Signed in as the
 * chairman; times are taken in the page, from the navigation (or the click) to the first
 * animation frame whose table shows the lines of the week asked for:
 *  - in-app navigation to #/schedule (the agency's week, this week) and to "Lịch của tôi";
 *  - the previous-week arrow, ten weeks back, and the next-week arrow;
 *  - a jump to a week five years back (the date in the address);
 *  - for comparison, a reload on the schedule (what starting the app costs any screen).
 * The target: < 100 ms to first paint after navigation.
 */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/server/seed/content/organisation.js';
import { seedDemo } from '../src/server/seed/seedDemo.js';
import { RpcClient } from '../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../src/shared/rpc/transport.js';
import { addDays, weekStartOf } from '../src/shared/schedule/week.js';
import { vnToday } from '../src/shared/text/vietnamese.js';
import { ensureRendererBuilt, launchChromium, openWindow, signIn, startDesktop } from '../test/e2e/support.js';
import { benchDatabaseUrl, benchServer, dropDatabase, ms, percentile, record } from './lib.js';
import { BENCH_PER_WEEK, heldOnServer, untilSynced } from './schedule.js';

const WEEKS = Number(process.env.BENCH_UI_SCHEDULE_WEEKS ?? 260);
const DOCS = Number(process.env.BENCH_UI_SCHEDULE_DOCUMENTS ?? 2000);
const ROUNDS = 7;

/** The little of the page's DOM these functions touch (they run in the page; this program has no DOM types). */
declare const document: {
  querySelector(s: string): { getAttribute(n: string): string | null } | null;
};

/**
 * Milliseconds, taken in the page, from running `act` (JavaScript: a hash change, a click)
 * to the first animation frame where the schedule shows `view` for the week of `weekStart`
 * with at least one line dated in that week (the screen keeps the previous week's lines
 * under a spinner while the next loads, so a line of the week is the proof).
 */
async function timeInPage(page: Page, act: string, weekStart: string, view: string): Promise<number> {
  const end = addDays(weekStart, 6);
  await page.evaluate(`(() => {
    window.__sched = { start: 0, shown: 0 };
    const frame = (now) => {
      const p = document.querySelector('[data-testid="sched-page"]');
      const ok = p && p.getAttribute('data-week') === '${weekStart}' && p.getAttribute('data-view') === '${view}' &&
        document.querySelector('[data-testid="sched-body"][data-loaded="true"]') &&
        Array.from(document.querySelectorAll('[data-testid="sched-body"] [data-testid="sched-entry"]')).some((r) => {
          const d = r.getAttribute('data-date');
          return d >= '${weekStart}' && d <= '${end}';
        });
      if (ok) window.__sched.shown = now;
      else requestAnimationFrame(frame);
    };
    window.__sched.start = performance.now();
    ${act};
    requestAnimationFrame(frame);
  })()`);
  await page.waitForFunction(() => (globalThis as unknown as { __sched: { shown: number } }).__sched.shown > 0, undefined, { timeout: 60_000, polling: 'raf' });
  return page.evaluate<number>('window.__sched.shown - window.__sched.start');
}

/** Away to the (empty) search screen and back: the schedule screen is mounted anew. */
async function away(page: Page): Promise<void> {
  await page.evaluate(`location.hash = '#/search'`);
  await page.waitForFunction(() => !document.querySelector('[data-testid="sched-page"]'), undefined, { timeout: 60_000, polling: 'raf' });
}

const p5095 = (t: number[]): string => `${ms(percentile(t, 50))} / ${ms(percentile(t, 95))}`;

export async function benchUiSchedule(): Promise<void> {
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
    await seedDemo(server.context, { documents: DOCS, withPdfs: false, schedule: { weeksBack: WEEKS, weeksAhead: 3, perWeek: BENCH_PER_WEEK } });
    const held = await heldOnServer(server);
    const entries = [...held.entriesByWeek.values()].reduce((a, b) => a + b, 0);
    const name = `UI, schedule of ${(WEEKS + 4).toLocaleString('en')} weeks (${entries.toLocaleString('en')} entries, ${held.weeks.toLocaleString('en')} week records) + ${held.documents.toLocaleString('en')} documents + ${held.tasks.toLocaleString('en')} tasks in the cache`;
    const w = await openWindow(browser, desktop);
    const { page } = w;
    await signIn(page, server.url, DEMO_USERS.leader, DEMO_PASSWORD);
    await untilSynced(rpc, held);
    await page.waitForFunction(() => document.querySelector('[data-testid="sync-state"]')?.getAttribute('data-state') === 'online', undefined, { timeout: 60_000 });

    const thisWeek = weekStartOf(vnToday());
    // Once, to load the screen's code and the week (as after the first look).
    await away(page);
    await timeInPage(page, `location.hash = '#/schedule'`, thisWeek, 'agency');

    const navAgency: number[] = [];
    const navMine: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await away(page);
      navAgency.push(await timeInPage(page, `location.hash = '#/schedule'`, thisWeek, 'agency'));
      await away(page);
      navMine.push(await timeInPage(page, `location.hash = '#/schedule/${thisWeek}/mine'`, thisWeek, 'mine'));
    }
    const shownAgency = await rpc.call('schedule.week', { date: thisWeek, view: 'agency' });
    const shownMine = await rpc.call('schedule.week', { date: thisWeek, view: 'mine' });
    record(name, `in-app navigation → the agency's week painted (this week, ${shownAgency.entries.length} lines): p50 / p95 of ${ROUNDS}`, p5095(navAgency), 'p95 < 100 ms', percentile(navAgency, 95) < 100);
    record(name, `in-app navigation → "Lịch của tôi" painted (the chairman's, ${shownMine.entries.length} lines, ${shownMine.deadlines.length} deadlines): p50 / p95 of ${ROUNDS}`, p5095(navMine), 'p95 < 100 ms', percentile(navMine, 95) < 100);

    // Week to week with the arrows, as people page through the schedule.
    await away(page);
    await timeInPage(page, `location.hash = '#/schedule'`, thisWeek, 'agency');
    const back: number[] = [];
    let shownWeek = thisWeek;
    const steps = Math.max(1, Math.min(10, WEEKS - 2));
    for (let i = 0; i < steps; i++) {
      shownWeek = addDays(shownWeek, -7);
      back.push(await timeInPage(page, `document.querySelector('[data-testid="sched-prev"]').click()`, shownWeek, 'agency'));
    }
    const forward: number[] = [];
    for (let i = 0; i < Math.min(5, steps); i++) {
      shownWeek = addDays(shownWeek, 7);
      forward.push(await timeInPage(page, `document.querySelector('[data-testid="sched-next"]').click()`, shownWeek, 'agency'));
    }
    record(name, `previous-week arrow, ${back.length} weeks back (each week's first look) → the week painted: p50 / p95`, p5095(back), 'p95 < 100 ms', percentile(back, 95) < 100);
    record(name, `next-week arrow, ${forward.length} weeks forward (seen before) → the week painted: p50 / p95`, p5095(forward), 'p95 < 100 ms', percentile(forward, 95) < 100);
    const mineBack: number[] = [];
    await timeInPage(page, `location.hash = '#/schedule/${thisWeek}/mine'`, thisWeek, 'mine');
    shownWeek = thisWeek;
    for (let i = 0; i < Math.min(5, steps); i++) {
      shownWeek = addDays(shownWeek, -7);
      mineBack.push(await timeInPage(page, `document.querySelector('[data-testid="sched-prev"]').click()`, shownWeek, 'mine'));
    }
    record(name, `"Lịch của tôi", previous-week arrow, ${mineBack.length} weeks back → the week painted: p50 / p95`, p5095(mineBack), 'p95 < 100 ms', percentile(mineBack, 95) < 100);

    // Five years back by address: the oldest weeks of the cache.
    const old: number[] = [];
    for (let i = 0; i < 5; i++) {
      const week = addDays(thisWeek, -7 * Math.max(1, WEEKS - 1 - i * 3));
      old.push(await timeInPage(page, `location.hash = '#/schedule/${week}/agency'`, week, 'agency'));
    }
    record(name, 'a week five years back (the date in the address) → the week painted: p50 / p95 of 5', p5095(old), 'p95 < 100 ms', percentile(old, 95) < 100);

    // For comparison: a reload on the schedule (the app starting again, then the week).
    const reloads: number[] = [];
    await page.evaluate(`location.hash = '#/schedule'`);
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await page.reload();
      await page.waitForFunction(
        (ws: string) => {
          const p = document.querySelector('[data-testid="sched-page"]');
          return p?.getAttribute('data-week') === ws && document.querySelector('[data-testid="sched-body"][data-loaded="true"] [data-testid="sched-entry"]') !== null;
        },
        thisWeek,
        { timeout: 60_000, polling: 'raf' },
      );
      reloads.push(performance.now() - t);
    }
    record(name, 'for comparison, a reload on the schedule → this week painted: p50 of 3', ms(percentile(reloads, 50)));
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
