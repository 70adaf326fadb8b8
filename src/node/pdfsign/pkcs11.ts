/**
 * Signing keys on a token (USB token, smart card, SoftHSM in tests) through PKCS#11 (pkcs11js).
 * The certificate and its private key are paired by CKA_ID; the key never leaves the token:
 * RSA signs with CKM_SHA256_RSA_PKCS (or CKM_RSA_PKCS over a DigestInfo on tokens without
 * it), EC keys with CKM_ECDSA over the SHA-256 hash, the raw r||s turned into DER.
 *
 * A library is loaded and initialised once per process while anything uses it and finalised
 * (C_Finalize, then unloaded) when the last user closes: each session is always logged out and
 * closed. Some libraries read their configuration when initialised (SoftHSM reads the
 * SOFTHSM2_CONF environment variable in C_Initialize): set it in the process before the first
 * call, or between uses, never while a key is open.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import pkcs11js from 'pkcs11js';
import { AppError } from '../../shared/i18n/errors.js';
import { certificateInfo, issuerChain, type CertificateInfo } from './certificates.js';
import type { SigningKey } from './signingKey.js';

export interface TokenOptions {
  /** Path of the PKCS#11 library (a user setting; /usr/lib/softhsm/libsofthsm2.so in tests). */
  library: string;
  pin: string;
  /** Which of the slots with a token present; the first when left out. */
  slotIndex?: number;
}

export interface TokenCertificate {
  /** CKA_ID in hex: what openTokenKey takes. */
  id: string;
  label: string;
  certificate: Uint8Array;
  info: CertificateInfo;
  /** Whether the token holds the private key of the same CKA_ID. */
  hasPrivateKey: boolean;
  tokenLabel: string;
}

type Handle = Buffer;

interface Module {
  pkcs11: pkcs11js.PKCS11;
  users: number;
}

const modules = new Map<string, Module>();

function acquire(library: string): Module {
  let m = modules.get(library);
  if (!m) {
    const pkcs11 = new pkcs11js.PKCS11();
    try {
      pkcs11.load(library);
    } catch {
      throw new AppError('token_library_missing', { library });
    }
    try {
      pkcs11.C_Initialize();
    } catch (err) {
      if (!(err instanceof pkcs11js.Pkcs11Error && err.code === pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED)) {
        pkcs11.close();
        throw tokenError(err);
      }
    }
    m = { pkcs11, users: 0 };
    modules.set(library, m);
  }
  m.users += 1;
  return m;
}

function release(library: string, m: Module): void {
  m.users -= 1;
  if (m.users > 0) return;
  modules.delete(library);
  try {
    m.pkcs11.C_Finalize();
  } finally {
    m.pkcs11.close();
  }
}

function tokenError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof pkcs11js.Pkcs11Error) {
    const c = err.code;
    if (c === pkcs11js.CKR_PIN_INCORRECT || c === pkcs11js.CKR_PIN_INVALID || c === pkcs11js.CKR_PIN_LEN_RANGE) return new AppError('token_pin_wrong');
    if (c === pkcs11js.CKR_PIN_LOCKED) return new AppError('token_pin_locked');
    if (c === pkcs11js.CKR_TOKEN_NOT_PRESENT || c === pkcs11js.CKR_DEVICE_REMOVED || c === pkcs11js.CKR_SLOT_ID_INVALID) return new AppError('token_not_found');
  }
  return new AppError('token_failed', { details: err instanceof Error ? err.message : String(err) });
}

interface Session {
  module: Module;
  session: Handle;
  slot: Handle;
  tokenLabel: string;
  close(): void;
}

/** Open a logged-in session on the token; always close it. */
function openSession(o: TokenOptions): Session {
  const module = acquire(o.library);
  const { pkcs11 } = module;
  let session: Handle | null = null;
  let loggedIn = false;
  const close = (): void => {
    try {
      if (session && loggedIn) pkcs11.C_Logout(session);
    } catch {
      // Logging out of a session the token already dropped (removed token): it is closed next.
    }
    try {
      if (session) pkcs11.C_CloseSession(session);
    } catch {
      // The session is gone with the token; finalising below releases the rest.
    }
    release(o.library, module);
  };
  try {
    const slots = pkcs11.C_GetSlotList(true);
    const slot = slots[o.slotIndex ?? 0];
    if (!slot) throw new AppError('token_not_found');
    const tokenLabel = pkcs11.C_GetTokenInfo(slot).label.trim();
    session = pkcs11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      pkcs11.C_Login(session, pkcs11js.CKU_USER, o.pin);
      loggedIn = true;
    } catch (err) {
      if (!(err instanceof pkcs11js.Pkcs11Error && err.code === pkcs11js.CKR_USER_ALREADY_LOGGED_IN)) throw err;
    }
    return { module, session, slot, tokenLabel, close };
  } catch (err) {
    close();
    throw tokenError(err);
  }
}

function findAll(pkcs11: pkcs11js.PKCS11, session: Handle, template: pkcs11js.Template): Handle[] {
  pkcs11.C_FindObjectsInit(session, template);
  try {
    const out: Handle[] = [];
    for (;;) {
      const batch = pkcs11.C_FindObjects(session, 32);
      if (batch.length === 0) break;
      out.push(...batch);
    }
    return out;
  } finally {
    pkcs11.C_FindObjectsFinal(session);
  }
}

function attribute(pkcs11: pkcs11js.PKCS11, session: Handle, object: Handle, type: number): Buffer {
  const [a] = pkcs11.C_GetAttributeValue(session, object, [{ type }]);
  return a?.value ?? Buffer.alloc(0);
}

interface TokenCert {
  id: string;
  label: string;
  der: Uint8Array;
}

function certificatesOn(s: Session): TokenCert[] {
  const { pkcs11 } = s.module;
  return findAll(pkcs11, s.session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
  ]).map((h) => ({
    id: attribute(pkcs11, s.session, h, pkcs11js.CKA_ID).toString('hex'),
    label: attribute(pkcs11, s.session, h, pkcs11js.CKA_LABEL).toString('utf8'),
    der: new Uint8Array(attribute(pkcs11, s.session, h, pkcs11js.CKA_VALUE)),
  }));
}

function privateKeys(s: Session, id?: string): Handle[] {
  const template: pkcs11js.Template = [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }];
  if (id !== undefined) template.push({ type: pkcs11js.CKA_ID, value: Buffer.from(id, 'hex') });
  return findAll(s.module.pkcs11, s.session, template);
}

/** The certificates on the token (logged in with the PIN, so that private keys are seen too). */
export async function listTokenCertificates(o: TokenOptions): Promise<TokenCertificate[]> {
  const s = openSession(o);
  try {
    const keyIds = new Set(privateKeys(s).map((h) => attribute(s.module.pkcs11, s.session, h, pkcs11js.CKA_ID).toString('hex')));
    const out: TokenCertificate[] = [];
    for (const c of certificatesOn(s)) {
      let info: CertificateInfo;
      try {
        info = certificateInfo(c.der);
      } catch {
        continue; // an object that is not a certificate we can read is not offered
      }
      out.push({ id: c.id, label: c.label, certificate: c.der, info, hasPrivateKey: keyIds.has(c.id), tokenLabel: s.tokenLabel });
    }
    return out;
  } catch (err) {
    throw tokenError(err);
  } finally {
    s.close();
  }
}

// DigestInfo prefix of SHA-256 (RFC 8017 §9.2), for tokens that only offer raw CKM_RSA_PKCS.
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** ECDSA's r||s as the DER SEQUENCE { r INTEGER, s INTEGER } CMS carries. */
function ecdsaDer(raw: Buffer): Uint8Array {
  const half = raw.length / 2;
  const int = (b: Buffer): asn1js.Integer => {
    let v = b;
    while (v.length > 1 && v[0] === 0 && v[1]! < 0x80) v = v.subarray(1);
    return new asn1js.Integer({ valueHex: v[0]! >= 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v });
  };
  return new Uint8Array(new asn1js.Sequence({ value: [int(raw.subarray(0, half)), int(raw.subarray(half))] }).toBER(false));
}

/**
 * Open the token's key of certificate `certificateId` (CKA_ID in hex) for signing. Close it
 * when done (it logs out and releases the token). AppError('token_library_missing' |
 * 'token_not_found' | 'token_pin_wrong' | 'token_pin_locked' | 'token_key_missing').
 */
export async function openTokenKey(o: TokenOptions & { certificateId: string }): Promise<SigningKey & { close(): void }> {
  const s = openSession(o);
  const { pkcs11 } = s.module;
  try {
    const id = o.certificateId.toLowerCase();
    const certs = certificatesOn(s);
    const own = certs.find((c) => c.id === id);
    const [key] = privateKeys(s, id);
    if (!own || !key) throw new AppError('token_key_missing');
    const info = certificateInfo(own.der);
    if (info.keyAlgorithm === 'other') throw new AppError('token_key_missing');
    const algorithm = info.keyAlgorithm;
    const mechanisms = new Set(pkcs11.C_GetMechanismList(s.slot));
    const chain = issuerChain(
      own.der,
      certs.filter((c) => c !== own).map((c) => c.der),
    ).filter((der) => {
      try {
        return certificateInfo(der).isCa;
      } catch {
        return false;
      }
    });
    let closed = false;
    const signRaw = (mechanism: number, data: Buffer): Promise<Buffer> =>
      new Promise((resolve, reject) => {
        try {
          pkcs11.C_SignInit(s.session, { mechanism }, key);
          pkcs11.C_Sign(s.session, data, Buffer.alloc(1024), (err, sig) => (err ? reject(tokenError(err)) : resolve(sig)));
        } catch (err) {
          reject(tokenError(err));
        }
      });
    return {
      certificate: own.der,
      chain,
      algorithm,
      async sign(data: Uint8Array): Promise<Uint8Array> {
        if (closed) throw new Error('the token key is closed');
        const buf = Buffer.from(data);
        if (algorithm === 'ECDSA') return ecdsaDer(await signRaw(pkcs11js.CKM_ECDSA, createHash('sha256').update(buf).digest()));
        if (mechanisms.has(pkcs11js.CKM_SHA256_RSA_PKCS)) return new Uint8Array(await signRaw(pkcs11js.CKM_SHA256_RSA_PKCS, buf));
        return new Uint8Array(await signRaw(pkcs11js.CKM_RSA_PKCS, Buffer.concat([SHA256_DIGEST_INFO, createHash('sha256').update(buf).digest()])));
      },
      close(): void {
        if (closed) return;
        closed = true;
        s.close();
      },
    };
  } catch (err) {
    s.close();
    throw tokenError(err);
  }
}
