import { EditOutlined, InboxOutlined, MailOutlined, SendOutlined, SettingOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, Result, Spin, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailListItem } from '../../../shared/model/mail.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { errorText } from '../../app/util.js';
import { ComposeDialog, type ComposeInit } from './ComposeDialog.js';
import { FolderList, useFolderLabel } from './FolderList.js';
import { MailStatusTag } from './MailStatusTag.js';
import { MessageList } from './MessageList.js';
import { MessageView } from './MessageView.js';
import { OutboxDrawer, useOutbox } from './OutboxDrawer.js';
import { useMailFolders, useMailStatus } from './useMail.js';
import './mail.css';

interface Props {
  folderId: number | null;
  messageId: number | null;
}

/** `#/mail/<folder>/<message>`: folders · messages · the open message. */
export function MailPage({ folderId, messageId }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { lang } = useApp();
  const { message } = App.useApp();
  const status = useMailStatus();
  const { folders } = useMailFolders();
  const outbox = useOutbox();
  const [compose, setCompose] = useState<ComposeInit | null>(null);
  const [outboxOpen, setOutboxOpen] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const folderLabel = useFolderLabel();

  const folder = folders?.find((f) => f.id === folderId);
  // No folder in the address (or one that no longer exists): the inbox.
  useEffect(() => {
    if (!folders || folders.length === 0 || folder) return;
    const inbox = folders.find((f) => f.role === 'inbox') ?? folders[0];
    if (inbox) navigate({ name: 'mail', folderId: inbox.id, messageId: null }, { replace: true });
  }, [folders, folder]);

  const syncNow = async (): Promise<void> => {
    setSyncing(true);
    try {
      await rpc.call('mail.syncNow');
    } catch (err) {
      void message.error(errorText(err, lang, t('app.unexpected')));
    } finally {
      setSyncing(false);
    }
  };

  const open = (item: Pick<MailListItem, 'id' | 'folderId'>): void => navigate({ name: 'mail', folderId: item.folderId, messageId: item.id });
  const waiting = outbox.items.filter((i) => i.state !== 'sent').length;

  if (status.state === 'not_configured' && folders !== null && folders.length === 0)
    return (
      <div className="screen mail-page" data-testid="mail-page">
        <Result
          icon={<MailOutlined className="mail-empty-icon" />}
          title={t('mail.notConfiguredTitle')}
          subTitle={t('mail.notConfiguredText')}
          extra={
            <Button type="primary" icon={<SettingOutlined />} onClick={() => navigate({ name: 'mailSettings' })} data-testid="mail-configure">
              {t('mail.configure')}
            </Button>
          }
          data-testid="mail-not-configured"
        />
      </div>
    );

  return (
    <div className="screen mail-page" data-testid="mail-page">
      <div className="mail-toolbar">
        <Typography.Title level={3} className="page-title">
          {t('mail.title')}
        </Typography.Title>
        <MailStatusTag status={status} />
        <span className="mail-toolbar-gap" />
        <Button type="primary" icon={<EditOutlined />} onClick={() => setCompose({ kind: 'new' })} data-testid="mail-compose">
          {t('mail.compose.button')}
        </Button>
        <Badge count={waiting} size="small" offset={[-4, 4]}>
          <Button icon={<SendOutlined />} onClick={() => setOutboxOpen(true)} data-testid="mail-outbox-button">
            {t('mail.outbox.title')}
          </Button>
        </Badge>
        <Tooltip title={t('mail.syncNow')}>
          <Button icon={<SyncOutlined spin={syncing} />} onClick={() => void syncNow()} aria-label={t('mail.syncNow')} data-testid="mail-sync" />
        </Tooltip>
        <Tooltip title={t('mail.settings.title')}>
          <Button icon={<SettingOutlined />} onClick={() => navigate({ name: 'mailSettings' })} aria-label={t('mail.settings.title')} data-testid="mail-settings-button" />
        </Tooltip>
      </div>
      {folders === null ? (
        <Spin className="loading" />
      ) : folders.length === 0 ? (
        <div className="mail-panes mail-panes-empty">
          <Empty image={<InboxOutlined className="mail-empty-icon" />} description={t('mail.firstSync')} />
        </div>
      ) : (
        <div className="mail-panes">
          <FolderList folders={folders} selected={folder?.id ?? null} onSelect={(id) => navigate({ name: 'mail', folderId: id, messageId: null })} />
          {/* The list and the message are siblings: their keys need a prefix each, or folder 1 and
              message 1 share the key "1" and React, meeting the pair while swapping both, loses
              one — a stale list stayed in the grid beside the new one, the message pushed below. */}
          {folder ? (
            <MessageList key={`folder:${folder.id}`} folderId={folder.id} folderName={folderLabel(folder)} showRecipients={folder.role === 'sent' || folder.role === 'drafts'} openId={messageId} onOpen={open} />
          ) : (
            <section className="mail-list" />
          )}
          {messageId !== null && folder ? (
            <MessageView
              key={`message:${messageId}`}
              id={messageId}
              folder={folder}
              folders={folders}
              onCompose={setCompose}
              onClose={() => navigate({ name: 'mail', folderId: folder.id, messageId: null })}
              onOpen={open}
            />
          ) : (
            <div className="mail-message mail-message-empty" data-testid="mail-no-message">
              <Empty image={<MailOutlined className="mail-empty-icon" />} description={folder ? t('mail.view.empty', { folder: folderLabel(folder) }) : ''} />
            </div>
          )}
        </div>
      )}
      {compose && <ComposeDialog init={compose} onClose={() => setCompose(null)} />}
      {outboxOpen && <OutboxDrawer items={outbox.items} reload={outbox.reload} onClose={() => setOutboxOpen(false)} />}
    </div>
  );
}
