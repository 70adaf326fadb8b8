import { FileTextOutlined, LinkOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Descriptions, Empty, Steps, Tag, Timeline, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { STEP_KIND_LABELS, type OutgoingHistoryAction, type OutgoingView, type StepState } from '../../../shared/outgoing/index.js';
import { formatDateTimeVi, formatDateVi } from '../../../shared/text/vietnamese.js';
import { useApp, useMe } from '../../app/AppContext.js';
import { unitName, userName } from '../../app/util.js';
import { AttachmentFileList } from '../../components/AttachmentFiles.js';
import { ConfidentialityTag, PendingTag, UrgencyTag } from '../../components/DocTags.js';
import { loc, numberText, recipientLines } from './format.js';

/** Times of the user's actions not synced yet: what they made shows "chờ đồng bộ". */
export function pendingTimes(view: OutgoingView): Set<string> {
  return new Set(view.pending.map((p) => p.createdAt));
}

/** The document's fields, its number, links to what it answers, replaces or was replaced by, its signatures and attachments. */
export function InfoPanel({ view }: { view: OutgoingView }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const doc = view.document;
  const none = t('app.none');
  const number = numberText(doc);
  const signerLine = [doc.signerCompetence, doc.signerPosition].filter(Boolean).join(' ');
  const lines = recipientLines(doc.recipients);
  const relation = view.related.filter((r) => r.kind === 'relation');
  const superseded = view.related.filter((r) => r.kind === 'supersededBy');
  const items = [
    {
      key: 'number',
      label: t('outgoing.field.number'),
      children: number ? (
        <strong data-testid="out-info-number">{number}</strong>
      ) : (
        <span data-testid="out-info-number">
          {t('outgoing.notNumbered')}
          {view.numberPreview && <Typography.Text type="secondary"> · {t('outgoing.view.willBe', { symbol: view.numberPreview.codeNotation, register: view.numberPreview.registerName })}</Typography.Text>}
        </span>
      ),
    },
    ...(doc.number ? [{ key: 'issuedAt', label: t('outgoing.field.issuedAt'), children: formatDateTimeVi(doc.number.issuedAt) }] : []),
    { key: 'documentType', label: t('outgoing.field.documentType'), children: doc.documentType },
    { key: 'subject', label: t('outgoing.field.subject'), children: doc.subject },
    { key: 'unit', label: t('outgoing.field.draftingUnit'), children: unitName(org, doc.draftingUnitId) || none },
    { key: 'author', label: t('outgoing.field.author'), children: `${userName(org, doc.createdBy)} · ${formatDateTimeVi(doc.createdAt)}` },
    {
      key: 'signer',
      label: t('outgoing.field.signer'),
      children: doc.signerId ? (
        <span data-testid="out-info-signer">
          {signerLine && <Typography.Text type="secondary">{signerLine} · </Typography.Text>}
          {userName(org, doc.signerId)}
        </span>
      ) : (
        none
      ),
    },
    { key: 'urgency', label: t('outgoing.field.urgency'), children: doc.urgency === 'normal' ? t('doc.urgency.normal') : <UrgencyTag urgency={doc.urgency} /> },
    { key: 'confidentiality', label: t('outgoing.field.confidentiality'), children: doc.confidentiality === 'normal' ? t('doc.confidentiality.normal') : <ConfidentialityTag value={doc.confidentiality} /> },
    { key: 'replyDue', label: t('outgoing.field.replyDueDate'), children: doc.replyDueDate ? formatDateVi(doc.replyDueDate) : none },
    { key: 'copies', label: t('outgoing.field.copiesPages'), children: doc.pageCount ? t('outgoing.view.copiesPages', { copies: doc.copies, pages: doc.pageCount }) : t('outgoing.view.copies', { copies: doc.copies }) },
    {
      key: 'recipients',
      label: t('outgoing.field.recipients'),
      children: lines.length ? (
        <div className="out-recipient-lines" data-testid="out-info-recipients">
          {lines.map((l, i) => (
            <div key={i}>{l}</div>
          ))}
        </div>
      ) : (
        none
      ),
    },
    ...(doc.description ? [{ key: 'description', label: t('outgoing.field.description'), children: doc.description }] : []),
    ...(doc.replyTo
      ? [
          {
            key: 'replyTo',
            label: t('outgoing.field.replyTo'),
            children: view.replyTo ? (
              <a href={`#/incoming/${view.replyTo.id}`} data-testid="out-reply-link">
                <FileTextOutlined /> {view.replyTo.title}
              </a>
            ) : (
              <Typography.Text type="secondary">{t('outgoing.view.hiddenDocument')}</Typography.Text>
            ),
          },
        ]
      : []),
    ...(doc.relation
      ? [
          {
            key: 'relation',
            label: t(`outgoing.field.${doc.relation.kind}`),
            children: relation[0] ? <DocLink id={relation[0].id} title={relation[0].title} /> : <Typography.Text type="secondary">{t('outgoing.view.hiddenDocument')}</Typography.Text>,
          },
        ]
      : []),
    ...(superseded.length
      ? [{ key: 'supersededBy', label: t('outgoing.field.supersededBy'), children: superseded.map((r) => <DocLink key={r.id} id={r.id} title={r.title} />) }]
      : []),
  ];
  return (
    <div className="out-info" data-testid="out-info">
      <Descriptions column={1} size="small" bordered items={items} className="doc-meta-table" />
      {doc.signatures.length > 0 && (
        <section className="out-section" data-testid="out-signatures">
          <Typography.Title level={5}>{t('outgoing.view.signatures')}</Typography.Title>
          {doc.signatures.map((s, i) => (
            <div key={i} className="out-signature" data-testid="out-signature" data-role={s.role}>
              <SafetyCertificateOutlined className={s.role === 'agency' ? 'out-seal-icon' : 'out-sign-icon'} />
              <div>
                <div>
                  <strong>{t(`outgoing.view.signatureRole.${s.role}`)}</strong>: {s.certificate.subject}
                  {s.certificate.organisation ? ` (${s.certificate.organisation})` : ''}
                </div>
                <Typography.Text type="secondary">
                  {t('outgoing.view.signatureLine', { name: userName(org, s.by), time: formatDateTimeVi(s.at), issuer: s.certificate.issuer, store: t(`outgoing.sign.store.${s.keyStore}`) })}
                </Typography.Text>
              </div>
            </div>
          ))}
        </section>
      )}
      {doc.attachments.length > 0 && (
        <section className="out-section">
          <Typography.Title level={5}>{t('outgoing.form.attachments')}</Typography.Title>
          <AttachmentFileList files={doc.attachments} testId="out-attachments" prefix="out" />
        </section>
      )}
    </div>
  );
}

function DocLink({ id, title }: { id: string; title: string }): React.JSX.Element {
  return (
    <div>
      <a href={`#/outgoing/${id}`} data-testid="out-related-link">
        <LinkOutlined /> {title}
      </a>
    </div>
  );
}

const STEP_STATUS: Record<StepState, 'wait' | 'process' | 'finish' | 'error'> = {
  waiting: 'wait',
  current: 'process',
  approved: 'finish',
  returned: 'error',
  forwarded: 'finish',
  skipped: 'wait',
};

/** "Quy trình": the author, then each step of the route — who, what, its state, when and the comment. */
export function RoutePanel({ view }: { view: OutgoingView }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const doc = view.document;
  const signed = doc.signatures.find((s) => s.role === 'signer');
  const items = [
    {
      key: 'author',
      title: t('outgoing.route.author', { name: userName(org, doc.createdBy) }),
      content: t('outgoing.route.authorLine', { unit: unitName(org, doc.draftingUnitId), time: formatDateTimeVi(doc.createdAt) }),
      status: doc.status === 'drafting' ? ('process' as const) : ('finish' as const),
    },
    ...doc.route.map((s) => {
      const from = s.forwardedFrom ? doc.route.find((x) => x.id === s.forwardedFrom) : undefined;
      const state = s.kind === 'sign' && s.state === 'approved' ? 'signed' : s.state;
      return {
        key: s.id,
        title: (
          <span data-testid="out-step" data-kind={s.kind} data-state={s.state}>
            {loc(STEP_KIND_LABELS[s.kind], lang)}: <strong>{userName(org, s.userId)}</strong>
          </span>
        ),
        content: (
          <div className={`out-step-desc is-${s.state}`}>
            <Tag className="out-step-state" color={s.state === 'current' ? 'processing' : s.state === 'returned' ? 'error' : s.state === 'approved' ? 'success' : 'default'}>
              {t(`outgoing.route.state.${state}`)}
            </Tag>
            {s.actedAt && <Typography.Text type="secondary">{formatDateTimeVi(s.actedAt)}</Typography.Text>}
            {from && <div className="out-step-note">{t('outgoing.route.forwardedBy', { name: userName(org, from.userId) })}</div>}
            {s.comment && <div className="out-step-comment">{s.comment}</div>}
          </div>
        ),
        status: STEP_STATUS[s.state],
      };
    }),
  ];
  return (
    <div className="out-route" data-testid="out-route">
      {doc.route.length === 0 && <Typography.Paragraph type="secondary">{t('outgoing.route.notSubmitted')}</Typography.Paragraph>}
      <Steps orientation="vertical" size="small" items={items} className="out-steps" />
      {signed && (
        <Typography.Paragraph type="secondary" className="out-route-signed">
          {t('outgoing.route.signedWith', { subject: signed.certificate.subject, time: formatDateTimeVi(signed.at) })}
        </Typography.Paragraph>
      )}
    </div>
  );
}

const HISTORY_COLOR: Record<OutgoingHistoryAction, string> = {
  created: 'blue',
  updated: 'blue',
  version_added: 'blue',
  commented: 'gray',
  submitted: 'blue',
  approved: 'green',
  returned: 'red',
  forwarded: 'blue',
  signed: 'green',
  issue_requested: 'gray',
  numbered: 'green',
  sealed: 'green',
  dispatched: 'blue',
  delivery: 'gray',
  revoked: 'red',
  replaced: 'orange',
  cancelled: 'gray',
};

/** "Lịch sử": every action on the document, newest last, each with who and when. */
export function HistoryPanel({ view }: { view: OutgoingView }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const me = useMe();
  const pending = pendingTimes(view);
  const items = useMemo(
    () =>
      view.document.history.map((h) => ({
        key: h.id,
        color: HISTORY_COLOR[h.action],
        content: (
          <div className="history-item" data-testid="out-history-item" data-action={h.action}>
            <div className="history-head">
              <strong>{t(`outgoing.history.${h.action}`)}</strong>
              <Typography.Text type="secondary">
                {userName(org, h.actorId) || t('app.none')} · {formatDateTimeVi(h.at)}
              </Typography.Text>
              {pending.has(h.at) && h.actorId === me.id && <PendingTag />}
            </div>
            {h.summary && <div className="history-summary">{h.summary}</div>}
          </div>
        ),
      })),
    [view, org, me.id, pending, t],
  );
  if (items.length === 0) return <Empty description={t('outgoing.view.historyEmpty')} />;
  return <Timeline items={items} className="history" data-testid="out-history" />;
}
