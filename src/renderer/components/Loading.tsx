import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function Loading({ text }: { text?: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="loading">
      <Spin description={text ?? t('app.loading')} />
    </div>
  );
}
