import { DeleteOutlined, ImportOutlined, KeyOutlined, SafetyCertificateOutlined, UsbOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Empty, Form, Input, InputNumber, Modal, Radio, Segmented, Space, Typography, Upload } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateSummary, KeyChoice, OutgoingView, SigningKeyInfo } from '../../../shared/outgoing/index.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import { Loading } from '../../components/Loading.js';
import { latestIsPdf, numberText, validityOf } from './format.js';

// pdf.js only when the dialog draws the page.
const SignaturePreview = lazy(() => import('./SignaturePreview.js').then((m) => ({ default: m.SignaturePreview })));

type KeysInfo = { keys: SigningKeyInfo[]; tokenLibrary: string | null; hasSignatureImage: boolean; hasSealImage: boolean };

/**
 * "Ký số" (the signer, `outgoing.sign`) and "Đóng dấu & phát hành" (a clerk with the agency's
 * key, `outgoing.seal`): choose a key — a PKCS#12 file imported into the core (its password
 * asked each time, never kept) or a token's certificate (PIN) — see the certificate, see where
 * the signature goes on the page, and sign. The core signs; the renderer never holds a key.
 */
export function SignDialog({ view, mode, onClose }: { view: OutgoingView; mode: 'sign' | 'seal'; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { lang } = useApp();
  const { message } = App.useApp();
  const doc = view.document;
  const [info, setInfo] = useState<KeysInfo | null>(null);
  const [store, setStore] = useState<'file' | 'token'>('file');
  const [fileKeyId, setFileKeyId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [slotIndex, setSlotIndex] = useState(0);
  const [tokenKeys, setTokenKeys] = useState<SigningKeyInfo[] | null>(null);
  const [tokenKeyId, setTokenKeyId] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [busy, setBusy] = useState<'sign' | 'token' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadKeys = useCallback(async (select?: string) => {
    try {
      const r = await rpc.call('outgoing.keys', {});
      setInfo(r);
      const files = r.keys.filter((k) => k.store === 'file');
      setFileKeyId((cur) => select ?? (cur && files.some((k) => k.id === cur) ? cur : (files[0]?.id ?? null)));
      if (files.length === 0 && r.tokenLibrary) setStore('token');
    } catch (err) {
      setError(errorText(err, lang, t('app.unexpected')));
    }
  }, [rpc, lang, t]);
  useEffect(() => {
    void loadKeys();
  }, [loadKeys]);

  // The file signed: the latest draft PDF for the signer; the signed PDF for the seal.
  const target = mode === 'sign' ? doc.versions.at(-1) : [...doc.versions].reverse().find((v) => v.kind === 'signed');
  const notPdf = mode === 'sign' && !latestIsPdf(doc);
  const fileKeys = info?.keys.filter((k) => k.store === 'file') ?? [];
  const chosen: SigningKeyInfo | null = store === 'file' ? (fileKeys.find((k) => k.id === fileKeyId) ?? null) : (tokenKeys?.find((k) => k.id === tokenKeyId) ?? null);
  const validity = chosen ? validityOf(chosen.certificate) : null;

  const readToken = async (): Promise<void> => {
    if (!pin) return;
    setBusy('token');
    setError(null);
    try {
      const keys = await rpc.call('outgoing.tokenKeys', { pin, slotIndex });
      setTokenKeys(keys);
      setTokenKeyId(keys[0]?.id ?? null);
    } catch (err) {
      setTokenKeys(null);
      setError(errorText(err, lang, t('app.unexpected')));
    } finally {
      setBusy(null);
    }
  };

  const sign = async (): Promise<void> => {
    if (!chosen) return;
    const key: KeyChoice = chosen.store === 'file' ? { store: 'file', id: chosen.id, password } : { store: 'token', id: chosen.id, pin, slotIndex };
    setBusy('sign');
    setError(null);
    try {
      if (mode === 'sign') await rpc.call('outgoing.sign', { documentId: doc.id, key, placement: null });
      else await rpc.call('outgoing.seal', { documentId: doc.id, key });
      void message.success(mode === 'sign' ? t('outgoing.sign.signed') : t('outgoing.sign.sealed'), 5);
      onClose();
    } catch (err) {
      // Wrong password or PIN, an expired key, a file the server would refuse: said here, in the user's language, to try again.
      setError(errorText(err, lang, t('app.unexpected')));
    } finally {
      setBusy(null);
    }
  };

  const ready = chosen !== null && !notPdf && target !== undefined && (chosen.store === 'file' ? password.length > 0 : pin.length > 0);
  const title = mode === 'sign' ? t('outgoing.sign.title') : t('outgoing.sign.sealTitle', { number: numberText(doc) ?? '' });

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => void sign()}
      okText={mode === 'sign' ? t('outgoing.actions.sign') : t('outgoing.actions.seal')}
      okButtonProps={{ disabled: !ready, icon: <SafetyCertificateOutlined />, 'data-testid': 'out-sign-ok' }}
      cancelText={t('app.cancel')}
      confirmLoading={busy === 'sign'}
      width={1020}
      destroyOnHidden
      rootClassName="out-dialog out-sign-dialog"
    >
      <div className="out-sign-layout" data-testid="out-sign-dialog" data-mode={mode}>
        <div className="out-sign-form">
          {notPdf && <Alert type="warning" showIcon className="form-note" title={t('outgoing.sign.notPdf')} data-testid="out-sign-not-pdf" />}
          {mode === 'seal' && <Alert type="info" showIcon className="form-note" title={t('outgoing.sign.sealHint')} />}
          <Segmented<'file' | 'token'>
            block
            value={store}
            onChange={(v) => {
              setStore(v);
              setError(null);
            }}
            options={[
              { value: 'file', label: t('outgoing.sign.store.file'), icon: <KeyOutlined /> },
              { value: 'token', label: t('outgoing.sign.store.token'), icon: <UsbOutlined /> },
            ]}
            data-testid="out-sign-store"
          />
          {!info ? (
            <Loading />
          ) : store === 'file' ? (
            <div className="out-sign-keys">
              {fileKeys.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outgoing.sign.noKeys')} />
              ) : (
                <Radio.Group value={fileKeyId} onChange={(e) => setFileKeyId(e.target.value as string)} className="out-key-list" data-testid="out-sign-keys">
                  {fileKeys.map((k) => (
                    <Radio key={k.id} value={k.id} className="out-key" data-testid="out-sign-key">
                      <span className="out-key-label">{k.label || k.certificate.subject}</span>
                      <Typography.Text type="secondary" className="out-key-meta">
                        {k.certificate.issuer} · {t('outgoing.sign.until', { date: formatDateVi(k.certificate.notAfter) })}
                      </Typography.Text>
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={(e) => {
                          e.preventDefault();
                          void rpc.call('outgoing.removeKey', { id: k.id }).then(() => loadKeys(), (err: unknown) => setError(errorText(err, lang, t('app.unexpected'))));
                        }}
                        aria-label={t('outgoing.sign.removeKey')}
                        title={t('outgoing.sign.removeKey')}
                      />
                    </Radio>
                  ))}
                </Radio.Group>
              )}
              {importing ? (
                <ImportKey
                  onDone={(k) => {
                    setImporting(false);
                    void loadKeys(k.id);
                  }}
                  onCancel={() => setImporting(false)}
                />
              ) : (
                <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="out-sign-import">
                  {t('outgoing.sign.import')}
                </Button>
              )}
              {chosen && (
                <Form layout="vertical" className="out-sign-secret">
                  <Form.Item label={t('outgoing.sign.password')} required>
                    <Input.Password
                      value={password}
                      onChange={(e) => setPassword(e.target.value)}
                      onPressEnter={() => ready && void sign()}
                      maxLength={200}
                      autoComplete="off"
                      autoFocus
                      data-testid="out-sign-password"
                    />
                  </Form.Item>
                </Form>
              )}
            </div>
          ) : (
            <TokenPanel
              library={info.tokenLibrary}
              onLibrary={() => void loadKeys()}
              pin={pin}
              setPin={setPin}
              slotIndex={slotIndex}
              setSlotIndex={setSlotIndex}
              keys={tokenKeys}
              keyId={tokenKeyId}
              setKeyId={setTokenKeyId}
              reading={busy === 'token'}
              onRead={() => void readToken()}
            />
          )}
          {chosen && <CertificateCard certificate={chosen.certificate} validity={validity} />}
          {error && <Alert type="error" showIcon title={error} data-testid="out-sign-error" />}
        </div>
        <div className="out-sign-side">
          <Typography.Text strong>{t('outgoing.sign.preview')}</Typography.Text>
          {target && !notPdf ? (
            <Suspense fallback={<Loading />}>
              <SignaturePreview sha256={target.file.sha256} mode={mode} />
            </Suspense>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outgoing.sign.noPreview')} />
          )}
        </div>
      </div>
    </Modal>
  );
}

/** The chosen certificate: who, which organisation, issued by, serial, valid from–to (dd/MM/yyyy); a warning when not valid now. */
function CertificateCard({ certificate: c, validity }: { certificate: CertificateSummary; validity: 'valid' | 'expired' | 'not_yet_valid' | null }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="out-cert" data-testid="out-sign-cert">
      <Descriptions
        size="small"
        column={1}
        bordered
        title={t('outgoing.sign.certificate')}
        items={[
          { key: 'subject', label: t('outgoing.sign.subject'), children: <strong data-testid="out-cert-subject">{c.subject}</strong> },
          ...(c.organisation ? [{ key: 'org', label: t('outgoing.sign.organisation'), children: c.organisation }] : []),
          { key: 'issuer', label: t('outgoing.sign.issuer'), children: <span data-testid="out-cert-issuer">{c.issuer}</span> },
          { key: 'serial', label: t('outgoing.sign.serial'), children: <code>{c.serial}</code> },
          {
            key: 'validity',
            label: t('outgoing.sign.validity'),
            children: <span data-testid="out-cert-validity">{t('outgoing.sign.validityLine', { from: formatDateVi(c.notBefore), to: formatDateVi(c.notAfter) })}</span>,
          },
        ]}
      />
      {validity && validity !== 'valid' && <Alert type="error" showIcon title={t(`outgoing.sign.${validity === 'expired' ? 'expired' : 'notYetValid'}`)} data-testid="out-cert-invalid" />}
    </div>
  );
}

/** Import a .p12/.pfx file into the core (its password checks it; the key stays in the core's protected store). */
function ImportKey({ onDone, onCancel }: { onDone: (k: SigningKeyInfo) => void; onCancel: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { lang } = useApp();
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [password, setPassword] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const k = await rpc.call('outgoing.importPkcs12', { bytes: file.bytes, password, label: label.normalize('NFC').trim() });
      onDone(k);
    } catch (err) {
      setError(errorText(err, lang, t('app.unexpected')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="out-import" data-testid="out-import">
      <Typography.Text strong>{t('outgoing.sign.importTitle')}</Typography.Text>
      <Upload
        accept=".p12,.pfx"
        showUploadList={false}
        beforeUpload={(f) => {
          void f.arrayBuffer().then((b) => {
            setFile({ name: f.name, bytes: new Uint8Array(b) });
            if (!label) setLabel(f.name.replace(/\.(p12|pfx)$/iu, ''));
          });
          return false;
        }}
      >
        <Button icon={<ImportOutlined />} data-testid="out-import-file">
          {file ? file.name : t('outgoing.sign.importPick')}
        </Button>
      </Upload>
      <Input.Password value={password} onChange={(e) => setPassword(e.target.value)} placeholder={t('outgoing.sign.importPassword')} maxLength={200} autoComplete="off" data-testid="out-import-password" />
      <Input value={label} onChange={(e) => setLabel(e.target.value)} placeholder={t('outgoing.sign.importLabel')} maxLength={200} data-testid="out-import-label" />
      {error && <Alert type="error" showIcon title={error} data-testid="out-import-error" />}
      <Space>
        <Button onClick={onCancel}>{t('app.cancel')}</Button>
        <Button type="primary" disabled={!file} loading={busy} onClick={() => void submit()} data-testid="out-import-ok">
          {t('outgoing.sign.importOk')}
        </Button>
      </Space>
    </div>
  );
}

interface TokenProps {
  library: string | null;
  onLibrary: () => void;
  pin: string;
  setPin: (v: string) => void;
  slotIndex: number;
  setSlotIndex: (v: number) => void;
  keys: SigningKeyInfo[] | null;
  keyId: string | null;
  setKeyId: (v: string) => void;
  reading: boolean;
  onRead: () => void;
}

/** A token (PKCS#11): its library (a setting of this computer), the PIN, then the certificates on it. */
function TokenPanel(p: TokenProps): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { lang } = useApp();
  const [path, setPath] = useState(p.library ?? '');
  const [editing, setEditing] = useState(p.library === null);
  const [error, setError] = useState<string | null>(null);
  const save = async (): Promise<void> => {
    setError(null);
    try {
      await rpc.call('outgoing.setTokenLibrary', { path: path.trim() || null });
      setEditing(false);
      p.onLibrary();
    } catch (err) {
      setError(errorText(err, lang, t('app.unexpected')));
    }
  };
  return (
    <div className="out-token" data-testid="out-token">
      {editing ? (
        <Form layout="vertical">
          <Form.Item label={t('outgoing.sign.library')} extra={t('outgoing.sign.libraryHint')}>
            <Space.Compact className="grow-compact">
              <Input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/usr/lib/softhsm/libsofthsm2.so" maxLength={1000} data-testid="out-token-library" />
              <Button onClick={() => void save()} data-testid="out-token-library-save">
                {t('app.save')}
              </Button>
            </Space.Compact>
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} />}
        </Form>
      ) : (
        <Typography.Paragraph type="secondary" className="out-token-library">
          {t('outgoing.sign.libraryIs', { path: p.library ?? '' })}{' '}
          <Button type="link" size="small" onClick={() => setEditing(true)}>
            {t('outgoing.sign.change')}
          </Button>
        </Typography.Paragraph>
      )}
      {p.library && (
        <Form layout="vertical">
          <div className="form-row">
            <Form.Item label={t('outgoing.sign.pin')} className="grow" required>
              <Input.Password value={p.pin} onChange={(e) => p.setPin(e.target.value)} onPressEnter={p.onRead} maxLength={64} autoComplete="off" data-testid="out-token-pin" />
            </Form.Item>
            <Form.Item label={t('outgoing.sign.slot')} className="out-token-slot">
              <InputNumber min={0} max={64} precision={0} value={p.slotIndex} onChange={(v) => p.setSlotIndex(v ?? 0)} />
            </Form.Item>
            <Form.Item label=" ">
              <Button onClick={p.onRead} loading={p.reading} disabled={!p.pin} data-testid="out-token-read">
                {t('outgoing.sign.readToken')}
              </Button>
            </Form.Item>
          </div>
        </Form>
      )}
      {p.keys &&
        (p.keys.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outgoing.sign.tokenEmpty')} />
        ) : (
          <Radio.Group value={p.keyId} onChange={(e) => p.setKeyId(e.target.value as string)} className="out-key-list" data-testid="out-token-keys">
            {p.keys.map((k) => (
              <Radio key={k.id} value={k.id} className="out-key" data-testid="out-token-key">
                <span className="out-key-label">{k.label || k.certificate.subject}</span>
                <Typography.Text type="secondary" className="out-key-meta">
                  {k.certificate.issuer}
                </Typography.Text>
              </Radio>
            ))}
          </Radio.Group>
        ))}
    </div>
  );
}
