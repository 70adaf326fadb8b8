/**
 * Which register numbers a document, and the symbol its number carries (Decree 30 Art. 15;
 * DOMAIN.md §3). Pure and zod-free: the server numbers with it, the core previews the symbol,
 * the renderer shows "Số: …/UBND-VP" before the number exists.
 */
import { buildCodeNotation, documentTypeByName, formatCodeNumber } from '../domain/documentNumber.js';
import type { Confidentiality } from '../incoming/index.js';

interface RegisterLike {
  readonly id: string;
  readonly documentTypes: readonly string[];
  readonly secret: boolean;
}

export function isSecretLevel(c: Confidentiality): boolean {
  return c !== 'normal';
}

/**
 * The register a document is numbered in: among the registers of its secrecy, the one naming
 * its type, else the one naming no type (the shared series). Null: the agency configured none
 * (the server refuses to issue: `register_missing`).
 */
export function registerFor<R extends RegisterLike>(registers: readonly R[], documentType: string, confidentiality: Confidentiality): R | null {
  const secret = isSecretLevel(confidentiality);
  const mine = registers.filter((r) => r.secret === secret);
  const type = documentType.normalize('NFC').trim();
  return mine.find((r) => r.documentTypes.some((t) => t.normalize('NFC').trim() === type)) ?? mine.find((r) => r.documentTypes.length === 0) ?? null;
}

/**
 * The symbol: `{type}-{agency}` ("QĐ-UBND"), or for a công văn (no abbreviation)
 * `{agency}-{drafting unit}` ("UBND-VP").
 */
export function symbolFor(documentType: string, agencyAbbreviation: string, unitAbbreviation: string): string {
  const type = documentTypeByName(documentType);
  return buildCodeNotation({ typeAbbreviation: type?.abbreviation ?? null, agency: agencyAbbreviation, unit: unitAbbreviation });
}

/** "05" for 5: Decree 30 pads numbers below 10. */
export function codeNumberOf(n: number): string {
  return formatCodeNumber(n);
}
