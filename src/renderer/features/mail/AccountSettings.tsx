import { ApiOutlined, ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled, DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailAccountSettings, MailAccountView, MailSecurity } from '../../../shared/model/mail.js';
import type { RpcResult } from '../../../shared/rpc/contract.js';
import { useApp, useMe, useRpc } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { bodyText, errorText } from '../../app/util.js';
import { isEmail } from './address.js';
import { blockEnterSubmit } from '../../components/forms.js';
import { MailStatusTag } from './MailStatusTag.js';
import { useMailStatus } from './useMail.js';
import './mail.css';

interface Values {
  email: string;
  displayName: string;
  user: string;
  password: string;
  imapHost: string;
  imapPort: number;
  imapSecurity: MailSecurity;
  smtpHost: string;
  smtpPort: number;
  smtpSecurity: MailSecurity;
  smtpSavesSent: boolean;
  bodyWindowDays: number;
}

const SECURITIES: MailSecurity[] = ['tls', 'starttls', 'none'];
/** The usual port of each protocol and security. */
const PORTS: Record<'imap' | 'smtp', Record<MailSecurity, number>> = { imap: { tls: 993, starttls: 143, none: 143 }, smtp: { tls: 465, starttls: 587, none: 25 } };
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/iu;
const HOST = /^[A-Za-z0-9.:\-[\]]+$/u;

function toSettings(v: Values): MailAccountSettings {
  return {
    email: v.email.trim(),
    displayName: (v.displayName ?? '').trim(),
    user: v.user.trim(),
    imap: { host: v.imapHost.trim(), port: v.imapPort, security: v.imapSecurity },
    smtp: { host: v.smtpHost.trim(), port: v.smtpPort, security: v.smtpSecurity },
    smtpSavesSent: v.smtpSavesSent,
    bodyWindowDays: v.bodyWindowDays,
  };
}

function fromAccount(a: MailAccountView | null, fallbackName: string): Values {
  return {
    email: a?.email ?? '',
    displayName: a?.displayName ?? fallbackName,
    user: a?.user ?? '',
    password: '',
    imapHost: a?.imap.host ?? '',
    imapPort: a?.imap.port ?? 993,
    imapSecurity: a?.imap.security ?? 'tls',
    smtpHost: a?.smtp.host ?? '',
    smtpPort: a?.smtp.port ?? 465,
    smtpSecurity: a?.smtp.security ?? 'tls',
    smtpSavesSent: a?.smtpSavesSent ?? false,
    bodyWindowDays: a?.bodyWindowDays ?? 30,
  };
}

/** `#/mail/settings`: the official mailbox's servers, a connection test with per-server answers, save, remove. */
export function AccountSettings(): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const me = useMe();
  const { lang } = useApp();
  const { message, modal } = App.useApp();
  const status = useMailStatus();
  const [form] = Form.useForm<Values>();
  const [account, setAccount] = useState<MailAccountView | null | undefined>(undefined);
  const [test, setTest] = useState<RpcResult<'mail.account.test'> | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);

  useEffect(() => {
    void rpc.call('mail.account.get').then(
      (a) => {
        setAccount(a);
        form.setFieldsValue(fromAccount(a, me.fullName));
      },
      () => setAccount(null),
    );
  }, [rpc, form, me.fullName]);

  const req = (label: string) => ({ required: true, whitespace: true, message: t('mail.settings.required', { field: label }) });
  const hostRules = (label: string, securityField: 'imapSecurity' | 'smtpSecurity') => [
    req(label),
    { pattern: HOST, message: t('mail.settings.hostInvalid') },
    ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
      validator: async (_r: unknown, v: string | undefined) => {
        if (getFieldValue(securityField) === 'none' && v && !LOOPBACK.test(v.trim())) throw new Error(t('mail.settings.noneLoopback'));
      },
    }),
  ];

  // The usual port follows the security choice unless the user typed another one.
  const onSecurity = (proto: 'imap' | 'smtp', prev: MailSecurity, next: MailSecurity): void => {
    const field = proto === 'imap' ? 'imapPort' : 'smtpPort';
    if (form.getFieldValue(field) === PORTS[proto][prev]) form.setFieldValue(field, PORTS[proto][next]);
    void form.validateFields([proto === 'imap' ? 'imapHost' : 'smtpHost']).catch(() => {});
  };

  const runTest = async (): Promise<void> => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy('test');
    setTest(null);
    try {
      setTest(await rpc.call('mail.account.test', { settings: toSettings(v), ...(v.password ? { password: v.password } : {}) }));
    } catch (err) {
      void message.error(errorText(err, lang, t('app.unexpected')));
    } finally {
      setBusy(null);
    }
  };

  const save = async (v: Values): Promise<void> => {
    if (!v.password && !account?.hasPassword) {
      form.setFields([{ name: 'password', errors: [t('mail.settings.required', { field: t('mail.settings.password') })] }]);
      return;
    }
    setBusy('save');
    try {
      const saved = await rpc.call('mail.account.save', { settings: toSettings(v), ...(v.password ? { password: v.password } : {}) });
      setAccount(saved);
      form.setFieldValue('password', '');
      void message.success(t('mail.settings.saved'));
      navigate({ name: 'mail', folderId: null, messageId: null });
    } catch (err) {
      void message.error(errorText(err, lang, t('app.unexpected')));
    } finally {
      setBusy(null);
    }
  };

  const remove = (): void => {
    modal.confirm({
      title: t('mail.settings.removeTitle'),
      content: t('mail.settings.removeText'),
      okText: t('mail.settings.remove'),
      okButtonProps: { danger: true },
      cancelText: t('app.cancel'),
      onOk: async () => {
        try {
          await rpc.call('mail.account.remove');
          setAccount(null);
          form.setFieldsValue(fromAccount(null, me.fullName));
          setTest(null);
          void message.success(t('mail.settings.removed'));
        } catch (err) {
          void message.error(errorText(err, lang, t('app.unexpected')));
        }
      },
    });
  };

  if (account === undefined) return <Spin className="loading" />;

  const server = (proto: 'imap' | 'smtp') => {
    const p = proto === 'imap' ? 'imap' : 'smtp';
    const securityField = proto === 'imap' ? 'imapSecurity' : 'smtpSecurity';
    return (
      <Card title={t(`mail.settings.${proto}`)} size="small" className="form-card">
        <div className="form-grid mail-server-grid">
          <Form.Item name={`${p}Host`} label={t('mail.settings.host')} rules={hostRules(t('mail.settings.host'), securityField)} dependencies={[securityField]}>
            <Input placeholder={proto === 'imap' ? 'mail.kontum.gov.vn' : 'smtp.kontum.gov.vn'} data-testid={`ms-${p}-host`} />
          </Form.Item>
          <Form.Item name={`${p}Port`} label={t('mail.settings.port')} rules={[{ required: true, type: 'integer', min: 1, max: 65535, message: t('mail.settings.portInvalid') }]}>
            <InputNumber min={1} max={65535} precision={0} className="full" data-testid={`ms-${p}-port`} />
          </Form.Item>
          <Form.Item name={securityField} label={t('mail.settings.security')}>
            <Select
              options={SECURITIES.map((s) => ({ value: s, label: t(`mail.settings.sec.${s}`) }))}
              onChange={(next: MailSecurity) => onSecurity(proto, form.getFieldValue(securityField) as MailSecurity, next)}
              data-testid={`ms-${p}-security`}
            />
          </Form.Item>
        </div>
        {test && (
          <div className={`mail-test-result ${test[proto].ok ? 'ok' : 'failed'}`} data-testid={`ms-test-${proto}`} data-ok={test[proto].ok ? 'true' : 'false'}>
            {test[proto].ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
            <span>{test[proto].ok ? t('mail.settings.testOk', { server: t(`mail.settings.${proto}Short`) }) : test[proto].error ? bodyText(test[proto].error, lang) : t('app.unexpected')}</span>
          </div>
        )}
      </Card>
    );
  };

  return (
    <div className="screen mail-settings" data-testid="mail-settings">
      <div className="page-header">
        <div>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate({ name: 'mail', folderId: null, messageId: null })} className="back-button">
            {t('mail.settings.back')}
          </Button>
          <Typography.Title level={3} className="page-title">
            {t('mail.settings.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('mail.settings.intro')}</Typography.Text>
        </div>
        {account && <MailStatusTag status={status} />}
      </div>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} className="register-form" onKeyDown={blockEnterSubmit} initialValues={fromAccount(account, me.fullName)}>
        <Card title={t('mail.settings.account')} size="small" className="form-card">
          <div className="form-grid">
            <Form.Item
              name="email"
              label={t('mail.settings.email')}
              rules={[req(t('mail.settings.email')), { validator: async (_r, v: string) => (v && !isEmail(v.trim()) ? Promise.reject(new Error(t('mail.settings.emailInvalid'))) : undefined) }]}
            >
              <Input
                placeholder="vanthu@kontum.gov.vn"
                data-testid="ms-email"
                onBlur={(e) => {
                  if (!form.getFieldValue('user')) form.setFieldValue('user', e.target.value.trim());
                }}
              />
            </Form.Item>
            <Form.Item name="displayName" label={t('mail.settings.displayName')} rules={[{ max: 100, message: t('mail.settings.tooLong', { max: 100 }) }]}>
              <Input maxLength={100} data-testid="ms-name" />
            </Form.Item>
            <Form.Item name="user" label={t('mail.settings.user')} rules={[req(t('mail.settings.user'))]}>
              <Input autoComplete="off" data-testid="ms-user" />
            </Form.Item>
            <Form.Item name="password" label={t('mail.settings.password')} extra={account?.hasPassword ? t('mail.settings.passwordKeep') : t('mail.settings.passwordNote')}>
              <Input.Password autoComplete="new-password" data-testid="ms-password" />
            </Form.Item>
          </div>
        </Card>
        {server('imap')}
        {server('smtp')}
        <Card title={t('mail.settings.advanced')} size="small" className="form-card">
          <div className="form-grid">
            <Form.Item name="bodyWindowDays" label={t('mail.settings.bodyWindow')} rules={[{ required: true, type: 'integer', min: 0, max: 3650, message: t('mail.settings.bodyWindowInvalid') }]}>
              <InputNumber min={0} max={3650} precision={0} className="full" />
            </Form.Item>
            <Form.Item name="smtpSavesSent" valuePropName="checked" label=" ">
              <Checkbox>{t('mail.settings.smtpSavesSent')}</Checkbox>
            </Form.Item>
          </div>
        </Card>
        <div className="form-actions">
          {account && (
            <Button danger icon={<DeleteOutlined />} onClick={remove} data-testid="ms-remove" className="form-actions-left">
              {t('mail.settings.remove')}
            </Button>
          )}
          <Space>
            <Button icon={<ApiOutlined />} onClick={() => void runTest()} loading={busy === 'test'} data-testid="ms-test">
              {t('mail.settings.test')}
            </Button>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy === 'save'} data-testid="ms-save">
              {t('app.save')}
            </Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}
