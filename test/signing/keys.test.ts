/**
 * Where signing keys come from: a PKCS#12 file (ours, and OpenSSL's current and legacy
 * encodings, as Windows and older tools write them) and a PKCS#11 token (SoftHSM with a PIN),
 * each signing a PDF that pdfsig accepts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certificateInfo,
  listTokenCertificates,
  loadPkcs12,
  makeCertificate,
  openTokenKey,
  signPdf,
  toPem,
  toPkcs12,
  verifyPdfSignatures,
  writeFileAtomic,
} from '../../src/node/pdfsign/index.js';
import { createTestToken, SOFTHSM_LIBRARY, type TestToken } from '../helpers/softhsm.js';
import { makeTestPdf } from '../helpers/testPdfs.js';
import { nssDbTrusting, pdfsig, SIGNING_TIME, testPki, type TestPki } from '../helpers/testPki.js';

let pki: TestPki;
let dir: string;
let nss: string;
let pdf: Uint8Array;
const PASSWORD = 'Mật khẩu 2026!';

beforeAll(async () => {
  pki = await testPki();
  dir = mkdtempSync(join(tmpdir(), 'ioffice-keys-'));
  nss = nssDbTrusting(pki.root.certificate);
  pdf = await makeTestPdf();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(nss, { recursive: true, force: true });
});

async function signedIsTrusted(key: Parameters<typeof signPdf>[1], name: string): Promise<void> {
  const signed = await signPdf(pdf, key, { signingTime: SIGNING_TIME, appearance: { page: 0, rect: { x: 330, y: 150, width: 170, height: 60 }, lines: [certificateInfo(key.certificate).commonName] } });
  const file = join(dir, name);
  await writeFileAtomic(file, signed);
  expect(pdfsig(file, nss)[0]).toMatchObject({ valid: true, certificate: 'Certificate is Trusted.' });
  const [check] = await verifyPdfSignatures(readFileSync(file), { trustedRoots: [pki.root.certificate], now: SIGNING_TIME });
  expect(check?.status).toBe('valid');
}

describe('a PKCS#12 file', () => {
  it('written by us is read by OpenSSL and by loadPkcs12, with its chain in order', async () => {
    const p12 = await toPkcs12({ key: pki.person.pkcs8, certificate: pki.person.certificate, chain: [pki.root.certificate, pki.intermediate.certificate], password: PASSWORD, friendlyName: 'Trần Minh Quang' });
    const file = join(dir, 'quang.p12');
    writeFileSync(file, p12);
    const info = execFileSync('openssl', ['pkcs12', '-in', file, '-passin', `pass:${PASSWORD}`, '-nokeys', '-clcerts'], { encoding: 'utf8' });
    expect(info).toContain('BEGIN CERTIFICATE');
    const key = await loadPkcs12(p12, PASSWORD);
    expect(key.algorithm).toBe('RSA');
    expect(certificateInfo(key.certificate).commonName).toBe('Trần Minh Quang');
    expect(key.chain.map((c) => certificateInfo(c).commonName)).toEqual(['CA phục vụ các cơ quan Nhà nước (thử nghiệm)', 'Cục Chứng thực số và Bảo mật thông tin (thử nghiệm)']);
    await signedIsTrusted(key, 'p12.pdf');
  });

  it('written by OpenSSL, current (AES) and legacy (3DES key, RC2-40 certificates) encodings, signs', async () => {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const chainFile = join(dir, 'chain.pem');
    writeFileSync(keyFile, toPem(pki.organisation.pkcs8, 'PRIVATE KEY'));
    writeFileSync(certFile, toPem(pki.organisation.certificate));
    writeFileSync(chainFile, toPem(pki.intermediate.certificate) + toPem(pki.root.certificate));
    for (const [name, extra] of [
      ['current', []],
      ['legacy', ['-legacy']],
    ] as const) {
      const out = join(dir, `${name}.p12`);
      execFileSync('openssl', ['pkcs12', '-export', ...extra, '-inkey', keyFile, '-in', certFile, '-certfile', chainFile, '-passout', `pass:${PASSWORD}`, '-out', out], { stdio: 'pipe' });
      const key = await loadPkcs12(readFileSync(out), PASSWORD);
      expect(certificateInfo(key.certificate).commonName).toBe('Ủy ban nhân dân tỉnh Kon Tum');
      expect(key.chain).toHaveLength(2);
      await signedIsTrusted(key, `openssl-${name}.pdf`);
      await expect(loadPkcs12(readFileSync(out), 'sai mật khẩu')).rejects.toMatchObject({ code: 'certificate_password_wrong' });
    }
  });

  it('that is not one is refused as invalid', async () => {
    await expect(loadPkcs12(pdf, PASSWORD)).rejects.toMatchObject({ code: 'certificate_file_invalid' });
  });

  it('with an ECDSA key signs too', async () => {
    const ec = await makeCertificate({ role: 'person', algorithm: 'ECDSA', subject: { commonName: 'Nguyễn Thị Lan', organisation: 'Văn phòng Ủy ban nhân dân tỉnh Kon Tum' }, issuer: pki.intermediate, notBefore: new Date('2025-01-01'), notAfter: new Date('2029-01-01') });
    const key = await loadPkcs12(await toPkcs12({ key: ec.keys.privateKey, certificate: ec.certificate, chain: [pki.intermediate.certificate, pki.root.certificate], password: PASSWORD }), PASSWORD);
    expect(key.algorithm).toBe('ECDSA');
    await signedIsTrusted(key, 'ecdsa-p12.pdf');
  });
});

describe('a PKCS#11 token (SoftHSM)', () => {
  let token: TestToken;
  beforeAll(() => {
    token = createTestToken({ pkcs8: pki.person.pkcs8, certificate: pki.person.certificate, caCertificates: [pki.intermediate.certificate, pki.root.certificate] });
  });
  afterAll(() => token.remove());

  it('lists its certificates, signs with the PIN, and the key never leaves it', async () => {
    const certs = await listTokenCertificates({ library: SOFTHSM_LIBRARY, pin: token.pin });
    const mine = certs.find((c) => c.hasPrivateKey);
    expect(mine).toMatchObject({ id: token.id, tokenLabel: token.label });
    expect(mine!.info.commonName).toBe('Trần Minh Quang');
    expect(certs.filter((c) => !c.hasPrivateKey).map((c) => c.info.isCa)).toEqual([true, true]);
    const key = await openTokenKey({ library: SOFTHSM_LIBRARY, pin: token.pin, certificateId: mine!.id });
    try {
      expect(key.chain).toHaveLength(2);
      await signedIsTrusted(key, 'token.pdf');
    } finally {
      key.close();
    }
  });

  it('refuses a wrong PIN, an unknown key and a missing library with their own errors', async () => {
    await expect(openTokenKey({ library: SOFTHSM_LIBRARY, pin: '000000', certificateId: token.id })).rejects.toMatchObject({ code: 'token_pin_wrong' });
    await expect(openTokenKey({ library: SOFTHSM_LIBRARY, pin: token.pin, certificateId: 'ffff' })).rejects.toMatchObject({ code: 'token_key_missing' });
    await expect(openTokenKey({ library: SOFTHSM_LIBRARY, pin: token.pin, slotIndex: 5, certificateId: token.id })).rejects.toMatchObject({ code: 'token_not_found' });
    await expect(listTokenCertificates({ library: join(dir, 'khong-co.so'), pin: token.pin })).rejects.toMatchObject({ code: 'token_library_missing' });
    // After the failures the token still works (every session was closed and the library finalised).
    const key = await openTokenKey({ library: SOFTHSM_LIBRARY, pin: token.pin, certificateId: token.id });
    key.close();
  });

  it('signs with an EC key (CKM_ECDSA, r||s turned into DER)', async () => {
    const ec = await makeCertificate({ role: 'person', algorithm: 'ECDSA', subject: { commonName: 'Đỗ Văn Bình', organisation: 'Sở Tài chính tỉnh Kon Tum' }, issuer: pki.intermediate, notBefore: new Date('2025-01-01'), notAfter: new Date('2029-01-01') });
    const ecToken = createTestToken({ pkcs8: ec.pkcs8, certificate: ec.certificate, caCertificates: [pki.intermediate.certificate], label: 'Token EC', id: 'ec01' });
    try {
      const key = await openTokenKey({ library: SOFTHSM_LIBRARY, pin: ecToken.pin, certificateId: 'ec01' });
      try {
        expect(key.algorithm).toBe('ECDSA');
        await signedIsTrusted(key, 'token-ec.pdf');
      } finally {
        key.close();
      }
    } finally {
      ecToken.remove();
      // Back to the first token's configuration for any later test in this file.
      process.env.SOFTHSM2_CONF = join(token.dir, 'softhsm2.conf');
    }
  });
});
