import { FilePdfOutlined, FileWordOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Result, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VERSION_KIND_LABELS, type OutgoingView } from '../../../shared/outgoing/index.js';
import { formatDateTimeVi } from '../../../shared/text/vietnamese.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText, userName } from '../../app/util.js';
import { AttachmentFileList } from '../../components/AttachmentFiles.js';
import { Loading } from '../../components/Loading.js';
import { isPdfFile, loc } from './format.js';
import { useOutgoingMutate } from './useOutgoing.js';

const PdfViewer = lazy(() => import('../../components/pdf/PdfViewer.js').then((m) => ({ default: m.PdfViewer })));

/**
 * The document's file: the version chosen in the versions panel (the latest by default). A PDF
 * opens in the viewer; a DOCX is offered for download and, to whoever may add a version,
 * converted to PDF (where the core has a converter) as the version to sign.
 */
export function FileArea({ view, shown, onUpload }: { view: OutgoingView; shown: number | null; onUpload: (() => void) | null }): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { org, lang } = useApp();
  const { message } = App.useApp();
  const mutate = useOutgoingMutate();
  const [converting, setConverting] = useState(false);
  const doc = view.document;
  const version = doc.versions.find((v) => v.n === shown) ?? doc.versions.at(-1) ?? null;

  if (!version)
    return (
      <Empty className="doc-nofiles" description={t('outgoing.view.noFile')} data-testid="out-no-file">
        {onUpload && (
          <Button type="primary" icon={<UploadOutlined />} onClick={onUpload} data-testid="out-upload-first">
            {t('outgoing.actions.addVersion')}
          </Button>
        )}
      </Empty>
    );

  const caption = (
    <div className="out-file-caption" data-testid="out-file-caption" data-version={version.n}>
      <Typography.Text strong>{t('outgoing.versions.title', { n: version.n, kind: loc(VERSION_KIND_LABELS[version.kind], lang) })}</Typography.Text>
      <Typography.Text type="secondary">
        {' · '}
        {userName(org, version.by)} · {formatDateTimeVi(version.at)}
      </Typography.Text>
    </div>
  );

  if (isPdfFile(version.file))
    return (
      <div className="out-file" data-testid="out-file">
        {caption}
        <div className="out-file-viewer">
          <Suspense fallback={<Loading />}>
            <PdfViewer key={version.file.sha256} files={[{ sha256: version.file.sha256, name: version.file.name, size: version.file.size, mime: 'application/pdf' }]} />
          </Suspense>
        </div>
      </div>
    );

  const convert = async (): Promise<void> => {
    setConverting(true);
    try {
      const r = await rpc.call('outgoing.convertToPdf', { sha256: version.file.sha256, name: version.file.name });
      if (!r.available || !r.file) {
        void message.warning(t('outgoing.view.noConverter'), 8);
        return;
      }
      await mutate('outgoing.addVersion', { documentId: doc.id, file: r.file, note: t('outgoing.view.convertedNote', { name: version.file.name }) });
    } catch (err) {
      void message.error(errorText(err, lang, t('app.unexpected')), 8);
    } finally {
      setConverting(false);
    }
  };

  return (
    <div className="out-file" data-testid="out-file">
      {caption}
      <Result
        className="out-file-docx"
        icon={<FileWordOutlined className="word-icon" />}
        title={version.file.name}
        subTitle={t('outgoing.view.docxNote')}
        extra={
          <div className="out-file-docx-actions">
            <AttachmentFileList files={[version.file]} testId="out-docx" prefix="out-docx" />
            {/* Only the latest version is the one to sign: an older Word file is for reading. */}
            {onUpload && version === doc.versions.at(-1) && (
              <div className="out-file-docx-buttons">
                <Button icon={<FilePdfOutlined />} loading={converting} onClick={() => void convert()} data-testid="out-convert">
                  {t('outgoing.view.convert')}
                </Button>
                <Button icon={<UploadOutlined />} onClick={onUpload}>
                  {t('outgoing.view.uploadPdf')}
                </Button>
              </div>
            )}
          </div>
        }
      />
    </div>
  );
}
