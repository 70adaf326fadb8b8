import { CalendarOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useRpc } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { errorText } from '../../app/util.js';
import { weekStartOf } from '../../../shared/schedule/index.js';
import { EntryFormDialog, type FromDocument } from './EntryFormDialog.js';

/**
 * "Đưa vào lịch" on an incoming document (a "Giấy mời"): the core reads the date, time and place
 * from its text (schedule.fromDocument) and the request form opens prefilled, linked to the
 * document; the user checks it and sends it to the office.
 */
export function DocumentScheduleButton({ documentId, subject }: { documentId: string; subject: string }): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const rpc = useRpc();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [prefill, setPrefill] = useState<FromDocument | null>(null);
  const start = (): void => {
    setBusy(true);
    rpc.call('schedule.fromDocument', { documentId }).then(
      (p) => {
        setBusy(false);
        setPrefill(p);
      },
      (err: unknown) => {
        setBusy(false);
        void message.error(errorText(err, lang, t('schedule.document.failed')));
      },
    );
  };
  return (
    <>
      <Button icon={<CalendarOutlined />} loading={busy} onClick={start} data-testid="action-schedule">
        {t('schedule.document.button')}
      </Button>
      {prefill && (
        <EntryFormDialog
          mode={{ kind: 'request', prefill, linkTitle: subject }}
          onClose={() => setPrefill(null)}
          onDone={(_id, date) => navigate({ name: 'schedule', date: weekStartOf(date), view: 'draft', leaderId: null })}
        />
      )}
    </>
  );
}
