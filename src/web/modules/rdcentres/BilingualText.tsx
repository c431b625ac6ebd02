import { useI18n } from '../../i18n/I18nProvider.js';
import { Chip } from '../../ui/Chip.js';
import type { Bilingual } from './hooks.js';

/**
 * A text in the reader's language when someone wrote or translated it; else
 * the original, marked as untranslated (never machine-filled). A translation
 * is marked as one.
 */
export const BilingualText = ({ text, block = false, testId }: { text: Bilingual; block?: boolean; testId?: string }) => {
  const { t, locale } = useI18n();
  const mine = locale === 'zh-CN' ? 'zh' : 'en';
  const value = text[mine] ?? text[mine === 'zh' ? 'en' : 'zh'];
  const untranslated = text[mine] === null && value !== null;
  const translated = text[mine] !== null && text.original !== mine && text.translatedBy !== null;
  const Tag = block ? 'div' : 'span';
  return (
    <Tag className={block ? 'kc-rd-text-block' : undefined} data-testid={testId}>
      {block ? <p lang={untranslated ? (mine === 'zh' ? 'en' : 'zh') : undefined}>{value ?? t('rdcentres.none')}</p> : <span lang={untranslated ? (mine === 'zh' ? 'en' : 'zh') : undefined}>{value ?? t('rdcentres.none')}</span>}
      {untranslated && (
        <>
          {' '}
          <Chip tone="warning" title={t('rdcentres.text.untranslatedHint')}>
            {t(text.original === 'en' ? 'rdcentres.text.untranslatedEn' : 'rdcentres.text.untranslatedZh')}
          </Chip>
        </>
      )}
      {translated && (
        <>
          {' '}
          <Chip tone="info">{t('rdcentres.text.translated')}</Chip>
        </>
      )}
    </Tag>
  );
};
