import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTGOING_LIMITS, OUTGOING_TEXT, STEP_KIND_LABELS, type OutgoingDocument } from '../../../shared/outgoing/index.js';
import type { UserSummary } from '../../../shared/model/organisation.js';
import { useApp, useMe } from '../../app/AppContext.js';
import { newId, sortPeople, unitName, userName } from '../../app/util.js';
import type { Attachment } from '../../components/AttachmentFiles.js';
import { filterOption } from '../../components/pickerFilter.js';
import { DraftFileInput } from './DraftFileInput.js';
import { loc, routeProblem, suggestedSteps, type StepDraft } from './format.js';
import { useOutgoingMutate } from './useOutgoing.js';

const REVIEW_KINDS = ['review', 'comment', 'format'] as const;

/** People as a picker's options: "Name — position (unit)", by given name. */
function usePeopleOptions(filter: (u: UserSummary) => boolean): { value: string; label: string }[] {
  const { org } = useApp();
  return sortPeople((org?.users ?? []).filter((u) => u.active && filter(u))).map((u) => ({
    value: u.id,
    label: `${u.fullName}${u.position ? ` — ${u.position}` : ''} (${unitName(org, u.unitId)})`,
  }));
}

/**
 * "Trình": the route the draft goes up — steps the author picks (content review by the unit
 * leader, comments of other units, the office's form check), each with a person, in order;
 * the last step is always "Ký ban hành" by the signer.
 */
export function SubmitDialog({ doc, onClose, onDone }: { doc: OutgoingDocument; onClose: () => void; onDone: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const me = useMe();
  const mutate = useOutgoingMutate();
  const people = usePeopleOptions((u) => u.id !== me.id);
  const leaders = usePeopleOptions((u) => u.role === 'leader');
  const [signerId, setSignerId] = useState<string | null>(doc.signerId);
  const [steps, setSteps] = useState<StepDraft[]>(() => suggestedSteps(doc, org?.users ?? [], doc.signerId, newId));
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const problem = routeProblem(steps, signerId);
  const noFile = doc.versions.length === 0;

  const update = (key: string, patch: Partial<StepDraft>): void => setSteps((s) => s.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  const move = (i: number, d: -1 | 1): void =>
    setSteps((s) => {
      const j = i + d;
      if (j < 0 || j >= s.length) return s;
      const next = [...s];
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    });

  const submit = async (): Promise<void> => {
    setTried(true);
    if (problem || noFile || !signerId) return;
    setBusy(true);
    const ok = await mutate('outgoing.submit', {
      documentId: doc.id,
      route: [...steps.map((s) => ({ stepId: newId(), kind: s.kind, userId: s.userId! })), { stepId: newId(), kind: 'sign' as const, userId: signerId }],
      comment: comment.normalize('NFC').trim(),
    });
    setBusy(false);
    if (ok) {
      onClose();
      onDone();
    }
  };

  const chain = [t('outgoing.route.authorShort'), ...steps.map((s) => `${loc(STEP_KIND_LABELS[s.kind], lang)}${s.userId ? `: ${userName(org, s.userId)}` : ''}`), `${loc(STEP_KIND_LABELS.sign, lang)}${signerId ? `: ${userName(org, signerId)}` : ''}`];

  return (
    <Modal
      open
      title={t('outgoing.submit.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('outgoing.actions.submit')}
      okButtonProps={{ disabled: noFile, 'data-testid': 'out-submit-ok' }}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      width={780}
      destroyOnHidden
      rootClassName="out-dialog out-submit-dialog"
    >
      {noFile && <Alert type="warning" showIcon className="form-note" title={t('outgoing.submit.noFile')} />}
      <Typography.Paragraph type="secondary">{t('outgoing.submit.hint')}</Typography.Paragraph>
      <div className="out-route-builder" data-testid="out-route-builder">
        {steps.map((s, i) => (
          <div key={s.key} className="out-route-row" data-testid="out-route-step">
            <span className="out-route-index">{i + 1}</span>
            <Select
              className="out-route-kind"
              value={s.kind}
              onChange={(kind) => update(s.key, { kind })}
              options={REVIEW_KINDS.map((k) => ({ value: k, label: loc(STEP_KIND_LABELS[k], lang) }))}
              aria-label={t('outgoing.submit.kind')}
              data-testid="out-route-kind"
            />
            <Select
              className="out-route-person"
              value={s.userId ?? undefined}
              onChange={(userId: string) => update(s.key, { userId })}
              showSearch={{ filterOption }}
              options={people}
              placeholder={t('outgoing.submit.person')}
              status={tried && !s.userId ? 'error' : undefined}
              data-testid="out-route-person"
            />
            <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('outgoing.submit.up')} title={t('outgoing.submit.up')} />
            <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === steps.length - 1} onClick={() => move(i, 1)} aria-label={t('outgoing.submit.down')} title={t('outgoing.submit.down')} />
            <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => setSteps((x) => x.filter((y) => y.key !== s.key))} aria-label={t('outgoing.submit.remove')} title={t('outgoing.submit.remove')} />
          </div>
        ))}
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          disabled={steps.length >= OUTGOING_LIMITS.steps - 1}
          onClick={() => setSteps((s) => [...s, { key: newId(), kind: s.length === 0 ? 'review' : 'comment', userId: null }])}
          data-testid="out-route-add"
        >
          {t('outgoing.submit.addStep')}
        </Button>
        <div className="out-route-row is-sign" data-testid="out-route-sign">
          <span className="out-route-index">{steps.length + 1}</span>
          <span className="out-route-kind out-route-sign-label">{loc(STEP_KIND_LABELS.sign, lang)}</span>
          <Select
            className="out-route-person"
            value={signerId ?? undefined}
            onChange={(v: string) => setSignerId(v)}
            showSearch={{ filterOption }}
            options={leaders}
            placeholder={t('outgoing.submit.signer')}
            status={tried && !signerId ? 'error' : undefined}
            data-testid="out-route-signer"
          />
        </div>
      </div>
      <div className="out-route-chain" data-testid="out-route-chain">
        {chain.join(' → ')}
      </div>
      <Form layout="vertical">
        <Form.Item label={t('outgoing.submit.comment')}>
          <Input.TextArea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={OUTGOING_TEXT.comment} data-testid="out-submit-comment" />
        </Form.Item>
      </Form>
      {tried && problem && (
        <Typography.Text type="danger" data-testid="out-submit-error">
          {t(`outgoing.submit.problem.${problem}`)}
        </Typography.Text>
      )}
    </Modal>
  );
}

/** "Chuyển": the holder hands the draft to someone else for a review, comments or a form check; it comes back up the route after. */
export function ForwardDialog({ doc, onClose, onDone }: { doc: OutgoingDocument; onClose: () => void; onDone: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const me = useMe();
  const mutate = useOutgoingMutate();
  const people = usePeopleOptions((u) => u.id !== me.id);
  const [kind, setKind] = useState<(typeof REVIEW_KINDS)[number]>('comment');
  const [userId, setUserId] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    if (!userId) return;
    setBusy(true);
    const ok = await mutate('outgoing.forward', { documentId: doc.id, stepId: newId(), kind, userId, comment: comment.normalize('NFC').trim() });
    setBusy(false);
    if (ok) {
      onClose();
      onDone();
    }
  };
  return (
    <Modal
      open
      title={t('outgoing.forward.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('outgoing.actions.forward')}
      okButtonProps={{ disabled: !userId }}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      rootClassName="out-dialog"
    >
      <Typography.Paragraph type="secondary">{t('outgoing.forward.hint')}</Typography.Paragraph>
      <Form layout="vertical">
        <div className="form-row">
          <Form.Item label={t('outgoing.submit.kind')} className="out-route-kind">
            <Select value={kind} onChange={setKind} options={REVIEW_KINDS.map((k) => ({ value: k, label: loc(STEP_KIND_LABELS[k], lang) }))} data-testid="out-forward-kind" />
          </Form.Item>
          <Form.Item label={t('outgoing.submit.person')} className="grow" required>
            <Select value={userId ?? undefined} onChange={(v: string) => setUserId(v)} showSearch={{ filterOption }} options={people} data-testid="out-forward-person" />
          </Form.Item>
        </div>
        <Form.Item label={t('outgoing.submit.comment')}>
          <Input.TextArea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={OUTGOING_TEXT.comment} data-testid="out-forward-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export type ReasonAction = 'outgoing.approve' | 'outgoing.return' | 'outgoing.revoke' | 'outgoing.cancel';

/** The actions that take only a comment or a reason: Đồng ý (optional), Trả lại and Thu hồi (required), Huỷ dự thảo (optional). */
export function ReasonDialog({ doc, action, onClose }: { doc: OutgoingDocument; action: ReasonAction; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const mutate = useOutgoingMutate();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const name = action.slice('outgoing.'.length) as 'approve' | 'return' | 'revoke' | 'cancel';
  const required = action === 'outgoing.return' || action === 'outgoing.revoke';
  const danger = action === 'outgoing.revoke' || action === 'outgoing.cancel';
  const body = text.normalize('NFC').trim();
  const submit = async (): Promise<void> => {
    if (required && !body) return;
    setBusy(true);
    const documentId = doc.id;
    const ok =
      action === 'outgoing.approve'
        ? await mutate(action, { documentId, comment: body })
        : action === 'outgoing.return'
          ? await mutate(action, { documentId, comment: body })
          : action === 'outgoing.revoke'
            ? await mutate(action, { documentId, reason: body })
            : await mutate(action, { documentId, reason: body });
    setBusy(false);
    if (ok) onClose();
  };
  const max = action === 'outgoing.revoke' || action === 'outgoing.cancel' ? OUTGOING_TEXT.reason : OUTGOING_TEXT.comment;
  return (
    <Modal
      open
      title={t(`outgoing.reason.${name}.title`)}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t(`outgoing.reason.${name}.ok`)}
      okButtonProps={{ danger, disabled: required && !body, 'data-testid': 'out-reason-ok' }}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      rootClassName="out-dialog out-reason-dialog"
    >
      <Typography.Paragraph type="secondary">{t(`outgoing.reason.${name}.hint`)}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t(`outgoing.reason.${name}.label`)} required={required}>
          <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={max} showCount autoFocus data-testid="out-reason-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** "Tải lên phiên bản mới": the next version of the draft (DOCX or PDF), with a note of what changed. */
export function VersionDialog({ doc, onClose, onDone }: { doc: OutgoingDocument; onClose: () => void; onDone: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const mutate = useOutgoingMutate();
  const [file, setFile] = useState<Attachment | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    if (!file) return;
    setBusy(true);
    const ok = await mutate('outgoing.addVersion', { documentId: doc.id, file, note: note.normalize('NFC').trim() });
    setBusy(false);
    if (ok) {
      onClose();
      onDone();
    }
  };
  return (
    <Modal
      open
      title={t('outgoing.version.title', { n: doc.versions.length + 1 })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('outgoing.version.ok')}
      okButtonProps={{ disabled: !file, 'data-testid': 'out-version-ok' }}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      rootClassName="out-dialog"
    >
      <Form layout="vertical">
        <Form.Item label={t('outgoing.form.file')} extra={t('outgoing.form.fileHint')} required>
          <DraftFileInput value={file} onChange={setFile} testId="out-version-input" />
        </Form.Item>
        <Form.Item label={t('outgoing.form.versionNote')}>
          <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={OUTGOING_TEXT.note} placeholder={t('outgoing.version.notePlaceholder')} data-testid="out-version-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
