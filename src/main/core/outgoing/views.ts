/**
 * What one outgoing document shows besides its state (OUTGOING_RPC 'outgoing.get'): the
 * register and symbol it will be numbered with, the documents it answers or relates to, and
 * the draft a reply to an incoming document starts from. Pure: the handlers give the states.
 */
import { randomUUID } from 'node:crypto';
import type { Agency, IncomingDocument } from '../../../shared/index.js';
import { formatDateVi } from '../../../shared/index.js';
import { formatNumberSymbol } from '../../../shared/domain/documentNumber.js';
import type { OrgView } from '../../../shared/domain/org.js';
import type { UserSummary } from '../../../shared/model/organisation.js';
import { registerFor, symbolFor, type OutgoingDocument } from '../../../shared/outgoing/index.js';
import type { OutgoingView as OutgoingViewResult } from '../../../shared/outgoing/rpc.js';
import type { DraftInput } from '../../../shared/outgoing/schemas.js';

/** Before a number exists: the register that will number it and the symbol ("…/UBND-VP"); null once numbered or with no register. */
export function numberPreviewOf(d: Pick<OutgoingDocument, 'number' | 'documentType' | 'confidentiality' | 'draftingUnitId'>, org: OrgView, agency: Pick<Agency, 'abbreviation'>): OutgoingViewResult['numberPreview'] {
  if (d.number !== null) return null;
  const register = registerFor(org.outgoing?.registers ?? [], d.documentType, d.confidentiality);
  if (!register) return null;
  const unit = org.units.find((u) => u.id === d.draftingUnitId);
  return { registerId: register.id, registerName: register.name, codeNotation: symbolFor(d.documentType, agency.abbreviation, unit?.abbreviation ?? '') };
}

/** How an outgoing document is named in a link: "05/QĐ-UBND — trích yếu", or the subject of a draft. */
export function outgoingTitle(d: Pick<OutgoingDocument, 'number' | 'subject'>): string {
  return d.number ? `${formatNumberSymbol(d.number.codeNumber, d.number.codeNotation)} — ${d.subject}` : d.subject;
}

/** How an incoming document is named in a link: "Số 12/SNV-TCBC của Sở Nội vụ — trích yếu". */
export function incomingTitle(d: Pick<IncomingDocument, 'codeNumber' | 'codeNotation' | 'issuer' | 'subject'>): string {
  return `${formatNumberSymbol(d.codeNumber, d.codeNotation)} (${d.issuer}) — ${d.subject}`;
}

const SUBJECT_MAX = 500;
const DESCRIPTION_MAX = 500;

const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/u, '')}…`);

export type ReplyDraft = Partial<DraftInput> & { replyTo: string };

/**
 * "Trả lời văn bản": a draft answering an incoming document. Subject "V/v trả lời {type} số
 * {number/symbol} ngày {dd/MM/yyyy} của {issuer}" (the incoming subject when that does not
 * fit); the recipient is the issuer — by mail when its address is known (the document came by
 * mail), the unit itself when it is a copy dispatched inside the agency, else on paper; the
 * drafting unit is the user's; urgency and secrecy follow the incoming document.
 */
export function replyDraftOf(incoming: IncomingDocument, user: Pick<UserSummary, 'unitId'>, originUnitId: string | null, org: OrgView): ReplyDraft {
  const symbol = formatNumberSymbol(incoming.codeNumber, incoming.codeNotation);
  const full = `V/v trả lời ${incoming.documentType.toLocaleLowerCase('vi')} số ${symbol} ngày ${formatDateVi(incoming.issuedDate)} của ${incoming.issuer}`;
  const subject = full.length <= SUBJECT_MAX ? full : incoming.subject;
  const address = incoming.sourceMail?.from?.address?.trim() || null;
  const unit = originUnitId === null ? null : (org.units.find((u) => u.id === originUnitId) ?? null);
  const recipient: NonNullable<DraftInput['recipients']>[number] = unit
    ? { id: randomUUID(), kind: 'unit', unitId: unit.id, name: unit.name, email: null }
    : address
      ? { id: randomUUID(), kind: 'mail', unitId: null, name: clip(incoming.issuer, 200), email: address.toLowerCase() }
      : { id: randomUUID(), kind: 'paper', unitId: null, name: clip(incoming.issuer, 200), email: null };
  return {
    documentType: 'Công văn',
    subject,
    draftingUnitId: user.unitId,
    urgency: incoming.urgency,
    confidentiality: incoming.confidentiality,
    recipients: [recipient],
    description: clip(`Trả lời văn bản: ${incoming.subject}`, DESCRIPTION_MAX),
    replyTo: incoming.id,
  };
}
