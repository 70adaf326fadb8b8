/**
 * Weeks of the schedule (src/shared/schedule/week.ts): Monday to Sunday, numbered as ISO 8601
 * and the paper schedule number them (across year ends: 2020 and 2026 have a week 53), the
 * printed title, the derived id of an agency's week record, day parts and time labels.
 */
import { describe, expect, it } from 'vitest';
import { DAY_PART_HOURS } from '../../src/shared/schedule/constants.js';
import {
  addDays,
  entryInterval,
  entryTimeLabel,
  isoWeek,
  isoWeekday,
  isWeekStart,
  partOfTime,
  revisionLabel,
  scheduleWeekId,
  weekDays,
  weekdayName,
  weekStartOf,
  weekTitle,
} from '../../src/shared/schedule/week.js';

const AGENCY_A = '0f000000-0000-4000-8000-000000000001';
const AGENCY_B = '3c2b7d1e-9a4f-4c1b-8e2d-5f6a7b8c9d0e';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

describe('weeks', () => {
  it('run Monday to Sunday', () => {
    expect(weekStartOf('2026-12-03')).toBe('2026-11-30'); // Thursday
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30');
    expect(weekStartOf('2026-12-06')).toBe('2026-11-30'); // Sunday belongs to the week before Monday 07/12
    expect(weekStartOf('2027-01-01')).toBe('2026-12-28');
    expect(weekDays('2026-12-28')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(isWeekStart('2026-11-30')).toBe(true);
    expect(isWeekStart('2026-12-01')).toBe(false);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('are numbered as ISO 8601, across year ends', () => {
    expect(isoWeek('2026-11-30')).toEqual({ year: 2026, week: 49 });
    // 2020 began on a Wednesday (leap year): it has a week 53, running into 2021.
    expect(isoWeek('2020-12-28')).toEqual({ year: 2020, week: 53 });
    expect(isoWeek('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeek('2021-01-04')).toEqual({ year: 2021, week: 1 });
    // 2026 began on a Thursday: week 53 too.
    expect(isoWeek('2026-12-28')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-03')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
    // 30/12/2024 is in week 1 of 2025; 29/12/2025 in week 1 of 2026.
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeek('2025-12-29')).toEqual({ year: 2026, week: 1 });
  });

  it('are titled as printed: the year once, both years when the week spans two', () => {
    expect(weekTitle('2026-11-30')).toBe('Tuần 49, từ 30/11 đến 06/12/2026');
    expect(weekTitle('2026-12-28')).toBe('Tuần 53, từ 28/12/2026 đến 03/01/2027');
    expect(weekTitle('2020-12-28')).toBe('Tuần 53, từ 28/12/2020 đến 03/01/2021');
    expect(weekTitle('2024-12-30')).toBe('Tuần 1, từ 30/12/2024 đến 05/01/2025');
    expect(weekTitle('2026-11-30', 'en')).toBe('Week 49, 30/11 to 06/12/2026');
  });

  it('name their days', () => {
    expect(weekDays('2026-11-30').map((d) => weekdayName(d))).toEqual(['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']);
    expect(weekdayName('2026-12-06', 'en')).toBe('Sunday');
  });
});

describe('the id of an agency week', () => {
  it('is a stable, valid UUID (version 8), the same wherever it is derived', () => {
    const id = scheduleWeekId(AGENCY_A, '2026-11-30');
    expect(id).toMatch(UUID);
    expect(scheduleWeekId(AGENCY_A, '2026-11-30')).toBe(id);
    expect(scheduleWeekId(AGENCY_A.toUpperCase(), '2026-11-30')).toBe(id);
    // Never a client's random (version 4) id, nor the agency's own.
    expect(id[14]).toBe('8');
    expect(id).not.toBe(AGENCY_A);
  });

  it('differs for every week and every agency', () => {
    const ids = new Set<string>();
    for (const agency of [AGENCY_A, AGENCY_B])
      for (let w = 0; w < 60; w++) {
        const id = scheduleWeekId(agency, addDays('2026-01-05', 7 * w));
        expect(id).toMatch(UUID);
        ids.add(id);
      }
    expect(ids.size).toBe(120);
    expect(scheduleWeekId(AGENCY_A, '2026-12-28')).not.toBe(scheduleWeekId(AGENCY_A, '2027-01-04'));
    expect(scheduleWeekId(AGENCY_A, '2026-11-30')).not.toBe(scheduleWeekId(AGENCY_B, '2026-11-30'));
  });

  it('covers the weeks from 2000 to 2179 and refuses others', () => {
    expect(scheduleWeekId(AGENCY_A, '2000-01-03')).toMatch(/^0000/u);
    expect(() => scheduleWeekId(AGENCY_A, '1999-12-27')).toThrow(RangeError);
    expect(() => scheduleWeekId(AGENCY_A, '2180-01-01')).toThrow(RangeError);
  });
});

describe('times of day', () => {
  it('put a clock time in its part: before noon morning, before 18:00 afternoon, else evening', () => {
    expect(partOfTime('00:00')).toBe('morning');
    expect(partOfTime('11:59')).toBe('morning');
    expect(partOfTime('12:00')).toBe('afternoon');
    expect(partOfTime('17:59')).toBe('afternoon');
    expect(partOfTime('18:00')).toBe('evening');
    expect(partOfTime('23:30')).toBe('evening');
  });

  it('give an entry its minutes: its clock times, an hour without an end, its part without a time', () => {
    expect(entryInterval({ part: 'morning', start: '08:00', end: '10:30' })).toEqual({ start: 480, end: 630 });
    expect(entryInterval({ part: 'afternoon', start: '14:00', end: null })).toEqual({ start: 840, end: 900 });
    expect(entryInterval({ part: 'morning', start: null, end: null })).toEqual({ start: 450, end: 690 });
    expect(DAY_PART_HOURS.evening).toEqual({ start: '18:00', end: '21:00' });
    expect(entryInterval({ part: 'evening', start: null, end: null })).toEqual({ start: 1080, end: 1260 });
  });

  it('label an entry\'s time and a revision as printed', () => {
    const part = (p: string): string => ({ morning: 'Sáng', afternoon: 'Chiều', evening: 'Tối' })[p]!;
    expect(entryTimeLabel({ part: 'morning', start: '08:00', end: '10:30' }, part)).toBe('08:00–10:30');
    expect(entryTimeLabel({ part: 'afternoon', start: '14:00', end: null }, part)).toBe('14:00');
    expect(entryTimeLabel({ part: 'evening', start: null, end: null }, part)).toBe('Tối');
    expect(revisionLabel(1)).toBe('Ban hành');
    expect(revisionLabel(2)).toBe('Điều chỉnh lần 1');
    expect(revisionLabel(10)).toBe('Điều chỉnh lần 9');
    expect(revisionLabel(3, 'en')).toBe('Revision 2');
  });
});
