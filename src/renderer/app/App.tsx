import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../shared/model/organisation.js';
import type { Session, SyncStatus } from '../../shared/rpc/contract.js';
import { AppContext, type AppState } from './AppContext.js';
import { appInfo, connect, onAppInfo, type AppInfo, type Connection } from './connection.js';
import { antdLocale, currentLang, setLang as applyLang, type Lang } from './i18n/index.js';
import { Shell } from './Shell.js';
import { SignIn } from './SignIn.js';
import { RejectionNotifier } from '../components/RejectionNotifier.js';
import { THEME } from './theme.js';

const SIGNED_OUT: Session = { signedIn: false, serverUrl: null, user: null, agency: null };
const NO_SYNC: SyncStatus = { state: 'offline', pendingCount: 0, failedCount: 0, refusedCount: 0, lastSyncAt: null, lastError: null, nextRetryAt: null };

export function App(): React.JSX.Element {
  const { i18n } = useTranslation();
  const [lang, setLangState] = useState<Lang>(currentLang());
  const setLang = useCallback((l: Lang) => {
    void applyLang(l).then(() => setLangState(l));
  }, []);
  useEffect(() => {
    const on = (): void => setLangState(currentLang());
    i18n.on('languageChanged', on);
    return () => i18n.off('languageChanged', on);
  }, [i18n]);

  return (
    <ConfigProvider locale={antdLocale(lang)} theme={THEME}>
      <AntApp message={{ top: 64, maxCount: 3 }} notification={{ placement: 'bottomRight' }}>
        <Connected lang={lang} setLang={setLang} />
      </AntApp>
    </ConfigProvider>
  );
}

function Connected({ lang, setLang }: { lang: Lang; setLang: (l: Lang) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const [conn, setConn] = useState<Connection | null>(null);
  const [lost, setLost] = useState(false);
  const [session, setSession] = useState<Session | null>(null);
  const [org, setOrg] = useState<Organisation | null>(null);
  const [sync, setSync] = useState<SyncStatus>(NO_SYNC);
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    let alive = true;
    let c: Connection | null = null;
    try {
      c = connect();
      setConn(c);
      void c.closed.then(() => alive && setLost(true));
    } catch {
      setLost(true);
    }
    return () => {
      alive = false;
      c?.rpc.close();
    };
  }, []);

  const refreshSession = useCallback(async () => {
    if (!conn) return;
    const s = await conn.rpc.call('session.get');
    setSession(s);
    if (s.signedIn) {
      const [o, st] = await Promise.all([conn.rpc.call('org.get'), conn.rpc.call('sync.status')]);
      setOrg(o);
      setSync(st);
    } else {
      setOrg(null);
      setSync(NO_SYNC);
    }
  }, [conn]);

  useEffect(() => {
    if (!conn) return;
    const { rpc } = conn;
    void refreshSession().catch(() => setLost(true));
    void appInfo(rpc).then(setInfo);
    const offs = [
      onAppInfo(rpc, setInfo),
      rpc.on('sync', setSync),
      rpc.on('changed', (p) => {
        if (p.scope === 'session') void refreshSession().catch(() => {});
        if (p.scope === 'org') void rpc.call('org.get').then(setOrg, () => {});
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [conn, refreshSession]);

  const state = useMemo<AppState | null>(
    () => (conn && session ? { conn, session, org, sync, info, lang, setLang, refreshSession } : null),
    [conn, session, org, sync, info, lang, setLang, refreshSession],
  );

  if (lost)
    return (
      <div className="center-screen">
        <Result
          status="warning"
          title={t('app.connectionLost')}
          subTitle={t('app.connectionLostText')}
          extra={
            <Button type="primary" onClick={() => location.reload()}>
              {t('app.reload')}
            </Button>
          }
        />
      </div>
    );
  if (!state)
    return (
      <div className="center-screen">
        <Spin size="large" description={t('app.connecting')} />
      </div>
    );
  return (
    <AppContext.Provider value={state}>
      {state.session.signedIn ? (
        <>
          <RejectionNotifier />
          <Shell />
        </>
      ) : (
        <SignIn />
      )}
    </AppContext.Provider>
  );
}
