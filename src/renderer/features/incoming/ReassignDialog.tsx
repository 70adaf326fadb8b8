import { Alert, DatePicker, Form, Input, Modal, Select, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canHandDown, reassignableAssignments } from '../../../shared/incoming/rights.js';
import type { Assignment } from '../../../shared/incoming/model.js';
import type { IncomingView } from '../../../shared/rpc/contract.js';
import { formatDateVi, vnToday } from '../../../shared/text/vietnamese.js';
import { useApp, useMe } from '../../app/AppContext.js';
import { newId, unitName } from '../../app/util.js';
import { allValues, orgTree } from './orgTree.js';
import { blockEnterSubmit, isPast } from '../../components/forms.js';
import { useMutate } from './useDocument.js';
import { filterTreeNode } from '../../components/pickerFilter.js';

interface Values {
  parent: string;
  main?: string;
  cooperate: string[];
  info: string[];
  deadline?: Dayjs | null;
  note: string;
}

/**
 * A unit leader hands the unit's assignment to staff of the unit: one main handler
 * (when the unit is the main handler), co-operating and for-information staff,
 * with a deadline no later than the unit's own.
 */
export function ReassignDialog({ view, onClose, onDone }: { view: IncomingView; onClose(): void; onDone(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const me = useMe();
  const mutate = useMutate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const { doc } = view;

  const parents = reassignableAssignments(doc, me);
  const parentId = Form.useWatch('parent', form) ?? parents[0]?.id;
  const parent: Assignment | undefined = parents.find((p) => p.id === parentId) ?? parents[0];
  const siblings = doc.assignments.filter((a) => a.parentId === parent?.id && a.status === 'active');
  const hasMain = siblings.some((a) => a.role === 'main');
  const mainAllowed = parent !== undefined && canHandDown(parent, 'main') && !hasMain;
  const cooperateAllowed = parent !== undefined && canHandDown(parent, 'cooperate');

  const main = Form.useWatch('main', form);
  const cooperate = Form.useWatch('cooperate', form) ?? [];
  const info = Form.useWatch('info', form) ?? [];

  const taken = useMemo(() => new Set(siblings.map((a) => `user:${a.userId ?? ''}`)), [siblings]);
  const treeFor = (role: 'main' | 'cooperate' | 'info'): ReturnType<typeof orgTree> => {
    if (!org || !parent?.unitId) return [];
    const other = new Set<string>(taken);
    if (role !== 'main' && main) other.add(main);
    if (role !== 'cooperate') cooperate.forEach((v) => other.add(v));
    if (role !== 'info') info.forEach((v) => other.add(v));
    return orgTree(org, { root: parent.unitId, units: false, disabled: other, exclude: new Set([me.id]) });
  };
  const expanded = useMemo(() => (org && parent?.unitId ? allValues(orgTree(org, { root: parent.unitId, units: false, disabled: new Set() })) : []), [org, parent?.unitId]);

  const disabledDate = (d: Dayjs): boolean => isPast(d) || (parent?.deadline ? d.format('YYYY-MM-DD') > parent.deadline : false);
  // Past the unit's deadline no date is valid: staff get the unit's (the rule stores it) and show overdue.
  const unitLate = parent?.deadline != null && parent.deadline < vnToday();

  const submit = async (v: Values): Promise<void> => {
    setFormError(null);
    if (!parent) return;
    const deadline = v.deadline ? v.deadline.format('YYYY-MM-DD') : null;
    if (deadline && deadline < vnToday()) return setFormError(t('assign.deadlinePast'));
    if (deadline && parent.deadline && deadline > parent.deadline) return setFormError(t('assign.deadlineAfterParent', { date: formatDateVi(parent.deadline) }));
    const list = [
      ...(v.main ? [{ role: 'main' as const, value: v.main }] : []),
      ...(v.cooperate ?? []).map((value) => ({ role: 'cooperate' as const, value })),
      ...(v.info ?? []).map((value) => ({ role: 'info' as const, value })),
    ];
    if (list.length === 0) return setFormError(t('assign.nothing'));
    setBusy(true);
    const ok = await mutate('incoming.reassign', {
      documentId: doc.id,
      parentAssignmentId: parent.id,
      assignments: list.map((a) => ({
        id: newId(),
        role: a.role,
        userId: a.value.replace(/^user:/u, ''),
        deadline: a.role === 'info' ? null : deadline,
        note: (v.note ?? '').trim(),
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
      placeholder={t('assign.pickPeople')}
      data-testid={`reassign-${role}`}
    />
  );

  const parentLabel = (a: Assignment): string =>
    a.deadline
      ? t('reassign.parentLine', { role: t(`doc.role.${a.role}`), unit: unitName(org, a.unitId), deadline: formatDateVi(a.deadline) })
      : t('reassign.parentLineNoDeadline', { role: t(`doc.role.${a.role}`), unit: unitName(org, a.unitId) });

  return (
    <Modal
      open
      title={t('reassign.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('reassign.submit')}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      width={640}
      destroyOnHidden
      rootClassName="reassign-dialog"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        onKeyDown={blockEnterSubmit}
        initialValues={{ parent: parents[0]?.id, cooperate: [], info: [], note: '', deadline: parents[0]?.deadline && parents[0].deadline >= vnToday() ? dayjs(parents[0].deadline) : null }}
      >
        <Form.Item name="parent" label={t('reassign.parent')}>
          <Select options={parents.map((p) => ({ value: p.id, label: parentLabel(p) }))} disabled={parents.length < 2} />
        </Form.Item>
        {mainAllowed ? (
          <Form.Item name="main" label={t('reassign.main')}>
            {picker('main', false)}
          </Form.Item>
        ) : parent && parent.role !== 'main' ? (
          <Alert type="info" showIcon title={t('reassign.mainNotAllowed', { role: t(`doc.role.${parent.role}`) })} className="form-note" />
        ) : null}
        {cooperateAllowed && (
          <Form.Item name="cooperate" label={t('reassign.cooperate')}>
            {picker('cooperate', true)}
          </Form.Item>
        )}
        <Form.Item name="info" label={t('reassign.info')}>
          {picker('info', true)}
        </Form.Item>
        {unitLate && parent?.deadline && (
          <Alert type="warning" showIcon title={t('reassign.unitLate', { date: formatDateVi(parent.deadline) })} className="form-note" data-testid="reassign-unit-late" />
        )}
        <div className="form-row">
          <Form.Item name="deadline" label={t('reassign.deadline')} className="date-col">
            <DatePicker
              format="DD/MM/YYYY"
              disabledDate={disabledDate}
              disabled={unitLate}
              placeholder={parent?.deadline ? t('reassign.deadlineInherited', { date: formatDateVi(parent.deadline) }) : undefined}
              data-testid="reassign-deadline"
            />
          </Form.Item>
          <Form.Item name="note" label={t('reassign.note')} className="grow" rules={[{ max: 2000 }]}>
            <Input maxLength={2000} />
          </Form.Item>
        </div>
        {formError && <Typography.Text type="danger">{formError}</Typography.Text>}
      </Form>
    </Modal>
  );
}
