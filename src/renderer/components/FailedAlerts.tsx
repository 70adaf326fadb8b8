/**
 * A record's actions the server refused (decisions §18): each named with the server's reason,
 * rolled back, and dismissed by the user once read. The same on every record screen.
 */
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FailedMutation } from '../../shared/sync/records.js';
import { useApp, useRpc } from '../app/AppContext.js';
import { bodyText } from '../app/util.js';

export function FailedAlerts({ failed, onDismissed }: { failed: readonly FailedMutation[]; onDismissed: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const rpc = useRpc();
  return (
    <>
      {failed.map((f) => (
        <Alert
          key={f.id}
          type="error"
          showIcon
          data-testid="failed-alert"
          title={t('view.failedHere', { action: t(`mutation.${f.name}` as 'mutation.incoming.register'), reason: bodyText(f.error, lang) })}
          description={t('sync.rolledBack')}
          action={
            <Button size="small" onClick={() => void rpc.call('mutations.dismiss', { id: f.id }).then(onDismissed)}>
              {t('sync.dismiss')}
            </Button>
          }
        />
      ))}
    </>
  );
}
