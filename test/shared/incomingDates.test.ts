/**
 * The dates of a registration (issue #7): a document cannot be issued after the
 * day it is registered, nor be due before it was issued. One shared rule, so the
 * core refuses it before queueing and the server refuses it too (not only the form).
 */
import { describe, expect, it } from 'vitest';
import { checkIncomingDates, createIncoming, type OrgView } from '../../src/shared/incoming/rules.js';
import { AppError } from '../../src/shared/i18n/errors.js';
import type { IncomingMetadata } from '../../src/shared/incoming/model.js';
import type { Unit, UserSummary } from '../../src/shared/model/organisation.js';
import { FIXTURE_ORG } from '../helpers/fixtures.js';

const AGENCY = FIXTURE_ORG.agency.id;
const org: OrgView = {
  units: FIXTURE_ORG.units.map((u): Unit => ({ ...u, agencyId: AGENCY })),
  users: FIXTURE_ORG.users.map((u): UserSummary => ({ ...u, agencyId: AGENCY, active: true })),
};
const vanthu = org.users.find((u) => u.username === 'vanthu') as UserSummary;
// 08:00 on 5 January 2027 in Vietnam.
const now = new Date('2027-01-05T01:00:00Z');

const meta = (m: Partial<IncomingMetadata>): IncomingMetadata => ({
  issuer: 'Sở Nội vụ tỉnh Kon Tum',
  codeNumber: '15',
  codeNotation: 'QĐ-SNV',
  issuedDate: '2027-01-04',
  documentType: 'Quyết định',
  subject: 'Về việc cử cán bộ đi học',
  signerName: '',
  signerPosition: '',
  urgency: 'normal',
  confidentiality: 'normal',
  dueDate: null,
  pageCount: null,
  description: '',
  ...m,
});
const codeOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};
const register = (m: Partial<IncomingMetadata>) => () =>
  createIncoming({ documentId: '0d000000-0000-4000-8000-000000000001', metadata: meta(m), files: [] }, { actor: vanthu, org, now }, { number: 1, year: 2027 }, []);

describe('dates of a registration', () => {
  it('refuse an issue date after today in Vietnam', () => {
    expect(codeOf(register({ issuedDate: '2027-01-06' }))).toBe('issued_date_future');
    expect(codeOf(register({ issuedDate: '2027-01-05' }))).toBeNull();
    // 23:30 on 5 January in Vietnam is still the 5th in UTC; 00:30 on the 6th is the 6th in Vietnam.
    expect(codeOf(() => checkIncomingDates({ issuedDate: '2027-01-06', dueDate: null }, new Date('2027-01-05T17:30:00Z')))).toBeNull();
  });

  it('refuse a due date before the issue date, and say which dates, in Vietnamese and English', () => {
    let err: AppError | null = null;
    try {
      register({ issuedDate: '2027-01-04', dueDate: '2027-01-03' })();
    } catch (e) {
      err = e as AppError;
    }
    expect(err?.toBody()).toEqual({
      code: 'due_before_issued',
      message: { vi: 'Hạn xử lý (03/01/2027) không được trước ngày văn bản (04/01/2027).', en: 'The due date (03/01/2027) may not be before the issue date (04/01/2027).' },
    });
    expect(codeOf(register({ issuedDate: '2027-01-04', dueDate: '2027-01-04' }))).toBeNull();
  });

  it('store a known document type with one spelling, whatever the tone placement', () => {
    expect(register({ documentType: 'Giấy uỷ quyền' })().documentType).toBe('Giấy ủy quyền');
    expect(register({ documentType: 'Phiếu trình' })().documentType).toBe('Phiếu trình');
  });
});
