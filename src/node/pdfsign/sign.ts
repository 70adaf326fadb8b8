/**
 * Signing a PDF (PAdES, ETSI.CAdES.detached) as an incremental update: the input bytes are
 * kept as they are and the new revision appends a signature field and its widget (visible or
 * not), the FreeText stamps written in the same revision (the issued number and date), the
 * page's /Annots and the catalog's /AcroForm (SigFlags 3) updated, a cross-reference section
 * and a trailer pointing back. The signature covers the whole file except its own /Contents.
 *
 * The result is returned as bytes; nothing is written to disk here (callers keep a file
 * crash-safe with writeFileAtomic).
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFInvalidObject, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { AppError } from '../../shared/i18n/errors.js';
import { emptyAppearance, RevisionFonts, signatureAppearance, textStampAnnotation, type Rect, type StampStyle } from './appearance.js';
import { certificateInfo } from './certificates.js';
import { buildCms } from './cms.js';
import { formFields } from './fields.js';
import { appended, IncrementalUpdate } from './incremental.js';
import { readPdf, type PdfFile } from './pdfFile.js';
import type { SigningKey } from './signingKey.js';

export interface TextStamp {
  /** 0-based. */
  page: number;
  /** The baseline's start, in PDF points from the page's lower left. */
  x: number;
  y: number;
  size: number;
  text: string;
  /** 'regular' when left out; the date line of Decree 30 documents is italic. */
  style?: StampStyle;
}

export interface SignatureAppearance {
  /** 0-based. */
  page: number;
  rect: Rect;
  /** A PNG (transparent background): the signer's handwritten signature or the agency's seal. */
  image?: Uint8Array;
  /** Text under the image: the signer's name, position, the time. */
  lines?: string[];
}

export interface SignOptions {
  signingTime: Date;
  reason?: string;
  location?: string;
  /** The signature field's name; "Signature1", "Signature2", … when left out. */
  fieldName?: string;
  /** null: an invisible signature. */
  appearance: null | SignatureAppearance;
  /** Text written in the same revision (the number and issue date the clerk stamps). */
  stamps?: readonly TextStamp[];
}

/** Room for the CMS: the certificates, the signature and the attributes, in hex digits. */
function contentsRoom(key: SigningKey): number {
  const certs = key.certificate.length + key.chain.reduce((n, c) => n + c.length, 0);
  return Math.max(16_384, Math.ceil((2 * (certs + 4096)) / 1024) * 1024);
}

/** A PDF date (ISO 32000 §7.9.4) in Vietnam time (UTC+7 all year). */
export function pdfDate(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `D:${p(t.getUTCFullYear(), 4)}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}+07'00'`;
}

function uniqueFieldName(file: PdfFile, wanted: string | undefined): string {
  const taken = new Set(formFields(file.context, file.catalog).map((f) => f.name));
  if (wanted && !taken.has(wanted)) return wanted;
  const base = wanted ?? 'Signature';
  for (let i = wanted ? 2 : 1; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

function pageAt(file: PdfFile, index: number): PdfFile['pages'][number] {
  const page = file.pages[index];
  if (!Number.isInteger(index) || !page) throw new AppError('pdf_page_missing', { page: index + 1 });
  return page;
}

const BYTE_RANGE_WIDTH = 10;
const byteRangePlaceholder = `[0 ${'*'.repeat(BYTE_RANGE_WIDTH)} ${'*'.repeat(BYTE_RANGE_WIDTH)} ${'*'.repeat(BYTE_RANGE_WIDTH)}]`;

function indexOf(bytes: Uint8Array, needle: string, from: number, to: number): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, to).indexOf(needle, from, 'latin1');
}

export async function signPdf(pdf: Uint8Array, key: SigningKey, o: SignOptions): Promise<Uint8Array> {
  const file = await readPdf(pdf);
  const { context } = file;
  const update = new IncrementalUpdate(file);
  const fonts = new RevisionFonts(context);
  const when = pdfDate(o.signingTime);
  const signer = certificateInfo(key.certificate);

  // The signature value, with room for the CMS and the byte range filled in after writing.
  const room = contentsRoom(key);
  const contentsPlaceholder = `<${'0'.repeat(room)}>`;
  const value = context.obj({ Type: 'Sig', Filter: 'Adobe.PPKLite', SubFilter: 'ETSI.CAdES.detached' });
  value.set(PDFName.of('ByteRange'), PDFInvalidObject.of(Buffer.from(byteRangePlaceholder, 'latin1')));
  value.set(PDFName.of('Contents'), PDFInvalidObject.of(Buffer.from(contentsPlaceholder, 'latin1')));
  value.set(PDFName.of('M'), PDFString.of(when));
  value.set(PDFName.of('Name'), PDFHexString.fromText(signer.commonName));
  if (o.reason) value.set(PDFName.of('Reason'), PDFHexString.fromText(o.reason.normalize('NFC')));
  if (o.location) value.set(PDFName.of('Location'), PDFHexString.fromText(o.location.normalize('NFC')));
  const valueRef = update.add(value);

  // The field and its widget in one dictionary, on the appearance's page (page 1 when invisible).
  const pageIndex = o.appearance?.page ?? 0;
  const page = pageAt(file, pageIndex);
  const rect = o.appearance?.rect;
  const ap = o.appearance ? await signatureAppearance(context, fonts, o.appearance.rect, o.appearance.image, o.appearance.lines ?? []) : emptyAppearance(context);
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFHexString.fromText(uniqueFieldName(file, o.fieldName)),
    V: valueRef,
    // Print (4) | Locked (128).
    F: 4 | 128,
    P: page.ref,
    Rect: rect ? [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height] : [0, 0, 0, 0],
    AP: { N: ap },
  });
  const widgetRef = update.add(widget);

  // The stamps, one FreeText annotation each, on their pages.
  const newAnnots = new Map<number, PDFRef[]>([[pageIndex, [widgetRef]]]);
  (o.stamps ?? []).forEach((s, i) => {
    const p = pageAt(file, s.page);
    const ref = update.add(textStampAnnotation(context, fonts, p.ref, s, `ioffice-stamp-${valueRef.objectNumber}-${i + 1}`, when));
    newAnnots.set(s.page, [...(newAnnots.get(s.page) ?? []), ref]);
  });
  for (const [index, refs] of newAnnots) {
    const p = pageAt(file, index);
    const annots = p.dict.get(PDFName.of('Annots'));
    const existing = context.lookup(annots);
    const list = appended(context, existing instanceof PDFArray ? existing : undefined, refs);
    if (annots instanceof PDFRef && existing instanceof PDFArray) update.replace(annots, list);
    else {
      const copy = p.dict.clone(context);
      copy.set(PDFName.of('Annots'), list);
      update.replace(p.ref, copy);
    }
  }

  // The AcroForm: the new field added, SigFlags 3 (SignaturesExist | AppendOnly).
  const acroFormObj = file.catalog.get(PDFName.of('AcroForm'));
  const acroForm = context.lookup(acroFormObj);
  const form = acroForm instanceof PDFDict ? acroForm.clone(context) : context.obj({});
  const fieldsObj = form.get(PDFName.of('Fields'));
  const fields = context.lookup(fieldsObj);
  const newFields = appended(context, fields instanceof PDFArray ? fields : undefined, [widgetRef]);
  if (fieldsObj instanceof PDFRef && fields instanceof PDFArray) update.replace(fieldsObj, newFields);
  else form.set(PDFName.of('Fields'), newFields);
  form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  if (acroFormObj instanceof PDFRef && acroForm instanceof PDFDict) update.replace(acroFormObj, form);
  else {
    const catalog = file.catalog.clone(context);
    catalog.set(PDFName.of('AcroForm'), update.add(form));
    update.replace(file.catalogRef, catalog);
  }

  fonts.finish();
  const { bytes, objects } = update.write();

  // Fill in the byte range, hash what it covers, sign, and write the CMS into /Contents.
  const span = objects.find((w) => w.number === valueRef.objectNumber);
  if (!span) throw new Error('the signature value was not written');
  const contentsAt = indexOf(bytes, contentsPlaceholder, span.start, span.end);
  const rangeAt = indexOf(bytes, byteRangePlaceholder, span.start, span.end);
  if (contentsAt < 0 || rangeAt < 0) throw new Error('the signature placeholders were not found');
  const contentsEnd = contentsAt + contentsPlaceholder.length;
  const range = [0, contentsAt, contentsEnd, bytes.length - contentsEnd];
  const rangeText = `[${range.join(' ')}]`.padEnd(byteRangePlaceholder.length, ' ');
  if (rangeText.length !== byteRangePlaceholder.length) throw new Error('the file is too large for the byte range');
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).write(rangeText, rangeAt, 'latin1');
  const digest = createHash('sha256').update(bytes.subarray(0, contentsAt)).update(bytes.subarray(contentsEnd)).digest();
  const cms = await buildCms(key, digest);
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > room) throw new AppError('pdf_signature_too_large', { size: cms.length, room: room / 2 });
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).write(hex, contentsAt + 1, 'latin1');
  return bytes;
}
