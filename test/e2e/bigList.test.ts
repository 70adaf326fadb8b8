/**
 * End-to-end: the incoming list with 100,000 documents (the demo agency's
 * content, bulk-loaded into a real server): keyset paging through the core, a
 * virtualised list that keeps a few dozen rows in the DOM, smooth scrolling,
 * keyboard navigation to the very end, and live updates on top of it all.
 *
 * IOFFICE_E2E_BIG_DOCUMENTS overrides the size (default 100,000).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgres } from '../../src/server/db/database.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/server/seed/content/organisation.js';
import { seedDemo } from '../../src/server/seed/seedDemo.js';
import { attrIs, countIs, cspViolations, ensureRendererBuilt, launchChromium, openWindow, shot, signIn, startDesktop, textIs, type Desktop, type UserWindow } from './support.js';

const DOCS = Number(process.env.IOFFICE_E2E_BIG_DOCUMENTS ?? 100_000);
const fmt = (n: number): string => n.toLocaleString('vi-VN');

describe(`e2e: the incoming list with ${fmt(DOCS)} documents`, () => {
  let server: RunningServer;
  let databaseUrl = '';
  let browser: Browser;
  let desktop: Desktop;
  let w: UserWindow;

  beforeAll(async () => {
    ensureRendererBuilt();
    // A fresh database (not the test template: the demo agency is an organisation of its own) on the test PostgreSQL.
    const admin = inject('databaseUrl');
    const name = `e2e_big_${randomBytes(4).toString('hex')}`;
    const db = await openPostgres(admin, 1);
    await db.query(`CREATE DATABASE ${name}`);
    await db.close();
    databaseUrl = admin.replace(/\/[^/]*$/u, `/${name}`);
    server = await startServer({ dataDir: mkdtempSync(join(tmpdir(), 'ioffice-e2e-big-')), databaseUrl, logLevel: 'silent' });
    const t = performance.now();
    await seedDemo(server.context, { documents: DOCS, withPdfs: false });
    console.log(`seeded ${fmt(DOCS)} documents in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    browser = await launchChromium();
    desktop = await startDesktop();
    w = await openWindow(browser, desktop);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await desktop?.close().catch(() => {});
    await server?.close().catch(() => {});
    if (databaseUrl) {
      const db = await openPostgres(inject('databaseUrl'), 1);
      await db.query(`DROP DATABASE IF EXISTS ${databaseUrl.slice(databaseUrl.lastIndexOf('/') + 1)} WITH (FORCE)`).catch(() => {});
      await db.close();
    }
  });

  it('syncs, shows the first rows, and keeps the DOM small', async () => {
    const { page } = w;
    const t = performance.now();
    await signIn(page, server.url, DEMO_USERS.leader, DEMO_PASSWORD);
    await textIs(page.getByTestId('list-count'), `${fmt(DOCS)} văn bản`, { timeout: 300_000 });
    console.log(`sign-in → ${fmt(DOCS)} documents listed: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await attrIs(page.getByTestId('sync-state'), 'data-state', 'online', { timeout: 60_000 });
    const rows = await page.getByTestId('list-row').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(60);
    await shot(page, '10-list-100k');
  }, 600_000);

  it('scrolls through thousands of rows, showing real rows and a small DOM', async () => {
    const { page } = w;
    const list = page.getByTestId('list-scroll');
    await list.hover();
    // The wheel scrolls ~3,000 rows down (frame times are measured by `npm run bench ui`, not here).
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, 3200);
      await page.waitForTimeout(16);
    }
    const top = await list.evaluate((el: { scrollTop: number }) => el.scrollTop);
    expect(top).toBeGreaterThan(64 * 2500);
    // Rows there are real rows (loaded pages), not placeholders for long.
    await countIs(page.locator('.list-row-placeholder'), 0, { timeout: 20_000 });
    expect(await page.getByTestId('list-row').count()).toBeLessThan(60);
  }, 120_000);

  it('End reaches the last document, Home comes back, Enter opens', async () => {
    const { page } = w;
    const list = page.getByTestId('list-scroll');
    await list.focus();
    const t = performance.now();
    await page.keyboard.press('End');
    // The oldest document of the register is the last row.
    const last = page.locator('.list-row.is-selected');
    await countIs(last, 1, { timeout: 120_000 });
    console.log(`End → last row loaded: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await shot(page, '11-list-end');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const third = await page.locator('.list-row.is-selected').getAttribute('data-id');
    await page.keyboard.press('Enter');
    await page.getByTestId('doc-view').waitFor();
    expect(page.url()).toContain(`#/incoming/${third}`);
    // Back to the list: the same row is still selected.
    await page.getByTestId('back-to-list').click();
    await attrIs(page.locator('.list-row.is-selected'), 'data-id', third ?? '');
    expect(await cspViolations(page)).toEqual([]);
    expect(w.problems).toEqual([]);
  }, 300_000);
});
