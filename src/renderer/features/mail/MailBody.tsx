import { PictureOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MailMessageView } from '../../../shared/model/mail.js';
import { frameDocument } from './format.js';

interface Props {
  message: MailMessageView;
  imagesAllowed: boolean;
  loadingImages: boolean;
  onShowImages(): void;
}

/**
 * The message's content. HTML (already sanitised by the core) goes into a frame
 * sandboxed with only `allow-popups allow-popups-to-escape-sandbox`: no scripts, no
 * same-origin, no forms, no top navigation; a link (the core gives every one
 * target=_blank) opens outside the app — in the desktop, the shell's window-open
 * handler asks before handing an http(s) link to the system browser. The frame inherits the app's CSP, so it cannot load anything remote
 * either; allowed remote images arrive inline from the core (docs/decisions.md §17).
 * Plain text is text: pre-wrap, nothing in it is a live link.
 */
export function MailBody({ message, imagesAllowed, loadingImages, onShowImages }: Props): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="mail-body">
      {message.notes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="mail-notes"
          data-testid="mail-notes"
          title={message.notes.length === 1 ? message.notes[0] : t('mail.view.notes')}
          description={message.notes.length > 1 ? <ul className="mail-notes-list">{message.notes.map((n) => <li key={n}>{n}</li>)}</ul> : undefined}
        />
      )}
      {message.html !== null && message.remoteImagesBlocked && !imagesAllowed && (
        <Alert
          type="info"
          icon={<PictureOutlined />}
          showIcon
          className="mail-images-bar"
          data-testid="remote-images-bar"
          title={t('mail.view.remoteBlocked')}
          action={
            <Button size="small" onClick={onShowImages} loading={loadingImages} data-testid="show-images">
              {t('mail.view.showImages')}
            </Button>
          }
        />
      )}
      {message.html !== null ? (
        <iframe
          className="mail-frame"
          title={t('mail.view.frameTitle')}
          // Links may open outside; nothing else. Never add allow-scripts or allow-same-origin.
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerPolicy="no-referrer"
          srcDoc={frameDocument(message.html)}
          data-testid="mail-frame"
        />
      ) : (
        <pre className="mail-text" data-testid="mail-text">
          {message.text}
        </pre>
      )}
    </div>
  );
}
