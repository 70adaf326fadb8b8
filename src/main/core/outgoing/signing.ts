/**
 * Signing, sealing and verifying in the core (OUTGOING_RPC 'outgoing.sign', 'outgoing.seal',
 * 'outgoing.verify', 'outgoing.placement'), never in the renderer: the keys and the PDF engine
 * (src/node/pdfsign) are here.
 *
 * - sign: the signer signs the draft's latest PDF (an incremental update, so the signed file
 *   starts with the draft's exact bytes), with the handwritten-signature image and their
 *   position and name over the signature block.
 * - seal: once the server numbered it, the clerk stamps the number and the issue date into the
 *   signed PDF and applies the agency's signature with the seal over the left third of the
 *   signer's signature (Decree 30 Appendix I), again as an incremental update.
 *
 * Each stores the new PDF in the file cache (written to a temporary name, flushed and renamed,
 * so a kill never leaves half a file under a file's name; sweepDisk removes what a kill left)
 * and only then queues its action through the very path `mutate` uses, so the outbox entry
 * and its file are durable together before the call answers. A kill before that answer
 * leaves the document as it was: sign again.
 */
import fsp from 'node:fs/promises';
import { AppError } from '../../../shared/index.js';
import { isPdfBytes } from '../../../shared/text/fileType.js';
import { formatNumberSymbol } from '../../../shared/domain/documentNumber.js';
import { userName } from '../../../shared/domain/org.js';
import { isOutgoingClerk, latestVersion, OUTGOING_STATUS_LABELS, outgoingActions, type OutgoingDocument } from '../../../shared/outgoing/schemas.js';
import type { KeyChoice, PlacementResult, SignatureCheck } from '../../../shared/outgoing/rpc.js';
import { findPlacement, issueStamps, sealImage, signatureImage, signPdf, verifyPdfSignatures, type Placement, type TextStamp } from '../../../node/pdfsign/index.js';
import { textWidth } from '../../../node/pdfPage.js';
import type { OutgoingContext } from './context.js';
import { unlockKey } from './keys.js';

type Rect = PlacementResult['signerRect']['rect'];

/**
 * A test hook, as the mail engine's (IOFFICE_TEST_MAIL_PAUSE): "phase:ms[:marker]" holds the
 * signing at `phase` for `ms`, touching `marker` first, so a test can kill the process there.
 *   signed   the signed bytes are made, nothing is stored
 *   stored   the file is in the cache, the action not yet queued
 */
async function pause(phase: 'signed' | 'stored'): Promise<void> {
  const m = /^(signed|stored):(\d+)(?::(.+))?$/u.exec(process.env.IOFFICE_TEST_OUTGOING_PAUSE ?? '');
  if (!m || m[1] !== phase) return;
  if (m[3]) await fsp.writeFile(m[3], phase);
  await new Promise((r) => setTimeout(r, Number(m[2])));
}

const wrongStatus = (d: OutgoingDocument): AppError => new AppError('outgoing_wrong_status', { status: OUTGOING_STATUS_LABELS[d.status].vi });

function documentOf(ctx: OutgoingContext, id: string): OutgoingDocument {
  const d = ctx.overlaid(id)?.state;
  if (!d) throw new AppError('outgoing_not_found');
  return d;
}

/** "Du-thao" of "Du-thao.docx": a signed or issued file is named after the draft it comes from. */
function stem(name: string): string {
  return name.replace(/\.[A-Za-z0-9]{1,5}$/u, '') || 'van-ban';
}

/** A cached PDF's bytes (fetched first when only the server has it). */
async function pdfOf(ctx: OutgoingContext, sha256: string, notPdf: () => AppError): Promise<Uint8Array> {
  const bytes = await ctx.readFile(sha256);
  if (!isPdfBytes(bytes)) throw notPdf();
  return bytes;
}

/** Store the new PDF (durably, under its hash) and queue its action exactly as `mutate` would. */
async function storeAndQueue(ctx: OutgoingContext, name: 'outgoing.sign' | 'outgoing.seal', doc: OutgoingDocument, fileName: string, bytes: Uint8Array, signer: { certificate: unknown; keyStore: 'file' | 'token' }): Promise<{ sha256: string }> {
  const ref = await ctx.files.add(fileName, bytes);
  await pause('stored');
  await ctx.mutate(name, {
    documentId: doc.id,
    file: { sha256: ref.sha256, name: ref.name, size: ref.size, mime: 'application/pdf' },
    certificate: signer.certificate,
    keyStore: signer.keyStore,
  });
  return { sha256: ref.sha256 };
}

export async function signDraft(ctx: OutgoingContext, p: { documentId: string; key: KeyChoice; placement: { page: number; rect: Rect } | null }): Promise<{ sha256: string }> {
  const doc = documentOf(ctx, p.documentId);
  if (!outgoingActions(doc, ctx.user, ctx.org).has('outgoing.sign')) throw doc.status === 'to_sign' ? new AppError('not_signer') : wrongStatus(doc);
  const version = latestVersion(doc);
  if (!version) throw new AppError('outgoing_no_file');
  const pdf = await pdfOf(ctx, version.file.sha256, () => new AppError('outgoing_not_pdf_to_sign'));
  const unlocked = await unlockKey(ctx, p.key);
  let signed: Uint8Array;
  try {
    const where = p.placement ?? (await findPlacement(pdf, { signerName: ctx.user.fullName })).signerRect;
    const position = [doc.signerCompetence, doc.signerPosition || ctx.user.position].filter((s) => s !== '').join(' ');
    signed = await signPdf(pdf, unlocked.key, {
      signingTime: ctx.now(),
      reason: 'Ký ban hành văn bản',
      location: ctx.agency.place,
      fieldName: 'ChuKyNguoiKy',
      appearance: {
        page: where.page,
        rect: where.rect,
        image: ctx.store.image('signature') ?? (await signatureImage(ctx.user.fullName)),
        lines: [position.toLocaleUpperCase('vi'), ctx.user.fullName].filter((s) => s !== ''),
      },
    });
  } finally {
    await unlocked.close();
  }
  await pause('signed');
  return storeAndQueue(ctx, 'outgoing.sign', doc, `${stem(version.file.name)}-da-ky.pdf`, signed, unlocked);
}

/** The time of issue as Appendix I writes it on an electronic copy: Vietnam time with its offset. */
function vnIso(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 7 * 3600_000);
  return `${t.toISOString().slice(0, 19)}+07:00`;
}

const MARGIN = (20 * 72) / 25.4;

/**
 * The number and date stamps: in the document's own blanks ("Số:      /UBND-VP", "ngày …
 * tháng … năm …") where the engine finds them; a document without the number line gets the
 * number top-left, under where the agency's name stands, and one without the date line gets
 * Appendix I's top-right line "{number/symbol} {time of issue}".
 */
export function sealStamps(placement: Placement, number: NonNullable<OutgoingDocument['number']>): TextStamp[] {
  const symbol = formatNumberSymbol(number.codeNumber, number.codeNotation);
  const stamps = issueStamps(placement, { number: number.codeNumber, symbol: number.codeNotation, date: new Date(number.issuedAt) });
  const page = placement.pages[0]!;
  if (!placement.numberSlot) stamps.push({ page: 0, x: MARGIN + 10, y: page.height - MARGIN - 48, size: 13, text: `Số: ${symbol}` });
  if (!placement.dateSlot) {
    const text = `${symbol} ${vnIso(number.issuedAt)}`;
    stamps.push({ page: 0, x: page.width - MARGIN - textWidth('regular', 10, text), y: page.height - MARGIN / 2 - 10, size: 10, text });
  }
  return stamps;
}

export async function sealDocument(ctx: OutgoingContext, p: { documentId: string; key: KeyChoice }): Promise<{ sha256: string }> {
  const doc = documentOf(ctx, p.documentId);
  if (!isOutgoingClerk(ctx.user)) throw new AppError('not_clerk_outgoing');
  if (doc.status !== 'numbered' || doc.number === null) throw wrongStatus(doc);
  const signedVersion = doc.versions.findLast((v) => v.kind === 'signed');
  if (!signedVersion) throw wrongStatus(doc);
  const pdf = await pdfOf(ctx, signedVersion.file.sha256, () => new AppError('outgoing_signed_file_mismatch'));
  const placement = await findPlacement(pdf, { signerName: userName(ctx.org, doc.signerId) || undefined });
  const unlocked = await unlockKey(ctx, p.key);
  let sealed: Uint8Array;
  try {
    sealed = await signPdf(pdf, unlocked.key, {
      signingTime: ctx.now(),
      reason: `Phát hành văn bản số ${formatNumberSymbol(doc.number.codeNumber, doc.number.codeNotation)}`,
      location: ctx.agency.place,
      fieldName: 'ChuKyCoQuan',
      appearance: { page: placement.sealRect.page, rect: placement.sealRect.rect, image: ctx.store.image('seal') ?? (await sealImage(ctx.agency.name)) },
      stamps: sealStamps(placement, doc.number),
    });
  } finally {
    await unlocked.close();
  }
  await pause('signed');
  const name = `${formatNumberSymbol(doc.number.codeNumber, doc.number.codeNotation).replace(/\//gu, '-')}.pdf`;
  return storeAndQueue(ctx, 'outgoing.seal', doc, name, sealed, unlocked);
}

/** Every signature of a cached PDF (any document's, incoming too), against the agency's trusted roots. */
export async function verifyFile(ctx: OutgoingContext, sha256: string): Promise<{ checks: SignatureCheck[]; trustedRootCount: number }> {
  const roots = (ctx.org.outgoing?.trustedRoots ?? []).map((b64) => new Uint8Array(Buffer.from(b64, 'base64')));
  const pdf = await pdfOf(ctx, sha256, () => new AppError('pdf_unreadable'));
  const checks = await verifyPdfSignatures(pdf, { trustedRoots: roots, now: ctx.now() });
  return {
    trustedRootCount: roots.length,
    checks: checks.map((c) => ({
      fieldName: c.fieldName,
      signerName: c.signer?.commonName ?? '',
      organisation: c.signer?.organisation ?? null,
      issuerName: c.signer?.issuerCommonName ?? '',
      serialNumber: c.signer?.serialNumber ?? '',
      signingTime: c.signingTime,
      integrity: c.integrity,
      coversWholeFile: c.coversWholeFile,
      laterRevisions: c.laterRevisions,
      laterChanges: c.laterChanges,
      chain: c.chain,
      validity: c.validity,
      expiredNow: c.expiredNow,
      revocation: c.revocation,
      status: c.status,
      problems: [...c.problems],
    })),
  };
}

/** Where the signature and the seal will go, for the signing dialog's preview. */
export async function placementOf(ctx: OutgoingContext, sha256: string): Promise<PlacementResult> {
  const pdf = await pdfOf(ctx, sha256, () => new AppError('outgoing_not_pdf_to_sign'));
  // The signer named under the block of the document this file is a version of, when known.
  const signerId = ctx.store.documentsWithFile(sha256).find((d) => d.signerId !== null)?.signerId ?? null;
  const signerName = signerId === null ? ctx.user.fullName : userName(ctx.org, signerId);
  const p = await findPlacement(pdf, { signerName });
  return { pageCount: p.pageCount, pages: p.pages, signerRect: p.signerRect, sealRect: p.sealRect, numberFound: p.numberSlot !== null, dateFound: p.dateSlot !== null };
}
