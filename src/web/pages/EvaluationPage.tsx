import { Alert, Button, Col, Row, Select, Space, Switch, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { canonicalRanks } from '../modules/evaluation/utils/compare.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatNumber } from '../i18n/format.js';
import { ContributionPanel } from '../modules/evaluation/components/ContributionPanel.js';
import { DatasetBar } from '../modules/evaluation/components/DatasetBar.js';
import { PeerHubPanel } from '../modules/evaluation/components/PeerHubPanel.js';
import { ResultsTable } from '../modules/evaluation/components/ResultsTable.js';
import { SensitivityPanel } from '../modules/evaluation/components/SensitivityPanel.js';
import { WeightSliders } from '../modules/evaluation/components/WeightSliders.js';
import { useCreateRunMutation } from '../modules/evaluation/hooks/useCreateRunMutation.js';
import { useDatasetQuery } from '../modules/evaluation/hooks/useDatasetQuery.js';
import { useDatasetsQuery } from '../modules/evaluation/hooks/useDatasetsQuery.js';
import { buildPipeline, DEFAULT_CHOICE, explain, parseDataset, rankShift, rerank, weighable, type PipelineChoice } from '../modules/evaluation/utils/engine.js';
import '../modules/evaluation/evaluation.css';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';

/**
 * The index lab (issue 4): a dataset, a pipeline, ranks; weights re-rank in
 * the browser at once (the core engine runs here); "save run" stores a
 * reproducible run on the server; the uncertainty analysis runs there on
 * worker threads. Beside it, the ranks international indices publish.
 */
export const EvaluationPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const canRun = can('evaluation:run');
  const [params, setParams] = useSearchParams();
  const datasetId = params.get('dataset');
  const datasets = useDatasetsQuery(centre.id);
  const dataset = useDatasetQuery(centre.id, datasetId);
  const [choice, setChoice] = useState<PipelineChoice>(DEFAULT_CHOICE);
  const [weights, setWeights] = useState<Map<string, number>>(new Map());
  const [unit, setUnit] = useState<string | null>(null);
  const saveRun = useCreateRunMutation(centre.id);

  const selectDataset = (id: string) => {
    setWeights(new Map());
    setUnit(null);
    saveRun.reset();
    setParams({ dataset: id });
  };

  const parsed = useMemo(() => {
    if (!dataset.data) return null;
    try {
      return { input: parseDataset(dataset.data), error: null };
    } catch (error) {
      return { input: null, error: (error as Error).message };
    }
  }, [dataset.data]);
  const input = parsed?.input ?? null;
  const pipeline = useMemo(() => (input ? buildPipeline(input, choice) : null), [input, choice]);
  const nominal = useMemo(() => (input && pipeline ? rerank(input, pipeline.steps, new Map()) : null), [input, pipeline]);
  const current = useMemo(() => (input && pipeline ? rerank(input, pipeline.steps, weights) : null), [input, pipeline, weights]);
  const shift = useMemo(() => (nominal?.ok && current?.ok ? rankShift(nominal.results, current.results) : new Map<string, number>()), [nominal, current]);
  const selectedUnit = unit ?? (current?.ok ? (current.results.units[0]?.uCode ?? null) : null);
  const explanation = useMemo(() => (input && pipeline && selectedUnit ? explain(input, pipeline.steps, weights, selectedUnit) : null), [input, pipeline, weights, selectedUnit]);
  const sliders = useMemo(() => (input ? weighable(input) : []), [input]);
  // The score split by the lowest aggregates (pillars), or by indicators when the index sits right above them.
  const partsLevel = sliders.length > 0 ? Math.min(...sliders.map((a) => a.level)) : 1;

  const setChoiceField = <K extends keyof PipelineChoice>(key: K, value: PipelineChoice[K]) => {
    setChoice((c) => ({ ...c, [key]: value }));
    saveRun.reset();
  };

  const stored = saveRun.data;
  const matchesBrowser = stored && nominal?.ok ? canonicalRanks(stored.results) === canonicalRanks(nominal.results) : null;

  return (
    <div className="kc-eval" data-testid="evaluation-page">
      <PageHeader title={t('evaluation.title')} intro={t('evaluation.intro')} />
      <Panel title={t('evaluation.dataset.title')}>
        <DatasetBar centreId={centre.id} datasets={datasets.data?.items ?? []} selected={datasetId} onSelect={selectDataset} canWrite={canRun} />
        {dataset.data?.isExample && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="evaluation-example-notice" message={t('evaluation.asem.notice')} />
        )}
        {parsed?.error && <Alert type="error" showIcon style={{ marginTop: 12 }} message={parsed.error} />}
        {dataset.error && <Alert type="error" showIcon style={{ marginTop: 12 }} message={errorMessage(dataset.error, t)} />}
      </Panel>

      {input && pipeline && (
        <>
          <Panel title={t('evaluation.pipeline.title')}>
            <Space wrap size="large" data-testid="evaluation-pipeline">
              <label>
                {t('evaluation.pipeline.impute')}{' '}
                <Select style={{ width: 140 }} value={choice.impute} onChange={(v) => setChoiceField('impute', v)} options={(['mean', 'median', 'none'] as const).map((v) => ({ value: v, label: t(`evaluation.impute.${v}`) }))} />
              </label>
              <label>
                {t('evaluation.pipeline.treat')} <Switch checked={choice.treat} onChange={(v) => setChoiceField('treat', v)} />
              </label>
              <label>
                {t('evaluation.pipeline.normalise')}{' '}
                <Select style={{ width: 160 }} value={choice.normalise} onChange={(v) => setChoiceField('normalise', v)} options={(['minmax', 'zscore', 'rank'] as const).map((v) => ({ value: v, label: t(`evaluation.normalise.${v}`) }))} />
              </label>
              <label>
                {t('evaluation.pipeline.aggregate')}{' '}
                <Select style={{ width: 160 }} value={choice.aggregate} onChange={(v) => setChoiceField('aggregate', v)} options={(['amean', 'gmean', 'hmean', 'median'] as const).map((v) => ({ value: v, label: t(`evaluation.aggregate.${v}`) }))} data-testid="evaluation-aggregate" />
              </label>
            </Space>
            <p className="kc-muted kc-eval-steps">{pipeline.steps.map((s) => s.op).join(' → ')}</p>
            {canRun && (
              <Space wrap>
                <Button onClick={() => saveRun.mutate({ datasetId: datasetId as string, pipeline })} loading={saveRun.isPending} data-testid="evaluation-save-run">
                  {t('evaluation.run.save')}
                </Button>
                {stored && (
                  <span data-testid="evaluation-run-saved">
                    {t('evaluation.run.saved', { id: stored.id.slice(0, 8), data: stored.versions.data.slice(0, 10), ms: formatNumber(stored.durationMs, locale) })}{' '}
                    {matchesBrowser !== null && <Tag color={matchesBrowser ? 'green' : 'red'}>{t(matchesBrowser ? 'evaluation.run.matches' : 'evaluation.run.differs')}</Tag>}
                  </span>
                )}
              </Space>
            )}
            {saveRun.error && <Alert type="error" showIcon style={{ marginTop: 8 }} message={errorMessage(saveRun.error, t)} description={saveRun.error.message} />}
          </Panel>

          {current && !current.ok && <Alert type="error" showIcon data-testid="evaluation-engine-error" message={t('evaluation.engineError')} description={current.message} />}
          {current?.ok && (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={16}>
                <Panel title={t('evaluation.results.title', { count: current.results.units.length })}>
                  <ResultsTable results={current.results} shift={shift} selected={selectedUnit} onSelect={setUnit} />
                </Panel>
              </Col>
              <Col xs={24} xl={8}>
                <Panel title={t('evaluation.weights.title')}>
                  <WeightSliders elements={sliders} weights={weights} onChange={(code, w) => setWeights((m) => new Map(m).set(code, w))} onReset={() => setWeights(new Map())} />
                </Panel>
              </Col>
              <Col xs={24}>
                <Panel title={t('evaluation.contrib.title')}>
                  {choice.aggregate === 'amean' ? <ContributionPanel explanation={explanation} partsLevel={partsLevel} /> : <p className="kc-muted">{t('evaluation.contrib.ameanOnly')}</p>}
                </Panel>
              </Col>
            </Row>
          )}

          <Panel title={t('evaluation.sa.title')}>
            <SensitivityPanel centreId={centre.id} datasetId={datasetId as string} input={input} choice={choice} canRun={canRun} />
          </Panel>
        </>
      )}

      <Panel title={t('evaluation.peers.title')}>
        <PeerHubPanel />
      </Panel>
    </div>
  );
};
