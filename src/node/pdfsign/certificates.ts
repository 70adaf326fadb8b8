/**
 * X.509 certificates: what a certificate says (certificateInfo) and issuing certificates for a
 * test or demo PKI (makeCertificate). Names are written as UTF8String whenever they are not
 * printable ASCII, as the Vietnamese public CAs do ("Ủy ban nhân dân tỉnh Kon Tum").
 *
 * Built on pkijs, like the CMS: @peculiar/x509 2.x needs a global Reflect metadata polyfill
 * (tsyringe) loaded before it, which the core and the server would have to carry for nothing.
 */
import { createHash, randomBytes, webcrypto } from 'node:crypto';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const subtle = webcrypto.subtle;

/** The OIDs of the name attributes Vietnamese certificates use. */
const OID = {
  CN: '2.5.4.3',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  C: '2.5.4.6',
  title: '2.5.4.12',
  // The holder's citizen id or tax code, as "CCCD:…" / "MST:…".
  UID: '0.9.2342.19200300.100.1.1',
  E: '1.2.840.113549.1.9.1',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  rsa: '1.2.840.113549.1.1.1',
  ec: '1.2.840.10045.2.1',
} as const;

export interface DistinguishedName {
  commonName: string;
  organisation?: string;
  unit?: string;
  title?: string;
  locality?: string;
  province?: string;
  /** ISO 3166 code; 'VN' when left out. */
  country?: string;
  uid?: string;
  email?: string;
}

export interface CertificateInfo {
  commonName: string;
  organisation: string | null;
  unit: string | null;
  title: string | null;
  uid: string | null;
  issuerCommonName: string;
  issuerOrganisation: string | null;
  /** Lower-case hex without leading zero bytes (as CertificateSummary.serial). */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, lower-case hex. */
  fingerprintSha256: string;
  isCa: boolean;
  keyAlgorithm: 'RSA' | 'ECDSA' | 'other';
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(der);
}

/** The first value of a name attribute, NFC. */
export function nameField(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const tv = name.typesAndValues.find((t) => t.type === oid);
  if (!tv) return null;
  const v = (tv.value as asn1js.BaseStringBlock).valueBlock?.value;
  return typeof v === 'string' ? v.normalize('NFC') : null;
}

/** A name as one line, most specific first ("Trần Minh Quang, Ủy ban nhân dân tỉnh Kon Tum"). */
export function nameLine(name: pkijs.RelativeDistinguishedNames): string {
  return [OID.CN, OID.OU, OID.O]
    .map((o) => nameField(name, o))
    .filter((v): v is string => v !== null)
    .join(', ');
}

export function keyAlgorithmOf(cert: pkijs.Certificate): 'RSA' | 'ECDSA' | 'other' {
  const alg = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  return alg === OID.rsa ? 'RSA' : alg === OID.ec ? 'ECDSA' : 'other';
}

export function serialHex(cert: pkijs.Certificate): string {
  return Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex').replace(/^(00)+(?=.)/u, '');
}

export function isCa(cert: pkijs.Certificate): boolean {
  const ext = cert.extensions?.find((e) => e.extnID === OID.basicConstraints);
  return (ext?.parsedValue as pkijs.BasicConstraints | undefined)?.cA === true;
}

/** What a certificate says, for screens and records. Throws on bytes that are not a certificate. */
export function certificateInfo(der: Uint8Array): CertificateInfo {
  return certificateInfoOf(parseCertificate(der), der);
}

/** certificateInfo of a certificate already parsed (`der`: its encoding, for the fingerprint). */
export function certificateInfoOf(cert: pkijs.Certificate, der: Uint8Array): CertificateInfo {
  return {
    commonName: nameField(cert.subject, OID.CN) ?? nameLine(cert.subject),
    organisation: nameField(cert.subject, OID.O),
    unit: nameField(cert.subject, OID.OU),
    title: nameField(cert.subject, OID.title),
    uid: nameField(cert.subject, OID.UID),
    issuerCommonName: nameField(cert.issuer, OID.CN) ?? nameLine(cert.issuer),
    issuerOrganisation: nameField(cert.issuer, OID.O),
    serialNumber: serialHex(cert),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
    isCa: isCa(cert),
    keyAlgorithm: keyAlgorithmOf(cert),
  };
}

/**
 * The certificates of `pool` in issuing order above `leaf` (its issuer first, the root last),
 * then the rest of the pool: readers then need not sort the chain.
 */
export function issuerChain(leaf: Uint8Array, pool: readonly Uint8Array[]): Uint8Array[] {
  const rest = pool.map((der) => ({ der, cert: parseCertificate(der) }));
  const ordered: Uint8Array[] = [];
  let current = parseCertificate(leaf);
  for (;;) {
    const c = current;
    const i = rest.findIndex((r) => r.cert.subject.isEqual(c.issuer) && !r.cert.subject.isEqual(c.subject));
    if (i < 0) break;
    const [next] = rest.splice(i, 1);
    ordered.push(next!.der);
    current = next!.cert;
  }
  return [...ordered, ...rest.map((r) => r.der)];
}

// ---------------------------------------------------------------------------------------------

const isPrintable = (s: string): boolean => /^[A-Za-z0-9 '()+,\-./:=?]*$/u.test(s);

/** One attribute per RDN, C first and CN last, as the Vietnamese CAs order them. */
function encodeName(n: DistinguishedName): pkijs.RelativeDistinguishedNames {
  const str = (s: string): asn1js.BaseStringBlock => (isPrintable(s) ? new asn1js.PrintableString({ value: s }) : new asn1js.Utf8String({ value: s.normalize('NFC') }));
  const attrs: [string, asn1js.BaseStringBlock][] = [[OID.C, new asn1js.PrintableString({ value: n.country ?? 'VN' })]];
  if (n.province) attrs.push([OID.ST, str(n.province)]);
  if (n.locality) attrs.push([OID.L, str(n.locality)]);
  if (n.organisation) attrs.push([OID.O, str(n.organisation)]);
  if (n.unit) attrs.push([OID.OU, str(n.unit)]);
  if (n.title) attrs.push([OID.title, str(n.title)]);
  if (n.uid) attrs.push([OID.UID, str(n.uid)]);
  if (n.email) attrs.push([OID.E, new asn1js.IA5String({ value: n.email })]);
  attrs.push([OID.CN, str(n.commonName)]);
  const der = new asn1js.Sequence({
    value: attrs.map(([type, value]) => new asn1js.Set({ value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: type }), value] })] })),
  }).toBER(false);
  return pkijs.RelativeDistinguishedNames.fromBER(der);
}

export type CertificateRole = 'root' | 'intermediate' | 'person' | 'organisation';

export interface NewCertificate {
  role: CertificateRole;
  subject: DistinguishedName;
  /** The issuing CA; left out for a root (self-signed). */
  issuer?: { certificate: Uint8Array; keys: CryptoKeyPair };
  notBefore: Date;
  notAfter: Date;
  /** 'RSA' (2048 bits, the default: what the Vietnamese CAs issue) or 'ECDSA' (P-256). */
  algorithm?: 'RSA' | 'ECDSA';
  /** Reuse a key pair (generated when left out). */
  keys?: CryptoKeyPair;
}

export interface IssuedCertificate {
  certificate: Uint8Array;
  keys: CryptoKeyPair;
  /** The private key as PKCS#8 DER. */
  pkcs8: Uint8Array;
}

export async function generateKeys(algorithm: 'RSA' | 'ECDSA' = 'RSA'): Promise<CryptoKeyPair> {
  const params =
    algorithm === 'RSA'
      ? { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: 'P-256' };
  return subtle.generateKey(params, true, ['sign', 'verify']);
}

const time = (d: Date): pkijs.Time => new pkijs.Time({ type: d.getUTCFullYear() >= 2050 ? pkijs.TimeType.GeneralizedTime : pkijs.TimeType.UTCTime, value: d });

function keyId(spki: pkijs.PublicKeyInfo): Uint8Array {
  return createHash('sha1').update(spki.subjectPublicKey.valueBlock.valueHexView).digest();
}

/** Issue a certificate for a test or demo PKI (a CA, an intermediate, a person, an organisation). */
export async function makeCertificate(o: NewCertificate): Promise<IssuedCertificate> {
  const keys = o.keys ?? (await generateKeys(o.algorithm ?? 'RSA'));
  const ca = o.role === 'root' || o.role === 'intermediate';
  const cert = new pkijs.Certificate();
  cert.version = 2;
  // A positive serial of 16 random bytes (top bit clear: no sign byte in DER).
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x10;
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  cert.subject = encodeName(o.subject);
  const issuerCert = o.issuer ? parseCertificate(o.issuer.certificate) : null;
  cert.issuer = issuerCert ? issuerCert.subject : encodeName(o.subject);
  cert.notBefore = time(o.notBefore);
  cert.notAfter = time(o.notAfter);
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  const ski = keyId(cert.subjectPublicKeyInfo);
  const aki = issuerCert ? keyId(issuerCert.subjectPublicKeyInfo) : ski;
  // KeyUsage bits, most significant first: digitalSignature(0) nonRepudiation(1) … keyCertSign(5) cRLSign(6).
  const usage = ca ? { bits: 0b1000_0110, unused: 1 } : { bits: 0b1100_0000, unused: 6 };
  const basic = ca ? new pkijs.BasicConstraints({ cA: true, ...(o.role === 'intermediate' ? { pathLenConstraint: 0 } : {}) }) : new pkijs.BasicConstraints({});
  cert.extensions = [
    new pkijs.Extension({ extnID: OID.basicConstraints, critical: true, extnValue: basic.toSchema().toBER(false) }),
    new pkijs.Extension({ extnID: OID.keyUsage, critical: true, extnValue: new asn1js.BitString({ valueHex: new Uint8Array([usage.bits]), unusedBits: usage.unused }).toBER(false) }),
    new pkijs.Extension({ extnID: OID.subjectKeyId, extnValue: new asn1js.OctetString({ valueHex: ski }).toBER(false) }),
    new pkijs.Extension({ extnID: OID.authorityKeyId, extnValue: new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: aki }) }).toSchema().toBER(false) }),
  ];
  await cert.sign((o.issuer?.keys ?? keys).privateKey, 'SHA-256');
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', keys.privateKey));
  return { certificate: new Uint8Array(cert.toSchema(true).toBER(false)), keys, pkcs8 };
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/gu, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.endsWith('\n') ? b64 : `${b64}\n`}-----END ${label}-----\n`;
}
