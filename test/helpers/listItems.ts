/** Incoming list rows for the notification tests: each call a new document, numbered in order. */
import type { IncomingListItem } from '../../src/shared/rpc/contract.js';

let n = 0;
export function listItem(over: Partial<IncomingListItem> = {}): IncomingListItem {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    arrivalNumber: n,
    arrivalYear: 2026,
    arrivalDate: `2026-11-20T08:${String(n % 60).padStart(2, '0')}:00.000Z`,
    issuer: 'Sở Tài chính tỉnh Kon Tum',
    codeNumber: String(100 + n),
    codeNotation: 'STC-NS',
    issuedDate: '2026-11-19',
    documentType: 'Công văn',
    subject: `Về việc lập dự toán ngân sách ${n}`,
    urgency: 'normal',
    confidentiality: 'normal',
    status: 'registered',
    myRole: null,
    deadline: null,
    overdue: false,
    unread: true,
    pending: false,
    ...over,
  };
}
