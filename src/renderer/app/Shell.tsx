import {
  BookOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  FundOutlined,
  InboxOutlined,
  LogoutOutlined,
  MailOutlined,
  SearchOutlined,
  SendOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, App, Avatar, Badge, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../components/ErrorBoundary.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { Loading } from '../components/Loading.js';
import { SyncIndicator } from '../components/SyncIndicator.js';
import { IncomingList } from '../features/incoming/IncomingList.js';
import { useInboxUnread } from '../features/mail/useMail.js';
import { SearchPage } from '../features/search/SearchPage.js';
import { useApp, useMe, useRpc } from './AppContext.js';
import { navigate, useRoute, type Route } from './router.js';
import { roleKey } from '../../shared/incoming/rights.js';
import { canCreateTask } from '../../shared/tasks/index.js';
import { TaskList, TaskView, useTaskCounts } from '../features/tasks/index.js';
import { DashboardPage } from '../features/dashboard/index.js';
import { ScheduleEntryPage, ScheduleNotifier, SchedulePage } from '../features/schedule/index.js';
import { RegistersPage } from '../features/registers/index.js';
import { OutgoingDocumentView, OutgoingList, OutgoingNewPage, useOutgoingCounts } from '../features/outgoing/index.js';
import { errorText, unitName } from './util.js';
import { onAppOpen } from './connection.js';
import { warmUpDocumentViewer } from './warmUp.js';

// The document view carries pdf.js: load it when first needed.
const DocumentView = lazy(() => import('../features/incoming/DocumentView.js').then((m) => ({ default: m.DocumentView })));
const RegisterForm = lazy(() => import('../features/incoming/RegisterForm.js').then((m) => ({ default: m.RegisterForm })));
const MailPage = lazy(() => import('../features/mail/MailPage.js').then((m) => ({ default: m.MailPage })));
const AccountSettings = lazy(() => import('../features/mail/AccountSettings.js').then((m) => ({ default: m.AccountSettings })));
const ProcessingSlip = lazy(() => import('../features/incoming/ProcessingSlip.js').then((m) => ({ default: m.ProcessingSlip })));

type NavKey = 'incoming' | 'outgoing' | 'registers' | 'tasks' | 'dashboard' | 'schedule' | 'mail' | 'search';

function navKeyOf(route: Route): NavKey {
  switch (route.name) {
    case 'outgoing':
    case 'outgoingNew':
    case 'outgoingDoc':
      return 'outgoing';
    case 'search':
      return 'search';
    case 'registers':
      return 'registers';
    case 'mail':
    case 'mailSettings':
      return 'mail';
    case 'tasks':
    case 'task':
      return 'tasks';
    case 'dashboard':
      return 'dashboard';
    case 'schedule':
    case 'scheduleEntry':
      return 'schedule';
    default:
      return 'incoming';
  }
}

export function Shell(): React.JSX.Element {
  const { t } = useTranslation();
  const route = useRoute();
  const { sync } = useApp();
  const [collapsed, setCollapsed] = useState(false);
  const unread = useInboxUnread();
  const taskCounts = useTaskCounts(sync.state === 'syncing');
  const myTasks = taskCounts.mine ?? 0;
  const outgoingCounts = useOutgoingCounts(sync.state === 'syncing');
  // What waits for me: drafts to review, to sign, and (clerks) to number and seal.
  const outgoingWaiting = (outgoingCounts.to_review ?? 0) + (outgoingCounts.to_sign ?? 0) + (outgoingCounts.to_issue ?? 0);
  useEffect(warmUpDocumentViewer, []);
  // The desktop shell asks for a document, a task or a schedule entry when its notification is clicked.
  const rpc = useRpc();
  const me = useMe();
  useEffect(
    () =>
      onAppOpen(rpc, (target) =>
        navigate(target.kind === 'tasks' ? { name: 'task', id: target.id } : target.kind === 'schedule' ? { name: 'scheduleEntry', id: target.id } : { name: 'document', id: target.id }),
      ),
    [rpc],
  );

  // The processing slip is a print view: no navigation around it.
  if (route.name === 'slip')
    return (
      <Suspense fallback={<Loading />}>
        <ProcessingSlip id={route.id} />
      </Suspense>
    );

  const items = [
    { key: 'incoming', icon: <InboxOutlined />, label: t('nav.incoming') },
    {
      key: 'outgoing',
      icon: <SendOutlined />,
      label: (
        <span className="nav-label">
          <span>{t('nav.outgoing')}</span>
          {outgoingWaiting > 0 && <Badge count={outgoingWaiting} size="small" overflowCount={999} className="nav-badge" title={t('outgoing.navBadge')} data-testid="nav-outgoing-count" />}
        </span>
      ),
    },
    {
      key: 'tasks',
      icon: <CarryOutOutlined />,
      label: (
        <span className="nav-label">
          {/* Its own element, so the item is still found by its exact name with the count beside it. */}
          <span>{t('nav.tasks')}</span>
          {myTasks > 0 && (
            <Badge count={myTasks} size="small" overflowCount={999} className={(taskCounts.overdue ?? 0) > 0 ? 'nav-badge nav-badge-tasks is-overdue' : 'nav-badge nav-badge-tasks'} title={t('nav.tasksBadge')} data-testid="nav-tasks-count" />
          )}
        </span>
      ),
    },
    // The leaders' view of how work is done on time ("Tình hình thực hiện").
    ...(canCreateTask(me) ? [{ key: 'dashboard', icon: <FundOutlined />, label: t('nav.dashboard') }] : []),
    { key: 'schedule', icon: <CalendarOutlined />, label: t('nav.schedule') },
    // The registers are the clerks' and the leaders' record ("Sổ văn bản").
    ...(me.role === 'clerk' || me.role === 'leader' ? [{ key: 'registers', icon: <BookOutlined />, label: t('nav.registers') }] : []),
    {
      key: 'mail',
      icon: <MailOutlined />,
      label: (
        <span className="nav-label">
          {t('nav.mail')}
          {unread > 0 && <Badge count={unread} size="small" overflowCount={999} className="nav-badge" data-testid="nav-mail-unread" />}
        </span>
      ),
    },
    { key: 'search', icon: <SearchOutlined />, label: t('nav.search') },
  ];
  const go = (key: string): void => {
    if (key === 'incoming') navigate({ name: 'incoming' });
    else if (key === 'search') navigate({ name: 'search', q: '' });
    else if (key === 'mail') navigate({ name: 'mail', folderId: null, messageId: null });
    else if (key === 'tasks') navigate({ name: 'tasks' });
    else if (key === 'dashboard') navigate({ name: 'dashboard' });
    else if (key === 'schedule') navigate({ name: 'schedule', date: null, view: null, leaderId: null });
    else if (key === 'outgoing') navigate({ name: 'outgoing' });
    else if (key === 'registers') navigate({ name: 'registers' });
  };

  return (
    <Layout className="shell">
      {/* Toasts of schedule revisions that concern me, wherever I am in the app. */}
      <ScheduleNotifier />
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={212} className="shell-sider">
        <div className="brand" title={t('app.tagline')}>
          <span className="brand-mark">iO</span>
          {!collapsed && <span className="brand-name">{t('app.name')}</span>}
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={[navKeyOf(route)]} items={items} onClick={(e) => go(e.key)} data-testid="nav" />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell-header">
          <SyncIndicator />
          <Space size={16}>
            <LanguageSwitch />
            <UserMenu />
          </Space>
        </Layout.Header>
        {sync.state === 'offline' && <Alert type="warning" banner showIcon title={t('sync.offlineBanner')} data-testid="offline-banner" />}
        <Layout.Content className="shell-content">
          <ErrorBoundary key={route.name === 'document' || route.name === 'task' || route.name === 'scheduleEntry' || route.name === 'outgoingDoc' ? route.id : route.name}>
            <Suspense fallback={<Loading />}>
              <Screen route={route} />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function Screen({ route }: { route: Route }): React.JSX.Element {
  switch (route.name) {
    case 'incoming':
      return <IncomingList />;
    case 'register':
      return <RegisterForm key={route.fromMail ? `${route.fromMail.messageId}/${route.fromMail.attachmentId}` : 'new'} {...(route.fromMail ? { fromMail: route.fromMail } : {})} />;
    case 'document':
      return <DocumentView key={route.id} id={route.id} />;
    case 'search':
      return <SearchPage q={route.q} />;
    case 'mail':
      return <MailPage folderId={route.folderId} messageId={route.messageId} />;
    case 'mailSettings':
      return <AccountSettings />;
    case 'tasks':
      return <TaskList />;
    case 'task':
      return <TaskView key={route.id} id={route.id} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'schedule':
      return <SchedulePage route={route} />;
    case 'scheduleEntry':
      return <ScheduleEntryPage key={route.id} id={route.id} />;
    case 'outgoing':
      return <OutgoingList />;
    case 'outgoingNew':
      return <OutgoingNewPage key={route.replyTo ?? route.relation?.documentId ?? 'new'} replyTo={route.replyTo ?? null} relation={route.relation ?? null} />;
    case 'outgoingDoc':
      return <OutgoingDocumentView key={route.id} id={route.id} />;
    case 'registers':
      return <RegistersPage />;
    case 'slip':
      return <Loading />;
  }
}

function UserMenu(): React.JSX.Element {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { org, sync, session, lang } = useApp();
  const me = useMe();
  const rpc = useRpc();
  const unit = unitName(org, me.unitId);
  const role = t(`user.role.${roleKey(me, org?.units ?? [])}`);

  const signOut = (): void => {
    modal.confirm({
      title: t('user.signOutTitle'),
      content: sync.pendingCount > 0 ? t('user.signOutPending', { count: sync.pendingCount }) : t('user.signOutText'),
      okText: t('user.signOut'),
      cancelText: t('app.cancel'),
      // Not awaited: the dialog closes at the click, and the sign-in screen comes with the
      // core's session event, which it sends before its engines stop and its cache closes.
      onOk: () => {
        void rpc.call('session.logout').catch((err: unknown) => message.error(errorText(err, lang, t('app.unexpected'))));
      },
    });
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'agency', label: session.agency?.name ?? '', disabled: true },
          { type: 'divider' },
          { key: 'signout', icon: <LogoutOutlined />, label: t('user.signOut'), onClick: signOut },
        ],
      }}
    >
      <button type="button" className="user-button" data-testid="user-menu">
        <Avatar size={32} icon={<UserOutlined />} className="user-avatar" />
        <span className="user-text">
          <Typography.Text strong className="user-name" data-testid="user-name">
            {me.fullName}
          </Typography.Text>
          <Typography.Text type="secondary" className="user-role" data-testid="user-role">
            {unit ? `${role} · ${unit}` : role}
          </Typography.Text>
        </span>
      </button>
    </Dropdown>
  );
}
