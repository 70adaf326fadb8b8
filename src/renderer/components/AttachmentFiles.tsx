import { DeleteOutlined, DownloadOutlined, EyeOutlined, FileOutlined, FilePdfOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, Modal, Spin, Typography, Upload } from 'antd';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileRef } from '../../shared/incoming/index.js';
import { MAX_FILE_BYTES } from '../../shared/sync/limits.js';
import { useApp, useRpc } from '../app/AppContext.js';
import { errorText } from '../app/util.js';
import { downloadFile } from './download.js';
import { fileSize } from './fileSize.js';
import { Loading } from './Loading.js';
import './attachments.css';

// pdf.js only when a PDF is opened.
const PdfViewer = lazy(() => import('./pdf/PdfViewer.js').then((m) => ({ default: m.PdfViewer })));

/** A file attached to a task, a schedule entry… (shared/model/attachment.ts AttachmentFile, zod-free here). */
export interface Attachment {
  sha256: string;
  name: string;
  size: number;
  mime: string;
}

const MAX_FILE_MB = MAX_FILE_BYTES / 1024 / 1024;
/** By type, not name: the core sniffed it from the bytes (files.add), so a ".pdf" that is not one is offered as a download only. */
const isPdf = (f: Pick<Attachment, 'mime'>): boolean => f.mime.split(';')[0]!.trim().toLowerCase() === 'application/pdf';

/**
 * Attached files (any type): a PDF opens in the documents' viewer, anything is saved.
 * The core fetches a file once (files.open) and the host serves it by its hash.
 * `prefix` names the test ids of the rows ("task-file", "task-file-download").
 */
export function AttachmentFileList({ files, testId = 'attachment-files', prefix = 'attachment' }: { files: readonly Attachment[]; testId?: string; prefix?: string }): React.JSX.Element | null {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { conn, lang } = useApp();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [viewing, setViewing] = useState<FileRef | null>(null);
  if (files.length === 0) return null;

  const download = async (f: Attachment): Promise<void> => {
    setBusy(f.sha256);
    try {
      await downloadFile(rpc, (sha) => conn.fileUrl(sha), f);
    } catch (err) {
      void message.error(errorText(err, lang, t('attachments.failed')));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="attachment-files" data-testid={testId}>
      {files.map((f) => (
        <div key={f.sha256} className="attachment-file" data-testid={`${prefix}-file`} data-name={f.name}>
          <span className="attachment-file-icon">{isPdf(f) ? <FilePdfOutlined className="pdf-icon" /> : <FileOutlined />}</span>
          <span className="attachment-file-name" title={f.name}>
            {f.name}
          </span>
          <Typography.Text type="secondary" className="attachment-file-size">
            {fileSize(f.size, lang)}
          </Typography.Text>
          {isPdf(f) && (
            <Button size="small" type="text" icon={<EyeOutlined />} onClick={() => setViewing({ sha256: f.sha256, name: f.name, size: f.size, mime: 'application/pdf' })}>
              {t('attachments.view')}
            </Button>
          )}
          <Button
            size="small"
            type="text"
            icon={<DownloadOutlined />}
            loading={busy === f.sha256}
            onClick={() => void download(f)}
            aria-label={`${t('attachments.download')}: ${f.name}`}
            title={t('attachments.download')}
            data-testid={`${prefix}-file-download`}
          />
        </div>
      ))}
      <Modal open={viewing !== null} onCancel={() => setViewing(null)} footer={null} width="min(1100px, 94vw)" title={viewing?.name} destroyOnHidden className="attachment-pdf-modal">
        {viewing && (
          <div className="attachment-pdf-frame">
            <Suspense fallback={<Loading />}>
              <PdfViewer files={[viewing]} />
            </Suspense>
          </div>
        )}
      </Modal>
    </div>
  );
}

/**
 * Files to attach, as a form field: each file is put in the core's file cache at once
 * (files.add; uploaded before the action that needs it), any type, up to the server's
 * size and `max` files. The value is the files' references.
 */
export function AttachmentFilesInput({
  value = [],
  onChange,
  max,
  testId = 'attachment-files-input',
  prefix = 'attachment',
}: {
  value?: Attachment[];
  onChange?: (files: Attachment[]) => void;
  max: number;
  testId?: string;
  prefix?: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { lang } = useApp();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(0);
  // Several files may be dropped at once: each add sees the list as the previous ones left it.
  const latest = useRef(value);
  latest.current = value;

  const add = async (file: File): Promise<void> => {
    if (file.size > MAX_FILE_BYTES) {
      void message.error(`${file.name}: ${t('attachments.tooLarge', { mb: MAX_FILE_MB })}`);
      return;
    }
    setAdding((n) => n + 1);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // Any type, under a safe name, typed by its bytes (not by what the browser guessed from the name).
      const ref = await rpc.call('files.add', { name: file.name.normalize('NFC'), bytes, kind: 'attachment' });
      const entry: Attachment = { sha256: ref.sha256, name: ref.name, size: ref.size, mime: ref.mime };
      const cur = latest.current;
      if (cur.some((f) => f.sha256 === entry.sha256)) return;
      if (cur.length >= max) {
        void message.error(t('attachments.tooMany', { max }));
        return;
      }
      latest.current = [...cur, entry];
      onChange?.(latest.current);
    } catch (err) {
      void message.error(errorText(err, lang, t('app.unexpected')));
    } finally {
      setAdding((n) => n - 1);
    }
  };

  const remove = (sha256: string): void => {
    latest.current = latest.current.filter((f) => f.sha256 !== sha256);
    onChange?.(latest.current);
  };

  return (
    <div className="attachment-files-input">
      <Upload.Dragger
        multiple
        showUploadList={false}
        disabled={value.length >= max}
        beforeUpload={(file) => {
          void add(file);
          return false;
        }}
        data-testid={testId}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-hint">{t('attachments.hint', { mb: MAX_FILE_MB, max })}</p>
      </Upload.Dragger>
      {(value.length > 0 || adding > 0) && (
        <div className="attachment-files">
          {value.map((f) => (
            <div key={f.sha256} className="attachment-file" data-testid={`${prefix}-file-added`}>
              <span className="attachment-file-icon">{isPdf(f) ? <FilePdfOutlined className="pdf-icon" /> : <FileOutlined />}</span>
              <span className="attachment-file-name" title={f.name}>
                {f.name}
              </span>
              <Typography.Text type="secondary" className="attachment-file-size">
                {fileSize(f.size, lang)}
              </Typography.Text>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.sha256)} aria-label={`${t('attachments.remove')}: ${f.name}`} title={t('attachments.remove')} />
            </div>
          ))}
          {adding > 0 && (
            <div className="attachment-file">
              <Spin size="small" /> <Typography.Text type="secondary">{t('attachments.adding')}</Typography.Text>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
