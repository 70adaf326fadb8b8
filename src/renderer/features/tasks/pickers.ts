/**
 * Data for the tasks' pickers, pure (unit-tested): the units alone as a tree (the list's
 * and the dashboard's unit filter), and the people a person filter offers under a unit.
 */
import type { Organisation, Unit, UserSummary } from '../../../shared/model/organisation.js';
import { unitSubtree } from '../../../shared/domain/org.js';
import { sortPeople, sortUnits } from '../../app/util.js';

export interface UnitNode {
  value: string;
  title: string;
  children: UnitNode[];
}

/** Units in their order, as a tree of `value: unitId`. */
export function unitTree(org: Pick<Organisation, 'units'>): UnitNode[] {
  const childrenOf = (parentId: string | null): Unit[] => sortUnits(org.units.filter((u) => u.parentId === parentId));
  const build = (u: Unit): UnitNode => ({ value: u.id, title: u.name, children: childrenOf(u.id).map(build) });
  return childrenOf(null).map(build);
}

/** Active people, by given name, of a unit and the units below it (or of the whole agency). */
export function peopleUnder(org: Pick<Organisation, 'units' | 'users'>, unitId: string | null): UserSummary[] {
  const units = unitId ? unitSubtree(unitId, org.units) : null;
  return sortPeople(org.users.filter((u) => u.active && (units === null || units.has(u.unitId))));
}
