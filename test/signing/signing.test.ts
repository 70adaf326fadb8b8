/**
 * The signing engine end to end on real PDFs (pdf-lib, both cross-reference styles): the
 * signer's signature, then the agency's seal with the number and date stamped in the same
 * revision; each checked by poppler's pdfsig (with an NSS database trusting the test root) and
 * by our own verifier; and the cases a reader must be told about: a tampered byte, page content
 * replaced after signing, an unknown CA, an expired certificate, a damaged signature.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/i18n/errors.js';
import { IncrementalUpdate } from '../../src/node/pdfsign/incremental.js';
import { findPlacement, issueStamps, sealImage, signatureImage, signPdf, verifyPdfSignatures, type SigningKey } from '../../src/node/pdfsign/index.js';
import { readPdf } from '../../src/node/pdfsign/pdfFile.js';
import { makeTestPdf } from '../helpers/testPdfs.js';
import { nssDbTrusting, pdfsig, SIGNING_TIME, testPki, type TestPki } from '../helpers/testPki.js';

let pki: TestPki;
let nss: string;
let dir: string;
let roots: Uint8Array[];

beforeAll(async () => {
  pki = await testPki();
  nss = nssDbTrusting(pki.root.certificate);
  dir = mkdtempSync(join(tmpdir(), 'ioffice-signing-'));
  roots = [pki.root.certificate];
});

afterAll(() => {
  rmSync(nss, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

function save(name: string, bytes: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** The signer signs where the document says (above the name), with the blue signature image. */
async function signAsSigner(pdf: Uint8Array, key: SigningKey = pki.personKey): Promise<Uint8Array> {
  const place = await findPlacement(pdf, { signerName: 'Trần Minh Quang' });
  return signPdf(pdf, key, {
    signingTime: SIGNING_TIME,
    reason: 'Ký ban hành văn bản',
    location: 'Kon Tum',
    fieldName: 'ChuKyNguoiKy',
    appearance: { page: place.signerRect.page, rect: place.signerRect.rect, image: await signatureImage('Trần Minh Quang'), lines: ['CHỦ TỊCH', 'Trần Minh Quang'] },
  });
}

/** The clerk stamps the number and the date and seals with the agency's certificate. */
async function seal(signed: Uint8Array): Promise<Uint8Array> {
  const place = await findPlacement(signed, { signerName: 'Trần Minh Quang' });
  return signPdf(signed, pki.organisationKey, {
    signingTime: new Date(SIGNING_TIME.getTime() + 3600_000),
    reason: 'Phát hành văn bản số 123/UBND-VP',
    fieldName: 'ChuKyCoQuan',
    appearance: { page: place.sealRect.page, rect: place.sealRect.rect, image: await sealImage('Ủy ban nhân dân tỉnh Kon Tum') },
    stamps: issueStamps(place, { number: '123', symbol: 'UBND-VP', date: SIGNING_TIME }),
  });
}

describe.each(['stream', 'table'] as const)('a document saved with an xref %s', (xref) => {
  it('is signed by the signer as an incremental update that pdfsig and our verifier accept', async () => {
    const pdf = await makeTestPdf({ xref, pages: 2 });
    const signed = await signAsSigner(pdf);
    // Incremental: the original bytes are kept as they were.
    expect(Buffer.from(signed.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    const [p] = pdfsig(save(`signed-${xref}.pdf`, signed), nss);
    expect(p).toMatchObject({ field: 'ChuKyNguoiKy', commonName: 'Trần Minh Quang', valid: true, certificate: 'Certificate is Trusted.', totalDocumentSigned: true });
    expect(p!.signingTime).toBe('Nov 25 2026 03:30:00');
    const [check, ...rest] = await verifyPdfSignatures(signed, { trustedRoots: roots, now: SIGNING_TIME });
    expect(rest).toEqual([]);
    expect(check).toMatchObject({
      fieldName: 'ChuKyNguoiKy',
      subFilter: 'ETSI.CAdES.detached',
      signingTime: SIGNING_TIME.toISOString(),
      reason: 'Ký ban hành văn bản',
      location: 'Kon Tum',
      integrity: 'intact',
      coversWholeFile: true,
      laterRevisions: 0,
      laterChanges: 'none',
      chain: 'trusted',
      validity: 'valid',
      expiredNow: false,
      revocation: 'not_checked_offline',
      status: 'valid',
      problems: [],
    });
    expect(check!.signer).toMatchObject({ commonName: 'Trần Minh Quang', organisation: 'Ủy ban nhân dân tỉnh Kon Tum', title: 'Chủ tịch', issuerCommonName: 'CA phục vụ các cơ quan Nhà nước (thử nghiệm)' });
    expect(check!.embedded.map((c) => c.commonName)).toEqual(['CA phục vụ các cơ quan Nhà nước (thử nghiệm)', 'Cục Chứng thực số và Bảo mật thông tin (thử nghiệm)']);
  });

  it('keeps the signer\'s signature intact when the clerk stamps the number and seals', async () => {
    const sealed = await seal(await signAsSigner(await makeTestPdf({ xref, pages: 2 })));
    const report = pdfsig(save(`sealed-${xref}.pdf`, sealed), nss);
    expect(report.map((r) => [r.field, r.commonName, r.valid, r.certificate, r.totalDocumentSigned])).toEqual([
      ['ChuKyNguoiKy', 'Trần Minh Quang', true, 'Certificate is Trusted.', false],
      ['ChuKyCoQuan', 'Ủy ban nhân dân tỉnh Kon Tum', true, 'Certificate is Trusted.', true],
    ]);
    const checks = await verifyPdfSignatures(sealed, { trustedRoots: roots, now: SIGNING_TIME });
    expect(checks.map((c) => [c.fieldName, c.integrity, c.coversWholeFile, c.laterRevisions, c.laterChanges, c.status])).toEqual([
      ['ChuKyNguoiKy', 'intact', false, 1, 'additions', 'valid_with_later_additions'],
      ['ChuKyCoQuan', 'intact', true, 0, 'none', 'valid'],
    ]);
    // The stamps are text a reader finds (pdf.js reads FreeText appearances), on page 1.
    const doc = await getDocument({ data: new Uint8Array(sealed), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
    const annotations = (await (await doc.getPage(1)).getAnnotations()) as { subtype: string; textContent?: string[] }[];
    const stamped = annotations.filter((a) => a.subtype === 'FreeText').map((a) => a.textContent?.join(''));
    expect(stamped).toEqual(['123', '25', '11']);
    await doc.destroy();
  });
});

it('signs and seals a document Chromium printed (PDF 1.4, classic xref table)', async () => {
  const html = join(dir, 'letter.html');
  writeFileSync(
    html,
    `<html><head><meta charset="utf-8"><style>body{font-family:'DejaVu Serif';font-size:13pt} .r{text-align:right}</style></head><body>
<p>ỦY BAN NHÂN DÂN TỈNH KON TUM</p><p>Số:&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/UBND-VP</p>
<p class="r"><i>Kon Tum, ngày&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;tháng&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;năm 2026</i></p>
<p>Văn bản in từ trình duyệt.</p><p class="r"><b>CHỦ TỊCH</b></p><br><br><br><br><p class="r"><b>Trần Minh Quang</b></p></body></html>`,
  );
  const printed = join(dir, 'chromium.pdf');
  execFileSync('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', '--disable-background-networking', '--no-first-run', `--print-to-pdf=${printed}`, `file://${html}`], { stdio: 'ignore', timeout: 60_000 });
  const pdf = new Uint8Array(readFileSync(printed));
  expect((await readPdf(pdf)).lastXref.stream).toBe(false);
  const sealed = await seal(await signAsSigner(pdf));
  expect(pdfsig(save('chromium-sealed.pdf', sealed), nss).map((r) => r.valid)).toEqual([true, true]);
  const checks = await verifyPdfSignatures(sealed, { trustedRoots: roots, now: SIGNING_TIME });
  expect(checks.map((c) => c.status)).toEqual(['valid_with_later_additions', 'valid']);
});

it('puts the number right before the printed symbol and the date in its blanks', async () => {
  const pdf = await makeTestPdf({ xref: 'table' });
  const place = await findPlacement(pdf, { signerName: 'Trần Minh Quang' });
  const stamps = issueStamps(place, { number: '07', symbol: 'UBND-VP', date: new Date('2026-02-03T02:00:00Z') });
  const sealed = await signPdf(pdf, pki.organisationKey, { signingTime: SIGNING_TIME, appearance: null, stamps });
  // Read back: each stamp's text where the blank was, on the header lines' baseline.
  const doc = await getDocument({ data: new Uint8Array(sealed), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const annotations = (await page.getAnnotations()) as { subtype: string; textContent?: string[]; rect: number[] }[];
  const text = await page.getTextContent();
  const itemX = (s: string): number => (text.items.find((i) => 'str' in i && i.str === s) as { transform: number[] }).transform[4]!;
  const stamp = (s: string): number[] => annotations.find((a) => a.textContent?.join('') === s)!.rect;
  // "07" ends where "/UBND-VP" starts; "03" sits between "ngày" and "tháng", "02" between "tháng" and "năm".
  expect(Math.abs(stamp('07')[2]! - itemX('/UBND-VP'))).toBeLessThan(2);
  expect(stamp('03')[0]).toBeGreaterThan(itemX('Kon Tum, ngày'));
  expect(stamp('03')[2]).toBeLessThan(itemX('tháng'));
  expect(stamp('02')[0]).toBeGreaterThan(itemX('tháng'));
  expect(stamp('02')[2]).toBeLessThan(itemX('năm 2026'));
  await doc.destroy();
});

it('reports a signature broken when a signed byte is changed', async () => {
  const signed = await signAsSigner(await makeTestPdf({ xref: 'stream' }));
  const tampered = new Uint8Array(signed);
  // A byte of the page content's stream, well inside the first signed range.
  tampered[200] = tampered[200]! ^ 0x01;
  const [check] = await verifyPdfSignatures(tampered, { trustedRoots: roots, now: SIGNING_TIME });
  expect(check).toMatchObject({ integrity: 'broken', status: 'invalid', problems: ['digest_mismatch'] });
  const [p] = pdfsig(save('tampered.pdf', tampered), nss);
  expect(p!.valid).toBe(false);
});

it('reports a document modified when a later revision replaces a page\'s content', async () => {
  const signed = await signAsSigner(await makeTestPdf({ xref: 'table' }));
  // Another tool appends a revision that swaps page 1's content stream for its own text.
  const file = await readPdf(signed);
  const update = new IncrementalUpdate(file);
  const page = file.pages[0]!;
  const content = update.add(file.context.flateStream('BT /R 20 Tf 100 700 Td (Van ban da bi sua) Tj ET'));
  const changed = page.dict.clone(file.context);
  changed.set(PDFName.of('Contents'), content);
  update.replace(page.ref, changed);
  const modified = update.write().bytes;
  const [check] = await verifyPdfSignatures(modified, { trustedRoots: roots, now: SIGNING_TIME });
  expect(check).toMatchObject({ integrity: 'intact', coversWholeFile: false, laterRevisions: 1, laterChanges: 'modified', status: 'invalid' });
  expect(check!.problems).toContain('modified_after_signing');
});

it('reports a certificate from a CA the agency does not trust', async () => {
  const signed = await signAsSigner(await makeTestPdf(), pki.unknownKey);
  const [check] = await verifyPdfSignatures(signed, { trustedRoots: roots, now: SIGNING_TIME });
  expect(check).toMatchObject({ integrity: 'intact', chain: 'unknown_ca', status: 'untrusted', problems: ['unknown_ca'] });
  expect(check!.signer?.issuerCommonName).toBe('CA Tự phát Không rõ nguồn gốc');
  const [p] = pdfsig(save('unknown.pdf', signed), nss);
  expect(p!.valid).toBe(true);
  expect(p!.certificate).not.toBe('Certificate is Trusted.');
});

it('reports a certificate that had expired when it signed', async () => {
  const signed = await signAsSigner(await makeTestPdf(), pki.expiredKey);
  const [check] = await verifyPdfSignatures(signed, { trustedRoots: roots, now: SIGNING_TIME });
  expect(check).toMatchObject({ integrity: 'intact', chain: 'trusted', validity: 'expired', expiredNow: true, status: 'invalid', problems: ['certificate_expired'] });
});

it('says a certificate expired since, while the signature made before stays valid', async () => {
  const signed = await signAsSigner(await makeTestPdf());
  const [check] = await verifyPdfSignatures(signed, { trustedRoots: roots, now: new Date('2030-06-01T00:00:00Z') });
  expect(check).toMatchObject({ validity: 'valid', expiredNow: true, status: 'valid' });
});

it('gives no checks for an unsigned PDF and refuses a file that is no PDF', async () => {
  expect(await verifyPdfSignatures(await makeTestPdf(), { trustedRoots: roots })).toEqual([]);
  await expect(verifyPdfSignatures(new TextEncoder().encode('không phải PDF'), { trustedRoots: roots })).rejects.toMatchObject({ code: 'pdf_unreadable' });
  await expect(signPdf(new TextEncoder().encode('%PDF-1.7\nrác'), pki.personKey, { signingTime: SIGNING_TIME, appearance: null })).rejects.toBeInstanceOf(AppError);
});

it('reports a damaged signature dictionary as an invalid signature, without throwing', async () => {
  const signed = await signAsSigner(await makeTestPdf({ xref: 'table' }));
  const text = Buffer.from(signed).toString('latin1');
  // Garbage in /Contents (same length: the byte range still matches) and a second copy with a bad /ByteRange.
  const at = text.indexOf('/Contents <') + '/Contents <'.length;
  const garbage = Buffer.from(signed);
  garbage.write('DEADBEEF', at, 'latin1');
  const [g] = await verifyPdfSignatures(garbage, { trustedRoots: roots });
  expect(g).toMatchObject({ integrity: 'broken', status: 'invalid' });
  expect(g!.problems).toEqual(['cms_unreadable']);
  const range = Buffer.from(signed);
  const r = text.indexOf('/ByteRange [0 ') + '/ByteRange [0 '.length;
  range.write('9', r, 'latin1');
  const [b] = await verifyPdfSignatures(range, { trustedRoots: roots });
  expect(b).toMatchObject({ integrity: 'broken', status: 'invalid', problems: ['byte_range_invalid'] });
});

it('signs invisibly on a page the caller names, and refuses a page the document lacks', async () => {
  const pdf = await makeTestPdf({ pages: 3 });
  const signed = await signPdf(pdf, pki.personKey, { signingTime: SIGNING_TIME, appearance: null });
  expect(pdfsig(save('invisible.pdf', signed), nss)[0]!.valid).toBe(true);
  await expect(signPdf(pdf, pki.personKey, { signingTime: SIGNING_TIME, appearance: { page: 3, rect: { x: 0, y: 0, width: 10, height: 10 } } })).rejects.toMatchObject({ code: 'pdf_page_missing' });
});
