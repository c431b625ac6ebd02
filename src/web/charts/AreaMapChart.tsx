import { useMemo } from 'react';
import type { TAreaMap } from '../../shared/schemas/centres.js';
import type { TAreaCounts } from '../../shared/schemas/dashboard.js';
import { formatNumber } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { EChart } from './EChart.js';
import { registerGeoJsonMap } from './echarts.js';
import { buildAreaMapOption, choroplethLegend, regionAreaId } from './options/area-map.js';
import { useChartTheme } from './useChartTheme.js';

type Props = {
  centreId: string;
  map: TAreaMap;
  counts: TAreaCounts['areaCounts'];
  height: number;
  ariaLabel: string;
  onPickArea: (areaId: string) => void;
  'data-testid'?: string;
};

/** Actors per map area as a choropleth on the real boundaries, with its legend; a region reports its area. */
export const AreaMapChart = ({ centreId, map, counts, height, ariaLabel, onPickArea, 'data-testid': testId }: Props) => {
  const { t } = useI18n();
  const theme = useChartTheme();
  const mapName = `kc-${centreId}`;
  const option = useMemo(() => {
    registerGeoJsonMap(mapName, map);
    return buildAreaMapOption({ mapName, features: map.features, counts }, theme, t);
  }, [map, mapName, counts, theme, t]);
  const legend = choroplethLegend({ counts }, theme);
  return (
    <div className="kc-map">
      <EChart
        option={option}
        height={height}
        ariaLabel={ariaLabel}
        data-testid={testId}
        onClick={(params) => {
          const areaId = regionAreaId(map, params.name);
          if (areaId) onPickArea(areaId);
        }}
      />
      <div className="kc-map-legend" aria-hidden>
        <span>{t('chart.map.fewer')}</span>
        <span className="kc-map-legend-ramp">
          {legend.colors.map((color) => (
            <span key={color} style={{ background: color }} />
          ))}
        </span>
        <span>{t('chart.map.more')}</span>
        <span className="kc-map-legend-range">{t('chart.map.range', { max: formatNumber(legend.max, t.locale) })}</span>
      </div>
    </div>
  );
};
