/**
 * End-to-end (#9): a week of the schedule from the units' requests to a published revision,
 * printed, through the renderer in Debian's Chromium — each person at their own desktop
 * (client core + web host, own data folder) and browser profile, all on one real server holding
 * the demo agency (Văn phòng UBND tỉnh is its schedule office, its meeting rooms). Only clicks
 * and typing, as people do it.
 *
 * A specialist of Phòng Kinh tế asks for two engagements five weeks ahead ("Đăng ký lịch"): a
 * meeting at 08:00–10:00 in a meeting room, and — with the network gone — a site visit on an
 * afternoon, which goes up when the network returns → the office (a clerk of Văn phòng) finds
 * both in "Dự thảo & đăng ký", schedules the first, edits the second (another chair, a note) and
 * schedules it, submits the week → the chairman approves and publishes it ("Duyệt & ban hành")
 * → a colleague of another unit, in nothing of it, finds both lines in "Lịch cơ quan" → the
 * office moves the meeting to the next day at 14:00, with a reason → the specialist, who takes
 * part, is told (a toast naming the new time, the notice listed on the schedule page), sees the
 * line marked "Điều chỉnh" and the week "Điều chỉnh lần 1" → prints the week: the PDF's text
 * has the meeting at its new time and the revision.
 * Screenshots: test-results/screenshots/schedule-journey-NN-*.png.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { openPostgres } from '../../src/server/db/database.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/server/seed/content/organisation.js';
import { seedDemo } from '../../src/server/seed/seedDemo.js';
import { addDays, revisionLabel, weekdayName, weekStartOf, weekTitle } from '../../src/shared/schedule/index.js';
import { formatDateVi, vnToday } from '../../src/shared/text/vietnamese.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
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
  visible,
  type Desktop,
  type UserWindow,
} from './support.js';

const LONG = 60_000;

/** Five weeks ahead: after every week the demo seed fills (this week, published; the next three). */
const WEEK = addDays(weekStartOf(vnToday()), 35);
const WEEKS_AHEAD = 5;
const TUESDAY = addDays(WEEK, 1);
const WEDNESDAY = addDays(WEEK, 2);
const THURSDAY = addDays(WEEK, 3);
const ddmm = (d: string): string => formatDateVi(d).slice(0, 5);

const MEETING = 'Họp nghe báo cáo phương án hỗ trợ doanh nghiệp nhỏ và vừa khôi phục sản xuất sau bão';
const MEETING_ROOM = 'Phòng họp số 2 (tầng 3)';
const VISIT = 'Kiểm tra thực địa tiến độ hạ tầng Cụm công nghiệp Hòa Bình';
const VISIT_PLACE = 'Cụm công nghiệp Hòa Bình, thành phố Kon Tum';
const VISIT_NOTE = 'Xe xuất phát tại cổng UBND tỉnh lúc 13:15.';
const MOVE_REASON = 'Phó Chủ tịch Nguyễn Đức Thắng họp trực tuyến với Chính phủ sáng Thứ Ba';
/** A colleague of Phòng Nội chính, in none of it. */
const BYSTANDER = 'le.hothi';

interface PdfItem {
  page: number;
  y: number;
  str: string;
}

/** The text items of every page of a PDF with their page and height on it (pdf.js, as the core's tests read it). */
async function pdfItems(bytes: Uint8Array): Promise<PdfItem[]> {
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true }).promise;
  const out: PdfItem[] = [];
  for (let page = 1; page <= pdf.numPages; page++) {
    const content = await (await pdf.getPage(page)).getTextContent();
    for (const it of content.items) if ('str' in it && it.str.trim() !== '') out.push({ page, y: Math.round(it.transform[5] as number), str: it.str.normalize('NFC') });
  }
  await pdf.destroy();
  return out;
}

describe('e2e: a week of the schedule, from two units’ requests to a published revision, printed', () => {
  let server: RunningServer;
  let databaseUrl = '';
  let proxy: NetProxy;
  let browser: Browser;
  const desktops: Desktop[] = [];
  const windows: UserWindow[] = [];
  let requester: UserWindow;
  let office: UserWindow;
  let meetingId = '';

  const start = async (username: string, serverUrl = server.url): Promise<UserWindow> => {
    const d = await startDesktop();
    desktops.push(d);
    const w = await openWindow(browser, d);
    windows.push(w);
    await signIn(w.page, serverUrl, username, DEMO_PASSWORD);
    return w;
  };

  /** A person's own window, closed when their part is done (one desktop less on a loaded machine). */
  const close = async (w: UserWindow): Promise<void> => {
    expect(await cspViolations(w.page)).toEqual([]);
    expect(w.problems).toEqual([]);
    await w.context.close();
    windows.splice(windows.indexOf(w), 1);
  };

  /** The week in a view (the route a link or the week arrows lead to), once the core has answered for it. */
  const showWeek = async (page: Page, view: 'agency' | 'draft' | 'mine'): Promise<void> => {
    await page.evaluate(`location.hash = '#/schedule/${WEEK}/${view}'`);
    await attrIs(page.getByTestId('sched-page'), 'data-view', view);
    await attrIs(page.getByTestId('sched-body'), 'data-loaded', 'true', { timeout: LONG });
    await hasText(page.getByTestId('sched-title'), weekTitle(WEEK));
  };

  /** The form's dialog ("Đăng ký lịch", "Sửa lịch"). */
  const formOf = (page: Page): Locator => page.locator('.sched-form-dialog .ant-modal');

  /** Choose the chair in the form: type part of the name, click the leader. */
  const pickChair = async (page: Page, dialog: Locator, search: string, name: string): Promise<void> => {
    await dialog.getByTestId('sched-form-chair').click();
    await page.keyboard.type(search);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first().click();
    await hasText(dialog.getByTestId('sched-form-chair'), name);
  };

  /** A line of a week table (or a request card) by its content. */
  const lineOf = (scope: Locator, content: string): Locator => scope.getByTestId('sched-entry').filter({ hasText: content });

  beforeAll(async () => {
    ensureRendererBuilt();
    // A fresh database holding the demo agency (its own organisation) on the test PostgreSQL.
    const admin = inject('databaseUrl');
    const name = `e2e_schedj_${randomBytes(4).toString('hex')}`;
    const db = await openPostgres(admin, 1);
    await db.query(`CREATE DATABASE ${name}`);
    await db.close();
    databaseUrl = admin.replace(/\/[^/]*$/u, `/${name}`);
    server = await startServer({ dataDir: mkdtempSync(join(tmpdir(), 'ioffice-e2e-schedj-')), databaseUrl, logLevel: 'silent' });
    // The schedule is what matters here: a few weeks of it, no documents or tasks to sync.
    await seedDemo(server.context, { documents: 0, withPdfs: false, tasks: 0, schedule: { weeksBack: 1, weeksAhead: 3 } });
    // The specialist's desktop reaches the server through a cable the test can pull.
    proxy = await startProxy(server.url);
    browser = await launchChromium();
  }, 300_000);

  // Each step builds on the one before: after a failure the rest would only time out.
  let broken = false;
  beforeEach((ctx) => {
    if (broken) ctx.skip();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    broken = true;
    for (const [i, w] of windows.entries()) await shot(w.page, `failed-schedule-journey-${ctx.task.name.slice(0, 30).replace(/\W+/gu, '-')}-${i}`).catch(() => {});
  });

  afterAll(async () => {
    for (const w of windows) await w.context.close().catch(() => {});
    await browser?.close();
    for (const d of desktops) await d.close().catch(() => {});
    await proxy?.close();
    await server?.close().catch(() => {});
    if (databaseUrl) {
      const db = await openPostgres(inject('databaseUrl'), 1);
      await db.query(`DROP DATABASE IF EXISTS ${databaseUrl.slice(databaseUrl.lastIndexOf('/') + 1)} WITH (FORCE)`).catch(() => {});
      await db.close();
    }
  });

  it('a specialist of Phòng Kinh tế asks for a meeting (a time, a room) and, offline, for a site visit (an afternoon); it goes up when the network returns', async () => {
    requester = await start(DEMO_USERS.specialist, proxy.url);
    const { page } = requester;
    await page.getByTestId('nav').getByText('Lịch công tác', { exact: true }).click();
    await visible(page.getByTestId('sched-page'));
    // Five weeks ahead with the arrows: nothing published there yet.
    for (let i = 0; i < WEEKS_AHEAD; i++) await page.getByTestId('sched-next').click();
    await attrIs(page.getByTestId('sched-page'), 'data-week', WEEK);
    await hasText(page.getByTestId('sched-title'), weekTitle(WEEK));
    await attrIs(page.getByTestId('sched-empty'), 'data-kind', 'not-published', { timeout: LONG });

    // The meeting: Tuesday 08:00–10:00, the vice-chairman to chair, the specialist to attend, a room of the agency.
    const requestButton = page.getByTestId('sched-new-request');
    await requestButton.click();
    let dialog = formOf(page);
    await visible(dialog);
    await dialog.getByTestId('sched-form-content').fill(MEETING);
    await typeDate(dialog.getByTestId('sched-form-date'), formatDateVi(TUESDAY));
    await dialog.getByTestId('sched-form-time-mode').getByText('Giờ cụ thể', { exact: true }).click();
    await typeDate(dialog.getByTestId('sched-form-start'), '08:00');
    await typeDate(dialog.getByTestId('sched-form-end'), '10:00');
    await pickChair(page, dialog, 'Thắng', 'Nguyễn Đức Thắng');
    await pickInTree(page, dialog.getByTestId('sched-form-participants'), 'Phạm Minh', 'Phạm Minh Đức');
    await dialog.getByTestId('sched-form-room').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: MEETING_ROOM }).click();
    await pickInTree(page, dialog.getByTestId('sched-form-preparing'), 'Kinh', 'Phòng Kinh tế');
    await dialog.getByTestId('sched-form-guests').fill('Đại diện Sở Tài chính, Sở Công Thương; Hiệp hội Doanh nghiệp tỉnh');
    // The week five weeks ahead is empty: nothing to warn about.
    await attrIs(dialog.getByTestId('sched-form-conflicts'), 'data-state', 'clear', { timeout: LONG });
    await shot(page, 'schedule-journey-01-request-meeting', { height: 1200 });
    await dialog.getByTestId('sched-form-ok').click();
    await hidden(dialog);

    // "Đăng ký của tôi" follows it: waiting for the office, confirmed by the server.
    await attrIs(page.getByTestId('sched-page'), 'data-view', 'draft');
    const mine = page.getByTestId('sched-my-requests');
    const meeting = mine.getByTestId('sched-request').filter({ hasText: MEETING });
    await visible(meeting, { timeout: LONG });
    await attrIs(meeting, 'data-status', 'requested');
    await hasText(meeting, `Thứ Ba ${ddmm(TUESDAY)}`);
    await hasText(meeting, '08:00–10:00');
    await hasText(meeting, MEETING_ROOM);
    await countIs(meeting.getByTestId('pending-tag'), 0, { timeout: LONG });
    meetingId = (await meeting.getAttribute('data-id')) ?? '';
    expect(meetingId).toMatch(/^[0-9a-f-]{36}$/u);

    // The network goes.
    proxy.setOffline(true);
    await page.getByTestId('sync-indicator').getByRole('button').click();
    await attrIs(page.getByTestId('sync-state'), 'data-state', 'offline', { timeout: LONG });

    // The site visit, offline: Thursday afternoon (no clock time), a place outside the agency, the unit's head to lead it.
    await requestButton.click();
    dialog = formOf(page);
    await visible(dialog);
    await dialog.getByTestId('sched-form-content').fill(VISIT);
    await typeDate(dialog.getByTestId('sched-form-date'), formatDateVi(THURSDAY));
    await dialog.getByTestId('sched-form-part').getByText('Chiều', { exact: true }).click();
    await pickChair(page, dialog, 'Bình', 'Lê Văn Bình');
    await dialog.getByTestId('sched-form-place').fill(VISIT_PLACE);
    await pickInTree(page, dialog.getByTestId('sched-form-preparing'), 'Kinh', 'Phòng Kinh tế');
    await shot(page, 'schedule-journey-02-request-visit-offline', { height: 1200 });
    await dialog.getByTestId('sched-form-ok').click();
    await hidden(dialog);
    const visit = mine.getByTestId('sched-request').filter({ hasText: VISIT });
    await visible(visit);
    await hasText(visit, `Thứ Năm ${ddmm(THURSDAY)}`);
    await hasText(visit, 'Chiều');
    await textIs(visit.getByTestId('pending-tag'), 'Chờ đồng bộ');
    await shot(page, 'schedule-journey-03-requests-offline');

    // The network returns: the request goes up without anyone doing anything.
    proxy.setOffline(false);
    await countIs(visit.getByTestId('pending-tag'), 0, { timeout: LONG });
    await attrIs(page.getByTestId('sync-state'), 'data-state', /online|syncing/u, { timeout: LONG });
    await countIs(mine.getByTestId('sched-request'), 2);
    await shot(page, 'schedule-journey-04-requests-synced');
  }, 240_000);

  it('the office finds both in "Dự thảo & đăng ký", schedules the meeting, edits the visit and schedules it, and submits the week', async () => {
    office = await start(DEMO_USERS.clerk);
    const { page } = office;
    await showWeek(page, 'draft');
    await hasText(page.getByTestId('sched-tab-draft'), 'Dự thảo & đăng ký');
    await attrIs(page.getByTestId('sched-week-bar'), 'data-status', 'draft');
    const requests = page.getByTestId('sched-requests').getByTestId('sched-request');
    await countIs(requests, 2, { timeout: LONG });
    const meeting = requests.filter({ hasText: MEETING });
    const visit = requests.filter({ hasText: VISIT });
    await hasText(meeting, 'Phạm Minh Đức — Phòng Kinh tế');
    await hasText(visit, VISIT_PLACE);
    await shot(page, 'schedule-journey-05-office-requests', { height: 1200 });

    // The meeting as asked: "Xếp lịch".
    await meeting.getByTestId('sched-accept').click();
    const table = page.getByTestId('sched-draft-table');
    await visible(lineOf(table, MEETING), { timeout: LONG });
    await countIs(requests, 1);

    // The visit: the vice-chairman for the economy leads it instead, with a note for the drivers; then scheduled.
    await visit.getByTestId('sched-edit').click();
    const dialog = formOf(page);
    await visible(dialog.getByTestId('sched-form'), { timeout: LONG });
    await hasText(dialog.locator('.ant-modal-title'), 'Sửa lịch');
    await pickChair(page, dialog, 'Thắng', 'Nguyễn Đức Thắng');
    await dialog.getByTestId('sched-form-notes').fill(VISIT_NOTE);
    await shot(page, 'schedule-journey-06-office-edits-visit', { height: 1200 });
    await dialog.getByTestId('sched-form-ok').click();
    await hidden(dialog);
    await hasText(visit, 'Chủ trì: Nguyễn Đức Thắng', { timeout: LONG });
    await visit.getByTestId('sched-accept').click();
    const visitLine = lineOf(table, VISIT);
    await visible(visitLine, { timeout: LONG });
    await hasText(visitLine, 'Nguyễn Đức Thắng');
    await hasText(visitLine, VISIT_NOTE);
    await countIs(requests, 0);
    await countIs(page.getByTestId('sched-draft').getByTestId('pending-tag'), 0, { timeout: LONG });

    // "Trình duyệt".
    await page.getByTestId('sched-week-submit').click();
    const submit = page.locator('.sched-submit-dialog .ant-modal');
    await visible(submit);
    await hasText(submit, weekTitle(WEEK));
    await submit.getByTestId('sched-submit-dialog-text').fill('Kính trình đồng chí Chủ tịch duyệt lịch tuần.');
    await submit.getByTestId('sched-submit-dialog-ok').click();
    await hidden(submit);
    await attrIs(page.getByTestId('sched-week-bar'), 'data-status', 'submitted', { timeout: LONG });
    await countIs(page.getByTestId('sched-draft').getByTestId('pending-tag'), 0, { timeout: LONG });
    await shot(page, 'schedule-journey-07-office-submitted', { height: 1200 });
  }, 180_000);

  it('the chairman approves and publishes the week ("Duyệt & ban hành")', async () => {
    const leader = await start(DEMO_USERS.leader);
    const { page } = leader;
    await showWeek(page, 'draft');
    await attrIs(page.getByTestId('sched-week-bar'), 'data-status', 'submitted', { timeout: LONG });
    await visible(lineOf(page.getByTestId('sched-draft-table'), MEETING));
    await visible(lineOf(page.getByTestId('sched-draft-table'), VISIT));
    await page.getByTestId('sched-week-approve').click();
    const approve = page.locator('.sched-approve-dialog .ant-modal');
    await visible(approve);
    await hasText(approve, weekTitle(WEEK));
    await shot(page, 'schedule-journey-08-leader-approve', { height: 1100 });
    await approve.getByTestId('sched-approve-dialog-ok').click();
    await hidden(approve);
    await attrIs(page.getByTestId('sched-week-bar'), 'data-status', 'published', { timeout: LONG });
    await countIs(page.getByTestId('sched-draft').getByTestId('pending-tag'), 0, { timeout: LONG });
    await showWeek(page, 'agency');
    await attrIs(page.getByTestId('sched-week-status'), 'data-status', 'published');
    await textIs(page.getByTestId('sched-revision'), revisionLabel(1));
    await shot(page, 'schedule-journey-09-leader-published', { height: 1200 });
    await close(leader);
  }, 180_000);

  it('someone not involved, in another unit, sees both lines of the published week in "Lịch cơ quan"', async () => {
    const reader = await start(BYSTANDER);
    const { page } = reader;
    await page.getByTestId('nav').getByText('Lịch công tác', { exact: true }).click();
    await visible(page.getByTestId('sched-page'));
    for (let i = 0; i < WEEKS_AHEAD; i++) await page.getByTestId('sched-next').click();
    await attrIs(page.getByTestId('sched-page'), 'data-week', WEEK);
    await attrIs(page.getByTestId('sched-page'), 'data-view', 'agency');
    await hasText(page.getByTestId('sched-tab-agency'), 'Lịch cơ quan');
    await attrIs(page.getByTestId('sched-week-status'), 'data-status', 'published', { timeout: LONG });
    const table = page.getByTestId('sched-table-agency');
    const meeting = lineOf(table, MEETING);
    const visit = lineOf(table, VISIT);
    await visible(meeting, { timeout: LONG });
    await visible(visit);
    await attrIs(meeting, 'data-date', TUESDAY);
    await hasText(meeting, '08:00–10:00');
    await hasText(meeting, MEETING_ROOM);
    await hasText(meeting, 'Nguyễn Đức Thắng');
    await attrIs(visit, 'data-date', THURSDAY);
    await attrIs(visit, 'data-part', 'afternoon');
    await hasText(visit, VISIT_PLACE);
    // Not theirs: no "Tôi dự" on either line.
    await countIs(table.getByTestId('sched-my-role'), 0);
    await shot(page, 'schedule-journey-10-bystander-week', { height: 1300 });
    await close(reader);
  }, 180_000);

  it('the office moves the meeting to Wednesday 14:00–16:00, with a reason: a revision', async () => {
    const { page } = office;
    // The specialist, meanwhile, is elsewhere in the app.
    await requester.page.getByTestId('nav').getByText('Văn bản đến', { exact: true }).click();

    await showWeek(page, 'agency');
    await attrIs(page.getByTestId('sched-week-status'), 'data-status', 'published', { timeout: LONG });
    await lineOf(page.getByTestId('sched-table-agency'), MEETING).getByTestId('sched-entry-link').click();
    await visible(page.getByTestId('sched-entry-view'));
    await hasText(page.getByTestId('sched-entry-title'), MEETING);
    await page.getByTestId('sched-entry-action-update').click();
    const dialog = formOf(page);
    await visible(dialog.getByTestId('sched-form'), { timeout: LONG });
    await typeDate(dialog.getByTestId('sched-form-date'), formatDateVi(WEDNESDAY));
    await typeDate(dialog.getByTestId('sched-form-start'), '14:00');
    await typeDate(dialog.getByTestId('sched-form-end'), '16:00');
    await dialog.getByTestId('sched-form-reason').fill(MOVE_REASON);
    await attrIs(dialog.getByTestId('sched-form-conflicts'), 'data-state', 'clear', { timeout: LONG });
    await shot(page, 'schedule-journey-11-office-moves', { height: 1200 });
    await dialog.getByTestId('sched-form-ok').click();
    await hidden(dialog);

    await hasText(page.getByTestId('sched-entry-when'), '14:00–16:00', { timeout: LONG });
    await hasText(page.getByTestId('sched-entry-when'), formatDateVi(WEDNESDAY));
    await countIs(page.getByTestId('sched-entry-view').getByTestId('pending-tag'), 0, { timeout: LONG });
    // The page opened on its history (no change then); its "Điều chỉnh (1)" tab now holds the change.
    await page.getByTestId('sched-entry-tabs').getByRole('tab', { name: 'Điều chỉnh (1)' }).click();
    const change = page.getByTestId('sched-entry-change');
    await countIs(change, 1, { timeout: LONG });
    await hasText(change, revisionLabel(2));
    await hasText(change, MOVE_REASON);
    await shot(page, 'schedule-journey-12-office-moved', { height: 1100 });
  }, 180_000);

  it('the specialist, who takes part, is told (a toast naming the new time; the notice listed) and sees the line marked "Điều chỉnh" in "Điều chỉnh lần 1"', async () => {
    const { page } = requester;
    const toast = page.getByTestId('sched-notice-toast');
    await visible(toast, { timeout: 90_000 });
    await hasText(toast, 'Lịch công tác điều chỉnh');
    await hasText(toast, MEETING);
    // What changed, in words: from when to when, and why.
    await hasText(toast, `chuyển sang 14:00–16:00 ${weekdayName(WEDNESDAY)} ${ddmm(WEDNESDAY)}`);
    await hasText(toast, MOVE_REASON);
    await shot(page, 'schedule-journey-13-participant-toast');

    // "Xem lịch" opens the meeting, its change from what to what.
    await toast.getByRole('button', { name: 'Xem lịch' }).click();
    await hidden(toast);
    await visible(page.getByTestId('sched-entry-view'));
    await hasText(page.getByTestId('sched-entry-when'), '14:00–16:00');
    await hasText(page.getByTestId('sched-entry-changes'), MOVE_REASON);

    // The week: the line on Wednesday at 14:00, marked, the revision in the title; the notice in the list.
    await showWeek(page, 'agency');
    await textIs(page.getByTestId('sched-revision'), revisionLabel(2), { timeout: LONG });
    const meeting = lineOf(page.getByTestId('sched-table-agency'), MEETING);
    await attrIs(meeting, 'data-date', WEDNESDAY);
    await hasText(meeting, '14:00–16:00');
    await attrIs(meeting.getByTestId('sched-change-mark'), 'data-change', 'changed');
    await textIs(meeting.getByTestId('sched-change-mark'), 'Điều chỉnh');
    await attrIs(meeting.getByTestId('sched-my-role'), 'data-role', 'participant');
    // The visit, untouched, is not marked.
    await countIs(lineOf(page.getByTestId('sched-table-agency'), VISIT).getByTestId('sched-change-mark'), 0);
    const notices = page.getByTestId('sched-notices');
    await hasText(notices, MEETING);
    await notices.locator('.ant-collapse-header').click();
    const notice = page.getByTestId('sched-notice').filter({ hasText: MEETING });
    await visible(notice);
    await hasText(notice, '14:00–16:00');
    await shot(page, 'schedule-journey-14-participant-week', { height: 1300 });
  }, 180_000);

  it('the specialist prints the week: the PDF shows the meeting at its new time and the revision', async () => {
    const { page } = requester;
    await page.getByTestId('sched-print').click();
    const print = page.locator('.sched-print-dialog .ant-modal');
    await visible(print);
    await hasText(print.locator('.ant-modal-title'), weekTitle(WEEK));
    await attrIs(print.getByTestId('pdf-viewer'), 'data-status', 'ready', { timeout: LONG });
    await shot(page, 'schedule-journey-15-print', { height: 1100 });

    const download = page.waitForEvent('download', { timeout: LONG });
    await print.getByTestId('sched-print-save').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.pdf$/u);
    const bytes = new Uint8Array(readFileSync(await file.path()));
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const items = await pdfItems(bytes);
    const text = items.map((i) => i.str).join(' ').replace(/\s+/gu, ' ');
    expect(text).toContain('LỊCH CÔNG TÁC TUẦN');
    expect(text).toContain(weekTitle(WEEK));
    expect(text).toContain(revisionLabel(2));
    // The meeting at its new time, marked; no longer at 08:00.
    expect(text).toContain('14:00–16:00');
    expect(text).not.toContain('08:00–10:00');
    expect(text).toContain('(Điều chỉnh: thời gian)');
    expect(text).toContain(VISIT_PLACE.split(',')[0]!);
    // On Wednesday's row: the day's name is printed level with the first line of its first entry.
    const meeting = items.find((i) => i.str.startsWith('Họp nghe báo cáo phương án')); // a long cell wraps: its first words suffice
    expect(meeting).toBeDefined();
    const days = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
    expect(items.filter((i) => i.page === meeting!.page && i.y === meeting!.y && days.includes(i.str)).map((i) => i.str)).toEqual(['Thứ Tư']);
    await page.keyboard.press('Escape');
    await hidden(print);
  }, 120_000);

  it('runs under the strict CSP with no console errors', async () => {
    for (const w of [requester, office]) {
      expect(await cspViolations(w.page)).toEqual([]);
      expect(w.problems).toEqual([]);
    }
  });
});
