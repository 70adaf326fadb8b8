import { DownloadOutlined } from '@ant-design/icons';
import { Button, Modal, Result } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileRef } from '../../../shared/incoming/index.js';
import { weekTitle } from '../../../shared/schedule/index.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import { saveBlob } from '../../components/download.js';
import { Loading } from '../../components/Loading.js';

// pdf.js only when the printed week is shown.
const PdfViewer = lazy(() => import('../../components/pdf/PdfViewer.js').then((m) => ({ default: m.PdfViewer })));

/**
 * "In lịch tuần": the core prints the week (schedule.pdf, A4 landscape with its revision); the
 * PDF goes into the local file cache so the app's viewer shows it (zoom, search, print from
 * its download), and "Lưu tệp PDF" keeps a copy.
 */
export function PrintWeekDialog({ weekStart, onClose }: { weekStart: string; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const rpc = useRpc();
  const [pdf, setPdf] = useState<{ name: string; bytes: Uint8Array; ref: FileRef } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let alive = true;
    (async () => {
      const r = await rpc.call('schedule.pdf', { date: weekStart });
      const added = await rpc.call('files.add', { name: r.name, bytes: r.bytes, kind: 'document' });
      if (alive) setPdf({ name: r.name, bytes: r.bytes, ref: { sha256: added.sha256, name: r.name, size: added.size, mime: 'application/pdf' } });
    })().catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [rpc, weekStart]);
  return (
    <Modal
      open
      onCancel={onClose}
      title={t('schedule.print.title', { week: weekTitle(weekStart, lang) })}
      width="min(1200px, 96vw)"
      destroyOnHidden
      rootClassName="sched-print-dialog"
      footer={[
        <Button key="close" onClick={onClose}>
          {t('app.close')}
        </Button>,
        <Button key="save" type="primary" icon={<DownloadOutlined />} disabled={!pdf} onClick={() => pdf && saveBlob(new Blob([pdf.bytes.slice().buffer], { type: 'application/pdf' }), pdf.name)} data-testid="sched-print-save">
          {t('schedule.print.save')}
        </Button>,
      ]}
    >
      <div className="attachment-pdf-frame sched-print-frame" data-testid="sched-print">
        {error ? (
          <Result status="warning" title={t('schedule.print.failed')} subTitle={errorText(error, lang, '')} />
        ) : pdf ? (
          <Suspense fallback={<Loading />}>
            <PdfViewer files={[pdf.ref]} />
          </Suspense>
        ) : (
          <Loading text={t('schedule.print.loading')} />
        )}
      </div>
    </Modal>
  );
}
