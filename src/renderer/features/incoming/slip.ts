/**
 * What block II of the processing slip says (Decree 30, Appendix IV): pure, so a
 * Node test can read it without a browser. ProcessingSlip.tsx lays it out.
 */
import type { TFunction } from 'i18next';
import type { Assignment, IncomingDocument } from '../../../shared/incoming/model.js';
import type { Organisation } from '../../../shared/model/organisation.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { unitName, userName } from '../../../shared/domain/org.js';

export interface UnitBlock {
  /** One printed line per person the unit leader handed the work to. */
  lines: string[];
  /** "Ngày dd/MM/yyyy" of the hand-down, or '' when there is none. */
  signedOn: string;
  /** The unit leader who signs for these lines. */
  signer: string;
}

export function slipDeadline(a: Pick<Assignment, 'deadline'> | undefined, tv: TFunction): string {
  return a?.deadline ? formatDateVi(a.deadline) : tv('slip.noDeadline');
}

/**
 * Block II: what unit leaders handed on inside their units — one part per unit
 * (several units may re-assign: the main one and each co-operating one), each
 * dated and signed by the leader who handed it down, in the order they did.
 */
export function unitBlocks(doc: Pick<IncomingDocument, 'assignments'>, org: Pick<Organisation, 'units' | 'users'>, tv: TFunction): UnitBlock[] {
  const byParent = new Map<string, Assignment[]>();
  for (const c of doc.assignments)
    if (c.parentId !== null && c.status !== 'revoked') byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  return [...byParent.entries()].map(([parentId, list]) => {
    const unit = unitName(org, doc.assignments.find((a) => a.id === parentId)?.unitId);
    const lines = list.map((c) => {
      const head = tv('slip.unitAssigned', { unit, name: userName(org, c.userId), role: tv(`doc.role.${c.role}`) });
      return `${head}${c.role !== 'info' ? `; ${tv('slip.deadline', { date: slipDeadline(c, tv) })}` : ''}${c.note ? `. ${c.note}` : ''}`;
    });
    const first = list[0]!;
    return { lines, signedOn: tv('slip.dateSigned', { date: formatDateVi(first.assignedAt) }), signer: userName(org, first.assignedBy) };
  });
}
