/**
 * Document types, and the "số, ký hiệu" (number and symbol) of Decree 30/2020 (DOMAIN.md §2–3).
 * Symbols keep the case the clerk typed: Decree 30's abbreviations are mixed case
 * (TTr, QyĐ, CTr, "QĐ-TTg"); only comparisons fold case (see duplicates.ts).
 */
import { normalizeVietnamese } from '../text/vietnamese.js';

export interface DocumentTypeInfo {
  readonly name: string;
  /** Abbreviation used in the symbol; null for công văn and thư công, which have none. */
  readonly abbreviation: string | null;
}

export const DOCUMENT_TYPES: readonly DocumentTypeInfo[] = [
  { name: 'Nghị quyết', abbreviation: 'NQ' },
  { name: 'Quyết định', abbreviation: 'QĐ' },
  { name: 'Chỉ thị', abbreviation: 'CT' },
  { name: 'Quy chế', abbreviation: 'QC' },
  { name: 'Quy định', abbreviation: 'QyĐ' },
  { name: 'Thông cáo', abbreviation: 'TC' },
  { name: 'Thông báo', abbreviation: 'TB' },
  { name: 'Hướng dẫn', abbreviation: 'HD' },
  { name: 'Chương trình', abbreviation: 'CTr' },
  { name: 'Kế hoạch', abbreviation: 'KH' },
  { name: 'Phương án', abbreviation: 'PA' },
  { name: 'Đề án', abbreviation: 'ĐA' },
  { name: 'Dự án', abbreviation: 'DA' },
  { name: 'Báo cáo', abbreviation: 'BC' },
  { name: 'Biên bản', abbreviation: 'BB' },
  { name: 'Tờ trình', abbreviation: 'TTr' },
  { name: 'Hợp đồng', abbreviation: 'HĐ' },
  { name: 'Công điện', abbreviation: 'CĐ' },
  { name: 'Bản ghi nhớ', abbreviation: 'BGN' },
  { name: 'Bản thỏa thuận', abbreviation: 'BTT' },
  { name: 'Giấy ủy quyền', abbreviation: 'GUQ' },
  { name: 'Giấy mời', abbreviation: 'GM' },
  { name: 'Giấy giới thiệu', abbreviation: 'GGT' },
  { name: 'Giấy nghỉ phép', abbreviation: 'GNP' },
  { name: 'Phiếu gửi', abbreviation: 'PG' },
  { name: 'Phiếu chuyển', abbreviation: 'PC' },
  { name: 'Phiếu báo', abbreviation: 'PB' },
  { name: 'Công văn', abbreviation: null },
  { name: 'Thư công', abbreviation: null },
  // Legal normative documents (Law on Promulgation of Legal Documents 2015, Art. 4) that
  // an agency receives; Nghị quyết and Quyết định above are of both kinds. Luật, Bộ luật,
  // Pháp lệnh carry only the issuing body in the symbol ("80/2015/QH13"); Hiến pháp has no number.
  { name: 'Hiến pháp', abbreviation: null },
  { name: 'Bộ luật', abbreviation: null },
  { name: 'Luật', abbreviation: null },
  { name: 'Pháp lệnh', abbreviation: null },
  { name: 'Lệnh', abbreviation: 'L' },
  { name: 'Nghị định', abbreviation: 'NĐ' },
  { name: 'Nghị quyết liên tịch', abbreviation: 'NQLT' },
  { name: 'Thông tư', abbreviation: 'TT' },
  { name: 'Thông tư liên tịch', abbreviation: 'TTLT' },
];

/** How names are compared: one tone placement, Ð as Đ, case and runs of spaces ignored. */
const typeKey = (name: string): string => normalizeVietnamese(name).replace(/\s+/gu, ' ').trim().toLocaleLowerCase('vi');
const TYPES_BY_KEY = new Map(DOCUMENT_TYPES.map((t) => [typeKey(t.name), t]));

/** The known type a typed name means: "Giấy uỷ quyền" and "GIẤY ỦY QUYỀN" are "Giấy ủy quyền". */
export function documentTypeByName(name: string): DocumentTypeInfo | undefined {
  return TYPES_BY_KEY.get(typeKey(name));
}

/** The name to store for a typed document type: the list's spelling when it is a known type, else as typed (NFC, trimmed). */
export function canonicalDocumentType(name: string): string {
  return documentTypeByName(name)?.name ?? name.normalize('NFC').trim();
}

export function documentTypeByAbbreviation(abbr: string): DocumentTypeInfo | undefined {
  const a = abbr.normalize('NFC');
  return DOCUMENT_TYPES.find((t) => t.abbreviation === a);
}

/** Numbers below 10 take a leading zero: 5 → "05", 15 → "15". */
export function formatCodeNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`invalid document number ${n}`);
  return n < 10 ? `0${n}` : String(n);
}

export interface NumberSymbol {
  /** "15", "05" — kept as written (Decree 30 fields are strings, CodeNumber ≤ 11). */
  readonly codeNumber: string;
  /** "QĐ-UBND", "UBND-VX", "2020/NĐ-CP" for legal normative documents. */
  readonly codeNotation: string;
  /** The year for legal normative documents ("30/2020/NĐ-CP"), else null. */
  readonly year: number | null;
  /** The type abbreviation when the symbol starts with one (QĐ, TB…), else null (công văn). */
  readonly typeAbbreviation: string | null;
}

/** Build a symbol: `{type}-{agency}` or, for a công văn, `{agency}-{unit}`. */
export function buildCodeNotation(parts: { typeAbbreviation: string | null; agency: string; unit?: string }): string {
  const segs = parts.typeAbbreviation ? [parts.typeAbbreviation, parts.agency] : [parts.agency, parts.unit ?? ''];
  // Trim before dropping empty parts, so a blank unit cannot leave a dangling "-".
  return segs.map((s) => s.normalize('NFC').trim()).filter((s) => s !== '').join('-');
}

export function formatNumberSymbol(codeNumber: string | number, codeNotation: string): string {
  const num = typeof codeNumber === 'number' ? formatCodeNumber(codeNumber) : codeNumber.trim();
  return `${num}/${codeNotation.normalize('NFC').trim()}`;
}

/** Hyphen look-alikes that word processors and keyboards produce in symbols: ‐ ‑ ‒ – — ― − ﹘ ﹣ －. */
export const DASH_VARIANTS = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/gu;

/**
 * A symbol as the clerk typed it, tidied but never re-cased: NFC, hyphen look-alikes
 * as "-", no spaces around "-" and "/". " QĐ – TTg " → "QĐ-TTg"; "TTr-UBND" stays.
 */
export function normaliseCodeNotation(raw: string): string {
  return raw.normalize('NFC').replace(DASH_VARIANTS, '-').trim().replace(/\s*([/-])\s*/gu, '$1');
}

/**
 * Split "12/TTr-UBND" typed into the number field into number and symbol (case kept);
 * null when it is not of that shape.
 */
export function splitTypedNumber(raw: string): { codeNumber: string; codeNotation: string } | null {
  const m = /^\s*([^/\s]+)\s*\/\s*(\S(?:.*\S)?)\s*$/u.exec(raw.normalize('NFC'));
  if (!m?.[1] || !m[2]) return null;
  return { codeNumber: m[1], codeNotation: normaliseCodeNotation(m[2]) };
}

const NOTATION_CHARS = /^[0-9A-Za-zĐđƠơƯưÂâĂăÊêÔô]+(?:[-/][0-9A-Za-zĐđƠơƯưÂâĂăÊêÔô]+)*$/u;

/**
 * Parse "Số: 15/QĐ-UBND", "05/BNV-VP", "30/2020/NĐ-CP". Tolerates the "Số:" prefix,
 * spaces around separators and decomposed input; returns null when it is not a number/symbol.
 */
export function parseNumberSymbol(raw: string): NumberSymbol | null {
  let s = raw.normalize('NFC').replace(DASH_VARIANTS, '-').trim().replace(/^số\s*:?\s*/iu, '');
  s = s.replace(/\s*([/-])\s*/gu, '$1');
  const m = /^(\d{1,11})\/(.+)$/u.exec(s);
  if (!m) return null;
  const codeNumber = m[1] as string;
  // Numbering starts at 01 each year (DOMAIN.md §3): there is no document number 0.
  if (/^0+$/u.test(codeNumber)) return null;
  const rest = m[2] as string;
  if (!NOTATION_CHARS.test(rest) || rest.length > 30) return null;
  const legal = /^(\d{4})\/(.+)$/u.exec(rest);
  const year = legal ? Number(legal[1]) : null;
  const symbol = legal ? (legal[2] as string) : rest;
  const first = symbol.split('-')[0] ?? '';
  const typeAbbreviation = documentTypeByAbbreviation(first) ? first : null;
  return { codeNumber, codeNotation: rest, year, typeAbbreviation };
}
