import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApp, useRpcEvent } from '../app/AppContext.js';
import { bodyText } from '../app/util.js';
import type { MutationName } from '../../shared/sync/mutations.js';

/**
 * The core's `rejected` event: the server refused a queued action and the
 * optimistic change was rolled back. Tell the user at once, in their language.
 */
export function RejectionNotifier(): null {
  const { notification } = App.useApp();
  const { t } = useTranslation();
  const { lang } = useApp();
  useRpcEvent('rejected', (f) => {
    notification.error({
      key: `rejected-${f.id}`,
      title: t('sync.rejectedTitle'),
      description: `${t(`mutation.${f.name as MutationName}`)}: ${bodyText(f.error, lang)} ${t('sync.rolledBack')}`,
      duration: 0,
      placement: 'bottomRight',
    });
  });
  return null;
}
