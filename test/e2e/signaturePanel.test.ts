/**
 * Digital signatures as a reader meets them (#10), in Chromium over the real server: PDFs
 * really signed by the signing engine (src/node/pdfsign) with certificates of a test PKI,
 * registered as incoming documents through the server's API; the agency trusts the test root
 * (its administrator set it). The PDF viewer's badge and "Chữ ký số" panel tell a valid
 * signature, an issued document's two signatures, one from an unknown CA and an unsigned
 * file apart; the registers page ("Sổ văn bản") downloads the incoming register as a PDF
 * that lists the documents (read back with pdf.js) and as XLSX. Screenshots: sig-*.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sealImage, signatureImage, signPdf, type SigningKey } from '../../src/node/pdfsign/index.js';
import { http, login, PushClient, uploadPdf } from '../helpers/api.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { makeTestPdf } from '../helpers/testPdfs.js';
import { AGENCY, SIGNING_TIME, testPki } from '../helpers/testPki.js';
import { expectApplied, OutgoingFlow, outgoingOf, pullIncoming } from '../server/outgoingSupport.js';
import { attrIs, countIs, cspViolations, ensureRendererBuilt, hasText, launchChromium, openWindow, shot, signIn, startDesktop, typeDate, visible, type Desktop, type UserWindow } from './support.js';

const LONG = 60_000;

/** A visible signature (an image and the name in a box low on page 1), with text stamped in the same revision. */
const sign = (pdf: Uint8Array, key: SigningKey, fieldName: string, o: { image: Uint8Array; lines: string[]; x: number; stamps?: string[] }): Promise<Uint8Array> =>
  signPdf(pdf, key, {
    signingTime: SIGNING_TIME,
    fieldName,
    appearance: { page: 0, rect: { x: o.x, y: 90, width: 170, height: 80 }, image: o.image, lines: o.lines },
    stamps: (o.stamps ?? []).map((text, i) => ({ page: 0, x: 80, y: 700 - 14 * i, size: 11, text })),
  });

/** The text of every page of a PDF, whitespace squeezed (pdf.js, as the other tests read printed files). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join(' ') + '\n';
  }
  await pdf.destroy();
  return text.normalize('NFC').replace(/\s+/gu, ' ');
}

describe('e2e: digital signatures in the PDF viewer, and the registers', () => {
  let server: TestServer;
  let browser: Browser;
  let desktop: Desktop;
  let clerk: UserWindow;
  const docs = { valid: '', issued: '', stranger: '', unsigned: '', expired: '' };
  const SUBJECTS = {
    valid: 'Về việc triển khai chữ ký số năm 2026',
    issued: 'Về việc ban hành quy chế văn thư',
    stranger: 'Về việc mời họp (chữ ký lạ)',
    unsigned: 'Về việc góp ý dự thảo (bản giấy)',
    expired: 'Về việc cử cán bộ dự tập huấn',
  };

  /** Open a document and wait for its PDF and for the core's check of its signatures. */
  const openDocument = async (page: Page, id: string): Promise<void> => {
    await page.evaluate(`location.hash = '#/incoming/${id}'`);
    await attrIs(page.getByTestId('pdf-viewer'), 'data-status', 'ready', { timeout: LONG });
    await attrIs(page.getByTestId('sig-badge'), 'data-state', /^(valid|valid_with_later_additions|invalid|untrusted|none)$/u, { timeout: LONG });
  };
  const openPanel = async (page: Page): Promise<void> => {
    if ((await page.getByTestId('sig-panel').count()) === 0) await page.getByTestId('sig-badge').click();
    await visible(page.getByTestId('sig-panel'));
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    server = await startTestServer();
    const pki = await testPki();

    // The administrator makes the test root one the agency trusts (in production: the national CA roots).
    const admin = await login(server.url, 'quantri');
    const settings = await http(server.url, 'GET', '/admin/outgoing-settings', { token: admin });
    const put = await http(server.url, 'PUT', '/admin/outgoing-settings', { token: admin, json: { ...settings.body, trustedRoots: [Buffer.from(pki.root.certificate).toString('base64')] } });
    expect(put.status).toBe(200);

    // Letters signed by the chairman; signed, numbered and sealed (as issued); signed under an unknown CA; signed with a certificate expired before; unsigned.
    const letter = (): Promise<Uint8Array> => makeTestPdf({ signerName: 'Trần Minh Quang' });
    const chairman = { image: await signatureImage('Trần Minh Quang'), lines: ['Trần Minh Quang'], x: 360 };
    const signed = await sign(await letter(), pki.personKey, 'ChuKyNguoiKy', chairman);
    const issued = await sign(await sign(await letter(), pki.personKey, 'ChuKyNguoiKy', chairman), pki.organisationKey, 'ChuKyCoQuan', {
      image: await sealImage(AGENCY),
      lines: [],
      x: 330,
      stamps: ['Số: 12/UBND-VP'],
    });
    const stranger = await sign(await letter(), pki.unknownKey, 'Signature1', { image: await signatureImage('Phạm Văn Mạo'), lines: ['Phạm Văn Mạo'], x: 360 });
    const expired = await sign(await letter(), pki.expiredKey, 'Signature1', { image: await signatureImage('Lê Thị Hoa'), lines: ['Lê Thị Hoa'], x: 360 });
    const unsigned = await letter();

    const token = await login(server.url, 'vanthu');
    const push = new PushClient(server.url, token);
    const register = async (bytes: Uint8Array, subject: string, n: number): Promise<string> => {
      const file = await uploadPdf(server.url, token, bytes);
      return push.register({ subject, codeNumber: String(700 + n), codeNotation: 'UBND-VP', issuer: 'Ủy ban nhân dân tỉnh Kon Tum' }, [{ ...file, name: `van-ban-${n}.pdf` }]);
    };
    docs.valid = await register(signed, SUBJECTS.valid, 1);
    docs.issued = await register(issued, SUBJECTS.issued, 2);
    docs.stranger = await register(stranger, SUBJECTS.stranger, 3);
    docs.unsigned = await register(unsigned, SUBJECTS.unsigned, 4);
    docs.expired = await register(expired, SUBJECTS.expired, 5);
    // The chairman gives the first one to a specialist to handle (and so to answer).
    const leader = new PushClient(server.url, await login(server.url, 'chutich'));
    await leader.apply('incoming.assign', {
      documentId: docs.valid,
      instruction: 'Giao đồng chí Hằng tham mưu văn bản trả lời.',
      assignments: [{ id: randomUUID(), role: 'main', unitId: null, userId: U['cv.kinhte1'].id, deadline: null }],
    });

    browser = await launchChromium();
    desktop = await startDesktop();
    clerk = await openWindow(browser, desktop);
    await signIn(clerk.page, server.url, 'vanthu');
  }, 300_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !clerk) return;
    await shot(clerk.page, `failed-sig-${ctx.task.name.slice(0, 30).replace(/\W+/gu, '-')}`).catch(() => {});
  });

  afterAll(async () => {
    await clerk?.context.close().catch(() => {});
    await browser?.close();
    await desktop?.close().catch(() => {});
    await server?.close().catch(() => {});
  });

  it('a signature from a trusted CA: the signer, "Hợp lệ", unchanged, trusted, and revocation plainly not checked', async () => {
    const { page } = clerk;
    await openDocument(page, docs.valid);
    const badge = page.getByTestId('sig-badge');
    await attrIs(badge, 'data-state', 'valid');
    await hasText(badge, '1 chữ ký số · Hợp lệ');
    await openPanel(page);
    const card = page.getByTestId('sig-card');
    await expect.poll(() => card.count()).toBe(1);
    await hasText(card.getByTestId('sig-signer'), 'Trần Minh Quang');
    await hasText(card.getByTestId('sig-status'), 'Hợp lệ');
    await hasText(card, 'Ủy ban nhân dân tỉnh Kon Tum');
    await hasText(card, 'CA phục vụ các cơ quan Nhà nước (thử nghiệm)');
    await hasText(card, '25/11/2026 10:30');
    await hasText(card.getByTestId('sig-change'), 'Không thay đổi sau khi ký');
    await hasText(card.getByTestId('sig-chain'), 'Chứng thư do tổ chức tin cậy cấp');
    await hasText(card.getByTestId('sig-validity'), 'Chứng thư còn hiệu lực khi ký');
    await hasText(card.getByTestId('sig-revocation'), 'Chưa kiểm tra thu hồi chứng thư (cần kết nối mạng tới CA)');
    await shot(page, 'sig-01-valid');
  }, 180_000);

  it('an issued document: the signer’s signature with the number and the agency’s signature added after it, valid as a whole', async () => {
    const { page } = clerk;
    await openDocument(page, docs.issued);
    await attrIs(page.getByTestId('sig-badge'), 'data-state', 'valid');
    await hasText(page.getByTestId('sig-badge'), '2 chữ ký số · Hợp lệ');
    await openPanel(page);
    const cards = page.getByTestId('sig-card');
    await expect.poll(() => cards.count()).toBe(2);
    // In the order they were applied: the chairman, then the agency.
    await hasText(cards.nth(0).getByTestId('sig-signer'), 'Trần Minh Quang');
    await hasText(cards.nth(0).getByTestId('sig-status'), 'Hợp lệ, có bổ sung sau khi ký');
    await hasText(cards.nth(0).getByTestId('sig-change'), 'Có bổ sung sau khi ký (số, chữ ký cơ quan)');
    await hasText(cards.nth(1).getByTestId('sig-signer'), 'Ủy ban nhân dân tỉnh Kon Tum');
    await hasText(cards.nth(1).getByTestId('sig-status'), 'Hợp lệ');
    await hasText(cards.nth(1).getByTestId('sig-change'), 'Không thay đổi sau khi ký');
    await shot(page, 'sig-02-issued-two-signatures');
  }, 180_000);

  it('a certificate from an unknown CA: "Không tin cậy"; an expired one; an unsigned PDF says it has no signature', async () => {
    const { page } = clerk;
    await openDocument(page, docs.stranger);
    await attrIs(page.getByTestId('sig-badge'), 'data-state', 'untrusted');
    await hasText(page.getByTestId('sig-badge'), 'Không tin cậy');
    await openPanel(page);
    const card = page.getByTestId('sig-card');
    await hasText(card.getByTestId('sig-signer'), 'Phạm Văn Mạo');
    await hasText(card.getByTestId('sig-status'), 'Không tin cậy');
    await hasText(card.getByTestId('sig-chain'), 'Không xác định được tổ chức cấp (CA lạ)');
    // The content itself was not touched: that is said too, so the reader knows what the warning is about.
    await hasText(card.getByTestId('sig-change'), 'Không thay đổi sau khi ký');
    await shot(page, 'sig-03-unknown-ca');

    // A certificate that had expired when the document was signed: not a valid signature, and said why.
    await openDocument(page, docs.expired);
    await attrIs(page.getByTestId('sig-badge'), 'data-state', /^(invalid|untrusted)$/u);
    await openPanel(page);
    await hasText(page.getByTestId('sig-card').getByTestId('sig-validity'), 'Chứng thư đã hết hạn khi ký!');
    await shot(page, 'sig-03b-expired');

    await openDocument(page, docs.unsigned);
    await attrIs(page.getByTestId('sig-badge'), 'data-state', 'none');
    await hasText(page.getByTestId('sig-badge'), 'Không có chữ ký số');
    await openPanel(page);
    await hasText(page.getByTestId('sig-none'), 'Văn bản không có chữ ký số');
    await shot(page, 'sig-04-unsigned');

    expect(await cspViolations(page)).toEqual([]);
    expect(clerk.problems).toEqual([]);
  }, 180_000);

  it('"Sổ văn bản": the incoming register of dates typed dd/MM/yyyy downloads as a PDF listing the documents, and as XLSX', async () => {
    const { page } = clerk;
    await page.getByTestId('nav').getByText('Sổ văn bản').click();
    await visible(page.getByTestId('registers-page'));
    await page.getByTestId('registers-book').getByText('Sổ văn bản đến').click();
    await page.getByTestId('registers-preset').getByText('Tháng này').click();
    await hasText(page.getByTestId('registers-summary'), 'Sổ văn bản đến');
    // "Tùy chọn": the dates typed dd/MM/yyyy.
    await page.getByTestId('registers-preset').getByText('Tùy chọn').click();
    const range = page.locator('.registers-period .ant-picker-range');
    await typeDate(range.locator('input').nth(0), '01/11/2026');
    await typeDate(range.locator('input').nth(1), '31/12/2026');
    await hasText(page.getByTestId('registers-summary'), '01/11/2026 – 31/12/2026');
    await shot(page, 'sig-05-registers');

    const pdfDownload = page.waitForEvent('download', { timeout: LONG });
    await page.getByTestId('registers-pdf').click();
    const pdfFile = await pdfDownload;
    expect(pdfFile.suggestedFilename()).toMatch(/\.pdf$/u);
    const bytes = new Uint8Array(readFileSync(await pdfFile.path()));
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    const squash = (s: string): string => s.replace(/\s+/gu, '');
    expect(squash(text)).toContain(squash('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN'));
    for (const n of [1, 2, 3, 4, 5]) expect(squash(text)).toContain(`${700 + n}/UBND-VP`);
    expect(squash(text)).toContain(squash('triển khai chữ ký số'));

    const xlsxDownload = page.waitForEvent('download', { timeout: LONG });
    await page.getByTestId('registers-xlsx').click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/u);
    expect(Buffer.from(readFileSync(await xlsx.path()).subarray(0, 2)).toString('latin1')).toBe('PK');

    // The same register in the app's viewer, before anyone prints it.
    await page.getByTestId('registers-preview').click();
    await attrIs(page.locator('.registers-preview-dialog [data-testid="pdf-viewer"]'), 'data-status', 'ready', { timeout: LONG });
    await shot(page, 'sig-06-register-preview');
    await page.keyboard.press('Escape');

    // The outgoing book: which of the agency's registers.
    await page.getByTestId('registers-book').getByText('Sổ văn bản đi').click();
    await visible(page.getByTestId('registers-register'));
    await hasText(page.getByTestId('registers-register'), 'Tất cả sổ văn bản đi');
    await hasText(page.getByTestId('registers-summary'), 'Sổ văn bản đi');
    await shot(page, 'sig-05b-registers-outgoing');

    expect(await cspViolations(page)).toEqual([]);
    expect(clerk.problems).toEqual([]);
  }, 180_000);

  it('the handler of a document answers it: "Trả lời văn bản" opens a draft that names it; the clerk who only registered it has no such button', async () => {
    await countIs(clerk.page.getByTestId('action-reply'), 0);
    const d = await startDesktop();
    const w = await openWindow(browser, d);
    try {
      await signIn(w.page, server.url, 'cv.kinhte1');
      await w.page.evaluate(`location.hash = '#/incoming/${docs.valid}'`);
      await visible(w.page.getByTestId('action-reply'), { timeout: LONG });
      // Anyone reading the file sees its signature checked, not only the clerk.
      await attrIs(w.page.getByTestId('sig-badge'), 'data-state', 'valid', { timeout: LONG });
      await shot(w.page, 'sig-07-reply-button');
      await w.page.getByTestId('action-reply').click();
      await visible(w.page.getByTestId('out-new'));
      await hasText(w.page.getByTestId('out-new-origin'), '701/UBND-VP', { timeout: LONG });
      expect(w.page.url()).toContain(`replyTo=${docs.valid}`);
      expect(w.problems).toEqual([]);
    } finally {
      await w.context.close();
      await d.close();
    }
  }, 180_000);

  it('a unit’s copy of the agency’s own document: "Văn bản nội bộ do … phát hành"; once revoked: the reason, and no file', async () => {
    // Two documents drafted in Phòng Kinh tế, signed, numbered, sealed and sent to Phòng Nội chính; the second one revoked.
    const tokens = { 'cv.kinhte1': await login(server.url, 'cv.kinhte1'), chutich: await login(server.url, 'chutich'), vanthu: await login(server.url, 'vanthu') };
    const flow = new OutgoingFlow(server.url, tokens);
    const sendToUnit = async (subject: string): Promise<string> => {
      const recipient = { id: randomUUID(), kind: 'unit', unitId: UNITS.internal.id, name: 'Phòng Nội chính' };
      const id = await flow.issued('cv.kinhte1', { fields: { subject }, recipients: [recipient] });
      expectApplied(await flow.client('vanthu').send('outgoing.dispatch', { documentId: id, recipientIds: [recipient.id] }));
      return (await outgoingOf(server.url, tokens.vanthu, id))!.deliveries[0]!.incomingId!;
    };
    const kept = await sendToUnit('V/v rà soát hồ sơ đất đai năm 2026');
    const revoked = await sendToUnit('V/v tổ chức hội nghị (ban hành nhầm)');
    const revokedFrom = [...(await pullIncoming(server.url, await login(server.url, 'tp.noichinh'))).records.values()].find((d) => d.id === revoked)!.origin!.outgoingId;
    expectApplied(await flow.client('chutich').send('outgoing.revoke', { documentId: revokedFrom, reason: 'Ban hành sai thẩm quyền' }));

    const d = await startDesktop();
    const w = await openWindow(browser, d);
    try {
      await signIn(w.page, server.url, 'tp.noichinh');
      await openDocument(w.page, kept);
      await hasText(w.page.getByTestId('origin-alert'), `Văn bản nội bộ do ${FIXTURE_ORG.agency.name} phát hành`);
      // The issued copy carries the chairman's and the agency's signatures, both checked.
      await hasText(w.page.getByTestId('sig-badge'), '2 chữ ký số · Hợp lệ');
      // The unit that received it answers it.
      await visible(w.page.getByTestId('action-reply'));
      await shot(w.page, 'sig-08-internal-copy');

      await w.page.evaluate(`location.hash = '#/incoming/${revoked}'`);
      await hasText(w.page.getByTestId('revoked-alert'), 'Văn bản đã bị thu hồi: Ban hành sai thẩm quyền', { timeout: LONG });
      await visible(w.page.getByTestId('revoked-files'));
      await countIs(w.page.getByTestId('pdf-viewer'), 0);
      await countIs(w.page.getByTestId('action-reply'), 0);
      await countIs(w.page.getByTestId('action-send-mail'), 0);
      await countIs(w.page.getByTestId('action-create-task'), 0);
      await shot(w.page, 'sig-09-revoked-copy');
      expect(w.problems).toEqual([]);
    } finally {
      await w.context.close();
      await d.close();
    }
  }, 240_000);
});
