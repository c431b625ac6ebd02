import { useMemo } from 'react';
import type { TAreaMap } from '../../shared/schemas/centres.js';
import { formatNumber } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { EChart } from './EChart.js';
import { registerGeoJsonMap } from './echarts.js';
import { regionAreaId } from './options/area-map.js';
import { buildScoreMapOption, scoreLegend, type AreaScore } from './options/score-map.js';
import { useChartTheme } from './useChartTheme.js';

type Props = {
  centreId: string;
  map: TAreaMap;
  scores: readonly AreaScore[];
  unitCount: number;
  height: number;
  ariaLabel: string;
  onPickArea?: (areaId: string) => void;
  'data-testid'?: string;
};

/** Index scores per area on the centre's boundaries (the dashboard's map, scored), with its legend from the lowest score to the highest. */
export const ScoreMapChart = ({ centreId, map, scores, unitCount, height, ariaLabel, onPickArea, 'data-testid': testId }: Props) => {
  const { t } = useI18n();
  const theme = useChartTheme();
  const mapName = `kc-${centreId}`;
  const option = useMemo(() => {
    registerGeoJsonMap(mapName, map);
    return buildScoreMapOption({ mapName, features: map.features, scores, unitCount }, theme, t);
  }, [map, mapName, scores, unitCount, theme, t]);
  const legend = scoreLegend(scores, theme);
  return (
    <div className="kc-map">
      <EChart
        option={option}
        height={height}
        ariaLabel={ariaLabel}
        data-testid={testId}
        onClick={(params) => {
          const areaId = regionAreaId(map, params.name);
          if (areaId) onPickArea?.(areaId);
        }}
      />
      {legend.range && (
        <div className="kc-map-legend" aria-hidden>
          <span>{formatNumber(legend.range.min, t.locale, 1)}</span>
          <span className="kc-map-legend-ramp">
            {legend.colors.map((color) => (
              <span key={color} style={{ background: color }} />
            ))}
          </span>
          <span>{formatNumber(legend.range.max, t.locale, 1)}</span>
          <span className="kc-map-legend-range">{t('evaluation.map.legend')}</span>
        </div>
      )}
    </div>
  );
};
