/**
 * The outgoing documents' screens (#10) in Chromium, over a real server whose documents were
 * put in their states through its push API (a draft returned with a reason and revised, one
 * waiting for the unit leader, a decision waiting for the chairman's signature, a cancelled
 * draft, a flash dispatch without a file), each person on a desktop of their own. The chairman
 * signs in the signing dialog with a PKCS#12 file (a wrong password first); the clerk numbers
 * it in the issuing form, seals it with the agency's key and sends it from the dispatch panel.
 * A picture of every screen and dialog under test-results/screenshots/out-*, and the checks a
 * person would make looking at them.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, toPkcs12, type IssuedCertificate } from '../../src/node/pdfsign/index.js';
import { defaultOutgoingSettings, writeOutgoingSettings } from '../../src/server/outgoing/settings.js';
import { formatDateVi, vnToday } from '../../src/shared/text/vietnamese.js';
import { http, login, PushClient, sha256 } from '../helpers/api.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';
import { DOCX_MIME, makeDocx } from '../helpers/officeFiles.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { makeTestPdf } from '../helpers/testPdfs.js';
import { attrIs, countIs, cspViolations, ensureRendererBuilt, hasText, hidden, launchChromium, openWindow, shot, signIn, startDesktop, textIs, visible, type Desktop, type UserWindow } from './support.js';

const LONG = 60_000;
const P12_PASSWORD = 'Ký-số#2026';

type FileRef = { sha256: string; name: string; size: number; mime: string };

describe('e2e: the outgoing documents screens', () => {
  let server: TestServer;
  let browser: Browser;
  const desktops: Desktop[] = [];
  const windows: Partial<Record<keyof typeof U, UserWindow>> = {};
  const clients = new Map<string, PushClient>();
  const ids = { returned: randomUUID(), review: randomUUID(), toSign: randomUUID(), cancelled: randomUUID(), flash: randomUUID() };
  let chairmanP12: Uint8Array;
  let agencyP12: Uint8Array;

  /** A user's push session over HTTP, as their core would hold it. */
  async function as(username: keyof typeof U): Promise<PushClient> {
    let c = clients.get(username);
    if (!c) {
      c = new PushClient(server.url, await login(server.url, username));
      clients.set(username, c);
    }
    return c;
  }
  const act = async (username: keyof typeof U, name: string, args: unknown): Promise<void> => {
    await (await as(username)).apply(name, args);
  };

  /** A file put on the server as the core uploads it before the mutation naming it. */
  async function upload(username: keyof typeof U, bytes: Uint8Array, name: string, mime: string): Promise<FileRef> {
    const token = await login(server.url, username);
    const sha = sha256(bytes);
    // Sent as bytes, as the core does: the server sniffs the type.
    const r = await http(server.url, 'PUT', `/files/${sha}`, { token, body: bytes, headers: { 'content-type': 'application/octet-stream' } });
    if (r.status !== 200 && r.status !== 201) throw new Error(`upload ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    return { sha256: sha, name, size: bytes.byteLength, mime };
  }

  const fields = (o: Record<string, unknown>): Record<string, unknown> => ({
    documentType: 'Công văn',
    draftingUnitId: UNITS.economy.id,
    signerId: U.chutich.id,
    recipients: [],
    ...o,
  });
  const recipient = (kind: 'unit' | 'mail' | 'paper' | 'archive', name: string, more: { unitId?: string; email?: string } = {}): Record<string, unknown> => ({
    id: randomUUID(),
    kind,
    name,
    unitId: more.unitId ?? null,
    email: more.email ?? null,
  });

  const open = async (username: keyof typeof U, lang: 'vi' | 'en' = 'vi'): Promise<UserWindow> => {
    const d = await startDesktop();
    desktops.push(d);
    const w = await openWindow(browser, d, lang);
    windows[username] = w;
    await signIn(w.page, server.url, username);
    return w;
  };

  /** The outgoing list in a tab, once the core has answered. */
  const list = async (page: Page, tab: string): Promise<void> => {
    await page.evaluate("location.hash = '#/outgoing'");
    await visible(page.getByTestId('out-list'));
    await page.getByTestId(`out-tab-${tab}`).click();
    await attrIs(page.locator('.ant-tabs-tab-active [data-testid^="out-tab-"]'), 'data-testid', `out-tab-${tab}`);
  };
  const row = (page: Page, id: string) => page.locator(`[data-testid="out-row"][data-id="${id}"]`);
  const openDoc = async (page: Page, id: string): Promise<void> => {
    await page.evaluate(`location.hash = '#/outgoing/${id}'`);
    await attrIs(page.getByTestId('out-view'), 'data-status', /.+/u, { timeout: LONG });
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    server = await startTestServer();
    browser = await launchChromium();

    // A test CA with Vietnamese names, the chairman's certificate and the agency's (for the seal), as PKCS#12 files.
    const ca = 'Ban Cơ yếu Chính phủ';
    const root = await makeCertificate({ role: 'root', subject: { commonName: 'Cục Chứng thực số và Bảo mật thông tin (thử nghiệm)', organisation: ca }, notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2045-01-01T00:00:00Z') });
    const p12 = async (cert: IssuedCertificate): Promise<Uint8Array> => toPkcs12({ key: cert.pkcs8, certificate: cert.certificate, chain: [root.certificate], password: P12_PASSWORD });
    const agencyName = 'Ủy ban nhân dân tỉnh Kon Tum';
    const chairman = await makeCertificate({
      role: 'person',
      subject: { commonName: U.chutich.fullName, organisation: agencyName, title: 'Chủ tịch', province: 'Kon Tum' },
      issuer: root,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2030-01-01T00:00:00Z'),
    });
    const agency = await makeCertificate({ role: 'organisation', subject: { commonName: agencyName, organisation: agencyName, province: 'Kon Tum' }, issuer: root, notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') });
    // The agency trusts the test CA, as it would the national root: the viewer calls both signatures valid
    // (nobody is signed in yet, so no client needs telling).
    const agencyId = FIXTURE_ORG.agency.id;
    await server.server.db.tx((q) =>
      writeOutgoingSettings(q, agencyId, { ...defaultOutgoingSettings(agencyId), trustedRoots: [Buffer.from(root.certificate).toString('base64')] }, { users: [] }),
    );
    chairmanP12 = await p12(chairman);
    agencyP12 = await p12(agency);

    // 1. A công văn returned by the unit leader with a reason, then revised (a DOCX, then a PDF).
    const docx = await upload('cv.kinhte1', makeDocx('Đề nghị cung cấp số liệu giải ngân vốn đầu tư công'), 'De-nghi-so-lieu-giai-ngan.docx', DOCX_MIME);
    await act('cv.kinhte1', 'outgoing.create', {
      documentId: ids.returned,
      fields: fields({
        subject: 'V/v đề nghị cung cấp số liệu giải ngân vốn đầu tư công 6 tháng đầu năm 2026',
        replyDueDate: null,
        recipients: [
          recipient('unit', UNITS.internal.name, { unitId: UNITS.internal.id }),
          recipient('mail', 'Sở Tài chính tỉnh Kon Tum', { email: 'stc@kontum.gov.vn' }),
          recipient('paper', 'Kho bạc Nhà nước tỉnh Kon Tum'),
          recipient('archive', 'VT'),
          recipient('archive', 'KT'),
        ],
      }),
      file: docx,
      versionNote: 'Bản dự thảo đầu tiên',
    });
    await act('cv.kinhte1', 'outgoing.submit', { documentId: ids.returned, route: [{ stepId: randomUUID(), kind: 'review', userId: U['tp.kinhte'].id }, { stepId: randomUUID(), kind: 'sign', userId: U.chutich.id }] });
    await act('tp.kinhte', 'outgoing.comment', { documentId: ids.returned, commentId: randomUUID(), version: 1, text: 'Cần nêu rõ biểu mẫu số liệu theo từng chủ đầu tư.' });
    await act('tp.kinhte', 'outgoing.return', { documentId: ids.returned, comment: 'Đề nghị bổ sung biểu mẫu số liệu theo từng chủ đầu tư và thời hạn gửi báo cáo.' });
    const revised = await upload('cv.kinhte1', await makeTestPdf({ signerName: U.chutich.fullName }), 'De-nghi-so-lieu-giai-ngan.pdf', 'application/pdf');
    await act('cv.kinhte1', 'outgoing.addVersion', { documentId: ids.returned, file: revised, note: 'Bổ sung biểu mẫu theo ý kiến Trưởng phòng' });

    // 2. A plan waiting for the unit leader's review, then comments of another unit and the office's form check.
    const plan = await upload('cv.kinhte2', await makeTestPdf({ pages: 2, numberLine: 'Số:      /KH-UBND', signerName: U.chutich.fullName }), 'Ke-hoach-chuyen-doi-so-2027.pdf', 'application/pdf');
    await act('cv.kinhte2', 'outgoing.create', {
      documentId: ids.review,
      fields: fields({
        documentType: 'Kế hoạch',
        subject: 'Chuyển đổi số trong hoạt động của cơ quan năm 2027',
        urgency: 'urgent',
        replyDueDate: null,
        recipients: [recipient('unit', UNITS.office.name, { unitId: UNITS.office.id }), recipient('unit', UNITS.internal.name, { unitId: UNITS.internal.id }), recipient('archive', 'VT')],
      }),
      file: plan,
    });
    await act('cv.kinhte2', 'outgoing.submit', {
      documentId: ids.review,
      route: [
        { stepId: randomUUID(), kind: 'review', userId: U['tp.kinhte'].id },
        { stepId: randomUUID(), kind: 'comment', userId: U['tp.noichinh'].id },
        { stepId: randomUUID(), kind: 'format', userId: U.vanthu.id },
        { stepId: randomUUID(), kind: 'sign', userId: U.chutich.id },
      ],
      comment: 'Kính trình Trưởng phòng xem xét.',
    });

    // 3. A decision the unit leader approved: waiting for the chairman's signature.
    const decision = await upload('cv.kinhte1', await makeTestPdf({ numberLine: 'Số:      /QĐ-UBND', signerName: U.chutich.fullName }), 'QD-quy-che-chu-ky-so.pdf', 'application/pdf');
    await act('cv.kinhte1', 'outgoing.create', {
      documentId: ids.toSign,
      fields: fields({
        documentType: 'Quyết định',
        subject: 'Ban hành Quy chế quản lý, sử dụng chữ ký số trong cơ quan',
        signerCompetence: 'TM.',
        replyDueDate: null,
        recipients: [
          recipient('unit', UNITS.economy.name, { unitId: UNITS.economy.id }),
          recipient('unit', UNITS.internal.name, { unitId: UNITS.internal.id }),
          recipient('paper', 'Sở Thông tin và Truyền thông'),
          recipient('mail', 'Sở Nội vụ tỉnh Kon Tum', { email: 'snv@kontum.gov.vn' }),
          recipient('archive', 'VT'),
          recipient('archive', 'VP'),
        ],
      }),
      file: decision,
    });
    await act('cv.kinhte1', 'outgoing.submit', { documentId: ids.toSign, route: [{ stepId: randomUUID(), kind: 'review', userId: U['tp.kinhte'].id }, { stepId: randomUUID(), kind: 'sign', userId: U.chutich.id }] });
    await act('tp.kinhte', 'outgoing.approve', { documentId: ids.toSign, comment: 'Đồng ý nội dung, kính trình Chủ tịch ký ban hành.' });

    // 4. A cancelled draft, and 5. a flash dispatch still without its file.
    await act('cv.kinhte1', 'outgoing.create', { documentId: ids.cancelled, fields: fields({ documentType: 'Tờ trình', subject: 'Tờ trình đề nghị phê duyệt dự toán mua sắm thiết bị năm 2026' }) });
    await act('cv.kinhte1', 'outgoing.cancel', { documentId: ids.cancelled, reason: 'Đã gộp vào tờ trình chung của Văn phòng.' });
    await act('cv.kinhte1', 'outgoing.create', {
      documentId: ids.flash,
      fields: fields({ documentType: 'Công điện', subject: 'Về việc tập trung ứng phó mưa lũ, bảo đảm an toàn cho người dân', urgency: 'flash', replyDueDate: vnToday() }),
    });
  }, 600_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [name, w] of Object.entries(windows)) await shot(w.page, `failed-out-${ctx.task.name.slice(0, 30).replace(/\W+/gu, '-')}-${name}`).catch(() => {});
  });

  afterAll(async () => {
    for (const w of Object.values(windows)) await w.context.close().catch(() => {});
    await browser?.close();
    for (const d of desktops) await d.close().catch(() => {});
    await server?.close().catch(() => {});
  });

  it('the author: her drafts, a returned draft with its versions, comments and route, submitting it again, and a new draft', async () => {
    const { page, problems } = await open('cv.kinhte1');
    await page.getByTestId('nav').getByText('Văn bản đi').click();
    await visible(page.getByTestId('out-list'));
    await attrIs(page.locator('.ant-tabs-tab-active [data-testid^="out-tab-"]'), 'data-testid', 'out-tab-mine');
    // Her four drafts: the decision she wrote waits for a signature; the cancelled one is struck through.
    await countIs(page.getByTestId('out-row'), 4, { timeout: LONG });
    await textIs(page.getByTestId('out-count-mine'), '4');
    await hasText(row(page, ids.toSign).getByTestId('status-tag'), 'Chờ ký');
    await hasText(row(page, ids.toSign), 'Quyết định: Ban hành Quy chế quản lý, sử dụng chữ ký số');
    await hasText(row(page, ids.toSign).getByTestId('out-row-number'), 'Chưa cấp số');
    await hasText(row(page, ids.toSign), U.chutich.fullName);
    await hasText(row(page, ids.returned).getByTestId('status-tag'), 'Đang soạn thảo');
    await hasText(row(page, ids.cancelled).getByTestId('status-tag'), 'Đã huỷ dự thảo');
    await hasText(row(page, ids.flash), 'Hỏa tốc');
    await shot(page, 'out-01-list-mine');

    // Search without accents narrows the list.
    await page.getByTestId('out-search').fill('chu ky so');
    await countIs(page.getByTestId('out-row'), 1);
    await hasText(page.getByTestId('out-row'), 'chữ ký số');
    await page.getByTestId('out-search').fill('');
    await countIs(page.getByTestId('out-row'), 4);

    // The returned draft: the reason on top, both versions, the leader's comment, the route.
    await row(page, ids.returned).click();
    await attrIs(page.getByTestId('out-view'), 'data-status', 'drafting', { timeout: LONG });
    await hasText(page.getByTestId('out-number'), 'Chưa cấp số');
    await hasText(page.getByTestId('out-returned'), 'Đề nghị bổ sung biểu mẫu số liệu');
    await countIs(page.getByTestId('out-version'), 2);
    await hasText(page.locator('[data-testid="out-version"][data-n="1"]').getByTestId('out-comment'), 'Cần nêu rõ biểu mẫu số liệu');
    await hasText(page.locator('[data-testid="out-version"][data-n="2"]'), 'Bổ sung biểu mẫu theo ý kiến Trưởng phòng');
    // The latest version (a PDF) is shown in the viewer.
    await attrIs(page.getByTestId('out-file-caption'), 'data-version', '2');
    await attrIs(page.getByTestId('pdf-viewer'), 'data-status', 'ready', { timeout: LONG });
    await visible(page.getByTestId('out-action-submit'));
    await visible(page.getByTestId('out-action-cancel'));
    await shot(page, 'out-02-returned-draft');
    // The first version is a Word file: offered to download, not in the PDF viewer.
    await page.locator('[data-testid="out-version"][data-n="1"]').getByTestId('out-version-show').click();
    await attrIs(page.getByTestId('out-file-caption'), 'data-version', '1');
    await visible(page.getByTestId('out-docx'));
    await page.getByRole('tab', { name: 'Quy trình' }).click();
    await attrIs(page.locator('[data-testid="out-step"][data-kind="review"]'), 'data-state', 'returned');
    await hasText(page.getByTestId('out-route'), 'Lê Minh Đăng');
    await shot(page, 'out-03-route-returned');

    // "Trình" again: the unit leader suggested, a comments step added, the chairman signs.
    await page.getByTestId('out-action-submit').click();
    const submit = page.locator('.out-submit-dialog .ant-modal');
    await visible(submit);
    await countIs(submit.getByTestId('out-route-step'), 1);
    await hasText(submit.getByTestId('out-route-step'), U['tp.kinhte'].fullName);
    await submit.getByTestId('out-route-add').click();
    await countIs(submit.getByTestId('out-route-step'), 2);
    await submit.getByTestId('out-route-person').nth(1).click();
    await page.keyboard.type('Son');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: U['tp.noichinh'].fullName }).first().click();
    await hasText(submit.getByTestId('out-route-signer'), U.chutich.fullName);
    await hasText(submit.getByTestId('out-route-chain'), `Soạn thảo → Duyệt nội dung: ${U['tp.kinhte'].fullName} → Góp ý: ${U['tp.noichinh'].fullName} → Ký ban hành: ${U.chutich.fullName}`);
    await submit.getByTestId('out-submit-comment').fill('Đã bổ sung biểu mẫu theo ý kiến của Trưởng phòng.');
    await shot(page, 'out-04-submit-route', { height: 1000 });
    await submit.getByTestId('out-submit-ok').click();
    await hidden(submit);
    await attrIs(page.getByTestId('out-view'), 'data-status', 'reviewing');
    await hasText(page.getByTestId('out-status'), 'Đang trình duyệt');

    // "Soạn văn bản": a new công văn with its recipients and its PDF.
    await page.getByTestId('back-to-list').click();
    await page.getByTestId('out-new-button').click();
    const form = page.getByTestId('out-form');
    await visible(form);
    await hasText(form.getByTestId('out-form-type'), 'Công văn');
    await form.getByTestId('out-form-subject').fill('V/v tổ chức hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm 2026');
    await form.getByTestId('out-form-signer').click();
    await page.keyboard.type('Duc');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: U.chutich.fullName }).first().click();
    await expect.poll(() => form.getByTestId('out-form-position').inputValue()).toBe('Chủ tịch');
    await form.getByTestId('out-recipient-units').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-treenode').filter({ hasText: UNITS.internal.name }).locator('.ant-select-tree-node-content-wrapper').click();
    await page.keyboard.press('Escape');
    await form.getByTestId('out-recipient-add').click();
    await form.getByTestId('out-recipient-kind').getByText('Thư điện tử').click();
    await form.getByTestId('out-recipient-name').fill('Sở Nội vụ tỉnh Kon Tum');
    await form.getByTestId('out-recipient-email').fill('snv@kontum');
    await form.getByTestId('out-recipient-add').click();
    await hasText(form.getByTestId('out-recipient-error'), 'Địa chỉ thư điện tử không hợp lệ');
    await form.getByTestId('out-recipient-email').fill('snv@kontum.gov.vn');
    await form.getByTestId('out-recipient-add').click();
    await hasText(form.getByTestId('out-recipient-preview'), `- ${UNITS.internal.name};`);
    await hasText(form.getByTestId('out-recipient-preview'), '- Sở Nội vụ tỉnh Kon Tum;');
    await hasText(form.getByTestId('out-recipient-preview'), '- Lưu: VT, KT.');
    await form.locator('.out-form-card input[type="file"], input[type="file"][accept=".pdf,.docx,.doc"]').first().setInputFiles({ name: 'Hoi-nghi-so-ket-CCHC.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await makeTestPdf({ signerName: U.chutich.fullName })) });
    await visible(form.getByTestId('out-file-input-added'));
    await shot(page, 'out-05-new-draft', { height: 1400 });
    await form.getByTestId('out-form-save').click();
    await attrIs(page.getByTestId('out-view'), 'data-status', 'drafting', { timeout: LONG });
    await hasText(page.getByTestId('out-title'), 'Công văn: V/v tổ chức hội nghị sơ kết');
    await attrIs(page.getByTestId('pdf-viewer'), 'data-status', 'ready', { timeout: LONG });
    await page.getByRole('tab', { name: 'Thông tin' }).click();
    await hasText(page.getByTestId('out-info-recipients'), '- Lưu: VT, KT.');
    await shot(page, 'out-06-new-draft-view');

    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);

  it('the unit leader: what waits for his review, and the review’s actions', async () => {
    const { page, problems } = await open('tp.kinhte');
    await list(page, 'to_review');
    await visible(row(page, ids.review), { timeout: LONG });
    await visible(row(page, ids.returned), { timeout: LONG });
    await hasText(row(page, ids.review), 'Khẩn');
    await shot(page, 'out-07-list-to-review');
    await row(page, ids.review).click();
    await attrIs(page.getByTestId('out-view'), 'data-status', 'reviewing', { timeout: LONG });
    for (const a of ['approve', 'return', 'forward', 'update', 'addVersion']) await visible(page.getByTestId(`out-action-${a}`));
    await expect(page.getByTestId('out-action-sign').count()).resolves.toBe(0);
    await attrIs(page.locator('[data-testid="out-step"][data-kind="review"]'), 'data-state', 'current');
    await countIs(page.getByTestId('out-step'), 4);
    await shot(page, 'out-08-review');
    // Returning needs a reason.
    await page.getByTestId('out-action-return').click();
    const reason = page.locator('.out-reason-dialog .ant-modal');
    await visible(reason);
    await expect(reason.getByTestId('out-reason-ok').isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await hidden(reason);
    // Approving moves it to the next step: comments of Phòng Nội chính.
    await page.getByTestId('out-action-approve').click();
    await visible(reason);
    await reason.getByTestId('out-reason-text').fill('Nội dung phù hợp, đề nghị Phòng Nội chính góp ý.');
    await reason.getByTestId('out-reason-ok').click();
    await hidden(reason);
    await attrIs(page.locator('[data-testid="out-step"][data-kind="comment"]'), 'data-state', 'current');
    await hasText(page.getByTestId('out-route'), 'Nội dung phù hợp, đề nghị Phòng Nội chính góp ý.');
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);

  it('the chairman: the decision waiting for his signature, the signing dialog, signed', async () => {
    const { page, problems } = await open('chutich');
    await list(page, 'to_sign');
    await visible(row(page, ids.toSign), { timeout: LONG });
    await textIs(page.getByTestId('out-count-to_sign'), '1');
    await visible(page.getByTestId('nav-outgoing-count'));
    await row(page, ids.toSign).click();
    await attrIs(page.getByTestId('out-view'), 'data-status', 'to_sign', { timeout: LONG });
    await hasText(page.getByTestId('out-route'), 'Đồng ý nội dung, kính trình Chủ tịch ký ban hành.');
    await page.getByTestId('out-action-sign').click();
    const dialog = page.locator('.out-sign-dialog .ant-modal');
    await visible(dialog);
    await hasText(dialog, 'Chưa có chứng thư số nào trên máy này.');
    // The page the signature goes on, with its box.
    await attrIs(dialog.getByTestId('out-sign-preview'), 'data-ready', 'true', { timeout: LONG });
    await visible(dialog.getByTestId('out-sign-box'));

    // Importing his .p12: a wrong password is said so, in Vietnamese.
    await dialog.getByTestId('out-sign-import').click();
    await dialog.getByTestId('out-import').locator('input[type="file"]').setInputFiles({ name: 'Tran-Van-Duc.p12', mimeType: 'application/x-pkcs12', buffer: Buffer.from(chairmanP12) });
    await hasText(dialog.getByTestId('out-import-file'), 'Tran-Van-Duc.p12');
    await dialog.getByTestId('out-import-password').fill('sai mật khẩu');
    await dialog.getByTestId('out-import-ok').click();
    await hasText(dialog.getByTestId('out-import-error'), 'Mật khẩu của tệp chứng thư số không đúng.');
    await shot(page, 'out-09-import-wrong-password', { height: 1000 });
    await dialog.getByTestId('out-import-password').fill(P12_PASSWORD);
    await dialog.getByTestId('out-import-ok').click();
    await countIs(dialog.getByTestId('out-sign-key'), 1, { timeout: LONG });
    // The certificate: who, which CA, valid when (dd/MM/yyyy).
    await hasText(dialog.getByTestId('out-cert-subject'), U.chutich.fullName);
    await hasText(dialog.getByTestId('out-cert-issuer'), 'Cục Chứng thực số và Bảo mật thông tin (thử nghiệm)');
    await hasText(dialog.getByTestId('out-cert-validity'), 'Từ 01/01/2025 đến 01/01/2030');
    await dialog.getByTestId('out-sign-password').fill(P12_PASSWORD);
    await shot(page, 'out-10-sign-dialog', { height: 1000 });
    await dialog.getByTestId('out-sign-ok').click();
    await hidden(dialog, { timeout: LONG });
    await attrIs(page.getByTestId('out-view'), 'data-status', 'to_issue', { timeout: LONG });
    await hasText(page.getByTestId('out-status'), 'Chờ cấp số');
    // The signed PDF is version 2; its signature is listed with the certificate.
    await page.getByRole('tab', { name: /Phiên bản/u }).click();
    await attrIs(page.locator('[data-testid="out-version"]').first(), 'data-kind', 'signed');
    await page.getByRole('tab', { name: 'Thông tin' }).click();
    await hasText(page.getByTestId('out-signatures'), U.chutich.fullName);
    await shot(page, 'out-11-signed');
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);

  it('the clerk: the issuing form, the number, the seal, and the dispatch panel', async () => {
    const { page, problems } = await open('vanthu');
    await list(page, 'to_issue');
    await visible(row(page, ids.toSign), { timeout: LONG });
    await shot(page, 'out-12-list-to-issue');
    await row(page, ids.toSign).click();
    await attrIs(page.getByTestId('out-view'), 'data-status', 'to_issue', { timeout: LONG });
    await page.getByTestId('out-action-issue').click();
    const issue = page.locator('.out-issue-dialog .ant-modal');
    await visible(issue);
    await hasText(issue.getByTestId('out-issue-register'), 'Sổ văn bản đi');
    await hasText(issue.getByTestId('out-issue-symbol'), 'Số: …/QĐ-UBND');
    await hasText(issue.getByTestId('out-issue-note'), 'Số do hệ thống cấp');
    await shot(page, 'out-13-issue-form');
    await issue.getByTestId('out-issue-ok').click();
    // The server gives the number on the push; the form follows.
    await attrIs(issue.getByTestId('out-issue'), 'data-status', 'numbered', { timeout: LONG });
    await hasText(issue.getByTestId('out-issue-symbol'), 'Số: 01/QĐ-UBND');
    await hasText(issue.getByTestId('out-issue-numbered'), `Đã cấp số 01/QĐ-UBND, ngày ${formatDateVi(vnToday())}`);
    await shot(page, 'out-14-numbered');

    // "Đóng dấu & phát hành" with the agency's key.
    await issue.getByTestId('out-issue-seal').click();
    const seal = page.locator('.out-sign-dialog .ant-modal');
    await visible(seal);
    await attrIs(seal.getByTestId('out-sign-dialog'), 'data-mode', 'seal');
    await seal.getByTestId('out-sign-import').click();
    await seal.getByTestId('out-import').locator('input[type="file"]').setInputFiles({ name: 'UBND-tinh-Kon-Tum.p12', mimeType: 'application/x-pkcs12', buffer: Buffer.from(agencyP12) });
    await seal.getByTestId('out-import-password').fill(P12_PASSWORD);
    await seal.getByTestId('out-import-ok').click();
    await hasText(seal.getByTestId('out-cert-subject'), 'Ủy ban nhân dân tỉnh Kon Tum');
    await attrIs(seal.getByTestId('out-sign-preview'), 'data-ready', 'true', { timeout: LONG });
    await seal.getByTestId('out-sign-password').fill(P12_PASSWORD);
    await shot(page, 'out-15-seal-dialog', { height: 1000 });
    await seal.getByTestId('out-sign-ok').click();
    await hidden(seal, { timeout: LONG });
    await attrIs(page.getByTestId('out-view'), 'data-status', 'issued', { timeout: LONG });
    await hasText(page.getByTestId('out-number'), `Số: 01/QĐ-UBND, ngày ${formatDateVi(vnToday())}`);

    // The dispatch panel: every recipient not sent yet; the units and the paper copy sent.
    await visible(page.getByTestId('out-dispatch'));
    await countIs(page.getByTestId('out-delivery'), 4);
    await countIs(page.locator('[data-testid="out-delivery"][data-state="pending"]'), 4);
    await hasText(page.getByTestId('out-dispatch'), 'Lưu: VT, VP');
    await shot(page, 'out-16-dispatch-pending');
    await page.getByTestId('out-dispatch-all').click();
    await hasText(page.getByTestId('out-dispatch-send'), '(3)');
    await hasText(page.getByTestId('out-dispatch-mail'), '(1)');
    await page.getByTestId('out-dispatch-note').fill('Gửi qua hệ thống và bưu điện');
    await page.getByTestId('out-dispatch-send').click();
    // Units inside the agency receive it as incoming (the server registers their copy).
    await countIs(page.locator('[data-testid="out-delivery"][data-kind="unit"][data-state="received"]'), 2, { timeout: LONG });
    await attrIs(page.locator('[data-testid="out-delivery"][data-kind="paper"]'), 'data-state', 'sent');
    // The post delivered the paper copy.
    await page.locator('[data-testid="out-delivery"][data-kind="paper"]').getByTestId('out-delivery-record').click();
    const deliver = page.locator('.out-dialog .ant-modal').filter({ hasText: 'Ghi nhận giao nhận' });
    await visible(deliver);
    await deliver.getByText('Đã nhận', { exact: true }).click();
    await deliver.getByTestId('out-deliver-note').fill('Bưu điện đã phát, phiếu báo phát số 0412');
    await deliver.getByRole('button', { name: 'Lưu' }).click();
    await hidden(deliver);
    await attrIs(page.locator('[data-testid="out-delivery"][data-kind="paper"]'), 'data-state', 'received', { timeout: LONG });
    await hasText(page.getByTestId('out-dispatch-summary'), '3/4 nơi đã nhận');
    // Without an official mail account, sending by mail says what is missing.
    await page.locator('[data-testid="out-delivery"][data-kind="mail"]').getByTestId('out-delivery-pick').check();
    await page.getByTestId('out-dispatch-mail').click();
    await hasText(page.locator('.ant-message'), 'Chưa cấu hình tài khoản thư điện tử công vụ');
    await shot(page, 'out-17-dispatch-done');

    // "Đã phát hành": the number, and "3/4 đã nhận".
    await list(page, 'issued');
    await visible(row(page, ids.toSign), { timeout: LONG });
    await hasText(row(page, ids.toSign).getByTestId('out-row-number'), '01/QĐ-UBND');
    await hasText(row(page, ids.toSign).getByTestId('out-row-delivery'), '3/4 đã nhận');
    await shot(page, 'out-18-list-issued');
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);

  it('in English: the lists and the issued document, dates still dd/MM/yyyy', async () => {
    const page = windows.vanthu!.page;
    await page.getByTestId('lang-switch').getByText('EN').click();
    await list(page, 'all');
    await hasText(page.getByTestId('out-tabs'), 'Awaiting number');
    await hasText(row(page, ids.toSign).getByTestId('status-tag'), 'Issued');
    await hasText(row(page, ids.toSign).getByTestId('out-row-delivery'), '3/4 received');
    await shot(page, 'out-19-list-en');
    await openDoc(page, ids.toSign);
    await hasText(page.getByTestId('out-number'), `No. 01/QĐ-UBND, ${formatDateVi(vnToday())}`);
    await shot(page, 'out-20-issued-en');
    await page.getByTestId('lang-switch').getByText('VI').click();
  }, 120_000);

  it('a reply to an incoming document: the form filled from it, the link kept', async () => {
    const { page, problems } = windows.vanthu!;
    const incomingId = await (await as('vanthu')).register({ subject: 'Về việc báo cáo tình hình ứng dụng chữ ký số năm 2026', codeNumber: '318', codeNotation: 'STTTT-CĐS' });
    await page.evaluate(`location.hash = '#/outgoing/new?replyTo=${incomingId}'`);
    const form = page.getByTestId('out-form');
    await visible(form, { timeout: LONG });
    await hasText(page.getByTestId('out-new-origin'), 'Trả lời văn bản đến: 318/STTTT-CĐS — Về việc báo cáo tình hình ứng dụng chữ ký số năm 2026');
    await expect.poll(() => form.getByTestId('out-form-subject').inputValue()).toMatch(/^V\/v trả lời công văn số 318\/STTTT-CĐS ngày \d{2}\/\d{2}\/\d{4} của /u);
    // The sender is the recipient; the clerks keep their copy.
    await hasText(form.getByTestId('out-recipient-preview'), '- Lưu: VT, VP.');
    await countIs(form.locator('[data-testid="out-recipient"][data-kind="paper"]'), 1);
    await form.getByTestId('out-form-signer').click();
    await page.keyboard.type('Duc');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: U.chutich.fullName }).first().click();
    await shot(page, 'out-21-reply-form', { height: 1200 });
    await form.getByTestId('out-form-save').click();
    await attrIs(page.getByTestId('out-view'), 'data-status', 'drafting', { timeout: LONG });
    await page.getByRole('tab', { name: 'Thông tin' }).click();
    await hasText(page.getByTestId('out-reply-link'), 'Về việc báo cáo tình hình ứng dụng chữ ký số năm 2026');
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
