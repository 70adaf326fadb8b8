import { CheckCircleFilled, CloseCircleFilled, CloseOutlined, ExclamationCircleFilled, InfoCircleFilled, QuestionCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignatureCheck } from '../../../shared/outgoing/index.js';
import { formatDateTimeVi } from '../../../shared/text/vietnamese.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import { chainTone, changeOf, changeTone, inSigningOrder, overallState, STATE_COLOR, validityTone, type OverallState, type Tone } from './signatures.js';
import './signatures.css';

export interface SignatureResult {
  state: 'checking' | 'done' | 'error';
  checks: SignatureCheck[];
  trustedRootCount: number;
  error: unknown;
}

/**
 * The signatures of the file the viewer shows, checked by the core (outgoing.verify: the app's
 * own verifier against the agency's trusted roots), once the file is on this machine.
 * `available` false: nothing to check yet.
 */
export function useSignatureChecks(sha256: string | undefined, available: boolean): SignatureResult | null {
  const rpc = useRpc();
  const [result, setResult] = useState<SignatureResult | null>(null);
  useEffect(() => {
    setResult(null);
    if (!sha256 || !available) return;
    let alive = true;
    setResult({ state: 'checking', checks: [], trustedRootCount: 0, error: null });
    rpc.call('outgoing.verify', { sha256 }).then(
      (r) => alive && setResult({ state: 'done', checks: inSigningOrder(r.checks), trustedRootCount: r.trustedRootCount, error: null }),
      (error: unknown) => alive && setResult({ state: 'error', checks: [], trustedRootCount: 0, error }),
    );
    return () => {
      alive = false;
    };
  }, [rpc, sha256, available]);
  return result;
}

/** The viewer toolbar's badge: how many signatures and their state; opens the panel. */
export function SignatureBadge({ result, open, onToggle }: { result: SignatureResult | null; open: boolean; onToggle(): void }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (!result) return null;
  const state: OverallState | 'checking' | 'error' = result.state === 'done' ? overallState(result.checks) : result.state;
  const n = result.checks.length;
  const label =
    state === 'checking'
      ? t('signatures.checking')
      : state === 'error'
        ? t('signatures.failedShort')
        : state === 'none'
          ? t('signatures.noneShort')
          : `${n === 1 ? t('signatures.one') : t('signatures.many', { n })} · ${t(`signatures.state.${state}`)}`;
  return (
    <button
      type="button"
      className={`sig-badge is-${state}${open ? ' is-open' : ''}`}
      onClick={onToggle}
      aria-expanded={open}
      aria-label={`${t('signatures.open')}: ${label}`}
      data-testid="sig-badge"
      data-state={state}
      data-count={n}
    >
      {state === 'checking' ? <Spin size="small" /> : <SafetyCertificateOutlined />}
      <span className="sig-badge-text">{label}</span>
    </button>
  );
}

/** "Chữ ký số": every signature of the file, what was checked and what could not be. */
export function SignaturePanel({ result, onClose }: { result: SignatureResult | null; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const state = result?.state === 'done' ? overallState(result.checks) : null;
  return (
    <aside className="sig-panel" aria-label={t('signatures.title')} data-testid="sig-panel" data-state={state ?? result?.state ?? 'checking'}>
      <div className="sig-panel-head">
        <Typography.Text strong>
          <SafetyCertificateOutlined /> {t('signatures.title')}
        </Typography.Text>
        <Button size="small" type="text" icon={<CloseOutlined />} onClick={onClose} aria-label={t('app.close')} data-testid="sig-panel-close" />
      </div>
      <div className="sig-panel-body">
        {!result || result.state === 'checking' ? (
          <div className="sig-panel-wait">
            <Spin description={t('signatures.checking')} />
          </div>
        ) : result.state === 'error' ? (
          <Alert type="warning" showIcon title={t('signatures.failed')} description={errorText(result.error, lang, '')} data-testid="sig-failed" />
        ) : result.checks.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('signatures.none')} data-testid="sig-none" />
        ) : (
          <>
            <div className="sig-summary" data-testid="sig-summary">
              <Tag color={STATE_COLOR[state ?? 'none']} className="sig-tag">
                {t(`signatures.state.${state ?? 'none'}`)}
              </Tag>
              <Typography.Text type="secondary">{result.checks.length === 1 ? t('signatures.one') : t('signatures.many', { n: result.checks.length })}</Typography.Text>
            </div>
            {result.trustedRootCount === 0 && <Alert type="info" showIcon className="sig-no-roots" title={t('signatures.noTrustedRoots')} data-testid="sig-no-roots" />}
            {result.checks.map((c, i) => (
              <SignatureCard key={`${c.fieldName}-${i}`} check={c} index={i + 1} />
            ))}
          </>
        )}
      </div>
    </aside>
  );
}

/** The verifier's problem codes (src/node/pdfsign/verify.ts), each told in words; an unknown one is shown as it is. */
const PROBLEMS = [
  'signature_value_missing',
  'unsupported_format',
  'byte_range_invalid',
  'cms_unreadable',
  'signer_certificate_missing',
  'digest_mismatch',
  'signature_mismatch',
  'modified_after_signing',
  'chain_invalid',
  'unknown_ca',
  'certificate_expired',
  'certificate_not_yet_valid',
] as const;
const isKnownProblem = (p: string): p is (typeof PROBLEMS)[number] => (PROBLEMS as readonly string[]).includes(p);

const TONE_ICON: Record<Tone, React.ReactNode> = {
  ok: <CheckCircleFilled className="sig-ok" />,
  info: <InfoCircleFilled className="sig-info" />,
  warn: <ExclamationCircleFilled className="sig-warn" />,
  bad: <CloseCircleFilled className="sig-bad" />,
  unknown: <QuestionCircleFilled className="sig-unknown" />,
};

function Fact({ tone, children, testId }: { tone: Tone; children: React.ReactNode; testId: string }): React.JSX.Element {
  return (
    <li className={`sig-fact is-${tone}`} data-testid={testId} data-tone={tone}>
      {TONE_ICON[tone]}
      <span>{children}</span>
    </li>
  );
}

function SignatureCard({ check, index }: { check: SignatureCheck; index: number }): React.JSX.Element {
  const { t } = useTranslation();
  const change = changeOf(check);
  const rows: [string, React.ReactNode][] = [
    [t('signatures.organisation'), check.organisation || t('app.none')],
    [t('signatures.issuer'), check.issuerName],
    [t('signatures.signingTime'), check.signingTime ? formatDateTimeVi(check.signingTime) : t('signatures.noTime')],
  ];
  return (
    <section className={`sig-card is-${check.status}`} data-testid="sig-card" data-status={check.status} data-field={check.fieldName}>
      <div className="sig-card-head">
        <span className="sig-card-index">{index}</span>
        <div className="sig-card-title">
          <Typography.Text strong className="sig-signer" data-testid="sig-signer">
            {check.signerName}
          </Typography.Text>
          <Tag color={STATE_COLOR[check.status]} className="sig-tag" data-testid="sig-status">
            {t(`signatures.state.${check.status}`)}
          </Tag>
        </div>
      </div>
      <dl className="sig-rows">
        {rows.map(([label, value]) => (
          <div key={label} className="sig-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ul className="sig-facts">
        <Fact tone={changeTone(change)} testId="sig-change">
          {t(`signatures.change.${change}`)}
        </Fact>
        <Fact tone={chainTone(check.chain)} testId="sig-chain">
          {t(`signatures.chain.${check.chain}`)}
        </Fact>
        <Fact tone={validityTone(check.validity)} testId="sig-validity">
          {t(`signatures.validity.${check.validity}`)}
          {check.validity === 'valid' && check.expiredNow ? ` ${t('signatures.expiredSince')}` : ''}
        </Fact>
        <Fact tone="unknown" testId="sig-revocation">
          {t('signatures.revocationNotChecked')}
        </Fact>
      </ul>
      <details className="sig-details" data-testid="sig-details">
        <summary>{t('signatures.details')}</summary>
        {check.problems.length > 0 && (
          <ul>
            {check.problems.map((p) => (
              <li key={p}>{isKnownProblem(p) ? t(`signatures.problem.${p}`) : p}</li>
            ))}
          </ul>
        )}
        <Typography.Text type="secondary" className="sig-serial">
          {t('signatures.serial')}: {check.serialNumber}
        </Typography.Text>
      </details>
    </section>
  );
}
