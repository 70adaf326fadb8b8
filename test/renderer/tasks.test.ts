/**
 * The pure parts of the tasks and dashboard screens: the dashboard's periods and their
 * words, the on-time rate as shown, the task list's query and columns, the deadline a
 * "N ngày làm việc" choice previews (across Tết), the unit and person pickers.
 */
import { describe, expect, it } from 'vitest';
import { drillHref, kindsOf, monthLabel, periodLabel, periodRange, rateText, shiftPeriod } from '../../src/renderer/features/dashboard/period.js';
import {
  clampPercent,
  deadlineClass,
  deadlineText,
  deadlineTone,
  emptyQuery,
  fileSize,
  handlerName,
  isFiltered,
  listParams,
  offeredActions,
  previewDeadline,
  weekdayName,
} from '../../src/renderer/features/tasks/format.js';
import { TASK_TEXT_LIMITS } from '../../src/renderer/features/tasks/limits.js';
import { peopleUnder, unitTree } from '../../src/renderer/features/tasks/pickers.js';
import { TASK_TEXT } from '../../src/shared/tasks/model.js';
import type { Organisation } from '../../src/shared/model/organisation.js';
import { FIXTURE_ORG, U, UNITS } from '../helpers/fixtures.js';

const AGENCY = FIXTURE_ORG.agency.id;
const org: Pick<Organisation, 'units' | 'users'> = {
  units: FIXTURE_ORG.units.map((u) => ({ ...u, agencyId: AGENCY })),
  users: FIXTURE_ORG.users.map((u) => ({ ...u, agencyId: AGENCY, active: true })),
};

describe('dashboard periods', () => {
  it('a week runs Monday to Sunday, across a month and a year', () => {
    expect(periodRange('week', '2026-05-14')).toEqual({ from: '2026-05-11', to: '2026-05-17' }); // a Thursday
    expect(periodRange('week', '2026-05-11')).toEqual({ from: '2026-05-11', to: '2026-05-17' }); // the Monday itself
    expect(periodRange('week', '2026-05-17')).toEqual({ from: '2026-05-11', to: '2026-05-17' }); // the Sunday belongs to it
    expect(periodRange('week', '2026-01-01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
  });

  it('a month ends on its last day (leap Februaries included); a quarter and a year hold their months', () => {
    expect(periodRange('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('quarter', '2026-05-14')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodRange('quarter', '2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodRange('year', '2026-05-14')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('moves to the previous and next period without skipping short months', () => {
    expect(periodRange('month', shiftPeriod('month', '2026-01-31', 1))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('month', shiftPeriod('month', '2026-03-31', -1))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('quarter', shiftPeriod('quarter', '2026-01-15', -1))).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(periodRange('week', shiftPeriod('week', '2026-05-14', 1))).toEqual({ from: '2026-05-18', to: '2026-05-24' });
    expect(shiftPeriod('year', '2026-05-14', -2)).toBe('2024-01-01');
  });

  it('names each period in Vietnamese and English, dates as dd/MM/yyyy', () => {
    expect(periodLabel('month', periodRange('month', '2026-05-14'), 'vi')).toBe('Tháng 5/2026');
    expect(periodLabel('month', periodRange('month', '2026-05-14'), 'en')).toBe('May 2026');
    expect(periodLabel('quarter', periodRange('quarter', '2026-05-14'), 'vi')).toBe('Quý II/2026');
    expect(periodLabel('quarter', periodRange('quarter', '2026-05-14'), 'en')).toBe('Q2 2026');
    expect(periodLabel('week', periodRange('week', '2026-05-14'), 'vi')).toBe('Tuần 11/05 – 17/05/2026');
    expect(periodLabel('year', periodRange('year', '2026-05-14'), 'vi')).toBe('Năm 2026');
    expect(periodLabel('custom', { from: '2026-03-02', to: '2026-04-15' }, 'vi')).toBe('02/03/2026 – 15/04/2026');
    expect(monthLabel('2026-05', 'vi')).toBe('T5/2026');
    expect(monthLabel('2026-11', 'en')).toBe('Nov 2026');
  });

  it('shows the on-time rate with one decimal in the language’s way, and a dash when nothing is done', () => {
    expect(rateText(0.97345, 'vi')).toBe('97,3%');
    expect(rateText(0.97345, 'en')).toBe('97.3%');
    expect(rateText(1, 'vi')).toBe('100%');
    expect(rateText(0, 'en')).toBe('0%');
    expect(rateText(null, 'vi')).toBe('—');
  });

  it('counts the kinds chosen, and a drilled record opens its task or document', () => {
    expect(kindsOf('all')).toEqual(['tasks', 'incoming']);
    expect(kindsOf('incoming')).toEqual(['incoming']);
    const id = '0f000000-0000-4000-8000-00000000abcd';
    expect(drillHref({ kind: 'tasks', id })).toBe(`#/tasks/${id}`);
    expect(drillHref({ kind: 'incoming', id })).toBe(`#/incoming/${id}`);
  });
});

describe('task list', () => {
  it('sends the tab and filters to the core; a person narrows more than a unit', () => {
    const q = { ...emptyQuery('overdue'), unitId: UNITS.economy.id, from: '2026-05-01', to: '2026-05-31' };
    expect(isFiltered(emptyQuery('mine'))).toBe(false);
    expect(isFiltered(q)).toBe(true);
    expect(listParams(q, null, 100)).toEqual({ list: 'overdue', unitId: UNITS.economy.id, userId: null, from: '2026-05-01', to: '2026-05-31', status: null, after: null, limit: 100 });
    expect(listParams({ ...q, userId: U['cv.kinhte1'].id, status: 'in_progress' }, 'cursor', 500)).toMatchObject({ unitId: null, userId: U['cv.kinhte1'].id, status: 'in_progress', after: 'cursor', limit: 500 });
  });

  it('colours a deadline red when overdue, orange when due soon', () => {
    expect(deadlineTone({ overdue: true, dueSoon: false })).toBe('overdue');
    expect(deadlineTone({ overdue: false, dueSoon: true })).toBe('soon');
    expect(deadlineTone({ overdue: false, dueSoon: false })).toBeNull();
    expect(deadlineClass({ overdue: true, dueSoon: true })).toBe('deadline overdue');
    expect(deadlineClass({ overdue: false, dueSoon: true })).toBe('deadline due-soon');
    expect(deadlineClass({ overdue: false, dueSoon: false })).toBe('deadline');
  });

  it('names the handler: the person first, else the unit; nobody when unassigned', () => {
    expect(handlerName(org, { mainUnitId: UNITS.economy.id, mainUserId: U['cv.kinhte1'].id })).toBe(U['cv.kinhte1'].fullName);
    expect(handlerName(org, { mainUnitId: UNITS.economy.id, mainUserId: null })).toBe(UNITS.economy.name);
    expect(handlerName(org, { mainUnitId: null, mainUserId: null })).toBe('');
  });

  it('keeps progress inside the bar', () => {
    expect([clampPercent(-5), clampPercent(42.6), clampPercent(130), clampPercent(Number.NaN)]).toEqual([0, 43, 100, 0]);
  });

  it('offers the view’s actions in a stable order, never the automatic or per-assignment ones', () => {
    expect(offeredActions(['tasks.chase', 'tasks.markRead', 'tasks.update', 'tasks.revokeAssignment', 'tasks.accept'])).toEqual(['tasks.accept', 'tasks.chase', 'tasks.update']);
    expect(offeredActions(['tasks.markRead'])).toEqual([]);
  });

  it('says sizes as people read them', () => {
    expect(fileSize(512, 'vi')).toBe('512 B');
    expect(fileSize(1536, 'vi')).toBe('1,5 KB');
    expect(fileSize(5 * 1024 * 1024, 'en')).toBe('5 MB');
    expect(fileSize(12.4 * 1024 * 1024, 'en')).toBe('12 MB');
  });
});

describe('deadlines in working days', () => {
  it('previews the n-th working day after the start, skipping Tết 2026 (14–22/02)', () => {
    // Thursday 12/02/2026: Friday 13/02 is the first working day, then Tết, then Monday 23/02 and Tuesday 24/02.
    expect(previewDeadline('2026-02-12', { workingDays: 3 })).toBe('2026-02-24');
    expect(weekdayName('2026-02-24', 'vi')).toBe('Thứ Ba');
    expect(weekdayName('2026-02-24', 'en')).toBe('Tuesday');
    // Over a weekend: Friday + 1 working day is Monday.
    expect(previewDeadline('2026-05-15', { workingDays: 1 })).toBe('2026-05-18');
  });

  it('previews nothing for an incomplete choice, and a date as chosen', () => {
    expect(previewDeadline(null, { workingDays: 5 })).toBeNull();
    expect(previewDeadline('2026-05-15', { workingDays: null })).toBeNull();
    expect(previewDeadline('2026-05-15', { workingDays: 0 })).toBeNull();
    expect(previewDeadline('2026-05-15', { workingDays: 2.5 })).toBeNull();
    expect(previewDeadline('2026-05-15', { date: '2026-06-01' })).toBe('2026-06-01');
    expect(previewDeadline('2026-05-15', { date: '2026-02-30' })).toBeNull();
  });

  it('shows the rule beside the date', () => {
    expect(deadlineText('2026-02-24', { workingDays: 3 }, 'vi')).toBe('24/02/2026 (3 ngày làm việc)');
    expect(deadlineText('2026-02-24', { workingDays: 1 }, 'en')).toBe('24/02/2026 (1 working day)');
    expect(deadlineText('2026-02-24', null, 'vi')).toBe('24/02/2026');
  });
});

describe('task forms and pickers', () => {
  it('limit text as the task schemas do', () => {
    const { summary: _summary, ...fields } = TASK_TEXT;
    expect(TASK_TEXT_LIMITS).toEqual(fields);
  });

  it('offer units as a tree under the leadership unit, and the active people under a unit', () => {
    const tree = unitTree(org);
    expect(tree).toHaveLength(1);
    expect(tree[0]?.value).toBe(UNITS.leadership.id);
    expect(tree[0]?.children.map((c) => c.value)).toContain(UNITS.economy.id);
    const economy = peopleUnder(org, UNITS.economy.id).map((u) => u.id);
    expect(economy).toContain(U['cv.kinhte1'].id);
    expect(economy).not.toContain(U['cv.noichinh'].id);
    const inactive = { ...org, users: org.users.map((u) => (u.id === U['cv.kinhte1'].id ? { ...u, active: false } : u)) };
    expect(peopleUnder(inactive, UNITS.economy.id).map((u) => u.id)).not.toContain(U['cv.kinhte1'].id);
    expect(peopleUnder(org, null)).toHaveLength(org.users.length);
  });
});
