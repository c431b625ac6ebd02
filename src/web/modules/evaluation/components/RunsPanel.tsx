import { Table } from 'antd';
import { Link } from 'react-router';
import type { TFrameworkVersion, TRunSummary } from '../../../../shared/schemas/evaluation.js';
import { formatDateTime, formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useRunsQuery } from '../hooks/useRunsQuery.js';
import { frameworkLabel, shortId } from '../utils/labels.js';

type Props = { centreId: string; datasetId: string; frameworks: readonly TFrameworkVersion[] };

/** The runs stored for this dataset, newest first, each with its step datasets and its printable report. */
export const RunsPanel = ({ centreId, datasetId, frameworks }: Props) => {
  const { t } = useI18n();
  const runs = useRunsQuery(centreId);
  const items = (runs.data?.items ?? []).filter((r) => r.datasetId === datasetId);
  const framework = (id: string | null) => {
    if (id === null) return t('evaluation.framework.datasetMeta');
    const f = frameworks.find((x) => x.id === id);
    return f ? frameworkLabel(f) : shortId(id);
  };
  return (
    <Table<TRunSummary>
      data-testid="evaluation-runs"
      size="small"
      rowKey="id"
      loading={runs.isLoading}
      dataSource={items}
      pagination={items.length > 8 ? { pageSize: 8, size: 'small' } : false}
      locale={{ emptyText: t('evaluation.runs.none') }}
      onRow={() => ({ 'data-testid': 'evaluation-run-row' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'when', title: t('evaluation.runs.when'), width: 170, render: (_, r) => formatDateTime(r.createdAt, t.locale) },
        { key: 'id', title: t('evaluation.runs.id'), width: 100, render: (_, r) => <code>{shortId(r.id)}</code> },
        { key: 'framework', title: t('evaluation.runs.framework'), render: (_, r) => framework(r.frameworkId) },
        { key: 'by', title: t('evaluation.runs.by'), width: 120, render: (_, r) => r.createdBy },
        { key: 'ms', title: t('evaluation.runs.duration'), width: 100, align: 'right', render: (_, r) => t('evaluation.runs.ms', { ms: formatNumber(r.durationMs, t.locale) }) },
        {
          key: 'open',
          width: 220,
          render: (_, r) => (
            <span className="kc-eval-run-links">
              <Link to={`/evaluation/runs/${encodeURIComponent(r.id)}`} data-testid="evaluation-run-open">
                {t('evaluation.runs.open')}
              </Link>
              <Link to={`/evaluation/runs/${encodeURIComponent(r.id)}/report`} data-testid="evaluation-run-report">
                {t('evaluation.runs.report')}
              </Link>
            </span>
          ),
        },
      ]}
    />
  );
};
