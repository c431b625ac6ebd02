import { useMemo } from 'react';
import { EChart } from '../../../charts/EChart.js';
import { buildContributionOption } from '../../../charts/options/contribution-bar.js';
import { useChartTheme } from '../../../charts/useChartTheme.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { explain } from '../utils/engine.js';

type Explanation = NonNullable<ReturnType<typeof explain>>;

/** A unit's score as a waterfall of the parts one level below the index, and the smallest single-indicator step up one rank. */
export const ContributionPanel = ({ explanation, partsLevel }: { explanation: Explanation | null; partsLevel: number }) => {
  const { t } = useI18n();
  const theme = useChartTheme();
  const option = useMemo(() => {
    if (!explanation) return null;
    const parts = explanation.contributions
      .filter((c) => c.level === partsLevel)
      .map((c) => ({ code: c.code, name: c.name, contribution: c.contribution ?? 0, effectiveWeight: c.effectiveWeight, value: c.value }));
    return buildContributionOption(parts, theme, t);
  }, [explanation, partsLevel, theme, t]);
  if (!explanation || !option) return <p className="kc-muted">{t('evaluation.contrib.pick')}</p>;
  const up = explanation.upOneRank;
  const move = up?.moves.find((m) => m.code === up.smallestCode);
  const indicatorName = (code: string) => explanation.contributions.find((c) => c.code === code)?.name ?? code;
  return (
    <div data-testid="evaluation-contributions">
      <p>
        {t('evaluation.contrib.summary', { unit: explanation.uName, rank: explanation.rank ?? '—', score: formatNumber(explanation.score ?? Number.NaN, t.locale, 2) })}
      </p>
      <EChart option={option} height={Math.max(160, 28 * (explanation.contributions.filter((c) => c.level === partsLevel).length + 1))} ariaLabel={t('evaluation.contrib.aria', { unit: explanation.uName })} data-testid="evaluation-contributions-chart" />
      <p data-testid="evaluation-up-one-rank">
        {!up
          ? t('evaluation.contrib.leader')
          : move
            ? t('evaluation.contrib.upOne', {
                indicator: indicatorName(move.code),
                from: formatNumber(move.current ?? Number.NaN, t.locale, 1),
                to: formatNumber(move.required ?? Number.NaN, t.locale, 1),
                rank: up.rank - 1,
              })
            : t('evaluation.contrib.noSingleMove')}
      </p>
    </div>
  );
};
