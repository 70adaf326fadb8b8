/**
 * End-to-end: an action taken offline that the server then refuses. The
 * specialist's network goes (a proxy between their desktop and the server is
 * unplugged); they add an opinion, which waits to sync; meanwhile the unit leader
 * completes the document; when the network returns the server rejects the
 * opinion: the specialist is told why, in Vietnamese (or English), and the
 * provisional opinion disappears.
 *
 * The documents are set up through the server's API (registration and
 * assignments are the journey of journey.test.ts); what this test drives through
 * the UI is the rejection.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { login, PushClient } from '../helpers/api.js';
import { UNITS, U } from '../helpers/fixtures.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  addOpinion,
  attrIs,
  countIs,
  cspViolations,
  ensureRendererBuilt,
  hasText,
  launchChromium,
  openWindow,
  shot,
  signIn,
  startDesktop,
  textIs,
  visible,
  type Desktop,
  type UserWindow,
} from './support.js';

const SUBJECT = 'Về việc rà soát hồ sơ đất đai dự án khu dân cư phía Bắc';
const OPINION = 'Đề nghị bổ sung bản đồ hiện trạng trước khi trình';

describe('e2e: a rejected offline action is explained and rolled back', () => {
  let server: TestServer;
  let proxy: NetProxy;
  let browser: Browser;
  let desktop: Desktop;
  let w: UserWindow;
  let docId = '';
  let unitLeader: PushClient;

  beforeAll(async () => {
    ensureRendererBuilt();
    server = await startTestServer();
    proxy = await startProxy(server.url);
    browser = await launchChromium();

    // Set-up through the API: registered, assigned to Phòng Kinh tế, handed to cv.kinhte1.
    const clerk = new PushClient(server.url, await login(server.url, 'vanthu'));
    docId = await clerk.register({ subject: SUBJECT, documentType: 'Công văn', urgency: 'urgent' });
    const leader = new PushClient(server.url, await login(server.url, 'chutich'));
    const unitAssignment = crypto.randomUUID();
    await leader.apply('incoming.assign', {
      documentId: docId,
      instruction: 'Phòng Kinh tế kiểm tra, báo cáo.',
      assignments: [{ id: unitAssignment, role: 'main', unitId: UNITS.economy.id, userId: null, deadline: null, note: '' }],
    });
    unitLeader = new PushClient(server.url, await login(server.url, 'tp.kinhte'));
    await unitLeader.apply('incoming.reassign', {
      documentId: docId,
      parentAssignmentId: unitAssignment,
      assignments: [{ id: crypto.randomUUID(), role: 'main', userId: U['cv.kinhte1'].id, deadline: null, note: '' }],
    });

    desktop = await startDesktop();
    w = await openWindow(browser, desktop);
  }, 180_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(w.page, `failed-rejection-${ctx.task.name.slice(0, 30).replace(/\W+/gu, '-')}`).catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await desktop?.close().catch(() => {});
    await proxy?.close();
    await server?.close().catch(() => {});
  });

  it('shows the server’s reason in Vietnamese and rolls the opinion back', async () => {
    const { page } = w;
    await signIn(page, proxy.url, 'cv.kinhte1');
    const row = page.getByTestId('list-row').filter({ hasText: SUBJECT });
    await countIs(row, 1, { timeout: 20_000 });
    await textIs(row.locator('.tag-urgency'), 'Khẩn');
    await row.click();
    await page.getByTestId('doc-view').waitFor();

    // The network goes.
    proxy.setOffline(true);
    await page.getByTestId('sync-indicator').getByRole('button').click();
    await attrIs(page.getByTestId('sync-state'), 'data-state', 'offline', { timeout: 20_000 });

    await addOpinion(page, OPINION);
    const mine = page.getByTestId('opinion').filter({ hasText: OPINION });
    await textIs(mine.getByTestId('pending-tag'), 'Chờ đồng bộ');

    // Meanwhile, at the office, the unit leader completes the document.
    await unitLeader.apply('incoming.complete', { documentId: docId, note: 'Đã xử lý xong tại phòng.' });

    // The network returns: the server refuses the opinion.
    proxy.setOffline(false);
    const toast = page.locator('.ant-notification-notice').filter({ hasText: 'Máy chủ từ chối thao tác' });
    await visible(toast, { timeout: 30_000 });
    await hasText(toast, 'Cho ý kiến xử lý: Văn bản đã hoàn thành xử lý, không thể thay đổi.');
    await countIs(mine, 0, { timeout: 20_000 });
    await hasText(page.getByTestId('failed-alert'), 'Văn bản đã hoàn thành xử lý, không thể thay đổi.');
    await attrIs(page.getByTestId('status-tag'), 'data-status', 'done');
    await hasText(page.getByTestId('failed-count'), '1 bị từ chối');
    await countIs(page.getByTestId('action-opinion'), 0);
    await shot(page, '08-rejected');
  });

  it('switches to English: the interface, antd and the rejection read in English', async () => {
    const { page } = w;
    await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await hasText(page.getByTestId('failed-alert'), 'The document has been completed and can no longer change.');
    await textIs(page.getByTestId('nav').getByRole('menuitem').first(), 'Incoming');
    await textIs(page.getByRole('tab', { selected: true }), 'Processing');
    await hasText(page.getByTestId('sync-state'), 'Online');
    await hasText(page.getByTestId('user-role'), 'Specialist · Phòng Kinh tế');
    await shot(page, '09-english');

    // The refused action is acknowledged and goes away.
    await page.getByTestId('failed-alert').getByRole('button', { name: 'Got it' }).click();
    await countIs(page.getByTestId('failed-alert'), 0);
    await countIs(page.getByTestId('failed-count'), 0);

    // antd's own texts follow (the date picker of the list's filter).
    await page.getByTestId('back-to-list').click();
    await page.getByTestId('incoming-list').waitFor();
    await expect(page.locator('.ant-picker-input input').first().getAttribute('placeholder')).resolves.toBe('From');
    await page.getByTestId('lang-switch').getByText('VI', { exact: true }).click();
    await textIs(page.getByTestId('nav').getByRole('menuitem').first(), 'Văn bản đến');
    expect(await cspViolations(page)).toEqual([]);
    expect(w.problems).toEqual([]);
  });
});
