import type { TDashboard } from '../../../../shared/schemas/dashboard.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { MessageKey } from '../../../i18n/keys.js';
import { Panel } from '../../../ui/Panel.js';

/** The centre at a glance: how many districts, science cities, parks, records, indicators and sources. */
export const StructureSummary = ({ dashboard }: { dashboard: TDashboard }) => {
  const { t } = useI18n();
  const { structure } = dashboard;
  const entities = dashboard.categoryCounts.reduce((sum, c) => sum + c.total, 0);
  const tiles: Array<{ key: string; label: MessageKey; value: number; hint?: string }> = [
    { key: 'districts', label: 'structure.districts', value: structure.districts },
    { key: 'science-cities', label: 'structure.scienceCities', value: structure.scienceCities },
    { key: 'parks', label: 'structure.parks', value: structure.parks },
    { key: 'entities', label: 'structure.entities', value: entities },
    {
      key: 'indicators',
      label: 'structure.indicators',
      value: structure.indicators,
      hint: t('structure.observations', { count: formatNumber(structure.observations, t.locale) }),
    },
    { key: 'sources', label: 'structure.sources', value: structure.sources },
  ];
  return (
    <Panel className="kc-structure" title={t('structure.title')}>
      <dl className="kc-structure-grid">
        {tiles.map((tile) => (
          <div key={tile.key} className="kc-structure-tile" data-testid={`structure-${tile.key}`}>
            <dt>{t(tile.label)}</dt>
            <dd>
              <span className="kc-structure-value">{formatNumber(tile.value, t.locale)}</span>
              {tile.hint && <span className="kc-structure-hint">{tile.hint}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
};
