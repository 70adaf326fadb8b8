import { Alert, DatePicker, Form, Input, Modal, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncomingView } from '../../../shared/rpc/contract.js';
import { vnToday } from '../../../shared/text/vietnamese.js';
import { useApp, useMe } from '../../app/AppContext.js';
import { assigneeName, newId } from '../../app/util.js';
import { allValues, assigneeValue, orgTree, parseAssignee } from './orgTree.js';
import { blockEnterSubmit, isPast } from '../../components/forms.js';
import { useMutate } from './useDocument.js';
import { filterTreeNode } from '../../components/pickerFilter.js';

interface Values {
  instruction: string;
  main?: string;
  mainDeadline?: Dayjs | null;
  cooperate: string[];
  cooperateDeadline?: Dayjs | null;
  info: string[];
}

/**
 * The agency leader's instruction and assignment (Decree 30, Art. 24): one main
 * handler (unit or person), any co-operating and for-information recipients, with
 * deadlines, picked from the organisation tree.
 */
export function AssignDialog({ view, onClose, onDone }: { view: IncomingView; onClose(): void; onDone(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const me = useMe();
  const mutate = useMutate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const { doc } = view;

  const activeTop = doc.assignments.filter((a) => a.parentId === null && a.status === 'active');
  const existingMain = activeTop.find((a) => a.role === 'main');
  const taken = useMemo(() => new Set(activeTop.map((a) => assigneeValue(a))), [activeTop]);

  const main = Form.useWatch('main', form);
  const cooperate = Form.useWatch('cooperate', form) ?? [];
  const info = Form.useWatch('info', form) ?? [];

  const treeFor = (role: 'main' | 'cooperate' | 'info'): ReturnType<typeof orgTree> => {
    if (!org) return [];
    const other = new Set<string>(taken);
    if (role !== 'main' && main) other.add(main);
    if (role !== 'cooperate') cooperate.forEach((v) => other.add(v));
    if (role !== 'info') info.forEach((v) => other.add(v));
    return orgTree(org, { units: true, disabled: other, exclude: new Set([me.id]) });
  };
  const expanded = useMemo(() => (org ? allValues(orgTree(org, { units: true, disabled: new Set() })).filter((v) => v.startsWith('unit:')) : []), [org]);

  const initialDeadline = doc.dueDate && doc.dueDate >= vnToday() ? dayjs(doc.dueDate) : null;

  const submit = async (v: Values): Promise<void> => {
    setFormError(null);
    const list = [
      ...(v.main ? [{ role: 'main' as const, value: v.main, deadline: v.mainDeadline ?? null }] : []),
      ...(v.cooperate ?? []).map((value) => ({ role: 'cooperate' as const, value, deadline: v.cooperateDeadline ?? v.mainDeadline ?? null })),
      ...(v.info ?? []).map((value) => ({ role: 'info' as const, value, deadline: null })),
    ];
    if (!existingMain && !v.main) return setFormError(t('assign.mainRequired'));
    if (list.length === 0) return setFormError(t('assign.nothing'));
    setBusy(true);
    const ok = await mutate('incoming.assign', {
      documentId: doc.id,
      instruction: (v.instruction ?? '').trim(),
      assignments: list.map((a) => ({
        id: newId(),
        role: a.role,
        ...parseAssignee(a.value),
        deadline: a.deadline ? a.deadline.format('YYYY-MM-DD') : null,
        note: '',
      })),
    });
    setBusy(false);
    if (ok) {
      onDone();
      onClose();
    }
  };

  const picker = (role: 'main' | 'cooperate' | 'info', multiple: boolean): React.JSX.Element => (
    <TreeSelect
      treeData={treeFor(role)}
      multiple={multiple}
      allowClear
      showSearch={{ filterTreeNode }}
      treeNodeLabelProp="label"
      treeDefaultExpandedKeys={expanded}
      placeholder={t('assign.pick')}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto' } } }}
      data-testid={`assign-${role}`}
    />
  );

  return (
    <Modal
      open
      title={t('assign.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('assign.submit')}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      width={680}
      destroyOnHidden
      rootClassName="assign-dialog"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        onKeyDown={blockEnterSubmit}
        initialValues={{ instruction: '', cooperate: [], info: [], mainDeadline: initialDeadline, cooperateDeadline: initialDeadline }}
        className="assign-form"
      >
        <Form.Item name="instruction" label={t('assign.instruction')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} maxLength={4000} showCount placeholder={t('assign.instructionPlaceholder')} data-testid="assign-instruction" />
        </Form.Item>
        {existingMain ? (
          <Alert type="info" showIcon title={t('assign.mainExists', { name: assigneeName(org, existingMain) })} className="form-note" />
        ) : (
          <div className="form-row">
            <Form.Item name="main" label={t('assign.main')} className="grow" required>
              {picker('main', false)}
            </Form.Item>
            <Form.Item name="mainDeadline" label={t('assign.deadlineMain')} className="date-col">
              <DatePicker format="DD/MM/YYYY" disabledDate={isPast} data-testid="assign-main-deadline" />
            </Form.Item>
          </div>
        )}
        <div className="form-row">
          <Form.Item name="cooperate" label={t('assign.cooperate')} className="grow">
            {picker('cooperate', true)}
          </Form.Item>
          <Form.Item name="cooperateDeadline" label={t('assign.deadlineCooperate')} className="date-col">
            <DatePicker format="DD/MM/YYYY" disabledDate={isPast} />
          </Form.Item>
        </div>
        <Form.Item name="info" label={t('assign.info')}>
          {picker('info', true)}
        </Form.Item>
        {formError && <Typography.Text type="danger" data-testid="assign-error">{formError}</Typography.Text>}
      </Form>
    </Modal>
  );
}
