/**
 * What the outgoing screens compute before showing it (features/outgoing/format.ts): the types
 * a clerk may pick, the "Nơi nhận" block as printed, the delivery column, the list query, the
 * route a draft starts from, the order of the buttons, and the certificate's validity.
 */
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES } from '../../src/shared/domain/documentNumber.js';
import { OUTGOING_MUTATIONS } from '../../src/shared/outgoing/constants.js';
import {
  ACTION_ORDER,
  deliverySummary,
  DRAFT_TYPES,
  emptyQuery,
  isDraftFile,
  isFiltered,
  latestIsPdf,
  latestPdf,
  listParams,
  numberText,
  offeredActions,
  recentYears,
  recipientLines,
  routeProblem,
  suggestedSteps,
  validityOf,
} from '../../src/renderer/features/outgoing/format.js';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const PDF = { sha256: 'a'.repeat(64), name: 'du-thao.pdf', size: 10, mime: 'application/pdf' };
const DOCX = { sha256: 'b'.repeat(64), name: 'du-thao.docx', size: 10, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
const version = (n: number, file: typeof PDF) => ({ n, kind: 'draft' as const, file, by: id(1), at: '2026-03-02T02:00:00.000Z', note: '' });

describe('the draft form', () => {
  it('offers the types an agency drafts (Decree 30 Art. 7), công văn first, not the laws it only receives', () => {
    expect(DRAFT_TYPES[0]).toBe('Công văn');
    expect(DRAFT_TYPES).toContain('Quyết định');
    expect(DRAFT_TYPES).toContain('Thư công');
    expect(DRAFT_TYPES).not.toContain('Luật');
    expect(DRAFT_TYPES).not.toContain('Nghị định');
    expect(new Set(DRAFT_TYPES).size).toBe(DRAFT_TYPES.length);
    // Every one is a name the numbering knows (its abbreviation makes the symbol).
    for (const t of DRAFT_TYPES) expect(DOCUMENT_TYPES.some((d) => d.name === t)).toBe(true);
  });

  it('takes a DOCX or a PDF as a version, by the type the core sniffed', () => {
    expect(isDraftFile(PDF)).toBe(true);
    expect(isDraftFile(DOCX)).toBe(true);
    expect(isDraftFile({ mime: 'application/msword' })).toBe(true);
    expect(isDraftFile({ mime: 'image/png' })).toBe(false);
    expect(isDraftFile({ mime: 'application/zip' })).toBe(false);
  });

  it('prints "Nơi nhận" as Decree 30 does: one line a recipient, the file copies last', () => {
    expect(
      recipientLines([
        { kind: 'archive', name: 'VT' },
        { kind: 'unit', name: 'Sở Tài chính' },
        { kind: 'mail', name: 'UBND huyện Đông Anh' },
        { kind: 'archive', name: 'VP' },
        { kind: 'paper', name: 'Bộ Nội vụ' },
      ]),
    ).toEqual(['- Sở Tài chính;', '- UBND huyện Đông Anh;', '- Bộ Nội vụ;', '- Lưu: VT, VP.']);
    expect(recipientLines([])).toEqual([]);
  });
});

describe('the lists', () => {
  it('sends every filter and the cursor to the core, the search trimmed', () => {
    const q = { ...emptyQuery('issued'), query: '  quyết định ', urgency: 'urgent' as const, year: 2026 };
    expect(isFiltered(emptyQuery('mine'))).toBe(false);
    expect(isFiltered(q)).toBe(true);
    expect(listParams(q, 'c1', 500)).toEqual({ view: 'issued', query: 'quyết định', documentType: null, urgency: 'urgent', registerId: null, year: 2026, cursor: 'c1', limit: 500 });
  });

  it('says how many recipients received it, or nothing when there is no one to send to', () => {
    expect(deliverySummary({ status: 'issued', deliveredCount: 2, toDispatchCount: 5 }, 'vi')).toBe('2/5 đã nhận');
    expect(deliverySummary({ status: 'revoked', deliveredCount: 2, toDispatchCount: 5 }, 'en')).toBe('2/5 received');
    expect(deliverySummary({ status: 'issued', deliveredCount: 0, toDispatchCount: 0 }, 'vi')).toBe('');
    // Before it is issued nothing is sent: no "0/4" that reads like a failure.
    expect(deliverySummary({ status: 'reviewing', deliveredCount: 0, toDispatchCount: 4 }, 'vi')).toBe('');
  });

  it('offers this year and the five before it', () => {
    expect(recentYears(2026)).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
  });

  it('writes the number as "05/QĐ-UBND", none before it is numbered', () => {
    expect(numberText({ number: null })).toBeNull();
    expect(numberText({ number: { registerId: id(9), year: 2026, n: 5, codeNumber: '05', codeNotation: 'QĐ-UBND', issuedAt: '2026-03-02T02:00:00.000Z', issuedBy: id(1) } })).toBe('05/QĐ-UBND');
  });
});

describe('the document view', () => {
  it('signs the latest version only when it is a PDF', () => {
    expect(latestIsPdf({ versions: [version(1, DOCX), version(2, PDF)] })).toBe(true);
    expect(latestIsPdf({ versions: [version(1, PDF), version(2, DOCX)] })).toBe(false);
    expect(latestIsPdf({ versions: [] })).toBe(false);
    expect(latestPdf({ versions: [version(1, PDF), version(2, DOCX)] })?.n).toBe(1);
  });

  it('starts a route with the drafting unit’s leader (not the author, not the signer); the signer ends it', () => {
    const users = [
      { id: id(1), role: 'specialist' as const, unitId: id(100), active: true },
      { id: id(2), role: 'leader' as const, unitId: id(100), active: true },
      { id: id(3), role: 'leader' as const, unitId: id(200), active: true },
    ];
    let k = 0;
    const key = (): string => `k${++k}`;
    expect(suggestedSteps({ draftingUnitId: id(100), createdBy: id(1) }, users, id(3), key)).toEqual([{ key: 'k1', kind: 'review', userId: id(2) }]);
    // The unit's leader drafts it himself: no review step of his own.
    expect(suggestedSteps({ draftingUnitId: id(100), createdBy: id(2) }, users, id(3), key)).toEqual([]);
    expect(routeProblem([{ key: 'a', kind: 'review', userId: null }], id(3))).toBe('person');
    expect(routeProblem([{ key: 'a', kind: 'review', userId: id(2) }], null)).toBe('signer');
    expect(routeProblem([], id(3))).toBeNull();
  });

  it('shows the actions the rules allow, the step the document waits for first', () => {
    expect(offeredActions({ allowedActions: ['outgoing.comment', 'outgoing.return', 'outgoing.sign', 'outgoing.update'] })).toEqual(['outgoing.sign', 'outgoing.return', 'outgoing.update']);
    // Every action with a button is a mutation of the slice.
    for (const a of ACTION_ORDER) expect(OUTGOING_MUTATIONS).toContain(a);
  });

  it('warns of a certificate not valid today', () => {
    const now = new Date('2026-03-02T02:00:00.000Z');
    expect(validityOf({ notBefore: '2025-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z' }, now)).toBe('valid');
    expect(validityOf({ notBefore: '2024-01-01T00:00:00.000Z', notAfter: '2025-01-01T00:00:00.000Z' }, now)).toBe('expired');
    expect(validityOf({ notBefore: '2027-01-01T00:00:00.000Z', notAfter: '2028-01-01T00:00:00.000Z' }, now)).toBe('not_yet_valid');
  });
});
