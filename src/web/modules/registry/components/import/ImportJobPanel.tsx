import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Table, type TableProps } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';
import type { TImportReport } from '../../../../../shared/schemas/registry-import.js';
import { ROUTES } from '../../../../app/nav.js';
import { formatDateTime, formatNumber } from '../../../../i18n/format.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { Panel } from '../../../../ui/Panel.js';
import { importProgress, importReasonText } from '../../utils/import-report.js';
import { importErrorsUrl } from '../../utils/paths.js';
import { ImportStatusTag } from './ImportStatusTag.js';

type ImportError = TImportReport['errors'][number];

/** The API lists at most this many errors; the CSV report has them all. */
const LISTED_ERRORS = 200;

type Props = {
  centreId: string;
  report: TImportReport;
  /** Offered after a dry run: import the same file for real. */
  onRunReal?: () => void;
  runRealPending?: boolean;
};

const Count = ({ label, value, testId, tone }: { label: string; value: string; testId: string; tone?: 'error' }) => (
  <div className={tone ? `kc-import-count kc-import-count-${tone}` : 'kc-import-count'} data-testid={testId}>
    <dt>{label}</dt>
    <dd>{value}</dd>
  </div>
);

/** Step 3: an import's progress bar while it runs, then its counts, what to do next, and the rows it refused. */
export const ImportJobPanel = ({ centreId, report, onRunReal, runRealPending }: Props) => {
  const { t, locale } = useI18n();
  const n = (value: number) => formatNumber(value, locale);
  const progress = importProgress(report);
  const running = report.status === 'running';
  const finished = report.status === 'done';

  const progressText =
    progress.total === null ? t('import.progress.rowsUnknown', { count: n(progress.rows) }) : t('import.progress.rows', { rows: n(progress.rows), total: n(progress.total) });

  const columns: TableProps<ImportError>['columns'] = [
    { key: 'row', title: t('import.errors.col.row'), dataIndex: 'row', width: 64, render: (row: number) => n(row) },
    { key: 'column', title: t('import.errors.col.column'), dataIndex: 'column' },
    {
      key: 'value',
      title: t('import.errors.col.value'),
      dataIndex: 'value',
      render: (value: string) => (value === '' ? <span className="kc-muted">{t('import.errors.emptyValue')}</span> : <code className="kc-import-value">{value}</code>),
    },
    { key: 'reason', title: t('import.errors.col.reason'), render: (_, e) => <span data-reason={e.reason}>{importReasonText(e, t)}</span> },
  ];

  let outcome: ReactNode = null;
  if (report.status === 'interrupted') {
    outcome = <Alert type="warning" showIcon title={t('import.result.interrupted', { rows: n(report.rows) })} data-testid="import-outcome" />;
  } else if (report.status === 'failed') {
    outcome = <Alert type="error" showIcon title={t('import.result.failed')} data-testid="import-outcome" />;
  } else if (finished && report.dryRun) {
    outcome = (
      <Alert
        type={report.failed === 0 ? 'success' : 'warning'}
        showIcon
        title={t(report.failed === 0 ? 'import.result.dryRunClean' : 'import.result.dryRunErrors')}
        data-testid="import-outcome"
        action={
          onRunReal && report.inserted > 0 ? (
            <Button type="primary" onClick={onRunReal} loading={runRealPending} data-testid="import-run-real">
              {t('import.result.runReal')}
            </Button>
          ) : undefined
        }
      />
    );
  } else if (finished) {
    outcome = (
      <Alert
        type={report.failed === 0 ? 'success' : 'warning'}
        showIcon
        title={t('import.result.importDone', { inserted: n(report.inserted), updated: n(report.updated) })}
        description={report.failed > 0 ? t('import.result.importSkipped', { failed: n(report.failed) }) : undefined}
        data-testid="import-outcome"
        action={
          report.inserted + report.updated > 0 ? (
            <Link to={ROUTES.registry} data-testid="import-open-registry">
              {t('import.result.openRegistry')}
            </Link>
          ) : undefined
        }
      />
    );
  }

  return (
    <Panel
      title={t('import.step.result')}
      data-testid="import-result"
      className="kc-import-step"
      extra={<ImportStatusTag status={report.status} jobId={report.jobId} />}
    >
      <p className="kc-import-job" data-testid="import-job">
        <strong className="kc-import-file">{report.fileName}</strong>
        <span className="kc-muted">
          {t(report.dryRun ? 'import.job.dryRun' : 'import.job.import')}
          {' · '}
          {t('import.job.meta', { who: report.actorLabel, time: formatDateTime(report.startedAt, locale) })}
        </span>
      </p>
      <div className="kc-import-progress" data-testid="import-progress" data-percent={progress.percent ?? ''} aria-live="polite">
        {progress.percent === null && running ? (
          <div className="kc-import-indeterminate" role="progressbar" aria-label={t('import.progress.label')} aria-valuetext={progressText}>
            <span />
          </div>
        ) : (
          <Progress
            percent={progress.percent ?? 0}
            status={running ? 'active' : report.status === 'done' ? 'success' : 'exception'}
            aria-label={t('import.progress.label')}
          />
        )}
        <span className="kc-import-progress-text" data-testid="import-progress-text">
          {progressText}
        </span>
      </div>
      {report.resumedFromRow > 0 && (
        <Alert type="info" showIcon title={t('import.result.resumed', { row: n(report.resumedFromRow) })} className="kc-alert" />
      )}
      {running && <p className="kc-muted">{t('import.result.running')}</p>}
      {!running && (
        <>
          <dl className="kc-import-counts" data-testid="import-counts">
            <Count label={t('import.count.rows')} value={n(report.rows)} testId="import-count-rows" />
            {report.dryRun ? (
              <Count label={t('import.count.valid')} value={n(report.inserted + report.updated)} testId="import-count-valid" />
            ) : (
              <>
                <Count label={t('import.count.inserted')} value={n(report.inserted)} testId="import-count-inserted" />
                <Count label={t('import.count.updated')} value={n(report.updated)} testId="import-count-updated" />
              </>
            )}
            <Count label={t('import.count.failed')} value={n(report.failed)} testId="import-count-failed" tone={report.failed > 0 ? 'error' : undefined} />
          </dl>
          {outcome}
        </>
      )}
      {report.errors.length > 0 && (
        <section className="kc-import-errors" data-testid="import-errors">
          <header className="kc-import-errors-head">
            <h4 className="kc-import-errors-title">{t('import.errors.title')}</h4>
            <Button icon={<DownloadOutlined />} href={importErrorsUrl(centreId, report.jobId)} download data-testid="import-errors-download">
              {t('import.errors.download')}
            </Button>
          </header>
          <p className="kc-muted kc-import-note">
            {t('import.errors.rowHint')}
            {report.errors.length >= LISTED_ERRORS && ` ${t('import.errors.truncated', { count: n(report.errors.length) })}`}
          </p>
          <Table<ImportError>
            rowKey={(e) => `${e.row}|${e.column}|${e.reason}`}
            size="small"
            className="kc-table"
            columns={columns}
            dataSource={report.errors}
            pagination={report.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            onRow={() => ({ 'data-testid': 'import-error-row' }) as HTMLAttributes<HTMLElement>}
          />
        </section>
      )}
    </Panel>
  );
};
