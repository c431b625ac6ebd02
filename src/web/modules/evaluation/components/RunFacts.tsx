import type { TDatasetSummary, TFrameworkVersion, TRun } from '../../../../shared/schemas/evaluation.js';
import { formatDateTime, formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { frameworkLabel } from '../utils/labels.js';
import { describeStep } from '../utils/pipeline-text.js';

type Props = { run: TRun; dataset: TDatasetSummary | undefined; framework: TFrameworkVersion | undefined };

/** What a stored run is: its dataset and framework, the pipeline step by step, the versions that make it reproducible. */
export const RunFacts = ({ run, dataset, framework }: Props) => {
  const { t } = useI18n();
  return (
    <dl className="kc-eval-facts" data-testid="evaluation-run-facts">
      <dt>{t('evaluation.runInfo.dataset')}</dt>
      <dd>{dataset ? dataset.name : run.datasetId}</dd>
      <dt>{t('evaluation.runInfo.framework')}</dt>
      <dd data-testid="evaluation-run-framework">{run.frameworkId === null ? t('evaluation.framework.datasetMeta') : framework ? frameworkLabel(framework) : run.frameworkId}</dd>
      <dt>{t('evaluation.runInfo.pipeline')}</dt>
      <dd>
        <ol className="kc-eval-pipeline-list">
          {run.pipeline.steps.map((s, i) => (
            <li key={i}>{describeStep(s, t)}</li>
          ))}
        </ol>
      </dd>
      <dt>{t('evaluation.runInfo.versions')}</dt>
      <dd className="kc-eval-hashes">
        <span title={run.versions.data}>{t('evaluation.runInfo.dataVersion', { sha: run.versions.data.slice(0, 12) })}</span>
        <span title={run.versions.meta}>{t('evaluation.runInfo.metaVersion', { sha: run.versions.meta.slice(0, 12) })}</span>
        <span title={run.versions.pipeline}>{t('evaluation.runInfo.pipelineVersion', { sha: run.versions.pipeline.slice(0, 12) })}</span>
      </dd>
      <dt>{t('evaluation.runInfo.created')}</dt>
      <dd>
        {t('evaluation.runInfo.createdBy', { time: formatDateTime(run.createdAt, t.locale), user: run.createdBy, ms: formatNumber(run.durationMs, t.locale) })}
      </dd>
    </dl>
  );
};
