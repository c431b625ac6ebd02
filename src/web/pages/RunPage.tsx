import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { metaCsvToElements } from '../../core/evaluation/index.js';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { DeriveWeightsPanel } from '../modules/evaluation/components/DeriveWeightsPanel.js';
import { ExportButtons } from '../modules/evaluation/components/ExportButtons.js';
import { ResultsTable } from '../modules/evaluation/components/ResultsTable.js';
import { RunFacts } from '../modules/evaluation/components/RunFacts.js';
import { StepDatasets } from '../modules/evaluation/components/StepDatasets.js';
import { TreatmentTable } from '../modules/evaluation/components/TreatmentTable.js';
import { useDatasetQuery } from '../modules/evaluation/hooks/useDatasetQuery.js';
import { useDatasetsQuery } from '../modules/evaluation/hooks/useDatasetsQuery.js';
import { useFrameworksQuery } from '../modules/evaluation/hooks/useFrameworksQuery.js';
import { useRunQuery } from '../modules/evaluation/hooks/useRunQuery.js';
import { aggregatesSheet, resultsSheet, runInfoSheet } from '../modules/evaluation/utils/export.js';
import { suggestKey, topLevel } from '../modules/evaluation/utils/framework.js';
import { frameworkLabel, shortId } from '../modules/evaluation/utils/labels.js';
import { describePipeline } from '../modules/evaluation/utils/pipeline-text.js';
import { runNames } from '../modules/evaluation/utils/run-names.js';
import '../modules/evaluation/evaluation.css';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';

/**
 * A stored run (issue 4): what it ran (dataset, framework version, pipeline,
 * versions), its results with CSV and Excel, each step's dataset with the
 * imputed and treated cells marked (`?step=`), and the treatment report.
 */
export const RunPage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const { runId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const run = useRunQuery(centre.id, runId);
  const datasets = useDatasetsQuery(centre.id);
  const frameworks = useFrameworksQuery(centre.id);
  const data = run.data;
  const dataset = datasets.data?.items.find((d) => d.id === data?.datasetId);
  const framework = data?.frameworkId ? frameworks.data?.items.find((f) => f.id === data.frameworkId) : undefined;
  // Indicator names come from the dataset's iMeta when the run used it.
  const files = useDatasetQuery(centre.id, data && data.frameworkId === null ? data.datasetId : null);
  const names = useMemo(() => (data ? runNames(data, { elements: framework?.elements, meta: files.data?.meta }) : new Map<string, string>()), [data, framework, files.data]);
  // The run's framework as elements, for deriving weights and saving them as a new version.
  const elements = useMemo(() => {
    if (framework) return framework.elements;
    if (!files.data) return null;
    try {
      return metaCsvToElements(files.data.meta);
    } catch {
      return null;
    }
  }, [framework, files.data]);
  const { can } = useSession();
  const canRun = can('evaluation:run');
  const navigate = useNavigate();
  const nextVersion = (key: string) => (frameworks.data ? Math.max(0, ...frameworks.data.items.filter((v) => v.key === key).map((v) => v.version)) + 1 : null);
  const saveDefaults = () => {
    const root = elements?.find((e) => (e.type === 'Aggregate' || e.type === 'Indicator') && e.level === topLevel(elements));
    return { key: framework?.key ?? suggestKey(root?.code ?? dataset?.name ?? ''), name: framework?.name ?? dataset?.name ?? '' };
  };
  const stepCount = data?.pipeline.steps.length ?? 0;
  const requested = Number(params.get('step'));
  // Without ?step=, the imputation step (the one with marks to see), else the first.
  const imputeAt = data?.pipeline.steps.findIndex((s) => s['op'] === 'impute') ?? -1;
  const step = Number.isInteger(requested) && requested >= 1 && requested <= stepCount ? requested - 1 : Math.max(0, imputeAt);
  const labPath = data ? `/evaluation?${new URLSearchParams({ dataset: data.datasetId, ...(data.frameworkId ? { framework: data.frameworkId } : {}) }).toString()}` : '/evaluation';

  const info = () =>
    data
      ? runInfoSheet({
          runId: data.id,
          dataset: dataset?.name ?? data.datasetId,
          datasetId: data.datasetId,
          framework: framework ? frameworkLabel(framework) : data.frameworkId === null ? 'iMeta' : data.frameworkId,
          frameworkId: data.frameworkId,
          pipeline: describePipeline(data.pipeline.steps, t),
          pipelineJson: JSON.stringify(data.pipeline),
          dataSha256: data.versions.data,
          metaSha256: data.versions.meta,
          pipelineSha256: data.versions.pipeline,
          createdAt: data.createdAt,
          createdBy: data.createdBy,
        })
      : runInfoSheet({});

  return (
    <div className="kc-eval" data-testid="evaluation-run-page">
      <PageHeader
        title={t('evaluation.runPage.title', { id: shortId(runId) })}
        intro={t('evaluation.runPage.intro')}
        extra={
          <Space wrap>
            <Link to={labPath} data-testid="evaluation-run-back">
              <Button icon={<ArrowLeftOutlined />}>{t('evaluation.runPage.back')}</Button>
            </Link>
            <Link to={`/evaluation/runs/${encodeURIComponent(runId)}/report`} data-testid="evaluation-run-report-link">
              <Button type="primary" icon={<PrinterOutlined />}>
                {t('evaluation.runs.report')}
              </Button>
            </Link>
          </Space>
        }
      />
      <QueryState isLoading={run.isLoading} error={run.error} onRetry={() => void run.refetch()} skeletonRows={8}>
        {data && (
          <>
            {dataset?.isExample && <Alert type="warning" showIcon className="kc-eval-alert" message={t('evaluation.asem.notice')} />}
            {dataset?.origin?.sample && <Alert type="warning" showIcon className="kc-eval-alert" message={t('evaluation.sampleNotice')} data-testid="evaluation-sample-notice" />}
            <Panel title={t('evaluation.runPage.facts')}>
              <RunFacts run={data} dataset={dataset} framework={framework} />
            </Panel>
            <Panel title={t('evaluation.steps.title')}>
              <p className="kc-muted">{t('evaluation.steps.hint')}</p>
              <StepDatasets centreId={centre.id} run={data} step={step} onStep={(s) => setParams({ step: String(s + 1) }, { replace: true })} names={names} />
            </Panel>
            {data.treatment && (
              <Panel title={t('evaluation.treatment.title')}>
                <TreatmentTable rows={data.treatment} names={names} />
              </Panel>
            )}
            <Panel
              title={t('evaluation.results.title', { count: data.results.units.length })}
              extra={
                <ExportButtons
                  data-testid="evaluation-run-export"
                  name={['run', shortId(data.id), 'results']}
                  csv={() => resultsSheet(data.results)}
                  excel={() => [resultsSheet(data.results), aggregatesSheet(data.results), info()]}
                />
              }
            >
              <p className="kc-muted">{t('evaluation.runPage.exportHint')}</p>
              <ResultsTable results={data.results} />
            </Panel>
            {canRun && elements && (
              <Panel title={t('evaluation.derive.title')}>
                <DeriveWeightsPanel
                  centreId={centre.id}
                  runId={data.id}
                  elements={elements}
                  defaults={saveDefaults()}
                  nextVersion={nextVersion}
                  canSave={canRun}
                  onSaved={(v) => void navigate(`/evaluation?${new URLSearchParams({ dataset: data.datasetId, framework: v.id }).toString()}`)}
                />
              </Panel>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
};
