import { DeleteOutlined, FileWordOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Spin, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_FILE_BYTES } from '../../../shared/sync/limits.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import type { Attachment } from '../../components/AttachmentFiles.js';
import { fileSize } from '../../components/fileSize.js';
import { DRAFT_FILE_ACCEPT, isDraftFile, isPdfFile } from './format.js';

/**
 * The document file of a draft version, as a form field: one DOCX or PDF, put in the core's
 * file cache at once (files.add, typed by its bytes: a ".pdf" that is not one is refused here).
 */
export function DraftFileInput({ value = null, onChange, testId = 'out-file-input' }: { value?: Attachment | null; onChange?: (f: Attachment | null) => void; testId?: string }): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { lang } = useApp();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);

  const add = async (file: File): Promise<void> => {
    if (file.size > MAX_FILE_BYTES) {
      void message.error(`${file.name}: ${t('attachments.tooLarge', { mb: MAX_FILE_BYTES / 1024 / 1024 })}`);
      return;
    }
    setAdding(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const ref = await rpc.call('files.add', { name: file.name.normalize('NFC'), bytes, kind: 'attachment' });
      const entry: Attachment = { sha256: ref.sha256, name: ref.name, size: ref.size, mime: ref.mime };
      if (!isDraftFile(entry)) {
        void message.error(t('outgoing.form.fileType', { name: file.name }), 6);
        return;
      }
      onChange?.(entry);
    } catch (err) {
      void message.error(errorText(err, lang, t('app.unexpected')));
    } finally {
      setAdding(false);
    }
  };

  if (value)
    return (
      <div className="attachment-file out-draft-file" data-testid={`${testId}-added`} data-name={value.name}>
        <span className="attachment-file-icon">{isPdfFile(value) ? <FilePdfOutlined className="pdf-icon" /> : <FileWordOutlined className="word-icon" />}</span>
        <span className="attachment-file-name" title={value.name}>
          {value.name}
        </span>
        <Typography.Text type="secondary" className="attachment-file-size">
          {fileSize(value.size, lang)}
        </Typography.Text>
        <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange?.(null)} aria-label={`${t('attachments.remove')}: ${value.name}`} title={t('attachments.remove')} />
      </div>
    );
  return (
    <Upload
      accept={DRAFT_FILE_ACCEPT}
      showUploadList={false}
      beforeUpload={(file) => {
        void add(file);
        return false;
      }}
    >
      <Button icon={adding ? <Spin size="small" /> : <UploadOutlined />} disabled={adding} data-testid={testId}>
        {t('outgoing.form.pickFile')}
      </Button>
    </Upload>
  );
}
