import {
  ContainerOutlined,
  DeleteOutlined,
  EditOutlined,
  FlagFilled,
  FlagOutlined,
  FolderOutlined,
  MailOutlined,
  RollbackOutlined,
  ShareAltOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { App, Button, Dropdown, Empty, Skeleton, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailActionName, MailFolder, MailListItem, MailMessageView } from '../../../shared/model/mail.js';
import { formatDateTimeVi } from '../../../shared/text/vietnamese.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import { formatAddress, personLabel } from './address.js';
import { Attachments } from './Attachments.js';
import type { ComposeInit } from './ComposeDialog.js';
import { useFolderLabel } from './FolderList.js';
import { listDate } from './format.js';
import { ForwardedMessages } from './ForwardedMessages.js';
import { MailBody } from './MailBody.js';
import { Recipients } from './Recipients.js';
import { useMailChanged } from './useMail.js';

interface Props {
  id: number;
  folder: MailFolder | undefined;
  folders: MailFolder[];
  onCompose(init: ComposeInit): void;
  /** After the message left the folder (moved, deleted) or was marked unread: close it. */
  onClose(): void;
  onOpen(item: Pick<MailListItem, 'id' | 'folderId'>): void;
}

/** The third pane: one message with its header, actions, conversation, attachments and content. */
export function MessageView({ id, folder, folders, onCompose, onClose, onOpen }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { lang } = useApp();
  const { message: toast } = App.useApp();
  const [msg, setMsg] = useState<MailMessageView | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [imagesAllowed, setImagesAllowed] = useState(false);
  const [loadingImages, setLoadingImages] = useState(false);
  const [thread, setThread] = useState<MailListItem[]>([]);
  const folderLabel = useFolderLabel();

  const load = useCallback(
    async (o: { markRead: boolean; images: boolean }) => {
      try {
        const m = await rpc.call('mail.get', { id, markRead: o.markRead, allowRemoteImages: o.images });
        setMsg(m);
        setError(null);
        if (m && m.threadCount > 1) setThread(await rpc.call('mail.thread', { threadId: m.threadId }));
        else setThread([]);
      } catch (err) {
        setError(err);
        setMsg((cur) => cur ?? null);
      }
    },
    [rpc, id],
  );

  // Opening marks the message read (the core queues the flag); images stay blocked for each new message.
  useEffect(() => {
    setMsg(undefined);
    setImagesAllowed(false);
    void load({ markRead: true, images: false });
  }, [load]);

  useMailChanged((p) => {
    if (!p.messageIds || p.messageIds.includes(id) || (msg && p.folderIds.includes(msg.folderId) && !msg.bodyAvailable)) void load({ markRead: false, images: imagesAllowed });
  });

  const showImages = async (): Promise<void> => {
    setLoadingImages(true);
    setImagesAllowed(true);
    await load({ markRead: false, images: true });
    setLoadingImages(false);
  };

  const act = async (action: MailActionName, folderId?: number): Promise<void> => {
    try {
      await rpc.call('mail.action', { ids: [id], action, ...(folderId !== undefined ? { folderId } : {}) });
      if (action === 'move' || action === 'archive' || action === 'delete') {
        void toast.success(action === 'delete' ? t('mail.view.deleted') : t('mail.view.moved'));
        onClose();
      } else if (action === 'unread') onClose();
      else void load({ markRead: false, images: imagesAllowed });
    } catch (err) {
      void toast.error(errorText(err, lang, t('app.unexpected')));
    }
  };

  const reply = async (kind: 'reply' | 'replyAll' | 'forward'): Promise<void> => {
    if (!msg) return;
    try {
      const c = await rpc.call('mail.composeFrom', { messageId: id, kind });
      const names = new Map(msg.attachments.map((a) => [a.id, a] as const));
      onCompose({
        kind,
        to: c.to,
        cc: c.cc,
        bcc: c.bcc,
        subject: c.subject,
        text: c.text,
        reference: c.reference,
        attachments: c.attachments.map((att) => {
          const meta = att.kind === 'mail' ? names.get(att.attachmentId) : undefined;
          return { att, name: meta?.name ?? (att.kind === 'mail' ? att.attachmentId : att.name), size: meta?.size ?? null };
        }),
      });
    } catch (err) {
      void toast.error(errorText(err, lang, t('app.unexpected')));
    }
  };

  const continueDraft = (): void => {
    if (!msg) return;
    onCompose({
      kind: 'draft',
      to: msg.to,
      cc: msg.cc,
      subject: msg.subject,
      text: msg.text,
      draftId: msg.id,
      attachments: msg.attachments.filter((a) => !a.inline).map((a) => ({ att: { kind: 'mail', messageId: msg.id, attachmentId: a.id }, name: a.name, size: a.size })),
    });
  };

  if (msg === undefined && !error)
    return (
      <div className="mail-message">
        <Skeleton active paragraph={{ rows: 8 }} className="mail-message-skeleton" />
      </div>
    );
  if (!msg)
    return (
      <div className="mail-message mail-message-empty">
        <Empty description={error ? errorText(error, lang, t('app.unexpected')) : t('mail.view.notFound')} />
      </div>
    );

  const archive = folders.find((f) => f.role === 'archive');
  const moveTargets = folders.filter((f) => f.id !== msg.folderId && f.role !== 'drafts');
  const isDraft = folder?.role === 'drafts';

  return (
    <article className="mail-message" data-testid="mail-message" data-id={msg.id}>
      <div className="mail-actions" data-testid="mail-actions">
        {isDraft ? (
          <Button type="primary" icon={<EditOutlined />} onClick={continueDraft} data-testid="mail-continue-draft">
            {t('mail.view.continueDraft')}
          </Button>
        ) : (
          <>
            <Button icon={<RollbackOutlined />} onClick={() => void reply('reply')} data-testid="mail-reply">
              {t('mail.view.reply')}
            </Button>
            <Button icon={<TeamOutlined />} onClick={() => void reply('replyAll')} data-testid="mail-reply-all">
              {t('mail.view.replyAll')}
            </Button>
            <Button icon={<ShareAltOutlined />} onClick={() => void reply('forward')} data-testid="mail-forward">
              {t('mail.view.forward')}
            </Button>
          </>
        )}
        <span className="mail-actions-gap" />
        <Tooltip title={t('mail.view.markUnread')}>
          <Button type="text" icon={<MailOutlined />} onClick={() => void act('unread')} aria-label={t('mail.view.markUnread')} data-testid="mail-unread" />
        </Tooltip>
        <Tooltip title={msg.flagged ? t('mail.view.unflag') : t('mail.view.flag')}>
          <Button
            type="text"
            icon={msg.flagged ? <FlagFilled className="mail-flag" /> : <FlagOutlined />}
            onClick={() => void act(msg.flagged ? 'unflag' : 'flag')}
            aria-label={msg.flagged ? t('mail.view.unflag') : t('mail.view.flag')}
            aria-pressed={msg.flagged}
            data-testid="mail-flag"
          />
        </Tooltip>
        {archive && archive.id !== msg.folderId && (
          <Tooltip title={t('mail.view.archive')}>
            <Button type="text" icon={<ContainerOutlined />} onClick={() => void act('archive')} aria-label={t('mail.view.archive')} data-testid="mail-archive" />
          </Tooltip>
        )}
        <Dropdown trigger={['click']} menu={{ items: moveTargets.map((f) => ({ key: String(f.id), label: folderLabel(f) })), onClick: (e) => void act('move', Number(e.key)) }}>
          <Tooltip title={t('mail.view.move')}>
            <Button type="text" icon={<FolderOutlined />} aria-label={t('mail.view.move')} data-testid="mail-move" />
          </Tooltip>
        </Dropdown>
        <Tooltip title={folder?.role === 'trash' ? t('mail.view.deleteForever') : t('mail.view.delete')}>
          <Button type="text" danger icon={<DeleteOutlined />} onClick={() => void act('delete')} aria-label={t('mail.view.delete')} data-testid="mail-delete" />
        </Tooltip>
      </div>

      <header className="mail-header">
        <Typography.Title level={4} className="mail-subject" data-testid="mail-subject">
          {msg.subject || t('mail.list.noSubject')}
          {msg.pending && <span className="mtag mtag-pending">{t('mail.list.pending')}</span>}
        </Typography.Title>
        <dl className="mail-people">
          <dt>{t('mail.view.from')}</dt>
          <dd data-testid="mail-from">{msg.from ? formatAddress(msg.from) : <em>{t('mail.list.noSender')}</em>}</dd>
          {msg.to.length > 0 && (
            <>
              <dt>{t('mail.view.to')}</dt>
              <Recipients list={msg.to} testId="mail-to" />
            </>
          )}
          {msg.cc.length > 0 && (
            <>
              <dt>{t('mail.view.cc')}</dt>
              <Recipients list={msg.cc} testId="mail-cc" />
            </>
          )}
          <dt>{t('mail.view.date')}</dt>
          <dd data-testid="mail-date">{formatDateTimeVi(msg.date)}</dd>
        </dl>
      </header>

      {thread.length > 1 && (
        <div className="mail-thread" data-testid="mail-thread">
          <Typography.Text type="secondary" className="mail-section-label">
            {t('mail.view.thread', { count: thread.length })}
          </Typography.Text>
          {thread.map((m) => (
            <button key={m.id} type="button" className={`mail-thread-item${m.id === msg.id ? ' is-current' : ''}`} onClick={() => m.id !== msg.id && onOpen(m)} disabled={m.id === msg.id}>
              <span className="mail-thread-from">{personLabel(m.from) || t('mail.list.noSender')}</span>
              <span className="mail-thread-snippet">{m.snippet}</span>
              <span className="mail-thread-date">{listDate(m.date)}</span>
            </button>
          ))}
        </div>
      )}

      <Attachments messageId={msg.id} attachments={msg.attachments} />
      <MailBody message={msg} imagesAllowed={imagesAllowed && !msg.remoteImagesBlocked} loadingImages={loadingImages} onShowImages={() => void showImages()} />
      <ForwardedMessages attachments={msg.attachments} />
    </article>
  );
}
