/**
 * When is an incoming document "the same" as one already registered (Appendix VI
 * III.1.h: "cả ba trường thông tin số, ký hiệu và tên cơ quan, tổ chức ban hành")?
 * Same number, symbol and issuer, issued in the same year — numbering restarts
 * every year (DOMAIN.md §3), so the year is what makes number + symbol unique.
 * Not the exact issue date: a mistyped day must not hide a real duplicate.
 * Compared the way clerks type them: case, spacing and marks ignored (đ = d, for a
 * keyboard without Vietnamese, Ð = Đ), hyphen look-alikes (– — −) as "-", and a
 * number's customary leading zero dropped ("05" = "5").
 * The server and the core use these same keys.
 */
import { foldForSearch } from '../text/vietnamese.js';
import { DASH_VARIANTS } from '../domain/documentNumber.js';

const squash = (s: string): string => foldForSearch(s.replace(DASH_VARIANTS, '-')).replace(/\s+/gu, '');

export interface DuplicateFields {
  codeNumber: string;
  codeNotation: string;
  issuer: string;
  /** 'YYYY-MM-DD'; only its year is compared ('' when not typed yet: any year). */
  issuedDate: string;
}

export interface DuplicateKeyParts {
  number: string;
  notation: string;
  issuer: string;
  /** 'YYYY', or '' when the issue date is not known. */
  issuedYear: string;
}

export function duplicateKeyParts(m: DuplicateFields): DuplicateKeyParts {
  return {
    number: squash(m.codeNumber).replace(/^0+(?=\d)/u, ''),
    notation: squash(m.codeNotation),
    issuer: squash(m.issuer),
    issuedYear: /^\s*(\d{4})-/u.exec(m.issuedDate)?.[1] ?? '',
  };
}

export function duplicateKey(m: DuplicateFields): string {
  const p = duplicateKeyParts(m);
  return [p.number, p.notation, p.issuer, p.issuedYear].join('\u0001');
}

/** Whether two documents are duplicates by the rule above. */
export function isDuplicate(a: DuplicateFields, b: DuplicateFields): boolean {
  const x = duplicateKeyParts(a);
  const y = duplicateKeyParts(b);
  return x.number === y.number && x.notation === y.notation && x.issuer === y.issuer && (x.issuedYear === '' || y.issuedYear === '' || x.issuedYear === y.issuedYear);
}
