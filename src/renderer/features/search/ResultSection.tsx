import { Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import { countText } from '../../components/searchText.js';

interface Props {
  icon: React.ReactNode;
  title: string;
  /** null while searching. */
  count: number | null;
  limit: number;
  error: unknown;
  /** Shown when the count is 0. */
  emptyText: string;
  testId: string;
  children: React.ReactNode;
}

/** One source's results on the Search page: a titled box with its count, its rows, or a line saying there are none. */
export function ResultSection({ icon, title, count, limit, error, emptyText, testId, children }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  return (
    <section className="search-results" aria-label={title} data-testid={testId}>
      <header className="search-section-head">
        <span className="search-section-icon">{icon}</span>
        <Typography.Text strong className="search-section-title">
          {title}
        </Typography.Text>
        {count !== null && (
          <span className="search-section-count" data-testid={`${testId}-count`}>
            {t('search.results', { n: countText(count, limit, lang === 'vi' ? 'vi-VN' : 'en-US') })}
          </span>
        )}
      </header>
      {error ? <Typography.Text type="danger" className="search-section-note">{errorText(error, lang, t('app.unexpected'))}</Typography.Text> : null}
      {count === null && !error ? <Skeleton active title={false} paragraph={{ rows: 2 }} className="search-section-note" /> : null}
      {count === 0 ? <Typography.Text type="secondary" className="search-section-note">{emptyText}</Typography.Text> : null}
      {count ? children : null}
    </section>
  );
}
