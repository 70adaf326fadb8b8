/** Small helpers every screen needs: localized errors, names (from shared/domain/org.ts), sorting, ids. */
import type { Unit, UserSummary } from '../../shared/model/organisation.js';
import { RpcError } from '../../shared/rpc/client.js';
import { comparePersonNames, compareVi } from '../../shared/text/vietnamese.js';
import type { Lang } from './i18n/lang.js';

export interface LocalizedBody {
  code: string;
  message: { vi: string; en: string };
}

/** The message users read for any failure: the core's own vi/en text when it has one. */
export function errorText(err: unknown, lang: Lang, fallback: string): string {
  if (err instanceof RpcError) return err.body.message?.[lang] ?? err.body.message?.vi ?? fallback;
  if (err && typeof err === 'object' && 'message' in err && typeof (err).message === 'object') {
    const m = (err as LocalizedBody).message;
    return m[lang] ?? m.vi ?? fallback;
  }
  return fallback;
}

export function bodyText(body: LocalizedBody, lang: Lang): string {
  return body.message?.[lang] ?? body.message?.vi ?? body.code;
}

// Names and rights come from the shared modules (pure, zod-free): the renderer never re-derives them.
export { assigneeName, unitName, userName } from '../../shared/domain/org.js';

export function sortUnits<T extends Pick<Unit, 'sortOrder' | 'name'>>(units: readonly T[]): T[] {
  return [...units].sort((a, b) => a.sortOrder - b.sortOrder || compareVi(a.name, b.name));
}
/** People by given name first (Vietnamese custom), then full name. */
export function sortPeople<T extends Pick<UserSummary, 'fullName'>>(users: readonly T[]): T[] {
  return [...users].sort((a, b) => comparePersonNames(a.fullName, b.fullName));
}

export function newId(): string {
  return crypto.randomUUID();
}
