import { describe, expect, it } from 'vitest';
import { lunarToSolar, solarToLunar } from '../../src/shared/domain/lunarCalendar.js';
import { VIETNAM_CALENDAR, addWorkingDays, holidayName, isWorkingDay, workingDaysBetween, type WorkingCalendar } from '../../src/shared/domain/workingDays.js';

const DAY = 86_400_000;
const iso = (epochDay: number): string => new Date(epochDay * DAY).toISOString().slice(0, 10);
const epoch = (isoDay: string): number => Date.parse(`${isoDay}T00:00:00Z`) / DAY;
const tet = (year: number, tz?: number): string => iso(lunarToSolar({ day: 1, month: 1, year, leap: false }, tz) as number);
/** Every day from..to inclusive. */
const days = (from: string, to: string): string[] => Array.from({ length: epoch(to) - epoch(from) + 1 }, (_, i) => iso(epoch(from) + i));

describe('the Vietnamese lunar calendar (UTC+7)', () => {
  it('places Tết where Vietnam celebrated it, including the years it differed from China (UTC+8)', () => {
    expect(tet(2024)).toBe('2024-02-10');
    expect(tet(2025)).toBe('2025-01-29');
    expect(tet(2026)).toBe('2026-02-17');
    // 1985: Vietnam's Tết Ất Sửu came a whole month before China's (the leap month differs).
    expect(tet(1985)).toBe('1985-01-21');
    expect(tet(1985, 8)).toBe('1985-02-20');
    // 2007: the new moon fell just before midnight in Vietnam, just after it in China.
    expect(tet(2007)).toBe('2007-02-17');
    expect(tet(2007, 8)).toBe('2007-02-18');
  });

  it('places Giỗ Tổ Hùng Vương (10/3 âm lịch)', () => {
    const hung = (year: number): string => iso(lunarToSolar({ day: 10, month: 3, year, leap: false }) as number);
    expect(hung(2024)).toBe('2024-04-18');
    expect(hung(2025)).toBe('2025-04-07');
    expect(hung(2026)).toBe('2026-04-26');
  });

  it('converts both ways, leap months included', () => {
    // 2025 had a leap sixth month (tháng 6 nhuận), beginning 25/07/2025.
    expect(solarToLunar(epoch('2025-07-25'))).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(iso(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true }) as number)).toBe('2025-07-25');
    expect(lunarToSolar({ day: 1, month: 6, year: 2026, leap: true })).toBeNull();
    for (let d = epoch('2023-01-01'); d <= epoch('2027-12-31'); d += 7) expect(lunarToSolar(solarToLunar(d))).toBe(d);
  });
});

describe('working days', () => {
  it('Tết 2025: off Saturday 25/01 to Sunday 02/02, named', () => {
    expect(isWorkingDay('2025-01-24')).toBe(true);
    for (const d of days('2025-01-25', '2025-02-02')) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2025-02-03')).toBe(true);
    expect(holidayName('2025-01-29')).toBe('Tết Nguyên đán');
    expect(holidayName('2025-01-29', 'en')).toBe('Lunar New Year (Tết)');
  });

  it('Tết 2026: off Saturday 14/02 to Sunday 22/02', () => {
    expect(isWorkingDay('2026-02-13')).toBe(true);
    for (const d of days('2026-02-14', '2026-02-22')) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2026-02-23')).toBe(true);
  });

  it('a deadline of 5 working days from Thursday 23/01/2025 lands after the Tết break', () => {
    // Friday 24/01 is the 1st; the break runs to 02/02; Monday 03/02 … Thursday 06/02 are the 2nd to 5th.
    expect(addWorkingDays('2025-01-23', 5)).toBe('2025-02-06');
    expect(workingDaysBetween('2025-01-23', '2025-02-06')).toBe(5);
    expect(addWorkingDays('2025-01-23', 0)).toBe('2025-01-23');
  });

  it('30/4–1/5/2025: Friday 02/05 swapped, Saturday 26/04 worked instead', () => {
    for (const d of days('2025-04-30', '2025-05-04')) expect(isWorkingDay(d), d).toBe(false);
    expect(holidayName('2025-04-30')).toBe('Ngày Chiến thắng 30/4');
    expect(holidayName('2025-05-01')).toBe('Ngày Quốc tế Lao động');
    expect(isWorkingDay('2025-04-26')).toBe(true);
    // So a deadline set on Friday 25/04 for 1 working day falls on that Saturday.
    expect(addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
    expect(addWorkingDays('2025-04-25', 2)).toBe('2025-04-28');
    expect(addWorkingDays('2025-04-29', 1)).toBe('2025-05-05');
  });

  it('30/4–1/5/2024: Monday 29/04 off, Saturday 04/05 worked', () => {
    expect(isWorkingDay('2024-04-29')).toBe(false);
    expect(isWorkingDay('2024-05-04')).toBe(true);
    expect(isWorkingDay('2024-05-11')).toBe(false); // an ordinary Saturday
    expect(workingDaysBetween('2024-04-26', '2024-05-06')).toBe(4); // Thursday 02, Friday 03, Saturday 04, Monday 06/05
  });

  it('02/9: with 01/9 in 2025, with 03/9 in 2024, and by rule in 2026', () => {
    expect(isWorkingDay('2025-09-01')).toBe(false);
    expect(isWorkingDay('2025-09-02')).toBe(false);
    expect(isWorkingDay('2025-09-03')).toBe(true);
    expect(holidayName('2025-09-02', 'en')).toBe('National Day');
    expect(isWorkingDay('2024-09-02')).toBe(false);
    expect(isWorkingDay('2024-09-03')).toBe(false);
    expect(isWorkingDay('2024-08-30')).toBe(true);
    expect(isWorkingDay('2026-09-01')).toBe(false);
    expect(isWorkingDay('2026-09-02')).toBe(false);
    expect(isWorkingDay('2026-09-03')).toBe(true);
  });

  it('Giỗ Tổ and Tết Dương lịch; a holiday on a Sunday gives the Monday in lieu (by rule)', () => {
    expect(isWorkingDay('2024-04-18')).toBe(false);
    expect(isWorkingDay('2025-04-07')).toBe(false);
    expect(holidayName('2025-04-07')).toBe('Giỗ Tổ Hùng Vương');
    expect(isWorkingDay('2026-04-27')).toBe(false);
    expect(isWorkingDay('2025-01-01')).toBe(false);
    expect(isWorkingDay('2026-01-02')).toBe(false);
    expect(isWorkingDay('2026-01-10')).toBe(true);
    // 2023, by rule: Giỗ Tổ on Saturday 29/4, 30/4 on Sunday, 1/5 Monday → Tuesday 2/5 and Wednesday 3/5 in lieu.
    for (const d of days('2023-04-29', '2023-05-03')) expect(isWorkingDay(d), d).toBe(false);
    expect(holidayName('2023-05-02')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(isWorkingDay('2023-05-04')).toBe(true);
    // 2028, by rule: 01/01 on Saturday → Monday 03/01 off.
    expect(isWorkingDay('2028-01-03')).toBe(false);
    expect(holidayName('2028-01-03', 'en')).toBe("New Year's Day (day off in lieu)");
  });

  it('an ordinary weekend is not a working day and has no holiday name', () => {
    expect(isWorkingDay('2025-03-08')).toBe(false);
    expect(isWorkingDay('2025-03-09')).toBe(false);
    expect(holidayName('2025-03-08')).toBeNull();
    expect(holidayName('2025-03-10')).toBeNull();
    expect(workingDaysBetween('2025-03-07', '2025-03-14')).toBe(5);
    expect(workingDaysBetween('2025-03-14', '2025-03-07')).toBe(-5);
  });

  it('an agency overrides the calendar with its own days off and working days', () => {
    const agency: WorkingCalendar = {
      ...VIETNAM_CALENDAR,
      extraOffDays: [{ day: '2025-11-24', name: { vi: 'Ngày Văn hóa Việt Nam', en: 'Vietnam Culture Day' } }],
      extraWorkingDays: ['2025-09-01'],
    };
    expect(isWorkingDay('2025-11-24', agency)).toBe(false);
    expect(holidayName('2025-11-24', 'vi', agency)).toBe('Ngày Văn hóa Việt Nam');
    expect(isWorkingDay('2025-09-01', agency)).toBe(true);
    expect(isWorkingDay('2025-11-24')).toBe(true);
    expect(addWorkingDays('2025-11-21', 1, agency)).toBe('2025-11-25');
  });

  it('refuses what is not a day or a count', () => {
    expect(() => isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => addWorkingDays('2025-01-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
  });
});
