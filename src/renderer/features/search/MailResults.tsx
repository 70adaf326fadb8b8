import type { MailListItem } from '../../../shared/model/mail.js';
import { navigate } from '../../app/router.js';
import { MailRow, useFolderLabel, useMailFolders } from '../mail/index.js';

const open = (item: MailListItem): void => navigate({ name: 'mail', folderId: item.folderId, messageId: item.id });
const noop = (): void => {};

/** Messages found by `mail.search` in every folder: the mail list's rows, with the folder's name and the full date; a click opens the message in the mail view. */
export function MailResults({ items, query }: { items: MailListItem[]; query: string }): React.JSX.Element {
  const { folders } = useMailFolders();
  const label = useFolderLabel();
  return (
    <div className="search-mail-rows">
      {items.map((item, i) => {
        const folder = folders?.find((f) => f.id === item.folderId);
        return (
          <div key={item.id} className="search-mail-slot">
            <MailRow
              item={item}
              index={i}
              selected={false}
              isOpen={false}
              showRecipients={folder?.role === 'sent' || folder?.role === 'drafts'}
              onOpen={open}
              onSelect={noop}
              query={query}
              folderName={folder ? label(folder) : undefined}
              standalone
            />
          </div>
        );
      })}
    </div>
  );
}
