import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DEADLINE_WORKING_DAYS, mainAssignment, TASK_LIMITS, TASK_PRIORITIES, TASK_PRIORITY_LABELS, type Task, type TaskFile, type TaskMutationInput, type TaskPriority } from '../../../shared/tasks/index.js';
import { formatDateVi, vnToday } from '../../../shared/text/vietnamese.js';
import { useApp, useMe } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { assigneeName, newId } from '../../app/util.js';
import { filterTreeNode } from '../../components/pickerFilter.js';
import { allValues, assigneeValue, blockEnterSubmit, isPast, orgTree, parseAssignee, type TreeNode } from '../incoming/index.js';
import { loc, previewDeadline, weekdayName } from './format.js';
import { TASK_TEXT_LIMITS as L } from './limits.js';
import { AttachmentFilesInput } from '../../components/AttachmentFiles.js';
import { useTaskMutate } from './useTask.js';
// Its own styles: a document view opens this dialog before any other tasks screen has loaded them.
import './tasks.css';

export type TaskFormMode =
  | { kind: 'create'; source?: { id: string; subject: string; dueDate?: string | null }; parent?: Pick<Task, 'id' | 'title' | 'deadline'> }
  | { kind: 'edit'; task: Task };

interface Values {
  title: string;
  description: string;
  files: TaskFile[];
  priority: TaskPriority;
  startDate: Dayjs | null;
  changeDeadline: boolean;
  deadlineKind: 'date' | 'days';
  deadline: Dayjs | null;
  workingDays: number | null;
  changeMain: boolean;
  main?: string;
  cooperate: string[];
  info: string[];
}

const iso = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);

/**
 * "Giao việc": a new task (standalone, from a document, or a sub-task), or the assigner's
 * edit of one (tasks.update: title, text, priority, deadline, another main handler, more
 * co-operating or for-information people). A deadline is a date or N working days from
 * the start, previewed on the shared calendar (weekends, holidays, Tết).
 */
export function TaskFormDialog({ mode, onClose, onCreated }: { mode: TaskFormMode; onClose(): void; onCreated?: (taskId: string) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const me = useMe();
  const mutate = useTaskMutate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const editing = mode.kind === 'edit' ? mode.task : null;
  const parent = mode.kind === 'create' ? (mode.parent ?? null) : null;
  const source = mode.kind === 'create' ? (mode.source ?? null) : null;

  const currentMain = editing ? mainAssignment(editing) : null;
  const taken = useMemo(
    () => new Set((editing?.assignments ?? []).filter((a) => a.parentId === null && a.status === 'active').map((a) => assigneeValue(a))),
    [editing],
  );
  const main = Form.useWatch('main', form);
  const cooperate = Form.useWatch('cooperate', form) ?? [];
  const info = Form.useWatch('info', form) ?? [];
  const deadlineKind = Form.useWatch('deadlineKind', form) ?? 'date';
  const startDate = Form.useWatch('startDate', form);
  const workingDays = Form.useWatch('workingDays', form);
  const changeDeadline = Form.useWatch('changeDeadline', form) ?? !editing;
  const changeMain = Form.useWatch('changeMain', form) ?? !editing;

  const treeFor = (role: 'main' | 'cooperate' | 'info'): TreeNode[] => {
    if (!org) return [];
    const other = new Set<string>(taken);
    if (role !== 'main' && main) other.add(main);
    if (role !== 'cooperate') cooperate.forEach((v) => other.add(v));
    if (role !== 'info') info.forEach((v) => other.add(v));
    return orgTree(org, { units: true, disabled: other, exclude: new Set([me.id]) });
  };
  const expanded = useMemo(() => (org ? allValues(orgTree(org, { units: true, disabled: new Set() })).filter((v) => v.startsWith('unit:')) : []), [org]);

  // An edit counts working days from the task's own start; a new task from the date chosen.
  const start = editing ? editing.startDate : iso(startDate);
  const preview = deadlineKind === 'days' ? previewDeadline(start, { workingDays: workingDays ?? null }) : null;
  const latest = parent?.deadline ?? null;
  const disabledDeadline = (d: Dayjs): boolean => {
    const day = d.format('YYYY-MM-DD');
    return isPast(d) || (start !== null && day < start) || (latest !== null && day > latest);
  };

  const picker = (role: 'main' | 'cooperate' | 'info', multiple: boolean): React.JSX.Element => (
    <TreeSelect
      treeData={treeFor(role)}
      multiple={multiple}
      allowClear
      showSearch={{ filterTreeNode }}
      treeNodeLabelProp="label"
      treeDefaultExpandedKeys={expanded}
      placeholder={t('tasks.form.pick')}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto' } } }}
      data-testid={`task-form-${role}`}
    />
  );

  const deadlineOf = (v: Values): { spec: { date: string } | { workingDays: number }; date: string } | string => {
    if (v.deadlineKind === 'days') {
      const n = v.workingDays ?? null;
      const date = previewDeadline(start, { workingDays: n });
      if (n === null || date === null) return t('tasks.form.deadlineRequired');
      return { spec: { workingDays: n }, date };
    }
    const date = iso(v.deadline);
    if (!date) return t('tasks.form.deadlineRequired');
    return { spec: { date }, date };
  };

  const assignees = (values: readonly string[]): { id: string; unitId: string | null; userId: string | null; note: string }[] =>
    values.map((value) => ({ id: newId(), ...parseAssignee(value), note: '' }));

  const submit = async (v: Values): Promise<void> => {
    setFormError(null);
    let deadline: ReturnType<typeof deadlineOf> | null = null;
    if (!editing || v.changeDeadline) {
      deadline = deadlineOf(v);
      if (typeof deadline === 'string') return setFormError(deadline);
      if (start && deadline.date < start) return setFormError(t('tasks.form.deadlineBeforeStart'));
      if (latest && deadline.date > latest) return setFormError(t('tasks.form.deadlineAfterParent', { date: formatDateVi(latest) }));
    }
    const spec = deadline && typeof deadline !== 'string' ? deadline.spec : undefined;

    if (!editing) {
      if (!v.main) return setFormError(t('tasks.form.mainRequired'));
      if (!spec) return;
      const taskId = newId();
      const args: TaskMutationInput<'tasks.create'> = {
        taskId,
        parentId: parent?.id ?? null,
        source: source ? { kind: 'incoming', id: source.id } : null,
        title: v.title.trim(),
        description: (v.description ?? '').trim(),
        files: v.files ?? [],
        priority: v.priority,
        startDate: iso(v.startDate) ?? vnToday(),
        deadline: spec,
        main: { id: newId(), ...parseAssignee(v.main), note: '' },
        cooperate: assignees(v.cooperate ?? []),
        info: assignees(v.info ?? []),
      };
      setBusy(true);
      const ok = await mutate('tasks.create', args);
      setBusy(false);
      if (!ok) return;
      onClose();
      if (onCreated) onCreated(taskId);
      else navigate({ name: 'task', id: taskId });
      return;
    }

    // An edit sends only what changed (the rules refuse an update that changes nothing).
    const title = v.title.trim();
    const description = (v.description ?? '').trim();
    const args: TaskMutationInput<'tasks.update'> = {
      taskId: editing.id,
      ...(title !== editing.title ? { title } : {}),
      ...(description !== editing.description ? { description } : {}),
      ...(v.priority !== editing.priority ? { priority: v.priority } : {}),
      ...(spec ? { deadline: spec } : {}),
      ...(v.changeMain && v.main && v.main !== (currentMain ? assigneeValue(currentMain) : null) ? { main: { id: newId(), ...parseAssignee(v.main), note: '' } } : {}),
      addCooperate: assignees(v.cooperate ?? []),
      addInfo: assignees(v.info ?? []),
    };
    const changed = Object.keys(args).some((k) => k !== 'taskId' && k !== 'addCooperate' && k !== 'addInfo') || (args.addCooperate?.length ?? 0) > 0 || (args.addInfo?.length ?? 0) > 0;
    if (!changed) return setFormError(t('tasks.form.nothingChanged'));
    setBusy(true);
    const ok = await mutate('tasks.update', args);
    setBusy(false);
    if (ok) onClose();
  };

  const sourceDue = source?.dueDate && source.dueDate >= vnToday() ? source.dueDate : null;
  const initial: Partial<Values> = editing
    ? {
        title: editing.title,
        description: editing.description,
        files: [],
        priority: editing.priority,
        changeDeadline: false,
        deadlineKind: editing.deadlineRule ? 'days' : 'date',
        deadline: dayjs(editing.deadline),
        workingDays: editing.deadlineRule?.workingDays ?? 5,
        changeMain: false,
        cooperate: [],
        info: [],
      }
    : {
        // From a document: its subject and its deadline (when still ahead) to start from.
        title: source?.subject.slice(0, L.title) ?? '',
        description: '',
        files: [],
        priority: 'normal',
        startDate: dayjs(vnToday()),
        changeDeadline: true,
        deadlineKind: sourceDue ? 'date' : 'days',
        deadline: sourceDue ? dayjs(sourceDue) : latest ? dayjs(latest) : null,
        workingDays: 5,
        changeMain: true,
        cooperate: [],
        info: [],
      };

  const title = editing ? t('tasks.form.editTitle') : parent ? t('tasks.form.subtaskTitle') : t('tasks.form.createTitle');

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? t('tasks.form.submitEdit') : t('tasks.form.submitCreate')}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      width={760}
      destroyOnHidden
      rootClassName="task-form-dialog"
    >
      {source && <Alert type="info" showIcon className="form-note" title={t('tasks.form.fromDocument', { subject: source.subject })} data-testid="task-form-source" />}
      {parent && <Alert type="info" showIcon className="form-note" title={t('tasks.form.parent', { title: parent.title, date: formatDateVi(parent.deadline) })} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} onKeyDown={blockEnterSubmit} initialValues={initial} className="task-form" data-testid="task-form">
        <Form.Item name="title" label={t('tasks.form.title')} rules={[{ required: true, whitespace: true, message: t('tasks.form.titleRequired') }, { max: L.title }]}>
          <Input maxLength={L.title} placeholder={t('tasks.form.titlePlaceholder')} autoFocus data-testid="task-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('tasks.form.description')} rules={[{ max: L.description }]}>
          <Input.TextArea rows={3} maxLength={L.description} showCount data-testid="task-form-description" />
        </Form.Item>
        {!editing && (
          <Form.Item name="files" label={t('tasks.form.files')}>
            <AttachmentFilesInput max={TASK_LIMITS.files} testId="task-files-input" prefix="task" />
          </Form.Item>
        )}
        <div className="form-row">
          <Form.Item name="priority" label={t('tasks.form.priority')} className="task-form-priority">
            <Select options={TASK_PRIORITIES.map((p) => ({ value: p, label: loc(TASK_PRIORITY_LABELS[p], lang) }))} data-testid="task-form-priority" />
          </Form.Item>
          {!editing && (
            <Form.Item name="startDate" label={t('tasks.form.startDate')} className="date-col">
              <DatePicker format="DD/MM/YYYY" allowClear={false} data-testid="task-form-start" />
            </Form.Item>
          )}
          {editing && (
            <Form.Item name="changeDeadline" valuePropName="checked" label=" " className="grow">
              <Checkbox data-testid="task-form-change-deadline">{t('tasks.form.changeDeadline')}</Checkbox>
            </Form.Item>
          )}
        </div>
        {changeDeadline ? (
          <>
            <div className="form-row">
              <Form.Item name="deadlineKind" label={t('tasks.form.deadlineKind')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'days', label: t('tasks.form.deadlineByDays') },
                    { value: 'date', label: t('tasks.form.deadlineByDate') },
                  ]}
                  data-testid="task-form-deadline-kind"
                />
              </Form.Item>
              {deadlineKind === 'date' ? (
                <Form.Item name="deadline" label={t('tasks.form.deadline')} className="date-col">
                  <DatePicker format="DD/MM/YYYY" disabledDate={disabledDeadline} data-testid="task-form-deadline" />
                </Form.Item>
              ) : (
                <Form.Item name="workingDays" label={t('tasks.form.workingDays')} className="date-col">
                  <InputNumber min={1} max={MAX_DEADLINE_WORKING_DAYS} precision={0} suffix={t('tasks.form.workingDaysUnit')} data-testid="task-form-working-days" />
                </Form.Item>
              )}
            </div>
            {preview && (
              <Alert
                type={latest && preview > latest ? 'error' : 'info'}
                showIcon
                className="form-note"
                title={latest && preview > latest ? t('tasks.form.deadlineAfterParent', { date: formatDateVi(latest) }) : t('tasks.form.deadlinePreview', { date: formatDateVi(preview), weekday: weekdayName(preview, lang) })}
                data-testid="task-form-deadline-preview"
                data-deadline={preview}
              />
            )}
          </>
        ) : (
          <Typography.Paragraph type="secondary">{t('tasks.form.deadlineUnchanged', { date: formatDateVi(editing?.deadline) })}</Typography.Paragraph>
        )}
        {editing && currentMain && (
          <div className="form-row">
            <Typography.Text className="grow">{t('tasks.form.mainCurrent', { name: assigneeName(org, currentMain) })}</Typography.Text>
            <Form.Item name="changeMain" valuePropName="checked" noStyle>
              <Checkbox data-testid="task-form-change-main">{t('tasks.form.mainChange')}</Checkbox>
            </Form.Item>
          </div>
        )}
        {changeMain && (
          <Form.Item name="main" label={t('tasks.form.main')} required={!editing}>
            {picker('main', false)}
          </Form.Item>
        )}
        <div className="form-row">
          <Form.Item name="cooperate" label={editing ? t('tasks.form.addCooperate') : t('tasks.form.cooperate')} className="grow">
            {picker('cooperate', true)}
          </Form.Item>
          <Form.Item name="info" label={editing ? t('tasks.form.addInfo') : t('tasks.form.info')} className="grow">
            {picker('info', true)}
          </Form.Item>
        </div>
        {formError && (
          <Typography.Text type="danger" data-testid="task-form-error">
            {formError}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
