/**
 * The government's decided holiday schedules (lịch nghỉ lễ, Tết) for public servants, as data.
 *
 * The Labour Code gives the holidays (workingDays.ts computes them by rule); each year the
 * Prime Minister, on the proposal of the Ministry of Labour (to 2025) or of Home Affairs
 * (from 2025), fixes the actual days off for state agencies: where Tết's five days fall,
 * which day goes with 02/9, and sometimes a swap (hoán đổi ngày làm việc) that closes a
 * one-day gap between a holiday and a weekend, paid back by working a Saturday (làm bù).
 * A schedule here replaces the rule for the holidays it names in that year.
 *
 * Sources and certainty — written from the official announcements as reported at the time
 * (the notices of the Ministry of Labour, Invalids and Social Affairs / Ministry of Home
 * Affairs approved by the Prime Minister), not re-checked against the Official Gazette here:
 *   - sure: Tết 2024 (08–14/02), 30/4–1/5/2024 with Monday 29/4 swapped for Saturday 04/5,
 *     02–03/9/2024; Tết 2025 (25/01–02/02), 30/4–04/5/2025 with Friday 02/5 swapped for
 *     Saturday 26/4, 01–02/9/2025; Tết 2026 (14–22/02).
 *   - less sure: Tết Dương lịch 2026 — 01–04/01 with Friday 02/01 swapped for Saturday 10/01.
 *   - not yet known when this was written: 02/9/2026 (the rule's choice applies: 01/9).
 * The holidays a schedule leaves out (e.g. 01/01/2025, Giỗ Tổ 2025) fall where the rule puts
 * them, and the rule agrees with what was announced for them. An agency corrects or extends
 * this through its WorkingCalendar (extraOffDays / extraWorkingDays) without a new release.
 */
import type { DecidedBreak } from './workingDays.js';

export const VIETNAM_DECIDED_BREAKS: readonly DecidedBreak[] = [
  // 2023: Tết Quý Mão (mùng 1 = Sunday 22/01): seven days, Friday 20/01 to Thursday 26/01.
  { year: 2023, holidays: ['tet'], from: '2023-01-20', to: '2023-01-26', workingDays: [], source: 'Tết Quý Mão 2023 schedule (Ministry of Labour notice, late 2022)' },

  // 2024
  { year: 2024, holidays: ['newYear'], from: '2024-01-01', to: '2024-01-01', workingDays: [], source: 'Tết Dương lịch 2024: Monday 01/01' },
  { year: 2024, holidays: ['tet'], from: '2024-02-08', to: '2024-02-14', workingDays: [], source: 'Tết Giáp Thìn 2024: Thursday 08/02 (29 Chạp) to Wednesday 14/02 (mùng 5)' },
  { year: 2024, holidays: ['hungKings'], from: '2024-04-18', to: '2024-04-18', workingDays: [], source: 'Giỗ Tổ 2024: Thursday 18/04' },
  {
    year: 2024,
    holidays: ['reunification', 'labour'],
    from: '2024-04-27',
    to: '2024-05-01',
    workingDays: ['2024-05-04'],
    source: '30/4–1/5/2024: Saturday 27/04 to Wednesday 01/05, Monday 29/04 swapped for Saturday 04/05',
  },
  { year: 2024, holidays: ['national'], from: '2024-09-02', to: '2024-09-03', workingDays: [], source: 'Quốc khánh 2024: Monday 02/09 and Tuesday 03/09' },

  // 2025
  { year: 2025, holidays: ['newYear'], from: '2025-01-01', to: '2025-01-01', workingDays: [], source: 'Tết Dương lịch 2025: Wednesday 01/01' },
  { year: 2025, holidays: ['tet'], from: '2025-01-25', to: '2025-02-02', workingDays: [], source: 'Tết Ất Tỵ 2025: nine days, Saturday 25/01 (26 Chạp) to Sunday 02/02 (mùng 5)' },
  { year: 2025, holidays: ['hungKings'], from: '2025-04-07', to: '2025-04-07', workingDays: [], source: 'Giỗ Tổ 2025: Monday 07/04' },
  {
    year: 2025,
    holidays: ['reunification', 'labour'],
    from: '2025-04-30',
    to: '2025-05-04',
    workingDays: ['2025-04-26'],
    source: '30/4–1/5/2025: Wednesday 30/04 to Sunday 04/05, Friday 02/05 swapped for Saturday 26/04',
  },
  { year: 2025, holidays: ['national'], from: '2025-09-01', to: '2025-09-02', workingDays: [], source: 'Quốc khánh 2025: Monday 01/09 and Tuesday 02/09' },

  // 2026
  {
    year: 2026,
    holidays: ['newYear'],
    from: '2026-01-01',
    to: '2026-01-04',
    workingDays: ['2026-01-10'],
    source: 'Tết Dương lịch 2026: Thursday 01/01 to Sunday 04/01, Friday 02/01 swapped for Saturday 10/01 (as reported; less sure)',
  },
  { year: 2026, holidays: ['tet'], from: '2026-02-14', to: '2026-02-22', workingDays: [], source: 'Tết Bính Ngọ 2026: nine days, Saturday 14/02 (27 Chạp) to Sunday 22/02 (mùng 6)' },
  { year: 2026, holidays: ['hungKings'], from: '2026-04-26', to: '2026-04-27', workingDays: [], source: 'Giỗ Tổ 2026: Sunday 26/04, day off in lieu Monday 27/04' },
  { year: 2026, holidays: ['reunification', 'labour'], from: '2026-04-30', to: '2026-05-01', workingDays: [], source: '30/4–1/5/2026: Thursday and Friday, no swap' },
];
