import { CloseOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { TSearchResult } from '../../../../shared/schemas/registry.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { MessageKey } from '../../../i18n/keys.js';

export type FacetName = keyof TSearchResult['facets'];
type FacetCount = TSearchResult['facets'][FacetName][number];

/** How many values a facet lists before "show all". */
const SHOWN = 8;

const TITLES: Record<FacetName, MessageKey> = {
  category: 'registry.facet.category',
  kind: 'registry.facet.kind',
  area: 'registry.facet.area',
  recognition: 'registry.facet.recognition',
};

type GroupProps = {
  name: FacetName;
  counts: readonly FacetCount[];
  selected: string | undefined;
  label: (value: string) => string;
  onSelect: (value: string | undefined) => void;
};

/**
 * One facet: its values with how many results each would give, the chosen one
 * highlighted (choose it again to drop it). The chosen value stays listed even
 * when the current results have none of it.
 */
const FacetGroup = ({ name, counts, selected, label, onSelect }: GroupProps) => {
  const { t, locale } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const rows = selected && !counts.some((c) => c.value === selected) ? [{ value: selected, count: 0 }, ...counts] : counts;
  if (rows.length === 0) return null;
  const visible = expanded ? rows : rows.slice(0, SHOWN);
  const titleId = `kc-facet-${name}`;
  return (
    <div className="kc-facet" data-testid={`registry-facet-${name}`}>
      <h3 className="kc-facet-title" id={titleId}>
        {t(TITLES[name])}
      </h3>
      <ul aria-labelledby={titleId}>
        {visible.map((row) => {
          const active = row.value === selected;
          return (
            <li key={row.value}>
              <button
                type="button"
                className={active ? 'kc-facet-option is-active' : 'kc-facet-option'}
                aria-pressed={active}
                data-testid="registry-facet-option"
                data-value={row.value}
                onClick={() => onSelect(active ? undefined : row.value)}
              >
                <span className="kc-facet-label">{label(row.value)}</span>
                {active ? <CloseOutlined className="kc-facet-clear" aria-label={t('registry.facet.clear')} /> : <span className="kc-facet-count">{formatNumber(row.count, locale)}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      {rows.length > SHOWN && (
        <button type="button" className="kc-facet-more" onClick={() => setExpanded(!expanded)} aria-expanded={expanded}>
          {expanded ? t('registry.facet.showFewer') : t('registry.facet.showAll', { count: rows.length })}
        </button>
      )}
    </div>
  );
};

type Props = {
  facets: TSearchResult['facets'] | undefined;
  selected: Partial<Record<FacetName, string>>;
  labels: Record<FacetName, (value: string) => string>;
  onSelect: (name: FacetName, value: string | undefined) => void;
};

/** The registry's facets, in the order people narrow down: category, kind, area, recognition. */
export const SearchFacets = ({ facets, selected, labels, onSelect }: Props) => {
  const { t } = useI18n();
  return (
    <nav className="kc-facets" aria-label={t('registry.facet.label')}>
      {(['category', 'kind', 'area', 'recognition'] as const).map((name) => (
        <FacetGroup
          key={name}
          name={name}
          counts={facets?.[name] ?? []}
          selected={selected[name]}
          label={labels[name]}
          onSelect={(value) => onSelect(name, value)}
        />
      ))}
    </nav>
  );
};
