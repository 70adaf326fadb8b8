import {
  ArrowLeftOutlined,
  CarryOutOutlined,
  CheckCircleOutlined,
  CommentOutlined,
  FileTextOutlined,
  MailOutlined,
  PrinterOutlined,
  SendOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { Alert, Button, Descriptions, Empty, Input, Result, Space, Tabs, Tag, Timeline, Tooltip, Typography, App } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assignment, HistoryAction, IncomingDocument } from '../../../shared/incoming/model.js';
import type { IncomingView } from '../../../shared/rpc/contract.js';
import type { MutationName } from '../../../shared/incoming/mutations.js';
import { formatDateTimeVi, formatDateVi, vnToday } from '../../../shared/text/vietnamese.js';
import { FailedAlerts } from '../../components/FailedAlerts.js';
import { useApp, useMe } from '../../app/AppContext.js';
import { href, navigate } from '../../app/router.js';
import { assignmentsOf, canRevokeAssignment } from '../../../shared/incoming/rights.js';
import { canDraft } from '../../../shared/outgoing/index.js';
import { canCreateTask } from '../../../shared/tasks/index.js';
import { DocumentTasksPanel, TaskFormDialog } from '../tasks/index.js';
import { DocumentScheduleButton } from '../schedule/index.js';
import { assigneeName, errorText, userName } from '../../app/util.js';
import { ConfidentialityTag, OverdueTag, PendingTag, RoleTag, StatusTag, UrgencyTag } from '../../components/DocTags.js';
import { Loading } from '../../components/Loading.js';
import { LazyComposeDialog as ComposeDialog, SourceMailLink, type ComposeInit } from '../mail/index.js';
import { AssignDialog } from './AssignDialog.js';
import { CompleteDialog } from './CompleteDialog.js';
import { OpinionDialog } from './OpinionDialog.js';
import { ReassignDialog } from './ReassignDialog.js';
import { pendingTimes, useDocument, useMutate } from './useDocument.js';
import { useOutgoingLink } from './useOutgoingLink.js';

const PdfViewer = lazy(() => import('../../components/pdf/PdfViewer.js').then((m) => ({ default: m.PdfViewer })));

type Dialog = 'assign' | 'reassign' | 'opinion' | 'complete' | 'task' | null;

export function DocumentView({ id }: { id: string }): React.JSX.Element {
  const { t } = useTranslation();
  const { view, loading, error, reload } = useDocument(id);
  const { lang, sync } = useApp();
  // Refused actions dismissed elsewhere (the sync indicator's list) leave this view too.
  useEffect(reload, [sync.failedCount, reload]);
  const mutate = useMutate();
  const me = useMe();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tab, setTab] = useState('info');
  const [compose, setCompose] = useState<ComposeInit | null>(null);
  const markedRead = useRef(false);

  // Opening a document marks it read (once, and only when the rules allow).
  useEffect(() => {
    if (!view || markedRead.current) return;
    if (view.doc.readAt === null && !view.pendingRegistration && view.allowedActions.includes('incoming.markRead') && !view.pending.some((p) => p.name === 'incoming.markRead')) {
      markedRead.current = true;
      void mutate('incoming.markRead', { documentId: id });
    }
  }, [view, id, mutate]);

  if (loading && !view) return <Loading text={t('view.loading')} />;
  if (!view)
    return (
      <Result
        status="404"
        title={t('view.notFound')}
        subTitle={error ? errorText(error, lang, '') : null}
        extra={<Button onClick={() => navigate({ name: 'incoming' })}>{t('view.backToList')}</Button>}
        data-testid="doc-not-found"
      />
    );

  const { doc } = view;
  const allowed = new Set(view.allowedActions);
  const visiblePending = view.pending.filter((p) => p.name !== 'incoming.markRead');
  const code = `${doc.codeNumber}/${doc.codeNotation}`;
  // A revoked copy keeps its register entry and history; its files are no longer the agency's word (Decree 30 Art. 18).
  const revoked = doc.revocation ?? null;
  const showFiles = !doc.contentWithheld && !revoked;
  // Those who handle it answer it: a draft prefilled from it ("Trả lời văn bản"), linked both ways.
  const canReply = !revoked && canDraft(me) && assignmentsOf(doc, me).some((a) => a.role !== 'info' && a.status !== 'revoked');

  const actions: { key: Exclude<Dialog, null | 'task'>; action: MutationName; icon: React.ReactNode; label: string; primary?: boolean }[] = [
    { key: 'assign', action: 'incoming.assign', icon: <TeamOutlined />, label: t('view.actions.assign'), primary: doc.status === 'registered' },
    { key: 'reassign', action: 'incoming.reassign', icon: <UserSwitchOutlined />, label: t('view.actions.reassign'), primary: true },
    { key: 'opinion', action: 'incoming.addOpinion', icon: <CommentOutlined />, label: t('view.actions.opinion') },
    { key: 'complete', action: 'incoming.complete', icon: <CheckCircleOutlined />, label: t('view.actions.complete') },
  ];

  return (
    <div className="screen doc-view" data-testid="doc-view" data-status={doc.status}>
      <div className="doc-header">
        <div className="doc-header-main">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate({ name: 'incoming' })} data-testid="back-to-list">
            {t('view.backToList')}
          </Button>
          <div className="doc-title-block">
            <Typography.Title level={4} className="doc-title" data-testid="doc-title" title={doc.subject}>
              {doc.documentType ? `${doc.documentType}: ` : ''}
              {doc.subject}
            </Typography.Title>
            <Space size={4} wrap className="doc-tags">
              <Tag className="tag-arrival" data-testid="arrival-number">
                {t('doc.field.arrivalNumber')}: {doc.arrivalNumber > 0 ? `${doc.arrivalNumber}/${doc.arrivalYear}` : t('doc.notNumbered')}
              </Tag>
              <Tag>{code}</Tag>
              <UrgencyTag urgency={doc.urgency} />
              <ConfidentialityTag value={doc.confidentiality} />
              {/* Revoked, it is no longer being handled, whatever its processing state was. */}
              {!revoked && <StatusTag status={doc.status} />}
              {revoked && (
                <Tag color="red" data-testid="revoked-tag">
                  {t('history.revoked')}
                </Tag>
              )}
              {view.myRole && <RoleTag role={view.myRole} />}
              {view.overdue && <OverdueTag />}
              {(visiblePending.length > 0 || view.pendingRegistration) && <PendingTag />}
            </Space>
          </div>
        </div>
        <Space wrap className="doc-actions">
          {actions
            .filter((a) => allowed.has(a.action))
            .map((a) => (
              <Button key={a.key} icon={a.icon} type={a.primary ? 'primary' : 'default'} onClick={() => setDialog(a.key)} data-testid={`action-${a.key}`}>
                {a.label}
              </Button>
            ))}
          {canReply && (
            <Button icon={<SendOutlined />} onClick={() => navigate({ name: 'outgoingNew', replyTo: id })} data-testid="action-reply">
              {t('view.actions.reply')}
            </Button>
          )}
          {canCreateTask(me) && !revoked && (
            <Button icon={<CarryOutOutlined />} onClick={() => setDialog('task')} data-testid="action-create-task">
              {t('tasks.document.create')}
            </Button>
          )}
          {/* An invitation ("Giấy mời") becomes a schedule request in one step. */}
          {!revoked && (
            <Suspense fallback={null}>
              <DocumentScheduleButton documentId={id} subject={doc.subject} />
            </Suspense>
          )}
          {showFiles && doc.files.length > 0 && (
            <Button
              icon={<MailOutlined />}
              onClick={() =>
                setCompose({
                  kind: 'new',
                  subject: `${doc.documentType ? `${doc.documentType} ` : ''}${code}: ${doc.subject}`.slice(0, 998),
                  attachments: doc.files.map((f) => ({ att: { kind: 'file', sha256: f.sha256, name: f.name }, name: f.name, size: f.size })),
                })
              }
              data-testid="action-send-mail"
            >
              {t('mail.sendByMail')}
            </Button>
          )}
          <Tooltip title={t('slip.hint')}>
            <Button icon={<PrinterOutlined />} onClick={() => navigate({ name: 'slip', id })} data-testid="action-slip">
              {t('view.actions.slip')}
            </Button>
          </Tooltip>
        </Space>
      </div>

      <div className="doc-alerts">
        {revoked && (
          <Alert
            type="error"
            showIcon
            title={t('view.revoked', { reason: revoked.reason })}
            description={t('view.revokedAt', { time: formatDateTimeVi(revoked.at) })}
            data-testid="revoked-alert"
          />
        )}
        {doc.origin && <OriginAlert issuer={doc.issuer} outgoingId={doc.origin.outgoingId} />}
        {view.pendingRegistration && <Alert type="warning" showIcon title={t('view.pendingRegistration')} />}
        {doc.duplicateOf.length > 0 && <Alert type="warning" showIcon title={t('view.duplicateWarning')} />}
        <FailedAlerts failed={view.failed} onDismissed={reload} />
      </div>

      <div className="doc-body">
        <div className="doc-files">
          {doc.contentWithheld ? (
            <Result icon={<FileTextOutlined />} subTitle={t('view.withheld')} />
          ) : revoked ? (
            <Result status="warning" subTitle={t('view.revokedFiles')} data-testid="revoked-files" />
          ) : doc.files.length === 0 ? (
            <Empty description={t('view.noFiles')} className="doc-nofiles" />
          ) : (
            <Suspense fallback={<Loading />}>
              <PdfViewer files={doc.files} />
            </Suspense>
          )}
        </div>
        <div className="doc-side">
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'info', label: t('view.tabs.info'), children: <MetadataPanel view={view} /> },
              { key: 'processing', label: t('view.tabs.processing'), children: <ProcessingPanel view={view} /> },
              { key: 'history', label: t('view.tabs.history'), children: <HistoryPanel view={view} /> },
              {
                key: 'tasks',
                label: t('tasks.document.panel'),
                children: (
                  <Suspense fallback={<Loading />}>
                    <DocumentTasksPanel documentId={id} />
                  </Suspense>
                ),
              },
            ]}
            data-testid="doc-tabs"
          />
        </div>
      </div>

      {dialog === 'assign' && <AssignDialog view={view} onClose={() => setDialog(null)} onDone={() => setTab('processing')} />}
      {dialog === 'reassign' && <ReassignDialog view={view} onClose={() => setDialog(null)} onDone={() => setTab('processing')} />}
      {dialog === 'opinion' && <OpinionDialog view={view} onClose={() => setDialog(null)} onDone={() => setTab('processing')} />}
      {dialog === 'complete' && <CompleteDialog view={view} onClose={() => setDialog(null)} />}
      {dialog === 'task' && (
        <Suspense fallback={null}>
          <TaskFormDialog mode={{ kind: 'create', source: { id, subject: doc.subject, dueDate: doc.dueDate } }} onClose={() => setDialog(null)} onCreated={() => setTab('tasks')} />
        </Suspense>
      )}
      {compose && (
        <Suspense fallback={null}>
          <ComposeDialog init={compose} onClose={() => setCompose(null)} />
        </Suspense>
      )}
    </div>
  );
}

function MetadataPanel({ view }: { view: IncomingView }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const { doc } = view;
  const none = t('app.none');
  const signer = [doc.signerPosition, doc.signerName].filter(Boolean).join(' ');
  const items = [
    { key: 'arrivalNumber', label: t('doc.field.arrivalNumber'), children: doc.arrivalNumber > 0 ? <strong>{doc.arrivalNumber}</strong> : t('doc.notNumbered') },
    { key: 'arrivalDate', label: t('doc.field.arrivalDate'), children: formatDateVi(doc.arrivalDate) },
    { key: 'issuer', label: t('doc.field.issuer'), children: doc.issuer },
    { key: 'code', label: t('doc.field.codeNumberNotation'), children: `${doc.codeNumber}/${doc.codeNotation}` },
    { key: 'issuedDate', label: t('doc.field.issuedDate'), children: formatDateVi(doc.issuedDate) },
    { key: 'documentType', label: t('doc.field.documentType'), children: doc.documentType },
    { key: 'subject', label: t('doc.field.subject'), children: doc.subject },
    { key: 'signer', label: t('doc.field.signer'), children: signer || none },
    { key: 'urgency', label: t('doc.field.urgency'), children: doc.urgency === 'normal' ? t('doc.urgency.normal') : <UrgencyTag urgency={doc.urgency} /> },
    { key: 'confidentiality', label: t('doc.field.confidentiality'), children: doc.confidentiality === 'normal' ? t('doc.confidentiality.normal') : <ConfidentialityTag value={doc.confidentiality} /> },
    {
      key: 'dueDate',
      label: t('doc.field.dueDate'),
      children: doc.dueDate ? <span className={view.overdue ? 'deadline overdue' : ''}>{formatDateVi(doc.dueDate)}</span> : none,
    },
    { key: 'pageCount', label: t('doc.field.pageCount'), children: doc.pageCount ?? none },
    { key: 'registeredBy', label: t('doc.field.registeredBy'), children: userName(org, doc.registeredBy) || none },
    ...(doc.description ? [{ key: 'description', label: t('doc.field.description'), children: doc.description }] : []),
    ...(doc.sourceMail ? [{ key: 'sourceMail', label: t('mail.source.label'), children: <SourceMailLink source={doc.sourceMail} /> }] : []),
    ...(doc.replyId ? [{ key: 'reply', label: t('view.reply'), children: <ReplyLink id={doc.replyId} /> }] : []),
  ];
  return <Descriptions column={1} size="small" bordered items={items} className="doc-meta-table" data-testid="doc-metadata" />;
}

/** "Văn bản nội bộ do … phát hành": an outgoing document of the agency dispatched to this unit, with a link when this user sees it. */
function OriginAlert({ issuer, outgoingId }: { issuer: string; outgoingId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const link = useOutgoingLink(outgoingId);
  return (
    <Alert
      type="info"
      showIcon
      title={t('view.origin', { issuer })}
      action={
        link ? (
          <Button size="small" onClick={() => navigate({ name: 'outgoingDoc', id: link.id })} data-testid="origin-link">
            {t('view.originOpen')}
          </Button>
        ) : undefined
      }
      data-testid="origin-alert"
    />
  );
}

/** The outgoing document named as this one's answer on completion. */
function ReplyLink({ id }: { id: string }): React.JSX.Element {
  const { t } = useTranslation();
  const link = useOutgoingLink(id);
  if (!link) return <Typography.Text type="secondary">{t('view.replyUnseen')}</Typography.Text>;
  return (
    <Typography.Link href={href({ name: 'outgoingDoc', id: link.id })} data-testid="reply-link">
      {link.title}
    </Typography.Link>
  );
}

function ProcessingPanel({ view }: { view: IncomingView }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const me = useMe();
  const { modal } = App.useApp();
  const mutate = useMutate();
  const { doc } = view;
  const pending = pendingTimes(view);
  const canRevoke = view.allowedActions.includes('incoming.revokeAssignment');

  const revoke = (a: Assignment): void => {
    let reason = '';
    modal.confirm({
      title: t('view.revokeConfirm', { name: assigneeName(org, a) }),
      content: <Input.TextArea rows={2} maxLength={1000} placeholder={t('view.revokeReason')} onChange={(e) => (reason = e.target.value)} />,
      okText: t('view.actions.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('app.cancel'),
      onOk: () => mutate('incoming.revokeAssignment', { documentId: doc.id, assignmentId: a.id, reason }),
    });
  };

  const top = doc.assignments.filter((a) => a.parentId === null);
  const childrenOf = (id: string): Assignment[] => doc.assignments.filter((a) => a.parentId === id);
  const renderAssignment = (a: Assignment, nested: boolean): React.JSX.Element => (
    <div key={a.id} className={`assignment ${nested ? 'is-nested' : ''} is-${a.status}`} data-testid="assignment" data-role={a.role} data-status={a.status}>
      <div className="assignment-line">
        <RoleTag role={a.role} />
        <span className="assignment-name">{assigneeName(org, a)}</span>
        {pending.has(a.assignedAt) && a.assignedBy === me.id && <PendingTag />}
        {a.status !== 'active' && <Tag color={a.status === 'done' ? 'success' : 'default'}>{t(`doc.assignmentStatus.${a.status}`)}</Tag>}
        {canRevoke && canRevokeAssignment(doc, me, a, org?.units ?? []) && (
          <Button size="small" type="link" danger onClick={() => revoke(a)}>
            {t('view.actions.revoke')}
          </Button>
        )}
      </div>
      <div className="assignment-meta">
        <span className={a.deadline && a.status === 'active' && doc.status !== 'done' && a.deadline < vnToday() ? 'deadline overdue' : 'deadline'}>
          {a.deadline ? t('view.deadline', { date: formatDateVi(a.deadline) }) : t('view.noDeadline')}
        </span>
        {' · '}
        {t('view.assignedBy', { name: userName(org, a.assignedBy) })}, {formatDateTimeVi(a.assignedAt)}
        {a.note ? <div className="assignment-note">{a.note}</div> : null}
      </div>
      {childrenOf(a.id).map((c) => renderAssignment(c, true))}
    </div>
  );

  return (
    <div className="processing" data-testid="processing-panel">
      {doc.status === 'done' && doc.completedAt && (
        <Alert
          type="success"
          showIcon
          className="processing-done"
          title={t('view.completed', { time: formatDateTimeVi(doc.completedAt), name: userName(org, doc.completedBy) })}
          description={doc.completionNote ? t('view.completionNote', { note: doc.completionNote }) : undefined}
          data-testid="completed-alert"
        />
      )}
      <section>
        <Typography.Title level={5}>{t('view.instruction')}</Typography.Title>
        {doc.instruction || (doc.contentWithheld && doc.instructedAt) ? (
          <div className="instruction" data-testid="instruction">
            <div className="instruction-text">{doc.instruction || <WithheldText />}</div>
            {doc.instructedAt && (
              <Typography.Text type="secondary">{t('view.instructionBy', { name: userName(org, doc.instructedBy), time: formatDateTimeVi(doc.instructedAt) })}</Typography.Text>
            )}
          </div>
        ) : (
          <Typography.Text type="secondary">{t('view.noInstruction')}</Typography.Text>
        )}
      </section>
      <section>
        <Typography.Title level={5}>{t('view.assignments')}</Typography.Title>
        {top.length === 0 ? <Typography.Text type="secondary">{t('view.noAssignments')}</Typography.Text> : top.map((a) => renderAssignment(a, false))}
      </section>
      <section>
        <Typography.Title level={5}>{t('view.opinions')}</Typography.Title>
        {doc.opinions.length === 0 ? (
          <Typography.Text type="secondary">{t('view.noOpinions')}</Typography.Text>
        ) : (
          doc.opinions.map((o) => (
            <div key={o.id} className="opinion" data-testid="opinion">
              <div className="opinion-head">
                <strong>{userName(org, o.authorId)}</strong>
                <Typography.Text type="secondary">{formatDateTimeVi(o.createdAt)}</Typography.Text>
                {o.kind === 'progress' && o.progress !== null && <Tag color="blue">{t('view.progress', { value: o.progress })}</Tag>}
                {pending.has(o.createdAt) && o.authorId === me.id && <PendingTag />}
              </div>
              <div className="opinion-text">{o.content || (doc.contentWithheld && <WithheldText />)}</div>
            </div>
          ))
        )}
      </section>
    </div>
  );
}

/** Where a secret level's text was kept off this desktop (shared/incoming/secretContent.ts), say so rather than show a blank. */
function WithheldText(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" italic data-testid="withheld-text">
      {t('view.withheldText')}
    </Typography.Text>
  );
}

const HISTORY_COLOR: Record<HistoryAction, string> = {
  registered: 'blue',
  duplicate_warning: 'orange',
  instructed: 'blue',
  assigned: 'blue',
  reassigned: 'blue',
  assignment_revoked: 'gray',
  opinion: 'gray',
  progress: 'gray',
  completed: 'green',
  revoked: 'red',
};

function HistoryPanel({ view }: { view: IncomingView }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const me = useMe();
  const pending = pendingTimes(view);
  const items = useMemo(
    () =>
      view.doc.history.map((h) => ({
        key: h.id,
        color: HISTORY_COLOR[h.action],
        content: (
          <div className="history-item" data-testid="history-item" data-action={h.action}>
            <div className="history-head">
              <strong>{t(`history.${h.action}`)}</strong>
              <Typography.Text type="secondary">
                {userName(org, h.actorId) || t('app.none')} · {formatDateTimeVi(h.at)}
              </Typography.Text>
              {pending.has(h.at) && h.actorId === me.id && <PendingTag />}
            </div>
            <div className="history-summary">{h.summary || (view.doc.contentWithheld && <WithheldText />)}</div>
          </div>
        ),
      })),
    [view, org, me.id, pending, t],
  );
  if (items.length === 0) return <Empty description={t('view.historyEmpty')} />;
  return <Timeline items={items} className="history" data-testid="history" />;
}

export type { IncomingDocument };
