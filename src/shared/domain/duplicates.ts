/**
 * When is an incoming document "the same" as one already registered (Appendix VI
 * III.1.h)? Same number, symbol, issuer and issue date — compared the way clerks
 * type them: case, spacing and marks ignored (đ = d, for a keyboard without
 * Vietnamese), and a number's customary leading zero dropped ("05" = "5").
 * The server and the core use these same keys.
 */
import { foldForSearch } from '../text/vietnamese.js';

const squash = (s: string): string => foldForSearch(s).replace(/\s+/gu, '');

export interface DuplicateFields {
  codeNumber: string;
  codeNotation: string;
  issuer: string;
  issuedDate: string;
}

export function duplicateKeyParts(m: DuplicateFields): { number: string; notation: string; issuer: string; issuedDate: string } {
  return { number: squash(m.codeNumber).replace(/^0+(?=\d)/u, ''), notation: squash(m.codeNotation), issuer: squash(m.issuer), issuedDate: m.issuedDate.trim() };
}

export function duplicateKey(m: DuplicateFields): string {
  const p = duplicateKeyParts(m);
  return [p.number, p.notation, p.issuer, p.issuedDate].join('\u0001');
}
