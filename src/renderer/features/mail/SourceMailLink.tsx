import { MailOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceMail } from '../../../shared/incoming/index.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { useRpc } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { formatAddress } from './address.js';
import './mail.css';

/**
 * A registered document's link back to the e-mail it came from: "Nhận qua thư
 * điện tử từ …, ngày …", and "Mở thư" when that message is in this computer's mail cache.
 */
export function SourceMailLink({ source }: { source: SourceMail }): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const [found, setFound] = useState<{ id: number; folderId: number } | null>(null);
  useEffect(() => {
    if (!source.messageIdHeader) return;
    let alive = true;
    void rpc.call('mail.locate', { messageIdHeader: source.messageIdHeader }).then((r) => alive && setFound(r), () => {});
    return () => {
      alive = false;
    };
  }, [rpc, source.messageIdHeader]);
  const from = source.from ? source.from.name || source.from.address : t('mail.list.noSender');
  return (
    <span className="source-mail" data-testid="source-mail" title={source.from ? formatAddress(source.from) : undefined}>
      <MailOutlined /> {t('mail.source.text', { from, date: formatDateVi(source.receivedAt) })}
      {found && (
        <Button type="link" size="small" onClick={() => navigate({ name: 'mail', folderId: found.folderId, messageId: found.id })} data-testid="source-mail-open">
          {t('mail.source.open')}
        </Button>
      )}
    </span>
  );
}
