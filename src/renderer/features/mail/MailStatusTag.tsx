import { CheckCircleOutlined, CloseCircleOutlined, DisconnectOutlined, LoadingOutlined, SettingOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MailStatus } from '../../../shared/model/mail.js';
import { formatDateTimeVi } from '../../../shared/text/vietnamese.js';
import { useApp } from '../../app/AppContext.js';
import { bodyText } from '../../app/util.js';

const LOOK: Record<MailStatus['state'], { color: string; icon: React.ReactNode }> = {
  online: { color: 'success', icon: <CheckCircleOutlined /> },
  connecting: { color: 'processing', icon: <LoadingOutlined /> },
  offline: { color: 'default', icon: <DisconnectOutlined /> },
  auth_failed: { color: 'error', icon: <CloseCircleOutlined /> },
  not_configured: { color: 'default', icon: <SettingOutlined /> },
};

/** The mail connection as the user needs to know it: state, why not, last sync, messages waiting to go. */
export function MailStatusTag({ status }: { status: MailStatus }): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const look = LOOK[status.state];
  const reason = status.lastError ? bodyText(status.lastError, lang) : null;
  return (
    <Space size={8} className="mail-status" data-testid="mail-status" data-state={status.state}>
      <Tooltip title={reason}>
        <Tag color={look.color} icon={look.icon} className={status.state === 'offline' ? 'tag-offline' : undefined}>
          {t(`mail.status.${status.state}`)}
        </Tag>
      </Tooltip>
      {status.pendingCount > 0 && (
        <Tag color="warning" data-testid="mail-pending">
          {t('mail.status.pending', { count: status.pendingCount })}
        </Tag>
      )}
      {status.lastSyncAt && (
        <Typography.Text type="secondary" className="sync-time">
          {t('mail.status.lastSync', { time: formatDateTimeVi(status.lastSyncAt) })}
        </Typography.Text>
      )}
    </Space>
  );
}
