import { Alert, Button, InputNumber, Progress, Space } from 'antd';
import { useMemo, useState } from 'react';
import type { IndexInput } from '../../../../core/evaluation/index.js';
import { MAX_SENSITIVITY_N } from '../../../../shared/schemas/evaluation.js';
import { EChart } from '../../../charts/EChart.js';
import { buildRankIntervalOption } from '../../../charts/options/rank-interval.js';
import { buildSobolBarOption } from '../../../charts/options/sobol-bar.js';
import { useChartTheme } from '../../../charts/useChartTheme.js';
import { errorMessage } from '../../../app/errors.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { MessageKey } from '../../../i18n/keys.js';
import { useAnalysisQuery } from '../hooks/useAnalysisQuery.js';
import { useStartAnalysisMutation } from '../hooks/useStartAnalysisMutation.js';
import { sensitivitySpec, type PipelineChoice } from '../utils/engine.js';

type Props = { centreId: string; datasetId: string; frameworkId: string | null; input: IndexInput; choice: PipelineChoice; canRun: boolean };

const INPUT_LABELS: Record<string, MessageKey> = {
  weights: 'evaluation.sa.input.weights',
  normalisation: 'evaluation.sa.input.normalisation',
  aggregation: 'evaluation.sa.input.aggregation',
};

/** Start an uncertainty analysis on the server (worker threads), poll it, and draw rank intervals and Sobol indices. */
export const SensitivityPanel = ({ centreId, datasetId, frameworkId, input, choice, canRun }: Props) => {
  const { t } = useI18n();
  const theme = useChartTheme();
  const [N, setN] = useState(100);
  const [analysisId, setAnalysisId] = useState<string | null>(null);
  const start = useStartAnalysisMutation(centreId);
  const analysis = useAnalysisQuery(centreId, analysisId);
  const data = analysis.data;
  const result = data?.status === 'succeeded' ? data.result : null;
  const label = (name: string) => (INPUT_LABELS[name] ? t(INPUT_LABELS[name]) : name);
  const intervalOption = useMemo(() => (result ? buildRankIntervalOption(result.rankStats, theme, t) : null), [result, theme, t]);
  const sobolOption = useMemo(() => (result ? buildSobolBarOption(result.indices, label, theme, t) : null), [result, theme, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const run = async () => {
    const started = await start.mutateAsync({ datasetId, frameworkId, spec: sensitivitySpec(input, choice, N) });
    setAnalysisId(started.id);
  };

  return (
    <div data-testid="evaluation-sensitivity">
      <p className="kc-muted">{t('evaluation.sa.hint')}</p>
      {canRun && (
        <Space wrap>
          <span>N</span>
          <InputNumber min={10} max={MAX_SENSITIVITY_N} step={50} value={N} onChange={(v) => setN(v ?? 100)} data-testid="evaluation-sa-n" />
          <span className="kc-muted">{t('evaluation.sa.runs', { runs: formatNumber(N * 5, t.locale) })}</span>
          <Button type="primary" onClick={() => void run()} loading={start.isPending || data?.status === 'running'} data-testid="evaluation-sa-start">
            {t('evaluation.sa.start')}
          </Button>
        </Space>
      )}
      {start.error && <Alert type="error" showIcon message={errorMessage(start.error, t)} style={{ marginTop: 8 }} />}
      {data?.status === 'running' && <Progress percent={99} status="active" showInfo={false} data-testid="evaluation-sa-running" />}
      {data?.status === 'failed' && <Alert type="error" showIcon message={t('evaluation.sa.failed')} description={data.error} />}
      {result && intervalOption && sobolOption && (
        <div className="kc-eval-sa-charts" data-testid="evaluation-sa-result" data-status={data?.status}>
          <p>
            {t('evaluation.sa.done', { runs: formatNumber(data?.runCount ?? 0, t.locale), failed: formatNumber(result.failedRuns, t.locale), seconds: formatNumber((data?.durationMs ?? 0) / 1000, t.locale, 2) })}
          </p>
          <h4>{t('evaluation.sa.sobolTitle')}</h4>
          <p className="kc-muted">{t('evaluation.sa.sobolHint')}</p>
          <EChart option={sobolOption} height={240} ariaLabel={t('evaluation.sa.sobolTitle')} data-testid="evaluation-sobol-chart" />
          <h4>{t('evaluation.sa.intervalTitle')}</h4>
          <p className="kc-muted">{t('evaluation.sa.intervalHint')}</p>
          <EChart option={intervalOption} height={Math.max(240, 14 * result.rankStats.length)} ariaLabel={t('evaluation.sa.intervalTitle')} data-testid="evaluation-rank-interval-chart" />
        </div>
      )}
    </div>
  );
};
