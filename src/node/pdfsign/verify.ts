/**
 * Our own verifier of PDF signatures (pkijs), for every document the app shows, incoming ones
 * included. For each signature, in the order they were made:
 *   integrity      the bytes it covers hash to its messageDigest and the CMS signature over
 *                  the signed attributes verifies with the signer's key;
 *   later changes  what the revisions after it changed: nothing, only additions (new
 *                  annotations, signature fields, form entries: what issuing a signed document
 *                  adds), or anything else (page content replaced, objects rewritten);
 *   chain          pkijs's path validation up to the roots the agency trusts, at the signing
 *                  time; a path that does not reach them is 'unknown_ca', one that reaches them
 *                  but does not validate is 'invalid';
 *   validity       the signer's certificate at the signing time (and whether it expired since);
 *   revocation     never checked: the app works offline and has no CRL or OCSP responder to
 *                  ask, and says so rather than guess.
 * A damaged signature gives a check with status 'invalid' and the problems found, never an
 * exception; only a file that is not a readable PDF throws AppError('pdf_unreadable').
 */
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import * as asn1js from 'asn1js';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { AppError } from '../../shared/i18n/errors.js';
import { certificateInfoOf, type CertificateInfo } from './certificates.js';
import { OID } from './cms.js';
import { formFields, textOf } from './fields.js';
import { pagesOf, parseObjects } from './pdfFile.js';

export type SignatureStatus = 'valid' | 'valid_with_later_additions' | 'invalid' | 'untrusted';

export type SignatureProblem =
  | 'signature_value_missing'
  | 'unsupported_format'
  | 'byte_range_invalid'
  | 'cms_unreadable'
  | 'signer_certificate_missing'
  | 'digest_mismatch'
  | 'signature_mismatch'
  | 'modified_after_signing'
  | 'chain_invalid'
  | 'unknown_ca'
  | 'certificate_expired'
  | 'certificate_not_yet_valid';

export interface SignatureCheck {
  fieldName: string;
  subFilter: string | null;
  /** The signer's certificate, null when the signature carries none that can be read. */
  signer: CertificateInfo | null;
  /** ISO time: the CMS signingTime when present, else the signature dictionary's /M. */
  signingTime: string | null;
  reason: string | null;
  location: string | null;
  integrity: 'intact' | 'broken';
  coversWholeFile: boolean;
  /** Revisions appended after the one this signature covers. */
  laterRevisions: number;
  laterChanges: 'none' | 'additions' | 'modified';
  chain: 'trusted' | 'unknown_ca' | 'invalid';
  validity: 'valid' | 'expired' | 'not_yet_valid';
  expiredNow: boolean;
  revocation: 'not_checked_offline';
  status: SignatureStatus;
  problems: SignatureProblem[];
  /** The other certificates embedded in the signature (intermediates, root). */
  embedded: CertificateInfo[];
}

export interface VerifyOptions {
  /** DER of the root certificates the agency trusts (none: every chain is 'unknown_ca'). */
  trustedRoots: readonly Uint8Array[];
  /** "Now" for expiredNow; the current time when left out. */
  now?: Date;
}

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const SUB_FILTERS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']);

/** A PDF date ("D:20261125103000+07'00'") as a Date. */
export function parsePdfDate(s: string): Date | null {
  const m = /^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/u.exec(s.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', tz, th = '00', tm = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  const offset = tz === '+' || tz === '-' ? (tz === '-' ? -1 : 1) * (Number(th) * 60 + Number(tm)) * 60_000 : 0;
  const t = utc - offset;
  return Number.isFinite(t) ? new Date(t) : null;
}

function countOf(bytes: Uint8Array, needle: string, from: number): number {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let n = 0;
  for (let at = b.indexOf(needle, from, 'latin1'); at >= 0; at = b.indexOf(needle, at + needle.length, 'latin1')) n++;
  return n;
}

const isWhitespace = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x00 || c === 0x0c;

// ---------------------------------------------------------------------------------------------
// What changed after a signature.

/** A comparable form of an object: its serialization (a stream's dictionary and raw contents). */
function fingerprint(obj: PDFObject): string {
  if (obj instanceof PDFRawStream) return `${obj.dict.toString()}|${createHash('sha256').update(obj.contents).digest('hex')}`;
  return obj.toString();
}

function refsOf(context: PDFContext, obj: PDFObject | undefined): string[] {
  const a = context.lookup(obj);
  if (!(a instanceof PDFArray)) return [];
  return a.asArray().map((v) => (v instanceof PDFRef ? v.tag : v.toString()));
}

const includesAll = (after: string[], before: string[]): boolean => {
  const set = new Set(after);
  return before.every((r) => set.has(r));
};

/** Equal but for `except` keys. */
function sameBut(a: PDFDict, b: PDFDict, except: readonly string[]): boolean {
  const keys = (d: PDFDict): string[] => d.keys().map((k) => k.decodeText()).filter((k) => !except.includes(k)).sort();
  const ka = keys(a);
  const kb = keys(b);
  if (ka.join('/') !== kb.join('/')) return false;
  return ka.every((k) => fingerprint(a.get(PDFName.of(k))!) === fingerprint(b.get(PDFName.of(k))!));
}

/**
 * Compare the objects of the signed revision with the file's final state. Allowed: new objects;
 * the catalog's /AcroForm (fields only added); pages whose /Annots only grew; the /Annots and
 * /Fields arrays only growing; the /Info dictionary. Anything else rewritten is a modification.
 */
function changesAfter(before: PDFContext, after: PDFContext): 'none' | 'additions' | 'modified' {
  const rootBefore = before.trailerInfo.Root;
  const rootAfter = after.trailerInfo.Root;
  if (!(rootBefore instanceof PDFRef) || !(rootAfter instanceof PDFRef) || rootBefore.tag !== rootAfter.tag) return 'modified';
  const catalogBefore = before.lookup(rootBefore);
  if (!(catalogBefore instanceof PDFDict)) return 'modified';
  const growingArrays = new Set<string>();
  const acroFormRef = catalogBefore.get(PDFName.of('AcroForm'));
  const acroFormBefore = before.lookup(acroFormRef);
  const fieldsRef = acroFormBefore instanceof PDFDict ? acroFormBefore.get(PDFName.of('Fields')) : undefined;
  if (fieldsRef instanceof PDFRef) growingArrays.add(fieldsRef.tag);
  const pageTags = new Set<string>();
  for (const p of pagesOf(before, catalogBefore)) {
    pageTags.add(p.ref.tag);
    const annots = p.dict.get(PDFName.of('Annots'));
    if (annots instanceof PDFRef) growingArrays.add(annots.tag);
  }
  const infoRef = before.trailerInfo.Info;
  let changed = false;
  for (const [ref, obj] of after.enumerateIndirectObjects()) {
    const old = before.lookup(ref);
    if (old === undefined) {
      changed = true;
      continue;
    }
    if (fingerprint(old) === fingerprint(obj)) continue;
    changed = true;
    const tag = ref.tag;
    if (infoRef instanceof PDFRef && infoRef.tag === tag) continue;
    if (tag === rootBefore.tag && old instanceof PDFDict && obj instanceof PDFDict) {
      if (!sameBut(old, obj, ['AcroForm', 'DSS'])) return 'modified';
      const oldForm = before.lookup(old.get(PDFName.of('AcroForm')));
      const newForm = after.lookup(obj.get(PDFName.of('AcroForm')));
      if (oldForm instanceof PDFDict && !(newForm instanceof PDFDict && includesAll(refsOf(after, newForm.get(PDFName.of('Fields'))), refsOf(before, oldForm.get(PDFName.of('Fields')))))) return 'modified';
      continue;
    }
    if (acroFormRef instanceof PDFRef && tag === acroFormRef.tag && old instanceof PDFDict && obj instanceof PDFDict) {
      if (!includesAll(refsOf(after, obj.get(PDFName.of('Fields'))), refsOf(before, old.get(PDFName.of('Fields'))))) return 'modified';
      continue;
    }
    if (pageTags.has(tag) && old instanceof PDFDict && obj instanceof PDFDict) {
      if (!sameBut(old, obj, ['Annots'])) return 'modified';
      if (!includesAll(refsOf(after, obj.get(PDFName.of('Annots'))), refsOf(before, old.get(PDFName.of('Annots'))))) return 'modified';
      continue;
    }
    if (growingArrays.has(tag) && old instanceof PDFArray && obj instanceof PDFArray) {
      if (!includesAll(refsOf(after, obj), refsOf(before, old))) return 'modified';
      continue;
    }
    return 'modified';
  }
  return changed ? 'additions' : 'none';
}

// ---------------------------------------------------------------------------------------------
// Certificates.

// Encodings of parsed certificates, computed once each (pkijs re-encodes on every call).
const ders = new WeakMap<pkijs.Certificate, Buffer>();
function derOf(cert: pkijs.Certificate): Buffer {
  let d = ders.get(cert);
  if (!d) {
    d = Buffer.from(cert.toSchema().toBER(false));
    ders.set(cert, d);
  }
  return d;
}
const spkiOf = (cert: pkijs.Certificate): Buffer => Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false));
const sameCert = (a: pkijs.Certificate, b: pkijs.Certificate): boolean => a === b || derOf(a).equals(derOf(b));

function infoOf(cert: pkijs.Certificate): CertificateInfo | null {
  try {
    return certificateInfoOf(cert, derOf(cert));
  } catch {
    return null;
  }
}

/** The DER of the first TLV in `bytes`: /Contents is padded with zeros after the CMS. */
function firstTlv(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 2) return bytes;
  const first = bytes[1]!;
  if (first < 0x80) return bytes.subarray(0, Math.min(bytes.length, 2 + first));
  const n = first & 0x7f;
  // Indefinite length (BER) or absurd sizes: let the parser find the end.
  if (n === 0 || n > 4) return bytes;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (bytes[2 + i] ?? 0);
  return bytes.subarray(0, Math.min(bytes.length, 2 + n + len));
}

type ChainResult = 'trusted' | 'unknown_ca' | 'invalid';

// Path validation is a pure function of the certificates, the roots and the date; the viewer
// re-verifies the same documents (and an agency's documents share a few chains), so results are kept.
const chainResults = new Map<string, ChainResult>();

async function chainOf(signer: pkijs.Certificate, embedded: pkijs.Certificate[], roots: pkijs.Certificate[], at: Date): Promise<ChainResult> {
  if (roots.length === 0) return 'unknown_ca';
  const hash = createHash('sha256');
  for (const c of [signer, ...embedded]) hash.update(derOf(c));
  hash.update('|');
  for (const r of roots) hash.update(derOf(r));
  const key = `${hash.digest('hex')}|${at.toISOString()}`;
  const known = chainResults.get(key);
  if (known) return known;
  const result = await validateChain(signer, embedded, roots, at);
  if (chainResults.size >= 1000) chainResults.clear();
  chainResults.set(key, result);
  return result;
}

async function validateChain(signer: pkijs.Certificate, embedded: pkijs.Certificate[], roots: pkijs.Certificate[], at: Date): Promise<ChainResult> {
  const certs = [signer, ...embedded.filter((c) => !sameCert(c, signer) && !roots.some((r) => sameCert(r, c)))];
  try {
    const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: roots, certs, checkDate: at });
    const result = await engine.verify();
    if (result.result) return 'trusted';
  } catch {
    // A path pkijs could not build or check: told apart below.
  }
  // Walk up by names: reaching a trusted root means the path exists but does not validate.
  const pool = [...embedded, ...roots];
  let current = signer;
  for (let depth = 0; depth < 10; depth++) {
    const c0 = current;
    const isRoot = roots.some((r) => sameCert(r, c0) || (r.subject.isEqual(c0.subject) && spkiOf(r).equals(spkiOf(c0))));
    if (isRoot) return 'invalid';
    const c = current;
    const issuers = pool.filter((p) => p.subject.isEqual(c.issuer) && !sameCert(p, c));
    if (issuers.length === 0) return 'unknown_ca';
    let next: pkijs.Certificate | null = null;
    for (const i of issuers) {
      if (await c.verify(i).catch(() => false)) {
        next = i;
        break;
      }
    }
    if (!next) return roots.some((r) => issuers.includes(r)) ? 'invalid' : 'unknown_ca';
    current = next;
  }
  return 'unknown_ca';
}

// ---------------------------------------------------------------------------------------------

interface Candidate {
  fieldName: string;
  value: PDFObject | undefined;
}

function signatureCandidates(context: PDFContext, catalog: PDFDict): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const f of formFields(context, catalog)) {
    if (f.type !== 'Sig' || f.value === undefined) continue;
    if (f.valueRef) seen.add(f.valueRef.tag);
    out.push({ fieldName: f.name, value: f.value });
  }
  // Signature widgets not listed in the AcroForm (damaged or careless writers).
  for (const p of pagesOf(context, catalog)) {
    const annots = context.lookup(p.dict.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) continue;
    for (const a of annots.asArray()) {
      const d = context.lookup(a);
      if (!(d instanceof PDFDict) || d.get(PDFName.of('FT')) !== PDFName.of('Sig')) continue;
      const v = d.get(PDFName.of('V'));
      if (!(v instanceof PDFRef) || seen.has(v.tag)) continue;
      seen.add(v.tag);
      out.push({ fieldName: textOf(context.lookup(d.get(PDFName.of('T')))) ?? '', value: context.lookup(v) });
    }
  }
  return out;
}

function byteRangeOf(context: PDFContext, value: PDFDict): number[] | null {
  const br = context.lookup(value.get(PDFName.of('ByteRange')));
  if (!(br instanceof PDFArray) || br.size() !== 4) return null;
  const n = br.asArray().map((v) => context.lookup(v));
  if (!n.every((v) => v instanceof PDFNumber)) return null;
  const r = n.map((v) => v.asNumber());
  return r.every((x) => Number.isInteger(x) && x >= 0) ? r : null;
}

// Signature algorithms Node verifies directly: OID → the digest it implies (null: the SignerInfo's).
const NODE_SIGNATURES: Record<string, string | null> = {
  '1.2.840.113549.1.1.1': null, // rsaEncryption, digest from digestAlgorithm
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

/**
 * The CMS signature over the signed attributes (as encoded in the file, with the SET tag).
 * PKCS#1 v1.5 and ECDSA go through Node's crypto (synchronous, no copy of the document);
 * anything else (RSA-PSS) through pkijs's SignedData.verify.
 */
async function signatureVerifies(signedData: pkijs.SignedData, signerInfo: pkijs.SignerInfo, signerCert: pkijs.Certificate, hash: string, data: Buffer): Promise<boolean> {
  const alg = signerInfo.signatureAlgorithm.algorithmId;
  const implied = NODE_SIGNATURES[alg];
  if (implied !== undefined && signerInfo.signedAttrs) {
    try {
      const key = createPublicKey({ key: Buffer.from(signerCert.subjectPublicKeyInfo.toSchema().toBER(false)), format: 'der', type: 'spki' });
      const attrs = Buffer.from(signerInfo.signedAttrs.encodedValue);
      return nodeVerify(implied ?? hash, attrs, key, Buffer.from(signerInfo.signature.valueBlock.valueHexView));
    } catch {
      return false;
    }
  }
  try {
    const r = await signedData.verify({ signer: 0, data: new Uint8Array(data).buffer, extendedMode: true, checkChain: false });
    return r.signatureVerified === true;
  } catch {
    return false;
  }
}

function cmsTimeOf(signerInfo: pkijs.SignerInfo): Date | null {
  const attr = signerInfo.signedAttrs?.attributes.find((a) => a.type === OID.signingTime);
  const v = attr?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
  return v && typeof v.toDate === 'function' ? v.toDate() : null;
}

function attributeOctets(signerInfo: pkijs.SignerInfo, type: string): Uint8Array | null {
  const attr = signerInfo.signedAttrs?.attributes.find((a) => a.type === type);
  const v = attr?.values[0] as asn1js.OctetString | undefined;
  return v instanceof asn1js.OctetString ? new Uint8Array(v.valueBlock.valueHexView) : null;
}

function finish(check: Omit<SignatureCheck, 'status'>): SignatureCheck {
  const p = check.problems;
  if (check.laterChanges === 'modified') p.push('modified_after_signing');
  // The certificate's problems only when there was a certificate to judge.
  if (check.signer !== null) {
    if (check.chain === 'invalid') p.push('chain_invalid');
    if (check.chain === 'unknown_ca') p.push('unknown_ca');
    if (check.validity === 'expired') p.push('certificate_expired');
    if (check.validity === 'not_yet_valid') p.push('certificate_not_yet_valid');
  }
  const status: SignatureStatus =
    check.integrity === 'broken' || check.laterChanges === 'modified' || check.chain === 'invalid' || check.validity !== 'valid'
      ? 'invalid'
      : check.chain === 'unknown_ca'
        ? 'untrusted'
        : check.laterChanges === 'additions'
          ? 'valid_with_later_additions'
          : 'valid';
  return { ...check, status };
}

// The agency's roots, parsed once: every verification passes the same few.
const rootCache = new Map<string, pkijs.Certificate | null>();
function parsedRoot(der: Uint8Array): pkijs.Certificate | null {
  const key = createHash('sha256').update(der).digest('hex');
  if (!rootCache.has(key)) {
    let cert: pkijs.Certificate | null;
    try {
      cert = pkijs.Certificate.fromBER(der);
    } catch {
      cert = null; // a root that does not parse trusts nothing
    }
    if (rootCache.size >= 100) rootCache.clear();
    rootCache.set(key, cert);
  }
  return rootCache.get(key) ?? null;
}

/** Check every signature of a PDF, in the order they were made. An unsigned PDF gives []. */
export async function verifyPdfSignatures(pdf: Uint8Array, o: VerifyOptions = { trustedRoots: [] }): Promise<SignatureCheck[]> {
  if (!Buffer.from(pdf.buffer, pdf.byteOffset, Math.min(pdf.length, 1024)).toString('latin1').includes('%PDF-')) throw new AppError('pdf_unreadable');
  let context: PDFContext;
  try {
    context = await parseObjects(pdf);
  } catch {
    throw new AppError('pdf_unreadable');
  }
  const catalog = context.lookup(context.trailerInfo.Root);
  if (!(catalog instanceof PDFDict)) throw new AppError('pdf_unreadable');
  const roots = o.trustedRoots.flatMap((der) => parsedRoot(der) ?? []);
  const now = o.now ?? new Date();
  const prefixes = new Map<number, Promise<'none' | 'additions' | 'modified'>>();
  const laterChangesAt = (end: number): Promise<'none' | 'additions' | 'modified'> => {
    let p = prefixes.get(end);
    if (!p) {
      p = parseObjects(pdf.subarray(0, end)).then(
        (before) => changesAfter(before, context),
        () => 'modified' as const,
      );
      prefixes.set(end, p);
    }
    return p;
  };

  const results: { end: number; check: SignatureCheck }[] = [];
  for (const cand of signatureCandidates(context, catalog)) {
    const base: Omit<SignatureCheck, 'status'> = {
      fieldName: cand.fieldName,
      subFilter: null,
      signer: null,
      signingTime: null,
      reason: null,
      location: null,
      integrity: 'broken',
      coversWholeFile: false,
      laterRevisions: 0,
      laterChanges: 'none',
      chain: 'unknown_ca',
      validity: 'valid',
      expiredNow: false,
      revocation: 'not_checked_offline',
      problems: [],
      embedded: [],
    };
    const value = cand.value;
    if (!(value instanceof PDFDict)) {
      base.problems.push('signature_value_missing');
      results.push({ end: Number.MAX_SAFE_INTEGER, check: finish(base) });
      continue;
    }
    const subFilter = context.lookup(value.get(PDFName.of('SubFilter')));
    base.subFilter = subFilter instanceof PDFName ? subFilter.decodeText() : null;
    base.reason = textOf(context.lookup(value.get(PDFName.of('Reason'))));
    base.location = textOf(context.lookup(value.get(PDFName.of('Location'))));
    const m = context.lookup(value.get(PDFName.of('M')));
    const pdfTime = m instanceof PDFString || m instanceof PDFHexString ? parsePdfDate(m.decodeText()) : null;
    base.signingTime = pdfTime?.toISOString() ?? null;
    const check = await checkOne(pdf, context, value, base, roots, now, laterChangesAt);
    results.push({ end: check.end, check: finish(check.check) });
  }
  return results.sort((a, b) => a.end - b.end).map((r) => r.check);
}

async function checkOne(
  pdf: Uint8Array,
  context: PDFContext,
  value: PDFDict,
  base: Omit<SignatureCheck, 'status'>,
  roots: pkijs.Certificate[],
  now: Date,
  laterChangesAt: (end: number) => Promise<'none' | 'additions' | 'modified'>,
): Promise<{ end: number; check: Omit<SignatureCheck, 'status'> }> {
  const check = base;
  const fail = (problem: SignatureProblem, end = Number.MAX_SAFE_INTEGER): { end: number; check: Omit<SignatureCheck, 'status'> } => {
    check.problems.push(problem);
    return { end, check };
  };
  if (check.subFilter === null || !SUB_FILTERS.has(check.subFilter)) return fail('unsupported_format');

  // The byte range: from the start of the file, around exactly the /Contents hex string.
  const range = byteRangeOf(context, value);
  const contents = context.lookup(value.get(PDFName.of('Contents')));
  if (!range || !(contents instanceof PDFHexString)) return fail('byte_range_invalid');
  const [a, b, c, d] = range as [number, number, number, number];
  const end = c + d;
  if (a !== 0 || b >= c || end > pdf.length || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) return fail('byte_range_invalid');
  const gap = Buffer.from(pdf.buffer, pdf.byteOffset + b + 1, c - b - 2).toString('latin1');
  if (!/^[0-9A-Fa-f\s]*$/u.test(gap)) return fail('byte_range_invalid', end);
  let tail = end;
  while (tail < pdf.length && isWhitespace(pdf[tail])) tail++;
  check.coversWholeFile = tail === pdf.length;
  check.laterRevisions = countOf(pdf, '%%EOF', end);
  check.laterChanges = check.coversWholeFile ? 'none' : await laterChangesAt(end);

  // The CMS.
  let signedData: pkijs.SignedData;
  try {
    const der = firstTlv(Buffer.from(gap.replace(/\s/gu, ''), 'hex'));
    const parsed = asn1js.fromBER(der);
    if (parsed.offset === -1) throw new Error('not DER');
    const ci = new pkijs.ContentInfo({ schema: parsed.result });
    if (ci.contentType !== OID.signedData) throw new Error('not SignedData');
    signedData = new pkijs.SignedData({ schema: ci.content });
  } catch {
    return fail('cms_unreadable', end);
  }
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) return fail('cms_unreadable', end);
  const certs = (signedData.certificates ?? []).filter((x): x is pkijs.Certificate => x instanceof pkijs.Certificate);
  const sid = signerInfo.sid;
  const signerCert = sid instanceof pkijs.IssuerAndSerialNumber ? certs.find((x) => x.issuer.isEqual(sid.issuer) && x.serialNumber.isEqual(sid.serialNumber)) : undefined;
  if (signerCert) check.signer = infoOf(signerCert);
  check.embedded = certs.filter((x) => x !== signerCert).flatMap((x) => infoOf(x) ?? []);
  const cmsTime = cmsTimeOf(signerInfo);
  if (cmsTime) check.signingTime = cmsTime.toISOString();
  if (!signerCert) return fail('signer_certificate_missing', end);

  // The certificate at the signing time, and its chain.
  const at = check.signingTime ? new Date(check.signingTime) : now;
  const notBefore = signerCert.notBefore.value;
  const notAfter = signerCert.notAfter.value;
  check.validity = at < notBefore ? 'not_yet_valid' : at > notAfter ? 'expired' : 'valid';
  check.expiredNow = now > notAfter;
  // The chain is judged inside the signer's validity, so an expired certificate reads as
  // 'expired' with its chain still known, not as a broken chain.
  const chainAt = new Date(Math.min(Math.max(at.getTime(), notBefore.getTime()), notAfter.getTime()));
  check.chain = await chainOf(
    signerCert,
    certs.filter((x) => x !== signerCert),
    roots,
    chainAt,
  );

  // Integrity: the digest of the byte ranges, then the signature over the signed attributes.
  const hash = HASHES[signerInfo.digestAlgorithm.algorithmId];
  const expected = attributeOctets(signerInfo, OID.messageDigest);
  if (!hash || !expected) return fail('cms_unreadable', end);
  const signed = Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, end)]);
  const digest = createHash(hash).update(signed).digest();
  if (!digest.equals(Buffer.from(expected))) return fail('digest_mismatch', end);
  if (!(await signatureVerifies(signedData, signerInfo, signerCert, hash, signed))) return fail('signature_mismatch', end);
  check.integrity = 'intact';
  return { end, check };
}
