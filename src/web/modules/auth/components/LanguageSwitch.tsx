import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider.js';

/** Toggles between 中文 and English; the button names the language it switches to. */
export const LanguageSwitch = ({ ghost = false, compact = false }: { ghost?: boolean; compact?: boolean }) => {
  const { locale, setLocale, t } = useI18n();
  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Button
      type={ghost ? 'text' : 'default'}
      className={ghost ? 'kc-header-button' : undefined}
      icon={<GlobalOutlined />}
      onClick={() => setLocale(next)}
      aria-label={t('lang.switchTo')}
      title={t('lang.switchTo')}
      data-testid="lang-switch"
    >
      {compact ? t('lang.otherShort') : <span lang={next}>{t('lang.other')}</span>}
    </Button>
  );
};
