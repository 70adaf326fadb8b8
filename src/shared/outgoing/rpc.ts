/**
 * The core's RPC methods of outgoing documents (spread into RPC by shared/rpc/contract.ts):
 * the lists and one document with what the user may do, the signing keys (PKCS#12 files
 * imported into the core, a PKCS#11 token's certificates), signing and sealing in the core,
 * signature verification of any cached PDF (incoming too), dispatch by official mail, the
 * registers (Decree 30 Appendix IV) as PDF and XLSX, and a reply drafted from an incoming
 * document. Every mutation that only records a decision goes through the generic `mutate`.
 */
import { z } from 'zod';
import { isoDate, isoDateTime, sha256Hex, uuid } from '../model/primitives.js';
import { FailedMutation, PendingMutation } from '../sync/records.js';
import { Confidentiality, Urgency } from '../incoming/schemas.js';
import { OUTGOING_MUTATIONS, OUTGOING_VIEWS } from './constants.js';
import { CertificateSummary, OutgoingDocument, OutgoingStatusSchema } from './model.js';
import { DraftInput } from './mutations.js';

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' });
const File = z.object({ name: z.string(), bytes });

export const OutgoingViewSchema = z.enum(OUTGOING_VIEWS);

/** One row of the lists. */
export const OutgoingItem = z.object({
  id: uuid,
  status: OutgoingStatusSchema,
  documentType: z.string(),
  subject: z.string(),
  urgency: Urgency,
  confidentiality: Confidentiality,
  draftingUnitId: uuid,
  createdBy: uuid,
  signerId: uuid.nullable(),
  /** Who holds it now (reviewing, to_sign). */
  holderId: uuid.nullable(),
  /** "05/QĐ-UBND" once numbered. */
  numberSymbol: z.string().nullable(),
  registerId: uuid.nullable(),
  issuedAt: isoDateTime.nullable(),
  replyDueDate: isoDate.nullable(),
  recipientCount: z.number().int().nonnegative(),
  /** Recipients whose copy arrived (received), of those to dispatch. */
  deliveredCount: z.number().int().nonnegative(),
  toDispatchCount: z.number().int().nonnegative(),
  pending: z.boolean(),
  updatedAt: isoDateTime,
});
export type OutgoingItem = z.infer<typeof OutgoingItem>;

export const OutgoingListParams = z.object({
  view: OutgoingViewSchema.default('mine'),
  query: z.string().max(200).default(''),
  documentType: z.string().max(100).nullable().default(null),
  urgency: Urgency.nullable().default(null),
  registerId: uuid.nullable().default(null),
  year: z.number().int().min(2000).max(2200).nullable().default(null),
  /** Keyset paging: the opaque cursor of the previous page. */
  cursor: z.string().max(500).nullable().default(null),
  limit: z.number().int().min(1).max(500).default(100),
});
export type OutgoingListParams = z.input<typeof OutgoingListParams>;

export const OutgoingListResult = z.object({ items: z.array(OutgoingItem), nextCursor: z.string().nullable(), total: z.number().int().nonnegative() });
export type OutgoingListResult = z.infer<typeof OutgoingListResult>;

export const OutgoingCounts = z.object({ mine: z.number(), to_review: z.number(), to_sign: z.number(), to_issue: z.number(), issued: z.number(), all: z.number() });
export type OutgoingCounts = z.infer<typeof OutgoingCounts>;

export const OutgoingView = z.object({
  document: OutgoingDocument,
  pendingCreate: z.boolean(),
  pending: z.array(PendingMutation),
  failed: z.array(FailedMutation),
  allowedActions: z.array(z.enum(OUTGOING_MUTATIONS)),
  /** The incoming document it answers, when this user can see it. */
  replyTo: z.object({ id: uuid, title: z.string() }).nullable(),
  /** The document it replaces or updates, and those that superseded it, when visible. */
  related: z.array(z.object({ id: uuid, title: z.string(), kind: z.enum(['relation', 'supersededBy']) })),
  /** Before a number exists: the register it will be numbered in and the symbol ("…/UBND-VP"). */
  numberPreview: z.object({ registerId: uuid, registerName: z.string(), codeNotation: z.string() }).nullable(),
  cachedFiles: z.array(sha256Hex),
});
export type OutgoingView = z.infer<typeof OutgoingView>;

/** One signature of a PDF as the app's own verifier reads it (src/node/pdfsign verify). */
export const SignatureCheck = z.object({
  fieldName: z.string(),
  signerName: z.string(),
  organisation: z.string().nullable(),
  issuerName: z.string(),
  serialNumber: z.string(),
  signingTime: isoDateTime.nullable(),
  integrity: z.enum(['intact', 'broken']),
  coversWholeFile: z.boolean(),
  laterRevisions: z.number().int().nonnegative(),
  laterChanges: z.enum(['none', 'additions', 'modified']),
  chain: z.enum(['trusted', 'unknown_ca', 'invalid']),
  validity: z.enum(['valid', 'expired', 'not_yet_valid']),
  expiredNow: z.boolean(),
  revocation: z.literal('not_checked_offline'),
  status: z.enum(['valid', 'valid_with_later_additions', 'invalid', 'untrusted']),
  problems: z.array(z.string()),
});
export type SignatureCheck = z.infer<typeof SignatureCheck>;

/** A signing key the core holds: a PKCS#12 file imported (its password never kept) or a token's certificate. */
export const SigningKeyInfo = z.object({ id: z.string().min(1).max(200), label: z.string(), store: z.enum(['file', 'token']), certificate: CertificateSummary });
export type SigningKeyInfo = z.infer<typeof SigningKeyInfo>;

/** Which key to sign with, and how to unlock it (never stored). */
export const KeyChoice = z.discriminatedUnion('store', [
  z.object({ store: z.literal('file'), id: z.string().min(1).max(200), password: z.string().max(200) }),
  z.object({ store: z.literal('token'), id: z.string().min(1).max(200), pin: z.string().min(1).max(64), slotIndex: z.number().int().min(0).max(64).default(0) }),
]);
export type KeyChoice = z.input<typeof KeyChoice>;

export const Rect = z.object({ x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() });

/** Where the signature goes (the dialog's preview), as the engine found it in the PDF. */
export const PlacementResult = z.object({
  pageCount: z.number().int().positive(),
  pages: z.array(z.object({ width: z.number(), height: z.number() })),
  signerRect: z.object({ page: z.number().int().nonnegative(), rect: Rect }),
  sealRect: z.object({ page: z.number().int().nonnegative(), rect: Rect }),
  numberFound: z.boolean(),
  dateFound: z.boolean(),
});
export type PlacementResult = z.infer<typeof PlacementResult>;

export const OUTGOING_RPC = {
  'outgoing.list': { params: OutgoingListParams, result: OutgoingListResult },
  'outgoing.counts': { params: z.object({}), result: OutgoingCounts },
  'outgoing.get': { params: z.object({ id: uuid }), result: OutgoingView.nullable() },
  'outgoing.search': { params: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }), result: z.array(OutgoingItem) },
  /** A reply to an incoming document, prefilled ("Trả lời văn bản": subject, recipient, unit, signer). */
  'outgoing.replyDraft': { params: z.object({ incomingId: uuid }), result: DraftInput.partial().extend({ replyTo: uuid }) },
  /** Converts a cached DOCX version to PDF where a converter (LibreOffice) is installed. */
  'outgoing.convertToPdf': { params: z.object({ sha256: sha256Hex, name: z.string().max(255) }), result: z.object({ available: z.boolean(), file: z.object({ sha256: sha256Hex, name: z.string(), size: z.number(), mime: z.string() }).nullable() }) },
  /** Every signature of a cached PDF (any document, incoming too), checked against the agency's trusted roots. */
  'outgoing.verify': { params: z.object({ sha256: sha256Hex }), result: z.object({ checks: z.array(SignatureCheck), trustedRootCount: z.number().int().nonnegative() }) },
  'outgoing.placement': { params: z.object({ sha256: sha256Hex }), result: PlacementResult },
  'outgoing.keys': { params: z.object({}), result: z.object({ keys: z.array(SigningKeyInfo), tokenLibrary: z.string().nullable(), hasSignatureImage: z.boolean(), hasSealImage: z.boolean() }) },
  'outgoing.importPkcs12': { params: z.object({ bytes, password: z.string().max(200), label: z.string().max(200).default('') }), result: SigningKeyInfo },
  'outgoing.removeKey': { params: z.object({ id: z.string().min(1).max(200) }), result: z.object({}) },
  /** The PKCS#11 library (a token vendor's .so/.dll); null: none. */
  'outgoing.setTokenLibrary': { params: z.object({ path: z.string().max(1000).nullable() }), result: z.object({}) },
  'outgoing.tokenKeys': { params: z.object({ pin: z.string().min(1).max(64), slotIndex: z.number().int().min(0).max(64).default(0) }), result: z.array(SigningKeyInfo) },
  /** The user's handwritten signature (blue, transparent PNG) or, for a clerk, the agency's seal (red); null: the generated default. */
  'outgoing.setImage': { params: z.object({ which: z.enum(['signature', 'seal']), png: bytes.nullable() }), result: z.object({}) },
  /** Signs the latest draft PDF in the core and queues `outgoing.sign` with the signed file. */
  'outgoing.sign': { params: z.object({ documentId: uuid, key: KeyChoice, placement: z.object({ page: z.number().int().nonnegative(), rect: Rect }).nullable().default(null) }), result: z.object({ sha256: sha256Hex }) },
  /** Stamps the number and issue time into the signed PDF, applies the agency's signature, queues `outgoing.seal`. */
  'outgoing.seal': { params: z.object({ documentId: uuid, key: KeyChoice }), result: z.object({ sha256: sha256Hex }) },
  /** Sends the issued PDF to mail recipients through the user's mail account; records each delivery. */
  'outgoing.sendByMail': { params: z.object({ documentId: uuid, recipientIds: z.array(uuid).min(1).max(300) }), result: z.object({ sent: z.array(uuid), failed: z.array(z.object({ recipientId: uuid, error: z.string() })) }) },
  /** Sổ đăng ký văn bản đến / đi for a period (Decree 30 Appendix IV), as PDF or XLSX. */
  'outgoing.registerBook': {
    params: z.object({ book: z.enum(['incoming', 'outgoing']), from: isoDate, to: isoDate, registerId: uuid.nullable().default(null), format: z.enum(['pdf', 'xlsx']) }),
    result: File,
  },
} as const;
