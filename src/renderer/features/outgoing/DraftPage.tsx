import { ArrowLeftOutlined, LinkOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canDraft, RELATION_KIND_LABELS } from '../../../shared/outgoing/index.js';
import { useApp, useMe, useRpc } from '../../app/AppContext.js';
import { navigate, type OutgoingRelation } from '../../app/router.js';
import { errorText, newId } from '../../app/util.js';
import { blockEnterSubmit } from '../../components/forms.js';
import { Loading } from '../../components/Loading.js';
import { defaultValues, DraftFields, fieldsOf, valuesOf, type DraftValues } from './DraftForm.js';
import { loc, numberText } from './format.js';
import { useOutgoingMutate } from './useOutgoing.js';

/** What the new draft comes from, as the page's note says it. */
interface Origin {
  kind: 'reply' | 'replaces' | 'updates';
  title: string;
}

/**
 * "Soạn văn bản" (#/outgoing/new): a new draft, saved with `outgoing.create` (offline too).
 * `replyTo` (an incoming document, "Trả lời văn bản") prefills it from `outgoing.replyDraft`;
 * `relation` (an issued document it replaces or updates) from that document.
 */
export function DraftPage({ replyTo, relation }: { replyTo: string | null; relation: OutgoingRelation | null }): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const me = useMe();
  const { org, lang } = useApp();
  const mutate = useOutgoingMutate();
  const [form] = Form.useForm<DraftValues>();
  const [initial, setInitial] = useState<DraftValues | null>(replyTo || relation ? null : defaultValues(org, me.unitId));
  const [origin, setOrigin] = useState<Origin | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const base = defaultValues(org, me.unitId);
    if (replyTo) {
      void (async () => {
        try {
          const [prefill, incoming] = await Promise.all([rpc.call('outgoing.replyDraft', { incomingId: replyTo }), rpc.call('incoming.get', { id: replyTo }).catch(() => null)]);
          const d = incoming?.doc;
          setOrigin({ kind: 'reply', title: d ? `${d.codeNumber}/${d.codeNotation} — ${d.subject}` : '' });
          // The reply keeps the clerks' file line of the new draft beside the recipients the prefill names.
          const values = valuesOf(prefill, base);
          const archive = base.recipients.filter((r) => r.kind === 'archive' && !values.recipients.some((x) => x.kind === 'archive' && x.name === r.name));
          setInitial({ ...values, recipients: prefill.recipients ? [...values.recipients, ...archive] : base.recipients });
        } catch (err) {
          setLoadError(err);
          setInitial(base);
        }
      })();
    } else if (relation) {
      void (async () => {
        try {
          const old = await rpc.call('outgoing.get', { id: relation.documentId });
          if (!old) throw new Error('not found');
          const d = old.document;
          setOrigin({ kind: relation.kind, title: `${numberText(d) ?? ''} — ${d.subject}` });
          // A new document: its own reply date, its own recipients' ids.
          setInitial(valuesOf({ ...d, replyDueDate: null }, base, true));
        } catch (err) {
          setLoadError(err);
          setInitial(base);
        }
      })();
    }
    // The origin is read once: the shell keys the page by it.
  }, []);

  if (!canDraft(me)) return <Alert type="warning" showIcon title={t('outgoing.form.cannotDraft')} className="screen" />;
  if (!initial) return <Loading text={t('outgoing.form.prefilling')} />;

  const submit = async (v: DraftValues): Promise<void> => {
    const documentId = newId();
    setBusy(true);
    const ok = await mutate('outgoing.create', {
      documentId,
      fields: fieldsOf(v),
      file: v.file ?? null,
      versionNote: (v.versionNote ?? '').trim(),
      attachments: v.attachments ?? [],
      replyTo,
      relation: relation ? { kind: relation.kind, documentId: relation.documentId } : null,
    });
    setBusy(false);
    if (ok) navigate({ name: 'outgoingDoc', id: documentId }, { replace: true });
  };

  return (
    <div className="screen out-new" data-testid="out-new">
      <div className="page-header">
        <Space align="center">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate({ name: 'outgoing' })} data-testid="back-to-list">
            {t('outgoing.view.backToList')}
          </Button>
          <Typography.Title level={3} className="page-title">
            {origin?.kind === 'reply' ? t('outgoing.form.replyTitle') : origin ? loc(RELATION_KIND_LABELS[origin.kind], lang) : t('outgoing.form.newTitle')}
          </Typography.Title>
        </Space>
      </div>
      <div className="out-form-card">
        {origin && (
          <Alert
            type="info"
            showIcon
            icon={<LinkOutlined />}
            className="form-note"
            title={origin.kind === 'reply' ? t('outgoing.form.replyNote', { title: origin.title }) : t('outgoing.form.relationNote', { what: loc(RELATION_KIND_LABELS[origin.kind], lang), title: origin.title })}
            data-testid="out-new-origin"
          />
        )}
        {loadError !== null && <Alert type="warning" showIcon className="form-note" title={t('outgoing.form.prefillFailed', { reason: errorText(loadError, lang, '') })} />}
        <Form<DraftValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} onKeyDown={blockEnterSubmit} className="out-form" data-testid="out-form">
          <DraftFields form={form} creating />
          <div className="out-form-actions">
            <Button onClick={() => navigate({ name: 'outgoing' })}>{t('app.cancel')}</Button>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy} data-testid="out-form-save">
              {t('outgoing.form.save')}
            </Button>
          </div>
        </Form>
        <Typography.Paragraph type="secondary" className="out-form-foot">
          {t('outgoing.form.saveHint')}
        </Typography.Paragraph>
      </div>
    </div>
  );
}
