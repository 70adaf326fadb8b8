import { DownloadOutlined, EyeOutlined, FileOutlined, FilePdfOutlined, FileAddOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileRef } from '../../../shared/incoming/index.js';
import type { MailAttachment } from '../../../shared/model/mail.js';
import { useApp, useMe, useRpc } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { canRegister } from '../../../shared/incoming/index.js';
import { errorText } from '../../app/util.js';
import { Loading } from '../../components/Loading.js';
import { fileSize, isPdfAttachment } from './format.js';

// pdf.js only when a PDF is opened.
const PdfViewer = lazy(() => import('../../components/pdf/PdfViewer.js').then((m) => ({ default: m.PdfViewer })));

interface Props {
  messageId: number;
  attachments: MailAttachment[];
}

/**
 * The message's attachments: PDFs open in the documents' pdf.js viewer (the core
 * downloads the attachment once and serves it like a document's file), anything
 * can be saved, and a clerk registers a PDF as an incoming document in one step.
 */
export function Attachments({ messageId, attachments }: Props): React.JSX.Element | null {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { conn, lang } = useApp();
  const me = useMe();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [viewing, setViewing] = useState<FileRef | null>(null);
  const list = attachments.filter((a) => !a.inline || isPdfAttachment(a));
  if (list.length === 0) return null;

  const fetchFile = async (a: MailAttachment) => {
    setBusy(a.id);
    try {
      return await rpc.call('mail.attachment.open', { messageId, attachmentId: a.id });
    } catch (err) {
      void message.error(errorText(err, lang, t('mail.view.attachmentFailed')));
      return null;
    } finally {
      setBusy(null);
    }
  };

  const view = async (a: MailAttachment): Promise<void> => {
    const f = await fetchFile(a);
    if (f) setViewing({ sha256: f.sha256, name: f.name || a.name, size: Math.max(f.size, 1), mime: 'application/pdf' });
  };

  const download = async (a: MailAttachment): Promise<void> => {
    const f = await fetchFile(a);
    if (!f) return;
    try {
      const res = await fetch(conn.fileUrl(f.sha256));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = a.name || 'tep-dinh-kem';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      void message.error(t('mail.view.attachmentFailed'));
    }
  };

  return (
    <div className="mail-attachments" data-testid="mail-attachments">
      <Typography.Text type="secondary" className="mail-section-label">
        {t('mail.view.attachments', { count: list.length })}
      </Typography.Text>
      <div className="mail-attachment-list">
        {list.map((a) => {
          const pdf = isPdfAttachment(a);
          return (
            <div key={a.id} className="mail-attachment" data-testid="mail-attachment" data-name={a.name}>
              <span className="mail-attachment-icon">{pdf ? <FilePdfOutlined className="pdf-icon" /> : <FileOutlined />}</span>
              <span className="mail-attachment-text">
                <span className="mail-attachment-name" title={a.name}>
                  {a.name || t('mail.view.unnamed')}
                </span>
                <Typography.Text type="secondary" className="mail-attachment-size">
                  {fileSize(a.size, lang)}
                </Typography.Text>
              </span>
              <Space size={2}>
                {pdf && (
                  <Button size="small" type="text" icon={<EyeOutlined />} loading={busy === a.id} onClick={() => void view(a)} data-testid="attachment-view">
                    {t('mail.view.open')}
                  </Button>
                )}
                <Button size="small" type="text" icon={<DownloadOutlined />} onClick={() => void download(a)} aria-label={t('mail.view.download')} title={t('mail.view.download')} data-testid="attachment-download" />
                {pdf && canRegister(me) && (
                  <Button
                    size="small"
                    icon={<FileAddOutlined />}
                    onClick={() => navigate({ name: 'register', fromMail: { messageId, attachmentId: a.id } })}
                    data-testid="attachment-register"
                  >
                    {t('mail.view.register')}
                  </Button>
                )}
              </Space>
            </div>
          );
        })}
      </div>
      <Modal
        open={viewing !== null}
        onCancel={() => setViewing(null)}
        footer={null}
        width="min(1100px, 94vw)"
        title={viewing?.name}
        className="mail-pdf-modal"
        destroyOnHidden
        data-testid="mail-pdf-modal"
      >
        {viewing && (
          <div className="mail-pdf-frame" data-testid="mail-pdf">
            <Suspense fallback={<Loading />}>
              <PdfViewer files={[viewing]} />
            </Suspense>
          </div>
        )}
      </Modal>
    </div>
  );
}
