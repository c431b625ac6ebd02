import { Button, Table, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import type { TImportReport } from '../../../../../shared/schemas/registry-import.js';
import { errorMessage } from '../../../../app/errors.js';
import { formatDateTime, formatNumber } from '../../../../i18n/format.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { Panel } from '../../../../ui/Panel.js';
import { useImportJobsQuery } from '../../hooks/useImportJobsQuery.js';
import { importErrorsUrl } from '../../utils/paths.js';
import { ImportStatusTag } from './ImportStatusTag.js';

type Props = { centreId: string; currentJobId: string | null; onOpen: (jobId: string) => void };

/** Recent imports into the centre, newest first; each opens its report, and its errors download as CSV. */
export const ImportHistory = ({ centreId, currentJobId, onOpen }: Props) => {
  const { t, locale } = useI18n();
  const query = useImportJobsQuery(centreId);
  const n = (value: number) => formatNumber(value, locale);

  const columns: TableProps<TImportReport>['columns'] = [
    { key: 'started', title: t('import.history.col.started'), width: 150, render: (_, j) => formatDateTime(j.startedAt, locale) },
    { key: 'file', title: t('import.history.col.file'), dataIndex: 'fileName', ellipsis: true },
    { key: 'mode', title: t('import.history.col.mode'), width: 96, responsive: ['sm'], render: (_, j) => t(j.dryRun ? 'import.job.dryRun' : 'import.job.import') },
    { key: 'status', title: t('import.history.col.status'), width: 96, render: (_, j) => <ImportStatusTag status={j.status} jobId={j.jobId} /> },
    { key: 'rows', title: t('import.history.col.rows'), width: 80, align: 'right', responsive: ['md'], render: (_, j) => n(j.rows) },
    { key: 'inserted', title: t('import.count.inserted'), width: 72, align: 'right', responsive: ['md'], render: (_, j) => (j.dryRun ? '—' : n(j.inserted)) },
    { key: 'updated', title: t('import.count.updated'), width: 72, align: 'right', responsive: ['md'], render: (_, j) => (j.dryRun ? '—' : n(j.updated)) },
    { key: 'failed', title: t('import.history.col.failed'), width: 72, align: 'right', render: (_, j) => n(j.failed) },
    { key: 'actor', title: t('import.history.col.actor'), dataIndex: 'actorLabel', width: 120, ellipsis: true, responsive: ['lg'] },
    {
      key: 'actions',
      title: t('import.history.col.actions'),
      width: 170,
      render: (_, j) => (
        <span className="kc-import-row-actions">
          <Button type="link" size="small" onClick={() => onOpen(j.jobId)} disabled={j.jobId === currentJobId} data-testid="import-history-open">
            {t('import.history.open')}
          </Button>
          {j.failed > 0 && (
            <Button type="link" size="small" href={importErrorsUrl(centreId, j.jobId)} download data-testid="import-history-errors">
              {t('import.history.errors')}
            </Button>
          )}
        </span>
      ),
    },
  ];

  return (
    <Panel title={t('import.history.title')} data-testid="import-history" className="kc-import-step">
      <Table<TImportReport>
        rowKey="jobId"
        size="small"
        className="kc-table"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isLoading}
        pagination={(query.data?.items.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        rowClassName={(j) => (j.jobId === currentJobId ? 'kc-import-current' : '')}
        onRow={(j) => ({ 'data-testid': 'import-history-row', 'data-job': j.jobId }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: query.error ? errorMessage(query.error, t) : t('import.history.empty') }}
      />
    </Panel>
  );
};
