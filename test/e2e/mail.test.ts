/**
 * End-to-end: the clerk's mail, in Debian's Chromium against the web host and the
 * REAL Dovecot/Postfix of the test setup.
 *
 * The clerk sets up the mail account (connection test per server) → a letter with
 * a Vietnamese subject and a Vietnamese PDF arrives by SMTP and shows up live
 * (unread badge in the navigation) → the clerk reads it, replies (the reply
 * reaches the sender's mailbox; a copy is in Sent) → opens the PDF in the pdf.js
 * viewer and finds Vietnamese text → registers it as an incoming document from
 * the prefilled form → the document shows where it came from and links back to
 * the message; it is in the incoming list. A hostile HTML message runs nothing
 * and loads nothing until "Hiện ảnh" (the "remote" image is a local HTTP server
 * that counts requests). Searching without accents finds the accented message in
 * the mail list's box and, with the registered document, on the Search page.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendMessages, deliver, freshAddress, mailServers, rawMessage, serverMessages } from '../helpers/mail.js';
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
  shot,
  signIn,
  startDesktop,
  textIs,
  valueIs,
  vietnamesePdf,
  visible,
  type Desktop,
  type UserWindow,
} from './support.js';

const SUBJECT = 'Kế hoạch kiểm tra công tác cải cách hành chính năm 2026';
const SENDER_NAME = 'Sở Nội vụ tỉnh Kon Tum';
const REPLY = 'Văn phòng UBND tỉnh đã nhận kế hoạch, sẽ vào sổ và trình lãnh đạo.';
const NOTICE = 'Công văn về việc đôn đốc nộp báo cáo quý IV';
// A 1×1 transparent GIF.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * The mail page shows three panes side by side: folders, ONE message list, the
 * open message (wide, level with the list) — never a left-over second list.
 */
async function paneLayoutIsNormal(page: Page): Promise<void> {
  await countIs(page.getByTestId('mail-list'), 1);
  await countIs(page.locator('.mail-panes > *'), 3);
  const list = await page.getByTestId('mail-list').boundingBox();
  const view = await page.locator('.mail-panes > *').nth(2).boundingBox();
  expect(list && view).toBeTruthy();
  if (!list || !view) return;
  expect(Math.abs(view.y - list.y)).toBeLessThan(2);
  expect(view.x).toBeGreaterThanOrEqual(list.x + list.width - 1);
  expect(view.width).toBeGreaterThan(400);
}

describe('e2e: mail — read, reply, view the PDF, register it, hostile HTML', () => {
  let server: TestServer;
  let browser: Browser;
  let desktop: Desktop;
  let clerk: UserWindow;
  let imageServer: http.Server;
  let imageUrl = '';
  const imageRequests: string[] = [];
  const browserImageRequests: string[] = [];
  const clerkAddress = freshAddress('t-vanthu');
  const senderAddress = freshAddress('t-snv');

  beforeAll(async () => {
    ensureRendererBuilt();
    server = await startTestServer();
    browser = await launchChromium();
    desktop = await startDesktop();
    imageServer = http.createServer((req, res) => {
      imageRequests.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'image/gif', 'Content-Length': PIXEL.length });
      res.end(PIXEL);
    });
    await new Promise<void>((r) => imageServer.listen(0, '127.0.0.1', r));
    imageUrl = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;
  }, 180_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && clerk) await shot(clerk.page, `failed-mail-${ctx.task.name.slice(0, 40).replace(/\W+/gu, '-')}`).catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await desktop?.close().catch(() => {});
    await server?.close().catch(() => {});
    imageServer?.close();
  });

  it('the clerk sets up the mail account and tests the connection', async () => {
    clerk = await openWindow(browser, desktop);
    const { page } = clerk;
    page.on('request', (r) => {
      if (r.url().startsWith(imageUrl)) browserImageRequests.push(r.url());
    });
    await signIn(page, server.url, 'vanthu');
    await page.getByTestId('nav').getByText('Thư điện tử').click();
    await visible(page.getByTestId('mail-not-configured'));
    await page.getByTestId('mail-configure').click();
    await visible(page.getByTestId('mail-settings'));

    const m = mailServers();
    await page.getByTestId('ms-email').fill(clerkAddress);
    await page.getByTestId('ms-email').blur();
    await valueIs(page.getByTestId('ms-user'), clerkAddress);
    await page.getByTestId('ms-name').fill('Văn thư UBND tỉnh');
    await page.getByTestId('ms-password').fill('sai-mat-khau');
    for (const [proto, port] of [
      ['imap', m.imapPort],
      ['smtp', m.smtpPort],
    ] as const) {
      await page.locator(`#${proto}Host`).fill('127.0.0.1');
      await page.locator(`#${proto}Security`).click();
      await page.locator('.ant-select-dropdown:visible').getByText('Không mã hóa', { exact: false }).click();
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
      await page.locator(`#${proto}Port`).fill(String(port));
    }
    // A wrong password: each server says so, in Vietnamese.
    await page.getByTestId('ms-test').click();
    await attrIs(page.getByTestId('ms-test-imap'), 'data-ok', 'false', { timeout: 30_000 });
    await hasText(page.getByTestId('ms-test-imap'), 'sai tên đăng nhập hoặc mật khẩu');
    await attrIs(page.getByTestId('ms-test-smtp'), 'data-ok', 'false');
    // The right one.
    await page.getByTestId('ms-password').fill(m.password);
    await page.getByTestId('ms-test').click();
    await attrIs(page.getByTestId('ms-test-imap'), 'data-ok', 'true', { timeout: 30_000 });
    await attrIs(page.getByTestId('ms-test-smtp'), 'data-ok', 'true');
    await hasText(page.getByTestId('ms-test-imap'), 'thành công');
    await shot(page, 'mail-01-account-settings', { height: 1100 });
    await page.getByTestId('ms-save').click();

    await visible(page.getByTestId('mail-page'));
    await attrIs(page.getByTestId('mail-status'), 'data-state', 'online', { timeout: 30_000 });
    await visible(page.locator('[data-testid=mail-folder][data-role=inbox]'), { timeout: 30_000 });
    await hasText(page.getByTestId('mail-folders'), 'Hộp thư đến');
    await hasText(page.getByTestId('mail-folders'), 'Đã gửi');
    await hasText(page.getByTestId('mail-folders'), 'Thùng rác');
  });

  it('a letter with a Vietnamese PDF arrives live; the clerk reads it', async () => {
    const { page } = clerk;
    const pdf = await vietnamesePdf({
      page1: [
        'UBND TỈNH KON TUM',
        'SỞ NỘI VỤ',
        'KẾ HOẠCH',
        'Kiểm tra công tác cải cách hành chính năm 2026.',
        'Đoàn kiểm tra làm việc tại các sở, ban, ngành và Ủy ban nhân dân các huyện.',
        'Đề nghị các đơn vị chuẩn bị báo cáo tự đánh giá trước ngày 15 tháng 12.',
      ],
      page2: ['Phụ lục: lịch kiểm tra từng đơn vị.', 'Thành phần đoàn: lãnh đạo Sở Nội vụ và chuyên viên.'],
    });
    await deliver({
      from: senderAddress,
      fromName: SENDER_NAME,
      to: clerkAddress,
      subject: SUBJECT,
      text: 'Kính gửi Văn phòng UBND tỉnh,\n\nSở Nội vụ gửi kèm Kế hoạch kiểm tra cải cách hành chính năm 2026.\n\nTrân trọng.',
      attachments: [{ filename: 'Kế hoạch 112-KH-SNV.pdf', content: Buffer.from(pdf), contentType: 'application/pdf' }],
    });
    // IDLE brings it in; the navigation counts it.
    const row = page.getByTestId('mail-row').filter({ hasText: SUBJECT });
    await visible(row, { timeout: 30_000 });
    await attrIs(row, 'data-unread', 'true');
    await textIs(page.getByTestId('nav-mail-unread'), '1');
    await visible(row.getByTestId('mail-row-attachment'));
    await shot(page, 'mail-02-inbox');

    await row.click();
    await hasText(page.getByTestId('mail-subject'), SUBJECT);
    await hasText(page.getByTestId('mail-from'), senderAddress);
    await hasText(page.getByTestId('mail-to'), clerkAddress);
    await hasText(page.getByTestId('mail-text'), 'Sở Nội vụ gửi kèm Kế hoạch');
    await hasText(page.getByTestId('mail-attachments'), 'Kế hoạch 112-KH-SNV.pdf');
    // Read: no longer bold, the badge goes.
    await attrIs(row, 'data-unread', 'false');
    await hidden(page.getByTestId('nav-mail-unread'));
    await shot(page, 'mail-03-message');
  });

  it('the clerk replies; the reply reaches the sender and a copy is in Sent', async () => {
    const { page } = clerk;
    await page.getByTestId('mail-reply').click();
    await visible(page.getByTestId('compose-form'));
    await valueIs(page.getByTestId('compose-to'), `${SENDER_NAME} <${senderAddress}>`);
    await valueIs(page.getByTestId('compose-subject'), `Re: ${SUBJECT}`);
    const text = page.getByTestId('compose-text');
    await text.press('Control+Home');
    await text.pressSequentially(`${REPLY}\n`);
    // A typo in an address is caught before anything is queued.
    await page.getByTestId('compose-show-cc').click();
    await page.getByTestId('compose-cc').fill('chanh-van-phong@@kontum');
    await page.getByTestId('compose-send').click();
    await hasText(page.locator('.mail-compose .ant-form-item-explain-error'), 'Địa chỉ thư không hợp lệ');
    await page.getByTestId('compose-cc').fill('');
    await shot(page, 'mail-04-compose');
    await page.getByTestId('compose-send').click();
    await hidden(page.getByTestId('compose-form'));

    await expect
      .poll(async () => (await serverMessages(senderAddress, 'INBOX')).map((x) => x.subject), { timeout: 30_000, interval: 300 })
      .toContain(`Re: ${SUBJECT}`);
    await expect
      .poll(async () => (await serverMessages(clerkAddress, 'Sent')).map((x) => x.subject), { timeout: 30_000, interval: 300 })
      .toContain(`Re: ${SUBJECT}`);
    // Exactly once.
    expect((await serverMessages(senderAddress, 'INBOX')).filter((x) => x.subject === `Re: ${SUBJECT}`)).toHaveLength(1);
    // The app's own Sent folder shows it too.
    await page.locator('[data-testid=mail-folder][data-role=sent]').click();
    await visible(page.getByTestId('mail-row').filter({ hasText: `Re: ${SUBJECT}` }), { timeout: 30_000 });
    await paneLayoutIsNormal(page);
    await page.locator('[data-testid=mail-folder][data-role=inbox]').click();
  });

  it('the PDF attachment opens in the pdf.js viewer and its Vietnamese text is searchable', async () => {
    const { page } = clerk;
    await page.getByTestId('mail-row').filter({ hasText: SUBJECT }).first().click();
    await page.getByTestId('attachment-view').click();
    await attrIs(page.getByTestId('pdf-viewer'), 'data-status', 'ready', { timeout: 30_000 });
    await textIs(page.getByTestId('pdf-page-count'), '/ 2');
    await page.getByTestId('pdf-find').fill('cải cách hành chính');
    await textIs(page.getByTestId('pdf-find-count'), '1/1', { timeout: 15_000 });
    await shot(page, 'mail-05-pdf-attachment');
    await page.keyboard.press('Escape');
    await hidden(page.getByTestId('pdf-viewer'));
  });

  it('registers the PDF as an incoming document, which links back to the message', async () => {
    const { page } = clerk;
    const mailHash = new URL(page.url()).hash;
    await page.getByTestId('attachment-register').click();
    await visible(page.getByTestId('register-from-mail'), { timeout: 20_000 });
    await hasText(page.getByTestId('register-from-mail'), 'Điền sẵn từ thư');
    await valueIs(page.locator('#subject'), SUBJECT);
    await expect.poll(() => page.locator('#issuer').inputValue()).not.toBe('');
    await countIs(page.getByTestId('file-item'), 1);
    await hasText(page.getByTestId('file-item'), 'Kế hoạch 112-KH-SNV.pdf');
    await page.locator('#issuer').fill(SENDER_NAME);
    await page.locator('#codeNumber').fill('112/KH-SNV');
    await page.locator('#codeNumber').blur();
    await valueIs(page.locator('#codeNotation'), 'KH-SNV');
    await page.locator('#documentType').fill('Kế hoạch');
    await page.keyboard.press('Escape');
    await shot(page, 'mail-06-register-from-mail', { height: 1240 });
    await page.getByTestId('register-submit').click();

    await page.getByTestId('doc-view').waitFor();
    await hasText(page.getByTestId('arrival-number'), '1/', { timeout: 20_000 });
    await hasText(page.getByTestId('source-mail'), `Nhận qua thư điện tử từ`);
    await hasText(page.getByTestId('source-mail'), SENDER_NAME);
    await attrIs(page.getByTestId('source-mail'), 'title', `${SENDER_NAME} <${senderAddress}>`);
    await attrIs(page.getByTestId('pdf-viewer'), 'data-status', 'ready', { timeout: 20_000 });
    await shot(page, 'mail-07-document-from-mail');
    // Back to the message through the link.
    await page.getByTestId('source-mail-open').click();
    await hasText(page.getByTestId('mail-subject'), SUBJECT);
    expect(new URL(page.url()).hash).toBe(mailHash);

    // In the incoming list.
    await page.getByTestId('nav').getByText('Văn bản đến').click();
    await visible(page.getByTestId('list-row').filter({ hasText: SUBJECT }));
  });

  it('a hostile HTML message runs nothing and loads nothing until "Hiện ảnh"', async () => {
    const { page } = clerk;
    const html = [
      '<p>Kính gửi đồng chí, <b>bản tin</b> tuần này.</p>',
      '<script>window.top.__pwned = "script"; parent.__pwned = "script";</script>',
      '<img src="x" onerror="window.top.__pwned=\'onerror\'">',
      `<img src="${imageUrl}/tracking.gif?u=vanthu" alt="logo" width="40" height="40">`,
      `<div style="background:url(${imageUrl}/bg.gif)">Nền</div>`,
      `<form action="${imageUrl}/steal"><input name="pw"><button>Gửi</button></form>`,
      '<a href="javascript:window.top.__pwned=\'link\'">Bấm vào đây</a>',
      `<iframe src="${imageUrl}/frame"></iframe><svg onload="window.top.__pwned='svg'"></svg>`,
      `<p><a href="${imageUrl}/chi-tiet">Xem chi tiết</a></p>`,
    ].join('\r\n');
    await appendMessages(clerkAddress, 'INBOX', [
      rawMessage({ from: 'Bản tin <bantin@ngoai.example>', to: clerkAddress, subject: 'Bản tin có ảnh theo dõi', body: html, headers: ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit'] }),
    ]);
    await page.getByTestId('nav').getByText('Thư điện tử').click();
    const row = page.getByTestId('mail-row').filter({ hasText: 'Bản tin có ảnh theo dõi' });
    await visible(row, { timeout: 30_000 });
    await row.click();
    await visible(page.getByTestId('remote-images-bar'));
    await hasText(page.getByTestId('remote-images-bar'), 'Ảnh từ bên ngoài đã bị chặn');
    const frame = page.getByTestId('mail-frame');
    await attrIs(frame, 'sandbox', 'allow-popups allow-popups-to-escape-sandbox');
    const body = page.frameLocator('[data-testid=mail-frame]').locator('body');
    await hasText(body, 'Kính gửi đồng chí');
    await page.waitForTimeout(1000);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(imageRequests).toEqual([]);
    expect(browserImageRequests).toEqual([]);
    await shot(page, 'mail-08-blocked-images');

    await page.getByTestId('show-images').click();
    await hidden(page.getByTestId('remote-images-bar'));
    // The core fetched the allowed image (once) and the frame shows it inline; the page itself never asked.
    await expect.poll(() => imageRequests.filter((u) => u.startsWith('/tracking.gif')).length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => body.locator('img[alt=logo]').getAttribute('src'), { timeout: 15_000 }).toMatch(/^data:image\/gif;base64,/u);
    expect(imageRequests.filter((u) => !u.startsWith('/tracking.gif'))).toEqual([]);
    expect(browserImageRequests).toEqual([]);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await cspViolations(page)).toEqual([]);
    expect(clerk.problems).toEqual([]);

    // A link opens outside the app (a new browser tab here; the system browser, after asking, in the desktop), never in the frame or the app.
    const before = page.url();
    const [tab] = await Promise.all([clerk.context.waitForEvent('page'), body.getByText('Xem chi tiết').click()]);
    await tab.waitForLoadState('domcontentloaded');
    expect(tab.url()).toBe(`${imageUrl}/chi-tiet`);
    await tab.close();
    expect(page.url()).toBe(before);
    await hasText(body, 'Kính gửi đồng chí');
  });

  it('finds accented mail and documents from an unaccented query: the mail list box and the Search page', async () => {
    const { page } = clerk;
    await deliver({ from: senderAddress, fromName: SENDER_NAME, to: clerkAddress, subject: NOTICE, text: 'Đề nghị các đơn vị nộp báo cáo đúng hạn.' });
    await page.getByTestId('nav').getByText('Thư điện tử').click();
    await page.locator('[data-testid=mail-folder][data-role=inbox]').click();
    await visible(page.getByTestId('mail-row').filter({ hasText: NOTICE }), { timeout: 30_000 });

    // The list's box: "cong van don doc" → only "Công văn … đôn đốc …", the words marked.
    const box = page.getByTestId('mail-search');
    await box.click();
    await box.pressSequentially('cong van don doc', { delay: 20 });
    await hasText(page.getByTestId('mail-list-count'), '1 thư khớp');
    await countIs(page.getByTestId('mail-row'), 1);
    await hasText(page.getByTestId('mail-row'), NOTICE);
    expect(await page.getByTestId('mail-row').locator('mark.hl').allInnerTexts()).toEqual(expect.arrayContaining(['Công', 'văn', 'đôn', 'đốc']));
    // Enter in the box opens the selected result.
    await box.press('Enter');
    await hasText(page.getByTestId('mail-subject'), NOTICE);
    await attrIs(page.getByTestId('mail-row'), 'class', /is-open/u);
    await valueIs(box, 'cong van don doc');
    await shot(page, 'mail-09-search');

    // Another query: ↓ then Enter from the box opens the second result; none for nonsense.
    await box.fill('so noi vu');
    await hasText(page.getByTestId('mail-list-count'), '2 thư khớp');
    await countIs(page.getByTestId('mail-row'), 2);
    await hasText(page.getByTestId('mail-row').nth(1), SUBJECT);
    await box.press('ArrowDown');
    await box.press('Enter');
    await hasText(page.getByTestId('mail-subject'), SUBJECT);
    await box.fill('cai cach hanh chinh');
    await hasText(page.getByTestId('mail-list-count'), '1 thư khớp');
    await hasText(page.getByTestId('mail-row'), SUBJECT);
    await box.fill('khong co thu nay');
    await visible(page.getByTestId('mail-search-empty'));
    await hasText(page.getByTestId('mail-search-empty'), 'Không có thư nào trong Hộp thư đến');
    await shot(page, 'mail-10-search-empty');
    // Escape clears it: the whole folder again.
    await box.press('Escape');
    await valueIs(box, '');
    await attrIs(page.getByTestId('mail-list-count'), 'data-searching', 'false');
    await visible(page.getByTestId('mail-row').filter({ hasText: SUBJECT }));
    await visible(page.getByTestId('mail-row').filter({ hasText: 'Bản tin có ảnh theo dõi' }));
    await countIs(page.getByTestId('mail-row'), 3);

    // The Search page: both sections, the query in the address.
    await page.getByTestId('nav').getByText('Tìm kiếm').click();
    await visible(page.getByTestId('search-start'));
    await shot(page, 'search-00-start');
    await page.getByTestId('search-input').pressSequentially('cai cach hanh chinh', { delay: 20 });
    await hasText(page.getByTestId('search-incoming-count'), '1 kết quả');
    await hasText(page.getByTestId('search-incoming').getByTestId('search-result'), SUBJECT);
    await hasText(page.getByTestId('search-mail-count'), '2 kết quả');
    const mailResults = page.getByTestId('search-mail-result');
    await countIs(mailResults, 2);
    const original = mailResults.filter({ hasText: SENDER_NAME }).filter({ hasNotText: 'Re:' });
    await hasText(original.getByTestId('mail-row-folder'), 'Hộp thư đến');
    await hasText(original, /\d{2}\/\d{2}\/\d{4}/u);
    await hasText(mailResults.filter({ hasText: `Re: ${SUBJECT}` }).getByTestId('mail-row-folder'), 'Đã gửi');
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe('#/search?q=cai+cach+hanh+chinh');
    await shot(page, 'search-01-all');

    // Nothing found: one line, in Vietnamese.
    await page.getByTestId('search-input').fill('khong co gi ca');
    await hasText(page.getByTestId('search-none'), 'Không tìm thấy văn bản, công việc, lịch hay thư nào khớp với “khong co gi ca”');
    await shot(page, 'search-02-none');
    await page.getByTestId('search-input').fill('cai cach hanh chinh');
    // A mail result opens the message in the mail view.
    await original.click();
    await hasText(page.getByTestId('mail-subject'), SUBJECT);
    expect(new URL(page.url()).hash).toMatch(/^#\/mail\/\d+\/\d+$/u);
    // One message list, the message beside it at its normal width (a stale list once pushed it below).
    await paneLayoutIsNormal(page);
    expect(clerk.problems).toEqual([]);
  });

  it('a circular to 1,000 people: the header says "và 995 người khác", reply-all opens; a forwarded message reads inline', async () => {
    const { page } = clerk;
    const people = Array.from({ length: 999 }, (_, i) => `Cán bộ ${i + 1} <t-canbo-${i + 1}@kontum.gov.vn>`);
    const to = [`Văn thư <${clerkAddress}>`, ...people].map((a) => a.replace(/^([^<]+) </u, (_, n: string) => `=?UTF-8?B?${Buffer.from(n.trim()).toString('base64')}?= <`)).join(',\r\n ');
    const inner = rawMessage({ from: 'Sở Tài chính <stc@kontum.gov.vn>', to: 'vanphong@kontum.gov.vn', subject: 'Thông báo thẩm định dự toán', date: new Date('2026-11-02T03:00:00Z'), text: 'Đề nghị gửi hồ sơ thẩm định trước ngày 15/12/2026.' });
    const circular = [
      rawMessage({ from: `${SENDER_NAME} <${senderAddress}>`, to, subject: 'Thông báo toàn cơ quan', headers: ['Content-Type: multipart/mixed; boundary="C"'], body: '' }).replace(/\r\n\r\n$/u, ''),
      '',
      '--C',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Chuyển tiếp thông báo của Sở Tài chính.',
      '--C',
      'Content-Type: message/rfc822',
      '',
      inner,
      '--C--',
      '',
    ].join('\r\n');
    await appendMessages(clerkAddress, 'INBOX', [circular]);
    await page.getByTestId('nav').getByText('Thư điện tử').click();
    const row = page.getByTestId('mail-row').filter({ hasText: 'Thông báo toàn cơ quan' });
    await visible(row, { timeout: 30_000 });
    await row.click();
    await hasText(page.getByTestId('mail-to-more'), 'và 995 người khác');
    await hasText(page.getByTestId('mail-to'), 'Cán bộ 4');
    expect(await page.getByTestId('mail-to').textContent()).not.toContain('Cán bộ 5 ');
    await hasText(page.getByTestId('mail-forwarded-subject'), 'Thông báo thẩm định dự toán');
    await hasText(page.getByTestId('mail-forwarded-text'), 'Đề nghị gửi hồ sơ thẩm định trước ngày 15/12/2026.');
    await paneLayoutIsNormal(page);
    await shot(page, 'mail-10-circular');
    await page.getByTestId('mail-to-more').click();
    await hasText(page.getByTestId('mail-to'), 'Cán bộ 999');
    await visible(page.getByTestId('mail-to-less'));

    await page.getByTestId('mail-reply-all').click();
    await visible(page.getByTestId('compose-form'));
    await valueIs(page.getByTestId('compose-to'), `${SENDER_NAME} <${senderAddress}>`);
    expect(await page.getByTestId('compose-cc').inputValue()).toContain('t-canbo-999@kontum.gov.vn');
    await shot(page, 'mail-11-reply-all');
    await page.keyboard.press('Escape');
    expect(clerk.problems).toEqual([]);
  });
});
