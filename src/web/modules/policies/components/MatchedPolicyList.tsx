import { Link } from 'react-router';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useEnterpriseMatchesQuery } from '../hooks/useMatches.js';
import { formatYuan } from '../utils/format.js';
import { benefitsPath } from '../utils/paths.js';
import { ResultTag } from './Tags.js';
import { SampleTag } from '../../../ui/SampleTag.js';
import '../policies.css';

/** The enterprise's eligible and unknown benefits, compact, for the enterprise service view (fills MatchedPoliciesSlot). */
export const MatchedPolicyList = ({ centreId, enterpriseId, limit = 5 }: { centreId: string; enterpriseId: string; limit?: number }) => {
  const { t, locale } = useI18n();
  const query = useEnterpriseMatchesQuery(centreId, enterpriseId);
  const data = query.data;
  if (query.isLoading) return <p className="kc-muted kc-small">{t('policies.loading')}</p>;
  if (!data) return <p className="kc-muted kc-small">{t('policies.compact.unavailable')}</p>;
  const shown = data.results.filter((r) => r.result !== 'ineligible');
  return (
    <div data-testid="matched-policy-list">
      <p className="kc-small kc-muted">
        {t('policies.compact.summary', { eligible: data.counts.eligible, unknown: data.counts.unknown })}
        {data.eligibleValue > 0 && t('policies.compact.value', { value: formatYuan(data.eligibleValue, locale) })}
      </p>
      {shown.length === 0 ? (
        <p className="kc-muted kc-small">{t('policies.compact.none')}</p>
      ) : (
        <ul className="kc-pol-compact">
          {shown.slice(0, limit).map((m) => (
            <li key={m.key} data-testid="matched-policy" data-result={m.result}>
              <ResultTag result={m.result} />
              <span>{pickName(m.benefit, locale) || m.benefit.code}</span>
              <SampleTag isSample={m.policy.isSample} />
              {m.value.estimate !== null && <span className="kc-muted kc-small">{formatYuan(m.value.estimate, locale)}</span>}
            </li>
          ))}
        </ul>
      )}
      <p className="kc-small" style={{ marginTop: 8, marginBottom: 0 }}>
        <Link to={benefitsPath(enterpriseId)} data-testid="matched-policies-open">
          {data.questions.length > 0 ? t('policies.compact.openWithQuestions', { count: data.questions.length }) : t('policies.compact.open')}
        </Link>
      </p>
    </div>
  );
};
