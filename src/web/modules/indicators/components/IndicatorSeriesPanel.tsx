import { useMemo } from 'react';
import type { TIndicator, TTarget } from '../../../../shared/schemas/indicators.js';
import '../../../charts/echarts-line.js';
import { EChart } from '../../../charts/EChart.js';
import { buildIndicatorSeriesOption, seriesBySubject } from '../../../charts/options/indicator-series.js';
import { useChartTheme } from '../../../charts/useChartTheme.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { SourceCitation } from '../../../ui/SourceCitation.js';
import { StatusMessage } from '../../../ui/StatusMessage.js';
import type { SubjectNames } from '../hooks/useSubjectNames.js';
import { periodOf, periodPoint } from '../utils/period.js';

/** The line styles of the chart, explained in HTML (the chart's own legend names the subjects). */
const StyleKey = () => {
  const { t } = useI18n();
  const line = (dash: string | undefined) => (
    <svg width="28" height="10" aria-hidden>
      <line x1="1" y1="5" x2="27" y2="5" stroke="currentColor" strokeWidth="2" strokeDasharray={dash} />
    </svg>
  );
  return (
    <ul className="kc-series-key" data-testid="indicator-series-key">
      <li>
        {line(undefined)} {t('indicators.chart.keyMeasured')}
      </li>
      <li>
        {line('6 4')} {t('indicators.chart.keyEstimated')}
      </li>
      <li>
        <svg width="14" height="14" aria-hidden>
          <path d="M7 1 L13 7 L7 13 L1 7 Z" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>{' '}
        {t('indicators.chart.keyTargetFigure')}
      </li>
      <li>
        {line('2 3')} {t('indicators.chart.keyTarget')}
      </li>
    </ul>
  );
};

type Props = { indicator: TIndicator; targets: readonly TTarget[]; subjects: SubjectNames };

/**
 * The indicator over time, one line per subject, with its targets; the
 * figures without a usable period are counted below, and every source drawn
 * is cited.
 */
export const IndicatorSeriesPanel = ({ indicator, targets, subjects }: Props) => {
  const { t, locale } = useI18n();
  const theme = useChartTheme();
  const input = useMemo(() => ({ indicator, targets, subjectName: subjects.name }), [indicator, targets, subjects]);
  const option = useMemo(() => buildIndicatorSeriesOption(input, theme, t), [input, theme, t]);
  const drawn = useMemo(() => seriesBySubject(input), [input]);
  const points = drawn.reduce((n, s) => n + s.measured.length + s.estimated.length + s.targetFigures.length, 0);
  const undrawn = indicator.observations.filter((o) => periodPoint(periodOf(o)) === null || o.value === null || o.qualifier === 'redacted').length;
  const citations = [...new Map(indicator.observations.filter((o) => periodPoint(periodOf(o)) !== null && o.value !== null).map((o) => [o.citation.sourceId, o.citation])).values()];
  const hasTargets = drawn.some((s) => s.targets.length > 0);
  return (
    <Panel title={t('indicators.chart.seriesTitle')} data-testid="indicator-series" className="kc-indicator-chart">
      {points === 0 && !hasTargets ? (
        <StatusMessage status="empty" title={t('indicators.chart.seriesEmpty')} />
      ) : (
        <>
          <EChart option={option} height={drawn.length > 1 ? 360 : 300} ariaLabel={t('indicators.chart.seriesAria', { name: pickName(indicator, locale) })} data-testid="indicator-series-chart" />
          <StyleKey />
        </>
      )}
      {undrawn > 0 && <p className="kc-chart-note">{t('indicators.chart.undrawn', { count: undrawn })}</p>}
      {citations.length > 0 && (
        <div className="kc-chart-sources">
          {citations.slice(0, 6).map((c) => (
            <SourceCitation key={c.sourceId} citation={c} />
          ))}
          {citations.length > 6 && <span className="kc-muted kc-small">{t('indicators.chart.moreSources', { count: citations.length - 6 })}</span>}
        </div>
      )}
    </Panel>
  );
};
