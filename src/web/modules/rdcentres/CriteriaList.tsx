import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import type { MessageKey } from '../../i18n/keys.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { CriteriaCheck } from './hooks.js';

const ICON = { pass: <CheckCircleFilled className="kc-rd-pass" />, fail: <CloseCircleFilled className="kc-rd-fail" />, unknown: <QuestionCircleFilled className="kc-rd-unknown" /> };

/** The definition's criteria, each pass / fail / unknown with what is missing and whether its evidence is listed. */
export const CriteriaList = ({ check, testId = 'rd-criteria' }: { check: CriteriaCheck | undefined; testId?: string }) => {
  const { t } = useI18n();
  if (!check) return null;
  return (
    <div data-testid={testId}>
      <p className={`kc-rd-outcome kc-rd-outcome-${check.outcome}`} data-testid={`${testId}-outcome`} data-outcome={check.outcome}>
        {t(`rdcentres.outcome.${check.outcome}` as MessageKey)}
      </p>
      <ul className="kc-rd-criteria">
        {check.criteria.map((c) => (
          <li key={c.code} data-testid={`${testId}-${c.code}`} data-result={c.result}>
            {ICON[c.result]}
            <div>
              <div>
                <strong>{t(`rdcentres.criterion.${c.code}` as MessageKey)}</strong> <span className="kc-muted kc-small">{t(`rdcentres.result.${c.result}` as MessageKey)}</span>
              </div>
              <div className="kc-muted kc-small">
                {c.missing.length > 0 && `${t('rdcentres.criteria.missing', { facts: c.missing.map((m) => t(`rdcentres.fact.${m}` as MessageKey)).join(t('common.listSeparator')) })} · `}
                {c.evidenceGiven ? t('rdcentres.criteria.evidenceGiven') : t('rdcentres.criteria.evidenceMissing', { kinds: c.evidenceKinds.map((k) => t(`rdcentres.evidence.${k}` as MessageKey)).join(t('rdcentres.or')) })}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
};
