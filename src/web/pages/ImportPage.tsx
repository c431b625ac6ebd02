import { ArrowLeftOutlined, CloseOutlined, FileExcelOutlined, FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Radio, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { TImportStatus } from '../../shared/schemas/registry-import.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { ROUTES } from '../app/nav.js';
import { formatNumber } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/keys.js';
import { ImportHistory } from '../modules/registry/components/import/ImportHistory.js';
import { ImportJobPanel } from '../modules/registry/components/import/ImportJobPanel.js';
import { ImportTemplatePanel } from '../modules/registry/components/import/ImportTemplatePanel.js';
import { invalidateRegistry } from '../modules/registry/hooks/invalidate.js';
import { useImportJobQuery } from '../modules/registry/hooks/useImportJobQuery.js';
import { importKeys } from '../modules/registry/hooks/useImportJobsQuery.js';
import { useStartImportMutation } from '../modules/registry/hooks/useStartImportMutation.js';
import { fileProblem, importFormatOf, refusedFile, uploadFileName } from '../modules/registry/utils/import-report.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';

const FILE_PROBLEM: Record<NonNullable<ReturnType<typeof fileProblem>>, MessageKey> = {
  format: 'import.file.badFormat',
  size: 'import.file.tooBig',
  empty: 'import.file.empty',
};

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const fileSize = (bytes: number, locale: 'zh-CN' | 'en-US'): string =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${formatNumber(Math.round(bytes / 1024), locale)} KB` : `${formatNumber(bytes / (1024 * 1024), locale, 1)} MB`;

/**
 * Bulk import of actors from the template (CSV or Excel): download the
 * template, upload a file as a dry run or for real, follow its progress, read
 * and download the rows it refused. The job being shown lives in the address
 * (`?job=`), so a reload or a shared link finds it again.
 */
export const ImportPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [file, setFile] = useState<File | null>(null);
  const [fileIssue, setFileIssue] = useState<MessageKey | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const start = useStartImportMutation(centre.id);
  const job = useImportJobQuery(centre.id, jobId);
  const report = job.data;

  const showJob = (id: string) => setParams((current) => {
    const next = new URLSearchParams(current);
    next.set('job', id);
    return next;
  });

  // When the job in view stops running: refresh the list of imports, and after a real import every registry view.
  const lastStatus = useRef<{ jobId: string; status: TImportStatus } | null>(null);
  useEffect(() => {
    if (!report) return;
    const before = lastStatus.current;
    lastStatus.current = { jobId: report.jobId, status: report.status };
    if (before?.jobId !== report.jobId || before.status !== 'running' || report.status === 'running') return;
    void client.invalidateQueries({ queryKey: importKeys.list(centre.id) });
    if (!report.dryRun) void invalidateRegistry(client, centre.id, []);
  }, [report, client, centre.id]);

  const choose = (chosen: File) => {
    start.reset();
    const problem = fileProblem(chosen);
    setFileIssue(problem ? FILE_PROBLEM[problem] : null);
    setFile(problem ? null : chosen);
  };

  const run = (asDryRun: boolean) => {
    if (!file) return;
    setDryRun(asDryRun);
    start.mutate({ file, dryRun: asDryRun }, { onSuccess: (started) => showJob(started.jobId) });
  };

  const running = report?.status === 'running';
  const refused = refusedFile(start.error, locale);
  // After a dry run of the file still chosen, offer to import it for real.
  const canRunReal = Boolean(file && report?.dryRun && report.status === 'done' && report.fileName === uploadFileName(file.name));

  return (
    <div className="kc-page kc-import-page" data-testid="import-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(ROUTES.registry)} className="kc-back" data-testid="import-back">
        {t('import.back')}
      </Button>
      <PageHeader title={t('import.title')} intro={t('import.intro')} />
      <div className="kc-grid kc-grid-halves">
        <ImportTemplatePanel centreId={centre.id} />
        <Panel title={t('import.step.upload')} data-testid="import-upload" className="kc-import-step">
          <div data-testid="import-file">
            <Upload.Dragger accept={ACCEPT} multiple={false} showUploadList={false} beforeUpload={(chosen) => {
                choose(chosen);
                // Nothing uploads yet: the file goes up when the import starts.
                return false;
              }}>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.file.drop')}</p>
              <p className="ant-upload-hint">{t('import.file.hint')}</p>
            </Upload.Dragger>
          </div>
          {file && (
            <div className="kc-import-chosen" data-testid="import-file-chosen">
              {importFormatOf(file.name) === 'xlsx' ? <FileExcelOutlined aria-hidden /> : <FileTextOutlined aria-hidden />}
              <span>{t('import.file.chosen', { name: file.name, size: fileSize(file.size, locale) })}</span>
              <Button
                type="text"
                size="small"
                icon={<CloseOutlined />}
                aria-label={t('import.file.remove')}
                title={t('import.file.remove')}
                onClick={() => {
                  setFile(null);
                  start.reset();
                }}
                data-testid="import-file-remove"
              />
            </div>
          )}
          {fileIssue && <Alert type="error" showIcon title={t(fileIssue)} className="kc-import-alert" data-testid="import-file-error" />}
          <fieldset className="kc-import-mode" data-testid="import-mode">
            <legend>{t('import.mode.label')}</legend>
            <Radio.Group value={dryRun} onChange={(e) => setDryRun(e.target.value as boolean)}>
              <Radio value={true}>
                <span data-testid="import-mode-dry-run">{t('import.mode.dryRun')}</span>
                <span className="kc-import-mode-hint">{t('import.mode.dryRunHint')}</span>
              </Radio>
              <Radio value={false}>
                <span data-testid="import-mode-import">{t('import.mode.import')}</span>
                <span className="kc-import-mode-hint">{t('import.mode.importHint')}</span>
              </Radio>
            </Radio.Group>
          </fieldset>
          <Button type="primary" onClick={() => run(dryRun)} disabled={!file || running} loading={start.isPending} data-testid="import-start">
            {t(dryRun ? 'import.start.dryRun' : 'import.start.import')}
          </Button>
          {start.error ? (
            <Alert
              type="error"
              showIcon
              className="kc-import-alert"
              data-testid="import-start-error"
              title={refused ? t('import.refused.title') : t('import.startFailed')}
              description={
                refused?.kind === 'missing_columns'
                  ? t('import.refused.missingColumns', { columns: refused.columns.join(t('common.listSeparator')) })
                  : refused?.kind === 'empty_file'
                    ? t('import.refused.emptyFile')
                    : errorMessage(start.error, t)
              }
            />
          ) : null}
        </Panel>
      </div>
      {jobId && (
        <QueryState isLoading={job.isLoading} error={job.error} onRetry={() => void job.refetch()}>
          {report && <ImportJobPanel centreId={centre.id} report={report} onRunReal={canRunReal ? () => run(false) : undefined} runRealPending={start.isPending} />}
        </QueryState>
      )}
      <ImportHistory centreId={centre.id} currentJobId={jobId} onOpen={showJob} />
    </div>
  );
};
