import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useCurrentCentre } from '../../../../app/centre.js';
import { otherName, pickName } from '../../../../i18n/format.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { useRegistrySearchQuery } from '../../hooks/useRegistrySearchQuery.js';
import { categoryLabel, kindLabel } from '../../utils/vocab.js';

export type PickedEntity = { id: string; nameZh: string | null; nameEn: string; kind: string | null; category: string };

type Props = {
  value?: string;
  onChange?: (id: string | undefined, entity: PickedEntity | undefined) => void;
  /** Records not to offer (the profile's own). */
  excludeIds?: readonly string[];
  /** Offered before the user types (e.g. likely duplicates). */
  suggestions?: readonly PickedEntity[];
  placeholder?: string;
  /** Only actors of this category (`person`, `organisation`…). */
  category?: string;
  'data-testid'?: string;
  id?: string;
};

/** Pick an actor by typing any part of its name (or pinyin, or initials): the registry search as a select. */
export const EntityPicker = ({ value, onChange, excludeIds = [], suggestions = [], placeholder, category, id, 'data-testid': testId }: Props) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const search = useRegistrySearchQuery(centre.id, { q, category, limit: 12 }, { enabled: q !== '' });
  const hits: PickedEntity[] = q ? (search.data?.pages[0]?.items ?? []) : [...suggestions];
  const [picked, setPicked] = useState<PickedEntity | undefined>(undefined);
  const candidates = [...(picked && !hits.some((h) => h.id === picked.id) ? [picked] : []), ...hits].filter((h) => !excludeIds.includes(h.id));
  const describe = (e: PickedEntity) => {
    const other = otherName(e, locale);
    const kind = kindLabel(e.kind, t) ?? categoryLabel(e.category, t);
    return other ? `${kind} · ${other}` : kind;
  };

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      allowClear
      value={value}
      placeholder={placeholder ?? t('picker.placeholder')}
      loading={search.isFetching}
      notFoundContent={q ? (search.isFetching ? t('common.loading') : t('picker.none')) : t('picker.typeToSearch')}
      onChange={(next?: string) => {
        const entity = candidates.find((c) => c.id === next);
        setPicked(entity);
        onChange?.(next, entity);
      }}
      options={candidates.map((e) => ({
        value: e.id,
        label: pickName(e, locale),
        title: pickName(e, locale),
        description: describe(e),
      }))}
      optionRender={(option) => (
        <div className="kc-picker-option">
          <div>{option.label}</div>
          <div className="kc-muted kc-small">{(option.data as { description: string }).description}</div>
        </div>
      )}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
};
