/**
 * 'outgoing.registerBook': the document registers of Decree 30 Appendix IV (sổ đăng ký văn bản
 * đến / đi) for a period, as PDF or XLSX. What the books hold is registerRows.ts; how they look,
 * registerPdf.ts and registerXlsx.ts. The caller passes the documents the user may see (a clerk:
 * the agency's); this module only selects, orders and lays them out.
 */
import type { OutgoingDocument } from '../../../shared/outgoing/model.js';
import { AppError } from '../../../shared/i18n/errors.js';
import type { Organisation } from '../../../shared/model/organisation.js';
import { foldForSearch, formatDateVi, isValidIsoDate } from '../../../shared/text/vietnamese.js';
import { registerBookData, type IncomingEntry, type RegisterBookKind } from './registerRows.js';
import { registerPdf } from './registerPdf.js';
import { registerXlsx } from './registerXlsx.js';

export interface RegisterBookInput {
  book: RegisterBookKind;
  /** Vietnam calendar days, inclusive. */
  from: string;
  to: string;
  /** Outgoing: one register (series), or null for every register, each its own section or sheet. */
  registerId: string | null;
  format: 'pdf' | 'xlsx';
  org: Pick<Organisation, 'agency' | 'units' | 'users' | 'outgoing'>;
  incoming: Iterable<IncomingEntry>;
  outgoing: Iterable<OutgoingDocument>;
  /**
   * Incoming: the unit whose own register to print (its copies of internal dispatches, numbered
   * in its own series); null or absent: the agency's register.
   */
  receivingUnitId?: string | null;
  now?: Date;
}

/** "so-van-ban-mat" for "Sổ văn bản mật": a file name every system and mail client keeps intact. */
const slug = (s: string): string =>
  foldForSearch(s)
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');

export async function registerBook(input: RegisterBookInput): Promise<{ name: string; bytes: Uint8Array }> {
  const { book, from, to, format, org } = input;
  const shown = (d: string): string => (isValidIsoDate(d) ? formatDateVi(d) : d);
  if (!isValidIsoDate(from) || !isValidIsoDate(to) || from > to) throw new AppError('register_period_invalid', { from: shown(from), to: shown(to) });
  const registerId = book === 'outgoing' ? input.registerId : null;
  const register = registerId === null ? null : (org.outgoing?.registers.find((r) => r.id === registerId) ?? null);
  if (registerId !== null && register === null) throw new AppError('register_not_found');

  const data = registerBookData({ book, from, to, registerId, receivingUnitId: input.receivingUnitId ?? null }, org, input.incoming, input.outgoing);
  const now = input.now ?? new Date();
  const bytes = format === 'pdf' ? await registerPdf(data, now) : await registerXlsx(data, now);
  const unit = book === 'incoming' && input.receivingUnitId ? org.units.find((u) => u.id === input.receivingUnitId)?.name : undefined;
  const which = [register?.name, unit].filter((s): s is string => s !== undefined && s !== '').map(slug);
  const name = [book === 'incoming' ? 'so-dang-ky-van-ban-den' : 'so-dang-ky-van-ban-di', ...which, from, to].join('_');
  return { name: `${name}.${format}`, bytes };
}
