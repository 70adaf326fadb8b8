import { MailOutlined, ScheduleOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DELIVERY_STATE_LABELS, OUTGOING_TEXT, RECIPIENT_KIND_LABELS, type Delivery, type OutgoingView, type Recipient } from '../../../shared/outgoing/index.js';
import { formatDateTimeVi } from '../../../shared/text/vietnamese.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText, userName } from '../../app/util.js';
import { DELIVERY_TONE, loc } from './format.js';
import { useOutgoingMutate } from './useOutgoing.js';

type Row = { recipient: Recipient; delivery: Delivery | null };

/** Whether a recipient may be (re)sent now: not yet, or the last try failed. */
const sendable = (r: Row): boolean => r.delivery !== null && (r.delivery.state === 'pending' || r.delivery.state === 'failed');

/**
 * "Nơi nhận và giao nhận": each recipient with its delivery state (Chưa gửi, Đã gửi, Đã nhận,
 * Gửi lỗi, Đã báo thu hồi), when, by whom and the note; for the clerk, sending to the chosen
 * units and paper recipients (a unit's copy is registered as incoming by the server), by
 * official mail, and recording what happened to a mail or paper copy.
 */
export function DispatchPanel({ view }: { view: OutgoingView }): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { org, lang } = useApp();
  const { message } = App.useApp();
  const mutate = useOutgoingMutate();
  const doc = view.document;
  const canDispatch = view.allowedActions.includes('outgoing.dispatch');
  const canDeliver = view.allowedActions.includes('outgoing.deliver');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'dispatch' | 'mail' | null>(null);
  const [recording, setRecording] = useState<Row | null>(null);

  const rows: Row[] = doc.recipients.filter((r) => r.kind !== 'archive').map((r) => ({ recipient: r, delivery: doc.deliveries.find((d) => d.recipientId === r.id) ?? null }));
  const archive = doc.recipients.filter((r) => r.kind === 'archive');
  const picked = rows.filter((r) => chosen.has(r.recipient.id) && sendable(r));
  const toDispatch = picked.filter((r) => r.recipient.kind !== 'mail');
  const toMail = picked.filter((r) => r.recipient.kind === 'mail');
  const received = rows.filter((r) => r.delivery?.state === 'received').length;

  const toggle = (id: string, on: boolean): void =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const dispatch = async (): Promise<void> => {
    setBusy('dispatch');
    const ok = await mutate('outgoing.dispatch', { documentId: doc.id, recipientIds: toDispatch.map((r) => r.recipient.id), note: note.normalize('NFC').trim() });
    setBusy(null);
    if (ok) {
      setChosen(new Set());
      setNote('');
    }
  };
  const sendMail = async (): Promise<void> => {
    setBusy('mail');
    try {
      const r = await rpc.call('outgoing.sendByMail', { documentId: doc.id, recipientIds: toMail.map((x) => x.recipient.id) });
      if (r.sent.length) void message.success(t('outgoing.dispatch.mailSent', { count: r.sent.length }));
      for (const f of r.failed) void message.error(`${doc.recipients.find((x) => x.id === f.recipientId)?.name ?? ''}: ${f.error}`, 8);
      setChosen(new Set());
    } catch (err) {
      void message.error(errorText(err, lang, t('app.unexpected')), 8);
    } finally {
      setBusy(null);
    }
  };

  if (rows.length === 0 && archive.length === 0) return <Typography.Paragraph type="secondary">{t('outgoing.dispatch.noRecipients')}</Typography.Paragraph>;

  return (
    <div className="out-dispatch" data-testid="out-dispatch">
      {doc.status !== 'issued' && doc.status !== 'revoked' && <Alert type="info" showIcon className="form-note" title={t('outgoing.dispatch.notIssued')} />}
      {doc.deliveries.length > 0 && (
        <div className="out-dispatch-head">
          <Typography.Text strong data-testid="out-dispatch-summary">
            {t('outgoing.dispatch.summary', { received, total: rows.length })}
          </Typography.Text>
          {canDispatch && rows.some(sendable) && (
            <Button size="small" type="link" onClick={() => setChosen(new Set(rows.filter(sendable).map((r) => r.recipient.id)))} data-testid="out-dispatch-all">
              {t('outgoing.dispatch.pickAll')}
            </Button>
          )}
        </div>
      )}
      <div className="out-delivery-list">
        {rows.map((row) => {
          const { recipient: r, delivery: d } = row;
          const state = d?.state ?? null;
          return (
            <div key={r.id} className={`out-delivery-row is-${state ?? 'none'}`} data-testid="out-delivery" data-kind={r.kind} data-state={state ?? ''} data-name={r.name}>
              <div className="out-delivery-line">
                {canDispatch && sendable(row) && (
                  <Checkbox checked={chosen.has(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} aria-label={r.name} data-testid="out-delivery-pick" />
                )}
                <span className={`mtag mtag-recipient-${r.kind}`} title={loc(RECIPIENT_KIND_LABELS[r.kind], lang)}>
                  {t(`outgoing.recipients.add.${r.kind}`)}
                </span>
                <span className="out-delivery-name" title={r.name}>
                  {r.name}
                </span>
                {state && (
                  <Tag color={DELIVERY_TONE[state]} className="out-delivery-state" data-testid="out-delivery-state">
                    {loc(DELIVERY_STATE_LABELS[state], lang)}
                  </Tag>
                )}
              </div>
              <div className="out-delivery-meta">
                {r.email && <span>{r.email}</span>}
                {d?.at && <span>{t('outgoing.dispatch.when', { time: formatDateTimeVi(d.at), name: userName(org, d.by) })}</span>}
                {d?.incomingId && <span>{t('outgoing.dispatch.registered')}</span>}
                {canDeliver && r.kind !== 'unit' && d && (
                  <Button size="small" type="link" icon={<ScheduleOutlined />} onClick={() => setRecording(row)} data-testid="out-delivery-record">
                    {t('outgoing.dispatch.record')}
                  </Button>
                )}
              </div>
              {d?.note && <div className="out-delivery-note">{d.note}</div>}
            </div>
          );
        })}
      </div>
      {archive.length > 0 && (
        <Typography.Paragraph type="secondary" className="out-archive-line">
          {t('outgoing.dispatch.archive', { names: archive.map((r) => r.name).join(', ') })}
        </Typography.Paragraph>
      )}
      {canDispatch && rows.some(sendable) && (
        <div className="out-dispatch-actions" data-testid="out-dispatch-actions">
          <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={OUTGOING_TEXT.note} placeholder={t('outgoing.dispatch.notePlaceholder')} data-testid="out-dispatch-note" />
          <div className="out-dispatch-buttons">
            <Button type="primary" icon={<SendOutlined />} disabled={toDispatch.length === 0} loading={busy === 'dispatch'} onClick={() => void dispatch()} data-testid="out-dispatch-send">
              {t('outgoing.dispatch.send', { count: toDispatch.length })}
            </Button>
            <Button icon={<MailOutlined />} disabled={toMail.length === 0} loading={busy === 'mail'} onClick={() => void sendMail()} data-testid="out-dispatch-mail">
              {t('outgoing.dispatch.sendMail', { count: toMail.length })}
            </Button>
          </div>
        </div>
      )}
      {recording && <DeliverDialog documentId={doc.id} row={recording} onClose={() => setRecording(null)} />}
    </div>
  );
}

/** "Ghi nhận giao nhận": what became of a mail or paper copy (sent, received, failed), with a note. */
function DeliverDialog({ documentId, row, onClose }: { documentId: string; row: Row; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const mutate = useOutgoingMutate();
  const [state, setState] = useState<'sent' | 'received' | 'failed'>(row.delivery?.state === 'sent' ? 'received' : 'sent');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    setBusy(true);
    const ok = await mutate('outgoing.deliver', { documentId, recipientId: row.recipient.id, state, note: note.normalize('NFC').trim() });
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Modal
      open
      title={t('outgoing.dispatch.recordTitle', { name: row.recipient.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      rootClassName="out-dialog"
    >
      <Form layout="vertical">
        <Form.Item label={t('outgoing.dispatch.state')}>
          <Radio.Group value={state} onChange={(e) => setState(e.target.value as typeof state)} optionType="button" data-testid="out-deliver-state">
            {(['sent', 'received', 'failed'] as const).map((s) => (
              <Radio.Button key={s} value={s}>
                {loc(DELIVERY_STATE_LABELS[s], lang)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('outgoing.dispatch.note')}>
          <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={OUTGOING_TEXT.note} placeholder={t('outgoing.dispatch.recordPlaceholder')} data-testid="out-deliver-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
