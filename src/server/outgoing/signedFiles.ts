/**
 * What the server checks of a signed PDF before recording a signature (issue #10; docs/
 * decisions.md §29). Every signature is an incremental update, so the signed file begins with
 * the exact bytes of the PDF it signs (the signer's: the latest draft; the agency's: the signed
 * one), and the server's own verifier (src/node/pdfsign) must find the signatures expected, each
 * intact, the last made with the certificate the mutation names (and, for the seal, the number
 * stamped). Whether that certificate chains
 * to a trusted root is NOT enforced here: a signature of an unknown CA is recorded, and the
 * viewers say so (the agency's trusted roots are the clients' to check against).
 */
import { AppError } from '../../shared/i18n/errors.js';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { verifyPdfSignatures, type SignatureCheck } from '../../node/pdfsign/index.js';

/** Reads a stored file's bytes (the server's BlobStore). */
export interface BlobReader {
  read(sha256: string): Promise<Uint8Array>;
}

export interface SignedFileCheck {
  /** The PDF that was signed. */
  readonly base: string;
  /** The signed PDF. */
  readonly file: string;
  /** How many signatures the signed PDF carries at least (the signer's: 1; with the agency's: 2). */
  readonly signatures: number;
  /** The certificate of the last signature. */
  readonly certificateSha256: string;
  /** The number the seal must have stamped (in the revision it adds), when sealing. */
  readonly stampedNumber?: string;
}

const mismatch = (): AppError => new AppError('outgoing_signed_file_mismatch');

/** Whether `bytes` are `prefix` followed by more: an incremental update of it. */
export function extendsFile(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length > prefix.length && Buffer.from(bytes.buffer, bytes.byteOffset, prefix.length).equals(Buffer.from(prefix.buffer, prefix.byteOffset, prefix.length));
}

/**
 * The texts of the FreeText annotations of a PDF: what the clerk's seal stamps (the number, the
 * date's parts) is written as such annotations in the sealing revision (src/node/pdfsign issueStamps).
 */
async function stampedTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  const out: string[] = [];
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const a = annots!.lookup(i);
      if (!(a instanceof PDFDict) || a.get(PDFName.of('Subtype')) !== PDFName.of('FreeText')) continue;
      const contents = a.lookup(PDFName.of('Contents'));
      if (contents instanceof PDFHexString || contents instanceof PDFString) out.push(contents.decodeText().normalize('NFC').trim());
    }
  }
  return out;
}

/** How many stamps show the number: "05" in its blank, "05/UBND-VP" or "Số: 05/UBND-VP" where the line had none. */
function numberStamps(texts: readonly string[], codeNumber: string): number {
  return texts.filter((t) => t.split(/[\s:]+/u).some((w) => w === codeNumber || w.startsWith(`${codeNumber}/`))).length;
}

export async function checkSignedFile(blobs: BlobReader, c: SignedFileCheck): Promise<void> {
  const [base, signed] = await Promise.all([blobs.read(c.base), blobs.read(c.file)]);
  if (!extendsFile(signed, base)) throw mismatch();
  let found: SignatureCheck[];
  try {
    found = await verifyPdfSignatures(signed);
  } catch {
    // A file the verifier cannot read is no signed draft.
    throw mismatch();
  }
  const last = found.at(-1);
  if (last === undefined || found.length < c.signatures) throw mismatch();
  // Every signature intact, none of them undone by a later revision, the last one over the whole file.
  if (found.some((s) => s.integrity !== 'intact' || s.laterChanges === 'modified') || !last.coversWholeFile) throw mismatch();
  if (last.signer?.fingerprintSha256 !== c.certificateSha256) throw mismatch();
  if (c.stampedNumber !== undefined) {
    try {
      if (numberStamps(await stampedTexts(signed), c.stampedNumber) <= numberStamps(await stampedTexts(base), c.stampedNumber)) throw mismatch();
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw mismatch();
    }
  }
}
