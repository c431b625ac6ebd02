import { Alert, Button, Col, Row, Select, Space, Switch, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { elementsToMetaCsv, metaCsvToElements } from '../../core/evaluation/index.js';
import type { TFrameworkElement, TFrameworkVersion } from '../../shared/schemas/evaluation.js';
import { canonicalRanks } from '../modules/evaluation/utils/compare.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatNumber } from '../i18n/format.js';
import { ContributionPanel } from '../modules/evaluation/components/ContributionPanel.js';
import { DatasetBar } from '../modules/evaluation/components/DatasetBar.js';
import { ExportButtons } from '../modules/evaluation/components/ExportButtons.js';
import { PeerHubPanel } from '../modules/evaluation/components/PeerHubPanel.js';
import { ResultsMap } from '../modules/evaluation/components/ResultsMap.js';
import { ResultsTable } from '../modules/evaluation/components/ResultsTable.js';
import { RunsPanel } from '../modules/evaluation/components/RunsPanel.js';
import { SaveWeightsDialog } from '../modules/evaluation/components/SaveWeightsDialog.js';
import { SensitivityPanel } from '../modules/evaluation/components/SensitivityPanel.js';
import { WeightSliders } from '../modules/evaluation/components/WeightSliders.js';
import { useCreateRunMutation } from '../modules/evaluation/hooks/useCreateRunMutation.js';
import { useDatasetQuery } from '../modules/evaluation/hooks/useDatasetQuery.js';
import { useDatasetsQuery } from '../modules/evaluation/hooks/useDatasetsQuery.js';
import { useFrameworksQuery } from '../modules/evaluation/hooks/useFrameworksQuery.js';
import { buildPipeline, choicesFor, DEFAULT_CHOICE, explain, parseDataset, rankShift, rerank, weighable, type PipelineChoice } from '../modules/evaluation/utils/engine.js';
import { aggregatesSheet, resultsSheet, weightsSheet } from '../modules/evaluation/utils/export.js';
import { suggestKey } from '../modules/evaluation/utils/framework.js';
import { frameworkLabel, shortId } from '../modules/evaluation/utils/labels.js';
import '../modules/evaluation/evaluation.css';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';

/**
 * The index lab (issue 4): a dataset and a framework (the dataset's iMeta or
 * a saved version), a pipeline, ranks; weights re-rank in the browser at once
 * (the core engine runs here); "save run" stores a reproducible run on the
 * server with the framework's weights (the sliders' can be saved as a new
 * framework version first); the uncertainty analysis runs there on worker
 * threads. Beside it, the ranks international indices publish.
 */
export const EvaluationPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const canRun = can('evaluation:run');
  const [params, setParams] = useSearchParams();
  const datasetId = params.get('dataset');
  const frameworkId = params.get('framework');
  const datasets = useDatasetsQuery(centre.id);
  const dataset = useDatasetQuery(centre.id, datasetId);
  const frameworks = useFrameworksQuery(centre.id);
  const framework: TFrameworkVersion | undefined = frameworkId ? frameworks.data?.items.find((f) => f.id === frameworkId) : undefined;
  const frameworkMissing = frameworkId !== null && frameworks.data !== undefined && !framework;
  const [choice, setChoice] = useState<PipelineChoice>(DEFAULT_CHOICE);
  const [weights, setWeights] = useState<Map<string, number>>(new Map());
  const [unit, setUnit] = useState<string | null>(null);
  const [saveWeightsOpen, setSaveWeightsOpen] = useState(false);
  const [weightsSaved, setWeightsSaved] = useState<TFrameworkVersion | null>(null);
  const saveRun = useCreateRunMutation(centre.id);

  const resetLocal = () => {
    setWeights(new Map());
    setUnit(null);
    setWeightsSaved(null);
    saveRun.reset();
  };
  const selectDataset = (id: string) => {
    resetLocal();
    setParams({ dataset: id });
  };
  const selectFramework = (id: string | null) => {
    resetLocal();
    setParams(id ? { dataset: datasetId ?? '', framework: id } : { dataset: datasetId ?? '' });
  };

  const parsed = useMemo(() => {
    if (!dataset.data || (frameworkId !== null && !framework)) return null;
    try {
      const meta = framework ? elementsToMetaCsv(framework.elements) : dataset.data.meta;
      return { input: parseDataset({ data: dataset.data.data, meta }), error: null };
    } catch (error) {
      return { input: null, error: (error as Error).message };
    }
  }, [dataset.data, framework, frameworkId]);
  const input = parsed?.input ?? null;
  /** The framework the lab runs, as iMeta rows (what "save these weights" starts from). */
  const elements = useMemo<TFrameworkElement[]>(() => {
    if (framework) return framework.elements;
    try {
      return dataset.data ? metaCsvToElements(dataset.data.meta) : [];
    } catch {
      return [];
    }
  }, [framework, dataset.data]);
  const pipeline = useMemo(() => (input ? buildPipeline(input, choice) : null), [input, choice]);
  const choices = useMemo(() => (input ? choicesFor(input) : null), [input]);
  const nominal = useMemo(() => (input && pipeline ? rerank(input, pipeline.steps, new Map()) : null), [input, pipeline]);
  const current = useMemo(() => (input && pipeline ? rerank(input, pipeline.steps, weights) : null), [input, pipeline, weights]);
  const shift = useMemo(() => (nominal?.ok && current?.ok ? rankShift(nominal.results, current.results) : new Map<string, number>()), [nominal, current]);
  const selectedUnit = unit ?? (current?.ok ? (current.results.units[0]?.uCode ?? null) : null);
  const explanation = useMemo(() => (input && pipeline && selectedUnit ? explain(input, pipeline.steps, weights, selectedUnit) : null), [input, pipeline, weights, selectedUnit]);
  const sliders = useMemo(() => (input ? weighable(input) : []), [input]);
  const weightsChanged = sliders.some((e) => (weights.get(e.code) ?? e.weight) !== e.weight);
  // The score split by the lowest aggregates (pillars), or by indicators when the index sits right above them.
  const partsLevel = sliders.length > 0 ? Math.min(...sliders.map((a) => a.level)) : 1;

  const setChoiceField = <K extends keyof PipelineChoice>(key: K, value: PipelineChoice[K]) => {
    setChoice((c) => ({ ...c, [key]: value }));
    saveRun.reset();
  };

  const stored = saveRun.data;
  const matchesBrowser = stored && nominal?.ok ? canonicalRanks(stored.results) === canonicalRanks(nominal.results) : null;
  const versions = frameworks.data?.items ?? [];
  const keys = [...new Set(versions.map((v) => v.key))];
  const frameworkName = framework ? frameworkLabel(framework) : t('evaluation.framework.datasetMeta');
  const nextVersion = (key: string) => (frameworks.data ? Math.max(0, ...versions.filter((v) => v.key === key).map((v) => v.version)) + 1 : null);
  const editorPath = `/evaluation/frameworks?${new URLSearchParams({ ...(datasetId ? { dataset: datasetId } : {}), ...(frameworkId ? { from: frameworkId } : {}) }).toString()}`;
  const exportName = ['results', dataset.data ? shortId(dataset.data.id) : '', framework ? `${framework.key}-v${framework.version}` : 'imeta', weightsChanged ? 'adjusted-weights' : ''];

  return (
    <div className="kc-eval" data-testid="evaluation-page">
      <PageHeader title={t('evaluation.title')} intro={t('evaluation.intro')} />
      <Panel title={t('evaluation.dataset.title')}>
        <DatasetBar centreId={centre.id} datasets={datasets.data?.items ?? []} selected={datasetId} onSelect={selectDataset} canWrite={canRun} />
        {dataset.data?.isExample && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="evaluation-example-notice" message={t('evaluation.asem.notice')} />
        )}
        {dataset.data?.origin?.sample && <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="evaluation-sample-notice" message={t('evaluation.sampleNotice')} />}
        {parsed?.error && (
          <Alert type="error" showIcon style={{ marginTop: 12 }} message={framework ? t('evaluation.framework.doesNotFit') : t('evaluation.dataset.unreadable')} description={parsed.error} data-testid="evaluation-input-error" />
        )}
        {frameworkMissing && <Alert type="error" showIcon style={{ marginTop: 12 }} message={t('evaluation.framework.notFound')} />}
        {dataset.error && <Alert type="error" showIcon style={{ marginTop: 12 }} message={errorMessage(dataset.error, t)} />}
      </Panel>

      {datasetId && dataset.data && (
        <Panel title={t('evaluation.framework.panelTitle')} data-testid="evaluation-framework">
          <Space wrap align="center">
            <Select
              style={{ minWidth: 360 }}
              value={frameworkId ?? ''}
              onChange={(v: string) => selectFramework(v === '' ? null : v)}
              options={[
                { value: '', label: t('evaluation.framework.datasetMeta') },
                ...keys.map((key) => ({ label: key, options: versions.filter((v) => v.key === key).map((v) => ({ value: v.id, label: frameworkLabel(v) })) })),
              ]}
              aria-label={t('evaluation.framework.panelTitle')}
              data-testid="evaluation-framework-select"
            />
            <Link to={editorPath} data-testid="evaluation-edit-framework">
              <Button>{canRun ? t('evaluation.framework.edit') : t('evaluation.framework.view')}</Button>
            </Link>
          </Space>
          <p className="kc-muted kc-eval-note">{t('evaluation.framework.panelHint')}</p>
        </Panel>
      )}

      {input && pipeline && choices && (
        <>
          <Panel title={t('evaluation.pipeline.title')}>
            <Space wrap size="large" data-testid="evaluation-pipeline">
              <label>
                {t('evaluation.pipeline.impute')}{' '}
                <Select style={{ width: 140 }} value={choice.impute} onChange={(v) => setChoiceField('impute', v)} options={choices.impute.map((v) => ({ value: v, label: t(`evaluation.impute.${v}`) }))} />
              </label>
              <label>
                {t('evaluation.pipeline.treat')} <Switch checked={choice.treat} onChange={(v) => setChoiceField('treat', v)} />
              </label>
              <label>
                {t('evaluation.pipeline.normalise')}{' '}
                <Select style={{ width: 160 }} value={choice.normalise} onChange={(v) => setChoiceField('normalise', v)} options={choices.normalise.map((v) => ({ value: v, label: t(`evaluation.normalise.${v}`) }))} />
              </label>
              <label>
                {t('evaluation.pipeline.aggregate')}{' '}
                <Select style={{ width: 160 }} value={choice.aggregate} onChange={(v) => setChoiceField('aggregate', v)} options={choices.aggregate.map((v) => ({ value: v, label: t(`evaluation.aggregate.${v}`) }))} data-testid="evaluation-aggregate" />
              </label>
            </Space>
            <p className="kc-muted kc-eval-steps">{pipeline.steps.map((s) => s.op).join(' → ')}</p>
            {canRun && (
              <div className="kc-eval-save">
                <p className="kc-eval-uses" data-testid="evaluation-run-uses">
                  {framework ? t('evaluation.run.uses', { framework: frameworkName }) : t('evaluation.run.usesMeta')}
                </p>
                {weightsChanged && (
                  <Alert
                    type="warning"
                    showIcon
                    className="kc-eval-sliders-warning"
                    data-testid="evaluation-run-sliders-warning"
                    message={t('evaluation.run.slidersNotSaved')}
                    action={
                      <Button size="small" onClick={() => setSaveWeightsOpen(true)}>
                        {t('evaluation.weights.saveAsVersion')}
                      </Button>
                    }
                  />
                )}
                <Space wrap>
                  <Button onClick={() => saveRun.mutate({ datasetId: datasetId as string, frameworkId: framework?.id ?? null, pipeline })} loading={saveRun.isPending} data-testid="evaluation-save-run">
                    {t('evaluation.run.save')}
                  </Button>
                  {stored && (
                    <span data-testid="evaluation-run-saved">
                      {t('evaluation.run.saved', { id: shortId(stored.id), data: stored.versions.data.slice(0, 10), ms: formatNumber(stored.durationMs, locale) })}{' '}
                      {matchesBrowser !== null && <Tag color={matchesBrowser ? 'green' : 'red'}>{t(matchesBrowser ? 'evaluation.run.matches' : 'evaluation.run.differs')}</Tag>}
                      <Link to={`/evaluation/runs/${encodeURIComponent(stored.id)}`} data-testid="evaluation-run-saved-open">
                        {t('evaluation.runs.open')}
                      </Link>
                      {' · '}
                      <Link to={`/evaluation/runs/${encodeURIComponent(stored.id)}/report`} data-testid="evaluation-run-saved-report">
                        {t('evaluation.runs.report')}
                      </Link>
                    </span>
                  )}
                </Space>
              </div>
            )}
            {saveRun.error && <Alert type="error" showIcon style={{ marginTop: 8 }} message={errorMessage(saveRun.error, t)} description={saveRun.error.message} />}
          </Panel>

          {current && !current.ok && <Alert type="error" showIcon data-testid="evaluation-engine-error" message={t('evaluation.engineError')} description={current.message} />}
          {current?.ok && (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={16}>
                <Panel
                  title={t('evaluation.results.title', { count: current.results.units.length })}
                  extra={
                    <ExportButtons
                      data-testid="evaluation-results-export"
                      name={exportName}
                      csv={() => resultsSheet(current.results)}
                      excel={() => [resultsSheet(current.results), aggregatesSheet(current.results), weightsSheet(sliders, weights)]}
                    />
                  }
                >
                  {weightsChanged && <p className="kc-eval-adjusted" data-testid="evaluation-results-adjusted">{t('evaluation.results.adjusted')}</p>}
                  <ResultsTable results={current.results} shift={shift} selected={selectedUnit} onSelect={setUnit} />
                </Panel>
              </Col>
              <Col xs={24} xl={8}>
                <Panel title={t('evaluation.weights.title')}>
                  <WeightSliders elements={sliders} weights={weights} onChange={(code, w) => setWeights((m) => new Map(m).set(code, w))} onReset={() => setWeights(new Map())} />
                  <p className="kc-muted kc-eval-note">{t('evaluation.weights.notSaved')}</p>
                  {canRun && (
                    <Button size="small" type="primary" ghost disabled={!weightsChanged} onClick={() => setSaveWeightsOpen(true)} data-testid="evaluation-weights-save">
                      {t('evaluation.weights.saveAsVersion')}
                    </Button>
                  )}
                  {weightsSaved && (
                    <Alert
                      type="success"
                      showIcon
                      style={{ marginTop: 8 }}
                      data-testid="evaluation-weights-saved"
                      message={t('evaluation.weights.saved', { key: weightsSaved.key, version: weightsSaved.version })}
                    />
                  )}
                </Panel>
              </Col>
              <Col xs={24}>
                <Panel title={t('evaluation.contrib.title')}>
                  {choice.aggregate === 'amean' ? <ContributionPanel explanation={explanation} partsLevel={partsLevel} /> : <p className="kc-muted">{t('evaluation.contrib.ameanOnly')}</p>}
                </Panel>
              </Col>
            </Row>
          )}
          {current?.ok && <ResultsMap centreId={centre.id} results={current.results} onPickUnit={setUnit} />}

          <Panel title={t('evaluation.sa.title')}>
            <SensitivityPanel centreId={centre.id} datasetId={datasetId as string} frameworkId={framework?.id ?? null} input={input} choice={choice} canRun={canRun} />
          </Panel>
        </>
      )}

      {datasetId && (
        <Panel title={t('evaluation.runs.title')}>
          <RunsPanel centreId={centre.id} datasetId={datasetId} frameworks={versions} />
        </Panel>
      )}

      <Panel title={t('evaluation.peers.title')}>
        <PeerHubPanel />
      </Panel>

      {saveWeightsOpen && input && (
        <SaveWeightsDialog
          open
          centreId={centre.id}
          elements={elements}
          weights={weights}
          defaults={{ key: framework?.key ?? suggestKey(input.framework.root), name: framework?.name ?? dataset.data?.name ?? '' }}
          nextVersion={nextVersion}
          onClose={() => setSaveWeightsOpen(false)}
          onSaved={(v) => {
            setSaveWeightsOpen(false);
            selectFramework(v.id);
            setWeightsSaved(v);
          }}
        />
      )}
    </div>
  );
};
