import { App, Button, Drawer, Empty, List, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailOutboxItem } from '../../../shared/model/mail.js';
import { formatDateTimeVi } from '../../../shared/text/vietnamese.js';
import { useApp, useRpc, useRpcEvent } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import { outboxErrorText } from './format.js';

const COLOR: Record<MailOutboxItem['state'], string> = { queued: 'warning', sending: 'processing', sent: 'success', uncertain: 'orange', failed: 'error' };

/** Messages the core has not sent yet (and refused ones): what "Đang chờ gửi" means, with resend / discard. */
export function useOutbox(): { items: MailOutboxItem[]; reload: () => void } {
  const rpc = useRpc();
  const [items, setItems] = useState<MailOutboxItem[]>([]);
  const reload = useCallback(() => {
    void rpc.call('mail.outbox').then((list) => setItems(list.filter((i) => i.kind === 'send' || i.state === 'failed')), () => {});
  }, [rpc]);
  useEffect(reload, [reload]);
  useRpcEvent('mail.status', reload);
  return { items, reload };
}

export function OutboxDrawer({ items, reload, onClose }: { items: MailOutboxItem[]; reload(): void; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { lang } = useApp();
  const { message, modal } = App.useApp();

  const resolve = async (id: number, action: 'resend' | 'discard'): Promise<void> => {
    try {
      await rpc.call('mail.outbox.resolve', { id, action });
      reload();
    } catch (err) {
      void message.error(errorText(err, lang, t('app.unexpected')));
    }
  };

  return (
    <Drawer open onClose={onClose} title={t('mail.outbox.title')} size={460} data-testid="mail-outbox">
      {items.length === 0 ? (
        <Empty description={t('mail.outbox.empty')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(i) => (
            <List.Item
              data-testid="outbox-item"
              data-state={i.state}
              actions={
                i.state === 'failed' || i.state === 'uncertain'
                  ? [
                      <Button key="r" size="small" onClick={() => void resolve(i.id, 'resend')}>
                        {t('mail.outbox.resend')}
                      </Button>,
                      <Button
                        key="d"
                        size="small"
                        danger
                        onClick={() => void modal.confirm({ title: t('mail.outbox.discardConfirm'), okText: t('mail.outbox.discard'), okButtonProps: { danger: true }, cancelText: t('app.cancel'), onOk: () => resolve(i.id, 'discard') })}
                      >
                        {t('mail.outbox.discard')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    <Tag color={COLOR[i.state]}>{t(`mail.outbox.state.${i.state}`)}</Tag>
                    <span>{i.subject || t('mail.list.noSubject')}</span>
                  </Space>
                }
                description={
                  <>
                    <Typography.Text type="secondary">
                      {formatDateTimeVi(i.createdAt)}
                      {i.attempts > 0 ? ` · ${t('mail.outbox.attempts', { count: i.attempts })}` : ''}
                    </Typography.Text>
                    {i.lastError && <div className="outbox-error">{outboxErrorText(i.lastError, lang)}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
