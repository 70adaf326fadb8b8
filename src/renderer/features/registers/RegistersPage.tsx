import { BookOutlined, EyeOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Modal, Segmented, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileRef } from '../../../shared/incoming/index.js';
import { formatDateVi, vnToday } from '../../../shared/text/vietnamese.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import { saveBlob, XLSX_MIME } from '../../components/download.js';
import { Loading } from '../../components/Loading.js';
import { customPeriod, presetPeriod, REGISTER_PRESETS, type RegisterPeriod, type RegisterPreset } from './period.js';
// The viewer's frame in a dialog, as the attachments' own.
import '../../components/attachments.css';
import './registers.css';

// pdf.js only when a register is previewed.
const PdfViewer = lazy(() => import('../../components/pdf/PdfViewer.js').then((m) => ({ default: m.PdfViewer })));

type Book = 'incoming' | 'outgoing';
type Format = 'pdf' | 'xlsx';
const ALL = '';

/**
 * "Sổ văn bản": the incoming register (sổ đăng ký văn bản đến) or an outgoing register (sổ văn
 * bản đi) for a period, in the Decree 30 Appendix IV layout, built by the core from what this
 * user holds (outgoing.registerBook) and saved as PDF or XLSX, or looked at first in the viewer.
 */
export function RegistersPage(): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { org, lang } = useApp();
  const { message } = App.useApp();
  const [book, setBook] = useState<Book>('incoming');
  const [period, setPeriod] = useState<RegisterPeriod>(() => presetPeriod('month', vnToday()));
  const [registerId, setRegisterId] = useState<string>(ALL);
  const [busy, setBusy] = useState<Format | 'preview' | null>(null);
  const [preview, setPreview] = useState<FileRef | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const registers = org?.outgoing?.registers ?? [];

  const build = (format: Format): Promise<{ name: string; bytes: Uint8Array }> =>
    rpc.call('outgoing.registerBook', { book, from: period.from, to: period.to, registerId: book === 'outgoing' && registerId !== ALL ? registerId : null, format });

  const download = async (format: Format): Promise<void> => {
    setBusy(format);
    try {
      const file = await build(format);
      saveBlob(new Blob([file.bytes.slice().buffer], { type: format === 'pdf' ? 'application/pdf' : XLSX_MIME }), file.name);
    } catch (err) {
      void message.error(errorText(err, lang, t('registers.failed')));
    } finally {
      setBusy(null);
    }
  };

  // The viewer reads files from the local cache: the register goes there first, as the printed week does.
  const show = async (): Promise<void> => {
    setBusy('preview');
    try {
      const file = await build('pdf');
      const added = await rpc.call('files.add', { name: file.name, bytes: file.bytes, kind: 'document' });
      setPreview({ sha256: added.sha256, name: file.name, size: added.size, mime: 'application/pdf' });
    } catch (err) {
      void message.error(errorText(err, lang, t('registers.failed')));
    } finally {
      setBusy(null);
    }
  };

  const range = `${formatDateVi(period.from)} – ${formatDateVi(period.to)}`;
  const registerName = book === 'outgoing' && registerId !== ALL ? (registers.find((r) => r.id === registerId)?.name ?? '') : '';

  return (
    <div className="screen registers-page" data-testid="registers-page">
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('registers.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('registers.subtitle')}</Typography.Text>
        </div>
      </div>

      <div className="registers-card">
        <Form layout="vertical" requiredMark={false} className="registers-form">
          <Form.Item label={t('registers.book')}>
            <Segmented<Book>
              value={book}
              onChange={setBook}
              options={[
                { value: 'incoming', label: t('registers.books.incoming'), icon: <BookOutlined /> },
                { value: 'outgoing', label: t('registers.books.outgoing'), icon: <BookOutlined /> },
              ]}
              data-testid="registers-book"
            />
          </Form.Item>
          <Form.Item label={t('registers.period')} extra={t('registers.periodHint')}>
            <div className="registers-period">
              <Segmented<RegisterPreset | 'custom'>
                value={period.preset ?? 'custom'}
                // "Tùy chọn" opens the calendar: the dates picked there make the period.
                onChange={(v) => (v === 'custom' ? setPickerOpen(true) : setPeriod(presetPeriod(v, vnToday())))}
                options={[...REGISTER_PRESETS.map((p) => ({ value: p, label: t(`registers.presets.${p}`) })), { value: 'custom' as const, label: t('registers.presets.custom') }]}
                data-testid="registers-preset"
              />
              <DatePicker.RangePicker
                format="DD/MM/YYYY"
                allowClear={false}
                open={pickerOpen}
                onOpenChange={setPickerOpen}
                value={[dayjs(period.from), dayjs(period.to)]}
                onChange={(v) => {
                  if (v?.[0] && v[1]) setPeriod(customPeriod(v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')));
                }}
                placeholder={[t('registers.from'), t('registers.to')]}
                aria-label={t('registers.period')}
                data-testid="registers-range"
              />
            </div>
          </Form.Item>
          {book === 'outgoing' && (
            <Form.Item label={t('registers.register')}>
              <Select
                value={registerId}
                onChange={setRegisterId}
                options={[{ value: ALL, label: t('registers.allRegisters') }, ...registers.map((r) => ({ value: r.id, label: r.secret ? `${r.name} (${t('registers.secret')})` : r.name }))]}
                className="registers-register"
                data-testid="registers-register"
              />
            </Form.Item>
          )}
        </Form>
        <div className="registers-summary" data-testid="registers-summary">
          <strong>{book === 'incoming' ? t('registers.books.incoming') : t('registers.books.outgoing')}</strong>
          {registerName ? ` · ${registerName}` : ''}
          {' · '}
          {range}
        </div>
        <div className="registers-actions">
          <Button icon={<EyeOutlined />} onClick={() => void show()} loading={busy === 'preview'} disabled={busy !== null && busy !== 'preview'} data-testid="registers-preview">
            {t('registers.preview')}
          </Button>
          <Button type="primary" icon={<FilePdfOutlined />} onClick={() => void download('pdf')} loading={busy === 'pdf'} disabled={busy !== null && busy !== 'pdf'} data-testid="registers-pdf">
            {t('registers.downloadPdf')}
          </Button>
          <Button icon={<FileExcelOutlined />} onClick={() => void download('xlsx')} loading={busy === 'xlsx'} disabled={busy !== null && busy !== 'xlsx'} data-testid="registers-xlsx">
            {t('registers.downloadXlsx')}
          </Button>
        </div>
        {book === 'outgoing' && registers.length === 0 && <Alert type="info" showIcon title={t('registers.noRegisters')} />}
      </div>

      <Modal open={preview !== null} onCancel={() => setPreview(null)} footer={null} width="min(1200px, 96vw)" title={preview?.name} destroyOnHidden rootClassName="registers-preview-dialog">
        {preview && (
          <div className="attachment-pdf-frame">
            <Suspense fallback={<Loading />}>
              <PdfViewer files={[preview]} verify={false} />
            </Suspense>
          </div>
        )}
      </Modal>
    </div>
  );
}
