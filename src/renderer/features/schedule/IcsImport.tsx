import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Checkbox, Collapse, Modal, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IcsImportResult } from '../../../shared/schedule/index.js';
import { vnToday } from '../../../shared/text/vietnamese.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText, newId } from '../../app/util.js';
import { locationText, whenLabel } from './format.js';
import { useScheduleMutate } from './useSchedule.js';

const MAX_ICS_BYTES = 5 * 1024 * 1024;

/**
 * "Nhập từ tệp .ics": a calendar file (an invitation's attachment, another calendar's export)
 * is read by the core (schedule.parseIcs, nothing queued); the user ticks the events to keep,
 * and each becomes a request to the office ("Đăng ký lịch"). Days already past cannot be
 * requested and are left unticked.
 */
export function IcsImportDialog({ onClose, onDone }: { onClose(): void; onDone(firstDate: string): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const rpc = useRpc();
  const { message } = App.useApp();
  const mutate = useScheduleMutate();
  const [file, setFile] = useState<string | null>(null);
  const [parsed, setParsed] = useState<IcsImportResult | null>(null);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const today = vnToday();

  const read = async (f: File): Promise<void> => {
    if (f.size > MAX_ICS_BYTES) {
      void message.error(t('schedule.ics.tooLarge'));
      return;
    }
    setBusy(true);
    try {
      const r = await rpc.call('schedule.parseIcs', { bytes: new Uint8Array(await f.arrayBuffer()) });
      setFile(f.name);
      setParsed(r);
      setPicked(new Set(r.entries.flatMap((e, i) => (e.date >= today ? [i] : []))));
    } catch (err) {
      void message.error(errorText(err, lang, t('schedule.ics.failed')));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (): Promise<void> => {
    if (!parsed) return;
    const chosen = parsed.entries.filter((_, i) => picked.has(i));
    if (chosen.length === 0) return;
    setBusy(true);
    let done = 0;
    for (const e of chosen) if (await mutate({ name: 'schedule.request', args: { ...e, entryId: newId() } }, { quiet: true })) done += 1;
    setBusy(false);
    if (done > 0) void message.success(t('schedule.ics.done', { n: done }));
    if (done === chosen.length) {
      onClose();
      onDone(chosen.map((e) => e.date).sort()[0] ?? today);
    }
  };

  const toggle = (i: number, on: boolean): void =>
    setPicked((cur) => {
      const next = new Set(cur);
      if (on) next.add(i);
      else next.delete(i);
      return next;
    });

  return (
    <Modal
      open
      title={t('schedule.ics.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('schedule.ics.submit', { n: picked.size })}
      okButtonProps={{ disabled: picked.size === 0, 'data-testid': 'sched-ics-submit' }}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      width={760}
      destroyOnHidden
      rootClassName="sched-ics-dialog"
    >
      <Typography.Paragraph type="secondary">{t('schedule.ics.text')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".ics,text/calendar"
        showUploadList={false}
        multiple={false}
        disabled={busy}
        beforeUpload={(f) => {
          void read(f);
          return false;
        }}
        data-testid="sched-ics-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-hint">{file ? t('schedule.ics.picked', { name: file }) : t('schedule.ics.pick')}</p>
      </Upload.Dragger>
      {parsed && parsed.entries.length === 0 && <Alert type="info" showIcon className="sched-ics-note" title={t('schedule.ics.none')} />}
      {parsed && parsed.entries.length > 0 && (
        <div className="sched-ics-list" data-testid="sched-ics-list">
          <Checkbox
            checked={picked.size > 0 && picked.size === parsed.entries.filter((e) => e.date >= today).length}
            indeterminate={picked.size > 0 && picked.size < parsed.entries.filter((e) => e.date >= today).length}
            onChange={(e) => setPicked(new Set(e.target.checked ? parsed.entries.flatMap((x, i) => (x.date >= today ? [i] : [])) : []))}
          >
            {t('schedule.ics.selectAll')}
          </Checkbox>
          {parsed.entries.map((e, i) => {
            const past = e.date < today;
            const where = locationText(e, org);
            return (
              <label key={i} className={`sched-ics-item${past ? ' is-past' : ''}`} data-testid="sched-ics-item">
                <Checkbox checked={picked.has(i)} disabled={past} onChange={(x) => toggle(i, x.target.checked)} />
                <span className="sched-ics-text">
                  <span className="sched-ics-when">
                    {whenLabel({ date: e.date, part: e.part ?? 'morning', start: e.start, end: e.end }, lang)}
                    {past && <Typography.Text type="danger"> · {t('schedule.ics.past')}</Typography.Text>}
                  </span>
                  <span className="sched-ics-content">{e.content}</span>
                  {where && <Typography.Text type="secondary">{where}</Typography.Text>}
                </span>
              </label>
            );
          })}
        </div>
      )}
      {parsed && parsed.skipped.length > 0 && (
        <Collapse
          size="small"
          className="sched-ics-note"
          items={[
            {
              key: 'skipped',
              label: t('schedule.ics.skipped', { n: parsed.skipped.length }),
              children: (
                <ul className="sched-warning-list">
                  {parsed.skipped.map((s, i) => (
                    <li key={i}>
                      <strong>{s.summary || t('app.none')}</strong>: {s.reason}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
    </Modal>
  );
}
