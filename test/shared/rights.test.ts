/**
 * "Can this user …?" (src/shared/incoming/rights.ts), the answers the renderer shows
 * and the server enforces: one module, so the offered actions and the refusals agree.
 */
import { describe, expect, it } from 'vitest';
import { canHandDown, canRegister, canRevokeAssignment, reassignableAssignments, roleKey, seesWholeRegister } from '../../src/shared/incoming/rights.js';
import type { Assignment } from '../../src/shared/incoming/model.js';
import type { Unit, UserSummary } from '../../src/shared/model/organisation.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';

const units: Unit[] = FIXTURE_ORG.units.map((u) => ({ ...u, agencyId: FIXTURE_ORG.agency.id }));
const who = (name: keyof typeof U): UserSummary => ({ ...U[name], agencyId: FIXTURE_ORG.agency.id, active: true });
const a = (p: Partial<Assignment> & Pick<Assignment, 'role'>): Assignment => ({
  id: crypto.randomUUID(), unitId: null, userId: null, deadline: null, parentId: null, note: '', assignedBy: U.chutich.id, assignedAt: '2026-11-20T02:00:00.000Z', status: 'active', completedAt: null, ...p,
});

describe('rights', () => {
  it('clerks register; clerks and the agency leaders see the whole register; roles are named so', () => {
    expect(['vanthu', 'chutich', 'tp.kinhte', 'cv.kinhte1'].map((n) => canRegister(who(n as keyof typeof U)))).toEqual([true, false, false, false]);
    expect(['vanthu', 'chutich', 'tp.kinhte', 'cv.kinhte1'].map((n) => seesWholeRegister(who(n as keyof typeof U), units))).toEqual([true, true, false, false]);
    expect(roleKey(who('chutich'), units)).toBe('agencyLeader');
    expect(roleKey(who('tp.kinhte'), units)).toBe('leader');
  });

  it('a unit leader hands down only their own unit’s active assignments, never a stronger role than the unit’s', () => {
    const economy = a({ role: 'cooperate', unitId: UNITS.economy.id });
    const internal = a({ role: 'main', unitId: UNITS.internal.id });
    const revoked = a({ role: 'info', unitId: UNITS.economy.id, status: 'revoked' });
    const doc = { status: 'in_progress' as const, assignments: [economy, internal, revoked] };
    expect(reassignableAssignments(doc, who('tp.kinhte'))).toEqual([economy]);
    expect(reassignableAssignments(doc, who('cv.kinhte1'))).toEqual([]);
    expect(reassignableAssignments({ ...doc, status: 'done' }, who('tp.kinhte'))).toEqual([]);
    expect((['main', 'cooperate', 'info'] as const).map((r) => canHandDown(economy, r))).toEqual([false, true, true]);
  });

  it('whoever made an active assignment may revoke it, the agency leaders any', () => {
    const byUnit = a({ role: 'main', userId: U['cv.kinhte1'].id, assignedBy: U['tp.kinhte'].id });
    const doc = { status: 'in_progress' as const };
    expect(canRevokeAssignment(doc, who('tp.kinhte'), byUnit, units)).toBe(true);
    expect(canRevokeAssignment(doc, who('chutich'), byUnit, units)).toBe(true);
    expect(canRevokeAssignment(doc, who('tp.noichinh'), byUnit, units)).toBe(false);
    expect(canRevokeAssignment(doc, who('tp.kinhte'), { ...byUnit, status: 'revoked' }, units)).toBe(false);
    expect(canRevokeAssignment({ status: 'done' }, who('chutich'), byUnit, units)).toBe(false);
  });
});
