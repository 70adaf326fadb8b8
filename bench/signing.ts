/**
 * `npm run bench -- signing` (issue #10): the signing engine on a 20-page document (pdf-lib,
 * DejaVu subsets, an xref stream), with a key from a PKCS#12 file of the test PKI:
 *  - sign: the signer's visible signature (image and two lines) as an incremental update;
 *  - seal: the agency's signature with the number and date stamps, on the signed file;
 *  - verify: our verifier on the sealed file (two signatures, the first with later additions),
 *    chain to the test root;
 *  - find placement: pdf.js reading page 1 and the last page for the blanks and the name.
 * BENCH_SIGNING_ROUNDS (default 30) rounds each, after one warm-up. Target: sign and verify
 * each < 300 ms.
 */
import { findPlacement, issueStamps, loadPkcs12, sealImage, signatureImage, signPdf, toPkcs12, verifyPdfSignatures } from '../src/node/pdfsign/index.js';
import { makeTestPdf } from '../test/helpers/testPdfs.js';
import { SIGNING_TIME, testPki } from '../test/helpers/testPki.js';
import { percentile, record } from './lib.js';

const ROUNDS = Number(process.env.BENCH_SIGNING_ROUNDS ?? 30);

async function timed(rounds: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

function report(metric: string, times: number[], target?: number): void {
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  record('signing (20-page PDF, PKCS#12 key)', metric, `p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`, target ? `< ${target} ms` : '', target ? p95 < target : undefined);
}

export async function benchSigning(): Promise<void> {
  const pki = await testPki();
  const password = 'Mật khẩu 2026!';
  const personKey = await loadPkcs12(await toPkcs12({ key: pki.person.pkcs8, certificate: pki.person.certificate, chain: [pki.intermediate.certificate, pki.root.certificate], password }), password);
  const agencyKey = await loadPkcs12(await toPkcs12({ key: pki.organisation.pkcs8, certificate: pki.organisation.certificate, chain: [pki.intermediate.certificate, pki.root.certificate], password }), password);
  const pdf = await makeTestPdf({ pages: 20 });
  const place = await findPlacement(pdf, { signerName: 'Trần Minh Quang' });
  const signature = await signatureImage('Trần Minh Quang');
  const seal = await sealImage('Ủy ban nhân dân tỉnh Kon Tum');
  const stamps = issueStamps(place, { number: '123', symbol: 'UBND-VP', date: SIGNING_TIME });

  const sign = (): Promise<Uint8Array> =>
    signPdf(pdf, personKey, {
      signingTime: SIGNING_TIME,
      reason: 'Ký ban hành văn bản',
      appearance: { page: place.signerRect.page, rect: place.signerRect.rect, image: signature, lines: ['CHỦ TỊCH', 'Trần Minh Quang'] },
    });
  const signed = await sign();
  const sealIt = (): Promise<Uint8Array> =>
    signPdf(signed, agencyKey, { signingTime: SIGNING_TIME, appearance: { page: place.sealRect.page, rect: place.sealRect.rect, image: seal }, stamps });
  const sealed = await sealIt();
  const checks = await verifyPdfSignatures(sealed, { trustedRoots: [pki.root.certificate], now: SIGNING_TIME });
  if (checks.map((c) => c.status).join() !== 'valid_with_later_additions,valid') throw new Error(`unexpected checks: ${checks.map((c) => c.status).join()}`);

  report('sign (signer, visible)', await timed(ROUNDS, sign), 300);
  report('seal (agency, with stamps)', await timed(ROUNDS, sealIt), 300);
  report('verify (two signatures)', await timed(ROUNDS, () => verifyPdfSignatures(sealed, { trustedRoots: [pki.root.certificate], now: SIGNING_TIME })), 300);
  report('find placement', await timed(Math.min(ROUNDS, 10), () => findPlacement(pdf, { signerName: 'Trần Minh Quang' })));
  record('signing (20-page PDF, PKCS#12 key)', 'sizes', `${Math.round(pdf.length / 1024)} KB → signed ${Math.round(signed.length / 1024)} KB → sealed ${Math.round(sealed.length / 1024)} KB`);
}
