import { LinkOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Checkbox, DatePicker, Form, Input, Modal, Radio, Segmented, Select, Spin, TimePicker, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcResult } from '../../../shared/rpc/contract.js';
import {
  addDays,
  DAY_PARTS,
  SCHEDULE_LIMITS,
  SCHEDULE_TEXT,
  weekStartOf,
  type ConflictResult,
  type DayPart,
  type EntryInput,
  type EntryLink,
  type EntryPatch,
  type ScheduleEntry,
} from '../../../shared/schedule/index.js';
import { vnToday } from '../../../shared/text/vietnamese.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { newId } from '../../app/util.js';
import { AttachmentFilesInput, type Attachment } from '../../components/AttachmentFiles.js';
import { filterOption, filterTreeNode } from '../../components/pickerFilter.js';
import { useDebounced } from '../../components/useDebounced.js';
import { allValues, blockEnterSubmit, orgTree } from '../incoming/index.js';
import { leaderGroups, partLabel, unitTree, type ConflictRef } from './format.js';
import { useConflictLines } from './useConflictLines.js';
import { useScheduleMutate } from './useSchedule.js';
import './schedule.css';

/** A prefilled request: from an invitation received (schedule.fromDocument), an .ics event, a day picked. */
export type EntryPrefill = Partial<Omit<EntryInput, 'link'>> & { link?: EntryLink | null };

export type EntryFormMode =
  | { kind: 'request' | 'add'; date?: string; prefill?: EntryPrefill; linkTitle?: string; published?: boolean }
  | { kind: 'edit'; entry: ScheduleEntry; published: boolean; linkTitle?: string };

/** What schedule.fromDocument answers, as the form's prefill. */
export type FromDocument = RpcResult<'schedule.fromDocument'>;

interface Values {
  date: Dayjs | null;
  timeMode: 'part' | 'clock';
  part: DayPart;
  start: Dayjs | null;
  end: Dayjs | null;
  content: string;
  chairId?: string | null;
  participants: string[];
  guests: string;
  roomId?: string | null;
  place: string;
  preparingUnitId?: string | null;
  notes: string;
  highlight: boolean;
  files: Attachment[];
  reason: string;
}

const iso = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
const hhmm = (d: Dayjs | null | undefined): string | null => (d ? d.format('HH:mm') : null);
const clock = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s, 'HH:mm') : null);
const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && new Set([...a, ...b]).size === a.length;

function splitParticipants(values: readonly string[]): { users: string[]; units: string[] } {
  return {
    users: values.filter((v) => v.startsWith('user:')).map((v) => v.slice(5)),
    units: values.filter((v) => v.startsWith('unit:')).map((v) => v.slice(5)),
  };
}

/**
 * "Đăng ký lịch" (anyone, for their unit), "Thêm lịch" (the office, straight into the week) and
 * "Sửa lịch": the day (an edit stays in the entry's week), a part of the day or clock times, the
 * content, the chair (a leader), participants (people, units, guests), a meeting room and/or a
 * place, the preparing unit, notes, bold, files; the reason when a published week changes. As
 * the user fills it in, the core checks the proposal against the week (schedule.conflicts) and
 * the warnings show under the form: warnings only, the office decides.
 */
export function EntryFormDialog({ mode, onClose, onDone }: { mode: EntryFormMode; onClose(): void; onDone?: (entryId: string, date: string) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const rpc = useRpc();
  const mutate = useScheduleMutate();
  const conflictLines = useConflictLines();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const editing = mode.kind === 'edit' ? mode.entry : null;
  const prefill = mode.kind === 'edit' ? null : (mode.prefill ?? null);
  const link: EntryLink | null = editing ? editing.link : (prefill?.link ?? null);
  // A published week's change is a revision everyone sees: say so, and ask why.
  const revises = mode.kind === 'edit' ? mode.published && editing?.status === 'scheduled' : mode.kind === 'add' && mode.published === true;

  const initial = useMemo<Partial<Values>>(() => {
    const src = editing ?? prefill ?? {};
    const start = src.start ?? null;
    const date = editing?.date ?? prefill?.date ?? (mode.kind !== 'edit' ? mode.date : undefined) ?? null;
    // A request is for a coming day: a date already past is left for the user to choose.
    const usable = date && (editing || date >= vnToday()) ? date : null;
    return {
      date: usable ? dayjs(usable) : null,
      timeMode: start ? 'clock' : 'part',
      part: src.part ?? 'morning',
      start: clock(start),
      end: clock(src.end ?? null),
      content: src.content ?? '',
      chairId: src.chairId ?? null,
      participants: [...(src.participantUserIds ?? []).map((id) => `user:${id}`), ...(src.participantUnitIds ?? []).map((id) => `unit:${id}`)],
      guests: src.guests ?? '',
      roomId: src.roomId ?? null,
      place: src.place ?? '',
      preparingUnitId: src.preparingUnitId ?? null,
      notes: src.notes ?? '',
      highlight: src.highlight ?? false,
      files: editing ? editing.files.map((f) => ({ ...f })) : [],
      reason: '',
    };
    // The form starts from the mode it was opened with.
  }, [editing, prefill, mode]);

  const leaders = useMemo(() => leaderGroups(org), [org]);
  const leaderOptions = [
    { label: t('schedule.leader.agency'), options: leaders.agency.map((u) => ({ value: u.id, label: u.position ? `${u.fullName} — ${u.position}` : u.fullName })) },
    ...(leaders.units.length > 0
      ? [{ label: t('schedule.leader.units'), options: leaders.units.map((u) => ({ value: u.id, label: `${u.fullName} — ${u.position || ''} ${org?.units.find((x) => x.id === u.unitId)?.name ?? ''}`.replace(/\s+/gu, ' ').trim() })) }]
      : []),
  ];
  const people = useMemo(() => (org ? orgTree(org, { units: true, disabled: new Set() }) : []), [org]);
  const expanded = useMemo(() => allValues(people).filter((v) => v.startsWith('unit:')), [people]);
  const units = useMemo(() => (org ? unitTree(org.units) : []), [org]);
  const rooms = org?.schedule?.rooms ?? [];

  // ── live conflict check ────────────────────────────────────────────────────────────────
  const w = {
    date: Form.useWatch('date', form),
    timeMode: Form.useWatch('timeMode', form),
    part: Form.useWatch('part', form),
    start: Form.useWatch('start', form),
    end: Form.useWatch('end', form),
    chairId: Form.useWatch('chairId', form),
    participants: Form.useWatch('participants', form),
    roomId: Form.useWatch('roomId', form),
  };
  const timeMode = w.timeMode ?? initial.timeMode ?? 'part';
  const proposal = useMemo(() => {
    const date = iso(w.date);
    if (!date) return null;
    const clockMode = timeMode === 'clock';
    const start = clockMode ? hhmm(w.start) : null;
    const end = clockMode ? hhmm(w.end) : null;
    if (clockMode && !start) return null;
    return {
      entryId: editing?.id ?? null,
      date,
      part: clockMode ? null : (w.part ?? 'morning'),
      start,
      end: start && end && end > start ? end : null,
      chairId: w.chairId ?? null,
      participantUserIds: splitParticipants(w.participants ?? []).users,
      roomId: w.roomId ?? null,
    };
  }, [w.date, timeMode, w.part, w.start, w.end, w.chairId, w.participants, w.roomId, editing?.id]);
  const settled = useDebounced(JSON.stringify(proposal), 400, () => false);
  const [check, setCheck] = useState<{ key: string; result: ConflictResult } | null>(null);
  useEffect(() => {
    const p = JSON.parse(settled) as typeof proposal;
    if (!p) return;
    let alive = true;
    rpc.call('schedule.conflicts', p).then(
      (result) => alive && setCheck({ key: settled, result }),
      () => alive && setCheck(null),
    );
    return () => {
      alive = false;
    };
  }, [settled, rpc]);
  const current = check && proposal && check.key === JSON.stringify(proposal) ? check.result : null;
  const refs = useMemo(() => new Map<string, ConflictRef>((current?.entries ?? []).map((e) => [e.id, e])), [current]);
  const warnings = conflictLines(current?.conflicts ?? [], refs, { selfId: editing?.id ?? null });
  const checking = proposal !== null && current === null;

  // ── dates ──────────────────────────────────────────────────────────────────────────────
  const today = vnToday();
  const disabledDate = (d: Dayjs): boolean => {
    const day = d.format('YYYY-MM-DD');
    // An entry never leaves its week (decisions §28): an edit picks a day of the same week.
    if (editing) return day < editing.weekStart || day > addDays(editing.weekStart, 6);
    return day < today;
  };

  // ── submit ─────────────────────────────────────────────────────────────────────────────
  const submit = async (v: Values): Promise<void> => {
    setFormError(null);
    const date = iso(v.date);
    if (!date) return setFormError(t('schedule.form.dateRequired'));
    const clockMode = v.timeMode === 'clock';
    const start = clockMode ? hhmm(v.start) : null;
    const end = clockMode ? hhmm(v.end) : null;
    if (clockMode && !start) return setFormError(t('schedule.form.startRequired'));
    if (start && end && end <= start) return setFormError(t('schedule.form.endBeforeStart'));
    if (editing && weekStartOf(date) !== editing.weekStart) return setFormError(t('schedule.form.dateInWeek'));
    const { users, units: unitIds } = splitParticipants(v.participants ?? []);
    const input = {
      date,
      part: clockMode ? null : v.part,
      start,
      end,
      content: v.content.trim().normalize('NFC'),
      chairId: v.chairId ?? null,
      participantUserIds: users,
      participantUnitIds: unitIds,
      guests: (v.guests ?? '').trim().normalize('NFC'),
      roomId: v.roomId ?? null,
      place: (v.place ?? '').trim().normalize('NFC'),
      preparingUnitId: v.preparingUnitId ?? null,
      notes: (v.notes ?? '').trim().normalize('NFC'),
      highlight: v.highlight ?? false,
      files: v.files ?? [],
      link,
    };
    const reason = (v.reason ?? '').trim().normalize('NFC');

    if (!editing) {
      const entryId = newId();
      setBusy(true);
      const ok = await mutate(mode.kind === 'add' ? { name: 'schedule.add', args: { entryId, ...input, reason } } : { name: 'schedule.request', args: { entryId, ...input } });
      setBusy(false);
      if (!ok) return;
      onClose();
      onDone?.(entryId, date);
      return;
    }

    // An edit sends only what changed (the rules refuse an update that changes nothing).
    const e = editing;
    const patch: EntryPatch = {};
    if (date !== e.date) patch.date = date;
    if (clockMode) {
      if (start !== e.start || end !== e.end) Object.assign(patch, { start, end });
    } else if (e.start !== null || v.part !== e.part) Object.assign(patch, { part: v.part, start: null, end: null });
    if (input.content !== e.content) patch.content = input.content;
    if (input.chairId !== e.chairId) patch.chairId = input.chairId;
    if (!sameSet(users, e.participantUserIds)) patch.participantUserIds = users;
    if (!sameSet(unitIds, e.participantUnitIds)) patch.participantUnitIds = unitIds;
    if (input.guests !== e.guests) patch.guests = input.guests;
    if (input.roomId !== e.roomId) patch.roomId = input.roomId;
    if (input.place !== e.place) patch.place = input.place;
    if (input.preparingUnitId !== e.preparingUnitId) patch.preparingUnitId = input.preparingUnitId;
    if (input.notes !== e.notes) patch.notes = input.notes;
    if (input.highlight !== e.highlight) patch.highlight = input.highlight;
    if (!sameSet(input.files.map((f) => f.sha256), e.files.map((f) => f.sha256))) patch.files = input.files;
    if (Object.keys(patch).length === 0) return setFormError(t('schedule.form.nothingChanged'));
    setBusy(true);
    const ok = await mutate({ name: 'schedule.update', args: { entryId: e.id, patch, reason } });
    setBusy(false);
    if (!ok) return;
    onClose();
    onDone?.(e.id, date);
  };

  const title = editing ? t('schedule.form.editTitle') : mode.kind === 'add' ? t('schedule.form.addTitle') : t('schedule.form.requestTitle');
  const okText = editing ? t('schedule.form.submitEdit') : mode.kind === 'add' ? t('schedule.form.submitAdd') : t('schedule.form.submitRequest');
  const linkLine = link ? (mode.linkTitle ? t(link.kind === 'tasks' ? 'schedule.form.fromTask' : 'schedule.form.fromDocument', { title: mode.linkTitle }) : t('schedule.form.linked')) : null;

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={{ 'data-testid': 'sched-form-ok' }}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      width={820}
      destroyOnHidden
      rootClassName="sched-form-dialog"
    >
      {mode.kind === 'request' && <Alert type="info" showIcon className="form-note" title={t('schedule.form.requestNote')} />}
      {linkLine && <Alert type="info" showIcon icon={<LinkOutlined />} className="form-note" title={linkLine} data-testid="sched-form-link" />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} onKeyDown={blockEnterSubmit} initialValues={initial} className="sched-form" data-testid="sched-form">
        <div className="form-row">
          <Form.Item name="date" label={t('schedule.form.date')} className="date-col" rules={[{ required: true, message: t('schedule.form.dateRequired') }]}>
            <DatePicker format="DD/MM/YYYY" disabledDate={disabledDate} allowClear={false} placeholder={t('schedule.form.datePlaceholder')} data-testid="sched-form-date" />
          </Form.Item>
          <Form.Item name="timeMode" label={t('schedule.form.timeMode')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'part', label: t('schedule.form.byPart') },
                { value: 'clock', label: t('schedule.form.byClock') },
              ]}
              data-testid="sched-form-time-mode"
            />
          </Form.Item>
          {timeMode === 'part' ? (
            <Form.Item name="part" label={t('schedule.form.part')}>
              <Segmented<DayPart> options={DAY_PARTS.map((p) => ({ value: p, label: partLabel(p, lang) }))} data-testid="sched-form-part" />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="start" label={t('schedule.form.start')} className="sched-time-col">
                <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} showNow={false} placeholder="08:00" data-testid="sched-form-start" />
              </Form.Item>
              <Form.Item name="end" label={t('schedule.form.end')} className="sched-time-col">
                <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} showNow={false} placeholder="10:00" data-testid="sched-form-end" />
              </Form.Item>
            </>
          )}
        </div>
        {editing && <Typography.Paragraph type="secondary" className="sched-form-hint">{t('schedule.form.dateInWeek')}</Typography.Paragraph>}
        <Form.Item name="content" label={t('schedule.form.content')} rules={[{ required: true, whitespace: true, message: t('schedule.form.contentRequired') }, { max: SCHEDULE_TEXT.content }]}>
          <Input.TextArea rows={2} maxLength={SCHEDULE_TEXT.content} placeholder={t('schedule.form.contentPlaceholder')} autoFocus data-testid="sched-form-content" />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="chairId" label={t('schedule.form.chair')} className="grow">
            <Select allowClear showSearch={{ filterOption }} options={leaderOptions} placeholder={t('schedule.form.chairPlaceholder')} data-testid="sched-form-chair" />
          </Form.Item>
          <Form.Item name="preparingUnitId" label={t('schedule.form.preparing')} className="grow">
            <TreeSelect
              treeData={units}
              allowClear
              showSearch={{ filterTreeNode }}
              treeDefaultExpandAll
              placeholder={t('schedule.form.preparingPlaceholder')}
              data-testid="sched-form-preparing"
            />
          </Form.Item>
        </div>
        <Form.Item name="participants" label={t('schedule.form.participants')}>
          <TreeSelect
            treeData={people}
            multiple
            allowClear
            showSearch={{ filterTreeNode }}
            treeNodeLabelProp="label"
            treeDefaultExpandedKeys={expanded}
            placeholder={t('schedule.form.participantsPlaceholder')}
            styles={{ popup: { root: { maxHeight: 420, overflow: 'auto' } } }}
            data-testid="sched-form-participants"
          />
        </Form.Item>
        <Form.Item name="guests" label={t('schedule.form.guests')} rules={[{ max: SCHEDULE_TEXT.guests }]}>
          <Input maxLength={SCHEDULE_TEXT.guests} placeholder={t('schedule.form.guestsPlaceholder')} data-testid="sched-form-guests" />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="roomId" label={t('schedule.form.room')} className="grow">
            <Select
              allowClear
              showSearch={{ filterOption }}
              placeholder={rooms.length > 0 ? t('schedule.form.roomPlaceholder') : t('schedule.form.noRooms')}
              disabled={rooms.length === 0}
              options={rooms.map((r) => ({ value: r.id, label: r.capacity ? `${r.name} (${t('schedule.form.capacity', { n: r.capacity })})` : r.name }))}
              data-testid="sched-form-room"
            />
          </Form.Item>
          <Form.Item name="place" label={t('schedule.form.place')} className="grow" rules={[{ max: SCHEDULE_TEXT.place }]}>
            <Input maxLength={SCHEDULE_TEXT.place} placeholder={t('schedule.form.placePlaceholder')} data-testid="sched-form-place" />
          </Form.Item>
        </div>
        {/* Right under the fields that decide them: the day, the time, the people, the room. */}
        <div className="sched-form-conflicts" aria-live="polite" data-testid="sched-form-conflicts" data-state={checking ? 'checking' : warnings.length > 0 ? 'warn' : 'clear'}>
          {checking && proposal && (
            <Typography.Text type="secondary">
              <Spin size="small" /> {t('schedule.form.checking')}
            </Typography.Text>
          )}
          {!checking && warnings.length > 0 && (
            <Alert
              type="warning"
              showIcon
              icon={<WarningOutlined />}
              title={t('schedule.conflicts.formTitle', { n: warnings.length })}
              description={
                <ul className="sched-warning-list">
                  {warnings.map((w) => (
                    <li key={w.key} data-testid="sched-form-conflict">
                      {w.text}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </div>
        <Form.Item name="notes" label={t('schedule.form.notes')} rules={[{ max: SCHEDULE_TEXT.notes }]}>
          <Input.TextArea rows={2} maxLength={SCHEDULE_TEXT.notes} data-testid="sched-form-notes" />
        </Form.Item>
        <Form.Item name="highlight" valuePropName="checked">
          <Checkbox data-testid="sched-form-highlight">{t('schedule.form.highlight')}</Checkbox>
        </Form.Item>
        <Form.Item name="files" label={t('schedule.form.files')}>
          <AttachmentFilesInput max={SCHEDULE_LIMITS.files} testId="sched-files-input" prefix="sched" />
        </Form.Item>
        {revises && (
          <Form.Item name="reason" label={editing ? t('schedule.form.reasonEdit') : t('schedule.form.reasonAdd')} extra={t('schedule.form.reasonHint')} rules={[{ max: SCHEDULE_TEXT.reason }]}>
            <Input maxLength={SCHEDULE_TEXT.reason} placeholder={t('schedule.form.reasonPlaceholder')} data-testid="sched-form-reason" />
          </Form.Item>
        )}
        {formError && (
          <Typography.Text type="danger" data-testid="sched-form-error">
            {formError}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
