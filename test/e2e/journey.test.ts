/**
 * End-to-end: real people's journeys through the renderer in Debian's Chromium.
 * Every person has their own desktop (a client core + the web host, own data
 * folder) and their own browser profile; all talk to one real reference server.
 *
 * clerk registers a document with a Vietnamese PDF → the agency leader sees it
 * arrive live and directs it to Phòng Kinh tế → the unit leader hands it to
 * cv.kinhte1 → the specialist searches the PDF, adds an opinion, goes offline
 * (the server stops), adds a progress report that waits to sync, comes back,
 * completes → the leader sees every step without reloading. A specialist of
 * another unit cannot see the document. The processing slip prints to PDF.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  addOpinion,
  attrIs,
  countIs,
  cspViolations,
  hasText,
  hidden,
  textIs,
  valueIs,
  visible,
  ensureRendererBuilt,
  launchChromium,
  openWindow,
  pickInTree,
  ROOT,
  shot,
  signIn,
  startDesktop,
  typeDate,
  vietnamesePdf,
  vnDatePlus,
  type Desktop,
  type UserWindow,
} from './support.js';

const SUBJECT = 'Về việc triển khai dự án nông nghiệp công nghệ cao năm 2026';
const OPINION = 'Đề xuất phối hợp Sở Nông nghiệp khảo sát thực địa trước ngày 15';
const OFFLINE_NOTE = 'Đã khảo sát xong hai huyện, đang tổng hợp số liệu';

describe('e2e: an incoming document from registration to completion', () => {
  let server: TestServer;
  let browser: Browser;
  const desktops: Desktop[] = [];
  const windows: UserWindow[] = [];
  let clerk: UserWindow;
  let leader: UserWindow;
  let unitLeader: UserWindow;
  let specialist: UserWindow;
  let docId = '';
  let serverUrl = '';

  const open = async (): Promise<UserWindow> => {
    const d = await startDesktop();
    desktops.push(d);
    const w = await openWindow(browser, d);
    windows.push(w);
    return w;
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    server = await startTestServer();
    serverUrl = server.url;
    browser = await launchChromium();
  }, 180_000);

  // A failed step leaves a picture of every window (test-results/screenshots/failed-…).
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [i, w] of windows.entries()) await shot(w.page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/gu, '-')}-${i}`).catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    for (const d of desktops) await d.close().catch(() => {});
    await server?.close().catch(() => {});
  });

  it('the clerk signs in and registers a document with a Vietnamese PDF', async () => {
    clerk = await open();
    const { page } = clerk;
    await shot(page, '01-sign-in');
    await signIn(page, serverUrl, 'vanthu');
    await textIs(page.getByTestId('user-role'), 'Văn thư · Văn phòng UBND tỉnh');
    await attrIs(page.getByTestId('sync-state'), 'data-state', /online|syncing/u);

    // The agency leader is already at their desk: the document must arrive live.
    leader = await open();
    await signIn(leader.page, serverUrl, 'chutich');

    await page.getByTestId('register-button').click();
    await page.getByTestId('register-form').waitFor();
    await page.locator('#issuer').fill('Sở Nông nghiệp và Phát triển nông thôn tỉnh Kon Tum');
    await page.locator('#codeNumber').fill('27/KH-SNN');
    await page.locator('#codeNumber').blur();
    await valueIs(page.locator('#codeNumber'), '27');
    await valueIs(page.locator('#codeNotation'), 'KH-SNN');
    await typeDate(page.locator('#issuedDate'), vnDatePlus(-2));
    // Pickers match like the Search page: typed without marks, the type is offered.
    await page.locator('#documentType').pressSequentially('ke hoach');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^Kế hoạch$/u }).click();
    await valueIs(page.locator('#documentType'), 'Kế hoạch');
    await page.locator('#subject').fill(SUBJECT);
    await page.locator('#signerName').fill('Nguyễn Văn Bình');
    await page.locator('#signerPosition').fill('KT. Giám đốc — Phó Giám đốc');
    await page.locator('#urgency').click();
    await page.locator('.ant-select-dropdown:visible').getByText('Thượng khẩn', { exact: true }).click();
    await typeDate(page.locator('#dueDate'), vnDatePlus(20));
    await page.locator('#pageCount').fill('2');
    // Mật is kept off desktops like Tối mật and Tuyệt mật (the agency's policy; Decree 30 by default): the form says so.
    await page.locator('#confidentiality').click();
    await page.locator('.ant-select-dropdown:visible').getByText('Mật', { exact: true }).click();
    await page.getByTestId('secret-note').waitFor();
    await page.getByTestId('secret-note').scrollIntoViewIfNeeded();
    await shot(page, '05b-registration-secret-note');
    await page.locator('#confidentiality').click();
    await page.locator('.ant-select-dropdown:visible').getByText('Thường', { exact: true }).click();
    await page.getByTestId('secret-note').waitFor({ state: 'detached' });
    const pdf = await vietnamesePdf({
      page1: [
        'UBND TỈNH KON TUM',
        'SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN',
        'KẾ HOẠCH',
        'Triển khai dự án nông nghiệp công nghệ cao năm 2026.',
        'Căn cứ Quyết định số 15/QĐ-UBND của Ủy ban nhân dân tỉnh Kon Tum;',
        'Sở đề nghị các đơn vị phối hợp khảo sát vùng sản xuất rau, hoa, cà phê.',
        'Đồng bào dân tộc thiểu số được ưu tiên tham gia chuỗi liên kết.',
      ],
      page2: ['Phụ lục: danh mục dự án đầu tư giai đoạn 2026 – 2030.', 'Tổng kinh phí dự kiến: 120 tỷ đồng.'],
    });
    await page.locator('input[type=file]').setInputFiles({ name: 'Kế hoạch 27-KH-SNN.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    await countIs(page.getByTestId('file-item'), 1);
    await hasText(page.getByTestId('file-item'), 'Kế hoạch 27-KH-SNN.pdf');
    await shot(page, '05-registration-form', { height: 1240 });
    await page.getByTestId('register-submit').click();

    // The document view of the new registration; the server gives it arrival number 1.
    await page.getByTestId('doc-view').waitFor();
    docId = new URL(page.url()).hash.split('/')[2] ?? '';
    expect(docId).toMatch(/^[0-9a-f-]{36}$/u);
    await hasText(page.getByTestId('arrival-number'), '1/', { timeout: 20_000 });
    await countIs(page.getByTestId('pending-tag'), 0);
    await hasText(page.getByTestId('doc-title'), SUBJECT);

    // Registering the same document again: the clerk is warned before submitting.
    await page.evaluate("location.hash = '#/incoming/new'");
    await page.locator('#issuer').fill('Sở Nông nghiệp và Phát triển nông thôn tỉnh Kon Tum');
    await page.locator('#codeNumber').fill('27');
    await page.locator('#codeNotation').fill('KH-SNN');
    await typeDate(page.locator('#issuedDate'), vnDatePlus(-2));
    await page.locator('#codeNotation').focus();
    await page.locator('#codeNotation').blur();
    await hasText(page.getByTestId('duplicate-warning'), 'Số đến 1/');
    await page.getByRole('button', { name: 'Hủy' }).click();
    await page.getByTestId('incoming-list').waitFor();
    // The longest step (sign-in, two forms, a PDF upload): on a loaded 2-core machine it can pass a minute.
  }, 120_000);

  it('the agency leader sees it arrive without reloading, and directs it to Phòng Kinh tế', async () => {
    const { page } = leader;
    const row = page.getByTestId('list-row').filter({ hasText: SUBJECT });
    await countIs(row, 1, { timeout: 20_000 });
    await attrIs(row, 'data-unread', 'true');
    await textIs(row.locator('.tag-urgency'), 'Thượng khẩn');
    await shot(page, '02-incoming-list');

    // Keyboard: the list has focus, Enter opens the selected (first) row.
    await page.getByTestId('list-scroll').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.getByTestId('doc-view').waitFor();
    await hasText(page.getByTestId('doc-metadata'), 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Kon Tum');
    await hasText(page.getByTestId('doc-metadata'), '27/KH-SNN');
    await attrIs(page.getByTestId('pdf-viewer'), 'data-status', 'ready', { timeout: 20_000 });

    await page.getByTestId('action-assign').click();
    const dialog = page.locator('.assign-dialog .ant-modal');
    await dialog.waitFor();
    await dialog.locator('#instruction').fill('Giao Phòng Kinh tế chủ trì, tham mưu UBND tỉnh triển khai; báo cáo trước hạn.');
    await pickInTree(page, dialog.locator('#main'), 'Kinh', 'Phòng Kinh tế');
    await typeDate(dialog.locator('#mainDeadline'), vnDatePlus(10));
    await pickInTree(page, dialog.locator('#info'), 'noi chinh', 'Phòng Nội chính'); // typed without marks
    await shot(page, '04-assignment-dialog');
    await dialog.getByRole('button', { name: 'Phân công' }).click();
    await hidden(dialog);

    await page.getByRole('tab', { name: 'Xử lý', exact: true }).click();
    const main = page.getByTestId('assignment').filter({ hasText: 'Phòng Kinh tế' });
    await attrIs(main, 'data-role', 'main');
    await hasText(main, `Hạn ${vnDatePlus(10)}`);
    await hasText(page.getByTestId('instruction'), 'Giao Phòng Kinh tế chủ trì');
    // Confirmed by the server: no "waiting to sync" left.
    await countIs(page.getByTestId('pending-tag'), 0, { timeout: 20_000 });
    await attrIs(page.getByTestId('status-tag'), 'data-status', 'in_progress');
  });

  it('the unit leader re-assigns it inside Phòng Kinh tế', async () => {
    unitLeader = await open();
    const { page } = unitLeader;
    await signIn(page, serverUrl, 'tp.kinhte');
    await textIs(page.getByTestId('user-role'), 'Lãnh đạo đơn vị · Phòng Kinh tế');
    const row = page.getByTestId('list-row').filter({ hasText: SUBJECT });
    await countIs(row, 1, { timeout: 20_000 });
    await row.click();
    await page.getByTestId('action-reassign').click();
    const dialog = page.locator('.reassign-dialog .ant-modal');
    await dialog.waitFor();
    await pickInTree(page, dialog.locator('#main'), 'hang', 'Phạm Thu Hằng'); // typed without marks
    await typeDate(dialog.locator('#deadline'), vnDatePlus(8));
    await dialog.locator('#note').fill('Đồng chí Hằng chủ trì, báo cáo trước hạn.');
    await dialog.getByRole('button', { name: 'Phân công' }).click();
    await hidden(dialog);
    await page.getByRole('tab', { name: 'Xử lý', exact: true }).click();
    await attrIs(page.locator('[data-testid=assignment].is-nested').filter({ hasText: 'Phạm Thu Hằng' }), 'data-role', 'main');
    await countIs(page.getByTestId('pending-tag'), 0, { timeout: 20_000 });
  });

  it('the specialist opens it, finds a word in the PDF, and adds an opinion', async () => {
    specialist = await open();
    const { page } = specialist;
    await signIn(page, serverUrl, 'cv.kinhte1');
    const row = page.getByTestId('list-row').filter({ hasText: SUBJECT });
    await countIs(row, 1, { timeout: 20_000 });
    await row.click();
    await attrIs(page.getByTestId('pdf-viewer'), 'data-status', 'ready', { timeout: 20_000 });
    await textIs(page.getByTestId('pdf-page-count'), '/ 2');
    await page.getByTestId('pdf-find').fill('đồng bào');
    await textIs(page.getByTestId('pdf-find-count'), '1/1', { timeout: 10_000 });
    await hasText(page.locator('.textLayer .highlight.selected'), /đồng bào/iu);
    await shot(page, '03-document-pdf');

    await addOpinion(page, OPINION);
    await countIs(page.getByTestId('opinion').filter({ hasText: OPINION }), 1);
    await countIs(page.getByTestId('pending-tag'), 0, { timeout: 20_000 });
  });

  it('offline: the server stops, a progress report waits to sync, and arrives when it is back', async () => {
    const { page } = specialist;
    await server.close();
    await page.getByTestId('sync-indicator').getByRole('button').click(); // "Đồng bộ ngay" finds the server gone
    await attrIs(page.getByTestId('sync-state'), 'data-state', 'offline', { timeout: 20_000 });
    await visible(page.getByTestId('offline-banner'));

    await page.getByTestId('action-opinion').click();
    const dialog = page.locator('.opinion-dialog .ant-modal');
    await dialog.getByText('Báo cáo tiến độ').click();
    await dialog.getByTestId('opinion-content').fill(OFFLINE_NOTE);
    await dialog.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await hidden(dialog);
    const waiting = page.getByTestId('opinion').filter({ hasText: OFFLINE_NOTE });
    await textIs(waiting.getByTestId('pending-tag'), 'Chờ đồng bộ');
    await textIs(page.getByTestId('pending-count'), '1 chờ đồng bộ');
    await shot(page, '06-offline');

    server = await startTestServer({ dataDir: server.dataDir });
    expect(server.url).toBe(serverUrl);
    await countIs(waiting.getByTestId('pending-tag'), 0, { timeout: 30_000 });
    await attrIs(page.getByTestId('sync-state'), 'data-state', /online|syncing/u);
    await countIs(page.getByTestId('pending-count'), 0);

    // The leader, still on the document, sees the report without reloading.
    await leader.page.getByRole('tab', { name: 'Xử lý', exact: true }).click();
    await countIs(leader.page.getByTestId('opinion').filter({ hasText: OFFLINE_NOTE }), 1, { timeout: 30_000 });
  });

  it('the specialist completes it, and the leader sees it done', async () => {
    const { page } = specialist;
    await page.getByTestId('action-complete').click();
    const dialog = page.locator('.complete-dialog .ant-modal');
    await dialog.getByTestId('complete-note').fill('Đã tham mưu văn bản trả lời số 35/UBND-KT.');
    await dialog.getByRole('button', { name: 'Hoàn thành' }).click();
    await hidden(dialog);
    await attrIs(page.getByTestId('status-tag'), 'data-status', 'done');
    await countIs(page.getByTestId('pending-tag'), 0, { timeout: 20_000 });
    await countIs(page.getByTestId('action-opinion'), 0);

    await hasText(leader.page.getByTestId('completed-alert'), 'Phạm Thu Hằng', { timeout: 30_000 });
    await attrIs(leader.page.getByTestId('status-tag'), 'data-status', 'done');
    await leader.page.getByRole('tab', { name: 'Quá trình xử lý' }).click();
    await countIs(leader.page.getByTestId('history-item'), 7); // registered, instructed, assigned, reassigned, opinion, progress, completed

    // The specialist finds it again by a few words typed without accents (the local index, offline too).
    await page.getByTestId('nav').getByText('Tìm kiếm').click();
    await page.getByTestId('search-input').fill('nong nghiep cong nghe');
    await hasText(page.getByTestId('search-result').first(), SUBJECT);
    await shot(page, '12-search');
  });

  it('prints the processing slip (Decree 30 layout) to PDF', async () => {
    const { page } = leader;
    await page.getByTestId('action-slip').click();
    await page.getByTestId('slip').waitFor();
    await hasText(page.getByTestId('slip'), 'PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN');
    await shot(page, '07-processing-slip');
    const bytes = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(join(ROOT, 'test-results', 'phieu-giai-quyet.pdf'), bytes);
    const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
    let text = '';
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent();
      text += content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('') + '\n';
    }
    // Chromium's PDF splits runs around combining marks; compare without whitespace.
    const squash = (t: string): string => t.normalize('NFC').replace(/\s+/gu, '');
    const flat = squash(text);
    expect(pdf.numPages).toBe(1);
    for (const expected of [
      'PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Ý KIẾN CỦA LÃNH ĐẠO CƠ QUAN',
      'Ý KIẾN CỦA LÃNH ĐẠO ĐƠN VỊ',
      'Ý KIẾN ĐỀ XUẤT CỦA NGƯỜI GIẢI QUYẾT',
      'Phòng Kinh tế',
      'Phạm Thu Hằng',
      `Thời hạn giải quyết: ${vnDatePlus(10)}`,
      'Trần Văn Đức',
      OPINION,
    ])
      expect(flat).toContain(squash(expected));
    await page.getByTestId('slip-back').click();
    await page.getByTestId('doc-view').waitFor();
  });

  it('a specialist of another unit cannot see the document', async () => {
    const other = await open();
    const { page } = other;
    await signIn(page, serverUrl, 'cv.noichinh');
    await page.getByRole('tab', { name: 'Tất cả' }).click();
    await textIs(page.getByTestId('list-count'), '0 văn bản', { timeout: 20_000 });
    await countIs(page.getByTestId('list-row'), 0);
    await page.evaluate(`location.hash = '#/incoming/${docId}'`);
    await visible(page.getByTestId('doc-not-found'));
    const found = await page.evaluate(`fetch('/files/' + 'a'.repeat(64)).then((r) => r.status)`);
    expect(found).not.toBe(200);

    // Signing out returns to the sign-in screen.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Đăng xuất' }).click();
    // Sign-out tells the server and closes the cache (sync engine, files). 5 s alone; the bound is for a
    // loaded machine (the suite seeds 100,000 documents beside this test: once past 30 s here).
    await visible(page.getByTestId('signin-submit'), { timeout: 60_000 });
  });

  it('runs under the strict CSP with no console errors', async () => {
    for (const w of windows) {
      expect(await cspViolations(w.page)).toEqual([]);
      expect(w.problems).toEqual([]);
    }
  });
});
