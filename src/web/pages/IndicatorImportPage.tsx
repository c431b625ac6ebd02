import { ArrowLeftOutlined, CloseOutlined, FileExcelOutlined, FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { TObservationImportReport } from '../../shared/schemas/indicators.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { formatNumber } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/keys.js';
import { FiguresReportPanel } from '../modules/indicators/components/FiguresReportPanel.js';
import { FiguresTemplatePanel } from '../modules/indicators/components/FiguresTemplatePanel.js';
import { useImportObservationsMutation, type ImportSource } from '../modules/indicators/hooks/useImportObservationsMutation.js';
import { figuresFileProblem, refusedFigures } from '../modules/indicators/utils/import.js';
import { INDICATOR_ROUTES } from '../modules/indicators/utils/paths.js';
import { importFormatOf } from '../modules/registry/utils/import-report.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import '../modules/indicators/indicators.css';

const FILE_PROBLEM: Record<NonNullable<ReturnType<typeof figuresFileProblem>>, MessageKey> = {
  format: 'indicators.import.file.badFormat',
  size: 'indicators.import.file.tooBig',
  empty: 'indicators.import.file.empty',
};

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DATE_PATTERN = /^\d{4}(-\d{2}(-\d{2})?)?$/;

type SourceValues = { sourceTitle?: string; publisher?: string; publishedOn?: string; url?: string; sample: boolean };

const fileSize = (bytes: number, locale: 'zh-CN' | 'en-US'): string =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${formatNumber(Math.round(bytes / 1024), locale)} KB` : `${formatNumber(bytes / (1024 * 1024), locale, 1)} MB`;

const trimmed = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

/**
 * Figures from a spreadsheet: download the template, choose a file, say which
 * document the figures come from, check it (dry run) and import it. A file
 * lands whole or not at all: when any row fails nothing is saved, and the
 * report lists every problem by row and column.
 */
export const IndicatorImportPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const [form] = Form.useForm<SourceValues>();
  const [file, setFile] = useState<File | null>(null);
  const [fileIssue, setFileIssue] = useState<MessageKey | null>(null);
  const run = useImportObservationsMutation(centre.id);
  // The report belongs to the file it was made for; choosing another clears it.
  const [report, setReport] = useState<TObservationImportReport | null>(null);

  const choose = (chosen: File) => {
    run.reset();
    setReport(null);
    const problem = figuresFileProblem(chosen);
    setFileIssue(problem ? FILE_PROBLEM[problem] : null);
    setFile(problem ? null : chosen);
  };

  const start = async (dryRun: boolean) => {
    if (!file) return;
    let values: SourceValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const source: ImportSource = { sourceTitle: trimmed(values.sourceTitle), publisher: trimmed(values.publisher), publishedOn: trimmed(values.publishedOn), url: trimmed(values.url) };
    run.mutate({ file, dryRun, sample: values.sample, source }, { onSuccess: setReport, onError: () => setReport(null) });
  };

  const refused = refusedFigures(run.error, locale);
  const canRunReal = Boolean(file && report?.dryRun && report.failed === 0 && report.rows > 0);

  return (
    <div className="kc-page kc-import-page kc-indicators" data-testid="figures-import-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(INDICATOR_ROUTES.catalogue)} className="kc-back" data-testid="figures-import-back">
        {t('indicators.back')}
      </Button>
      <PageHeader title={t('indicators.import.title')} intro={t('indicators.import.intro')} />
      <div className="kc-grid kc-grid-halves">
        <FiguresTemplatePanel centreId={centre.id} />
        <Panel title={t('indicators.import.step.upload')} data-testid="figures-upload" className="kc-import-step">
          <div data-testid="figures-file">
            <Upload.Dragger
              accept={ACCEPT}
              multiple={false}
              showUploadList={false}
              beforeUpload={(chosen) => {
                choose(chosen);
                // Nothing uploads yet: the file goes up with the check or the import.
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('indicators.import.file.drop')}</p>
              <p className="ant-upload-hint">{t('indicators.import.file.hint')}</p>
            </Upload.Dragger>
          </div>
          {file && (
            <div className="kc-import-chosen" data-testid="figures-file-chosen">
              {importFormatOf(file.name) === 'xlsx' ? <FileExcelOutlined aria-hidden /> : <FileTextOutlined aria-hidden />}
              <span>{t('indicators.import.file.chosen', { name: file.name, size: fileSize(file.size, locale) })}</span>
              <Button
                type="text"
                size="small"
                icon={<CloseOutlined />}
                aria-label={t('indicators.import.file.remove')}
                title={t('indicators.import.file.remove')}
                onClick={() => {
                  setFile(null);
                  setReport(null);
                  run.reset();
                }}
                data-testid="figures-file-remove"
              />
            </div>
          )}
          {fileIssue && <Alert type="error" showIcon title={t(fileIssue)} className="kc-import-alert" data-testid="figures-file-error" />}
          <Form<SourceValues> form={form} layout="vertical" requiredMark="optional" initialValues={{ sample: false }} className="kc-figures-source-form">
            <section className="kc-subsection">
              <h4 className="kc-subsection-title">{t('indicators.import.source.legend')}</h4>
              <p className="kc-muted kc-small">{t('indicators.import.source.hint')}</p>
              <div className="kc-form-grid">
                <Form.Item name="sourceTitle" label={t('indicators.import.source.title')} rules={[{ max: 300, message: t('fieldReason.too_long') }]} className="kc-span-2">
                  <Input placeholder={t('indicators.import.source.titlePlaceholder')} data-testid="figures-source-title" />
                </Form.Item>
                <Form.Item name="publisher" label={t('indicators.source.publisher')} rules={[{ max: 200, message: t('fieldReason.too_long') }]}>
                  <Input data-testid="figures-source-publisher" />
                </Form.Item>
                <Form.Item name="publishedOn" label={t('indicators.source.publishedOn')} rules={[{ pattern: DATE_PATTERN, message: t('indicators.source.datePattern') }]}>
                  <Input placeholder="2024-12-31" autoComplete="off" data-testid="figures-source-date" />
                </Form.Item>
                <Form.Item name="url" label={t('indicators.source.url')} rules={[{ type: 'url', message: t('indicators.source.urlInvalid') }]} className="kc-span-2">
                  <Input placeholder="https://" autoComplete="off" data-testid="figures-source-url" />
                </Form.Item>
              </div>
            </section>
            <Form.Item name="sample" valuePropName="checked" extra={t('indicators.import.sampleHint')}>
              <Checkbox data-testid="figures-sample">{t('indicators.import.sample')}</Checkbox>
            </Form.Item>
          </Form>
          <div className="kc-import-actions">
            <Button onClick={() => void start(true)} disabled={!file} loading={run.isPending && run.variables?.dryRun === true} data-testid="figures-dry-run">
              {t('indicators.import.dryRun')}
            </Button>
            <Button type="primary" onClick={() => void start(false)} disabled={!file} loading={run.isPending && run.variables?.dryRun === false} data-testid="figures-import">
              {t('indicators.import.import')}
            </Button>
          </div>
          <p className="kc-muted kc-small">{t('indicators.import.wholeOrNothing')}</p>
          {run.error ? (
            <Alert
              type="error"
              showIcon
              className="kc-import-alert"
              data-testid="figures-start-error"
              title={refused ? t('indicators.import.refused.title') : t('indicators.import.failed')}
              description={
                refused?.kind === 'missing_columns'
                  ? t('indicators.import.refused.missingColumns', { columns: refused.columns.join(t('common.listSeparator')) })
                  : refused?.kind === 'empty_file'
                    ? t('indicators.import.refused.emptyFile')
                    : errorMessage(run.error, t)
              }
            />
          ) : null}
        </Panel>
      </div>
      {report && <FiguresReportPanel report={report} onRunReal={canRunReal ? () => void start(false) : undefined} runRealPending={run.isPending} />}
    </div>
  );
};
