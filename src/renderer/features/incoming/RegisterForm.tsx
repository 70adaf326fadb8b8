import { DeleteOutlined, FilePdfOutlined, InboxOutlined, MailOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Spin, Typography, Upload, App } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseCodeNotation, splitTypedNumber } from '../../../shared/domain/documentNumber.js';
import { withheldContent } from '../../../shared/incoming/secretContent.js';
import type { Confidentiality, FileRef, SourceMail, Urgency } from '../../../shared/incoming/model.js';
import { MAX_FILE_BYTES, MAX_FILES_PER_DOCUMENT } from '../../../shared/sync/limits.js';
import { formatDateVi, vnToday } from '../../../shared/text/vietnamese.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import type { FromMail } from '../../app/routes.js';
import { errorText, newId } from '../../app/util.js';
import { CONFIDENTIALITIES, DOCUMENT_TYPES, METADATA_LIMITS as L, URGENCIES } from './constants.js';
import { blockEnterSubmit } from '../../components/forms.js';
import { useMutate } from './useDocument.js';
import { filterOption } from '../../components/pickerFilter.js';

interface Values {
  issuer: string;
  codeNumber: string;
  codeNotation: string;
  issuedDate: Dayjs | null;
  documentType: string;
  subject: string;
  signerName: string;
  signerPosition: string;
  urgency: Urgency;
  confidentiality: Confidentiality;
  dueDate: Dayjs | null;
  pageCount: number | null;
  description: string;
}

interface Duplicate {
  id: string;
  arrivalNumber: number;
  arrivalYear: number;
  subject: string;
}

const MAX_FILE_MB = MAX_FILE_BYTES / 1024 / 1024;
const iso = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);

/**
 * The clerk's registration of an incoming document (Decree 30, Art. 22): the
 * metadata of Appendix VI II.II with the same limits as IncomingMetadata, the PDF
 * files (files.add), and the duplicate warning before anything is written.
 */
export function RegisterForm({ fromMail }: { fromMail?: FromMail } = {}): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { lang, org } = useApp();
  const { message, modal } = App.useApp();
  const mutate = useMutate();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<FileRef[]>([]);
  const [adding, setAdding] = useState(0);
  const [busy, setBusy] = useState(false);
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const seq = useRef(0);
  const confidentiality = Form.useWatch('confidentiality', form);
  // The same rule the server shapes pulls with, under the agency's policy (synced with the organisation).
  const contentWithheld = withheldContent(confidentiality ?? 'normal', org?.secretContent).length > 0;
  // Registering a mail attachment: the form starts filled in from the message, and the document keeps a link to it.
  const [sourceMail, setSourceMail] = useState<SourceMail | null>(null);
  const [prefill, setPrefill] = useState<'loading' | 'done' | { error: string } | null>(fromMail ? 'loading' : null);
  useEffect(() => {
    if (!fromMail) return;
    let alive = true;
    rpc.call('mail.registerPrefill', fromMail).then(
      (p) => {
        if (!alive) return;
        const m = p.metadata;
        form.setFieldsValue({
          ...(m.issuer ? { issuer: m.issuer } : {}),
          ...(m.subject ? { subject: m.subject } : {}),
          ...(m.issuedDate ? { issuedDate: dayjs(m.issuedDate) } : {}),
        });
        setFiles([p.file]);
        setSourceMail({ messageIdHeader: p.source.messageIdHeader, from: p.source.from, subject: p.source.subject.slice(0, 998), receivedAt: p.source.date });
        setPrefill('done');
      },
      (err: unknown) => alive && setPrefill({ error: errorText(err, lang, t('app.unexpected')) }),
    );
    return () => {
      alive = false;
    };
  }, [fromMail, rpc, form, lang, t]);

  const req = (field: string) => ({ required: true, whitespace: true, message: t('register.required', { field: field.toLowerCase() }) });
  const max = (field: string, n: number) => ({ max: n, message: t('register.max', { field, max: n }) });

  /** Ask the core (and, when online, the server) for registered documents with the same number, symbol, issuer and date. */
  const checkDuplicates = useCallback(async (): Promise<Duplicate[]> => {
    const v = form.getFieldsValue();
    const issuedDate = iso(v.issuedDate);
    if (!v.codeNumber?.trim() || !v.codeNotation?.trim() || !v.issuer?.trim() || !issuedDate) {
      setDuplicates([]);
      return [];
    }
    const params = { codeNumber: v.codeNumber.trim(), codeNotation: v.codeNotation.trim(), issuer: v.issuer.trim(), issuedDate };
    const mine = ++seq.current;
    try {
      const found = await rpc.call('incoming.checkDuplicates', params);
      // Answers can cross when the clerk types fast: only the latest question counts.
      if (mine === seq.current) setDuplicates(found);
      return found;
    } catch {
      return [];
    }
  }, [form, rpc]);

  const addFile = async (file: File): Promise<void> => {
    if (file.size > MAX_FILE_BYTES) {
      void message.error(t('register.tooLarge', { mb: MAX_FILE_MB }));
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const magic = new TextDecoder().decode(bytes.subarray(0, 5));
    if (magic !== '%PDF-') {
      void message.error(t('register.onlyPdf'));
      return;
    }
    setAdding((n) => n + 1);
    try {
      // kind 'document' (the default): the core takes a PDF only, so its type is a PDF's.
      const ref = { ...(await rpc.call('files.add', { name: file.name.normalize('NFC'), bytes })), mime: 'application/pdf' as const };
      setFiles((fs) => (fs.some((f) => f.sha256 === ref.sha256) ? fs : [...fs, ref]));
    } catch (err) {
      void message.error(errorText(err, lang, t('app.unexpected')));
    } finally {
      setAdding((n) => n - 1);
    }
  };

  const register = async (v: Values): Promise<void> => {
    const documentId = newId();
    setBusy(true);
    const ok = await mutate('incoming.register', {
      documentId,
      metadata: {
        issuer: v.issuer.trim(),
        codeNumber: v.codeNumber.trim(),
        codeNotation: v.codeNotation.trim(),
        issuedDate: iso(v.issuedDate) ?? '',
        documentType: v.documentType.trim(),
        subject: v.subject.trim(),
        signerName: (v.signerName ?? '').trim(),
        signerPosition: (v.signerPosition ?? '').trim(),
        urgency: v.urgency,
        confidentiality: v.confidentiality,
        dueDate: iso(v.dueDate),
        pageCount: v.pageCount ?? null,
        description: (v.description ?? '').trim(),
        ...(sourceMail ? { sourceMail } : {}),
      },
      files,
    });
    setBusy(false);
    if (ok) {
      void message.success(t('register.done'));
      navigate({ name: 'document', id: documentId });
    }
  };

  const submit = async (v: Values): Promise<void> => {
    setBusy(true);
    const found = await checkDuplicates();
    setBusy(false);
    if (found.length === 0) return register(v);
    modal.confirm({
      title: t('register.duplicateTitle'),
      icon: <WarningOutlined className="warn-icon" />,
      content: <DuplicateList items={found} />,
      okText: t('register.duplicateContinue'),
      cancelText: t('app.cancel'),
      rootClassName: 'duplicate-confirm',
      onOk: () => register(v),
    });
  };

  // Split "15/QĐ-UBND" typed into the number field; the symbol keeps the clerk's case ("TTr", "QĐ-TTg").
  const normaliseCode = (): void => {
    const split = splitTypedNumber((form.getFieldValue('codeNumber') as string | undefined) ?? '');
    if (split && !form.getFieldValue('codeNotation')) form.setFieldsValue(split);
    const s = (form.getFieldValue('codeNotation') as string | undefined) ?? '';
    if (s) form.setFieldValue('codeNotation', normaliseCodeNotation(s));
    void checkDuplicates();
  };

  return (
    <div className="screen register-page" data-testid="register-form">
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('register.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('register.intro')}</Typography.Text>
        </div>
      </div>
      {prefill === 'loading' && <Alert type="info" showIcon icon={<Spin size="small" />} title={t('mail.prefill.loading')} />}
      {prefill === 'done' && sourceMail && (
        <Alert
          type="info"
          showIcon
          icon={<MailOutlined />}
          data-testid="register-from-mail"
          title={t('mail.prefill.title', { from: sourceMail.from?.name || sourceMail.from?.address || t('mail.list.noSender'), date: formatDateVi(sourceMail.receivedAt) })}
          description={t('mail.prefill.text')}
        />
      )}
      {prefill !== null && typeof prefill === 'object' && <Alert type="error" showIcon title={t('mail.prefill.failed')} description={prefill.error} data-testid="register-from-mail-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ urgency: 'normal', confidentiality: 'normal', signerName: '', signerPosition: '', description: '', pageCount: null, dueDate: null, issuedDate: null }}
        scrollToFirstError
        className="register-form"
        onKeyDown={blockEnterSubmit}
      >
        <Card title={t('register.sectionDocument')} size="small" className="form-card">
          <div className="form-grid">
            <Form.Item name="issuer" label={t('doc.field.issuer')} rules={[req(t('doc.field.issuer')), max(t('doc.field.issuer'), L.issuer)]} className="span-2">
              <Input maxLength={L.issuer} placeholder={t('register.issuerPlaceholder')} onBlur={() => void checkDuplicates()} data-testid="f-issuer" />
            </Form.Item>
            <Form.Item
              name="codeNumber"
              label={t('doc.field.codeNumber')}
              rules={[req(t('doc.field.codeNumber')), max(t('doc.field.codeNumber'), L.codeNumber), { pattern: /^[^\s/]+$/u, message: t('register.codeNumberInvalid') }]}
            >
              <Input maxLength={L.codeNumber + 40} placeholder={t('register.codeNumberPlaceholder')} onBlur={normaliseCode} data-testid="f-codeNumber" />
            </Form.Item>
            <Form.Item
              name="codeNotation"
              label={t('doc.field.codeNotation')}
              rules={[req(t('doc.field.codeNotation')), max(t('doc.field.codeNotation'), L.codeNotation), { pattern: /^\S+$/u, message: t('register.codeNotationInvalid') }]}
            >
              <Input maxLength={L.codeNotation} placeholder={t('register.codeNotationPlaceholder')} onBlur={normaliseCode} data-testid="f-codeNotation" />
            </Form.Item>
            <Form.Item
              name="issuedDate"
              label={t('doc.field.issuedDate')}
              rules={[
                { required: true, message: t('register.required', { field: t('doc.field.issuedDate').toLowerCase() }) },
                { validator: async (_r, d: Dayjs | null) => (d && iso(d)! > vnToday() ? Promise.reject(new Error(t('register.issuedFuture'))) : undefined) },
              ]}
            >
              <DatePicker format={['DD/MM/YYYY', 'D/M/YYYY']} placeholder={t('register.datePlaceholder')} onChange={() => void checkDuplicates()} className="full" data-testid="f-issuedDate" />
            </Form.Item>
            <Form.Item name="documentType" label={t('doc.field.documentType')} rules={[req(t('doc.field.documentType')), max(t('doc.field.documentType'), L.documentType)]}>
              <AutoComplete
                options={DOCUMENT_TYPES.map((d) => ({ value: d }))}
                maxLength={L.documentType}
                showSearch={{ filterOption }}
                data-testid="f-documentType"
              />
            </Form.Item>
            <Form.Item name="subject" label={t('doc.field.subject')} rules={[req(t('doc.field.subject')), max(t('doc.field.subject'), L.subject)]} className="span-2">
              <Input.TextArea rows={3} maxLength={L.subject} showCount placeholder={t('register.subjectPlaceholder')} data-testid="f-subject" />
            </Form.Item>
            <Form.Item name="signerName" label={t('doc.field.signerName')} rules={[max(t('doc.field.signerName'), L.signerName)]}>
              <Input maxLength={L.signerName} placeholder={t('register.signerNamePlaceholder')} data-testid="f-signerName" />
            </Form.Item>
            <Form.Item name="signerPosition" label={t('doc.field.signerPosition')} rules={[max(t('doc.field.signerPosition'), L.signerPosition)]}>
              <Input maxLength={L.signerPosition} placeholder={t('register.signerPositionPlaceholder')} data-testid="f-signerPosition" />
            </Form.Item>
          </div>
          {duplicates.length > 0 && (
            <Alert
              type="warning"
              showIcon
              className="form-note"
              title={t('register.duplicateTitle')}
              description={<DuplicateList items={duplicates} />}
              data-testid="duplicate-warning"
            />
          )}
        </Card>

        <Card title={t('register.sectionProcessing')} size="small" className="form-card">
          <div className="form-grid form-grid-4">
            <Form.Item name="urgency" label={t('doc.field.urgency')} rules={[{ required: true, message: t('register.requiredSelect', { field: t('doc.field.urgency').toLowerCase() }) }]}>
              <Select options={URGENCIES.map((u) => ({ value: u, label: t(`doc.urgency.${u}`) }))} data-testid="f-urgency" />
            </Form.Item>
            <Form.Item name="confidentiality" label={t('doc.field.confidentiality')} rules={[{ required: true }]}>
              <Select options={CONFIDENTIALITIES.map((c) => ({ value: c, label: t(`doc.confidentiality.${c}`) }))} data-testid="f-confidentiality" />
            </Form.Item>
            <Form.Item
              name="dueDate"
              label={t('doc.field.dueDate')}
              dependencies={['issuedDate']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_r, d: Dayjs | null) => {
                    const issued = iso(getFieldValue('issuedDate') as Dayjs | null);
                    if (d && issued && iso(d)! < issued) throw new Error(t('register.dueBeforeIssued'));
                  },
                }),
              ]}
            >
              <DatePicker format={['DD/MM/YYYY', 'D/M/YYYY']} placeholder={t('register.datePlaceholder')} className="full" data-testid="f-dueDate" />
            </Form.Item>
            <Form.Item name="pageCount" label={t('doc.field.pageCount')} rules={[{ type: 'integer', min: 1, max: 999, message: t('register.pageCountInvalid') }]}>
              <InputNumber min={1} max={999} precision={0} className="full" data-testid="f-pageCount" />
            </Form.Item>
            <Form.Item name="description" label={t('doc.field.description')} rules={[max(t('doc.field.description'), L.description)]} className="span-4">
              <Input maxLength={L.description} data-testid="f-description" />
            </Form.Item>
          </div>
          {contentWithheld && <Alert type="info" showIcon title={t('register.secretNote')} className="form-note" data-testid="secret-note" />}
        </Card>

        <Card title={t('register.sectionFiles')} size="small" className="form-card">
          <Upload.Dragger
            accept="application/pdf,.pdf"
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              void addFile(file);
              return Upload.LIST_IGNORE;
            }}
            disabled={files.length >= MAX_FILES_PER_DOCUMENT}
            data-testid="f-files"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('register.upload')}</p>
            <p className="ant-upload-hint">{t('register.uploadHint', { count: MAX_FILES_PER_DOCUMENT, mb: MAX_FILE_MB })}</p>
          </Upload.Dragger>
          {(files.length > 0 || adding > 0) && (
            <div className="plain-list file-list">
              {files.map((f) => (
                <div key={f.sha256} className="plain-list-item" data-testid="file-item">
                  <Space>
                    <FilePdfOutlined className="pdf-icon" />
                    <span>{f.name}</span>
                    <Typography.Text type="secondary">{(f.size / 1024).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 0 })} KB</Typography.Text>
                  </Space>
                  <Button type="text" size="small" icon={<DeleteOutlined />} onClick={() => setFiles((fs) => fs.filter((x) => x.sha256 !== f.sha256))} aria-label={t('register.removeFile')} />
                </div>
              ))}
              {adding > 0 && (
                <div className="plain-list-item">
                  <Spin size="small" /> {t('register.adding')}
                </div>
              )}
            </div>
          )}
        </Card>

        <div className="form-actions">
          <Button onClick={() => (fromMail ? history.back() : navigate({ name: 'incoming' }))}>{fromMail ? t('mail.prefill.backToMail') : t('app.cancel')}</Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFiles([]);
              setSourceMail(null);
              setPrefill(null);
              setDuplicates([]);
            }}
          >
            {t('register.reset')}
          </Button>
          <Button type="primary" htmlType="submit" loading={busy} disabled={adding > 0} data-testid="register-submit">
            {t('register.submit')}
          </Button>
        </div>
      </Form>
    </div>
  );
}

function DuplicateList({ items }: { items: Duplicate[] }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div>
      <div>{t('register.duplicateText')}</div>
      <ul className="duplicate-list">
        {items.map((d) => (
          <li key={d.id}>
            {d.arrivalNumber > 0
              ? t('register.duplicateItem', { number: d.arrivalNumber, year: d.arrivalYear, subject: d.subject })
              : t('register.duplicateItemPending', { subject: d.subject })}
          </li>
        ))}
      </ul>
    </div>
  );
}
