import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useCurrentCentre } from '../../app/centre.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useAchievementsQuery } from '../achievements/hooks.js';

/** Pick the achievement a deployment put to use from the published marketplace, searched by its words as one types. */
export const AchievementSelect = ({ value, onChange, 'data-testid': testId }: { value?: string | null; onChange?: (id: string | null) => void; 'data-testid'?: string }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // Search once typing pauses, as the marketplace's own search box does.
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const query = useAchievementsQuery(centre.id, { limit: 20, offset: 0, ...(q ? { q } : {}) });
  const hits = (query.data?.items ?? []).map((a) => ({ value: a.id, label: locale === 'en-US' && a.titleEn ? a.titleEn : a.titleZh }));
  // The chosen achievement keeps its name while a later search no longer lists it.
  const [picked, setPicked] = useState<{ value: string; label: string } | undefined>(undefined);
  const options = [...(picked && !hits.some((h) => h.value === picked.value) ? [picked] : []), ...hits];
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      value={value ?? undefined}
      onChange={(id?: string) => {
        setPicked(options.find((o) => o.value === id));
        onChange?.(id ?? null);
      }}
      options={options}
      loading={query.isFetching}
      placeholder={t('scenarios.deployments.achievementPlaceholder')}
      notFoundContent={t('scenarios.deployments.achievementNone')}
      data-testid={testId}
    />
  );
};
