/**
 * A SoftHSM token in a temporary folder holding a signing key and its certificate, as a
 * Vietnamese CA's USB token would: the key imported with softhsm2-util (PKCS#8 PEM, CKA_ID,
 * label), the certificate (and the CA's) added as objects with pkcs11js. SoftHSM reads
 * SOFTHSM2_CONF when a process initialises it, so the variable is set in this process's
 * environment before any token call.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkcs11js from 'pkcs11js';
import { parseCertificate, toPem } from '../../src/node/pdfsign/certificates.js';

export const SOFTHSM_LIBRARY = '/usr/lib/softhsm/libsofthsm2.so';

export interface TestToken {
  dir: string;
  label: string;
  pin: string;
  /** CKA_ID (hex) of the key and its certificate. */
  id: string;
  remove(): void;
}

function addCertificate(label: string, pin: string, id: string, certLabel: string, der: Uint8Array): void {
  const p = new pkcs11js.PKCS11();
  p.load(SOFTHSM_LIBRARY);
  p.C_Initialize();
  try {
    const slot = p.C_GetSlotList(true).find((s) => p.C_GetTokenInfo(s).label.trim() === label);
    if (!slot) throw new Error(`no token ${label}`);
    const session = p.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    p.C_Login(session, pkcs11js.CKU_USER, pin);
    const cert = parseCertificate(der);
    p.C_CreateObject(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_PRIVATE, value: false },
      { type: pkcs11js.CKA_LABEL, value: certLabel },
      { type: pkcs11js.CKA_ID, value: Buffer.from(id, 'hex') },
      { type: pkcs11js.CKA_SUBJECT, value: Buffer.from(cert.subject.toSchema().toBER(false)) },
      { type: pkcs11js.CKA_ISSUER, value: Buffer.from(cert.issuer.toSchema().toBER(false)) },
      { type: pkcs11js.CKA_SERIAL_NUMBER, value: Buffer.from(cert.serialNumber.toBER(false)) },
      { type: pkcs11js.CKA_VALUE, value: Buffer.from(der) },
    ]);
    p.C_Logout(session);
    p.C_CloseSession(session);
  } finally {
    p.C_Finalize();
    p.close();
  }
}

/** Create a token with the key (PKCS#8 DER) and its certificate, plus CA certificates without keys. */
export function createTestToken(o: { pkcs8: Uint8Array; certificate: Uint8Array; caCertificates?: Uint8Array[]; pin?: string; label?: string; id?: string }): TestToken {
  const dir = mkdtempSync(join(tmpdir(), 'ioffice-softhsm-'));
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  process.env.SOFTHSM2_CONF = conf;
  const label = o.label ?? 'Token ky so';
  const pin = o.pin ?? '123456';
  const id = o.id ?? 'a1b2c3';
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '87654321'], { env, stdio: 'pipe' });
  const keyFile = join(dir, 'key.pem');
  writeFileSync(keyFile, toPem(o.pkcs8, 'PRIVATE KEY'));
  execFileSync('softhsm2-util', ['--import', keyFile, '--token', label, '--label', 'Khoa ky so', '--id', id, '--pin', pin], { env, stdio: 'pipe' });
  rmSync(keyFile);
  addCertificate(label, pin, id, 'Chung thu so', o.certificate);
  (o.caCertificates ?? []).forEach((der, i) => addCertificate(label, pin, `ca0${i + 1}`, `CA ${i + 1}`, der));
  return {
    dir,
    label,
    pin,
    id,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
