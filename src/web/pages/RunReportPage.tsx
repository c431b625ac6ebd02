import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import type { TAnalysis, TRun } from '../../shared/schemas/evaluation.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { EChart } from '../charts/EChart.js';
import { buildRankIntervalOption } from '../charts/options/rank-interval.js';
import { buildSobolBarOption } from '../charts/options/sobol-bar.js';
import { useChartTheme } from '../charts/useChartTheme.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/keys.js';
import { ContributionPanel } from '../modules/evaluation/components/ContributionPanel.js';
import { ResultsMap } from '../modules/evaluation/components/ResultsMap.js';
import { ResultsTable } from '../modules/evaluation/components/ResultsTable.js';
import { RunFacts } from '../modules/evaluation/components/RunFacts.js';
import { useAnalysesQuery } from '../modules/evaluation/hooks/useAnalysesQuery.js';
import { useAnalysisQuery } from '../modules/evaluation/hooks/useAnalysisQuery.js';
import { useDatasetsQuery } from '../modules/evaluation/hooks/useDatasetsQuery.js';
import { useFrameworksQuery } from '../modules/evaluation/hooks/useFrameworksQuery.js';
import { useRunExplanationQuery } from '../modules/evaluation/hooks/useRunExplanationQuery.js';
import { useRunQuery } from '../modules/evaluation/hooks/useRunQuery.js';
import { shortId } from '../modules/evaluation/utils/labels.js';
import { describePipeline } from '../modules/evaluation/utils/pipeline-text.js';
import { QueryState } from '../ui/QueryState.js';
import '../modules/evaluation/evaluation.css';
import '../ui/report.css';

const INPUT_LABELS: Record<string, MessageKey> = {
  weights: 'evaluation.sa.input.weights',
  normalisation: 'evaluation.sa.input.normalisation',
  aggregation: 'evaluation.sa.input.aggregation',
};

/** How many units the report lists at the top and at the bottom. */
const EDGE = 5;

/**
 * A stored run as a report to print (issue 4): what was computed and how
 * (pipeline, versions), the ranking with its top and bottom units, the map
 * when the units are the centre's areas, the leader's contribution breakdown,
 * and the latest uncertainty analysis of the same dataset and framework.
 */
type RankedUnit = { uCode: string; uName: string; rank: number | null; scores: Record<string, number | null> };

/** The report's top or bottom units: rank, name, index score. */
const UnitList = <U extends RankedUnit>({ units, testId, score }: { units: readonly U[]; testId: string; score: (u: U) => string }) => (
  <ol className="kc-report-list">
    {units.map((u) => (
      <li key={u.uCode} data-testid={testId}>
        <span className="kc-report-rank">{u.rank}</span>
        <span className="kc-report-unit">{u.uName}</span>
        <span className="kc-report-score">{score(u)}</span>
      </li>
    ))}
  </ol>
);

export const RunReportPage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const { runId = '' } = useParams();
  const run = useRunQuery(centre.id, runId);
  const data = run.data;

  return (
    <div className="kc-eval kc-report" data-testid="evaluation-report">
      <div className="kc-report-toolbar">
        <Link to={`/evaluation/runs/${encodeURIComponent(runId)}`} data-testid="evaluation-report-back">
          <Button icon={<ArrowLeftOutlined />}>{t('evaluation.report.back')}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!data} data-testid="evaluation-report-print">
          {t('evaluation.report.print')}
        </Button>
      </div>
      <QueryState isLoading={run.isLoading} error={run.error} onRetry={() => void run.refetch()} skeletonRows={12}>
        {data && <Report centreId={centre.id} run={data} />}
      </QueryState>
    </div>
  );
};

const Report = ({ centreId, run }: { centreId: string; run: TRun }) => {
  const { t } = useI18n();
  const datasets = useDatasetsQuery(centreId);
  const frameworks = useFrameworksQuery(centreId);
  const dataset = datasets.data?.items.find((d) => d.id === run.datasetId);
  const framework = run.frameworkId ? frameworks.data?.items.find((f) => f.id === run.frameworkId) : undefined;
  const results = run.results;
  const root = results.aggregates[0];
  const indexName = root?.name || results.root;
  const ranked = results.units.filter((u) => u.rank !== null);
  const top = ranked.slice(0, EDGE);
  const bottom = ranked.length > EDGE ? ranked.slice(-Math.min(EDGE, ranked.length - EDGE)) : [];
  const leader = ranked[0] ?? null;
  const aggregate = run.pipeline.steps.at(-1);
  const amean = aggregate?.['op'] === 'aggregate' && aggregate['method'] === 'amean';
  const explanation = useRunExplanationQuery(centreId, run.id, leader?.uCode ?? null, amean);
  const belowRoot = results.aggregates.filter((a) => a.code !== results.root);
  const partsLevel = belowRoot.length ? Math.min(...belowRoot.map((a) => a.level)) : 1;
  const score = (v: number | null | undefined) => (v == null ? '—' : formatNumber(v, t.locale, 2));

  return (
    <article className="kc-report-page">
      <header className="kc-report-head">
        <p className="kc-report-kicker">{t('evaluation.report.kicker')}</p>
        <h1 className="kc-page-title" data-testid="evaluation-report-title">
          {t('evaluation.report.title', { index: indexName })}
        </h1>
        <p className="kc-muted">
          {t('evaluation.report.subtitle', { dataset: dataset?.name ?? run.datasetId, run: shortId(run.id), time: formatDateTime(run.createdAt, t.locale) })}
        </p>
      </header>
      {dataset?.isExample && <Alert type="warning" showIcon className="kc-eval-alert" message={t('evaluation.asem.notice')} />}
      {dataset?.origin?.sample && <Alert type="warning" showIcon className="kc-eval-alert" message={t('evaluation.sampleNotice')} data-testid="evaluation-sample-notice" />}

      <section className="kc-report-section">
        <h2>{t('evaluation.report.method')}</h2>
        <RunFacts run={run} dataset={dataset} framework={framework} />
      </section>

      <section className="kc-report-section kc-report-edges" data-testid="evaluation-report-edges">
        <div>
          <h2>{t('evaluation.report.top', { count: top.length })}</h2>
          <UnitList units={top} testId="evaluation-report-top" score={(u) => score(u.scores[results.root])} />
        </div>
        {bottom.length > 0 && (
          <div>
            <h2>{t('evaluation.report.bottom', { count: bottom.length })}</h2>
            <UnitList units={bottom} testId="evaluation-report-bottom" score={(u) => score(u.scores[results.root])} />
          </div>
        )}
      </section>

      <ResultsMap centreId={centreId} results={results} height={380} />

      <section className="kc-report-section" data-testid="evaluation-report-contributions">
        <h2>{t('evaluation.report.leader', { unit: leader?.uName ?? '—' })}</h2>
        {!amean ? (
          <p className="kc-muted">{t('evaluation.contrib.ameanOnly')}</p>
        ) : explanation.error ? (
          <p className="kc-muted">{errorMessage(explanation.error, t)}</p>
        ) : (
          <ContributionPanel explanation={explanation.data ?? null} partsLevel={partsLevel} />
        )}
      </section>

      <ReportUncertainty centreId={centreId} run={run} />

      <section className="kc-report-section kc-report-results">
        <h2>{t('evaluation.report.results', { count: results.units.length })}</h2>
        <ResultsTable results={results} printable />
      </section>

      <footer className="kc-report-foot kc-muted">
        {t('evaluation.report.footer', { run: run.id, time: formatDateTime(new Date().toISOString(), t.locale) })}
      </footer>
    </article>
  );
};

/** The newest finished uncertainty analysis of the run's dataset and framework, if there is one. */
const ReportUncertainty = ({ centreId, run }: { centreId: string; run: TRun }) => {
  const { t } = useI18n();
  const theme = useChartTheme();
  const analyses = useAnalysesQuery(centreId);
  const match: TAnalysis | undefined = analyses.data?.items.find((a) => a.status === 'succeeded' && a.datasetId === run.datasetId && a.frameworkId === run.frameworkId);
  const analysis = useAnalysisQuery(centreId, match?.id ?? null);
  const result = analysis.data?.result ?? null;
  const label = (name: string) => (INPUT_LABELS[name] ? t(INPUT_LABELS[name]) : name);
  const interval = useMemo(() => (result ? buildRankIntervalOption(result.rankStats, theme, t) : null), [result, theme, t]);
  const sobol = useMemo(() => (result ? buildSobolBarOption(result.indices, label, theme, t) : null), [result, theme, t]); // eslint-disable-line react-hooks/exhaustive-deps
  const specSteps = (analysis.data?.spec['pipeline'] as { steps?: Record<string, unknown>[] } | undefined)?.steps ?? [];
  const samePipeline = describePipeline(specSteps, t) === describePipeline(run.pipeline.steps, t);

  return (
    <section className="kc-report-section" data-testid="evaluation-report-uncertainty">
      <h2>{t('evaluation.report.uncertainty')}</h2>
      {!match ? (
        <p className="kc-muted" data-testid="evaluation-report-no-analysis">
          {t('evaluation.report.noAnalysis')}
        </p>
      ) : !result || !interval || !sobol || !analysis.data ? (
        <p className="kc-muted">{t('common.loading')}</p>
      ) : (
        <>
          <p>
            {t('evaluation.report.analysisFrom', {
              time: formatDateTime(analysis.data.createdAt, t.locale),
              runs: formatNumber(analysis.data.runCount, t.locale),
              failed: formatNumber(result.failedRuns, t.locale),
            })}
          </p>
          {!samePipeline && <p className="kc-muted">{t('evaluation.report.analysisPipeline', { pipeline: describePipeline(specSteps, t) })}</p>}
          <h3>{t('evaluation.sa.sobolTitle')}</h3>
          <p className="kc-muted">{t('evaluation.report.sobolHint')}</p>
          <EChart option={sobol} height={220} ariaLabel={t('evaluation.sa.sobolTitle')} data-testid="evaluation-sobol-chart" />
          <h3>{t('evaluation.sa.intervalTitle')}</h3>
          <p className="kc-muted">{t('evaluation.sa.intervalHint')}</p>
          <EChart option={interval} height={Math.max(240, 14 * result.rankStats.length)} ariaLabel={t('evaluation.sa.intervalTitle')} data-testid="evaluation-rank-interval-chart" />
        </>
      )}
    </section>
  );
};
