import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, TreeSelect, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTGOING_LIMITS, OUTGOING_TEXT, SIGNER_COMPETENCES, type DraftInput, type RecipientKind, type DraftPatch, type OutgoingDocument, type SignerCompetence } from '../../../shared/outgoing/index.js';
import type { Confidentiality, Urgency } from '../../../shared/incoming/index.js';
import type { Organisation } from '../../../shared/model/organisation.js';
import { useApp } from '../../app/AppContext.js';
import { newId, sortPeople, unitName } from '../../app/util.js';
import { AttachmentFilesInput, type Attachment } from '../../components/AttachmentFiles.js';
import { blockEnterSubmit, isPast } from '../../components/forms.js';
import { filterOption, filterTreeNode } from '../../components/pickerFilter.js';
import { CONFIDENTIALITIES, URGENCIES } from '../incoming/index.js';
import { unitTree } from '../tasks/index.js';
import { DraftFileInput } from './DraftFileInput.js';
import { DRAFT_TYPES } from './format.js';
import { RecipientsInput, type RecipientValue } from './RecipientsInput.js';
import { useOutgoingMutate } from './useOutgoing.js';

/** The form's values: the draft's fields (DraftInput), a date as dayjs, and on creation the first file. */
export interface DraftValues {
  documentType: string;
  subject: string;
  draftingUnitId: string;
  signerId: string | null;
  signerCompetence: SignerCompetence;
  signerPosition: string;
  urgency: Urgency;
  confidentiality: Confidentiality;
  replyDueDate: Dayjs | null;
  recipients: RecipientValue[];
  copies: number;
  pageCount: number | null;
  description: string;
  attachments: Attachment[];
  file?: Attachment | null;
  versionNote?: string;
}

/** The fields as the mutation takes them (trimmed, NFC). */
export function fieldsOf(v: DraftValues): DraftInput {
  return {
    documentType: v.documentType.normalize('NFC').trim(),
    subject: v.subject.normalize('NFC').trim(),
    draftingUnitId: v.draftingUnitId,
    signerId: v.signerId ?? null,
    signerCompetence: v.signerCompetence,
    signerPosition: (v.signerPosition ?? '').normalize('NFC').trim(),
    urgency: v.urgency,
    confidentiality: v.confidentiality,
    replyDueDate: v.replyDueDate ? v.replyDueDate.format('YYYY-MM-DD') : null,
    recipients: v.recipients,
    copies: v.copies ?? 1,
    pageCount: v.pageCount ?? null,
    description: (v.description ?? '').normalize('NFC').trim(),
  };
}

/** Fields from a document, a reply's prefill or nothing. */
export type FieldsLike = Partial<Omit<DraftInput, 'recipients'>> & {
  recipients?: readonly { id?: string; kind: RecipientKind; unitId?: string | null; name: string; email?: string | null }[];
};

/** A document's fields as the form's values (editing it, or a new one that replaces it: `fresh` gives the recipients new ids). */
export function valuesOf(d: FieldsLike, base: DraftValues, fresh = false): DraftValues {
  return {
    ...base,
    ...(d.documentType ? { documentType: d.documentType } : {}),
    ...(d.subject ? { subject: d.subject } : {}),
    ...(d.draftingUnitId ? { draftingUnitId: d.draftingUnitId } : {}),
    ...(d.signerId !== undefined ? { signerId: d.signerId } : {}),
    ...(d.signerCompetence !== undefined ? { signerCompetence: d.signerCompetence } : {}),
    ...(d.signerPosition !== undefined ? { signerPosition: d.signerPosition } : {}),
    ...(d.urgency ? { urgency: d.urgency } : {}),
    ...(d.confidentiality ? { confidentiality: d.confidentiality } : {}),
    ...(d.replyDueDate ? { replyDueDate: dayjs(d.replyDueDate) } : {}),
    ...(d.recipients
      ? { recipients: d.recipients.map((r) => ({ id: fresh || !r.id ? newId() : r.id, kind: r.kind, unitId: r.unitId ?? null, name: r.name, email: r.email ?? null })) }
      : {}),
    ...(d.copies ? { copies: d.copies } : {}),
    ...(d.pageCount !== undefined ? { pageCount: d.pageCount } : {}),
    ...(d.description !== undefined ? { description: d.description } : {}),
  };
}

/** A new draft's defaults: a công văn of the author's unit, filed with the clerks ("Lưu: VT, <unit>"). */
export function defaultValues(org: Pick<Organisation, 'units'> | null, unitId: string): DraftValues {
  const unit = org?.units.find((u) => u.id === unitId);
  return {
    documentType: 'Công văn',
    subject: '',
    draftingUnitId: unitId,
    signerId: null,
    signerCompetence: '',
    signerPosition: '',
    urgency: 'normal',
    confidentiality: 'normal',
    replyDueDate: null,
    recipients: [
      { id: newId(), kind: 'archive', unitId: null, name: 'VT', email: null },
      ...(unit ? [{ id: newId(), kind: 'archive' as const, unitId: null, name: unit.abbreviation, email: null }] : []),
    ],
    copies: 1,
    pageCount: null,
    description: '',
    attachments: [],
    file: null,
    versionNote: '',
  };
}

/**
 * The draft's fields (Decree 30 Appendix VI II.I): type, subject, drafting unit, signer with
 * the competence label and position, urgency, confidentiality, reply due date (dd/MM/yyyy),
 * "Nơi nhận", copies, pages, a note; on creation the first file (DOCX or PDF) and attachments.
 * `signerLocked`: once submitted, the route's sign step names the signer.
 */
export function DraftFields({ form, creating, signerLocked = false }: { form: FormInstance<DraftValues>; creating: boolean; signerLocked?: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const units = useMemo(() => (org ? unitTree(org) : []), [org]);
  const leaders = useMemo(() => sortPeople((org?.users ?? []).filter((u) => u.active && u.role === 'leader')), [org]);
  const signerOptions = leaders.map((u) => ({ value: u.id, label: `${u.fullName}${u.position ? ` — ${u.position}` : ''} (${unitName(org, u.unitId)})` }));

  return (
    <>
      <div className="form-row">
        <Form.Item name="documentType" label={t('outgoing.field.documentType')} className="out-form-type" rules={[{ required: true, message: t('outgoing.form.typeRequired') }]}>
          <Select showSearch={{ filterOption }} options={DRAFT_TYPES.map((d) => ({ value: d, label: d }))} data-testid="out-form-type" />
        </Form.Item>
        <Form.Item name="urgency" label={t('outgoing.field.urgency')} className="out-form-level">
          <Select options={URGENCIES.map((u) => ({ value: u, label: t(`doc.urgency.${u}`) }))} data-testid="out-form-urgency" />
        </Form.Item>
        <Form.Item name="confidentiality" label={t('outgoing.field.confidentiality')} className="out-form-level">
          <Select options={CONFIDENTIALITIES.map((c) => ({ value: c, label: t(`doc.confidentiality.${c}`) }))} data-testid="out-form-confidentiality" />
        </Form.Item>
      </div>
      <Form.Item name="subject" label={t('outgoing.field.subject')} rules={[{ required: true, whitespace: true, message: t('outgoing.form.subjectRequired') }, { max: OUTGOING_TEXT.subject }]}>
        <Input.TextArea rows={2} maxLength={OUTGOING_TEXT.subject} showCount placeholder={t('outgoing.form.subjectPlaceholder')} autoFocus={creating} data-testid="out-form-subject" />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="draftingUnitId" label={t('outgoing.field.draftingUnit')} className="grow" rules={[{ required: true, message: t('outgoing.form.unitRequired') }]}>
          <TreeSelect treeData={units} showSearch={{ filterTreeNode }} treeDefaultExpandAll data-testid="out-form-unit" />
        </Form.Item>
        <Form.Item name="replyDueDate" label={t('outgoing.field.replyDueDate')} className="date-col">
          <DatePicker format="DD/MM/YYYY" disabledDate={isPast} placeholder="dd/mm/yyyy" data-testid="out-form-reply-due" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="signerCompetence" label={t('outgoing.field.signerCompetence')} className="out-form-competence">
          <Select options={SIGNER_COMPETENCES.map((c) => ({ value: c, label: t(`outgoing.competence.${c === '' ? 'none' : (c.slice(0, -1) as 'TM')}`) }))} data-testid="out-form-competence" />
        </Form.Item>
        <Form.Item name="signerId" label={t('outgoing.field.signer')} className="grow" extra={signerLocked ? t('outgoing.form.signerLocked') : undefined}>
          <Select
            allowClear
            disabled={signerLocked}
            showSearch={{ filterOption }}
            options={signerOptions}
            placeholder={t('outgoing.form.signerPlaceholder')}
            onChange={(id?: string) => {
              // The position printed under the signature follows the signer chosen (still editable).
              const u = leaders.find((x) => x.id === id);
              form.setFieldValue('signerPosition', u?.position ?? '');
            }}
            data-testid="out-form-signer"
          />
        </Form.Item>
        <Form.Item name="signerPosition" label={t('outgoing.field.signerPosition')} className="out-form-position" rules={[{ max: OUTGOING_TEXT.signerPosition }]}>
          <Input maxLength={OUTGOING_TEXT.signerPosition} data-testid="out-form-position" />
        </Form.Item>
      </div>
      <Form.Item name="recipients" label={t('outgoing.field.recipients')}>
        <RecipientsInput />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="copies" label={t('outgoing.field.copies')} className="out-form-number">
          <InputNumber min={1} max={999} precision={0} data-testid="out-form-copies" />
        </Form.Item>
        <Form.Item name="pageCount" label={t('outgoing.field.pageCount')} className="out-form-number">
          <InputNumber min={1} max={9999} precision={0} data-testid="out-form-pages" />
        </Form.Item>
        <Form.Item name="description" label={t('outgoing.field.description')} className="grow" rules={[{ max: OUTGOING_TEXT.description }]}>
          <Input maxLength={OUTGOING_TEXT.description} data-testid="out-form-description" />
        </Form.Item>
      </div>
      {creating && (
        <div className="form-row">
          <Form.Item name="file" label={t('outgoing.form.file')} className="grow" extra={t('outgoing.form.fileHint')}>
            <DraftFileInput />
          </Form.Item>
          <Form.Item name="versionNote" label={t('outgoing.form.versionNote')} className="grow" rules={[{ max: OUTGOING_TEXT.note }]}>
            <Input maxLength={OUTGOING_TEXT.note} data-testid="out-form-version-note" />
          </Form.Item>
        </div>
      )}
      <Form.Item name="attachments" label={t('outgoing.form.attachments')}>
        <AttachmentFilesInput max={OUTGOING_LIMITS.attachments} testId="out-attachments-input" prefix="out" />
      </Form.Item>
    </>
  );
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What an edit changed, as the patch (the rules refuse nothing changed; an unchanged signer is not sent once locked). */
export function patchOf(doc: OutgoingDocument, v: DraftValues): DraftPatch {
  const f = fieldsOf(v);
  const patch: DraftPatch = {};
  const keys = ['documentType', 'subject', 'draftingUnitId', 'signerId', 'signerCompetence', 'signerPosition', 'urgency', 'confidentiality', 'replyDueDate', 'copies', 'pageCount', 'description'] as const;
  for (const k of keys) if (!sameJson(f[k], doc[k])) (patch as Record<string, unknown>)[k] = f[k];
  const recipients = f.recipients.map((r) => ({ id: r.id, kind: r.kind, unitId: r.unitId, name: r.name, email: r.email }));
  if (!sameJson(recipients, doc.recipients.map((r) => ({ id: r.id, kind: r.kind, unitId: r.unitId, name: r.name, email: r.email })))) patch.recipients = recipients;
  if (!sameJson(v.attachments.map((a) => a.sha256), doc.attachments.map((a) => a.sha256))) patch.attachments = v.attachments;
  return patch;
}

/** "Sửa": the author (or the step's holder) edits the draft's fields. */
export function EditDraftDialog({ doc, onClose }: { doc: OutgoingDocument; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const mutate = useOutgoingMutate();
  const [form] = Form.useForm<DraftValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial = useMemo(() => ({ ...valuesOf(doc, defaultValues(org, doc.draftingUnitId)), recipients: doc.recipients.map((r) => ({ ...r })), attachments: [...doc.attachments] }), [doc, org]);

  const submit = async (v: DraftValues): Promise<void> => {
    const patch = patchOf(doc, v);
    if (Object.keys(patch).length === 0) return setError(t('outgoing.form.nothingChanged'));
    setBusy(true);
    const ok = await mutate('outgoing.update', { documentId: doc.id, patch });
    setBusy(false);
    if (ok) onClose();
  };

  return (
    <Modal
      open
      title={t('outgoing.form.editTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      width={880}
      destroyOnHidden
      rootClassName="out-dialog out-edit-dialog"
    >
      <Form<DraftValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} onKeyDown={blockEnterSubmit} className="out-form" data-testid="out-edit-form">
        <DraftFields form={form} creating={false} signerLocked={doc.status !== 'drafting'} />
      </Form>
      {error && (
        <Alert type="warning" showIcon title={error} data-testid="out-form-error" />
      )}
      <Typography.Text type="secondary">{t('outgoing.form.editHint')}</Typography.Text>
    </Modal>
  );
}
