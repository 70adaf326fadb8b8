/**
 * Screens of tasks (#8) and the leaders' dashboard in Chromium, over a real server whose
 * tasks were given at several times (some overdue, one done on time, one awaiting
 * acceptance, one waiting for an extension): a picture of each screen and dialog under
 * test-results/screenshots/tasks-*, and the checks a person would make looking at them.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RuleContext } from '../../src/shared/domain/ruleContext.js';
import { addWorkingDays } from '../../src/shared/domain/workingDays.js';
import type { Organisation } from '../../src/shared/model/organisation.js';
import type { TaskMutationInput, TaskMutationName } from '../../src/shared/tasks/schemas.js';
import { formatDateVi, vnToday } from '../../src/shared/text/vietnamese.js';
import { loadOrganisation } from '../../src/server/org/organisation.js';
import { incomingKind } from '../../src/server/incoming/index.js';
import { tasksKind } from '../../src/server/tasks/index.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { countIs, cspViolations, ensureRendererBuilt, hasText, hidden, launchChromium, openWindow, pickInTree, shot, signIn, startDesktop, visible, type Desktop, type UserWindow } from './support.js';

const DAY = 86_400_000;
const daysAgo = (n: number): Date => new Date(Date.now() - n * DAY);
const dayOf = (d: Date): string => vnToday(d);

describe('e2e: the tasks screens and the dashboard', () => {
  let server: TestServer;
  let browser: Browser;
  let org: Organisation;
  const desktops: Desktop[] = [];
  const windows: UserWindow[] = [];
  const ids = { overdue: '', soon: '', done: '', late: '', extension: '', rule: '', document: '' };

  /** One mutation as the server's push runs it, at a chosen time (so tasks can be old). */
  async function run<N extends TaskMutationName>(actor: keyof typeof U, name: N, input: TaskMutationInput<N>, now = new Date()): Promise<void> {
    const m = tasksKind.mutations.find((x) => x.def.name === name)!;
    const args: unknown = m.def.args.parse(input);
    const ctx: RuleContext = { actor: org.users.find((u) => u.id === U[actor].id)!, org, now };
    await server.server.db.tx((q) => m.run(q, args as never, ctx));
  }

  /** A document registered by the clerk, as the push would (no file: enough for "Giao việc"). */
  async function register(): Promise<string> {
    const documentId = randomUUID();
    const m = incomingKind.mutations.find((x) => x.def.name === 'incoming.register')!;
    const args: unknown = m.def.args.parse({
      documentId,
      metadata: {
        issuer: 'Sở Tài chính',
        codeNumber: '215',
        codeNotation: 'STC-NS',
        issuedDate: vnToday(),
        documentType: 'Công văn',
        subject: 'Về việc báo cáo tình hình thực hiện dự toán ngân sách năm 2026',
        signerName: '',
        signerPosition: '',
        urgency: 'normal',
        confidentiality: 'normal',
        dueDate: addWorkingDays(vnToday(), 10),
        pageCount: null,
        description: '',
      },
      files: [],
    });
    const ctx: RuleContext = { actor: org.users.find((u) => u.id === U.vanthu.id)!, org, now: new Date() };
    await server.server.db.tx((q) => m.run(q, args as never, ctx));
    return documentId;
  }

  const open = async (username: keyof typeof U): Promise<UserWindow> => {
    const d = await startDesktop();
    desktops.push(d);
    const w = await openWindow(browser, d);
    windows.push(w);
    await signIn(w.page, server.url, username);
    return w;
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    server = await startTestServer();
    browser = await launchChromium();
    org = await loadOrganisation(server.server.db, FIXTURE_ORG.agency.id);

    // Overdue: given 20 days ago to Phòng Kinh tế, handed to cv.kinhte1, 40% reported.
    ids.overdue = randomUUID();
    const unitMain = randomUUID();
    await run('chutich', 'tasks.create', {
      taskId: ids.overdue,
      title: 'Tổng hợp báo cáo tình hình giải ngân vốn đầu tư công quý II',
      description: 'Tổng hợp số liệu giải ngân của các chủ đầu tư, phân tích nguyên nhân chậm và đề xuất giải pháp.\nBáo cáo UBND tỉnh trước phiên họp thường kỳ.',
      priority: 'high',
      startDate: dayOf(daysAgo(20)),
      deadline: { date: dayOf(daysAgo(5)) },
      main: { id: unitMain, unitId: UNITS.economy.id },
      cooperate: [{ id: randomUUID(), unitId: UNITS.internal.id }],
      info: [{ id: randomUUID(), userId: U.vanthu.id }],
    }, daysAgo(20));
    await run('tp.kinhte', 'tasks.reassign', { taskId: ids.overdue, parentAssignmentId: unitMain, assignments: [{ id: randomUUID(), role: 'main', userId: U['cv.kinhte1'].id, note: 'Chủ trì tham mưu' }] }, daysAgo(19));
    await run('cv.kinhte1', 'tasks.report', { taskId: ids.overdue, reportId: randomUUID(), kind: 'progress', percent: 40, note: 'Đã nhận số liệu của 12/20 chủ đầu tư.' }, daysAgo(10));
    await run('tp.noichinh', 'tasks.report', { taskId: ids.overdue, reportId: randomUUID(), kind: 'contribution', note: 'Phòng Nội chính đã gửi ý kiến về các dự án vướng giải phóng mặt bằng.' }, daysAgo(8));
    await run('chutich', 'tasks.chase', { taskId: ids.overdue, chaseId: randomUUID(), message: 'Đề nghị khẩn trương hoàn thành, báo cáo trước thứ Sáu.' }, daysAgo(6));

    // Due soon, urgent, given to a person.
    ids.soon = randomUUID();
    await run('chutich', 'tasks.create', {
      taskId: ids.soon,
      title: 'Chuẩn bị nội dung làm việc với Đoàn công tác của Bộ Kế hoạch và Đầu tư',
      priority: 'urgent',
      startDate: vnToday(),
      deadline: { date: addWorkingDays(vnToday(), 2) },
      main: { id: randomUUID(), userId: U['cv.kinhte1'].id },
    });
    await run('cv.kinhte1', 'tasks.report', { taskId: ids.soon, reportId: randomUUID(), kind: 'progress', percent: 60, note: 'Đã xong đề cương, đang hoàn thiện số liệu.' });

    // Done on time and accepted.
    ids.done = randomUUID();
    await run('chutich', 'tasks.create', { taskId: ids.done, title: 'Rà soát danh mục thủ tục hành chính lĩnh vực đầu tư', startDate: dayOf(daysAgo(30)), deadline: { date: dayOf(daysAgo(10)) }, main: { id: randomUUID(), userId: U['cv.kinhte2'].id } }, daysAgo(30));
    await run('cv.kinhte2', 'tasks.complete', { taskId: ids.done, note: 'Đã rà soát 45 thủ tục, đề xuất bãi bỏ 3 thủ tục.' }, daysAgo(12));
    await run('chutich', 'tasks.accept', { taskId: ids.done, quality: 5, comment: 'Kết quả tốt, đúng hạn.' }, daysAgo(11));

    // Delivered late, awaiting acceptance.
    ids.late = randomUUID();
    await run('chutich', 'tasks.create', { taskId: ids.late, title: 'Báo cáo kết quả thu ngân sách 6 tháng đầu năm', startDate: dayOf(daysAgo(30)), deadline: { date: dayOf(daysAgo(15)) }, main: { id: randomUUID(), userId: U['cv.kinhte1'].id } }, daysAgo(30));
    await run('cv.kinhte1', 'tasks.complete', { taskId: ids.late, note: 'Báo cáo đã hoàn thành, gửi kèm số liệu chi tiết.' }, daysAgo(3));

    // An extension asked for.
    ids.extension = randomUUID();
    await run('chutich', 'tasks.create', { taskId: ids.extension, title: 'Xây dựng kế hoạch chuyển đổi số năm 2027', startDate: vnToday(), deadline: { date: addWorkingDays(vnToday(), 8) }, main: { id: randomUUID(), userId: U['cv.kinhte1'].id } });
    await run('cv.kinhte1', 'tasks.requestExtension', { taskId: ids.extension, extensionId: randomUUID(), newDeadline: addWorkingDays(vnToday(), 20), reason: 'Chờ hướng dẫn của Sở Thông tin và Truyền thông.' });

    // Given in working days, to a unit.
    ids.document = await register();

    ids.rule = randomUUID();
    await run('chutich', 'tasks.create', { taskId: ids.rule, title: 'Kiểm tra công tác cải cách hành chính tại các xã', startDate: vnToday(), deadline: { workingDays: 10 }, main: { id: randomUUID(), unitId: UNITS.internal.id } });
  }, 240_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [i, w] of windows.entries()) await shot(w.page, `failed-tasks-${ctx.task.name.slice(0, 30).replace(/\W+/gu, '-')}-${i}`).catch(() => {});
  });

  afterAll(async () => {
    for (const w of windows) await w.context.close().catch(() => {});
    await browser?.close();
    for (const d of desktops) await d.close().catch(() => {});
    await server?.close();
  });

  it('the leader: lists, a task, the create dialog, the dashboard and its drill-down', async () => {
    const { page, problems } = await open('chutich');
    await page.evaluate("location.hash = '#/tasks'");
    await visible(page.getByTestId('task-list'));
    await countIs(page.getByTestId('task-row'), 6, { timeout: 30_000 });
    await shot(page, 'tasks-01-assigned');
    await page.getByTestId('task-tab-overdue').click();
    await countIs(page.getByTestId('task-row'), 1);
    await shot(page, 'tasks-02-overdue');
    await page.getByTestId('task-tab-assigned').click();

    await page.locator(`[data-id="${ids.overdue}"]`).click();
    await visible(page.getByTestId('task-view'));
    await hasText(page.getByTestId('task-assignments'), 'Phạm Thu Hằng');
    await shot(page, 'tasks-03-view-overdue');
    await page.getByRole('tab', { name: 'Quá trình' }).click();
    await shot(page, 'tasks-04-view-history');
    await page.getByTestId('task-action-chase').click();
    await visible(page.locator('.task-chase-dialog .ant-modal'));
    await shot(page, 'tasks-05-chase-dialog');
    await page.keyboard.press('Escape');

    await page.evaluate(`location.hash = '#/tasks/${ids.extension}'`);
    await visible(page.getByTestId('task-action-decideExtension'));
    await page.getByTestId('task-action-decideExtension').click();
    await visible(page.locator('.task-decide-dialog .ant-modal'));
    await shot(page, 'tasks-06-decide-extension');
    await page.keyboard.press('Escape');

    await page.evaluate(`location.hash = '#/tasks/${ids.late}'`);
    await page.getByTestId('task-action-accept').click();
    await visible(page.locator('.task-accept-dialog .ant-modal'));
    await shot(page, 'tasks-07-accept-dialog');
    await page.keyboard.press('Escape');

    await page.evaluate(`location.hash = '#/tasks/${ids.done}'`);
    await visible(page.getByTestId('task-evaluation'));
    await shot(page, 'tasks-08-view-done');

    await page.evaluate("location.hash = '#/tasks'");
    await page.getByTestId('task-create-button').click();
    const dialog = page.locator('.task-form-dialog .ant-modal');
    await visible(dialog);
    await dialog.getByTestId('task-form-title').fill('Báo cáo sơ kết công tác phòng, chống thiên tai');
    await dialog.getByTestId('task-form-working-days').fill('5');
    await pickInTree(page, dialog.getByTestId('task-form-main'), 'Kinh', 'Phòng Kinh tế');
    await visible(dialog.getByTestId('task-form-deadline-preview'));
    expect(await dialog.getByTestId('task-form-deadline-preview').getAttribute('data-deadline')).toBe(addWorkingDays(vnToday(), 5));
    await shot(page, 'tasks-09-create-dialog', { height: 1100 });
    await dialog.getByRole('button', { name: 'Giao việc' }).click();
    await visible(page.getByTestId('task-view'));
    await hasText(page.getByTestId('task-title'), 'Báo cáo sơ kết');
    await shot(page, 'tasks-10-created');

    // "Giao việc" from a document: the task links back, and the document lists it.
    await page.evaluate(`location.hash = '#/incoming/${ids.document}'`);
    await visible(page.getByTestId('action-create-task'), { timeout: 30_000 });
    await page.getByTestId('action-create-task').click();
    const fromDoc = page.locator('.task-form-dialog .ant-modal');
    await visible(fromDoc.getByTestId('task-form-source'));
    // Prefilled from the document: its subject, and its deadline.
    expect(await fromDoc.getByTestId('task-form-title').inputValue()).toBe('Về việc báo cáo tình hình thực hiện dự toán ngân sách năm 2026');
    expect(await fromDoc.getByTestId('task-form-deadline').inputValue()).toBe(formatDateVi(addWorkingDays(vnToday(), 10)));
    await fromDoc.getByTestId('task-form-title').fill('Tham mưu báo cáo thực hiện dự toán ngân sách');
    await pickInTree(page, fromDoc.getByTestId('task-form-main'), 'Hằng', 'Phạm Thu Hằng');
    await shot(page, 'tasks-18-create-from-document', { height: 1100 });
    await fromDoc.getByRole('button', { name: 'Giao việc' }).click();
    await hidden(fromDoc);
    await countIs(page.getByTestId('task-mini'), 1);
    await shot(page, 'tasks-19-document-tasks');
    await page.getByTestId('task-mini').click();
    await visible(page.getByTestId('task-source-link'));
    await hasText(page.getByTestId('task-source-link'), 'dự toán ngân sách năm 2026');

    await page.evaluate("location.hash = '#/dashboard'");
    await visible(page.getByTestId('dashboard-body'), { timeout: 30_000 });
    await page.getByTestId('dashboard-period').getByText('Năm').click();
    await page.waitForTimeout(600);
    await shot(page, 'tasks-11-dashboard', { height: 1300 });
    await page.getByTestId('dash-card-overdue').click();
    await visible(page.getByTestId('dashboard-drill'));
    await shot(page, 'tasks-12-drill');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Escape');
    await hidden(page.getByTestId('dashboard-drill'));
    await page.getByTestId('dashboard-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/u);

    // English: the same screens, dates still dd/MM/yyyy.
    await page.getByTestId('lang-switch').getByText('EN').click();
    await hasText(page.getByTestId('dashboard'), 'On-time rate');
    await shot(page, 'tasks-16-dashboard-en', { height: 1300 });
    await page.evaluate("location.hash = '#/tasks'");
    await countIs(page.getByTestId('task-row'), 8, { timeout: 30_000 });
    await hasText(page.getByTestId('task-tabs'), 'Assigned by me');
    await shot(page, 'tasks-17-list-en');
    await page.getByTestId('lang-switch').getByText('VI').click();

    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 240_000);

  it('the specialist: my tasks, a task due soon, the progress report dialog', async () => {
    const { page, problems } = await open('cv.kinhte1');
    await page.evaluate("location.hash = '#/tasks'");
    await visible(page.getByTestId('task-list'));
    // Three given before, and the one the leader gave from the document.
    await countIs(page.getByTestId('task-row'), 4, { timeout: 30_000 });
    await shot(page, 'tasks-13-mine');
    await page.locator(`[data-id="${ids.soon}"]`).click();
    await visible(page.getByTestId('task-view'));
    await shot(page, 'tasks-14-view-soon');
    await page.getByTestId('task-action-report').click();
    await visible(page.locator('.task-report-dialog .ant-modal'));
    await shot(page, 'tasks-15-report-dialog');
    await page.keyboard.press('Escape');
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
