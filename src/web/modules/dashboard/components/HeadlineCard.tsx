import { Tooltip } from 'antd';
import type { TIndicator } from '../../../../shared/schemas/indicators.js';
import { hasTrend, trendPoints } from '../../../charts/options/trend.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Chip } from '../../../ui/Chip.js';
import { SourceCitation } from '../../../ui/SourceCitation.js';
import { formatObservationValue } from '../../indicators/utils/format-value.js';
import { headlineObservation } from '../../indicators/utils/observations.js';
import { ObservationTags } from '../../indicators/components/ObservationTags.js';

/** One headline figure: its value as published (qualifier included), year, and source. */
export const HeadlineCard = ({ indicator }: { indicator: TIndicator }) => {
  const { t, locale } = useI18n();
  const observation = headlineObservation(indicator);
  const name = pickName(indicator, locale);
  const value = observation ? formatObservationValue(observation, indicator.unit, t) : null;
  const points = hasTrend(indicator) ? trendPoints(indicator) : [];
  const first = points[0];
  const last = points[points.length - 1];

  return (
    <article className="kc-panel kc-headline-card" data-testid="headline-card">
      <h3 className="kc-headline-name" title={name}>
        {name}
      </h3>
      {value && !value.missing ? (
        <div className="kc-headline-value" aria-label={value.text}>
          {value.prefix && <span className="kc-headline-prefix">{value.prefix}</span>}
          <span className="kc-headline-number">{value.number}</span>
          {value.unit && <span className="kc-headline-unit">{value.unit}</span>}
        </div>
      ) : (
        <div className="kc-headline-value kc-headline-missing">{value?.text ?? t('value.none')}</div>
      )}
      <div className="kc-headline-meta">
        {observation?.year !== null && observation?.year !== undefined ? (
          <Chip>{t('value.year', { year: observation.year })}</Chip>
        ) : (
          <Tooltip title={t('value.yearUnknownHint')}>
            <span tabIndex={0} className="kc-chip-hint">
              <Chip>{t('value.yearUnknown')}</Chip>
            </span>
          </Tooltip>
        )}
        {observation && <ObservationTags observation={observation} />}
        {first && last && (
          <span className="kc-headline-trend">{t('dashboard.trendSince', { from: first.year, to: last.year })}</span>
        )}
      </div>
      {observation && (
        <div className="kc-headline-source">
          <SourceCitation citation={observation.citation} />
        </div>
      )}
    </article>
  );
};
