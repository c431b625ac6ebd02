import { useMemo } from 'react';
import type { TRunResults } from '../../../../shared/schemas/evaluation.js';
import { scoreMapFit, type AreaScore } from '../../../charts/options/score-map.js';
import { ScoreMapChart } from '../../../charts/ScoreMapChart.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { useAreaMapQuery } from '../../centres/hooks/useAreaMapQuery.js';
import { useAreasQuery } from '../../centres/hooks/useAreasQuery.js';

type Props = {
  centreId: string;
  results: TRunResults;
  height?: number;
  onPickUnit?: (uCode: string) => void;
};

/**
 * The index score by area, when the run's units are the centre's own areas
 * (every uCode an area id, e.g. `bj-110108`); nothing otherwise (ASEM's units
 * are countries).
 */
export const ResultsMap = ({ centreId, results, height = 420, onPickUnit }: Props) => {
  const areas = useAreasQuery(centreId);
  const areaIds = useMemo(() => new Set((areas.data?.items ?? []).map((a) => a.id)), [areas.data]);
  const allAreas = results.units.length > 0 && results.units.every((u) => areaIds.has(u.uCode));
  if (!allAreas) return null;
  return <ResultsMapPanel centreId={centreId} results={results} areaIds={areaIds} height={height} onPickUnit={onPickUnit} />;
};

const ResultsMapPanel = ({ centreId, results, areaIds, height, onPickUnit }: Props & { areaIds: ReadonlySet<string>; height: number }) => {
  const { t } = useI18n();
  const map = useAreaMapQuery(centreId);
  const areas = useAreasQuery(centreId);
  const features = map.data?.features ?? [];
  const fit = scoreMapFit(
    results.units.map((u) => u.uCode),
    areaIds,
    features,
  );
  const scores = useMemo<AreaScore[]>(
    () => results.units.map((u) => ({ areaId: u.uCode, uName: u.uName, score: u.scores[results.root] ?? null, rank: u.rank })),
    [results],
  );
  if (!map.data || !fit.fits) return null;
  const areaName = (id: string) => {
    const area = areas.data?.items.find((a) => a.id === id);
    return area ? pickName(area, t.locale) : id;
  };
  const root = results.aggregates[0];
  return (
    <Panel title={t('evaluation.map.title', { index: root?.name ?? results.root })} data-testid="evaluation-map">
      <ScoreMapChart
        centreId={centreId}
        map={map.data}
        scores={scores}
        unitCount={results.units.length}
        height={height}
        ariaLabel={t('evaluation.map.aria', { index: root?.name ?? results.root })}
        onPickArea={onPickUnit}
        data-testid="evaluation-map-chart"
      />
      {fit.unmapped.length > 0 && <p className="kc-muted">{t('evaluation.map.unmapped', { areas: fit.unmapped.map(areaName).join(t('common.listSeparator')) })}</p>}
      {map.data.attribution && <p className="kc-muted kc-attribution">{map.data.attribution}</p>}
    </Panel>
  );
};
