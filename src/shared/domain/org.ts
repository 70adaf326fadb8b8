/**
 * Look-ups in the organisation tree that every layer needs, the renderer included.
 * Pure and free of zod (type-only imports): the renderer may import it
 * (scripts/check-layers.ts; docs/decisions.md §24).
 */
import type { Assignment } from '../incoming/model.js';
import type { Unit, UserSummary } from '../model/organisation.js';

/** The organisation as the rules need it. */
export interface OrgView {
  readonly units: readonly Unit[];
  readonly users: readonly UserSummary[];
  /** The weekly schedule's settings (shared/schedule/model.ts ScheduleSettings), when the server sent them. */
  readonly schedule?: {
    readonly officeUnitId: string | null;
    readonly rooms: readonly { readonly id: string; readonly name: string; readonly capacity: number | null }[];
  };
  /** The outgoing registers and trusted roots (shared/outgoing/model.ts OutgoingSettings), when the server sent them. */
  readonly outgoing?: {
    readonly registers: readonly { readonly id: string; readonly name: string; readonly documentTypes: readonly string[]; readonly secret: boolean }[];
    readonly trustedRoots: readonly string[];
  };
}

type Units = readonly Pick<Unit, 'id' | 'parentId'>[];
type OrgLike = Pick<OrgView, 'units' | 'users'> | null | undefined;

/** The root unit (no parent) is the agency's leadership: its leaders direct documents. */
export function isAgencyLeader(user: Pick<UserSummary, 'role' | 'unitId'>, units: Units): boolean {
  if (user.role !== 'leader') return false;
  return units.some((u) => u.id === user.unitId && u.parentId === null);
}

/** Ids of a unit and all the units below it. */
export function unitSubtree(unitId: string, units: Units): Set<string> {
  const out = new Set<string>([unitId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId !== null && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Whether `user` leads the unit `unitId` (a leader whose own unit it is). */
export function leadsUnit(user: Pick<UserSummary, 'role' | 'unitId'>, unitId: string | null): boolean {
  return unitId !== null && user.role === 'leader' && user.unitId === unitId;
}

export function unitName(org: OrgLike, id: string | null | undefined): string {
  return org?.units.find((u) => u.id === id)?.name ?? '';
}
export function userName(org: OrgLike, id: string | null | undefined): string {
  return org?.users.find((u) => u.id === id)?.fullName ?? '';
}
export function assigneeName(org: OrgLike, a: Pick<Assignment, 'unitId' | 'userId'>): string {
  return a.userId ? userName(org, a.userId) : unitName(org, a.unitId);
}
