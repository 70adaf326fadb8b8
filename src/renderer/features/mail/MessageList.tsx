import { FlagFilled, PaperClipOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Alert, Empty, Skeleton, Typography } from 'antd';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailListItem } from '../../../shared/model/mail.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import { listKeyDown } from '../../components/listKeys.js';
import { FIRST_PAGE, KeysetPager, type PagerState } from '../../components/keysetPager.js';
import { personLabel } from './address.js';
import { listDate } from './format.js';
import { useMailChanged } from './useMail.js';

export const MAIL_ROW_HEIGHT = 76;

interface Props {
  folderId: number;
  /** Sent and Drafts list recipients instead of the sender. */
  showRecipients: boolean;
  openId: number | null;
  onOpen(item: MailListItem): void;
}

/**
 * The second pane: the folder's messages newest first, keyset-paged through
 * `mail.list` (components/keysetPager.ts) and virtualised (only the visible rows
 * are in the DOM). ↑/↓ move, Enter opens; a click opens.
 */
export function MessageList({ folderId, showRecipients, openId, onOpen }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { lang } = useApp();
  const [state, setState] = useState<PagerState<MailListItem> | null>(null);
  const pagerRef = useRef<KeysetPager<MailListItem> | null>(null);
  const reached = useRef(0);

  useEffect(() => {
    const pager = new KeysetPager<MailListItem>((after, limit) => rpc.call('mail.list', { folderId, after, limit }), setState);
    pagerRef.current = pager;
    reached.current = 0;
    setState(null);
    void pager.reload();
    return () => pager.dispose();
  }, [rpc, folderId]);

  // Live: new mail, flags, moves — re-read from the top as far as the user has scrolled.
  useMailChanged((p) => {
    const pager = pagerRef.current;
    if (!pager || (p.folderIds.length > 0 && !p.folderIds.includes(folderId) && !(p.messageIds ?? []).some((id) => pager.state.items.some((i) => i.id === id)))) return;
    void pager.reload(Math.max(FIRST_PAGE, reached.current + 50));
  });

  const onReach = useCallback((n: number) => {
    reached.current = Math.max(reached.current, n);
  }, []);
  const pager = pagerRef.current;
  const count = state && pager ? pager.count : 0;
  return (
    <section className="mail-list" aria-label={t('mail.list.label')} data-testid="mail-list">
      <div className="mail-list-head">
        <Typography.Text type="secondary" data-testid="mail-list-count">
          {state?.loaded ? t('mail.list.count', { n: (state.total ?? 0).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US') }) : t('app.loading')}
        </Typography.Text>
      </div>
      {state?.error ? <Alert type="error" showIcon title={errorText(state.error, lang, t('app.unexpected'))} /> : null}
      {!state?.loaded ? (
        <div className="mail-list-scroll">
          <Skeleton active paragraph={{ rows: 6 }} className="mail-list-skeleton" />
        </div>
      ) : count === 0 ? (
        <div className="mail-list-scroll">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mail.list.empty')} className="mail-list-empty" />
        </div>
      ) : (
        <ListBody
          key={folderId}
          items={state.items}
          count={count}
          pager={pager}
          openId={openId}
          onOpen={onOpen}
          showRecipients={showRecipients}
          onReach={onReach}
        />
      )}
      <div className="mail-list-foot">
        <Typography.Text type="secondary">{t('mail.list.keyboardHint')}</Typography.Text>
      </div>
    </section>
  );
}

interface BodyProps {
  items: MailListItem[];
  count: number;
  pager: KeysetPager<MailListItem> | null;
  openId: number | null;
  showRecipients: boolean;
  onOpen(item: MailListItem): void;
  onReach(index: number): void;
}

function ListBody({ items, count, pager, openId, showRecipients, onOpen, onReach }: BodyProps): React.JSX.Element {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const openIndex = openId === null ? -1 : items.findIndex((i) => i.id === openId);
  const [selected, setSelected] = useState(Math.max(openIndex, 0));
  // The open message (from the route) is the selected row.
  useEffect(() => {
    if (openIndex >= 0) setSelected(openIndex);
  }, [openIndex]);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => MAIL_ROW_HEIGHT, overscan: 8 });
  const virtualItems = virtualizer.getVirtualItems();
  const lastVisible = virtualItems.length ? (virtualItems[virtualItems.length - 1]?.index ?? 0) : 0;

  useEffect(() => {
    onReach(Math.max(lastVisible, selected));
    if (pager) void pager.ensure(Math.max(lastVisible, selected));
  }, [pager, items, lastVisible, selected, onReach]);

  const open = useCallback((item: MailListItem | undefined) => item && onOpen(item), [onOpen]);
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void =>
    listKeyDown(e, { count, selected, rowHeight: MAIL_ROW_HEIGHT, scrollEl: scrollRef.current, virtualizer, setSelected, open: (i) => open(items[i]) });

  return (
    <div
      ref={scrollRef}
      className="mail-list-scroll"
      tabIndex={0}
      role="listbox"
      aria-label={t('mail.list.label')}
      aria-activedescendant={items[selected] ? `mail-row-${items[selected].id}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="mail-list-scroll"
    >
      <div style={{ height: virtualizer.getTotalSize() }} className="list-inner">
        {virtualItems.map((v) => (
          <div key={v.key} className="list-row-slot" style={{ transform: `translateY(${v.start}px)`, height: MAIL_ROW_HEIGHT }}>
            <Row item={items[v.index]} index={v.index} selected={v.index === selected} isOpen={items[v.index]?.id === openId} showRecipients={showRecipients} onOpen={open} onSelect={setSelected} />
          </div>
        ))}
      </div>
    </div>
  );
}

interface RowProps {
  item: MailListItem | undefined;
  index: number;
  selected: boolean;
  isOpen: boolean;
  showRecipients: boolean;
  onOpen(item: MailListItem): void;
  onSelect(index: number): void;
}

/** One row: plain elements and CSS (dozens mount per scrolled frame). */
const Row = memo(function Row({ item, index, selected, isOpen, showRecipients, onOpen, onSelect }: RowProps): React.JSX.Element {
  const { t } = useTranslation();
  if (!item)
    return (
      <div className="mail-row list-row-placeholder" aria-hidden>
        <span className="ph ph-short" />
        <span className="ph ph-long" />
      </div>
    );
  const who = showRecipients ? item.to.map(personLabel).join(', ') : personLabel(item.from);
  const cls = ['mail-row', selected ? 'is-selected' : '', isOpen ? 'is-open' : '', item.seen ? '' : 'is-unread'].filter(Boolean).join(' ');
  return (
    <div
      id={`mail-row-${item.id}`}
      className={cls}
      role="option"
      aria-selected={selected}
      data-testid="mail-row"
      data-id={item.id}
      data-unread={item.seen ? 'false' : 'true'}
      onClick={() => {
        onSelect(index);
        onOpen(item);
      }}
    >
      <span className="mail-row-line">
        {!item.seen && <span className="unread-dot" aria-label={t('mail.list.unread')} />}
        <span className="mail-row-from" title={who}>
          {showRecipients && who ? t('mail.list.to', { names: who }) : who || t('mail.list.noSender')}
        </span>
        {item.threadCount > 1 && <span className="mail-row-thread">{item.threadCount}</span>}
        <span className="mail-row-date">{listDate(item.date)}</span>
      </span>
      <span className="mail-row-line">
        <span className="mail-row-subject" title={item.subject}>
          {item.subject || t('mail.list.noSubject')}
        </span>
        {item.pending && <span className="mtag mtag-pending">{t('mail.list.pending')}</span>}
        {item.hasAttachments && <PaperClipOutlined className="mail-row-icon" aria-label={t('mail.list.attachment')} data-testid="mail-row-attachment" />}
        {item.flagged && <FlagFilled className="mail-row-icon mail-flag" aria-label={t('mail.list.flagged')} data-testid="mail-row-flag" />}
      </span>
      <span className="mail-row-snippet">{item.snippet}</span>
    </div>
  );
});
