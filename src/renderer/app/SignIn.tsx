import { ApartmentOutlined, ExperimentOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Form, Input, Radio, Space, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { useApp } from './AppContext.js';
import { errorText } from './util.js';
import { filterOption } from '../components/pickerFilter.js';

type Mode = 'server' | 'demo';
interface Values {
  mode: Mode;
  serverUrl: string;
  username: string;
  password: string;
}

const REMEMBER_KEY = 'ioffice.signin';

function remembered(): Partial<Values> {
  try {
    const v = JSON.parse(localStorage.getItem(REMEMBER_KEY) ?? '{}') as Partial<Values>;
    return { mode: v.mode === 'demo' ? 'demo' : 'server', serverUrl: v.serverUrl ?? '', username: v.username ?? '' };
  } catch {
    return { mode: 'server', serverUrl: '', username: '' };
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value.trim());
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function SignIn(): React.JSX.Element {
  const { t } = useTranslation();
  const { conn, info, lang, refreshSession } = useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const demo = info?.demo ?? null;
  const demoUrl = info?.demoServerUrl ?? null;
  const demoOffered = demo !== null && demo.state !== 'off';
  const [initial] = useState<Partial<Values>>(() => {
    const r = remembered();
    if (!r.serverUrl && info?.serverUrl) r.serverUrl = info.serverUrl;
    if (demo?.preferred) r.mode = 'demo';
    return r;
  });
  const mode = Form.useWatch('mode', form) ?? initial.mode;

  // A remembered choice of the demo agency on a host that does not offer it: back to a server address.
  useEffect(() => {
    if (info && !demoOffered && form.getFieldValue('mode') === 'demo') form.setFieldValue('mode', 'server');
  }, [info, demoOffered, form]);

  // The demo agency may still be preparing; fill its password once it is ready.
  useEffect(() => {
    if (mode === 'demo' && demo?.password && !form.getFieldValue('password')) form.setFieldValue('password', demo.password);
  }, [mode, demo?.password, form]);

  const submit = async (v: Values): Promise<void> => {
    setError(null);
    if (v.mode === 'demo' && !demoUrl) {
      setError(t('signIn.demoUnavailable'));
      return;
    }
    setBusy(true);
    const serverUrl = v.mode === 'demo' && demoUrl ? demoUrl : v.serverUrl.trim();
    try {
      try {
        localStorage.setItem(REMEMBER_KEY, JSON.stringify({ mode: v.mode, serverUrl: v.mode === 'server' ? serverUrl : '', username: v.username.trim() }));
      } catch {
        // not remembering is fine
      }
      await conn.rpc.call('session.login', { serverUrl, username: v.username.trim(), password: v.password });
      await refreshSession();
    } catch (err) {
      setError(errorText(err, lang, t('app.unexpected')));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  const demoStatus =
    !demo || demo.state === 'off'
      ? null
      : demo.state === 'starting'
        ? demo.progress
          ? t('signIn.demoPreparingProgress', { done: demo.progress.done, total: demo.progress.total })
          : t('signIn.demoPreparing')
        : demo.state === 'failed'
          ? (demo.error?.[lang] ?? t('signIn.demoFailed'))
          : null;

  return (
    <div className="signin-page">
      <div className="signin-lang">
        <LanguageSwitch />
      </div>
      <Card className="signin-card" variant="borderless">
        <div className="signin-brand">
          <span className="brand-mark brand-mark-lg">iO</span>
          <div>
            <Typography.Title level={3} className="signin-title">
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('signIn.welcome')}</Typography.Text>
          </div>
        </div>
        <Typography.Title level={4} className="signin-heading">
          {t('signIn.title')}
        </Typography.Title>
        {error && <Alert type="error" showIcon title={error} className="signin-error" data-testid="signin-error" />}
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ password: '', ...initial }}
          onFinish={(v) => void submit(v)}
          disabled={busy}
        >
          <Form.Item name="mode" label={t('signIn.server')}>
            <Radio.Group className="signin-mode">
              <Space orientation="vertical">
                <Radio value="server" data-testid="mode-server">
                  <ApartmentOutlined /> {t('signIn.serverOwn')}
                </Radio>
                <Tooltip title={demoOffered ? null : t('signIn.demoUnavailable')} placement="right">
                  <Radio value="demo" disabled={!demoOffered} data-testid="mode-demo">
                    <ExperimentOutlined /> {t('signIn.serverDemo')}
                  </Radio>
                </Tooltip>
              </Space>
            </Radio.Group>
          </Form.Item>
          {mode === 'demo' ? (
            <Alert
              type={demo?.state === 'failed' ? 'error' : 'info'}
              showIcon
              title={t('signIn.demoHint')}
              description={demoStatus}
              className="signin-demo-hint"
              data-testid="demo-hint"
            />
          ) : (
            <Form.Item
              name="serverUrl"
              label={t('signIn.serverUrl')}
              rules={[
                { required: true, whitespace: true, message: t('signIn.serverUrlRequired') },
                { validator: async (_r, v: string) => (!v || isHttpUrl(v) ? undefined : Promise.reject(new Error(t('signIn.serverUrlInvalid')))) },
              ]}
            >
              <Input placeholder={t('signIn.serverUrlPlaceholder')} autoComplete="url" inputMode="url" data-testid="server-url" />
            </Form.Item>
          )}
          <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}>
            {mode === 'demo' && demo && demo.accounts.length > 0 ? (
              <AutoComplete
                options={demo.accounts.map((a) => ({ value: a.username, label: `${a.username} — ${a.label[lang]}` }))}
                showSearch={{ filterOption }}
                data-testid="username"
              >
                <Input prefix={<UserOutlined />} autoComplete="username" placeholder={t('signIn.demoAccount')} />
              </AutoComplete>
            ) : (
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="username" />
            )}
          </Form.Item>
          <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="signin-submit">
            {t('signIn.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="signin-note">
          {t('signIn.offlineNote')}
          {info?.version ? ` · ${t('signIn.version', { version: info.version })}` : ''}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
