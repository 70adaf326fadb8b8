/**
 * An invitation received ("Giấy mời") read into a schedule request (src/main/core/schedule/
 * invitation.ts): invitations written the ways Vietnamese offices write them, with the day,
 * time and place in the subject or in the summary, the dates of cited documents that are not
 * the meeting's, and what is left for the user when the text says nothing.
 */
import { describe, expect, it } from 'vitest';
import { contentFromSubject, entryFromDocument } from '../../src/main/core/schedule/invitation.js';
import type { IncomingDocument } from '../../src/shared/incoming/model.js';
import { EntryInput } from '../../src/shared/schedule/mutations.js';
import { U } from '../helpers/fixtures.js';
import { AGENCY } from '../helpers/scheduleSamples.js';

const TODAY = '2026-12-01';
const DOC_ID = '0d100000-0000-4000-8000-000000000001';

function invitation(over: Partial<IncomingDocument>): IncomingDocument {
  return {
    id: DOC_ID,
    agencyId: AGENCY.id,
    issuer: 'Sở Kế hoạch và Đầu tư tỉnh Kon Tum',
    codeNumber: '125',
    codeNotation: 'GM-SKHĐT',
    issuedDate: '2026-11-28',
    documentType: 'Giấy mời',
    subject: 'Giấy mời họp',
    signerName: 'Nguyễn Văn Hưng',
    signerPosition: 'KT. Giám đốc, Phó Giám đốc',
    urgency: 'normal',
    confidentiality: 'normal',
    dueDate: null,
    pageCount: 1,
    description: '',
    sourceMail: null,
    arrivalYear: 2026,
    arrivalNumber: 1024,
    arrivalDate: '2026-11-29T01:00:00.000Z',
    status: 'registered',
    instruction: '',
    instructedBy: null,
    instructedAt: null,
    registeredBy: U.vanthu.id,
    completedAt: null,
    completedBy: null,
    completionNote: '',
    duplicateOf: [],
    contentWithheld: false,
    files: [],
    assignments: [],
    opinions: [],
    history: [],
    readAt: null,
    updatedAt: '2026-11-29T01:00:00.000Z',
    version: 1,
    ...over,
  };
}

const read = (over: Partial<IncomingDocument>, today = TODAY) => entryFromDocument(invitation(over), today);

describe('an invitation as a request', () => {
  it('reads "vào lúc 14 giờ 00 phút, ngày 05/12/2026" and "Địa điểm:" from the summary; the content from the subject', () => {
    const e = read({
      subject: 'Giấy mời họp về việc triển khai Kế hoạch chuyển đổi số năm 2027',
      description: 'Thời gian: vào lúc 14 giờ 00 phút, ngày 05/12/2026. Địa điểm: Phòng họp số 2, UBND tỉnh.',
    });
    expect(e).toEqual({
      link: { kind: 'incoming', id: DOC_ID },
      content: 'Họp về việc triển khai Kế hoạch chuyển đổi số năm 2027',
      date: '2026-12-05',
      start: '14:00',
      end: null,
      part: 'afternoon',
      place: 'Phòng họp số 2, UBND tỉnh',
      notes: 'Theo Giấy mời số 125/GM-SKHĐT ngày 28/11/2026 của Sở Kế hoạch và Đầu tư tỉnh Kon Tum.',
    });
    // What it gives is a valid request once the user has looked at it.
    expect(EntryInput.safeParse(e).success).toBe(true);
  });

  it('reads "8h30 ngày 5/12/2026 tại …" from the subject itself, and keeps them out of the content', () => {
    const e = read({ subject: 'Giấy mời dự Hội nghị tổng kết công tác năm 2026 vào lúc 8h30 ngày 5/12/2026 tại Hội trường Sở Nội vụ' });
    expect(e).toMatchObject({ content: 'Dự Hội nghị tổng kết công tác năm 2026', date: '2026-12-05', start: '08:30', part: 'morning', place: 'Hội trường Sở Nội vụ' });
  });

  it('reads "14:00, thứ Năm, ngày 03 tháng 12 năm 2026", not the date of the document it cites', () => {
    const e = read({
      subject: 'Mời họp bàn giải pháp tháo gỡ khó khăn giải ngân vốn đầu tư công',
      description:
        'Thực hiện Công văn số 4567/UBND-KT ngày 20/11/2026 của UBND tỉnh, Sở Kế hoạch và Đầu tư kính mời đại diện lãnh đạo dự họp vào 14:00, thứ Năm, ngày 03 tháng 12 năm 2026 tại Phòng họp tầng 3, Sở Kế hoạch và Đầu tư.',
    });
    expect(e).toMatchObject({ content: 'Họp bàn giải pháp tháo gỡ khó khăn giải ngân vốn đầu tư công', date: '2026-12-03', start: '14:00', place: 'Phòng họp tầng 3, Sở Kế hoạch và Đầu tư' });
  });

  it('reads a time range "từ 8h00 đến 11h30", the part of the day, a place given as a commune', () => {
    const e = read({
      documentType: 'Công văn',
      subject: 'V/v mời dự Lễ khánh thành công trình cầu treo Đăk Rơ Wa',
      description: 'Thời gian: từ 8h00 đến 11h30 sáng thứ Bảy, ngày 12/12/2026; Địa điểm: xã Đăk Rơ Wa, thành phố Kon Tum',
    });
    expect(e).toMatchObject({ content: 'Dự Lễ khánh thành công trình cầu treo Đăk Rơ Wa', date: '2026-12-12', start: '08:00', end: '11:30', part: 'morning', place: 'Xã Đăk Rơ Wa, thành phố Kon Tum' });
    expect(e.notes).toBe('Theo Công văn số 125/GM-SKHĐT ngày 28/11/2026 của Sở Kế hoạch và Đầu tư tỉnh Kon Tum.');
  });

  it('takes the part of the day when no clock time is given ("vào sáng thứ Sáu, ngày 04/12/2026")', () => {
    const e = read({ subject: 'Giấy mời tham dự buổi làm việc với Đoàn công tác của Bộ Tài chính', description: 'Vào sáng thứ Sáu, ngày 04/12/2026, tại trụ sở UBND tỉnh.' });
    expect(e).toMatchObject({ content: 'Tham dự buổi làm việc với Đoàn công tác của Bộ Tài chính', date: '2026-12-04', part: 'morning', place: 'Trụ sở UBND tỉnh' });
    expect(e.start).toBeUndefined();
  });

  it('reads "2 giờ chiều" as 14:00, a day without its year as the coming one, and no duration as a time', () => {
    const e = read({ subject: 'Giấy mời dự họp trực tuyến', description: 'Trong 12 giờ kể từ khi nhận giấy mời, các đơn vị gửi báo cáo. Họp lúc 2 giờ chiều ngày 07/12.' });
    expect(e).toMatchObject({ content: 'Dự họp trực tuyến', date: '2026-12-07', start: '14:00', part: 'afternoon' });
    // Near the year's end, "ngày 05/01" is next January.
    expect(read({ subject: 'Giấy mời họp', description: 'Họp lúc 8 giờ 30 ngày 05/01 tại Phòng họp số 1.' }, '2026-12-20')).toMatchObject({ date: '2027-01-05', start: '08:30', place: 'Phòng họp số 1' });
  });

  it('leaves out what the text does not say, and never takes "tại Công văn số …" for a place', () => {
    const e = read({ subject: 'Giấy mời họp giao ban công tác cải cách hành chính', description: 'Theo đề nghị tại Công văn số 89/SNV-CCHC của Sở Nội vụ.' });
    expect(e).toEqual({
      link: { kind: 'incoming', id: DOC_ID },
      content: 'Họp giao ban công tác cải cách hành chính',
      notes: 'Theo Giấy mời số 125/GM-SKHĐT ngày 28/11/2026 của Sở Kế hoạch và Đầu tư tỉnh Kon Tum.',
    });
  });

  it('makes a content of a bare "Giấy mời" from the document, and normalises decomposed text', () => {
    expect(read({ subject: 'Giấy mời' }).content).toBe('Dự họp theo Giấy mời số 125/GM-SKHĐT');
    const e = read({ subject: 'Giấy mời dự Hội nghị sơ kết'.normalize('NFD') });
    expect(e.content).toBe('Dự Hội nghị sơ kết');
  });

  it('strips the ways subjects begin', () => {
    expect(contentFromSubject('Giấy mời: Dự Đại hội đại biểu Hội Nông dân tỉnh', null)).toBe('Dự Đại hội đại biểu Hội Nông dân tỉnh');
    expect(contentFromSubject('GIẤY MỜI họp Hội đồng thi đua, khen thưởng', null)).toBe('Họp Hội đồng thi đua, khen thưởng');
    expect(contentFromSubject('Về việc mời tham dự Hội thảo khoa học', null)).toBe('Tham dự Hội thảo khoa học');
    expect(contentFromSubject('Kính mời dự Lễ trao giải Báo chí', null)).toBe('Dự Lễ trao giải Báo chí');
    expect(contentFromSubject('Họp Ban Thường vụ', null)).toBe('Họp Ban Thường vụ');
  });
});
