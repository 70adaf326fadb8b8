import { CarryOutOutlined, FileTextOutlined, LinkOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { weekdayName, type EntryField, type EntryItem, type WeekDeadline } from '../../../shared/schedule/index.js';
import { holidayName } from '../../../shared/domain/workingDays.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { useApp } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { unitName } from '../../app/util.js';
import { chairOf, conflictedIds, groupWeek, locationText, participantsText, partLabel, type ConflictLike, type ConflictRef, type WeekDayInfo } from './format.js';
import { ChangeChip, Chip, ConflictChip, PendingChip, RoleChip, StatusChip } from './RowChips.js';
import { useConflictLines } from './useConflictLines.js';

interface Props {
  days: readonly WeekDayInfo[];
  entries: readonly EntryItem[];
  /** "Lịch của tôi": my task and document deadlines, on their days. */
  deadlines?: readonly WeekDeadline[];
  /** Conflicts to mark on the entries they involve (the office's views). */
  conflicts?: readonly ConflictLike[];
  /** Set my entries apart (not in my own or a leader's week, where they all are). */
  markMine?: boolean;
  testId?: string;
}

const COLUMNS = ['time', 'content', 'chair', 'participants', 'location', 'preparing'] as const;
type Column = (typeof COLUMNS)[number];
/** The fields a revision names, by the column that shows them. */
const FIELD_COLUMN: Partial<Record<EntryField, Column>> = { time: 'time', content: 'content', chair: 'chair', participants: 'participants', location: 'location', preparing: 'preparing' };

/**
 * The week as the paper schedule prints it: one block of rows per day (Thứ Hai 30/11 …), the
 * parts of the day (Sáng, Chiều, Tối) beside their entries, then Thời gian · Nội dung · Chủ trì ·
 * Thành phần · Địa điểm · Chuẩn bị. Today stands out; a holiday says so; an important entry is
 * bold, a cancelled one struck through with its reason, a changed one marked "Điều chỉnh" with the
 * changed cells tinted. Each entry's content is a link to it (Tab, Enter), the row is clickable.
 */
export function WeekTable({ days, entries, deadlines = [], conflicts = [], markMine = true, testId = 'sched-table' }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const groups = useMemo(() => groupWeek(days, entries, deadlines), [days, entries, deadlines]);
  const byEntry = useMemo(() => conflictedIds(conflicts), [conflicts]);
  const refs = useMemo(() => new Map<string, ConflictRef>(entries.map((e) => [e.id, e])), [entries]);
  const conflictLines = useConflictLines();

  const open = (e: React.MouseEvent, id: string): void => {
    // The content's own link (or a tag's tooltip) handles its click.
    if ((e.target as HTMLElement).closest('a, button, .sched-chip[tabindex]')) return;
    navigate({ name: 'scheduleEntry', id });
  };

  const entryRow = (e: EntryItem, first: { day: React.ReactNode; part: React.ReactNode } | null): React.JSX.Element => {
    const changed = new Set<Column>(e.lastChange?.change === 'changed' ? e.lastChange.fields.flatMap((f) => (FIELD_COLUMN[f] ? [FIELD_COLUMN[f]] : [])) : []);
    const cell = (c: Column): string => `sched-col-${c}${changed.has(c) ? ' is-changed' : ''}`;
    const chair = chairOf(org, e.chairId);
    const lines = conflictLines(byEntry.get(e.id) ?? [], refs, { selfId: e.id }).map((l) => l.text);
    const cancelled = e.status === 'cancelled';
    const cls = ['sched-row', cancelled ? 'is-cancelled' : '', e.highlight ? 'is-highlight' : '', markMine && e.myRole ? 'is-mine' : '', e.status === 'requested' ? 'is-requested' : ''].filter(Boolean).join(' ');
    return (
      <tr key={e.id} className={cls} onClick={(ev) => open(ev, e.id)} data-testid="sched-entry" data-id={e.id} data-status={e.status} data-date={e.date} data-part={e.part}>
        {first?.day}
        {first?.part}
        <td className={cell('time')}>{e.start === null ? <span className="sched-no-time">{t('schedule.noTime')}</span> : e.end ? `${e.start}–${e.end}` : e.start}</td>
        <td className={cell('content')}>
          <a href={`#/schedule/entry/${e.id}`} className="sched-content" data-testid="sched-entry-link">
            {e.content}
          </a>
          <span className="sched-tags">
            {e.status === 'requested' && <StatusChip status="requested" />}
            {cancelled && <StatusChip status="cancelled" />}
            {e.lastChange && <ChangeChip mark={e.lastChange} />}
            <RoleChip role={e.myRole} />
            {e.pending && <PendingChip />}
            <ConflictChip lines={lines} />
            {e.fileCount > 0 && (
              <span className="sched-icon-note" title={t('schedule.files', { n: e.fileCount })}>
                <PaperClipOutlined /> {e.fileCount}
              </span>
            )}
            {e.link && (
              <span className="sched-icon-note" title={t('schedule.linked')}>
                <LinkOutlined />
              </span>
            )}
          </span>
          {cancelled && e.reason && <div className="sched-reason">{t('schedule.cancelledReason', { reason: e.reason })}</div>}
          {e.notes && <div className="sched-notes">{e.notes}</div>}
        </td>
        <td className={cell('chair')}>
          {chair ? (
            <>
              <div className="sched-chair-name">{chair.name}</div>
              {chair.position && <div className="sched-chair-position">{chair.position}</div>}
            </>
          ) : null}
        </td>
        <td className={cell('participants')}>{participantsText(e, org)}</td>
        <td className={cell('location')}>{locationText(e, org)}</td>
        <td className={cell('preparing')}>{unitName(org, e.preparingUnitId)}</td>
      </tr>
    );
  };

  const deadlineRow = (d: WeekDeadline, first: { day: React.ReactNode } | null): React.JSX.Element => {
    const href = d.kind === 'tasks' ? `#/tasks/${d.id}` : `#/incoming/${d.id}`;
    return (
      <tr key={`${d.kind}-${d.id}`} className={`sched-row sched-deadline${d.overdue ? ' is-overdue' : ''}`} data-testid="sched-deadline" data-kind={d.kind}>
        {first?.day}
        <td colSpan={2} className="sched-deadline-label">
          {t('schedule.deadline')}
        </td>
        <td colSpan={5}>
          <a href={href} className="sched-deadline-link" data-testid="sched-deadline-link">
            {d.kind === 'tasks' ? <CarryOutOutlined /> : <FileTextOutlined />} {d.title}
          </a>
          <span className="sched-tags">
            <Chip tone="quiet">{d.kind === 'tasks' ? t('schedule.deadlineTask') : t('schedule.deadlineDocument')}</Chip>
            {d.overdue && <Chip tone="red">{t('schedule.overdue')}</Chip>}
          </span>
        </td>
      </tr>
    );
  };

  return (
    <div className="sched-table-wrap">
      <table className="sched-table" data-testid={testId}>
        <colgroup>
          <col className="sched-w-day" />
          <col className="sched-w-part" />
          <col className="sched-w-time" />
          <col />
          <col className="sched-w-chair" />
          <col className="sched-w-participants" />
          <col className="sched-w-location" />
          <col className="sched-w-preparing" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('schedule.columns.day')}</th>
            <th scope="col">{t('schedule.columns.part')}</th>
            <th scope="col">{t('schedule.columns.time')}</th>
            <th scope="col">{t('schedule.columns.content')}</th>
            <th scope="col">{t('schedule.columns.chair')}</th>
            <th scope="col">{t('schedule.columns.participants')}</th>
            <th scope="col">{t('schedule.columns.location')}</th>
            <th scope="col">{t('schedule.columns.preparing')}</th>
          </tr>
        </thead>
        {groups.map((g) => {
          const count = g.parts.reduce((n, p) => n + p.entries.length, 0) + g.deadlines.length;
          const dayCell = (
            <th scope="rowgroup" rowSpan={Math.max(count, 1)} className="sched-day">
              <div className="sched-day-name">{weekdayName(g.date, lang)}</div>
              <div className="sched-day-date">{formatDateVi(g.date)}</div>
              {g.today && (
                <Chip tone="blue" className="sched-today-tag">
                  {t('schedule.today')}
                </Chip>
              )}
              {g.holiday && (
                <Chip tone="red" className="sched-holiday-tag" testId="sched-holiday">
                  {holidayName(g.date, lang) ?? g.holiday}
                </Chip>
              )}
            </th>
          );
          const rows: React.JSX.Element[] = [];
          let firstDay = true;
          for (const p of g.parts)
            p.entries.forEach((e, i) => {
              const part =
                i === 0 ? (
                  <th scope="rowgroup" rowSpan={p.entries.length} className={`sched-part sched-part-${p.part}`}>
                    {partLabel(p.part, lang)}
                  </th>
                ) : null;
              rows.push(entryRow(e, { day: firstDay ? dayCell : null, part }));
              firstDay = false;
            });
          for (const d of g.deadlines) {
            rows.push(deadlineRow(d, firstDay ? { day: dayCell } : null));
            firstDay = false;
          }
          if (rows.length === 0)
            rows.push(
              <tr key="empty" className="sched-row sched-empty-day">
                {dayCell}
                <td colSpan={7}>{g.holiday ? t('schedule.holidayRest', { name: holidayName(g.date, lang) ?? g.holiday }) : t('schedule.noEntriesDay')}</td>
              </tr>,
            );
          return (
            <tbody key={g.date} className={`sched-day-group${g.today ? ' is-today' : ''}${g.holiday ? ' is-holiday' : ''}`} data-testid="sched-day" data-date={g.date} data-today={g.today ? 'true' : undefined}>
              {rows}
            </tbody>
          );
        })}
      </table>
      {groups.length === 0 && <Typography.Text type="secondary">{t('schedule.noEntriesDay')}</Typography.Text>}
    </div>
  );
}

