import { Select } from 'antd';
import { useMemo, useState } from 'react';
import type { TIndicator } from '../../../../shared/schemas/indicators.js';
import { EChart } from '../../../charts/EChart.js';
import { buildSubjectComparisonOption, comparisonHeight, comparisonPeriods, comparisonRows } from '../../../charts/options/subject-comparison.js';
import { useChartTheme } from '../../../charts/useChartTheme.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { SourceCitation } from '../../../ui/SourceCitation.js';
import { StatusMessage } from '../../../ui/StatusMessage.js';
import type { SubjectNames } from '../hooks/useSubjectNames.js';
import { formatPeriod } from '../utils/period.js';

type Props = { indicator: TIndicator; subjects: SubjectNames };

/**
 * Subjects side by side (districts, parks, organisations) for a chosen period,
 * best first. The centre's own total is left out of a comparison of its
 * districts or parks. Hidden for centre and city indicators with a single subject.
 */
export const SubjectComparisonPanel = ({ indicator, subjects }: Props) => {
  const { t, locale } = useI18n();
  const theme = useChartTheme();
  const exclude = indicator.level === 'district' || indicator.level === 'park' ? subjects.rootAreaId : null;
  const periods = useMemo(() => comparisonPeriods(indicator.observations, exclude), [indicator.observations, exclude]);
  const [chosen, setChosen] = useState<string | null>(null);
  const period = chosen && periods.includes(chosen) ? chosen : (periods[0] ?? null);
  const rows = useMemo(() => (period ? comparisonRows(indicator.observations, period, indicator.direction, subjects.name, exclude) : []), [indicator, period, subjects, exclude]);
  const option = useMemo(() => (period ? buildSubjectComparisonOption(rows, indicator, period, theme, t) : null), [rows, indicator, period, theme, t]);
  const comparesSubjects = indicator.level === 'district' || indicator.level === 'park' || indicator.level === 'organisation';
  if (periods.length === 0 && !comparesSubjects) return null;
  const citations = [...new Map(rows.map((r) => [r.observation.citation.sourceId, r.observation.citation])).values()];

  return (
    <Panel
      title={t('indicators.chart.comparisonTitle')}
      data-testid="indicator-comparison"
      className="kc-indicator-chart"
      extra={
        periods.length > 0 ? (
          <Select
            size="small"
            value={period}
            onChange={setChosen}
            aria-label={t('indicators.chart.comparisonPeriod')}
            options={periods.map((p) => ({ value: p, label: formatPeriod(p, t) }))}
            style={{ minWidth: 130 }}
            data-testid="indicator-comparison-period"
          />
        ) : undefined
      }
    >
      {option && period ? (
        <>
          <EChart
            option={option}
            height={comparisonHeight(rows.length)}
            ariaLabel={t('indicators.chart.comparisonAria', { name: pickName(indicator, locale), period: formatPeriod(period, t) })}
            data-testid="indicator-comparison-chart"
          />
          <p className="kc-chart-note">{t(indicator.direction === -1 ? 'indicators.chart.comparisonNoteLower' : 'indicators.chart.comparisonNote', { count: rows.length })}</p>
          {citations.length > 0 && (
            <div className="kc-chart-sources">
              {citations.slice(0, 6).map((c) => (
                <SourceCitation key={c.sourceId} citation={c} />
              ))}
            </div>
          )}
        </>
      ) : (
        <StatusMessage status="empty" title={t('indicators.chart.comparisonEmpty')} />
      )}
    </Panel>
  );
};
