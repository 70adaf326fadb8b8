/**
 * The PDF digital-signature engine (issue #10): PAdES signatures from a PKCS#12 file or a
 * PKCS#11 token, written as incremental updates, with visible appearances and the issuing
 * stamps; our own verifier; where the number, the date, the signature and the seal go; test and
 * demo certificates and images. Node-only (src/node): the core's signing process and the
 * server's demo seed use it; the renderer never loads it. docs/decisions.md says why it is built so.
 */
export type { SigningKey } from './signingKey.js';
export { keyFromPkcs8 } from './signingKey.js';
export { loadPkcs12, toPkcs12 } from './pkcs12.js';
export { listTokenCertificates, openTokenKey, type TokenCertificate, type TokenOptions } from './pkcs11.js';
export {
  certificateInfo,
  generateKeys,
  issuerChain,
  makeCertificate,
  toPem,
  type CertificateInfo,
  type CertificateRole,
  type DistinguishedName,
  type IssuedCertificate,
  type NewCertificate,
} from './certificates.js';
export type { Rect, StampStyle } from './appearance.js';
export { pdfDate, signPdf, type SignatureAppearance, type SignOptions, type TextStamp } from './sign.js';
export { parsePdfDate, verifyPdfSignatures, type SignatureCheck, type SignatureProblem, type SignatureStatus, type VerifyOptions } from './verify.js';
export { dateParts, findPlacement, issueStamps, SEAL_DIAMETER, type Blank, type DateSlot, type NumberSlot, type Placement, type Slot } from './placement.js';
export { drawSignatureImage, sealImage, signatureImage } from './images.js';
export { certificateSummaryOf } from './certificateSummary.js';
export { writeFileAtomic } from '../writeFileAtomic.js';
