import { CheckCircleFilled, CloudSyncOutlined, DisconnectOutlined, ExclamationCircleFilled, SyncOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FailedMutation, RefusedRecord } from '../../shared/rpc/contract.js';

/** Every kind's record has its screen at #/<kind>/<id> (#/incoming/…, #/tasks/…). */
const recordHref = (kind: string, id: string): string => `#/${kind}/${id}`;
import type { MutationName } from '../../shared/incoming/mutations.js';
import { formatDateTimeVi } from '../../shared/text/vietnamese.js';
import { useApp, useRpc } from '../app/AppContext.js';
import { bodyText } from '../app/util.js';

/** Online / offline / syncing, the pending count, the last sync time, and the actions the server refused. */
export function SyncIndicator(): React.JSX.Element {
  const { t } = useTranslation();
  const { sync, lang } = useApp();
  const rpc = useRpc();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);

  const syncNow = async (): Promise<void> => {
    setBusy(true);
    try {
      await rpc.call('sync.now');
    } catch {
      // the status event tells the story
    } finally {
      setBusy(false);
    }
  };

  const state = sync.state;
  const stateTag =
    state === 'online' ? (
      <Tag color="success" icon={<CheckCircleFilled />} data-testid="sync-state" data-state="online">
        {t('sync.online')}
      </Tag>
    ) : state === 'syncing' ? (
      <Tag color="processing" icon={<SyncOutlined spin />} data-testid="sync-state" data-state="syncing">
        {t('sync.syncing')}
      </Tag>
    ) : (
      <Tag color="default" icon={<DisconnectOutlined />} data-testid="sync-state" data-state="offline" className="tag-offline">
        {t('sync.offline')}
      </Tag>
    );

  const tooltip = [
    sync.lastSyncAt ? t('sync.lastSync', { time: formatDateTimeVi(sync.lastSyncAt) }) : t('sync.never'),
    state === 'offline' && sync.nextRetryAt ? t('sync.nextRetry', { time: formatDateTimeVi(sync.nextRetryAt) }) : null,
    sync.lastError ? bodyText(sync.lastError, lang) : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <Space size={8} className="sync-indicator" data-testid="sync-indicator">
      <Tooltip title={tooltip}>{stateTag}</Tooltip>
      {sync.pendingCount > 0 && (
        <Tag color="gold" icon={<CloudSyncOutlined />} data-testid="pending-count">
          {t('sync.pending', { count: sync.pendingCount })}
        </Tag>
      )}
      {sync.failedCount > 0 && (
        <Tag color="error" icon={<ExclamationCircleFilled />} className="clickable" onClick={() => setOpen(true)} data-testid="failed-count">
          {t('sync.failed', { count: sync.failedCount })}
        </Tag>
      )}
      {sync.refusedCount > 0 && (
        <Tag color="warning" icon={<ExclamationCircleFilled />} className="clickable" onClick={() => setOpen(true)} data-testid="refused-count">
          {t('sync.refused', { count: sync.refusedCount })}
        </Tag>
      )}
      <Typography.Text type="secondary" className="sync-time" data-testid="last-sync">
        {sync.lastSyncAt ? t('sync.lastSync', { time: formatDateTimeVi(sync.lastSyncAt) }) : t('sync.never')}
      </Typography.Text>
      <Tooltip title={t('sync.syncNow')}>
        <Button size="small" type="text" icon={<SyncOutlined spin={busy || state === 'syncing'} />} onClick={() => void syncNow()} aria-label={t('sync.syncNow')} />
      </Tooltip>
      <FailedDrawer open={open} onClose={() => setOpen(false)} />
    </Space>
  );
}

function FailedDrawer({ open, onClose }: { open: boolean; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { lang, sync } = useApp();
  const rpc = useRpc();
  const [items, setItems] = useState<FailedMutation[]>([]);
  const [refused, setRefused] = useState<RefusedRecord[]>([]);
  const load = useCallback(() => {
    rpc.call('mutations.failed').then(setItems, () => setItems([]));
    rpc.call('sync.refused').then(setRefused, () => setRefused([]));
  }, [rpc]);
  useEffect(() => {
    if (open) load();
  }, [open, load, sync.failedCount, sync.refusedCount]);
  return (
    <Drawer title={refused.length > 0 ? t('sync.problems') : t('sync.rejectedList')} open={open} onClose={onClose} size={460}>
      {refused.length > 0 && <RefusedList items={refused} onClose={onClose} />}
      {refused.length > 0 && items.length > 0 && <Typography.Title level={5}>{t('sync.rejectedList')}</Typography.Title>}
      {items.length === 0 ? (
        refused.length > 0 ? null : (
          <Empty description={t('sync.rejectedEmpty')} />
        )
      ) : (
        <div className="plain-list">
          {items.map((f) => (
            <div key={f.id} className="plain-list-item" data-testid="failed-item">
              <div className="plain-list-main">
                <div className="plain-list-title">
                  <Badge status="error" /> {t(`mutation.${f.name as MutationName}`)} · {formatDateTimeVi(f.failedAt)}
                </div>
                <Typography.Text type="secondary">{bodyText(f.error, lang)}</Typography.Text>{' '}
                <a href={recordHref(f.kind, f.recordId)} onClick={onClose}>
                  {t('sync.openDocument')}
                </a>
              </div>
              <Button size="small" onClick={() => void rpc.call('mutations.dismiss', { id: f.id }).then(load)}>
                {t('sync.dismiss')}
              </Button>
            </div>
          ))}
        </div>
      )}
    </Drawer>
  );
}

/** Documents the server sent that this version cannot read (decisions §18): nothing to dismiss, they come in once fixed or after an update. */
function RefusedList({ items, onClose }: { items: RefusedRecord[]; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  return (
    <>
      <Typography.Title level={5}>{t('sync.refusedList')}</Typography.Title>
      <div className="plain-list">
        {items.map((r) => (
          <div key={`${r.kind}:${r.recordId}`} className="plain-list-item" data-testid="refused-item">
            <div className="plain-list-main">
              <div className="plain-list-title">
                <Badge status="warning" /> {t('sync.refusedDocument', { id: r.recordId.slice(0, 8) })} · {formatDateTimeVi(r.refusedAt)}
              </div>
              <Typography.Text type="secondary">{bodyText(r.error, lang)}</Typography.Text>{' '}
              <a href={recordHref(r.kind, r.recordId)} onClick={onClose}>
                {t('sync.openDocument')}
              </a>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
