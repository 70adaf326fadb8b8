import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MailAttachment } from '../../../shared/model/mail.js';
import { formatDateTimeVi } from '../../../shared/text/vietnamese.js';
import { formatAddress } from './address.js';
import { Recipients } from './Recipients.js';

/**
 * Forwarded messages (message/rfc822 attachments) shown inline, as other mail
 * clients do: their headers and text, read by the core when it stored the message.
 * The text is shown as text (never as HTML), so nothing in it can run or load.
 */
export function ForwardedMessages({ attachments }: { attachments: readonly MailAttachment[] }): React.JSX.Element | null {
  const { t } = useTranslation();
  const list = attachments.filter((a) => a.message);
  if (list.length === 0) return null;
  return (
    <>
      {list.map((a) => {
        const m = a.message!;
        return (
          <section key={a.id} className="mail-forwarded" data-testid="mail-forwarded" aria-label={t('mail.view.forwarded')}>
            <Typography.Text type="secondary" className="mail-section-label">
              {t('mail.view.forwarded')}
            </Typography.Text>
            <dl className="mail-people">
              <dt>{t('mail.view.subject')}</dt>
              <dd data-testid="mail-forwarded-subject">{m.subject}</dd>
              <dt>{t('mail.view.from')}</dt>
              <dd>{m.from ? formatAddress(m.from) : <em>{t('mail.list.noSender')}</em>}</dd>
              {m.to.length > 0 && (
                <>
                  <dt>{t('mail.view.to')}</dt>
                  <Recipients list={m.to} testId="mail-forwarded-to" />
                </>
              )}
              {m.cc.length > 0 && (
                <>
                  <dt>{t('mail.view.cc')}</dt>
                  <Recipients list={m.cc} testId="mail-forwarded-cc" />
                </>
              )}
              {m.date && (
                <>
                  <dt>{t('mail.view.date')}</dt>
                  <dd>{formatDateTimeVi(m.date)}</dd>
                </>
              )}
            </dl>
            <div className="mail-text mail-forwarded-text" data-testid="mail-forwarded-text">
              {m.text.trim() || <em>{t('mail.view.forwardedEmpty')}</em>}
            </div>
          </section>
        );
      })}
    </>
  );
}
