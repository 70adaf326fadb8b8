import { Segmented, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext.js';
import type { Lang } from '../app/i18n/index.js';

/** VI / EN: the whole interface, antd's own texts and date pickers switch at once. */
export function LanguageSwitch({ onChange }: { onChange?: (l: Lang) => void } = {}): React.JSX.Element {
  const { t } = useTranslation();
  const app = useApp();
  return (
    <Tooltip title={t('app.language')}>
      <Segmented<Lang>
        size="small"
        value={app.lang}
        data-testid="lang-switch"
        options={[
          { value: 'vi', label: <span title={t('app.langVi')}>VI</span> },
          { value: 'en', label: <span title={t('app.langEn')}>EN</span> },
        ]}
        onChange={(v) => {
          app.setLang(v);
          onChange?.(v);
        }}
      />
    </Tooltip>
  );
}
