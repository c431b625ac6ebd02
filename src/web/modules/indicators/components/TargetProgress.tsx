import { Progress } from 'antd';
import type { TTarget } from '../../../../shared/schemas/indicators.js';
import { PRESET_COLORS } from '../../../charts/palette.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { formatAmount } from '../utils/amount.js';
import { formatObservationValue } from '../utils/format-value.js';
import { formatDeadline, formatPeriod } from '../utils/period.js';
import { paceKeepsUp, progressPercent, STATUS_COLOUR, type StatusColour } from '../utils/progress.js';

const BAR_COLOUR: Readonly<Record<StatusColour, string>> = {
  green: PRESET_COLORS.green,
  blue: PRESET_COLORS.blue,
  orange: PRESET_COLORS.orange,
  red: PRESET_COLORS.red,
  default: PRESET_COLORS.gray,
};

/**
 * How far a quantitative target has come: a bar for the share of the way from
 * baseline to target, the latest figure against the target, where the trend
 * leads by the deadline, and the pace needed against the pace so far.
 */
export const TargetProgress = ({ target }: { target: TTarget }) => {
  const { t } = useI18n();
  const { progress, unit } = target;
  const percent = progressPercent(progress.share);
  const value = (v: number) => formatObservationValue({ value: v, qualifier: 'exact', valueAsGiven: null }, unit, t).text;
  const keepsUp = paceKeepsUp(progress.slopePerYear, progress.requiredPerYear);
  const goal = target.targetValue === null ? null : t(target.comparison === 'at_most' ? 'indicators.comparison.atMostValue' : 'indicators.comparison.atLeastValue', { value: value(target.targetValue) });

  return (
    <div className="kc-target-progress">
      <div className="kc-target-bar" data-testid="target-progress" data-percent={percent ?? ''}>
        <Progress
          percent={percent ?? 0}
          showInfo={false}
          strokeColor={BAR_COLOUR[STATUS_COLOUR[progress.status]]}
          aria-label={t('indicators.target.shareLabel')}
          aria-valuetext={percent === null ? t('indicators.target.shareUnknown') : t('indicators.target.share', { percent })}
        />
        <span className="kc-target-bar-text">{percent === null ? t('indicators.target.shareUnknown') : t('indicators.target.share', { percent })}</span>
      </div>
      {progress.share !== null && progress.share < 0 && <p className="kc-target-warning">{t('indicators.target.movedAway')}</p>}
      <dl className="kc-target-facts">
        <div data-testid="target-latest">
          <dt>{t('indicators.target.latest')}</dt>
          <dd>{progress.latest ? t('indicators.target.valueInPeriod', { value: value(progress.latest.value), period: formatPeriod(progress.latest.period, t) }) : t('indicators.target.noFigures')}</dd>
        </div>
        <div>
          <dt>{t('indicators.target.goal')}</dt>
          <dd>{goal ?? t('indicators.none')}</dd>
        </div>
        {progress.baseline && (
          <div>
            <dt>{t('indicators.target.baseline')}</dt>
            <dd>{t('indicators.target.valueInPeriod', { value: value(progress.baseline.value), period: formatPeriod(progress.baseline.period, t) })}</dd>
          </div>
        )}
        <div>
          <dt>{t('indicators.target.deadline')}</dt>
          <dd>{target.deadline ? formatDeadline(target.deadline, t) : t('indicators.target.noDeadline')}</dd>
        </div>
        {progress.projected !== null && target.deadline && (
          <div data-testid="target-projection">
            <dt>{t('indicators.target.projected')}</dt>
            <dd>{t('indicators.target.projectedValue', { value: formatAmount(progress.projected, unit, t), deadline: formatDeadline(target.deadline, t) })}</dd>
          </div>
        )}
        {(progress.requiredPerYear !== null || progress.slopePerYear !== null) && (
          <div data-testid="target-pace">
            <dt>{t('indicators.target.pace')}</dt>
            <dd>
              {progress.requiredPerYear !== null && <span>{t('indicators.target.required', { value: formatAmount(progress.requiredPerYear, unit, t, true) })}</span>}
              {progress.slopePerYear !== null && (
                <span className={keepsUp === false ? 'kc-target-behind' : undefined}>{t('indicators.target.actual', { value: formatAmount(progress.slopePerYear, unit, t, true) })}</span>
              )}
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
};
