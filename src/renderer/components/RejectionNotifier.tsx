import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useRpcEvent } from '../app/AppContext.js';
import { bodyText } from '../app/util.js';
import type { MutationName } from '../../shared/incoming/mutations.js';
import { warningNotice } from './warningNotice.js';

/**
 * The core's `rejected` event: the server refused a queued action and the
 * optimistic change was rolled back. Tell the user at once, in their language.
 * And its `warned` event: the server applied an action with a remark (its clock
 * was off, a possible duplicate): a quieter notice, nothing to undo.
 */
export function RejectionNotifier(): null {
  const { notification } = App.useApp();
  const { t } = useTranslation();
  const { lang } = useApp();
  // Notices are written in the language of the moment: clear them when it changes (the view keeps the durable record).
  const shownIn = useRef(lang);
  useEffect(() => {
    if (shownIn.current === lang) return;
    shownIn.current = lang;
    notification.destroy();
  }, [lang, notification]);
  useRpcEvent('rejected', (f) => {
    notification.error({
      key: `rejected-${f.id}`,
      title: t('sync.rejectedTitle'),
      description: `${t(`mutation.${f.name as MutationName}`)}: ${bodyText(f.error, lang)} ${t('sync.rolledBack')}`,
      duration: 12,
      placement: 'bottomRight',
    });
  });
  useRpcEvent('warned', (w) => {
    notification.warning({ key: `warned-${w.id}`, ...warningNotice(w, t, lang), duration: 12, placement: 'bottomRight' });
  });
  return null;
}
