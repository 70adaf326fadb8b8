/**
 * The pure rules of the incoming-document workflow (DOMAIN.md §5; docs/data-model.md):
 * whose role a document is, which deadline applies to whom, when a document is
 * overdue (derived, by Vietnam date), and which actions each person is offered.
 * test/server/workflow.test.ts covers the mutations end to end through the server;
 * these tests pin the derivations directly, without a server.
 */
import { describe, expect, it } from 'vitest';
import { allowedActions, applyMutation, deadlineFor, isOverdue, roleOf, type OrgView } from '../../src/shared/incoming/rules.js';
import type { Assignment, AssignmentRole, IncomingDocument } from '../../src/shared/incoming/model.js';
import type { Unit, UserSummary } from '../../src/shared/model/organisation.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';

const AGENCY = FIXTURE_ORG.agency.id;
const org: OrgView = {
  units: FIXTURE_ORG.units.map((u): Unit => ({ ...u, agencyId: AGENCY })),
  users: FIXTURE_ORG.users.map((u): UserSummary => ({ ...u, agencyId: AGENCY, active: true })),
};
type Name = keyof typeof U;
const user = (name: Name): UserSummary => org.users.find((u) => u.username === name) as UserSummary;
const chutich = user('chutich');
const vanthu = user('vanthu');
const tpKinhte = user('tp.kinhte');
const cv1 = user('cv.kinhte1');
const cv2 = user('cv.kinhte2');
const tpNoichinh = user('tp.noichinh');
const cvNoichinh = user('cv.noichinh');

let seq = 0;
const id = (): string => `0c000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

function assignment(a: { role: AssignmentRole; unitId?: string; userId?: string; deadline?: string | null; parentId?: string | null; assignedBy?: string; status?: Assignment['status']; id?: string }): Assignment {
  return {
    id: a.id ?? id(),
    role: a.role,
    unitId: a.unitId ?? null,
    userId: a.userId ?? null,
    deadline: a.deadline ?? null,
    parentId: a.parentId ?? null,
    note: '',
    assignedBy: a.assignedBy ?? chutich.id,
    assignedAt: '2026-11-20T02:00:00.000Z',
    status: a.status ?? 'active',
    completedAt: null,
  };
}

function doc(p: { assignments?: Assignment[]; dueDate?: string | null; status?: IncomingDocument['status'] } = {}): IncomingDocument {
  const assignments = p.assignments ?? [];
  return {
    issuer: 'Sở Nội vụ tỉnh Kon Tum',
    codeNumber: '15',
    codeNotation: 'QĐ-SNV',
    issuedDate: '2026-11-18',
    documentType: 'Quyết định',
    subject: 'Về việc cử cán bộ đi học',
    signerName: 'Nguyễn Văn An',
    signerPosition: 'Giám đốc',
    urgency: 'normal',
    confidentiality: 'normal',
    dueDate: p.dueDate ?? null,
    pageCount: 2,
    description: '',
    id: id(),
    agencyId: AGENCY,
    arrivalYear: 2026,
    arrivalNumber: 1,
    arrivalDate: '2026-11-20T01:00:00.000Z',
    status: p.status ?? (assignments.some((a) => a.status === 'active') ? 'in_progress' : 'registered'),
    instruction: '',
    instructedBy: null,
    instructedAt: null,
    registeredBy: vanthu.id,
    completedAt: null,
    completedBy: null,
    completionNote: '',
    duplicateOf: [],
    contentWithheld: false,
    files: [],
    assignments,
    opinions: [],
    history: [],
    readAt: null,
    updatedAt: '2026-11-20T02:00:00.000Z',
    version: 1,
  };
}

/**
 * The usual shape: the chairman gives the economy department the main role (deadline
 * 30/11), the internal-affairs department co-operation (deadline 28/11), the clerk's
 * office is informed; the head of economy hands the main role to cv.kinhte1 (27/11)
 * and co-operation to cv.kinhte2 (no deadline of its own).
 */
function assignedDoc(dueDate: string | null = '2026-12-05') {
  const economy = assignment({ role: 'main', unitId: UNITS.economy.id, deadline: '2026-11-30' });
  const internal = assignment({ role: 'cooperate', unitId: UNITS.internal.id, deadline: '2026-11-28' });
  const office = assignment({ role: 'info', unitId: UNITS.office.id });
  const toCv1 = assignment({ role: 'main', userId: cv1.id, deadline: '2026-11-27', parentId: economy.id, assignedBy: tpKinhte.id });
  const toCv2 = assignment({ role: 'cooperate', userId: cv2.id, parentId: economy.id, assignedBy: tpKinhte.id });
  return { d: doc({ dueDate, assignments: [economy, internal, office, toCv1, toCv2] }), economy, internal, office, toCv1, toCv2 };
}

describe('role of a person on a document', () => {
  it('is the role of their own assignment, or of the unit they lead', () => {
    const { d } = assignedDoc();
    expect(roleOf(d, tpKinhte)).toBe('main');
    expect(roleOf(d, tpNoichinh)).toBe('cooperate');
    expect(roleOf(d, cv1)).toBe('main');
    expect(roleOf(d, cv2)).toBe('cooperate');
  });

  it('is none for people with nothing assigned: the clerk, the chairman, a specialist of an assigned unit not yet handed the work', () => {
    const { d } = assignedDoc();
    expect(roleOf(d, vanthu)).toBeNull();
    expect(roleOf(d, chutich)).toBeNull();
    // The unit is assigned, but only its leader acts for it until they re-assign.
    expect(roleOf(d, cvNoichinh)).toBeNull();
  });

  it('is the strongest when a person holds several: main over co-operate over for-information', () => {
    const viaUnit = assignment({ role: 'info', unitId: UNITS.economy.id });
    const personal = assignment({ role: 'cooperate', userId: tpKinhte.id });
    expect(roleOf(doc({ assignments: [viaUnit, personal] }), tpKinhte)).toBe('cooperate');
    const main = assignment({ role: 'main', userId: tpKinhte.id });
    expect(roleOf(doc({ assignments: [viaUnit, main, personal] }), tpKinhte)).toBe('main');
    expect(roleOf(doc({ assignments: [assignment({ role: 'info', userId: cv1.id })] }), cv1)).toBe('info');
  });

  it('ignores revoked assignments but keeps completed ones', () => {
    const revoked = assignment({ role: 'main', userId: cv1.id, status: 'revoked' });
    expect(roleOf(doc({ assignments: [revoked] }), cv1)).toBeNull();
    const revokedUnit = assignment({ role: 'main', unitId: UNITS.economy.id, status: 'revoked' });
    const info = assignment({ role: 'info', unitId: UNITS.economy.id });
    expect(roleOf(doc({ assignments: [revokedUnit, info] }), tpKinhte)).toBe('info');
    const done = assignment({ role: 'main', userId: cv1.id, status: 'done' });
    expect(roleOf(doc({ assignments: [done], status: 'done' }), cv1)).toBe('main');
  });
});

describe('deadline that applies to a person', () => {
  it('is their own assignment’s deadline', () => {
    const { d } = assignedDoc();
    expect(deadlineFor(d, cv1)).toBe('2026-11-27');
    expect(deadlineFor(d, tpKinhte)).toBe('2026-11-30');
    expect(deadlineFor(d, tpNoichinh)).toBe('2026-11-28');
  });

  it('is the main assignment’s deadline when their own has none', () => {
    const { d } = assignedDoc();
    expect(deadlineFor(d, cv2)).toBe('2026-11-30');
    // The office is informed without a deadline of its own.
    expect(deadlineFor(d, user('vanthu'))).toBe('2026-11-30');
  });

  it('is the main assignment’s deadline for someone with no assignment, or for the document in general', () => {
    const { d } = assignedDoc();
    expect(deadlineFor(d, chutich)).toBe('2026-11-30');
    expect(deadlineFor(d, null)).toBe('2026-11-30');
    expect(deadlineFor(d, cvNoichinh)).toBe('2026-11-30');
  });

  it('uses the main assignment given by the agency leader, not a main role handed down inside a unit', () => {
    const { d } = assignedDoc();
    // cv.kinhte1's main role (27/11) is a re-assignment; the document's main deadline stays 30/11.
    expect(deadlineFor(d, null)).not.toBe('2026-11-27');
  });

  it('is the deadline of the strongest role when a person holds several', () => {
    const info = assignment({ role: 'info', userId: cv1.id, deadline: '2026-11-21' });
    const main = assignment({ role: 'main', userId: cv1.id, deadline: '2026-11-29' });
    const coop = assignment({ role: 'cooperate', userId: cv1.id, deadline: '2026-11-25' });
    expect(deadlineFor(doc({ assignments: [info, coop, main] }), cv1)).toBe('2026-11-29');
    expect(deadlineFor(doc({ assignments: [info, coop] }), cv1)).toBe('2026-11-25');
  });

  it('falls back to the document’s due date when there is no main deadline, and is null when there is none at all', () => {
    expect(deadlineFor(doc({ dueDate: '2026-12-05' }), null)).toBe('2026-12-05');
    expect(deadlineFor(doc({ dueDate: '2026-12-05' }), cv1)).toBe('2026-12-05');
    const mainNoDeadline = assignment({ role: 'main', unitId: UNITS.economy.id });
    expect(deadlineFor(doc({ dueDate: '2026-12-05', assignments: [mainNoDeadline] }), null)).toBe('2026-12-05');
    expect(deadlineFor(doc({ dueDate: null }), null)).toBeNull();
    expect(deadlineFor(doc({ dueDate: null, assignments: [mainNoDeadline] }), tpKinhte)).toBeNull();
  });

  it('ignores a revoked main assignment and a revoked personal deadline', () => {
    const revokedMain = assignment({ role: 'main', unitId: UNITS.economy.id, deadline: '2026-11-22', status: 'revoked' });
    const revokedMine = assignment({ role: 'main', userId: cv1.id, deadline: '2026-11-23', status: 'revoked', parentId: revokedMain.id });
    const d = doc({ dueDate: '2026-12-05', assignments: [revokedMain, revokedMine] });
    expect(deadlineFor(d, null)).toBe('2026-12-05');
    expect(deadlineFor(d, cv1)).toBe('2026-12-05');
    const newMain = assignment({ role: 'main', unitId: UNITS.internal.id, deadline: '2026-12-01' });
    const d2 = doc({ dueDate: '2026-12-05', assignments: [revokedMain, revokedMine, newMain] });
    expect(deadlineFor(d2, null)).toBe('2026-12-01');
    expect(deadlineFor(d2, tpKinhte)).toBe('2026-12-01');
  });
});

describe('a person re-assigned inside a unit without a deadline of their own', () => {
  // The internal-affairs department co-operates with a deadline (28/11) earlier than the main one (30/11).
  const reassignInternal = (now: string): { after: IncomingDocument; childId: string } => {
    const { d, internal } = assignedDoc();
    const childId = id();
    const after = applyMutation(
      d,
      {
        name: 'incoming.reassign',
        args: { documentId: d.id, parentAssignmentId: internal.id, assignments: [{ id: childId, role: 'cooperate', userId: cvNoichinh.id, deadline: null, note: '' }] },
      },
      { actor: tpNoichinh, org, now: new Date(now) },
    );
    return { after, childId };
  };

  it('works to the unit’s deadline, not the main handler’s', () => {
    const { after, childId } = reassignInternal('2026-11-25T02:00:00Z');
    expect(after.assignments.find((a) => a.id === childId)?.deadline).toBe('2026-11-28');
    expect(deadlineFor(after, cvNoichinh)).toBe('2026-11-28');
  });

  it('is overdue once the unit’s deadline has passed, and can still be handed the work then', () => {
    // 29/11: the unit is late; its leader can pick no date (none may be past, none after the unit’s).
    const { after } = reassignInternal('2026-11-29T02:00:00Z');
    expect(deadlineFor(after, cvNoichinh)).toBe('2026-11-28');
    expect(isOverdue(after, cvNoichinh, new Date('2026-11-29T02:00:00Z'))).toBe(true);
  });

  it('a hand-down stored without a deadline (before this rule) still follows its unit’s deadline', () => {
    const { d, internal } = assignedDoc();
    const child = assignment({ role: 'cooperate', userId: cvNoichinh.id, parentId: internal.id, assignedBy: tpNoichinh.id });
    const withChild = { ...d, assignments: [...d.assignments, child] };
    expect(deadlineFor(withChild, cvNoichinh)).toBe('2026-11-28');
    expect(isOverdue(withChild, cvNoichinh, new Date('2026-11-29T02:00:00Z'))).toBe(true);
  });
});

describe('overdue, by the Vietnam calendar', () => {
  const dueOn25 = (): IncomingDocument => doc({ assignments: [assignment({ role: 'main', userId: cv1.id, deadline: '2026-11-25' })] });

  it('is not overdue during the whole deadline day in Vietnam', () => {
    const d = dueOn25();
    expect(isOverdue(d, cv1, new Date('2026-11-24T17:00:00.000Z'))).toBe(false); // 00:00 on the 25th in Vietnam
    expect(isOverdue(d, cv1, new Date('2026-11-25T02:00:00.000Z'))).toBe(false); // 09:00
    expect(isOverdue(d, cv1, new Date('2026-11-25T16:59:59.999Z'))).toBe(false); // 23:59:59.999
  });

  it('becomes overdue at midnight in Vietnam, while it is still the deadline day in UTC', () => {
    const d = dueOn25();
    expect(isOverdue(d, cv1, new Date('2026-11-25T17:00:00.000Z'))).toBe(true); // 00:00 on the 26th in Vietnam
    expect(isOverdue(d, cv1, new Date('2026-11-25T23:30:00.000Z'))).toBe(true); // 06:30 on the 26th
    expect(isOverdue(d, null, new Date('2026-11-25T17:00:00.000Z'))).toBe(true);
  });

  it('is not overdue before the deadline day, even when the UTC date is already the day before it', () => {
    expect(isOverdue(dueOn25(), cv1, new Date('2026-11-23T18:00:00.000Z'))).toBe(false); // 01:00 on the 24th in Vietnam
  });

  it('depends on whose deadline applies: the specialist can be late while the unit is not', () => {
    const { d } = assignedDoc();
    const now = new Date('2026-11-28T03:00:00.000Z'); // 10:00 on 28/11 in Vietnam
    expect(isOverdue(d, cv1, now)).toBe(true); // 27/11 has passed
    expect(isOverdue(d, tpNoichinh, now)).toBe(false); // 28/11 is today
    expect(isOverdue(d, tpKinhte, now)).toBe(false); // 30/11
    expect(isOverdue(d, cv2, now)).toBe(false); // falls back to 30/11
    expect(isOverdue(d, null, now)).toBe(false);
    const dayAfter = new Date('2026-11-28T17:00:00.000Z'); // 00:00 on 29/11 in Vietnam
    expect(isOverdue(d, tpNoichinh, dayAfter)).toBe(true);
    expect(isOverdue(d, tpKinhte, dayAfter)).toBe(false);
  });

  it('uses the document’s due date before anyone is assigned', () => {
    const d = doc({ dueDate: '2026-11-25' });
    expect(isOverdue(d, null, new Date('2026-11-25T16:59:59.999Z'))).toBe(false);
    expect(isOverdue(d, null, new Date('2026-11-25T17:00:00.000Z'))).toBe(true);
  });

  it('is never overdue without any deadline', () => {
    expect(isOverdue(doc({ dueDate: null }), null, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('is never overdue once the document is done, however late', () => {
    const main = assignment({ role: 'main', userId: cv1.id, deadline: '2026-11-25', status: 'done' });
    const d = doc({ dueDate: '2026-11-20', assignments: [main], status: 'done' });
    expect(isOverdue(d, cv1, new Date('2027-06-01T00:00:00Z'))).toBe(false);
    expect(isOverdue(d, null, new Date('2027-06-01T00:00:00Z'))).toBe(false);
  });
});

describe('actions offered to each person', () => {
  const actions = (d: IncomingDocument, u: UserSummary): string[] => [...allowedActions(d, u, org)].sort();

  it('a newly registered document: the agency leader may assign and comment; the clerk and others may only mark it read', () => {
    const d = doc();
    expect(actions(d, chutich)).toEqual(['incoming.addOpinion', 'incoming.assign', 'incoming.markRead']);
    expect(actions(d, vanthu)).toEqual(['incoming.markRead']);
    expect(actions(d, tpKinhte)).toEqual(['incoming.markRead']);
    expect(actions(d, cv1)).toEqual(['incoming.markRead']);
  });

  it('the agency leader may assign further, comment and revoke any active assignment, but not complete without the main role', () => {
    const { d } = assignedDoc();
    expect(actions(d, chutich)).toEqual(['incoming.addOpinion', 'incoming.assign', 'incoming.markRead', 'incoming.revokeAssignment']);
  });

  it('the leader of the main unit may re-assign inside the unit, comment, complete and revoke what they handed down', () => {
    const { d } = assignedDoc();
    expect(actions(d, tpKinhte)).toEqual(['incoming.addOpinion', 'incoming.complete', 'incoming.markRead', 'incoming.reassign', 'incoming.revokeAssignment']);
  });

  it('the leader of a unit assigned to only co-operate may re-assign and comment, not complete, and not revoke the chairman’s assignments', () => {
    const { d } = assignedDoc();
    expect(actions(d, tpNoichinh)).toEqual(['incoming.addOpinion', 'incoming.markRead', 'incoming.reassign']);
  });

  it('the specialist handed the main role may comment and complete, but not re-assign, assign or revoke', () => {
    const { d } = assignedDoc();
    expect(actions(d, cv1)).toEqual(['incoming.addOpinion', 'incoming.complete', 'incoming.markRead']);
  });

  it('a co-operating specialist may comment only', () => {
    const { d } = assignedDoc();
    expect(actions(d, cv2)).toEqual(['incoming.addOpinion', 'incoming.markRead']);
  });

  it('a recipient for information may neither complete nor re-assign work to others, unless they lead an informed unit', () => {
    const { d } = assignedDoc();
    const clerk = actions(d, vanthu); // the clerk's office is informed, but the clerk does not lead it
    expect(clerk).toEqual(['incoming.markRead']);
    const personal = doc({ assignments: [assignment({ role: 'main', unitId: UNITS.economy.id }), assignment({ role: 'info', userId: cvNoichinh.id })] });
    const a = actions(personal, cvNoichinh);
    expect(a).toContain('incoming.markRead');
    expect(a).not.toContain('incoming.complete');
    expect(a).not.toContain('incoming.reassign');
    expect(a).not.toContain('incoming.assign');
    expect(a).not.toContain('incoming.revokeAssignment');
  });

  it('a specialist of an assigned unit not yet handed the work may only mark it read', () => {
    const { d } = assignedDoc();
    expect(actions(d, cvNoichinh)).toEqual(['incoming.markRead']);
  });

  it('a revoked assignment gives no actions any more', () => {
    const { d, toCv1 } = assignedDoc();
    const revoked = { ...d, assignments: d.assignments.map((a) => (a.id === toCv1.id ? { ...a, status: 'revoked' as const } : a)) };
    expect(actions(revoked, cv1)).toEqual(['incoming.markRead']);
    // The unit still holds the main role, so its leader still may complete.
    expect(actions(revoked, tpKinhte)).toContain('incoming.complete');
  });

  it('a completed document offers nothing but marking it read, to everyone', () => {
    const { d } = assignedDoc();
    const done: IncomingDocument = { ...d, status: 'done', assignments: d.assignments.map((a) => ({ ...a, status: 'done' as const })) };
    for (const u of [chutich, vanthu, tpKinhte, tpNoichinh, cv1, cv2, cvNoichinh]) expect(actions(done, u), u.username).toEqual(['incoming.markRead']);
  });

  it('an administrator is offered nothing but marking read', () => {
    expect(actions(assignedDoc().d, user('quantri'))).toEqual(['incoming.markRead']);
  });
});
