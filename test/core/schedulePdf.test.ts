/**
 * The printed weekly schedule (src/main/core/schedule/pdf.ts), read back as a reader would: the
 * text of each page extracted with pdf.js, the page size with pdf-lib. The heading (issuer,
 * national name, place and date), the title, the week and its revision; the table's Vietnamese
 * names and contents; what changed after the publication ("Hoãn", "Điều chỉnh", "Bổ sung");
 * days with nothing planned and holidays; long weeks over several pages with the header repeated.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { revisionLine, weekPdf } from '../../src/main/core/schedule/pdf.js';
import type { ScheduleEntry, ScheduleWeek } from '../../src/shared/schedule/model.js';
import { U, UNITS } from '../helpers/fixtures.js';
import { AGENCY, change, ORG, publishedWeek, ROOM_HALL, sampleEntry } from '../helpers/scheduleSamples.js';

const collapse = (s: string): string => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

/** The text of every page: items in drawing order, separated by spaces. */
async function extract(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(collapse(content.items.map((it) => ('str' in it ? it.str : '')).join(' ')));
  }
  await pdf.destroy();
  return pages;
}

const PRINTED = new Date('2026-12-02T09:00:00.000Z'); // 16:00 in Vietnam
const week49 = (): ScheduleWeek => publishedWeek('2026-11-30', ['2026-12-01T03:00:00.000Z', '2026-12-02T08:30:00.000Z']);

function render(entries: ScheduleEntry[], week: ScheduleWeek | null = week49(), weekStart = '2026-11-30', org = ORG): Promise<Uint8Array> {
  return weekPdf({ agency: AGENCY, org, weekStart, week, entries, printedAt: PRINTED });
}

describe('the printed week', () => {
  it('is A4 landscape, with the heading of an official document, the title, the week and its revision', async () => {
    const bytes = await render([sampleEntry()]);
    const doc = await PDFDocument.load(bytes);
    const { width, height } = doc.getPage(0).getSize();
    expect(Math.round(width)).toBe(842);
    expect(Math.round(height)).toBe(595);
    const [page] = await extract(bytes);
    // Issued by the office (Văn phòng, bold) under the agency.
    expect(page).toContain('ỦY BAN NHÂN DÂN TỈNH KON TUM');
    expect(page).toContain('VĂN PHÒNG UBND TỈNH');
    expect(page).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(page).toContain('Độc lập - Tự do - Hạnh phúc');
    // Dated the day it was published (27/11, 16:00 in Vietnam), not the day it was printed.
    expect(page).toContain('Kon Tum, ngày 27 tháng 11 năm 2026');
    expect(page).toContain('LỊCH CÔNG TÁC TUẦN');
    expect(page).toContain('(Tuần 49, từ 30/11 đến 06/12/2026)');
    // Revision 3 is the second change after publication, made at 15:30 on 02/12 (Vietnam time).
    expect(page).toContain('Điều chỉnh lần 2, cập nhật lúc 15:30 ngày 02/12/2026');
    for (const h of ['Thứ/ngày', 'Thời gian', 'Nội dung', 'Chủ trì', 'Thành phần', 'Địa điểm', 'Chuẩn bị']) expect(page).toContain(h);
    expect(page).toContain('In lúc 16:00 ngày 02/12/2026');
    expect(page).toContain('Trang 1/1');
  });

  it('labels a week just published, a draft and a week awaiting approval', () => {
    expect(revisionLine(publishedWeek())).toBe('Ban hành');
    expect(revisionLine(null)).toBe('DỰ THẢO');
    expect(revisionLine({ ...publishedWeek(), status: 'submitted', revision: 0, publishedAt: null, revisions: [] })).toBe('DỰ THẢO (đang trình duyệt)');
  });

  it('prints the names of the organisation: chair, participants, room, preparing unit, in Vietnamese, NFC', async () => {
    const nfd = (s: string): string => s.normalize('NFD');
    const entries = [
      sampleEntry({ content: nfd('Làm việc với Sở Tài chính về dự toán ngân sách năm 2027'), guests: nfd('Đại diện Kho bạc Nhà nước tỉnh') }),
      sampleEntry({ date: '2026-12-01', part: 'afternoon', start: '14:00', end: null, content: 'Tiếp công dân định kỳ', roomId: ROOM_HALL, place: 'Tầng 3', participantUserIds: [], participantUnitIds: [UNITS.economy.id], preparingUnitId: UNITS.internal.id }),
    ];
    const [page] = await extract(await render(entries));
    expect(page).toContain('Làm việc với Sở Tài chính về dự toán ngân sách năm 2027');
    expect(page).toContain(U.chutich.fullName); // Trần Văn Đức
    expect(page).toContain('Chủ tịch');
    expect(page).toContain(`${U['tp.kinhte'].fullName}; Phòng Nội chính; Đại diện Kho bạc Nhà nước tỉnh`);
    expect(page).toContain('Phòng họp số 1');
    expect(page).toContain('Hội trường tầng 3, Tầng 3');
    expect(page).toContain('Phòng Nội chính');
    expect(page).toContain('Văn phòng UBND tỉnh');
    expect(page).toContain('Thứ Hai 30/11');
    expect(page).toContain('Thứ Ba 01/12');
    expect(page).toContain('08:00–10:30');
    expect(page).toContain('Chiều 14:00');
    expect(page).not.toMatch(/[\u0300-\u036f]/u); // no loose combining marks
  });

  it('marks what changed after the publication: cancelled (struck, with the reason), changed, added', async () => {
    const cancelled = sampleEntry({
      date: '2026-12-02',
      content: 'Kiểm tra tại huyện Đắk Hà',
      status: 'cancelled',
      reason: 'Lãnh đạo bận công tác đột xuất',
      changes: [change(2, 'cancelled')],
    });
    const moved = sampleEntry({ date: '2026-12-03', content: 'Dự chương trình nghệ thuật chào mừng Đại hội', changes: [change(3, 'changed', ['time', 'location'])] });
    const added = sampleEntry({ date: '2026-12-04', content: 'Họp Ban Chỉ đạo phòng chống thiên tai', changes: [change(3, 'added')] });
    const bytes = await render([cancelled, moved, added]);
    const [page] = await extract(bytes);
    expect(page).toContain('Kiểm tra tại huyện Đắk Hà');
    expect(page).toContain('(Hoãn: Lãnh đạo bận công tác đột xuất)');
    expect(page).toContain('(Điều chỉnh: thời gian, địa điểm)');
    expect(page).toContain('(Bổ sung)');
    // The cancelled line is struck through: a stroke across its text, nowhere else in the table's content column.
    const strokes = await strokeCount(bytes);
    const unstruck = await strokeCount(await render([{ ...cancelled, status: 'scheduled', changes: [] }, moved, added]));
    expect(strokes).toBe(unstruck + 1);
  });

  it('prints scheduled lines only: no requests, no rejections, nothing cancelled before the publication', async () => {
    const entries = [
      sampleEntry({ content: 'Nội dung đã xếp lịch' }),
      sampleEntry({ content: 'Nội dung đang chờ xếp', status: 'requested' }),
      sampleEntry({ content: 'Nội dung bị từ chối', status: 'rejected', reason: 'Trùng lịch' }),
      sampleEntry({ content: 'Nội dung huỷ khi còn dự thảo', status: 'cancelled', reason: 'Không cần thiết' }),
      sampleEntry({ content: 'Nội dung của tuần khác', date: '2026-12-07' }),
    ];
    const [page] = await extract(await render(entries));
    expect(page).toContain('Nội dung đã xếp lịch');
    for (const hidden of ['đang chờ xếp', 'bị từ chối', 'huỷ khi còn dự thảo', 'của tuần khác']) expect(page).not.toContain(hidden);
  });

  it('gives every working day its block: a dash when nothing is planned, the holiday named; a weekend day only when planned', async () => {
    // The week of 02/09/2026 (Quốc khánh, with 01/09 off next to it).
    const entries = [sampleEntry({ date: '2026-08-31', content: 'Họp chuẩn bị Lễ kỷ niệm Quốc khánh' })];
    const page = (await extract(await render(entries, publishedWeek('2026-08-31'), '2026-08-31')))[0]!;
    expect(page).toContain('(Tuần 36, từ 31/08 đến 06/09/2026)');
    expect(page).toContain('(Quốc khánh)');
    for (const d of ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu']) expect(page).toContain(d);
    for (const d of ['Thứ Bảy', 'Chủ nhật']) expect(page).not.toContain(d);
    // Four working days without entries: four dashes.
    expect(page.match(/(?:^| )–(?= |$)/gu)?.length).toBe(4);
    // A Saturday with a meeting (a day worked in exchange, or a visit) is printed.
    const saturday = [...entries, sampleEntry({ date: '2026-09-05', content: 'Kiểm tra công tác chuẩn bị năm học mới' })];
    const withSaturday = (await extract(await render(saturday, publishedWeek('2026-08-31'), '2026-08-31')))[0]!;
    expect(withSaturday).toContain('Thứ Bảy');
    expect(withSaturday).not.toContain('Chủ nhật');
  });

  it('prints a draft as such, dated the day it is printed, and issued by the agency when there is no office', async () => {
    const [page] = await extract(await render([sampleEntry()], null, '2026-11-30', { ...ORG, schedule: { officeUnitId: null, rooms: ORG.schedule!.rooms } }));
    expect(page).toContain('DỰ THẢO');
    expect(page).toContain('Kon Tum, ngày 02 tháng 12 năm 2026');
    expect(page).toContain('ỦY BAN NHÂN DÂN TỈNH KON TUM');
    expect(page).not.toContain('VĂN PHÒNG');
  });

  it('runs over several pages as the week fills, the table header repeated on each, a long entry split across pages', async () => {
    const one = await extract(await render([sampleEntry()]));
    expect(one).toHaveLength(1);
    const busy: ScheduleEntry[] = [];
    for (let i = 0; i < 40; i++) {
      const day = `2026-12-0${1 + (i % 5)}`;
      const hour = 7 + (i % 11);
      busy.push(sampleEntry({ date: day, part: hour < 12 ? 'morning' : 'afternoon', start: `${String(hour).padStart(2, '0')}:00`, end: null, content: `Nội dung công tác số ${i + 1}: họp bàn kế hoạch phát triển kinh tế – xã hội năm 2027` }));
    }
    busy.push(sampleEntry({ date: '2026-12-05', start: '20:00', end: null, part: 'evening', content: 'Đoạn rất dài '.repeat(300).trim() }));
    const pages = await extract(await render(busy));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((p, i) => {
      expect(p).toContain('Thứ/ngày');
      expect(p).toContain('Nội dung');
      expect(p).toContain(`Trang ${i + 1}/${pages.length}`);
    });
    for (let i = 1; i <= 40; i++) expect(pages.join(' ')).toContain(`Nội dung công tác số ${i}:`);
    // A day that continues on the next page says so.
    expect(pages.slice(1).join(' ')).toContain('(tiếp)');
    // The long entry's words are all printed, over more than one page.
    const words = pages.join(' ').match(/Đoạn/gu)?.length ?? 0;
    expect(words).toBe(300);
    expect(pages.filter((p) => p.includes('Đoạn rất dài')).length).toBeGreaterThan(1);
  });

  it('is deterministic: the same week gives the same bytes', async () => {
    const entries = [sampleEntry({ id: '0e300000-0000-4000-8000-000000000001' })];
    expect(Buffer.from(await render(entries)).equals(Buffer.from(await render(entries)))).toBe(true);
  });
});

/** The number of stroked lines in the first page's content (the table's rules, the underlines, the strike-throughs). */
async function strokeCount(bytes: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(bytes);
  const { inflateSync } = await import('node:zlib');
  const contents = doc.getPage(0).node.Contents();
  const stream = contents && 'getContents' in contents ? (contents as unknown as { getContents(): Uint8Array }).getContents() : new Uint8Array();
  const text = inflateSync(stream).toString('latin1');
  return text.match(/ l S/gu)?.length ?? 0;
}
