import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TTarget } from '../../../../shared/schemas/indicators.js';
import { otherName, pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { SampleTag } from '../../../ui/SampleTag.js';
import { SourceCitation } from '../../../ui/SourceCitation.js';
import { formatDeadline } from '../utils/period.js';
import { indicatorPath } from '../utils/paths.js';
import { isQuantitative } from '../utils/progress.js';
import { ProgressStatusTag } from './ProgressStatusTag.js';
import { TargetProgress } from './TargetProgress.js';

type Props = {
  target: TTarget;
  /** The subject when it is not the centre as a whole. */
  subjectName: string | null;
  /** The indicator's name, linked (on the targets page). */
  indicatorName?: string | null;
  actions?: ReactNode;
};

/** A target with its status, and for a quantitative one its progress; for a goal its assessment. */
export const TargetSummary = ({ target, subjectName, indicatorName, actions }: Props) => {
  const { t, locale } = useI18n();
  const quantitative = isQuantitative(target);
  return (
    <article className="kc-target" data-testid="target-card" data-code={target.code} data-status={target.progress.status}>
      <header className="kc-target-head">
        <div className="kc-target-title">
          <strong data-testid="target-name">{pickName(target, locale)}</strong>
          <SampleTag isSample={target.isSample} />
          {otherName(target, locale) && <div className="kc-muted kc-small">{otherName(target, locale)}</div>}
          <div className="kc-target-meta kc-small">
            <code className="kc-code">{target.code}</code>
            {indicatorName && target.indicatorCode && (
              <Link to={indicatorPath(target.indicatorCode)} data-testid="target-indicator">
                {indicatorName}
              </Link>
            )}
            {subjectName && <span className="kc-muted">{subjectName}</span>}
          </div>
        </div>
        <div className="kc-target-side">
          <ProgressStatusTag status={target.progress.status} assessed={target.progress.basis === 'assessment'} />
          {actions}
        </div>
      </header>
      {quantitative ? (
        <TargetProgress target={target} />
      ) : (
        <dl className="kc-target-facts">
          <div>
            <dt>{t('indicators.target.deadline')}</dt>
            <dd>{target.deadline ? formatDeadline(target.deadline, t) : t('indicators.target.noDeadline')}</dd>
          </div>
          {target.assessmentNote && (
            <div>
              <dt>{t('indicators.targetForm.assessmentNote')}</dt>
              <dd>{target.assessmentNote}</dd>
            </div>
          )}
        </dl>
      )}
      {target.progress.basis === 'assessment' && quantitative && target.assessmentNote && <p className="kc-muted kc-small">{target.assessmentNote}</p>}
      {target.citation && (
        <div className="kc-target-source">
          <SourceCitation citation={target.citation} />
        </div>
      )}
    </article>
  );
};
