import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncomingView } from '../../../shared/rpc/contract.js';
import { useMutate } from './useDocument.js';

/** The main handler completes the document, with an optional result note. */
export function CompleteDialog({ view, onClose }: { view: IncomingView; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const mutate = useMutate();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { note: string }): Promise<void> => {
    setBusy(true);
    const ok = await mutate('incoming.complete', { documentId: view.doc.id, note: (v.note ?? '').trim() });
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Modal
      open
      title={t('complete.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('complete.submit')}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      rootClassName="complete-dialog"
    >
      <Typography.Paragraph type="secondary">{t('complete.text')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ note: '' }}>
        <Form.Item name="note" label={t('complete.note')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} maxLength={4000} placeholder={t('complete.notePlaceholder')} data-testid="complete-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
