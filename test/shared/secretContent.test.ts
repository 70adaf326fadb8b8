/**
 * The one rule for what of a secret document reaches desktops (docs/decisions.md
 * §19): the server shapes pulls with it and the registration form words its note
 * from it, so Mật is treated like Tối mật and Tuyệt mật unless the agency says otherwise.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECRET_CONTENT_POLICY, isContentWithheld, shapeForDesktop, withheldContent } from '../../src/shared/incoming/secretContent.js';
import { IncomingDocument } from '../../src/shared/incoming/model.js';
import { Organisation } from '../../src/shared/model/organisation.js';

const doc = IncomingDocument.parse({
  id: '6f000000-0000-4000-8000-000000000001',
  agencyId: '0f000000-0000-4000-8000-000000000001',
  issuer: 'Công an tỉnh Kon Tum',
  codeNumber: '12',
  codeNotation: 'CAT-PV01',
  issuedDate: '2026-11-20',
  documentType: 'Công văn',
  subject: 'Về việc bảo vệ mục tiêu',
  signerName: '',
  signerPosition: '',
  urgency: 'normal',
  confidentiality: 'confidential',
  dueDate: null,
  pageCount: 1,
  description: 'Phụ lục sơ đồ',
  sourceMail: { messageIdHeader: '<a@b>', from: null, subject: 'Sơ đồ bố trí', receivedAt: '2026-11-20T01:00:00Z' },
  arrivalYear: 2026,
  arrivalNumber: 5,
  arrivalDate: '2026-11-21T01:00:00Z',
  status: 'in_progress',
  instruction: 'Giao Phòng Kinh tế',
  instructedBy: '0b000000-0000-4000-8000-000000000002',
  instructedAt: '2026-11-21T02:00:00Z',
  registeredBy: '0b000000-0000-4000-8000-000000000001',
  completedAt: null,
  completedBy: null,
  completionNote: '',
  duplicateOf: [],
  contentWithheld: true,
  files: [{ sha256: 'a'.repeat(64), name: 'so-do.pdf', size: 10, mime: 'application/pdf' }],
  assignments: [],
  opinions: [{ id: '6f000000-0000-4000-8000-000000000002', authorId: '0b000000-0000-4000-8000-000000000004', kind: 'opinion', content: 'Đề xuất', progress: null, createdAt: '2026-11-21T03:00:00Z' }],
  history: [{ id: 1, actorId: '0b000000-0000-4000-8000-000000000002', action: 'instructed', at: '2026-11-21T02:00:00Z', summary: 'Ý kiến chỉ đạo: Giao Phòng Kinh tế', details: { instruction: 'Giao Phòng Kinh tế' } }],
  readAt: null,
  updatedAt: '2026-11-21T03:00:00Z',
  version: 3,
});

describe('secret content policy', () => {
  it('withholds Mật, Tối mật and Tuyệt mật alike by default (Decree 30), nothing of a normal document', () => {
    for (const level of ['confidential', 'secret', 'top_secret'] as const) {
      expect(isContentWithheld(level, undefined), level).toBe(true);
      expect(withheldContent(level, DEFAULT_SECRET_CONTENT_POLICY)).toContain('files');
    }
    expect(withheldContent('normal', undefined)).toEqual([]);
  });

  it("follows the agency's choice per level", () => {
    const policy = { ...DEFAULT_SECRET_CONTENT_POLICY, confidential: 'full' } as const;
    expect(isContentWithheld('confidential', policy)).toBe(false);
    expect(isContentWithheld('secret', policy)).toBe(true);
    expect(shapeForDesktop(doc, policy)).toEqual({ ...doc, contentWithheld: false });
  });

  it('keeps the register entry and empties every text, and the result is still a valid document', () => {
    const shaped = IncomingDocument.parse(shapeForDesktop(doc, undefined));
    expect(shaped).toMatchObject({ contentWithheld: true, files: [], description: '', instruction: '', subject: doc.subject, codeNumber: '12', arrivalNumber: 5, instructedBy: doc.instructedBy });
    expect(shaped.opinions).toEqual([{ ...doc.opinions[0], content: '' }]);
    expect(shaped.history).toEqual([{ ...doc.history[0], summary: '', details: {} }]);
    expect(shaped.sourceMail).toEqual({ ...doc.sourceMail, subject: '' });
  });

  it('an organisation from an older server (no policy) still parses, and means the default', () => {
    const org = Organisation.parse({ version: 1, agency: { id: doc.agencyId, code: '000.00.00.H34', name: 'UBND tỉnh Kon Tum', abbreviation: 'UBND', place: 'Kon Tum' }, units: [], users: [] });
    expect(org.secretContent).toBeUndefined();
    expect(isContentWithheld('confidential', org.secretContent)).toBe(true);
  });
});
