import { Alert, Button, Table, type TableProps } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';
import type { TObservationImportReport } from '../../../../shared/schemas/indicators.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { figuresReasonText } from '../utils/import.js';
import { INDICATOR_ROUTES } from '../utils/paths.js';

type ImportError = TObservationImportReport['errors'][number];

type Props = {
  report: TObservationImportReport;
  /** Offered after a clean dry run of the file still chosen: import it for real. */
  onRunReal?: (() => void) | undefined;
  runRealPending?: boolean;
};

const Count = ({ label, value, testId, tone }: { label: string; value: string; testId: string; tone?: 'error' | undefined }) => (
  <div className={tone ? `kc-import-count kc-import-count-${tone}` : 'kc-import-count'} data-testid={testId}>
    <dt>{label}</dt>
    <dd>{value}</dd>
  </div>
);

/**
 * Step 3: what a dry run or an import found: the counts, whether anything was
 * saved (a file lands whole or not at all), and every row error with its
 * column, value and reason.
 */
export const FiguresReportPanel = ({ report, onRunReal, runRealPending }: Props) => {
  const { t, locale } = useI18n();
  const n = (value: number) => formatNumber(value, locale);
  const valid = report.inserted + report.updated + report.unchanged;

  const columns: TableProps<ImportError>['columns'] = [
    { key: 'row', title: t('indicators.import.errors.row'), dataIndex: 'row', width: 72, render: (row: number) => n(row) },
    { key: 'column', title: t('indicators.import.errors.column'), dataIndex: 'column', width: 160 },
    {
      key: 'value',
      title: t('indicators.import.errors.value'),
      dataIndex: 'value',
      width: 200,
      render: (value: string) => (value === '' ? <span className="kc-muted">{t('indicators.import.errors.empty')}</span> : <code className="kc-import-value">{value}</code>),
    },
    { key: 'reason', title: t('indicators.import.errors.reason'), render: (_, e) => <span data-reason={e.reason}>{figuresReasonText(e.reason, t)}</span> },
  ];

  let outcome: ReactNode;
  if (report.written) {
    outcome = (
      <Alert
        type="success"
        showIcon
        title={t('indicators.import.result.written', { inserted: n(report.inserted), updated: n(report.updated), unchanged: n(report.unchanged) })}
        description={t('indicators.import.result.writtenHint')}
        action={
          <Link to={INDICATOR_ROUTES.catalogue} data-testid="figures-open-catalogue">
            {t('indicators.import.result.openCatalogue')}
          </Link>
        }
        data-testid="figures-outcome"
      />
    );
  } else if (report.failed > 0) {
    outcome = (
      <Alert
        type="error"
        showIcon
        title={t('indicators.import.result.nothingSaved', { count: n(report.failed) })}
        description={t(report.dryRun ? 'indicators.import.result.fixDryRun' : 'indicators.import.result.fix')}
        data-testid="figures-outcome"
      />
    );
  } else if (report.rows === 0) {
    outcome = <Alert type="warning" showIcon title={t('indicators.import.result.noRows')} data-testid="figures-outcome" />;
  } else {
    outcome = (
      <Alert
        type="success"
        showIcon
        title={t('indicators.import.result.dryRunClean', { inserted: n(report.inserted), updated: n(report.updated), unchanged: n(report.unchanged) })}
        description={t('indicators.import.result.dryRunNothingSaved')}
        action={
          onRunReal ? (
            <Button type="primary" onClick={onRunReal} loading={runRealPending} data-testid="figures-run-real">
              {t('indicators.import.runReal')}
            </Button>
          ) : undefined
        }
        data-testid="figures-outcome"
      />
    );
  }

  return (
    <Panel title={t('indicators.import.step.result')} data-testid="figures-report" className="kc-import-step">
      <div data-written={String(report.written)} data-dry-run={String(report.dryRun)} data-testid="figures-report-state">
        <p className="kc-import-job">
          <strong className="kc-import-file">{report.fileName}</strong>
          <span className="kc-muted"> · {t(report.dryRun ? 'indicators.import.mode.dryRun' : 'indicators.import.mode.import')}</span>
        </p>
        <dl className="kc-import-counts" data-testid="figures-counts">
          <Count label={t('indicators.import.count.rows')} value={n(report.rows)} testId="figures-count-rows" />
          {report.dryRun ? (
            <Count label={t('indicators.import.count.valid')} value={n(valid)} testId="figures-count-valid" />
          ) : null}
          <Count label={t(report.written ? 'indicators.import.count.inserted' : 'indicators.import.count.wouldInsert')} value={n(report.inserted)} testId="figures-count-inserted" />
          <Count label={t(report.written ? 'indicators.import.count.updated' : 'indicators.import.count.wouldUpdate')} value={n(report.updated)} testId="figures-count-updated" />
          <Count label={t('indicators.import.count.unchanged')} value={n(report.unchanged)} testId="figures-count-unchanged" />
          <Count label={t('indicators.import.count.failed')} value={n(report.failed)} testId="figures-count-failed" tone={report.failed > 0 ? 'error' : undefined} />
        </dl>
        {outcome}
        {report.errors.length > 0 && (
          <section className="kc-import-errors" data-testid="figures-errors">
            <h4 className="kc-import-errors-title">{t('indicators.import.errors.title', { count: n(report.errors.length) })}</h4>
            <Table<ImportError>
              rowKey={(e) => `${e.row}|${e.column}|${e.reason}`}
              size="small"
              className="kc-table"
              columns={columns}
              dataSource={report.errors}
              pagination={report.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              onRow={() => ({ 'data-testid': 'figures-error-row' }) as HTMLAttributes<HTMLElement>}
            />
          </section>
        )}
      </div>
    </Panel>
  );
};
