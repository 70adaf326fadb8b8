import { CalendarOutlined, CheckSquareOutlined, FileTextOutlined, MailOutlined, SearchOutlined } from '@ant-design/icons';
import { Empty, Input, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router.js';
import { cleanQuery } from '../../components/searchText.js';
import { useDebounced } from '../../components/useDebounced.js';
import { useMailConfigured, useMailSearch } from '../mail/index.js';
import { ScheduleResults, useScheduleSearch } from '../schedule/index.js';
import { IncomingResults } from './IncomingResults.js';
import { MailResults } from './MailResults.js';
import { ResultSection } from './ResultSection.js';
import { useIncomingSearch } from './useIncomingSearch.js';
import { TaskResults } from './TaskResults.js';
import { useTaskSearch } from './useTaskSearch.js';

const INCOMING_LIMIT = 50;
const MAIL_LIMIT = 50;
const TASK_LIMIT = 50;
const SCHEDULE_LIMIT = 50;

/**
 * `#/search?q=`: one box over everything on this machine, accent-insensitive and
 * offline — incoming documents (`incoming.search`), tasks (`tasks.search`) and, when
 * a mail account is set up, mail (`mail.search`, every folder). The query follows the address.
 */
export function SearchPage({ q }: { q: string }): React.JSX.Element {
  const { t } = useTranslation();
  const [text, setText] = useState(q);
  const query = useDebounced(cleanQuery(text), 250);
  const mailConfigured = useMailConfigured();
  const incoming = useIncomingSearch(query, INCOMING_LIMIT);
  const tasks = useTaskSearch(query, TASK_LIMIT);
  const schedule = useScheduleSearch(query, SCHEDULE_LIMIT);
  const mail = useMailSearch(query, null, MAIL_LIMIT, mailConfigured === true);

  // The query follows the address both ways (the navigation's "Tìm kiếm" opens an empty search).
  const inUrl = useRef(q);
  useEffect(() => {
    if (q === inUrl.current) return;
    inUrl.current = q;
    setText(q);
  }, [q]);
  useEffect(() => {
    if (query === inUrl.current) return;
    inUrl.current = query;
    navigate({ name: 'search', q: query }, { replace: true });
  }, [query]);

  const incomingItems = incoming.query === query ? incoming.items : null;
  const mailItems = mailConfigured && mail.query === query ? mail.items : null;
  const taskItems = tasks.query === query ? tasks.items : null;
  const scheduleItems = schedule.query === query ? schedule.items : null;
  const nothing = incomingItems?.length === 0 && taskItems?.length === 0 && scheduleItems?.length === 0 && (mailConfigured === false || mailItems?.length === 0);

  return (
    <div className="screen search-page" data-testid="search-page">
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('search.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t(mailConfigured ? 'search.hint' : 'search.hintDocuments')}</Typography.Text>
        </div>
      </div>
      <Input
        size="large"
        allowClear
        autoFocus
        prefix={<SearchOutlined />}
        placeholder={t(mailConfigured ? 'search.placeholder' : 'search.placeholderDocuments')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setText('')}
        className="search-input"
        data-testid="search-input"
      />
      {!query ? (
        <Empty image={<SearchOutlined className="search-empty-icon" />} description={t('search.start')} className="search-empty" data-testid="search-start" />
      ) : nothing ? (
        <Empty description={t('search.empty', { query })} className="search-empty" data-testid="search-none" />
      ) : (
        <div className="search-sections">
          <ResultSection
            icon={<FileTextOutlined />}
            title={t('search.section.incoming')}
            count={incomingItems?.length ?? null}
            limit={INCOMING_LIMIT}
            error={incoming.error}
            emptyText={t('search.noneIncoming')}
            testId="search-incoming"
          >
            <IncomingResults items={incomingItems ?? []} query={query} />
          </ResultSection>
          <ResultSection
            icon={<CheckSquareOutlined />}
            title={t('search.section.tasks')}
            count={taskItems?.length ?? null}
            limit={TASK_LIMIT}
            error={tasks.error}
            emptyText={t('search.noneTasks')}
            testId="search-tasks"
          >
            <TaskResults items={taskItems ?? []} query={query} />
          </ResultSection>
          <ResultSection
            icon={<CalendarOutlined />}
            title={t('search.section.schedule')}
            count={scheduleItems?.length ?? null}
            limit={SCHEDULE_LIMIT}
            error={schedule.error}
            emptyText={t('search.noneSchedule')}
            testId="search-schedule"
          >
            <ScheduleResults items={scheduleItems ?? []} query={query} />
          </ResultSection>
          {mailConfigured && (
            <ResultSection
              icon={<MailOutlined />}
              title={t('search.section.mail')}
              count={mailItems?.length ?? null}
              limit={MAIL_LIMIT}
              error={mail.error}
              emptyText={t('search.noneMail')}
              testId="search-mail"
            >
              <MailResults items={mailItems ?? []} query={query} />
            </ResultSection>
          )}
        </div>
      )}
    </div>
  );
}
