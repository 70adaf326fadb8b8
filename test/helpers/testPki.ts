/**
 * A test PKI with Vietnamese names, as the government CA's is: a root "Cục Chứng thực số và Bảo
 * mật thông tin (thử nghiệm)", an intermediate under it, a person (Trần Minh Quang, Chủ tịch Ủy
 * ban nhân dân tỉnh Kon Tum), the agency's organisation certificate (for the seal), a person
 * whose certificate expired before the signing time, and a person under a CA nobody trusts.
 * Also an NSS database trusting the root, for poppler's pdfsig ("Certificate is Trusted").
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificate, toPem, type IssuedCertificate } from '../../src/node/pdfsign/certificates.js';
import { keyFromPkcs8, type SigningKey } from '../../src/node/pdfsign/signingKey.js';

/** The signing time the tests use: 25/11/2026 10:30 in Kon Tum. */
export const SIGNING_TIME = new Date('2026-11-25T03:30:00Z');
export const AGENCY = 'Ủy ban nhân dân tỉnh Kon Tum';

export interface TestPki {
  root: IssuedCertificate;
  intermediate: IssuedCertificate;
  person: IssuedCertificate;
  organisation: IssuedCertificate;
  expired: IssuedCertificate;
  unknownRoot: IssuedCertificate;
  unknownPerson: IssuedCertificate;
  /** The signer's key with its chain (intermediate, root), as a PKCS#12 file would give it. */
  personKey: SigningKey;
  organisationKey: SigningKey;
  expiredKey: SigningKey;
  unknownKey: SigningKey;
}

let pki: Promise<TestPki> | null = null;

async function build(): Promise<TestPki> {
  const ca = 'Ban Cơ yếu Chính phủ';
  const root = await makeCertificate({
    role: 'root',
    subject: { commonName: 'Cục Chứng thực số và Bảo mật thông tin (thử nghiệm)', organisation: ca },
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2045-01-01T00:00:00Z'),
  });
  const intermediate = await makeCertificate({
    role: 'intermediate',
    subject: { commonName: 'CA phục vụ các cơ quan Nhà nước (thử nghiệm)', organisation: ca },
    issuer: root,
    notBefore: new Date('2021-01-01T00:00:00Z'),
    notAfter: new Date('2040-01-01T00:00:00Z'),
  });
  const person = await makeCertificate({
    role: 'person',
    subject: { commonName: 'Trần Minh Quang', organisation: AGENCY, unit: 'Thường trực Ủy ban', title: 'Chủ tịch', province: 'Kon Tum', uid: 'CCCD:062080000123' },
    issuer: intermediate,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2029-01-01T00:00:00Z'),
  });
  const organisation = await makeCertificate({
    role: 'organisation',
    subject: { commonName: AGENCY, organisation: AGENCY, province: 'Kon Tum', uid: 'MST:6100123456' },
    issuer: intermediate,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2029-01-01T00:00:00Z'),
  });
  const expired = await makeCertificate({
    role: 'person',
    subject: { commonName: 'Lê Thị Hoa', organisation: AGENCY, title: 'Phó Chủ tịch', province: 'Kon Tum' },
    issuer: intermediate,
    notBefore: new Date('2023-01-01T00:00:00Z'),
    notAfter: new Date('2025-12-31T00:00:00Z'),
  });
  const unknownRoot = await makeCertificate({
    role: 'root',
    subject: { commonName: 'CA Tự phát Không rõ nguồn gốc', organisation: 'Công ty Chứng thực Lạ' },
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2045-01-01T00:00:00Z'),
    algorithm: 'ECDSA',
  });
  const unknownPerson = await makeCertificate({
    role: 'person',
    subject: { commonName: 'Phạm Văn Mạo', organisation: 'Ủy ban nhân dân tỉnh Kon Tum', province: 'Kon Tum' },
    issuer: unknownRoot,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2029-01-01T00:00:00Z'),
    algorithm: 'ECDSA',
  });
  const chain = [intermediate.certificate, root.certificate];
  return {
    root,
    intermediate,
    person,
    organisation,
    expired,
    unknownRoot,
    unknownPerson,
    personKey: keyFromPkcs8(person.pkcs8, person.certificate, chain),
    organisationKey: keyFromPkcs8(organisation.pkcs8, organisation.certificate, chain),
    expiredKey: keyFromPkcs8(expired.pkcs8, expired.certificate, chain),
    unknownKey: keyFromPkcs8(unknownPerson.pkcs8, unknownPerson.certificate, [unknownRoot.certificate]),
  };
}

/** The test PKI, made once per test process (key generation takes about a second). */
export function testPki(): Promise<TestPki> {
  pki ??= build();
  return pki;
}

/** An NSS database (for `pdfsig -nssdir`) that trusts the test root. */
export function nssDbTrusting(root: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'ioffice-nss-'));
  writeFileSync(join(dir, 'root.pem'), toPem(root));
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password'], { stdio: 'pipe' });
  execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'Test root', '-t', 'CT,C,C', '-i', join(dir, 'root.pem')], { stdio: 'pipe' });
  return dir;
}

export interface PdfsigSignature {
  field: string;
  commonName: string;
  signingTime: string;
  valid: boolean;
  validation: string;
  certificate: string;
  totalDocumentSigned: boolean;
}

/** Run poppler's pdfsig on a file and read its report, one entry per signature. */
export function pdfsig(file: string, nssDir?: string): PdfsigSignature[] {
  let out: string;
  try {
    out = execFileSync('pdfsig', [...(nssDir ? ['-nssdir', `sql:${nssDir}`] : []), file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    // pdfsig exits non-zero when a signature does not validate; its report is still on stdout.
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  return out
    .split(/^Signature #\d+:$/mu)
    .slice(1)
    .map((block) => {
      const field = (label: string): string => new RegExp(`- ${label}: (.*)$`, 'mu').exec(block)?.[1]?.trim() ?? '';
      const validation = field('Signature Validation');
      return {
        field: field('Signature Field Name'),
        commonName: field('Signer Certificate Common Name'),
        signingTime: field('Signing Time'),
        valid: validation === 'Signature is Valid.',
        validation,
        certificate: field('Certificate Validation'),
        totalDocumentSigned: /Total document signed/u.test(block),
      };
    });
}
