/**
 * What the document registers of Decree 30 Appendix IV hold (DOMAIN.md §5, §6), independent of
 * how they are printed: the columns of each book, its heading, and its sections (one per
 * outgoing register) of rows, every cell already a Vietnamese text, a number or a calendar day.
 * registerPdf.ts and registerXlsx.ts lay the same books out on paper and in a workbook.
 *
 * Sổ đăng ký văn bản đến: the agency's own register (documents whose receivingUnitId is null or
 * absent: a unit's copies of internal dispatches are numbered in that unit's own series, a book
 * of its own), or, asked for, one unit's register; rows in arrival order for the documents that
 * arrived in the period. "Đơn vị hoặc người nhận" is the main handler the leader assigned,
 * "Ngày chuyển" the day of that assignment; "Ký nhận" stays blank (signed on paper).
 *
 * Sổ đăng ký văn bản đi: the documents that took a number (numbered, issued, revoked) and whose
 * issue day falls in the period, one section per register, in the order the agency configured
 * its registers, each in the order of its series (year, number).
 */
import { assigneeName, unitName, userName } from '../../../shared/domain/org.js';
import { formatNumberSymbol } from '../../../shared/domain/documentNumber.js';
import type { Confidentiality, IncomingDocument, Urgency } from '../../../shared/incoming/index.js';
import type { Organisation } from '../../../shared/model/organisation.js';
import { RELATION_KIND_LABELS } from '../../../shared/outgoing/constants.js';
import type { OutgoingDocument, OutgoingRegister } from '../../../shared/outgoing/model.js';
import { formatDateVi, nfcDeep, vnDayWindow, vnToday } from '../../../shared/text/vietnamese.js';

export type RegisterBookKind = 'incoming' | 'outgoing';

/** A calendar day ('YYYY-MM-DD'), printed dd/MM/yyyy, written to a workbook as a real date. */
export interface DayCell {
  readonly day: string;
}
export type RegisterCell = string | number | DayCell | null;

export const isDayCell = (c: RegisterCell): c is DayCell => typeof c === 'object' && c !== null;

/** How a cell's value is set: text wraps; days and numbers are short and centred; a signature cell is left for the pen. */
export type ColumnKind = 'text' | 'day' | 'number' | 'signature';

export interface RegisterColumn {
  readonly header: string;
  readonly kind: ColumnKind;
  /** Points on the printed page (A4 landscape); null: the column takes what the others leave. */
  readonly pdfWidth: number | null;
  /** Characters, as Excel measures columns. */
  readonly xlsxWidth: number;
}

export interface RegisterRow {
  /** The document's id (for tests and tracing; not printed). */
  readonly id: string;
  readonly cells: readonly RegisterCell[];
}

export interface RegisterSection {
  /** The register ("Sổ văn bản đi chung", "Sổ văn bản mật") or the unit whose incoming book it is; '' for the agency's incoming book. */
  readonly title: string;
  /** "Từ số 1 đến số 245" within a single year; null when empty or over several years. */
  readonly numberRange: string | null;
  readonly rows: readonly RegisterRow[];
}

export interface RegisterBookData {
  readonly book: RegisterBookKind;
  readonly agencyName: string;
  /** "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" / "SỔ ĐĂNG KÝ VĂN BẢN ĐI". */
  readonly heading: string;
  /** "Năm 2026", "Năm 2025 – 2026". */
  readonly yearLine: string;
  /** "Từ ngày 01/01/2026 đến ngày 31/03/2026". */
  readonly periodLine: string;
  readonly from: string;
  readonly to: string;
  readonly columns: readonly RegisterColumn[];
  readonly sections: readonly RegisterSection[];
}

// ---------------------------------------------------------------------------------------------
// The columns of Appendix IV

export const INCOMING_COLUMNS: readonly RegisterColumn[] = [
  { header: 'Ngày đến', kind: 'day', pdfWidth: 54, xlsxWidth: 12 },
  { header: 'Số đến', kind: 'number', pdfWidth: 38, xlsxWidth: 8 },
  { header: 'Tác giả', kind: 'text', pdfWidth: 92, xlsxWidth: 26 },
  { header: 'Số, ký hiệu', kind: 'text', pdfWidth: 74, xlsxWidth: 16 },
  { header: 'Ngày tháng văn bản', kind: 'day', pdfWidth: 54, xlsxWidth: 12 },
  { header: 'Tên loại và trích yếu nội dung', kind: 'text', pdfWidth: null, xlsxWidth: 50 },
  { header: 'Đơn vị hoặc người nhận', kind: 'text', pdfWidth: 90, xlsxWidth: 24 },
  { header: 'Ngày chuyển', kind: 'day', pdfWidth: 54, xlsxWidth: 12 },
  { header: 'Ký nhận', kind: 'signature', pdfWidth: 50, xlsxWidth: 12 },
  { header: 'Ghi chú', kind: 'text', pdfWidth: 80, xlsxWidth: 24 },
];

export const OUTGOING_COLUMNS: readonly RegisterColumn[] = [
  { header: 'Số, ký hiệu văn bản', kind: 'text', pdfWidth: 74, xlsxWidth: 16 },
  { header: 'Ngày tháng văn bản', kind: 'day', pdfWidth: 54, xlsxWidth: 12 },
  { header: 'Tên loại và trích yếu nội dung', kind: 'text', pdfWidth: null, xlsxWidth: 50 },
  { header: 'Người ký', kind: 'text', pdfWidth: 72, xlsxWidth: 22 },
  { header: 'Nơi nhận văn bản', kind: 'text', pdfWidth: 110, xlsxWidth: 36 },
  { header: 'Đơn vị, người nhận bản lưu', kind: 'text', pdfWidth: 70, xlsxWidth: 20 },
  { header: 'Số lượng bản', kind: 'number', pdfWidth: 40, xlsxWidth: 9 },
  { header: 'Ngày chuyển', kind: 'day', pdfWidth: 54, xlsxWidth: 12 },
  { header: 'Ký nhận', kind: 'signature', pdfWidth: 46, xlsxWidth: 12 },
  { header: 'Ghi chú', kind: 'text', pdfWidth: 76, xlsxWidth: 30 },
];

// ---------------------------------------------------------------------------------------------
// Words of the notes column

const URGENCY_NOTE: Readonly<Record<Urgency, string | null>> = { normal: null, urgent: 'Khẩn', very_urgent: 'Thượng khẩn', flash: 'Hỏa tốc' };
const SECRECY_NOTE: Readonly<Record<Confidentiality, string | null>> = { normal: null, confidential: 'Mật', secret: 'Tối mật', top_secret: 'Tuyệt mật' };

/** The fields a later release adds to incoming documents (internal dispatch, revocation); absent from older records. */
export type IncomingEntry = IncomingDocument & {
  receivingUnitId?: string | null;
  origin?: { outgoingId: string } | null;
  revocation?: { reason: string; at: string } | null;
};

type OrgInput = Pick<Organisation, 'agency' | 'units' | 'users' | 'outgoing'>;

export interface RegisterQuery {
  book: RegisterBookKind;
  from: string;
  to: string;
  /** Outgoing: one register, or null for every register. */
  registerId: string | null;
  /** Incoming: a unit's own register; null or absent: the agency's. */
  receivingUnitId?: string | null;
}

// ---------------------------------------------------------------------------------------------

const day = (instant: string): DayCell => ({ day: vnToday(new Date(instant)) });

/** The instants bounding the period's Vietnam days, as numbers (stored instants may carry any offset). */
function periodWindow(from: string, to: string): { start: number; end: number } {
  const w = vnDayWindow(from, to);
  return { start: Date.parse(w.start ?? ''), end: Date.parse(w.end ?? '') };
}

function inPeriod(instant: string, window: { start: number; end: number }): boolean {
  const t = Date.parse(instant);
  return t >= window.start && t < window.end;
}

/** "Quyết định" then, on its own line, the subject: the type reads as the paper registers write it. */
const typeAndSubject = (documentType: string, subject: string): string => `${documentType}\n${subject}`;

function yearLine(from: string, to: string): string {
  const a = from.slice(0, 4);
  const b = to.slice(0, 4);
  return a === b ? `Năm ${a}` : `Năm ${a} – ${b}`;
}

function numberRange(first: string | undefined, last: string | undefined, oneYear: boolean): string | null {
  if (first === undefined || last === undefined || !oneYear) return null;
  return `Từ số ${first} đến số ${last}`;
}

function revokedNote(at: string, reason: string): string {
  return `Đã thu hồi ngày ${formatDateVi(at)}${reason ? `: ${reason}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Sổ đăng ký văn bản đến

/** The main handler the leader assigned at the agency's level (the latest still standing). */
function mainAssignment(d: IncomingDocument): IncomingDocument['assignments'][number] | null {
  const main = d.assignments.filter((a) => a.role === 'main' && a.parentId === null && a.status !== 'revoked');
  main.sort((a, b) => Date.parse(a.assignedAt) - Date.parse(b.assignedAt));
  return main[main.length - 1] ?? null;
}

function incomingNotes(d: IncomingEntry): string {
  const notes: string[] = [];
  const urgency = URGENCY_NOTE[d.urgency];
  const secrecy = SECRECY_NOTE[d.confidentiality];
  if (urgency) notes.push(urgency);
  if (secrecy) notes.push(secrecy);
  // Received through the system: a file, a mail, or a unit's copy of an internal dispatch.
  if (d.files.length > 0 || d.sourceMail || d.origin) notes.push('Văn bản điện tử');
  if (d.revocation) notes.push(revokedNote(d.revocation.at, d.revocation.reason));
  return notes.join('; ');
}

function incomingRow(d: IncomingEntry, org: OrgInput): RegisterRow {
  const main = mainAssignment(d);
  return {
    id: d.id,
    cells: [
      day(d.arrivalDate),
      d.arrivalNumber,
      d.issuer,
      formatNumberSymbol(d.codeNumber, d.codeNotation),
      { day: d.issuedDate },
      typeAndSubject(d.documentType, d.subject),
      main ? assigneeName(org, main) : '',
      main ? day(main.assignedAt) : null,
      null,
      incomingNotes(d),
    ],
  };
}

function incomingBook(q: RegisterQuery, org: OrgInput, docs: Iterable<IncomingEntry>): RegisterSection[] {
  const window = periodWindow(q.from, q.to);
  const unit = q.receivingUnitId ?? null;
  const chosen: IncomingEntry[] = [];
  for (const d of docs) if ((d.receivingUnitId ?? null) === unit && inPeriod(d.arrivalDate, window)) chosen.push(d);
  chosen.sort((a, b) => a.arrivalYear - b.arrivalYear || a.arrivalNumber - b.arrivalNumber || a.id.localeCompare(b.id));
  const oneYear = chosen.length > 0 && chosen[0]!.arrivalYear === chosen[chosen.length - 1]!.arrivalYear;
  return [
    {
      title: unit === null ? '' : unitName(org, unit),
      numberRange: numberRange(chosen[0]?.arrivalNumber.toString(), chosen[chosen.length - 1]?.arrivalNumber.toString(), oneYear),
      rows: chosen.map((d) => incomingRow(d, org)),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Sổ đăng ký văn bản đi

type Numbered = OutgoingDocument & { number: NonNullable<OutgoingDocument['number']> };

const REGISTERED_STATUSES: ReadonlySet<OutgoingDocument['status']> = new Set(['numbered', 'issued', 'revoked']);

const numberOf = (d: Numbered): string => formatNumberSymbol(d.number.codeNumber, d.number.codeNotation);

/** When it was handed on: its first dispatch, or the first delivery that went out. */
function forwardedOn(d: OutgoingDocument): string | null {
  const times = [
    ...d.history.filter((h) => h.action === 'dispatched').map((h) => h.at),
    ...d.deliveries.filter((x) => (x.state === 'sent' || x.state === 'received') && x.at !== null).map((x) => x.at as string),
  ];
  if (times.length === 0) return null;
  return times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

function outgoingNotes(d: Numbered, numbers: ReadonlyMap<string, string>): string {
  const notes: string[] = [];
  const urgency = URGENCY_NOTE[d.urgency];
  const secrecy = SECRECY_NOTE[d.confidentiality];
  if (urgency) notes.push(urgency);
  if (secrecy) notes.push(secrecy);
  const label = (id: string): string => {
    const other = numbers.get(id);
    return other ? ` số ${other}` : '';
  };
  if (d.relation) notes.push(`${RELATION_KIND_LABELS[d.relation.kind].vi}${label(d.relation.documentId)}`);
  for (const s of d.supersededBy) notes.push(`${s.kind === 'replaces' ? 'Được thay thế bởi văn bản' : 'Được cập nhật, đính chính bởi văn bản'}${label(s.documentId)}`);
  if (d.revocation) notes.push(revokedNote(d.revocation.at, d.revocation.reason));
  else if (d.status === 'revoked') notes.push('Đã thu hồi');
  if (d.status === 'numbered') notes.push('Chưa phát hành');
  return notes.join('; ');
}

function signerOf(d: OutgoingDocument, org: OrgInput): string {
  const signed = d.signatures.find((s) => s.role === 'signer');
  return userName(org, d.signerId ?? signed?.by) || userName(org, signed?.by);
}

function outgoingRow(d: Numbered, org: OrgInput, numbers: ReadonlyMap<string, string>): RegisterRow {
  const sent = d.recipients.filter((r) => r.kind !== 'archive');
  // The file copy ("Lưu: VT, KT") is not sent: it has its own column, where "Lưu:" goes without saying.
  const archive = d.recipients.filter((r) => r.kind === 'archive');
  const forwarded = forwardedOn(d);
  return {
    id: d.id,
    cells: [
      numberOf(d),
      day(d.number.issuedAt),
      typeAndSubject(d.documentType, d.subject),
      signerOf(d, org),
      sent.map((r) => r.name).join('; '),
      archive.length > 0 ? archive.map((r) => r.name.replace(/^Lưu\s*:\s*/iu, '')).join(', ') : unitName(org, d.draftingUnitId),
      d.copies,
      forwarded === null ? null : day(forwarded),
      null,
      outgoingNotes(d, numbers),
    ],
  };
}

function outgoingBook(q: RegisterQuery, org: OrgInput, docs: Iterable<OutgoingDocument>): RegisterSection[] {
  const window = periodWindow(q.from, q.to);
  const registers: readonly OutgoingRegister[] = org.outgoing?.registers ?? [];
  // Every number/symbol (a note names the document that replaced or was replaced), but only the period's documents whole.
  const numbers = new Map<string, string>();
  const chosen: Numbered[] = [];
  for (const d of docs) {
    if (d.number === null || !REGISTERED_STATUSES.has(d.status)) continue;
    const n = d as Numbered;
    numbers.set(d.id, numberOf(n));
    if ((q.registerId === null || n.number.registerId === q.registerId) && inPeriod(n.number.issuedAt, window)) chosen.push(n);
  }
  chosen.sort((a, b) => a.number.year - b.number.year || a.number.n - b.number.n || a.id.localeCompare(b.id));
  // Every configured register has its book (an empty one says so); a register no longer configured keeps its documents.
  const ids = q.registerId !== null ? [q.registerId] : [...registers.map((r) => r.id), ...new Set(chosen.map((d) => d.number.registerId).filter((id) => !registers.some((r) => r.id === id)))];
  return ids.map((id) => {
    const rows = chosen.filter((d) => d.number.registerId === id);
    const first = rows[0];
    const last = rows[rows.length - 1];
    return {
      title: registers.find((r) => r.id === id)?.name ?? 'Sổ văn bản đi (không còn trong danh mục sổ)',
      numberRange: numberRange(first?.number.codeNumber, last?.number.codeNumber, first !== undefined && first.number.year === last?.number.year),
      rows: rows.map((d) => outgoingRow(d, org, numbers)),
    };
  });
}

// ---------------------------------------------------------------------------------------------

/** The book for the query: its heading, columns and sections. All text NFC. */
export function registerBookData(q: RegisterQuery, org: OrgInput, incoming: Iterable<IncomingEntry>, outgoing: Iterable<OutgoingDocument>): RegisterBookData {
  const sections = q.book === 'incoming' ? incomingBook(q, org, incoming) : outgoingBook(q, org, outgoing);
  return nfcDeep({
    book: q.book,
    agencyName: org.agency.name,
    heading: q.book === 'incoming' ? 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN' : 'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
    yearLine: yearLine(q.from, q.to),
    periodLine: `Từ ngày ${formatDateVi(q.from)} đến ngày ${formatDateVi(q.to)}`,
    from: q.from,
    to: q.to,
    columns: q.book === 'incoming' ? INCOMING_COLUMNS : OUTGOING_COLUMNS,
    sections,
  });
}
