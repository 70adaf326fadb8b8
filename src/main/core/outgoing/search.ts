import { cleanText, foldForSearch } from '../../../shared/index.js';
import { unitName, userName, type OrgView } from '../../../shared/domain/org.js';
import { formatNumberSymbol } from '../../../shared/domain/documentNumber.js';
import type { OutgoingDocument } from '../../../shared/outgoing/index.js';

/**
 * An outgoing document's accent-insensitive search text, folded like an incoming one's
 * (db/search.ts: FTS5 strips the marks, foldForSearch also turns đ into d), so the same
 * queryTerms() and ftsMatchExpression() find it. The number, the signer, the drafting unit
 * and the recipients are in it: "công văn 12 Sở Tài chính" is how a clerk looks one up.
 */
export function outgoingSearchBody(
  d: Pick<OutgoingDocument, 'subject' | 'documentType' | 'number' | 'signerId' | 'signerPosition' | 'draftingUnitId' | 'recipients' | 'description'>,
  org: Pick<OrgView, 'units' | 'users'> | null,
): string {
  const number = d.number ? formatNumberSymbol(d.number.codeNumber, d.number.codeNotation) : '';
  return foldForSearch(
    cleanText(
      [d.subject, d.documentType, number, userName(org, d.signerId), d.signerPosition, unitName(org, d.draftingUnitId), ...d.recipients.map((r) => r.name), d.description].join(' \n '),
    ),
  );
}
