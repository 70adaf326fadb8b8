import { DeleteOutlined, EditOutlined, FolderOutlined, InboxOutlined, SendOutlined, StopOutlined, ContainerOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MailFolder, MailFolderRole } from '../../../shared/model/mail.js';
import { useApp } from '../../app/AppContext.js';
import { folderDepth, sortFolders } from './format.js';

const ICONS: Record<MailFolderRole, React.ReactNode> = {
  inbox: <InboxOutlined />,
  sent: <SendOutlined />,
  drafts: <EditOutlined />,
  trash: <DeleteOutlined />,
  junk: <StopOutlined />,
  archive: <ContainerOutlined />,
};

/** The folder's name as users read it: special folders by role, in the interface language. */
export function useFolderLabel(): (f: Pick<MailFolder, 'role' | 'name'>) => string {
  const { t } = useTranslation();
  return (f) => (f.role ? t(`mail.role.${f.role}`) : f.name);
}

interface Props {
  folders: MailFolder[];
  selected: number | null;
  onSelect(id: number): void;
}

/** The first pane: special folders first (Hộp thư đến, Thư nháp, Đã gửi, Lưu trữ, Thư rác, Thùng rác), then the rest by name. */
export function FolderList({ folders, selected, onSelect }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const label = useFolderLabel();
  return (
    <nav className="mail-folders" aria-label={t('mail.folders')} data-testid="mail-folders">
      {sortFolders(folders).map((f) => {
        // Unread counts mean nothing in Sent/Drafts/Trash; the inbox and ordinary folders show them.
        const showUnread = f.unread > 0 && f.role !== 'sent' && f.role !== 'drafts' && f.role !== 'trash';
        return (
          <button
            key={f.id}
            type="button"
            className={`mail-folder${f.id === selected ? ' is-selected' : ''}${showUnread ? ' has-unread' : ''}`}
            style={f.role ? undefined : { paddingLeft: 12 + Math.min(folderDepth(f.path), 4) * 12 }}
            onClick={() => onSelect(f.id)}
            data-testid="mail-folder"
            data-role={f.role ?? ''}
            data-id={f.id}
            aria-current={f.id === selected ? 'page' : undefined}
            title={f.path}
          >
            <span className="mail-folder-icon">{f.role ? ICONS[f.role] : <FolderOutlined />}</span>
            <span className="mail-folder-name">{label(f)}</span>
            {showUnread && (
              <span className="mail-folder-count" data-testid="mail-folder-unread">
                {f.unread.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US')}
              </span>
            )}
          </button>
        );
      })}
    </nav>
  );
}
