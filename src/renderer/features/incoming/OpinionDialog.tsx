import { Form, Input, Modal, Radio, Slider } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncomingView } from '../../../shared/rpc/contract.js';
import { newId } from '../../app/util.js';
import { useMutate } from './useDocument.js';

interface Values {
  kind: 'opinion' | 'progress';
  content: string;
  progress: number;
}

/** A handler's opinion / proposal, or a progress report with a percentage. */
export function OpinionDialog({ view, onClose, onDone }: { view: IncomingView; onClose(): void; onDone(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const mutate = useMutate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form) ?? 'opinion';

  const submit = async (v: Values): Promise<void> => {
    setBusy(true);
    const ok = await mutate('incoming.addOpinion', {
      documentId: view.doc.id,
      opinionId: newId(),
      kind: v.kind,
      content: v.content.trim(),
      progress: v.kind === 'progress' ? v.progress : null,
    });
    setBusy(false);
    if (ok) {
      onDone();
      onClose();
    }
  };

  return (
    <Modal
      open
      title={t('opinion.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('opinion.submit')}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      width={600}
      destroyOnHidden
      rootClassName="opinion-dialog"
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'opinion', content: '', progress: 50 }}>
        <Form.Item name="kind" label={t('opinion.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'opinion', label: t('opinion.kindOpinion') },
              { value: 'progress', label: t('opinion.kindProgress') },
            ]}
          />
        </Form.Item>
        <Form.Item name="content" label={t('opinion.content')} rules={[{ required: true, whitespace: true, message: t('opinion.contentRequired') }, { max: 4000 }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('opinion.contentPlaceholder')} autoFocus data-testid="opinion-content" />
        </Form.Item>
        {kind === 'progress' && (
          <Form.Item name="progress" label={t('opinion.progress')}>
            <Slider min={0} max={100} step={5} marks={{ 0: '0%', 50: '50%', 100: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
