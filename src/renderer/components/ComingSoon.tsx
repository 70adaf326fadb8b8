import { SendOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { navigate, type ComingFeature } from '../app/router.js';

const ICONS: Record<ComingFeature, React.ReactNode> = {
  outgoing: <SendOutlined />,
};

/** A tidy "sắp có" page for the parts of iOffice not built yet. */
export function ComingSoon({ feature }: { feature: ComingFeature }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="coming" data-testid="coming-soon">
      <Result
        icon={<span className="coming-icon">{ICONS[feature]}</span>}
        title={t('coming.title', { feature: t(`nav.${feature}`) })}
        subTitle={
          <>
            {t('coming.text')}
            <br />
            {t('coming.hint')}
          </>
        }
        extra={
          <Button type="primary" onClick={() => navigate({ name: 'incoming' })}>
            {t('coming.back')}
          </Button>
        }
      />
    </div>
  );
}
