/** Small helpers every screen needs: localized errors, organisation look-ups, ids. */
import type { Organisation, Unit, UserSummary } from '../../shared/model/organisation.js';
import { RpcError } from '../../shared/rpc/client.js';
import { comparePersonNames, compareVi } from '../../shared/text/vietnamese.js';
import type { Lang } from './i18n/index.js';

export interface LocalizedBody {
  code: string;
  message: { vi: string; en: string };
}

/** The message users read for any failure: the core's own vi/en text when it has one. */
export function errorText(err: unknown, lang: Lang, fallback: string): string {
  if (err instanceof RpcError) return err.body.message?.[lang] ?? err.body.message?.vi ?? fallback;
  if (err && typeof err === 'object' && 'message' in err && typeof (err as { message: unknown }).message === 'object') {
    const m = (err as LocalizedBody).message;
    return m[lang] ?? m.vi ?? fallback;
  }
  return fallback;
}

export function bodyText(body: LocalizedBody, lang: Lang): string {
  return body.message?.[lang] ?? body.message?.vi ?? body.code;
}

type OrgLike = Pick<Organisation, 'units' | 'users'> | null | undefined;

/** The root unit holds the agency's leadership (same rule as shared/model/organisation.ts). */
export function isAgencyLeader(user: Pick<UserSummary, 'role' | 'unitId'>, org: OrgLike): boolean {
  if (user.role !== 'leader' || !org) return false;
  return org.units.some((u) => u.id === user.unitId && u.parentId === null);
}

export type RoleKey = 'clerk' | 'specialist' | 'leader' | 'agencyLeader' | 'admin';
export function roleKey(user: Pick<UserSummary, 'role' | 'unitId'>, org: OrgLike): RoleKey {
  return isAgencyLeader(user, org) ? 'agencyLeader' : user.role;
}

export function unitName(org: OrgLike, id: string | null | undefined): string {
  return org?.units.find((u) => u.id === id)?.name ?? '';
}
export function userName(org: OrgLike, id: string | null | undefined): string {
  return org?.users.find((u) => u.id === id)?.fullName ?? '';
}
export function assigneeName(org: OrgLike, a: { unitId: string | null; userId: string | null }): string {
  return a.userId ? userName(org, a.userId) : unitName(org, a.unitId);
}

/** A unit and every unit below it. */
export function unitSubtree(unitId: string, units: readonly Pick<Unit, 'id' | 'parentId'>[]): Set<string> {
  const out = new Set([unitId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units)
      if (u.parentId !== null && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
  }
  return out;
}

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
