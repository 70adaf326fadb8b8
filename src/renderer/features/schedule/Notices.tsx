import { BellOutlined, CalendarOutlined } from '@ant-design/icons';
import { App, Button, Collapse, Typography } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTimeVi } from '../../../shared/text/vietnamese.js';
import { useChanged, useRpc } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { useNotices } from './useSchedule.js';
import './schedule.css';

/** More at once would bury the screen: the rest are summed up in one toast (and listed on the schedule page). */
const MAX_TOASTS = 3;

/**
 * App-wide (mounted in the shell): when the schedule changes, the core's notices of revisions
 * that concern me (schedule.notices: an entry I chair, attend or my unit prepares, changed by
 * someone else after publication) are shown once each as a toast — "Lịch công tác điều chỉnh"
 * and what changed; a click opens the entry — and marked seen (schedule.noticesSeen), so neither
 * this window nor the next start shows them again.
 */
export function ScheduleNotifier(): null {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { notification } = App.useApp();
  const shown = useRef(new Set<number>());
  const running = useRef(false);

  const check = useCallback(async (): Promise<void> => {
    if (running.current) return;
    running.current = true;
    try {
      const list = await rpc.call('schedule.notices', { limit: 50 });
      const fresh = list.filter((n) => !n.seen && !shown.current.has(n.id));
      if (fresh.length === 0) return;
      for (const n of fresh) shown.current.add(n.id);
      for (const n of fresh.slice(0, MAX_TOASTS)) {
        const key = `schedule-notice-${n.id}`;
        const open = (): void => {
          notification.destroy(key);
          navigate({ name: 'scheduleEntry', id: n.entryId });
        };
        notification.open({
          key,
          type: 'info',
          icon: <CalendarOutlined className="sched-notice-icon" />,
          title: t(`schedule.notices.titles.${n.change}`),
          description: n.body,
          actions: (
            <Button size="small" type="primary" onClick={open}>
              {t('schedule.notices.open')}
            </Button>
          ),
          onClick: open,
          duration: 20,
          placement: 'bottomRight',
          className: 'sched-notice-toast',
          props: { 'data-testid': 'sched-notice-toast' },
        });
      }
      if (fresh.length > MAX_TOASTS)
        notification.info({
          key: 'schedule-notice-more',
          title: t('schedule.notices.titles.changed'),
          description: t('schedule.notices.more', { n: fresh.length - MAX_TOASTS }),
          actions: (
            <Button size="small" onClick={() => navigate({ name: 'schedule', date: null, view: null, leaderId: null })}>
              {t('schedule.notices.openWeek')}
            </Button>
          ),
          duration: 20,
          placement: 'bottomRight',
        });
      await rpc.call('schedule.noticesSeen', { ids: fresh.map((n) => n.id) });
    } catch {
      // Not signed in yet, or the core is busy: the next change checks again.
    } finally {
      running.current = false;
    }
  }, [rpc, notification, t]);

  // At start (notices that came while the app was closed), then on every change of the schedule.
  useEffect(() => {
    void check();
  }, [check]);
  useChanged(['schedule', 'session'], () => void check(), { delayMs: 500 });
  return null;
}

/**
 * The schedule page's list of my recent notices (the toasts, for whoever missed them): one line
 * above the week with the latest, opening to the last few.
 */
export function RecentNotices(): React.JSX.Element | null {
  const { t } = useTranslation();
  const items = useNotices(5);
  if (!items || items.length === 0) return null;
  const latest = items[0]!;
  return (
    <Collapse
      size="small"
      className="sched-notices"
      data-testid="sched-notices"
      items={[
        {
          key: 'notices',
          label: (
            <span className="sched-notices-head">
              <BellOutlined className="sched-notice-icon" />
              <strong>{t('schedule.notices.recent', { n: items.length })}</strong>
              <span className="sched-notices-latest">{latest.body}</span>
            </span>
          ),
          children: (
            <ul className="sched-notice-list">
              {items.map((n) => (
                <li key={n.id} data-testid="sched-notice" data-seen={n.seen ? 'true' : 'false'}>
                  <a href={`#/schedule/entry/${n.entryId}`} className="sched-notice-link">
                    <span className="sched-notice-title">{t(`schedule.notices.titles.${n.change}`)}</span>
                    {n.body && <span className="sched-notice-body">{n.body}</span>}
                  </a>
                  <Typography.Text type="secondary" className="sched-notice-at">
                    {formatDateTimeVi(n.at)}
                  </Typography.Text>
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
