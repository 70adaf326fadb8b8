import {
  ArrowLeftOutlined,
  CheckOutlined,
  CloseCircleOutlined,
  EditOutlined,
  FileSyncOutlined,
  NumberOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  ShareAltOutlined,
  StopOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Alert, Button, Dropdown, Result, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canDraft, OUTGOING_STATUS_LABELS, type OutgoingDocument, type OutgoingStatus } from '../../../shared/outgoing/index.js';
import { formatDateTimeVi, formatDateVi } from '../../../shared/text/vietnamese.js';
import { useApp, useMe } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { errorText, userName } from '../../app/util.js';
import { ConfidentialityTag, PendingTag, UrgencyTag } from '../../components/DocTags.js';
import { FailedAlerts } from '../../components/FailedAlerts.js';
import { Loading } from '../../components/Loading.js';
import { ForwardDialog, ReasonDialog, SubmitDialog, VersionDialog } from './ActionDialogs.js';
import { EditDraftDialog } from './DraftForm.js';
import { DispatchPanel } from './DispatchPanel.js';
import { FileArea } from './FileArea.js';
import { loc, numberText, offeredActions, STATUS_TONE, type OutgoingAction } from './format.js';
import { HistoryPanel, InfoPanel, RoutePanel } from './Panels.js';
import { IssueDialog } from './IssueDialog.js';
import { SignDialog } from './SignDialog.js';
import { VersionsPanel } from './VersionsPanel.js';
import { useOutgoing } from './useOutgoing.js';
import './outgoing.css';

const ICONS: Record<OutgoingAction, React.ReactNode> = {
  'outgoing.sign': <SafetyCertificateOutlined />,
  'outgoing.approve': <CheckOutlined />,
  'outgoing.submit': <SendOutlined />,
  'outgoing.issue': <NumberOutlined />,
  'outgoing.seal': <SafetyCertificateOutlined />,
  'outgoing.dispatch': <ShareAltOutlined />,
  'outgoing.return': <RollbackOutlined />,
  'outgoing.forward': <ShareAltOutlined />,
  'outgoing.update': <EditOutlined />,
  'outgoing.addVersion': <UploadOutlined />,
  'outgoing.revoke': <StopOutlined />,
  'outgoing.cancel': <CloseCircleOutlined />,
};
/** The step each status waits for: its button is the primary one. */
const PRIMARY = new Set<OutgoingAction>(['outgoing.sign', 'outgoing.approve', 'outgoing.submit', 'outgoing.issue', 'outgoing.seal', 'outgoing.dispatch']);
const DANGER = new Set<OutgoingAction>(['outgoing.revoke', 'outgoing.cancel']);

export const STATUS_COLOR: Record<OutgoingStatus, string> = {
  drafting: 'default',
  reviewing: 'processing',
  to_sign: 'gold',
  to_issue: 'purple',
  numbered: 'purple',
  issued: 'success',
  revoked: 'error',
  cancelled: 'default',
};

type Dialog = OutgoingAction | null;

/** An outgoing document: header, actions by what the rules allow, the file, and its route, versions, recipients and history. */
export function OutgoingDocumentView({ id }: { id: string }): React.JSX.Element {
  const { t } = useTranslation();
  const { view, loading, error, reload } = useOutgoing(id);
  const { lang, sync, org } = useApp();
  const me = useMe();
  // Refused actions dismissed elsewhere (the sync indicator's list) leave this view too.
  useEffect(reload, [sync.failedCount, reload]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tab, setTab] = useState<string | null>(null);
  const [shownVersion, setShownVersion] = useState<number | null>(null);

  if (loading && !view) return <Loading text={t('outgoing.view.loading')} />;
  if (!view)
    return (
      <Result
        status="404"
        title={t('outgoing.view.notFound')}
        subTitle={error ? errorText(error, lang, '') : null}
        extra={<Button onClick={() => navigate({ name: 'outgoing' })}>{t('outgoing.view.backToList')}</Button>}
        data-testid="out-not-found"
      />
    );

  const doc = view.document;
  const number = numberText(doc);
  const actions = offeredActions(view);
  const issued = doc.status === 'issued' || doc.status === 'revoked';
  // The tab a status is about: the route while it goes up, the recipients once issued.
  const defaultTab = issued ? 'dispatch' : doc.status === 'reviewing' || doc.status === 'to_sign' ? 'route' : 'versions';
  const activeTab = tab ?? defaultTab;
  const close = (): void => setDialog(null);
  const label = (a: OutgoingAction): string => t(`outgoing.actions.${a.slice('outgoing.'.length) as 'sign'}`);
  const open = (a: OutgoingAction): void => {
    if (a === 'outgoing.dispatch') {
      setTab('dispatch');
      return;
    }
    setDialog(a);
  };
  const newFrom = canDraft(me) && doc.status === 'issued';

  return (
    <div className="screen doc-view out-view" data-testid="out-view" data-status={doc.status}>
      <div className="doc-header">
        <div className="doc-header-main">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate({ name: 'outgoing' })} data-testid="back-to-list">
            {t('outgoing.view.backToList')}
          </Button>
          <div className="doc-title-block">
            <Typography.Title level={4} className="doc-title" data-testid="out-title" title={doc.subject}>
              {doc.documentType}: {doc.subject}
            </Typography.Title>
            <Space size={4} wrap className="doc-tags">
              <Tag className={number ? 'tag-arrival' : 'tag-arrival out-no-number'} data-testid="out-number">
                {number ? t('outgoing.view.numberLine', { number, date: formatDateVi(doc.number?.issuedAt) }) : t('outgoing.notNumbered')}
              </Tag>
              <Tag color={STATUS_COLOR[doc.status]} data-testid="out-status" data-status={doc.status}>
                {loc(OUTGOING_STATUS_LABELS[doc.status], lang)}
              </Tag>
              <UrgencyTag urgency={doc.urgency} />
              <ConfidentialityTag value={doc.confidentiality} />
              {(view.pending.length > 0 || view.pendingCreate) && <PendingTag />}
            </Space>
          </div>
        </div>
        <Space wrap className="doc-actions" data-testid="out-actions">
          {actions.map((a) => (
            <Button key={a} icon={ICONS[a]} type={PRIMARY.has(a) ? 'primary' : 'default'} danger={DANGER.has(a)} onClick={() => open(a)} data-testid={`out-action-${a.slice('outgoing.'.length)}`}>
              {label(a)}
            </Button>
          ))}
          {newFrom && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'replaces', label: t('outgoing.actions.replace') },
                  { key: 'updates', label: t('outgoing.actions.updateDoc') },
                ],
                onClick: (e) => navigate({ name: 'outgoingNew', relation: { kind: e.key as 'replaces' | 'updates', documentId: doc.id } }),
              }}
            >
              <Button icon={<FileSyncOutlined />} data-testid="out-action-supersede">
                {t('outgoing.actions.supersede')}
              </Button>
            </Dropdown>
          )}
        </Space>
      </div>

      <div className="doc-alerts">
        {view.pendingCreate && <Alert type="warning" showIcon title={t('outgoing.view.pendingCreate')} />}
        {doc.status === 'drafting' && doc.returnedReason && <ReturnedAlert doc={doc} />}
        {doc.status === 'to_issue' && doc.issueRequestedAt && !doc.number && (
          <Alert type="info" showIcon title={t('outgoing.issue.requested', { time: formatDateTimeVi(doc.issueRequestedAt) })} data-testid="out-issue-requested" />
        )}
        {doc.revocation && (
          <Alert
            type="error"
            showIcon
            title={t('outgoing.view.revoked', { name: userName(org, doc.revocation.by), time: formatDateTimeVi(doc.revocation.at) })}
            description={doc.revocation.reason}
            data-testid="out-revoked"
          />
        )}
        {doc.status === 'cancelled' && <Alert type="info" showIcon title={t('outgoing.view.cancelled')} description={doc.cancelReason || undefined} data-testid="out-cancelled" />}
        <FailedAlerts failed={view.failed} onDismissed={reload} />
      </div>

      <div className="doc-body">
        <div className="doc-files">
          <FileArea view={view} shown={shownVersion} onUpload={view.allowedActions.includes('outgoing.addVersion') ? () => setDialog('outgoing.addVersion') : null} />
        </div>
        <div className="doc-side out-side">
          <Tabs
            activeKey={activeTab}
            onChange={setTab}
            tabBarGutter={16}
            items={[
              { key: 'info', label: t('outgoing.view.tabs.info'), children: <InfoPanel view={view} /> },
              { key: 'route', label: t('outgoing.view.tabs.route'), children: <RoutePanel view={view} /> },
              {
                key: 'versions',
                label: withCount(t('outgoing.view.tabs.versions'), doc.versions.length),
                children: (
                  <VersionsPanel
                    view={view}
                    shown={shownVersion ?? doc.versions.at(-1)?.n ?? null}
                    onShow={setShownVersion}
                  />
                ),
              },
              ...(issued || doc.recipients.length > 0
                ? [{ key: 'dispatch', label: t('outgoing.view.tabs.dispatch'), children: <DispatchPanel view={view} /> }]
                : []),
              { key: 'history', label: t('outgoing.view.tabs.history'), children: <HistoryPanel view={view} /> },
            ]}
            data-testid="out-tabs-side"
          />
        </div>
      </div>

      {dialog === 'outgoing.update' && <EditDraftDialog doc={doc} onClose={close} />}
      {dialog === 'outgoing.addVersion' && <VersionDialog doc={doc} onClose={close} onDone={() => setShownVersion(null)} />}
      {dialog === 'outgoing.submit' && <SubmitDialog doc={doc} onClose={close} onDone={() => setTab('route')} />}
      {dialog === 'outgoing.forward' && <ForwardDialog doc={doc} onClose={close} onDone={() => setTab('route')} />}
      {(dialog === 'outgoing.approve' || dialog === 'outgoing.return' || dialog === 'outgoing.revoke' || dialog === 'outgoing.cancel') && (
        <ReasonDialog doc={doc} action={dialog} onClose={close} />
      )}
      {dialog === 'outgoing.sign' && <SignDialog view={view} mode="sign" onClose={close} />}
      {(dialog === 'outgoing.issue' || dialog === 'outgoing.seal') && <IssueDialog view={view} onClose={close} />}
    </div>
  );
}

/** Who sent the draft back, when, and why: the route's last returned step keeps the first two. */
function ReturnedAlert({ doc }: { doc: OutgoingDocument }): React.JSX.Element {
  const { t } = useTranslation();
  const { org } = useApp();
  const step = [...doc.route].reverse().find((s) => s.state === 'returned');
  const title = step?.actedAt ? t('outgoing.view.returnedBy', { name: userName(org, step.userId), time: formatDateTimeVi(step.actedAt) }) : t('outgoing.view.returned');
  return <Alert type="warning" showIcon title={title} description={doc.returnedReason} data-testid="out-returned" />;
}

const withCount = (label: string, n: number): string => (n > 0 ? `${label} (${n})` : label);
