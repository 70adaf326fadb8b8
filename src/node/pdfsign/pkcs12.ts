/**
 * PKCS#12 (.p12/.pfx) key files: reading one into a SigningKey, and writing one (for the test
 * and demo PKI).
 *
 * Reading is done here over asn1js and Node's crypto rather than pkijs's PFX.parseInternalValues,
 * because the files users have come from many writers: OpenSSL 3 (PBES2: PBKDF2 + AES-256-CBC,
 * HMAC-SHA-256 MAC), OpenSSL 1.x and Windows (PKCS#12 PBE with SHA-1 and 3DES for the key,
 * RC2-40 for the certificates, HMAC-SHA-1 MAC), with BER constructed strings. pkijs decrypts only
 * PBES2. Writing uses pkijs (PBES2 with AES-256-CBC and an HMAC-SHA-256 MAC: what OpenSSL 3
 * writes and reads by default).
 */
import { createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, pbkdf2Sync, timingSafeEqual, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../shared/i18n/errors.js';
import { child, children, integerOf, octets, oidOf, parseBer } from './asn1.js';
import { issuerChain, parseCertificate } from './certificates.js';
import { rc2CbcDecrypt } from './rc2.js';
import { keyFromPkcs8, type SigningKey } from './signingKey.js';

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  friendlyName: '1.2.840.113549.1.9.20',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbmac1: '1.2.840.113549.1.5.14',
} as const;

const HASH_BY_OID: Record<string, { name: string; size: number; block: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', size: 20, block: 64 },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224', size: 28, block: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', size: 32, block: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', size: 48, block: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', size: 64, block: 128 },
};

const HMAC_BY_OID: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const CIPHER_BY_OID: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

/** PKCS#12 PBE (RFC 7292 Appendix C): SHA-1 with 3DES or RC2. */
const PKCS12_PBE: Record<string, { cipher: 'des-ede3-cbc' | 'rc2'; keyLength: number; effectiveBits?: number }> = {
  '1.2.840.113549.1.12.1.3': { cipher: 'des-ede3-cbc', keyLength: 24 },
  '1.2.840.113549.1.12.1.4': { cipher: 'des-ede3-cbc', keyLength: 16 },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyLength: 16, effectiveBits: 128 },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyLength: 5, effectiveBits: 40 },
};

/** The password as PKCS#12 wants it for its own KDF: UTF-16BE with a two-byte terminator. */
function bmpPassword(password: string): Uint8Array {
  const out = Buffer.alloc(2 * password.length + 2);
  for (let i = 0; i < password.length; i++) out.writeUInt16BE(password.charCodeAt(i), 2 * i);
  return out;
}

/** RFC 7292 Appendix B.2: the PKCS#12 key derivation (id 1 key, 2 IV, 3 MAC key). */
function pkcs12Kdf(hash: { name: string; size: number; block: number }, password: Uint8Array, salt: Uint8Array, id: number, iterations: number, n: number): Uint8Array {
  const v = hash.block;
  const fill = (src: Uint8Array): Buffer => {
    const len = src.length === 0 ? 0 : v * Math.ceil(src.length / v);
    const b = Buffer.alloc(len);
    for (let i = 0; i < len; i++) b[i] = src[i % src.length]!;
    return b;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([fill(salt), fill(password)]);
  const out: Buffer[] = [];
  for (let got = 0; got < n; got += hash.size) {
    let A = createHash(hash.name).update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash(hash.name).update(A).digest();
    out.push(A);
    const B = Buffer.alloc(v);
    for (let i = 0; i < v; i++) B[i] = A[i % A.length]!;
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k]! + B[k]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, n);
}

class WrongPassword extends Error {}
class Unsupported extends Error {}

function decipher(name: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  try {
    const d = createDecipheriv(name, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    // A bad padding after decryption: the key was derived from a wrong password.
    throw new WrongPassword();
  }
}

/** Decrypt with an AlgorithmIdentifier of PKCS#12 PBE or PBES2. */
function decrypt(algorithm: asn1js.AsnType, data: Uint8Array, password: string): Uint8Array {
  const oid = oidOf(child(algorithm, 0));
  const params = child(algorithm, 1);
  const pbe = PKCS12_PBE[oid];
  if (pbe) {
    const salt = octets(child(params, 0));
    const iterations = integerOf(child(params, 1));
    const sha1 = HASH_BY_OID['1.3.14.3.2.26']!;
    const pw = bmpPassword(password);
    const key = pkcs12Kdf(sha1, pw, salt, 1, iterations, pbe.keyLength);
    const iv = pkcs12Kdf(sha1, pw, salt, 2, iterations, 8);
    if (pbe.cipher === 'rc2') {
      try {
        return rc2CbcDecrypt(key, pbe.effectiveBits ?? 128, iv, data);
      } catch {
        throw new WrongPassword();
      }
    }
    // Two-key 3DES: K1 K2 K1.
    const k = pbe.keyLength === 16 ? Buffer.concat([key, key.subarray(0, 8)]) : key;
    return decipher('des-ede3-cbc', k, iv, data);
  }
  if (oid === OID.pbes2) {
    const kdf = child(params, 0);
    const scheme = child(params, 1);
    if (oidOf(child(kdf, 0)) !== OID.pbkdf2) throw new Unsupported('key derivation other than PBKDF2');
    const kdfParams = children(child(kdf, 1));
    const salt = octets(kdfParams[0]!);
    const iterations = integerOf(kdfParams[1]!);
    let prf = 'sha1';
    for (const p of kdfParams.slice(2)) {
      if (p instanceof asn1js.Sequence) {
        const h = HMAC_BY_OID[oidOf(child(p, 0))];
        if (!h) throw new Unsupported('PBKDF2 PRF');
        prf = h;
      }
    }
    const cipher = CIPHER_BY_OID[oidOf(child(scheme, 0))];
    if (!cipher) throw new Unsupported(`cipher ${oidOf(child(scheme, 0))}`);
    const iv = octets(child(scheme, 1));
    // PBES2 takes the password's bytes as they are (UTF-8), as OpenSSL does.
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher.keyLength, prf);
    return decipher(cipher.name, key, iv, data);
  }
  throw new Unsupported(`encryption ${oid}`);
}

function verifyMac(pfx: asn1js.AsnType, authSafeContent: Uint8Array, password: string): void {
  const all = children(pfx);
  const macData = all[2];
  if (!macData) return; // no integrity protection (rare): nothing to check
  const digestInfo = child(macData, 0);
  const algOid = oidOf(child(child(digestInfo, 0), 0));
  if (algOid === OID.pbmac1) throw new Unsupported('PBMAC1 integrity');
  const hash = HASH_BY_OID[algOid];
  if (!hash) throw new Unsupported(`MAC digest ${algOid}`);
  const expected = octets(child(digestInfo, 1));
  const salt = octets(child(macData, 1));
  const iterations = children(macData)[2] ? integerOf(child(macData, 2)) : 1;
  const key = pkcs12Kdf(hash, bmpPassword(password), salt, 3, iterations, hash.size);
  const mac = createHmac(hash.name, key).update(authSafeContent).digest();
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw new WrongPassword();
}

interface Bag {
  kind: 'key' | 'cert';
  der: Uint8Array;
  localKeyId: string | null;
}

function bagsOf(safeContents: Uint8Array, password: string, out: Bag[]): void {
  for (const bag of children(parseBer(safeContents))) {
    const id = oidOf(child(bag, 0));
    const value = child(child(bag, 1), 0);
    let localKeyId: string | null = null;
    const attrs = children(bag)[2];
    if (attrs) {
      for (const a of children(attrs)) {
        if (oidOf(child(a, 0)) === OID.localKeyId) localKeyId = Buffer.from(octets(child(child(a, 1), 0))).toString('hex');
      }
    }
    if (id === OID.keyBag) out.push({ kind: 'key', der: new Uint8Array(value.toBER(false)), localKeyId });
    else if (id === OID.shroudedKeyBag) out.push({ kind: 'key', der: decrypt(child(value, 0), octets(child(value, 1)), password), localKeyId });
    else if (id === OID.certBag && oidOf(child(value, 0)) === OID.x509Certificate) {
      out.push({ kind: 'cert', der: octets(child(child(value, 1), 0)), localKeyId });
    }
  }
}

function readBags(bytes: Uint8Array, password: string): Bag[] {
  const pfx = parseBer(bytes);
  const authSafe = child(pfx, 1);
  if (oidOf(child(authSafe, 0)) !== OID.data) throw new Unsupported('public-key integrity mode');
  const content = octets(child(child(authSafe, 1), 0));
  verifyMac(pfx, content, password);
  const bags: Bag[] = [];
  for (const ci of children(parseBer(content))) {
    const type = oidOf(child(ci, 0));
    if (type === OID.data) bagsOf(octets(child(child(ci, 1), 0)), password, bags);
    else if (type === OID.encryptedData) {
      const eci = child(child(child(ci, 1), 0), 1);
      // encryptedContent is [0] IMPLICIT OCTET STRING: primitive, or constructed of OCTET STRINGs.
      const ec = child(eci, 2);
      const data = ec.idBlock.isConstructed ? Buffer.concat(children(ec).map(octets)) : new Uint8Array((ec as asn1js.Primitive).valueBlock.valueHexView);
      bagsOf(decrypt(child(eci, 1), data, password), password, bags);
    } else throw new Unsupported('public-key privacy mode');
  }
  return bags;
}

/**
 * Open a PKCS#12 file: its private key, the certificate of that key and the other certificates.
 * AppError('certificate_password_wrong') / AppError('certificate_file_invalid').
 */
export async function loadPkcs12(bytes: Uint8Array, password: string): Promise<SigningKey> {
  let bags: Bag[];
  try {
    bags = readBags(bytes, password);
  } catch (err) {
    if (err instanceof WrongPassword) throw new AppError('certificate_password_wrong');
    const details = err instanceof Unsupported ? `không hỗ trợ: ${err.message}` : 'không phải tệp PKCS#12 (.p12/.pfx)';
    throw new AppError('certificate_file_invalid', { details });
  }
  const keys = bags.filter((b) => b.kind === 'key');
  const certs = bags.filter((b) => b.kind === 'cert');
  const key = keys[0];
  if (!key || keys.length > 1) throw new AppError('certificate_file_invalid', { details: key ? 'có nhiều khoá bí mật' : 'không có khoá bí mật' });
  // The key's certificate: the one whose public key is the key's (the localKeyId is only a hint).
  let spki: Buffer;
  try {
    spki = createPublicKey(createPrivateKey({ key: Buffer.from(key.der), format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' });
  } catch {
    throw new AppError('certificate_file_invalid', { details: 'khoá bí mật không đọc được' });
  }
  const own = certs.find((c) => c.localKeyId !== null && c.localKeyId === key.localKeyId && sameKey(c.der, spki)) ?? certs.find((c) => sameKey(c.der, spki));
  if (!own) throw new AppError('certificate_file_invalid', { details: 'không có chứng thư của khoá bí mật' });
  const chain = issuerChain(
    own.der,
    certs.filter((c) => c !== own).map((c) => c.der),
  );
  return keyFromPkcs8(key.der, own.der, chain);
}

function sameKey(certificate: Uint8Array, spki: Buffer): boolean {
  try {
    return Buffer.compare(Buffer.from(parseCertificate(certificate).subjectPublicKeyInfo.toSchema().toBER(false)), spki) === 0;
  } catch {
    return false; // a certificate bag that does not parse is simply not the key's
  }
}

/**
 * Write a PKCS#12 file holding a key, its certificate and a chain: PBES2 (PBKDF2-SHA-256,
 * AES-256-CBC) for the key and the certificates, an HMAC-SHA-256 MAC; readable by loadPkcs12,
 * OpenSSL 3 and Windows 10+.
 */
export async function toPkcs12(o: { key: webcrypto.CryptoKey | Uint8Array; certificate: Uint8Array; chain: readonly Uint8Array[]; password: string; friendlyName?: string }): Promise<Uint8Array> {
  const pkcs8 = o.key instanceof Uint8Array ? o.key : new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', o.key));
  const localKeyId = createHash('sha1').update(o.certificate).digest();
  const attributes = (withName: boolean): pkijs.Attribute[] => [
    new pkijs.Attribute({ type: OID.localKeyId, values: [new asn1js.OctetString({ valueHex: localKeyId })] }),
    ...(withName && o.friendlyName ? [new pkijs.Attribute({ type: OID.friendlyName, values: [new asn1js.BmpString({ value: o.friendlyName })] })] : []),
  ];
  const certBag = (der: Uint8Array, own: boolean): pkijs.SafeBag =>
    new pkijs.SafeBag({
      bagId: OID.certBag,
      bagValue: new pkijs.CertBag({ parsedValue: pkijs.Certificate.fromBER(der) }),
      ...(own ? { bagAttributes: attributes(true) } : {}),
    });
  const password = Buffer.from(o.password, 'utf8');
  const passwordBuffer = password.buffer.slice(password.byteOffset, password.byteOffset + password.byteLength);
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(pkcs8) });
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [new pkijs.SafeBag({ bagId: OID.shroudedKeyBag, bagValue: keyBag, bagAttributes: attributes(true) })] }) },
            { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: [certBag(o.certificate, true), ...o.chain.map((c) => certBag(c, false))] }) },
          ],
        },
      }),
    },
  });
  const encryption = { password: passwordBuffer, contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 }, hmacHashAlgorithm: 'SHA-256', iterationCount: 10_000 };
  await keyBag.makeInternalValues(encryption);
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({ safeContents: [{}, encryption] });
  await pfx.makeInternalValues({ password: passwordBuffer, iterations: 10_000, pbkdf2HashAlgorithm: 'SHA-256', hmacHashAlgorithm: 'SHA-256' });
  return new Uint8Array(pfx.toSchema().toBER(false));
}
