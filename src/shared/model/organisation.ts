import { z } from 'zod';
import { isValidAgencyCode } from '../domain/agencyCode.js';
import { requiredText, text, uuid } from './primitives.js';

export const ROLES = ['clerk', 'specialist', 'leader', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Agency = z.object({
  id: uuid,
  code: z.string().refine(isValidAgencyCode, { message: 'invalid agency code' }),
  name: requiredText(200),
  abbreviation: requiredText(20),
  place: requiredText(50),
});
export type Agency = z.infer<typeof Agency>;

/** A unit of the agency, in a tree. The root unit holds the agency's leadership. */
export const Unit = z.object({
  id: uuid,
  agencyId: uuid,
  parentId: uuid.nullable(),
  name: requiredText(200),
  abbreviation: requiredText(20),
  sortOrder: z.number().int(),
});
export type Unit = z.infer<typeof Unit>;

/** What every signed-in user may know about a colleague. */
export const UserSummary = z.object({
  id: uuid,
  agencyId: uuid,
  unitId: uuid,
  username: requiredText(64),
  fullName: requiredText(50),
  position: text(100),
  role: Role,
  active: z.boolean(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const Organisation = z.object({
  version: z.number().int().nonnegative(),
  agency: Agency,
  units: z.array(Unit),
  users: z.array(UserSummary),
});
export type Organisation = z.infer<typeof Organisation>;

/** The root unit (no parent) is the agency's leadership: its leaders direct documents. */
export function isAgencyLeader(user: Pick<UserSummary, 'role' | 'unitId'>, units: readonly Pick<Unit, 'id' | 'parentId'>[]): boolean {
  if (user.role !== 'leader') return false;
  return units.some((u) => u.id === user.unitId && u.parentId === null);
}

/** Ids of a unit and all the units below it. */
export function unitSubtree(unitId: string, units: readonly Pick<Unit, 'id' | 'parentId'>[]): Set<string> {
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
