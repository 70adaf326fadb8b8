import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IncomingListItem } from '../../../shared/rpc/contract.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { navigate } from '../../app/router.js';
import { ConfidentialityTag, OverdueTag, PendingTag, StatusTag, UrgencyTag } from '../../components/DocTags.js';
import { Highlight } from '../../components/Highlight.js';

/** Incoming documents found by `incoming.search`, as rows like the incoming list's (tags, number, issuer, status). */
export function IncomingResults({ items, query }: { items: IncomingListItem[]; query: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <>
      {items.map((item) => {
        const open = (): void => navigate({ name: 'document', id: item.id });
        return (
          <div key={item.id} className="search-result" role="link" tabIndex={0} onClick={open} onKeyDown={(e) => e.key === 'Enter' && open()} data-testid="search-result">
            <div className="search-result-main">
              <Space size={4} wrap>
                <UrgencyTag urgency={item.urgency} />
                <ConfidentialityTag value={item.confidentiality} />
                <span className={item.unread ? 'search-subject is-unread-text' : 'search-subject'}>
                  <Highlight text={item.subject} query={query} />
                </span>
              </Space>
              <Typography.Text type="secondary" className="search-meta">
                <Highlight text={`${t('doc.field.arrivalNumber')} ${item.arrivalNumber || '—'} · ${item.codeNumber}/${item.codeNotation} · ${item.issuer} · ${formatDateVi(item.issuedDate)}`} query={query} />
              </Typography.Text>
            </div>
            <Space size={4}>
              {item.overdue && <OverdueTag />}
              {item.pending ? <PendingTag /> : <StatusTag status={item.status} />}
            </Space>
          </div>
        );
      })}
    </>
  );
}
