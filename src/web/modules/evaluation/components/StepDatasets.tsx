import { Alert, Checkbox, Segmented, Space, Table, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import type { TRun, TRunStep } from '../../../../shared/schemas/evaluation.js';
import { errorMessage } from '../../../app/errors.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Loading } from '../../../ui/Loading.js';
import { useRunStepQuery } from '../hooks/useRunStepQuery.js';
import { cellMarks, formatCell, markedCodes } from '../utils/cells.js';
import { marksSheet, stepSheet } from '../utils/export.js';
import { shortId } from '../utils/labels.js';
import { describeStep, stepOpName } from '../utils/pipeline-text.js';
import { ExportButtons } from './ExportButtons.js';

type Props = {
  centreId: string;
  run: TRun;
  step: number;
  onStep: (step: number) => void;
  /** Indicator and aggregate names by code, for column titles. */
  names: ReadonlyMap<string, string>;
};

type Row = { key: string; uCode: string; uName: string; values: (number | null)[] };

/** Legend of the marks, shared with the printed report. */
export const MarkLegend = ({ filled, treated }: { filled: number; treated: number }) => {
  const { t } = useI18n();
  return (
    <span className="kc-eval-legend" data-testid="evaluation-step-legend">
      <span>
        <i className="kc-eval-swatch kc-eval-cell-filled" aria-hidden /> {t('evaluation.steps.legend.filled')} ({formatNumber(filled, t.locale)})
      </span>
      <span>
        <i className="kc-eval-swatch kc-eval-cell-treated" aria-hidden /> {t('evaluation.steps.legend.treated')} ({formatNumber(treated, t.locale)})
      </span>
    </span>
  );
};

/** Each step's output dataset of a stored run: a step selector, the table with imputed and treated cells marked, CSV and Excel. */
export const StepDatasets = ({ centreId, run, step, onStep, names }: Props) => {
  const { t } = useI18n();
  const query = useRunStepQuery(centreId, run.id, step);
  const data = query.data;
  const [onlyMarked, setOnlyMarked] = useState(false);
  const steps = run.pipeline.steps;
  const current = steps[step];

  return (
    <div data-testid="evaluation-steps">
      <Segmented
        className="kc-eval-step-select"
        data-testid="evaluation-step-select"
        value={step}
        onChange={(v) => onStep(Number(v))}
        options={steps.map((s, i) => ({ value: i, label: <span data-testid={`evaluation-step-${i}`}>{`${i + 1}. ${stepOpName(String(s['op']), t)}`}</span> }))}
      />
      {current && <p className="kc-muted kc-eval-step-text">{t('evaluation.steps.output', { step: describeStep(current, t) })}</p>}
      {query.error && <Alert type="error" showIcon message={errorMessage(query.error, t)} />}
      {query.isLoading && <Loading rows={6} />}
      {data && (
        <>
          <div className="kc-eval-step-bar">
            <MarkLegend filled={data.filled.length} treated={data.treated.length} />
            <Space wrap>
              <Checkbox checked={onlyMarked} disabled={data.filled.length + data.treated.length === 0} onChange={(e) => setOnlyMarked(e.target.checked)} data-testid="evaluation-step-only-marked">
                {t('evaluation.steps.onlyMarked')}
              </Checkbox>
              <ExportButtons
                data-testid="evaluation-step-export"
                name={['run', shortId(run.id), 'step', String(data.index + 1), data.op]}
                csv={() => stepSheet(data)}
                excel={() => [stepSheet(data), marksSheet(data)]}
              />
            </Space>
          </div>
          <StepTable step={data} names={names} onlyMarked={onlyMarked} loading={query.isFetching && query.isPlaceholderData} />
        </>
      )}
    </div>
  );
};

const StepTable = ({ step, names, onlyMarked, loading }: { step: TRunStep; names: ReadonlyMap<string, string>; onlyMarked: boolean; loading: boolean }) => {
  const { t } = useI18n();
  const marks = useMemo(() => cellMarks(step), [step]);
  const rows = useMemo<Row[]>(() => {
    const all = step.units.map((u, i) => ({ key: u.uCode, uCode: u.uCode, uName: u.uName, values: step.values[i] ?? [] }));
    if (!onlyMarked) return all;
    const marked = new Set([...step.filled, ...step.treated].map(([u]) => u));
    return all.filter((r) => marked.has(r.uCode));
  }, [step, onlyMarked]);
  const shown = useMemo(() => {
    const codes = onlyMarked ? new Set(markedCodes(step)) : null;
    return step.codes.map((code, j) => ({ code, j })).filter(({ code }) => !codes || codes.has(code));
  }, [step, onlyMarked]);
  const markTitle = { filled: t('evaluation.steps.legend.filled'), treated: t('evaluation.steps.legend.treated') };

  const columns: TableProps<Row>['columns'] = [
    {
      key: 'unit',
      title: t('evaluation.results.unit'),
      fixed: 'left',
      width: 180,
      render: (_, r) => (
        <span className="kc-eval-unit-cell" title={`${r.uName} (${r.uCode})`}>
          {r.uName} <span className="kc-muted">{r.uCode}</span>
        </span>
      ),
    },
    ...shown.map(({ code, j }) => ({
      key: code,
      title: (
        <span title={names.get(code) ?? code} className="kc-eval-code-head">
          {code}
        </span>
      ),
      width: 92,
      align: 'right' as const,
      onCell: (r: Row) => {
        const mark = marks.get(`${r.uCode}\u0000${code}`);
        return mark
          ? ({ className: `kc-eval-cell-${mark}`, title: `${markTitle[mark]}: ${r.uName} · ${names.get(code) ?? code}`, 'data-testid': `evaluation-cell-${mark}` } as React.HTMLAttributes<HTMLElement>)
          : {};
      },
      render: (_: unknown, r: Row) => formatCell(r.values[j] ?? null, t.locale),
    })),
  ];
  return (
    <Table<Row>
      data-testid="evaluation-step-table"
      className="kc-eval-step-table"
      size="small"
      bordered
      loading={loading}
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content', y: 520 }}
    />
  );
};
