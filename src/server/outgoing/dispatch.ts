/**
 * Internal dispatch (issue #10; docs/decisions.md §29): an issued document sent to a unit of the
 * agency becomes an incoming document of that unit, registered by the server in the unit's own
 * arrival series, the issued PDF its file, handed to the unit (one main assignment, made by the
 * clerk who dispatched it, so the unit's leader hands it down with the usual flow). Seen by the
 * unit's leaders and clerks and whoever it is handed to (shared/incoming/rights.ts). When the
 * agency revokes the document, each copy is marked revoked and kept, frozen, for the record
 * (Decree 30 Art. 18).
 */
import { randomUUID } from 'node:crypto';
import type { RuleContext } from '../../shared/domain/ruleContext.js';
import { formatNumberSymbol } from '../../shared/domain/documentNumber.js';
import { unitName, userName } from '../../shared/domain/org.js';
import type { FileRef, IncomingDocument } from '../../shared/incoming/index.js';
import type { OutgoingDocument, Recipient } from '../../shared/outgoing/model.js';
import { PDF_MIME } from '../../shared/text/fileType.js';
import { vnDateParts, vnToday } from '../../shared/text/vietnamese.js';
import type { Queryable } from '../db/database.js';
import { loadDocument, nextUnitArrivalNumber, saveDocument } from '../incoming/index.js';
import type { AgencyFacts } from './numbering.js';

type HistoryEntry = IncomingDocument['history'][number];

const SUMMARY_MAX = 2000;
const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/u, '')}…`);

function entry(id: number, ctx: RuleContext, action: HistoryEntry['action'], summary: string, details: Record<string, unknown>): HistoryEntry {
  return { id, actorId: ctx.actor.id, action, at: ctx.now.toISOString(), summary: clip(summary, SUMMARY_MAX), details };
}

/** The issued PDF, as an incoming document's file. */
function issuedFile(doc: OutgoingDocument): FileRef {
  const issued = doc.versions.findLast((v) => v.kind === 'issued');
  if (!issued) throw new Error(`outgoing ${doc.id} dispatched without an issued version`);
  return { sha256: issued.file.sha256, name: issued.file.name, size: issued.file.size, mime: PDF_MIME };
}

/** "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" as one line, within the incoming field's 100 characters. */
function signerPositionLine(doc: OutgoingDocument): string {
  return clip(`${doc.signerCompetence} ${doc.signerPosition}`.trim(), 100);
}

/** Register the document in the recipient unit; returns the copy's id and who to poke. */
export async function registerUnitCopy(q: Queryable, doc: OutgoingDocument, recipient: Recipient, agency: AgencyFacts, ctx: RuleContext): Promise<{ id: string; poke: Set<string> }> {
  if (recipient.unitId === null || doc.number === null) throw new Error(`outgoing ${doc.id}: a unit copy needs a unit and a number`);
  const arrivalNumber = await nextUnitArrivalNumber(q, recipient.unitId, vnDateParts(ctx.now).year);
  const copy = unitCopyOf(doc, recipient, agency, ctx, { arrivalNumber, id: randomUUID(), assignmentId: randomUUID() });
  return { id: copy.id, poke: await saveDocument(q, copy, ctx.org, true) };
}

/**
 * The unit's incoming copy of the document, registered now with `arrivalNumber` of the unit's
 * series for the year of `ctx.now` (the caller takes it: the push from the unit's counter, the
 * demo seed from its own count of the unit's arrivals).
 */
export function unitCopyOf(doc: OutgoingDocument, recipient: Recipient, agency: AgencyFacts, ctx: RuleContext, o: { arrivalNumber: number; id: string; assignmentId: string }): IncomingDocument {
  const unitId = recipient.unitId;
  const number = doc.number;
  if (unitId === null || number === null) throw new Error(`outgoing ${doc.id}: a unit copy needs a unit and a number`);
  const year = vnDateParts(ctx.now).year;
  const { arrivalNumber, assignmentId } = o;
  const at = ctx.now.toISOString();
  const symbol = formatNumberSymbol(number.codeNumber, number.codeNotation);
  const unit = unitName(ctx.org, unitId);
  return {
    issuer: agency.name,
    codeNumber: number.codeNumber,
    codeNotation: number.codeNotation,
    issuedDate: vnToday(new Date(number.issuedAt)),
    documentType: doc.documentType,
    subject: doc.subject,
    signerName: doc.signerId === null ? '' : userName(ctx.org, doc.signerId),
    signerPosition: signerPositionLine(doc),
    urgency: doc.urgency,
    confidentiality: doc.confidentiality,
    dueDate: doc.replyDueDate,
    // The incoming field stops at 999 pages (Appendix VI: N3).
    pageCount: doc.pageCount !== null && doc.pageCount <= 999 ? doc.pageCount : null,
    description: doc.description,
    id: o.id,
    agencyId: doc.agencyId,
    arrivalYear: year,
    arrivalNumber,
    arrivalDate: at,
    status: 'in_progress',
    instruction: '',
    instructedBy: null,
    instructedAt: null,
    registeredBy: ctx.actor.id,
    completedAt: null,
    completedBy: null,
    completionNote: '',
    receivingUnitId: unitId,
    origin: { outgoingId: doc.id },
    revocation: null,
    duplicateOf: [],
    // A secret level's content reaches desktops as the agency's policy says, as for any incoming document.
    contentWithheld: doc.confidentiality !== 'normal',
    files: [issuedFile(doc)],
    assignments: [
      {
        id: assignmentId,
        role: 'main',
        unitId,
        userId: null,
        deadline: doc.replyDueDate,
        parentId: null,
        note: '',
        assignedBy: ctx.actor.id,
        assignedAt: at,
        status: 'active',
        completedAt: null,
      },
    ],
    opinions: [],
    history: [
      entry(1, ctx, 'registered', `Nhận văn bản ${symbol} của ${agency.name}; vào sổ văn bản đến của ${unit} số ${arrivalNumber}`, { arrivalNumber, outgoingId: doc.id }),
      entry(2, ctx, 'assigned', `Phân công — Xử lý chính: ${unit}`, { assignmentIds: [assignmentId] }),
    ],
    readAt: null,
    updatedAt: (ctx.appliedAt ?? ctx.now).toISOString(),
    version: 1,
  };
}

/** Mark a unit's copy revoked (kept, frozen, with the reason); returns who to poke. */
export async function revokeUnitCopy(q: Queryable, incomingId: string, doc: OutgoingDocument, reason: string, ctx: RuleContext): Promise<Set<string>> {
  const copy = await loadDocument(q, incomingId, true);
  const next = copy ? revokedCopyOf(copy, doc, reason, ctx) : null;
  return next ? saveDocument(q, next, ctx.org, false) : new Set();
}

/** The copy marked revoked (kept, frozen, with the reason); null when it already is. */
export function revokedCopyOf(copy: IncomingDocument, doc: Pick<OutgoingDocument, 'id'>, reason: string, ctx: RuleContext): IncomingDocument | null {
  if ((copy.revocation ?? null) !== null) return null;
  const at = ctx.now.toISOString();
  return {
    ...copy,
    revocation: { outgoingId: doc.id, reason, at },
    history: [...copy.history, entry(copy.history.length + 1, ctx, 'revoked', `Văn bản bị cơ quan ban hành thu hồi: ${reason}`, { outgoingId: doc.id })],
    updatedAt: (ctx.appliedAt ?? ctx.now).toISOString(),
    version: copy.version + 1,
  };
}
