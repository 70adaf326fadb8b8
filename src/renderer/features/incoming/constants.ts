/**
 * Values the forms need at run time, kept free of zod so the renderer bundle
 * carries no schema library (zod 4 probes `new Function`, which the CSP forbids).
 * test/renderer/constants.test.ts checks they match the shared schemas.
 */
import { DOCUMENT_TYPES as SHARED_DOCUMENT_TYPES } from '../../../shared/domain/documentNumber.js';
import type { Confidentiality, Urgency } from '../../../shared/incoming/model.js';

export const URGENCIES: readonly Urgency[] = ['normal', 'urgent', 'very_urgent', 'flash'];
export const CONFIDENTIALITIES: readonly Confidentiality[] = ['normal', 'confidential', 'secret', 'top_secret'];

/** Maximum lengths of IncomingMetadata (Decree 30, Appendix VI II.II). */
export const METADATA_LIMITS = {
  issuer: 200,
  codeNumber: 11,
  codeNotation: 30,
  documentType: 100,
  subject: 500,
  signerName: 50,
  signerPosition: 100,
  description: 500,
} as const;

/**
 * Decree 30/2020, Art. 7 and Appendix III, and the legal normative types: the document
 * types as clerks write them, công văn (the most frequent) first. The list itself is
 * the shared one (src/shared/domain/documentNumber.ts), so the form and the rules agree.
 */
export const DOCUMENT_TYPES: readonly string[] = ['Công văn', ...SHARED_DOCUMENT_TYPES.map((t) => t.name).filter((n) => n !== 'Công văn')];
