import { NumberOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Modal, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutgoingView } from '../../../shared/outgoing/index.js';
import { formatDateTimeVi, formatDateVi, vnDateParts } from '../../../shared/text/vietnamese.js';
import { useApp } from '../../app/AppContext.js';
import { userName } from '../../app/util.js';
import { numberText } from './format.js';
import { SignDialog } from './SignDialog.js';
import { useOutgoingMutate } from './useOutgoing.js';

/**
 * The clerk's issuing form: the register the document will be numbered in and its symbol
 * ("Số: …/QĐ-UBND"), "Cấp số" (a request the server decides: offline it waits for the
 * network), then, once numbered, "Đóng dấu & phát hành" with the agency's key.
 */
export function IssueDialog({ view, onClose }: { view: OutgoingView; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, sync } = useApp();
  const mutate = useOutgoingMutate();
  const [busy, setBusy] = useState(false);
  const [sealing, setSealing] = useState(false);
  const doc = view.document;
  const number = numberText(doc);
  const requested = doc.issueRequestedAt !== null && !doc.number;
  const offline = sync.state === 'offline';
  const signature = doc.signatures.find((s) => s.role === 'signer');
  const preview = view.numberPreview;

  if (sealing) return <SignDialog view={view} mode="seal" onClose={onClose} />;

  const issue = async (): Promise<void> => {
    setBusy(true);
    await mutate('outgoing.issue', { documentId: doc.id }, { quiet: true });
    setBusy(false);
  };

  const step = doc.status === 'to_issue' ? 0 : doc.status === 'numbered' ? 1 : 2;
  const symbol = number ?? (preview ? `…/${preview.codeNotation}` : '…');

  return (
    <Modal open title={t('outgoing.issue.title')} onCancel={onClose} footer={null} width={680} destroyOnHidden rootClassName="out-dialog out-issue-dialog">
      <div data-testid="out-issue" data-status={doc.status}>
        <Steps
          size="small"
          current={step}
          className="out-issue-steps"
          items={[{ title: t('outgoing.issue.stepNumber') }, { title: t('outgoing.issue.stepSeal') }, { title: t('outgoing.issue.stepDispatch') }]}
        />
        <div className="out-issue-symbol" data-testid="out-issue-symbol">
          <span className="out-issue-so">{t('outgoing.issue.so')}</span> <span className={number ? 'out-issue-number' : 'out-issue-number is-preview'}>{symbol}</span>
        </div>
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'register', label: t('outgoing.issue.register'), children: <span data-testid="out-issue-register">{preview?.registerName ?? (doc.number ? (org?.outgoing?.registers.find((r) => r.id === doc.number?.registerId)?.name ?? '') : t('app.none'))}</span> },
            { key: 'year', label: t('outgoing.issue.year'), children: doc.number ? doc.number.year : vnDateParts(new Date()).year },
            ...(doc.number ? [{ key: 'issuedAt', label: t('outgoing.field.issuedAt'), children: formatDateTimeVi(doc.number.issuedAt) }] : []),
            { key: 'type', label: t('outgoing.field.documentType'), children: doc.documentType },
            ...(signature
              ? [{ key: 'signed', label: t('outgoing.issue.signedBy'), children: t('outgoing.issue.signedLine', { name: userName(org, signature.by), date: formatDateVi(signature.at) }) }]
              : []),
          ]}
        />
        {doc.status === 'to_issue' && (
          <>
            {!preview && <Alert type="error" showIcon className="form-note" title={t('outgoing.issue.noRegister')} data-testid="out-issue-no-register" />}
            {requested ? (
              <Alert type="info" showIcon className="form-note" title={t('outgoing.issue.requested', { time: formatDateTimeVi(doc.issueRequestedAt!) })} description={t('outgoing.issue.requestedHint')} data-testid="out-issue-requested" />
            ) : (
              <Alert
                type={offline ? 'warning' : 'info'}
                showIcon
                className="form-note"
                title={offline ? t('outgoing.issue.offline') : t('outgoing.issue.online')}
                data-testid="out-issue-note"
              />
            )}
            <div className="out-dialog-actions">
              <Button onClick={onClose}>{t('app.close')}</Button>
              <Button type="primary" icon={<NumberOutlined />} loading={busy} disabled={requested || !preview} onClick={() => void issue()} data-testid="out-issue-ok">
                {t('outgoing.actions.issue')}
              </Button>
            </div>
          </>
        )}
        {doc.status === 'numbered' && (
          <>
            <Alert type="success" showIcon className="form-note" title={t('outgoing.issue.numbered', { number: number ?? '', date: formatDateVi(doc.number?.issuedAt) })} description={t('outgoing.issue.sealHint')} data-testid="out-issue-numbered" />
            <div className="out-dialog-actions">
              <Button onClick={onClose}>{t('app.close')}</Button>
              <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => setSealing(true)} disabled={!view.allowedActions.includes('outgoing.seal')} data-testid="out-issue-seal">
                {t('outgoing.actions.seal')}
              </Button>
            </div>
          </>
        )}
        {doc.status !== 'to_issue' && doc.status !== 'numbered' && (
          <Typography.Paragraph className="form-note">{t('outgoing.issue.done')}</Typography.Paragraph>
        )}
      </div>
    </Modal>
  );
}
