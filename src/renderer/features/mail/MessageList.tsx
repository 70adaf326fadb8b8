import { SearchOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Alert, Empty, Input, Skeleton, Typography, type InputRef } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailListItem } from '../../../shared/model/mail.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import { listKeyDown } from '../../components/listKeys.js';
import { FIRST_PAGE, KeysetPager, type PagerState } from '../../components/keysetPager.js';
import { cleanQuery } from '../../components/searchText.js';
import { useDebounced } from '../../components/useDebounced.js';
import { MailRow } from './MailRow.js';
import { useMailChanged } from './useMail.js';
import { useMailSearch } from './useMailSearch.js';

export const MAIL_ROW_HEIGHT = 76;

/** Results of the list's search box (mail.search in the folder). */
const SEARCH_LIMIT = 200;
type KeyHandler = (e: React.KeyboardEvent<HTMLElement>) => void;
const noop = (): void => {};

interface Props {
  folderId: number;
  /** The folder's name, for the search box's placeholder. */
  folderName: string;
  /** Sent and Drafts list recipients instead of the sender. */
  showRecipients: boolean;
  openId: number | null;
  onOpen(item: MailListItem): void;
}

/**
 * The second pane: the folder's messages newest first, keyset-paged through
 * `mail.list` (components/keysetPager.ts) and virtualised (only the visible rows
 * are in the DOM). ↑/↓ move, Enter opens; a click opens. The search box on top
 * swaps in `mail.search` results for the folder (accent-insensitive); ↑/↓/Enter
 * work from the box too, Escape clears it and the paged list comes back.
 * Keyed by folder (MailPage): another folder starts without a query.
 */
export function MessageList({ folderId, folderName, showRecipients, openId, onOpen }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { lang } = useApp();
  const [state, setState] = useState<PagerState<MailListItem> | null>(null);
  const pagerRef = useRef<KeysetPager<MailListItem> | null>(null);
  const reached = useRef(0);
  const [text, setText] = useState('');
  const query = useDebounced(cleanQuery(text), 200);
  const search = useMailSearch(query, folderId, SEARCH_LIMIT, query !== '');
  const inputRef = useRef<InputRef>(null);
  const keysRef = useRef<KeyHandler | null>(null);

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
  const locale = lang === 'vi' ? 'vi-VN' : 'en-US';
  const results = query && search.query === query ? search.items : null;
  const onSearchKey = (e: React.KeyboardEvent<HTMLElement>): void => {
    if (e.key === 'Escape' && text) {
      e.preventDefault();
      setText('');
      inputRef.current?.focus();
    } else if (e.target === inputRef.current?.input && ['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Enter'].includes(e.key)) keysRef.current?.(e);
  };
  const head = !query
    ? state?.loaded
      ? t('mail.list.count', { n: (state.total ?? 0).toLocaleString(locale) })
      : t('app.loading')
    : results
      ? t('mail.search.count', { n: results.length.toLocaleString(locale) })
      : t('mail.search.searching');
  const error = query ? search.error : state?.error;
  const scroll = (c: React.ReactNode): React.JSX.Element => <div className="mail-list-scroll">{c}</div>;
  const body = (): React.JSX.Element => {
    if (query) {
      if (!results) return scroll(<Skeleton active paragraph={{ rows: 4 }} className="mail-list-skeleton" />);
      if (results.length === 0) return scroll(<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mail.search.empty', { query, folder: folderName })} className="mail-list-empty" data-testid="mail-search-empty" />);
      return <ListBody key={`q:${query}`} items={results} count={results.length} pager={null} openId={openId} onOpen={onOpen} showRecipients={showRecipients} onReach={noop} query={query} keysRef={keysRef} />;
    }
    if (!state?.loaded) return scroll(<Skeleton active paragraph={{ rows: 6 }} className="mail-list-skeleton" />);
    if (count === 0) return scroll(<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mail.list.empty')} className="mail-list-empty" />);
    return <ListBody key="list" items={state.items} count={count} pager={pager} openId={openId} onOpen={onOpen} showRecipients={showRecipients} onReach={onReach} keysRef={keysRef} />;
  };
  return (
    <section className="mail-list" aria-label={t('mail.list.label')} data-testid="mail-list" onKeyDown={onSearchKey}>
      <div className="mail-list-search">
        <Input
          ref={inputRef}
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('mail.search.placeholder', { folder: folderName })}
          aria-label={t('mail.search.placeholder', { folder: folderName })}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="mail-search"
        />
      </div>
      <div className="mail-list-head">
        <Typography.Text type="secondary" data-testid="mail-list-count" data-searching={query ? 'true' : 'false'}>
          {head}
        </Typography.Text>
      </div>
      {error ? <Alert type="error" showIcon title={errorText(error, lang, t('app.unexpected'))} /> : null}
      {body()}
      <div className="mail-list-foot">
        <Typography.Text type="secondary">{t(query ? 'mail.search.keyboardHint' : 'mail.list.keyboardHint')}</Typography.Text>
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
  /** Search results: the words to mark. */
  query?: string;
  /** Set to this list's key handler, so the search box can move the selection. */
  keysRef: React.RefObject<KeyHandler | null>;
}

function ListBody({ items, count, pager, openId, showRecipients, onOpen, onReach, query, keysRef }: BodyProps): React.JSX.Element {
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
  const onKeyDown = (e: React.KeyboardEvent<HTMLElement>): void =>
    listKeyDown(e, { count, selected, rowHeight: MAIL_ROW_HEIGHT, scrollEl: scrollRef.current, virtualizer, setSelected, open: (i) => open(items[i]) });
  // The search box's ↑/↓/Enter reach the list that is shown (and no longer one that is gone).
  useEffect(() => {
    keysRef.current = onKeyDown;
    return () => {
      if (keysRef.current === onKeyDown) keysRef.current = null;
    };
  });

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
            <MailRow item={items[v.index]} index={v.index} selected={v.index === selected} isOpen={items[v.index]?.id === openId} showRecipients={showRecipients} onOpen={open} onSelect={setSelected} query={query} />
          </div>
        ))}
      </div>
    </div>
  );
}
