/**
 * The organisation as an antd TreeSelect tree: units in their order, each with its
 * people sorted by given name (Vietnamese custom, comparePersonNames), then its
 * sub-units. Values are `unit:<id>` and `user:<id>`.
 */
import type { Organisation, Unit, UserSummary } from '../../../shared/model/organisation.js';
import { sortPeople, sortUnits } from '../../app/util.js';

export interface TreeNode {
  value: string;
  title: string;
  /** What the selected tag shows. */
  label: string;
  selectable?: boolean;
  disabled?: boolean;
  isLeaf?: boolean;
  children?: TreeNode[];
}

export type Assignee = { unitId: string; userId: null } | { unitId: null; userId: string };

export function parseAssignee(value: string): Assignee {
  const [kind, id = ''] = value.split(':');
  return kind === 'unit' ? { unitId: id, userId: null } : { unitId: null, userId: id };
}

export function assigneeValue(a: { unitId: string | null; userId: string | null }): string {
  return a.userId ? `user:${a.userId}` : `unit:${a.unitId ?? ''}`;
}

export interface TreeOptions {
  /** Only this unit and below (re-assignment inside a unit). */
  root?: string;
  /** Whether units may be chosen (the agency leader assigns units; a unit leader only people). */
  units: boolean;
  /** Values that cannot be chosen (already assigned, or chosen in another role). */
  disabled: ReadonlySet<string>;
  /** People never offered (e.g. the user themself). */
  exclude?: ReadonlySet<string>;
}

export function orgTree(org: Pick<Organisation, 'units' | 'users'>, opts: TreeOptions): TreeNode[] {
  const active = org.users.filter((u) => u.active && !opts.exclude?.has(u.id));
  const byUnit = new Map<string, UserSummary[]>();
  for (const u of active) byUnit.set(u.unitId, [...(byUnit.get(u.unitId) ?? []), u]);
  const childrenOf = (parentId: string | null): Unit[] => sortUnits(org.units.filter((u) => u.parentId === parentId));

  const build = (unit: Unit, top: boolean): TreeNode => {
    const people: TreeNode[] = sortPeople(byUnit.get(unit.id) ?? []).map((u) => {
      const value = `user:${u.id}`;
      return {
        value,
        title: u.position ? `${u.fullName} — ${u.position}` : u.fullName,
        label: u.fullName,
        isLeaf: true,
        disabled: opts.disabled.has(value),
      };
    });
    const value = `unit:${unit.id}`;
    // The leadership (root) unit is where leaders sit, not a unit to hand work to.
    const selectable = opts.units && !(top && unit.parentId === null);
    return {
      value,
      title: unit.name,
      label: unit.name,
      selectable,
      disabled: selectable ? opts.disabled.has(value) : false,
      children: [...people, ...childrenOf(unit.id).map((c) => build(c, false))],
    };
  };

  if (opts.root) {
    const root = org.units.find((u) => u.id === opts.root);
    if (!root) return [];
    const node = build(root, false);
    return [{ ...node, selectable: false, disabled: false }];
  }
  return childrenOf(null).map((u) => build(u, true));
}

/** Every value in a tree (for expanding all). */
export function allValues(nodes: readonly TreeNode[]): string[] {
  return nodes.flatMap((n) => [n.value, ...allValues(n.children ?? [])]);
}
