import { FlagFilled, FolderOutlined, PaperClipOutlined } from '@ant-design/icons';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailListItem } from '../../../shared/model/mail.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { Highlight } from '../../components/Highlight.js';
import { personLabel } from './address.js';
import { listDate } from './format.js';
import './mail.css';

export interface MailRowProps {
  item: MailListItem | undefined;
  index: number;
  selected: boolean;
  isOpen: boolean;
  /** Sent and Drafts list recipients instead of the sender. */
  showRecipients: boolean;
  onOpen(item: MailListItem): void;
  onSelect(index: number): void;
  /** Words to mark (search results). */
  query?: string | undefined;
  /** The folder's name, shown when results come from several folders. */
  folderName?: string | undefined;
  /** A link of its own (Search page) rather than an option of the list's listbox; dates as dd/MM/yyyy. */
  standalone?: boolean;
}

/** One message row: plain elements and CSS (dozens mount per scrolled frame). */
export const MailRow = memo(function MailRow({ item, index, selected, isOpen, showRecipients, onOpen, onSelect, query, folderName, standalone }: MailRowProps): React.JSX.Element {
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
  const open = (): void => {
    onSelect(index);
    onOpen(item);
  };
  const role = standalone ? { role: 'link', tabIndex: 0, onKeyDown: (e: React.KeyboardEvent) => e.key === 'Enter' && open() } : { role: 'option', 'aria-selected': selected };
  return (
    <div id={standalone ? undefined : `mail-row-${item.id}`} className={cls} {...role} data-testid={standalone ? 'search-mail-result' : 'mail-row'} data-id={item.id} data-unread={item.seen ? 'false' : 'true'} onClick={open}>
      <span className="mail-row-line">
        {!item.seen && <span className="unread-dot" aria-label={t('mail.list.unread')} />}
        <span className="mail-row-from" title={who}>
          <Highlight text={showRecipients && who ? t('mail.list.to', { names: who }) : who || t('mail.list.noSender')} query={query} />
        </span>
        {item.threadCount > 1 && <span className="mail-row-thread">{item.threadCount}</span>}
        {folderName && (
          <span className="mail-row-folder" data-testid="mail-row-folder">
            <FolderOutlined /> {folderName}
          </span>
        )}
        <span className="mail-row-date">{standalone ? formatDateVi(item.date) : listDate(item.date)}</span>
      </span>
      <span className="mail-row-line">
        <span className="mail-row-subject" title={item.subject}>
          <Highlight text={item.subject || t('mail.list.noSubject')} query={query} />
        </span>
        {item.pending && <span className="mtag mtag-pending">{t('mail.list.pending')}</span>}
        {item.hasAttachments && <PaperClipOutlined className="mail-row-icon" aria-label={t('mail.list.attachment')} data-testid="mail-row-attachment" />}
        {item.flagged && <FlagFilled className="mail-row-icon mail-flag" aria-label={t('mail.list.flagged')} data-testid="mail-row-flag" />}
      </span>
      <span className="mail-row-snippet">
        <Highlight text={item.snippet} query={query} />
      </span>
    </div>
  );
});
