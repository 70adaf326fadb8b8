/**
 * End-to-end (#8): a task's whole life through the renderer in Debian's Chromium, each
 * person at their own desktop (client core + web host, own data folder) and browser
 * profile, all on one real server over HTTP. Only clicks and typing, as people do it.
 *
 * the clerk registers a document → the agency leader gives a task from it ("Giao việc":
 * N working days, Phòng Kinh tế to lead, a co-operating person, a Word file) and sees it
 * in the document's "Công việc" tab → the unit leader hands it to a specialist → the
 * specialist gets the Word file byte for byte, then, offline, reports 50% (shown at once
 * as waiting, it arrives when the network returns) and asks for more time → the leader
 * approves, the specialist sees the new deadline, completes → the leader accepts with a
 * rating → the dashboard counts it done on time (on time +1, not yet due −1, for the
 * agency and for Phòng Kinh tế).
 * Screenshots: test-results/screenshots/tasks-journey-NN-*.png.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../src/shared/domain/workingDays.js';
import { formatDateVi, vnToday } from '../../src/shared/text/vietnamese.js';
import { UNITS } from '../helpers/fixtures.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { DOCX_MIME, makeDocx } from '../helpers/officeFiles.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  attrIs,
  countIs,
  cspViolations,
  ensureRendererBuilt,
  hasText,
  hidden,
  launchChromium,
  openWindow,
  pickInTree,
  shot,
  signIn,
  startDesktop,
  textIs,
  typeDate,
  valueIs,
  vietnamesePdf,
  vnDatePlus,
  visible,
  type Desktop,
  type UserWindow,
} from './support.js';

const SUBJECT = 'Về việc báo cáo tình hình thực hiện dự toán ngân sách năm 2026';
const TITLE = 'Tham mưu báo cáo tình hình thực hiện dự toán ngân sách năm 2026';
const DESCRIPTION = 'Tổng hợp số liệu thu, chi ngân sách 11 tháng; phân tích nguyên nhân các khoản chi chậm giải ngân; dự thảo văn bản trả lời Sở Tài chính.';
const WORD_FILE = 'Đề cương báo cáo dự toán.docx';
const REPORT_NOTE = 'Đã tổng hợp số liệu của 9/18 đơn vị dự toán, đang chờ số liệu các xã.';
const EXTENSION_REASON = 'Các xã gửi số liệu chậm do đợt mưa lũ cuối tháng 11.';
const RESULT_NOTE = 'Đã dự thảo văn bản trả lời Sở Tài chính, kèm biểu tổng hợp số liệu 18 đơn vị.';
const WORKING_DAYS = 5;
const WORD_BYTES = makeDocx('Đề cương báo cáo tình hình thực hiện dự toán ngân sách');
const LONG = 60_000;

/** The dashboard's figures for tasks: the agency's cards and Phòng Kinh tế's row (zeros when it has none). */
interface Figures {
  total: number;
  onTime: number;
  late: number;
  overdue: number;
  notDue: number;
  unit: { total: number; onTime: number; late: number; overdue: number; notDue: number };
}

describe('e2e: a task from a document, from giving it to its acceptance, and the dashboard', () => {
  let server: TestServer;
  let proxy: NetProxy;
  let browser: Browser;
  const desktops: Desktop[] = [];
  const windows: UserWindow[] = [];
  let leader: UserWindow;
  let unitLeader: UserWindow;
  let specialist: UserWindow;
  let taskId = '';
  let before: Figures;
  let openFigures: Figures;

  const deadline = addWorkingDays(vnToday(), WORKING_DAYS);
  const extended = addWorkingDays(vnToday(), WORKING_DAYS + 7);

  const start = async (username: string, serverUrl = server.url): Promise<UserWindow> => {
    const d = await startDesktop();
    desktops.push(d);
    const w = await openWindow(browser, d);
    windows.push(w);
    await signIn(w.page, serverUrl, username);
    return w;
  };

  /** The side menu, as a person would use it. */
  const go = (page: Page, item: string): Promise<void> => page.getByTestId('nav').getByText(item, { exact: true }).click();

  /** The dashboard for tasks, over the year the final deadline falls in (so both readings count the same records). */
  async function showDashboard(page: Page): Promise<void> {
    await go(page, 'Tình hình thực hiện');
    await visible(page.getByTestId('dashboard-controls'), { timeout: LONG });
    await page.getByTestId('dashboard-period').getByText('Năm', { exact: true }).click();
    await page.getByTestId('dashboard-kinds').getByText('Công việc', { exact: true }).click();
    const year = Number(extended.slice(0, 4));
    for (let y = Number(vnToday().slice(0, 4)); y < year; y++) await page.getByTestId('dashboard-next').click();
    await attrIs(page.getByTestId('dashboard-body'), 'data-from', `${year}-01-01`, { timeout: LONG });
  }

  async function readFigures(page: Page): Promise<Figures> {
    const body = page.getByTestId('dashboard-body');
    // A reload in flight dims the figures: read settled ones only.
    if (((await body.getAttribute('class', { timeout: 5000 })) ?? '').includes('is-loading')) throw new Error('the dashboard is loading');
    const card = async (b: string): Promise<number> => Number(await page.getByTestId(`dash-card-${b}`).getAttribute('data-value', { timeout: 5000 }));
    const row = page.getByTestId('dashboard-by-unit').locator(`tr[data-row-key="${UNITS.economy.id}"]`);
    // Columns: unit, total, on time, late, overdue, not yet due, rate.
    const cells = (await row.count()) === 0 ? [] : (await row.locator('td').allInnerTexts()).map((s) => Number(s.replace(/\D/gu, '')));
    return {
      total: await card('total'),
      onTime: await card('onTime'),
      late: await card('late'),
      overdue: await card('overdue'),
      notDue: await card('notDue'),
      unit: { total: cells[1] ?? 0, onTime: cells[2] ?? 0, late: cells[3] ?? 0, overdue: cells[4] ?? 0, notDue: cells[5] ?? 0 },
    };
  }

  /** The figures once they equal `expected` (the dashboard follows the local cache as sync brings changes). */
  async function figuresAre(page: Page, expected: Figures): Promise<void> {
    await expect.poll(() => readFigures(page).catch((e: unknown) => String(e)), { timeout: LONG, interval: 250 }).toEqual(expected);
  }

  beforeAll(async () => {
    ensureRendererBuilt();
    server = await startTestServer();
    // The specialist's desktop reaches the server through a cable the test can pull.
    proxy = await startProxy(server.url);
    browser = await launchChromium();
  }, 180_000);

  // Each step builds on the one before: after a failure the rest would only time out.
  let broken = false;
  beforeEach((ctx) => {
    if (broken) ctx.skip();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    broken = true;
    for (const [i, w] of windows.entries()) await shot(w.page, `failed-tasks-journey-${ctx.task.name.slice(0, 30).replace(/\W+/gu, '-')}-${i}`).catch(() => {});
  });

  afterAll(async () => {
    for (const w of windows) await w.context.close().catch(() => {});
    await browser?.close();
    for (const d of desktops) await d.close().catch(() => {});
    await proxy?.close();
    await server?.close().catch(() => {});
  });

  it('the clerk registers the document; the leader reads the dashboard before', async () => {
    const clerk = await start('vanthu');
    const { page } = clerk;
    await page.getByTestId('register-button').click();
    await visible(page.getByTestId('register-form'));
    await page.locator('#issuer').fill('Sở Tài chính tỉnh Kon Tum');
    await page.locator('#codeNumber').fill('215/STC-NS');
    await page.locator('#codeNumber').blur();
    await valueIs(page.locator('#codeNotation'), 'STC-NS');
    await typeDate(page.locator('#issuedDate'), vnDatePlus(-1));
    await page.locator('#documentType').pressSequentially('cong van');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^Công văn$/u }).click();
    await page.locator('#subject').fill(SUBJECT);
    await typeDate(page.locator('#dueDate'), vnDatePlus(20));
    const pdf = await vietnamesePdf({
      page1: ['UBND TỈNH KON TUM', 'SỞ TÀI CHÍNH', 'CÔNG VĂN', 'Về việc báo cáo tình hình thực hiện dự toán ngân sách năm 2026.', 'Đề nghị UBND tỉnh chỉ đạo tổng hợp số liệu thu, chi 11 tháng.'],
      page2: ['Phụ lục: biểu mẫu tổng hợp số liệu.'],
    });
    await page.locator('input[type=file]').setInputFiles({ name: 'Công văn 215-STC-NS.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    await countIs(page.getByTestId('file-item'), 1);
    await page.getByTestId('register-submit').click();
    await visible(page.getByTestId('doc-view'), { timeout: LONG });
    await countIs(page.getByTestId('pending-tag'), 0, { timeout: LONG });
    await shot(page, 'tasks-journey-01-registered');
    expect(await cspViolations(page)).toEqual([]);
    expect(clerk.problems).toEqual([]);
    // The clerk's part is done: one desktop less on a loaded machine.
    await clerk.context.close();

    leader = await start('chutich');
    await showDashboard(leader.page);
    before = await readFigures(leader.page);
    await shot(leader.page, 'tasks-journey-02-dashboard-before', { height: 1100 });
  }, 240_000);

  it('the agency leader gives a task from the document, and its "Công việc" tab lists it', async () => {
    const { page } = leader;
    await go(page, 'Văn bản đến');
    const row = page.getByTestId('list-row').filter({ hasText: SUBJECT });
    await countIs(row, 1, { timeout: LONG });
    await row.click();
    await visible(page.getByTestId('doc-view'));
    await page.getByTestId('action-create-task').click();
    const dialog = page.locator('.task-form-dialog .ant-modal');
    await visible(dialog.getByTestId('task-form-source'));
    await hasText(dialog.getByTestId('task-form-source'), SUBJECT);
    await dialog.getByTestId('task-form-title').fill(TITLE);
    await dialog.getByTestId('task-form-description').fill(DESCRIPTION);
    // A Word file: task attachments take any type.
    await dialog.locator('input[type=file]').setInputFiles({ name: WORD_FILE, mimeType: DOCX_MIME, buffer: WORD_BYTES });
    await hasText(dialog.getByTestId('task-file-added'), WORD_FILE, { timeout: LONG });
    // In working days, counted on the calendar (weekends, holidays).
    await dialog.getByTestId('task-form-deadline-kind').getByText('Số ngày làm việc').click();
    await dialog.getByTestId('task-form-working-days').fill(String(WORKING_DAYS));
    await attrIs(dialog.getByTestId('task-form-deadline-preview'), 'data-deadline', deadline);
    await hasText(dialog.getByTestId('task-form-deadline-preview'), formatDateVi(deadline));
    await pickInTree(page, dialog.getByTestId('task-form-main'), 'Kinh', 'Phòng Kinh tế');
    await pickInTree(page, dialog.getByTestId('task-form-cooperate'), 'lan', 'Bùi Thị Lan'); // typed without marks
    await shot(page, 'tasks-journey-03-give-task', { height: 1150 });
    await dialog.getByRole('button', { name: 'Giao việc' }).click();
    await hidden(dialog);

    // The document's "Công việc" tab opens on the new task, confirmed by the server.
    const mini = page.getByTestId('document-tasks').getByTestId('task-mini');
    await countIs(mini, 1);
    await hasText(mini, TITLE);
    await hasText(mini, 'Phòng Kinh tế');
    await hasText(mini, formatDateVi(deadline));
    await countIs(mini.getByTestId('pending-tag'), 0, { timeout: LONG });
    taskId = (await mini.getAttribute('data-id')) ?? '';
    expect(taskId).toMatch(/^[0-9a-f-]{36}$/u);
    await shot(page, 'tasks-journey-04-document-tasks');

    await mini.click();
    await visible(page.getByTestId('task-view'));
    await hasText(page.getByTestId('task-source-link'), SUBJECT);
    await hasText(page.getByTestId('task-deadline'), `${formatDateVi(deadline)} (trong ${WORKING_DAYS} ngày làm việc)`);
    await hasText(page.getByTestId('task-files'), WORD_FILE);
    await hasText(page.getByTestId('task-assignments'), 'Bùi Thị Lan');
    await shot(page, 'tasks-journey-05-task-given');
  }, 240_000);

  it('the unit leader finds it in "Việc của tôi" and hands it to a specialist', async () => {
    unitLeader = await start('tp.kinhte');
    const { page } = unitLeader;
    await go(page, 'Công việc');
    await visible(page.getByTestId('task-list'));
    const row = page.locator(`[data-testid=task-row][data-id="${taskId}"]`);
    await visible(row, { timeout: LONG });
    await attrIs(row, 'data-unread', 'true');
    await shot(page, 'tasks-journey-06-unit-leader-list');
    // The Search page finds it too, typed without accents, and opens it.
    await go(page, 'Tìm kiếm');
    await page.getByTestId('search-input').fill('tham muu bao cao du toan');
    const found = page.getByTestId('search-tasks').getByTestId('search-task-result').filter({ hasText: TITLE });
    await visible(found, { timeout: LONG });
    await shot(page, 'tasks-journey-06b-search');
    await found.click();
    await visible(page.getByTestId('task-view'));
    await hasText(page.getByTestId('task-title'), TITLE);
    await go(page, 'Công việc');
    await visible(row, { timeout: LONG });
    await row.click();
    await visible(page.getByTestId('task-view'));
    await page.getByTestId('task-action-reassign').click();
    const dialog = page.locator('.task-reassign-dialog .ant-modal');
    await visible(dialog);
    await pickInTree(page, dialog.getByTestId('task-reassign-main'), 'hang', 'Phạm Thu Hằng');
    await dialog.locator('#note').fill('Đồng chí Hằng chủ trì, phối hợp Phòng Nội chính.');
    await shot(page, 'tasks-journey-07-reassign');
    await dialog.getByTestId('task-reassign-dialog-ok').click();
    await hidden(dialog);
    const person = page.locator('[data-testid=task-assignment].is-nested').filter({ hasText: 'Phạm Thu Hằng' });
    await attrIs(person, 'data-role', 'main');
    await countIs(page.getByTestId('task-view').getByTestId('pending-tag'), 0, { timeout: LONG });
    await shot(page, 'tasks-journey-08-reassigned');
  }, 180_000);

  it('the specialist, offline, reports 50%: shown at once as waiting, it reaches the leader when the network returns', async () => {
    specialist = await start('cv.kinhte1', proxy.url);
    const { page } = specialist;
    // The navigation counts her open tasks: this one is among them.
    await visible(page.getByTestId('nav-tasks-count'), { timeout: LONG });
    await go(page, 'Công việc');
    const row = page.locator(`[data-testid=task-row][data-id="${taskId}"]`);
    await visible(row, { timeout: LONG });
    await row.click();
    await visible(page.getByTestId('task-view'));
    await hasText(page.getByTestId('task-title'), TITLE);
    // The leader's Word file reached this desktop through the server, byte for byte.
    const download = page.waitForEvent('download', { timeout: LONG });
    await page.getByTestId('task-files').getByTestId('task-file-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(WORD_FILE);
    expect(Buffer.compare(readFileSync(await file.path()), WORD_BYTES)).toBe(0);

    // The network goes.
    proxy.setOffline(true);
    await page.getByTestId('sync-indicator').getByRole('button').click();
    await attrIs(page.getByTestId('sync-state'), 'data-state', 'offline', { timeout: LONG });

    await page.getByTestId('task-action-report').click();
    const dialog = page.locator('.task-report-dialog .ant-modal');
    await visible(dialog);
    await dialog.locator('.ant-slider-mark-text').getByText('50%', { exact: true }).click();
    await dialog.getByTestId('task-report-note').fill(REPORT_NOTE);
    await shot(page, 'tasks-journey-09-report');
    await dialog.getByTestId('task-report-dialog-ok').click();
    await hidden(dialog);
    const report = page.getByTestId('task-report').filter({ hasText: REPORT_NOTE });
    await hasText(report, 'Tiến độ 50%');
    await textIs(report.getByTestId('pending-tag'), 'Chờ đồng bộ');
    await attrIs(page.getByTestId('task-main').getByTestId('task-progress'), 'data-percent', '50');
    await shot(page, 'tasks-journey-10-report-offline');

    // The network returns: the report goes up without anyone doing anything.
    proxy.setOffline(false);
    await countIs(report.getByTestId('pending-tag'), 0, { timeout: LONG });
    await attrIs(page.getByTestId('sync-state'), 'data-state', /online|syncing/u, { timeout: LONG });

    // The leader, still on the task, sees it without reloading.
    await attrIs(leader.page.getByTestId('task-main').getByTestId('task-progress'), 'data-percent', '50', { timeout: LONG });
    await countIs(leader.page.getByTestId('task-report').filter({ hasText: REPORT_NOTE }), 1);
  }, 180_000);

  it('the specialist asks for more time; the leader approves; the specialist sees the new deadline', async () => {
    const { page } = specialist;
    await page.getByTestId('task-action-requestExtension').click();
    const ask = page.locator('.task-extension-dialog .ant-modal');
    await visible(ask);
    await typeDate(ask.getByTestId('task-extension-date'), formatDateVi(extended));
    await ask.getByTestId('task-extension-reason').fill(EXTENSION_REASON);
    await shot(page, 'tasks-journey-11-ask-extension');
    await ask.getByTestId('task-extension-dialog-ok').click();
    await hidden(ask);
    await countIs(page.getByTestId('task-view').getByTestId('pending-tag'), 0, { timeout: LONG });

    // The leader's view offers the decision as soon as the request arrives.
    const l = leader.page;
    await visible(l.getByTestId('task-action-decideExtension'), { timeout: LONG });
    await l.getByRole('tab', { name: /Gia hạn/u }).click();
    await attrIs(l.getByTestId('task-extension'), 'data-status', 'pending');
    await hasText(l.getByTestId('task-extension'), EXTENSION_REASON);
    await shot(l, 'tasks-journey-12-extension-pending');
    await l.getByTestId('task-action-decideExtension').click();
    const decide = l.locator('.task-decide-dialog .ant-modal');
    await visible(decide);
    await hasText(decide, `Phạm Thu Hằng xin gia hạn từ ${formatDateVi(deadline)} đến ${formatDateVi(extended)}`);
    await decide.getByTestId('task-decide-choice').getByText('Đồng ý gia hạn').click();
    await decide.getByTestId('task-decide-note').fill('Đồng ý, đề nghị hoàn thành đúng hạn mới.');
    await shot(l, 'tasks-journey-13-approve');
    await decide.getByTestId('task-decide-dialog-ok').click();
    await hidden(decide);
    await attrIs(l.getByTestId('task-extension'), 'data-status', 'approved');
    await countIs(l.getByTestId('task-view').getByTestId('pending-tag'), 0, { timeout: LONG });

    // The specialist's screen follows: the new deadline, the request approved.
    await textIs(page.getByTestId('task-deadline'), formatDateVi(extended), { timeout: LONG });
    await page.getByRole('tab', { name: /Gia hạn/u }).click();
    await attrIs(page.getByTestId('task-extension'), 'data-status', 'approved', { timeout: LONG });
    await shot(page, 'tasks-journey-14-new-deadline');
  }, 180_000);

  it('on the dashboard the open task is one more not yet due', async () => {
    const { page } = leader;
    await showDashboard(page);
    openFigures = { ...before, total: before.total + 1, notDue: before.notDue + 1, unit: { ...before.unit, total: before.unit.total + 1, notDue: before.unit.notDue + 1 } };
    await figuresAre(page, openFigures);
    await shot(page, 'tasks-journey-15-dashboard-open', { height: 1100 });
  }, 120_000);

  it('the specialist completes it; the leader accepts it with a rating, on time', async () => {
    const { page } = specialist;
    await page.getByTestId('task-action-complete').click();
    const done = page.locator('.task-complete-dialog .ant-modal');
    await visible(done);
    await done.getByTestId('task-complete-note').fill(RESULT_NOTE);
    await done.getByTestId('task-complete-dialog-ok').click();
    await hidden(done);
    await attrIs(page.getByTestId('task-view'), 'data-status', 'pending_acceptance');
    await countIs(page.getByTestId('task-view').getByTestId('pending-tag'), 0, { timeout: LONG });
    await shot(page, 'tasks-journey-16-completed');

    // The leader opens it from "Việc tôi giao".
    const l = leader.page;
    await go(l, 'Công việc');
    await l.getByTestId('task-tab-assigned').click();
    const row = l.locator(`[data-testid=task-row][data-id="${taskId}"]`);
    await attrIs(row.getByTestId('status-tag'), 'data-status', 'pending_acceptance', { timeout: LONG });
    await row.click();
    await visible(l.getByTestId('task-view'));
    await hasText(l.getByTestId('task-result'), RESULT_NOTE);
    await l.getByTestId('task-action-accept').click();
    const accept = l.locator('.task-accept-dialog .ant-modal');
    await visible(accept);
    await attrIs(accept.getByTestId('task-accept-ontime'), 'data-on-time', 'true');
    await hasText(accept.getByTestId('task-accept-ontime'), `hạn ${formatDateVi(extended)}`);
    await accept.getByTestId('task-accept-quality').locator('.ant-rate-star').nth(4).click();
    await accept.getByTestId('task-accept-comment').fill('Kết quả tốt, số liệu đầy đủ.');
    await shot(l, 'tasks-journey-17-accept');
    await accept.getByTestId('task-accept-dialog-ok').click();
    await hidden(accept);
    await attrIs(l.getByTestId('task-view'), 'data-status', 'done');
    await attrIs(l.getByTestId('task-evaluation'), 'data-on-time', 'true');
    await countIs(l.getByTestId('task-evaluation').locator('.ant-rate-star-full'), 5);
    await countIs(l.getByTestId('task-view').getByTestId('pending-tag'), 0, { timeout: LONG });
    await shot(l, 'tasks-journey-18-accepted');

    // The specialist sees it accepted.
    await attrIs(page.getByTestId('task-view'), 'data-status', 'done', { timeout: LONG });
    await attrIs(page.getByTestId('task-evaluation'), 'data-on-time', 'true');
  }, 180_000);

  it('the dashboard counts it done on time: on time +1, not yet due −1', async () => {
    const { page } = leader;
    await showDashboard(page);
    await figuresAre(page, {
      ...openFigures,
      onTime: openFigures.onTime + 1,
      notDue: openFigures.notDue - 1,
      unit: { ...openFigures.unit, onTime: openFigures.unit.onTime + 1, notDue: openFigures.unit.notDue - 1 },
    });
    await shot(page, 'tasks-journey-19-dashboard-after', { height: 1100 });

    // The on-time card opens the list behind it, with this task in it.
    await page.getByTestId('dash-card-onTime').click();
    await visible(page.getByTestId('dashboard-drill'));
    await hasText(page.getByTestId('dashboard-drill'), TITLE, { timeout: LONG });
    await shot(page, 'tasks-journey-20-drill-on-time');
    await page.keyboard.press('Escape');
    await hidden(page.getByTestId('dashboard-drill'));
  }, 120_000);

  it('runs under the strict CSP with no console errors', async () => {
    for (const w of [leader, unitLeader, specialist]) {
      expect(await cspViolations(w.page)).toEqual([]);
      expect(w.problems).toEqual([]);
    }
  });
});
