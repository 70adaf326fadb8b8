/**
 * The small dialogs of the schedule: a reason (reject a request, cancel an entry, return the
 * week), a note (submit, approve), the entry a request is merged into. Each queues one mutation;
 * the dialog stays open with its text when the core refuses it.
 */
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCHEDULE_TEXT, type EntryItem } from '../../../shared/schedule/index.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { filterOption } from '../../components/pickerFilter.js';
import { blockEnterSubmit } from '../incoming/index.js';
import { whenLabel } from './format.js';
import { useScheduleMutate } from './useSchedule.js';

interface TextDialogProps {
  title: string;
  text?: React.ReactNode;
  label: string;
  okText: string;
  /** A reason is required; a note is not. */
  required: boolean;
  danger?: boolean;
  placeholder?: string;
  testId: string;
  onSubmit(text: string): Promise<boolean>;
  onClose(): void;
}

/** One text to give with an action (a reason, a note). */
export function TextDialog({ title, text, label, okText, required, danger, placeholder, testId, onSubmit, onClose }: TextDialogProps): React.JSX.Element {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  const [busy, setBusy] = useState(false);
  const finish = (v: { text: string }): void => {
    setBusy(true);
    void onSubmit((v.text ?? '').trim().normalize('NFC')).then((ok) => {
      setBusy(false);
      if (ok) onClose();
    });
  };
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={{ danger: danger ?? false, 'data-testid': `${testId}-ok` }}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      width={560}
      destroyOnHidden
      rootClassName={testId}
    >
      {text && <div className="sched-dialog-text">{text}</div>}
      <Form form={form} layout="vertical" onFinish={finish} onKeyDown={blockEnterSubmit} data-testid={testId}>
        <Form.Item name="text" label={label} rules={required ? [{ required: true, whitespace: true, message: t('schedule.entry.reasonRequired') }] : []}>
          <Input.TextArea rows={3} maxLength={SCHEDULE_TEXT.reason} showCount placeholder={placeholder} autoFocus data-testid={`${testId}-text`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** "Từ chối": the requester sees the reason. */
export function RejectDialog({ entry, onClose }: { entry: Pick<EntryItem, 'id' | 'content'>; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const mutate = useScheduleMutate();
  return (
    <TextDialog
      title={t('schedule.entry.rejectTitle')}
      text={
        <>
          <Typography.Paragraph strong>{entry.content}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('schedule.entry.rejectText')}</Typography.Paragraph>
        </>
      }
      label={t('schedule.entry.rejectReason')}
      okText={t('schedule.entry.actions.reject')}
      required
      danger
      testId="sched-reject-dialog"
      onSubmit={(reason) => mutate({ name: 'schedule.reject', args: { entryId: entry.id, reason } })}
      onClose={onClose}
    />
  );
}

/** "Hoãn/huỷ": a published entry stays in the week, struck through, with the reason. */
export function CancelDialog({ entry, published, onClose }: { entry: Pick<EntryItem, 'id' | 'content'>; published: boolean; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const mutate = useScheduleMutate();
  return (
    <TextDialog
      title={t('schedule.entry.cancelTitle')}
      text={
        <>
          <Typography.Paragraph strong>{entry.content}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{published ? t('schedule.entry.cancelTextPublished') : t('schedule.entry.cancelText')}</Typography.Paragraph>
        </>
      }
      label={t('schedule.entry.cancelReason')}
      placeholder={t('schedule.form.reasonPlaceholder')}
      okText={t('schedule.entry.actions.cancel')}
      required
      danger
      testId="sched-cancel-dialog"
      onSubmit={(reason) => mutate({ name: 'schedule.cancel', args: { entryId: entry.id, reason } })}
      onClose={onClose}
    />
  );
}

/**
 * "Gộp": the request joins another entry of the same week (its participants, guests and files
 * go with it). The targets are read from the week as the office sees it.
 */
export function MergeDialog({ entry, onClose }: { entry: Pick<EntryItem, 'id' | 'content' | 'date' | 'weekStart'>; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const rpc = useRpc();
  const mutate = useScheduleMutate();
  const [targets, setTargets] = useState<EntryItem[] | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let alive = true;
    rpc.call('schedule.week', { date: entry.weekStart, view: 'draft', leaderId: null }).then(
      (w) => alive && setTargets(w.entries.filter((e) => e.id !== entry.id && (e.status === 'scheduled' || e.status === 'requested'))),
      () => alive && setTargets([]),
    );
    return () => {
      alive = false;
    };
  }, [rpc, entry.id, entry.weekStart]);
  // Those of the same day first: a merge is usually two requests for one meeting.
  const options = useMemo(
    () =>
      (targets ?? [])
        .slice()
        .sort((a, b) => Number(b.date === entry.date) - Number(a.date === entry.date) || a.date.localeCompare(b.date) || (a.start ?? '').localeCompare(b.start ?? ''))
        .map((e) => ({ value: e.id, label: `${whenLabel(e, lang)} — ${e.content}${e.status === 'requested' ? ` (${t('schedule.entry.requestedShort')})` : ''}` })),
    [targets, entry.date, lang, t],
  );
  const ok = (): void => {
    if (!target) return;
    setBusy(true);
    void mutate({ name: 'schedule.merge', args: { entryId: entry.id, intoId: target } }).then((done) => {
      setBusy(false);
      if (done) onClose();
    });
  };
  return (
    <Modal
      open
      title={t('schedule.entry.mergeTitle')}
      onCancel={onClose}
      onOk={ok}
      okText={t('schedule.entry.actions.merge')}
      okButtonProps={{ disabled: !target, 'data-testid': 'sched-merge-dialog-ok' }}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      width={680}
      destroyOnHidden
      rootClassName="sched-merge-dialog"
    >
      <Typography.Paragraph strong>{entry.content}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('schedule.entry.mergeText')}</Typography.Paragraph>
      {targets !== null && options.length === 0 ? (
        <Alert type="info" showIcon title={t('schedule.entry.mergeNone')} />
      ) : (
        <Select
          className="full"
          loading={targets === null}
          value={target ?? undefined}
          onChange={setTarget}
          options={options}
          placeholder={t('schedule.entry.mergeTarget')}
          aria-label={t('schedule.entry.mergeTarget')}
          showSearch={{ filterOption }}
          data-testid="sched-merge-target"
        />
      )}
    </Modal>
  );
}
