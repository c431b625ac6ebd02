import { useI18n } from '../../i18n/I18nProvider.js';
import { ModuleTabs } from '../../ui/ModuleTabs.js';

/** 人才计划's pages: the calls for everyone; credentials and services for signed-in applicants, holders and officers. */
export const TalentTabs = ({ active }: { active: 'calls' | 'credentials' }) => {
  const { t } = useI18n();
  return (
    <ModuleTabs
      label={t('talent.title')}
      active={active}
      testIdPrefix="talent"
      tabs={[
        { key: 'calls', path: '/talent', label: t('talent.tab.calls'), permissions: null },
        { key: 'credentials', path: '/talent/credentials', label: t('talent.tab.credentials'), permissions: ['calls:apply', 'calls:manage', 'services:manage', 'services:request'] },
      ]}
    />
  );
};
