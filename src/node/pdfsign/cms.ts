/**
 * The CMS SignedData of a PAdES signature (ETSI.CAdES.detached), built with pkijs (node-forge
 * mis-encodes non-ASCII issuer names, and the signature then fails to verify): detached (no
 * content), SHA-256, the signer's certificate and its chain embedded, and the signed attributes
 * contentType, messageDigest and signingCertificateV2.
 *
 * No signingTime attribute: PAdES baseline (ETSI EN 319 142-1 §5.2.1/§5.4) puts the claimed
 * signing time in the signature dictionary's /M (inside the signed byte range) and forbids the
 * CMS attribute. We checked what poppler's pdfsig (22.12) prints without it: "Signing Time" is
 * read from /M all the same. Our verifier reads a signingTime attribute when another producer
 * wrote one, else /M.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseCertificate } from './certificates.js';
import type { SigningKey } from './signingKey.js';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
} as const;

function signingCertificateV2(certificate: Uint8Array): asn1js.Sequence {
  const cert = parseCertificate(certificate);
  const hash = createHash('sha256').update(certificate).digest();
  // ESSCertIDv2 with the default hash (SHA-256, so left out) and the issuer and serial.
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })] }),
      new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView }),
    ],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: hash }), issuerSerial] })] })] });
}

/** Build the CMS for a PDF whose byte ranges hash to `digest` (SHA-256). */
export async function buildCms(key: SigningKey, digest: Uint8Array): Promise<Uint8Array> {
  const cert = parseCertificate(key.certificate);
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(key.certificate)] }),
  ];
  // DER orders a SET OF by the encodings of its elements.
  const encodings = new Map(attributes.map((a) => [a, Buffer.from(a.toSchema().toBER(false))]));
  attributes.sort((a, b) => Buffer.compare(encodings.get(a)!, encodings.get(b)!));
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
  // What is signed is the attributes' DER with the SET tag, not the [0] IMPLICIT tag they carry in SignerInfo.
  const toSign = new Uint8Array(signedAttrs.toSchema().toBER(false));
  toSign[0] = 0x31;
  const signature = await key.sign(toSign);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm:
      key.algorithm === 'RSA'
        ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() })
        : new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSHA256 }),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [cert, ...key.chain.map((c) => parseCertificate(c))],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
