import { SearchOutlined } from '@ant-design/icons';
import { Empty, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncomingListItem } from '../../../shared/rpc/contract.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { useApp, useChanged, useRpc } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { errorText } from '../../app/util.js';
import { ConfidentialityTag, OverdueTag, PendingTag, StatusTag, UrgencyTag } from '../../components/DocTags.js';

/** Accent-insensitive search over the documents on this machine (incoming.search: FTS5 over folded text). */
export function SearchPage({ q }: { q: string }): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { lang } = useApp();
  const [text, setText] = useState(q);
  const [results, setResults] = useState<IncomingListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setResults(null);
      return;
    }
    const h = setTimeout(() => {
      rpc.call('incoming.search', { query, limit: 50 }).then(
        (r) => {
          setResults(r);
          setError(null);
        },
        (e: unknown) => setError(errorText(e, lang, t('app.unexpected'))),
      );
      navigate({ name: 'search', q: query }, { replace: true });
    }, 250);
    return () => clearTimeout(h);
  }, [text, rpc, lang, t, tick]);
  useChanged(['incoming'], () => setTick((n) => n + 1), { delayMs: 500 });

  return (
    <div className="screen search-page" data-testid="search-page">
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('search.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('search.hint')}</Typography.Text>
        </div>
      </div>
      <Input
        size="large"
        allowClear
        autoFocus
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="search-input"
        data-testid="search-input"
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {results !== null &&
        (results.length === 0 ? (
          <Empty description={t('search.empty')} className="search-empty" />
        ) : (
          <div className="search-results">
            <Typography.Text type="secondary" className="search-count">
              {t('search.results', { count: results.length })}
            </Typography.Text>
            {results.map((item) => (
              <div key={item.id} className="search-result" role="link" tabIndex={0} onClick={() => navigate({ name: 'document', id: item.id })} onKeyDown={(e) => e.key === 'Enter' && navigate({ name: 'document', id: item.id })} data-testid="search-result">
                <div className="search-result-main">
                  <Space size={4} wrap>
                    <UrgencyTag urgency={item.urgency} />
                    <ConfidentialityTag value={item.confidentiality} />
                    <span className={item.unread ? 'search-subject is-unread-text' : 'search-subject'}>{item.subject}</span>
                  </Space>
                  <Typography.Text type="secondary" className="search-meta">
                    {`${t('doc.field.arrivalNumber')} ${item.arrivalNumber || '—'} · ${item.codeNumber}/${item.codeNotation} · ${item.issuer} · ${formatDateVi(item.issuedDate)}`}
                  </Typography.Text>
                </div>
                <Space size={4}>
                  {item.overdue && <OverdueTag />}
                  {item.pending ? <PendingTag /> : <StatusTag status={item.status} />}
                </Space>
              </div>
            ))}
          </div>
        ))}
    </div>
  );
}
