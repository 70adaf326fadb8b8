/**
 * The weekly schedule's screens (#9) in Chromium, over a real server holding the demo agency
 * (its weeks made by the shared rules: this week published with a revision, next week
 * submitted, the week after a draft with requests waiting), each person on a desktop of their
 * own: a picture of every view and dialog under test-results/screenshots/sched-*, and the
 * checks a person would make looking at them.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgres } from '../../src/server/db/database.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/server/seed/content/organisation.js';
import { seedDemo } from '../../src/server/seed/seedDemo.js';
import { addDays, weekStartOf, weekTitle } from '../../src/shared/schedule/index.js';
import { formatDateVi, vnToday } from '../../src/shared/text/vietnamese.js';
import { attrIs, countIs, cspViolations, ensureRendererBuilt, hasText, hidden, launchChromium, openWindow, pickInTree, shot, signIn, startDesktop, typeDate, visible, type Desktop, type UserWindow } from './support.js';

const LONG = 60_000;

describe('e2e: the weekly schedule screens', () => {
  let server: RunningServer;
  let databaseUrl = '';
  let browser: Browser;
  const desktops: Desktop[] = [];
  const windows: UserWindow[] = [];
  const thisWeek = weekStartOf(vnToday());
  const nextWeek = addDays(thisWeek, 7);
  const draftWeek = addDays(thisWeek, 14);

  const open = async (username: string): Promise<UserWindow> => {
    const d = await startDesktop();
    desktops.push(d);
    const w = await openWindow(browser, d);
    windows.push(w);
    await signIn(w.page, server.url, username, DEMO_PASSWORD);
    return w;
  };

  /** The week page in a view, once the core has answered for it. */
  const week = async (page: Page, date: string, view: string): Promise<void> => {
    await page.evaluate(`location.hash = '#/schedule/${date}/${view}'`);
    await attrIs(page.getByTestId('sched-page'), 'data-view', view);
    await attrIs(page.getByTestId('sched-body'), 'data-loaded', 'true', { timeout: LONG });
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    // A fresh database (the demo agency is an organisation of its own) on the test PostgreSQL.
    const admin = inject('databaseUrl');
    const name = `e2e_sched_${randomBytes(4).toString('hex')}`;
    const db = await openPostgres(admin, 1);
    await db.query(`CREATE DATABASE ${name}`);
    await db.close();
    databaseUrl = admin.replace(/\/[^/]*$/u, `/${name}`);
    server = await startServer({ dataDir: mkdtempSync(join(tmpdir(), 'ioffice-e2e-sched-')), databaseUrl, logLevel: 'silent' });
    await seedDemo(server.context, { documents: 60, withPdfs: false, tasks: 80, schedule: { weeksBack: 4, weeksAhead: 3 } });
    browser = await launchChromium();
  }, 600_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [i, w] of windows.entries()) await shot(w.page, `failed-sched-${ctx.task.name.slice(0, 30).replace(/\W+/gu, '-')}-${i}`).catch(() => {});
  });

  afterAll(async () => {
    for (const w of windows) await w.context.close().catch(() => {});
    await browser?.close();
    for (const d of desktops) await d.close().catch(() => {});
    await server?.close().catch(() => {});
    if (databaseUrl) {
      const db = await openPostgres(inject('databaseUrl'), 1);
      await db.query(`DROP DATABASE IF EXISTS ${databaseUrl.slice(databaseUrl.lastIndexOf('/') + 1)} WITH (FORCE)`).catch(() => {});
      await db.close();
    }
  });

  it('the office: the published week with its revision, the draft with requests and conflicts, the form warning of a conflict, an entry’s revisions', async () => {
    const { page, problems } = await open(DEMO_USERS.clerk);
    await page.getByTestId('nav').getByText('Lịch công tác').click();
    await visible(page.getByTestId('sched-page'));
    await attrIs(page.getByTestId('sched-body'), 'data-loaded', 'true', { timeout: LONG });
    await hasText(page.getByTestId('sched-title'), weekTitle(thisWeek));
    await attrIs(page.getByTestId('sched-week-status'), 'data-status', 'published', { timeout: LONG });
    await hasText(page.getByTestId('sched-revision'), 'Điều chỉnh lần');
    // Today's block stands out; a changed entry is marked.
    await visible(page.locator('[data-testid="sched-day"][data-today="true"]'));
    await visible(page.getByTestId('sched-change-mark').first());
    await shot(page, 'sched-01-agency-week', { height: 1400 });

    // Next week, submitted: the requests that came after, and the conflicts, each naming the people, rooms and entries.
    await week(page, nextWeek, 'draft');
    await visible(page.getByTestId('sched-draft'));
    await attrIs(page.getByTestId('sched-week-bar'), 'data-status', 'submitted');
    expect(await page.getByTestId('sched-request').count()).toBeGreaterThan(0);
    await visible(page.getByTestId('sched-conflicts'));
    await shot(page, 'sched-02-draft-requests-conflicts', { height: 1500 });

    // The draft two weeks ahead: "Thêm lịch" on the day and part of a meeting the same leader chairs, and the form warns.
    await week(page, draftWeek, 'draft');
    await attrIs(page.getByTestId('sched-week-bar'), 'data-status', 'draft');
    await visible(page.getByTestId('sched-week-submit'));
    const row = page.locator('[data-testid="sched-draft-table"] [data-testid="sched-entry"][data-status="scheduled"]').filter({ has: page.locator('.sched-chair-name') }).first();
    const date = (await row.getAttribute('data-date'))!;
    const part = (await row.getAttribute('data-part'))!;
    const chair = (await row.locator('.sched-chair-name').innerText()).trim();
    const content = 'Làm việc với Đoàn kiểm tra của Bộ Nội vụ về cải cách hành chính';
    await page.getByTestId('sched-add').click();
    const dialog = page.locator('.sched-form-dialog .ant-modal');
    await visible(dialog);
    await dialog.getByTestId('sched-form-content').fill(content);
    await typeDate(dialog.getByTestId('sched-form-date'), formatDateVi(date));
    await dialog.getByTestId('sched-form-part').getByText({ morning: 'Sáng', afternoon: 'Chiều', evening: 'Tối' }[part] ?? 'Sáng', { exact: true }).click();
    await dialog.getByTestId('sched-form-chair').click();
    await page.keyboard.type(chair.split(' ').at(-1)!);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: chair }).first().click();
    await attrIs(dialog.getByTestId('sched-form-conflicts'), 'data-state', 'warn', { timeout: LONG });
    await hasText(dialog.getByTestId('sched-form-conflict').first(), chair);
    await shot(page, 'sched-05-form-conflict', { height: 1100 });
    // Added anyway (a warning, never a refusal): the draft shows it, marked, and lists the conflict.
    await dialog.getByTestId('sched-form-ok').click();
    await hidden(dialog);
    const added = page.locator('[data-testid="sched-draft-table"] [data-testid="sched-entry"]').filter({ hasText: content });
    await visible(added);
    await visible(added.getByTestId('sched-conflict-sign'));
    await hasText(page.getByTestId('sched-conflicts'), chair);
    await shot(page, 'sched-10-draft-added', { height: 1500 });

    // An entry of this week changed after publication: what changed, from what to what.
    await week(page, thisWeek, 'agency');
    const changed = page.locator('[data-testid="sched-entry"]').filter({ has: page.locator('[data-testid="sched-change-mark"][data-change="changed"]') }).first();
    await changed.getByTestId('sched-entry-link').click();
    await visible(page.getByTestId('sched-entry-view'));
    await visible(page.getByTestId('sched-entry-change').first());
    await hasText(page.getByTestId('sched-entry-changes'), 'Điều chỉnh lần');
    await shot(page, 'sched-06-entry-revision', { height: 1100 });

    // "In lịch tuần": the printed week in the app's PDF viewer.
    await week(page, thisWeek, 'agency');
    await page.getByTestId('sched-print').click();
    await attrIs(page.locator('.sched-print-dialog [data-testid="pdf-viewer"]'), 'data-status', 'ready', { timeout: LONG });
    await shot(page, 'sched-14-print');
    await page.keyboard.press('Escape');
    await hidden(page.locator('.sched-print-dialog .ant-modal'));

    // "Đưa vào lịch" from an incoming document: the request form, prefilled and linked.
    await page.getByTestId('nav').getByText('Văn bản đến').click();
    await page.getByTestId('list-row').first().click();
    await visible(page.getByTestId('doc-view'));
    await page.getByTestId('action-schedule').click();
    const fromDoc = page.locator('.sched-form-dialog .ant-modal');
    await visible(fromDoc.getByTestId('sched-form-link'));
    await hasText(fromDoc.getByTestId('sched-form-link'), 'Từ văn bản:');
    await shot(page, 'sched-15-from-document', { height: 1100 });
    await page.keyboard.press('Escape');
    await hidden(fromDoc);

    // Search finds entries beside documents and tasks, without accents.
    await page.evaluate("location.hash = '#/search?q=giao%20ban'");
    await visible(page.getByTestId('search-schedule-result').first(), { timeout: LONG });
    await shot(page, 'sched-16-search');

    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);

  it('a specialist: my schedule with my deadlines, and my requests', async () => {
    const { page, problems } = await open(DEMO_USERS.specialist);
    await week(page, thisWeek, 'mine');
    await visible(page.getByTestId('sched-table-mine'), { timeout: LONG });
    expect(await page.locator('[data-testid="sched-table-mine"] [data-testid="sched-my-role"]').count()).toBeGreaterThan(0);
    await shot(page, 'sched-03-mine', { height: 1200 });
    // Next week awaits approval: not published for a specialist.
    await week(page, nextWeek, 'agency');
    await attrIs(page.getByTestId('sched-empty'), 'data-kind', 'not-published');
    await shot(page, 'sched-07-not-published');
    await week(page, nextWeek, 'draft');
    await hasText(page.getByTestId('sched-tab-draft'), 'Đăng ký của tôi');
    await shot(page, 'sched-08-my-requests');
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);

  it('the chairman: his week, and the submitted week to approve', async () => {
    const { page, problems } = await open(DEMO_USERS.leader);
    await week(page, thisWeek, 'leader');
    await visible(page.getByTestId('sched-leader-select'));
    await hasText(page.getByTestId('sched-leader-select'), 'Trần Minh Quang');
    await countIs(page.locator('[data-testid="sched-table-leader"]'), 1, { timeout: LONG });
    await shot(page, 'sched-04-leader', { height: 1200 });
    await week(page, nextWeek, 'draft');
    await attrIs(page.getByTestId('sched-week-bar'), 'data-status', 'submitted');
    await visible(page.getByTestId('sched-week-approve'));
    await visible(page.getByTestId('sched-week-return'));
    await shot(page, 'sched-09-submitted', { height: 1400 });
    // In English: the same week, dates still dd/MM/yyyy.
    await page.getByTestId('lang-switch').getByText('EN').click();
    await week(page, thisWeek, 'agency');
    await hasText(page.getByTestId('sched-title'), 'Week ');
    await hasText(page.getByTestId('sched-tabs'), "Leaders' schedule");
    await shot(page, 'sched-17-agency-en', { height: 1100 });
    await page.getByTestId('lang-switch').getByText('VI').click();
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);

  it('a revision by the office reaches the participant: a toast, and the list on the schedule page', async () => {
    const specialist = windows[1]!.page;
    const office = windows[0]!.page;
    // A meeting of the specialist still ahead this week (published: a change is a revision).
    await week(specialist, thisWeek, 'mine');
    const target = specialist.locator(`[data-testid="sched-table-mine"] [data-testid="sched-entry"][data-status="scheduled"]`).filter({ has: specialist.getByTestId('sched-my-role') });
    const ids = await target.evaluateAll((rows, today) => rows.filter((r) => (r.getAttribute('data-date') ?? '') > today).map((r) => r.getAttribute('data-id') ?? ''), vnToday());
    const dialog = office.locator('.sched-form-dialog .ant-modal');
    if (ids[0]) {
      // The office moves it to another room: "Điều chỉnh".
      await office.evaluate(`location.hash = '#/schedule/entry/${ids[0]}'`);
      await visible(office.getByTestId('sched-entry-action-update'), { timeout: LONG });
      await office.getByTestId('sched-entry-action-update').click();
      await visible(dialog);
    } else {
      // Late in the week nothing of theirs is still ahead: the office adds tonight's meeting with them ("Bổ sung").
      await week(office, thisWeek, 'agency');
      await office.getByTestId('sched-add').click();
      await visible(dialog);
      await dialog.getByTestId('sched-form-content').fill('Họp rà soát hồ sơ dự án đầu tư công khẩn cấp');
      await typeDate(dialog.getByTestId('sched-form-date'), formatDateVi(vnToday()));
      await dialog.getByTestId('sched-form-part').getByText('Tối', { exact: true }).click();
      await pickInTree(office, dialog.getByTestId('sched-form-participants'), 'Phạm Minh', 'Phạm Minh Đức');
    }
    await dialog.getByTestId('sched-form-place').fill('Hội trường tầng 3, trụ sở UBND tỉnh');
    await dialog.getByTestId('sched-form-reason').fill('Thay đổi phòng họp do sửa chữa');
    await dialog.getByTestId('sched-form-ok').click();
    await hidden(dialog);
    // The specialist, wherever they are in the app, is told.
    await specialist.evaluate("location.hash = '#/incoming'");
    const toast = specialist.getByTestId('sched-notice-toast');
    await visible(toast, { timeout: 90_000 });
    await hasText(toast, 'Hội trường tầng 3');
    await shot(specialist, 'sched-11-notice-toast');
    await toast.getByRole('button', { name: 'Xem lịch' }).click();
    await hidden(toast);
    await visible(specialist.getByTestId('sched-entry-view'));
    await hasText(specialist.getByTestId('sched-entry-changes'), 'Thay đổi phòng họp do sửa chữa');
    await shot(specialist, 'sched-13-entry-after-notice');
    await week(specialist, thisWeek, 'agency');
    await specialist.getByTestId('sched-notices').locator('.ant-collapse-header').click();
    await visible(specialist.getByTestId('sched-notice').first());
    await shot(specialist, 'sched-12-notices-list');
    expect(windows[1]!.problems).toEqual([]);
    expect(windows[0]!.problems).toEqual([]);
  }, 300_000);
});
