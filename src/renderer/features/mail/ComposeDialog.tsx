import { DeleteOutlined, FileOutlined, PaperClipOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeAttachment, ComposeInput, MailAddress } from '../../../shared/model/mail.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import { formatRecipients, parseRecipients } from './address.js';
import { fileSize } from './format.js';
import './mail.css';

export type ComposeKind = 'new' | 'reply' | 'replyAll' | 'forward' | 'draft';

/** What the dialog starts from: a blank message, a core skeleton (mail.composeFrom), a draft, or a document's PDF. */
export interface ComposeInit {
  kind: ComposeKind;
  to?: MailAddress[];
  cc?: MailAddress[];
  bcc?: MailAddress[];
  subject?: string;
  text?: string;
  attachments?: { att: ComposeAttachment; name: string; size: number | null }[];
  reference?: ComposeInput['reference'];
  draftId?: number | null;
}

interface Values {
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  text: string;
}

/** The server's usual limit, with room for base64's growth. */
const MAX_TOTAL = 25 * 1024 * 1024;

/**
 * Writing a message: recipients (checked as they are typed), subject, text,
 * attachments. "Gửi" queues it in the core's durable outbox (sent once, as soon
 * as the server is reachable); "Lưu nháp" files it in Drafts.
 */
export function ComposeDialog({ init, onClose }: { init: ComposeInit; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { lang } = useApp();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [atts, setAtts] = useState(init.attachments ?? []);
  const [busy, setBusy] = useState<'send' | 'draft' | null>(null);
  const [showCc, setShowCc] = useState((init.cc?.length ?? 0) > 0 || (init.bcc?.length ?? 0) > 0);
  const initial = useMemo<Values>(
    () => ({ to: formatRecipients(init.to ?? []), cc: formatRecipients(init.cc ?? []), bcc: formatRecipients(init.bcc ?? []), subject: init.subject ?? '', text: init.text ?? '' }),
    [init],
  );
  const bytesTotal = atts.reduce((n, a) => n + (a.size ?? 0), 0);

  const recipientRule = {
    validator: async (_r: unknown, v: string | undefined) => {
      const { invalid } = parseRecipients(v ?? '');
      if (invalid.length > 0) throw new Error(t('mail.compose.invalidAddress', { list: invalid.join(', ') }));
    },
  };

  const input = (v: Values): ComposeInput => ({
    to: parseRecipients(v.to).valid,
    cc: parseRecipients(v.cc ?? '').valid,
    bcc: parseRecipients(v.bcc ?? '').valid,
    subject: (v.subject ?? '').trim(),
    text: v.text ?? '',
    html: null,
    attachments: atts.map((a) => a.att),
    reference: init.reference ?? null,
    draftId: init.draftId ?? null,
  });

  const send = async (): Promise<void> => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const msg = input(v);
    if (msg.to.length + msg.cc.length + msg.bcc.length === 0) {
      form.setFields([{ name: 'to', errors: [t('mail.compose.recipientRequired')] }]);
      return;
    }
    const go = async (): Promise<void> => {
      setBusy('send');
      try {
        await rpc.call('mail.send', msg);
        void message.success(t('mail.compose.queued'));
        onClose();
      } catch (err) {
        void message.error(errorText(err, lang, t('app.unexpected')));
      } finally {
        setBusy(null);
      }
    };
    if (!msg.subject) modal.confirm({ title: t('mail.compose.noSubject'), okText: t('mail.compose.send'), cancelText: t('app.cancel'), onOk: go });
    else await go();
  };

  const saveDraft = async (): Promise<void> => {
    const v = form.getFieldsValue();
    setBusy('draft');
    try {
      await rpc.call('mail.saveDraft', input(v));
      void message.success(t('mail.compose.draftSaved'));
      onClose();
    } catch (err) {
      void message.error(errorText(err, lang, t('app.unexpected')));
    } finally {
      setBusy(null);
    }
  };

  const close = (): void => {
    if (!form.isFieldsTouched() && atts.length === (init.attachments?.length ?? 0)) return onClose();
    modal.confirm({ title: t('mail.compose.discardTitle'), content: t('mail.compose.discardText'), okText: t('mail.compose.discard'), okButtonProps: { danger: true }, cancelText: t('app.cancel'), onOk: onClose });
  };

  const addFile = async (file: File): Promise<void> => {
    if (bytesTotal + file.size > MAX_TOTAL) {
      void message.error(t('mail.compose.tooLarge'));
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const name = file.name.normalize('NFC') || 'tep-dinh-kem';
    setAtts((list) => [...list, { att: { kind: 'bytes', name, mime: file.type || 'application/octet-stream', bytes }, name, size: file.size }]);
  };

  return (
    <Modal
      open
      title={t(`mail.compose.title.${init.kind}`)}
      onCancel={close}
      width={760}
      maskClosable={false}
      className="mail-compose"
      footer={
        <div className="mail-compose-footer">
          <Upload
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              void addFile(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<PaperClipOutlined />} data-testid="compose-attach">
              {t('mail.compose.attach')}
            </Button>
          </Upload>
          <Space>
            <Button icon={<SaveOutlined />} onClick={() => void saveDraft()} loading={busy === 'draft'} disabled={busy === 'send'} data-testid="compose-draft">
              {t('mail.compose.saveDraft')}
            </Button>
            <Button type="primary" icon={<SendOutlined />} onClick={() => void send()} loading={busy === 'send'} disabled={busy === 'draft'} data-testid="compose-send">
              {t('mail.compose.send')}
            </Button>
          </Space>
        </div>
      }
    >
      <Form<Values> form={form} layout="horizontal" labelCol={{ flex: '92px' }} labelAlign="left" initialValues={initial} className="mail-compose-form" data-testid="compose-form">
        <Form.Item label={t('mail.compose.to')} name="to" rules={[recipientRule]} validateTrigger="onBlur">
          <Input
            placeholder={t('mail.compose.recipientsPlaceholder')}
            data-testid="compose-to"
            suffix={
              !showCc && (
                <Button type="link" size="small" className="mail-cc-toggle" onClick={() => setShowCc(true)} data-testid="compose-show-cc">
                  {t('mail.compose.ccBcc')}
                </Button>
              )
            }
          />
        </Form.Item>
        {showCc && (
          <>
            <Form.Item label={t('mail.compose.cc')} name="cc" rules={[recipientRule]} validateTrigger="onBlur">
              <Input data-testid="compose-cc" />
            </Form.Item>
            <Form.Item label={t('mail.compose.bcc')} name="bcc" rules={[recipientRule]} validateTrigger="onBlur">
              <Input data-testid="compose-bcc" />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('mail.compose.subject')} name="subject" rules={[{ max: 998, message: t('mail.compose.subjectTooLong') }]}>
          <Input maxLength={998} data-testid="compose-subject" />
        </Form.Item>
        <Form.Item name="text" noStyle>
          <Input.TextArea autoSize={{ minRows: 10, maxRows: 22 }} placeholder={t('mail.compose.bodyPlaceholder')} className="mail-compose-text" data-testid="compose-text" />
        </Form.Item>
      </Form>
      {atts.length > 0 && (
        <div className="mail-compose-atts" data-testid="compose-attachments">
          {atts.map((a, i) => (
            <span key={`${a.name}-${i}`} className="mail-compose-att" data-testid="compose-attachment">
              <FileOutlined />
              <span className="mail-attachment-name" title={a.name}>
                {a.name}
              </span>
              {a.size !== null && <Typography.Text type="secondary">{fileSize(a.size, lang)}</Typography.Text>}
              <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('mail.compose.removeAttachment')} onClick={() => setAtts((l) => l.filter((_, j) => j !== i))} />
            </span>
          ))}
        </div>
      )}
    </Modal>
  );
}
