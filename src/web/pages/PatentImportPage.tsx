import { Button, Checkbox, Table, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PATENT_IMPORT_COLUMNS, PATENT_KINDS, type PatentKind } from '../../shared/patents-vocabulary.js';
import type { TPatentImportReport } from '../../shared/schemas/patents.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Locale, MessageKey } from '../i18n/keys.js';
import type { Translator } from '../i18n/translate.js';
import { patentTemplateUrl, useImportPatentsMutation } from '../modules/patents/hooks.js';
import { kindLabel } from '../modules/patents/labels.js';
import { PATENT_ROUTES, PatentsNav } from '../modules/patents/PatentsNav.js';
import '../modules/patents/patents.css';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';

type RowError = TPatentImportReport['errors'][number];

/** A row problem in the reader's language (the import's codes; a kind named by its code is translated), the server's English otherwise. */
const reasonText = (e: RowError, t: Translator): string => {
  const key = `patents.reason.${e.code}`;
  const expected = e.params?.['expected'];
  const params = e.code === 'kind_mismatch' && (PATENT_KINDS as readonly unknown[]).includes(expected) ? { ...e.params, expected: kindLabel(t, expected as PatentKind) } : (e.params ?? {});
  return t.has(key) ? t(key as MessageKey, params) : e.reason;
};

/** The server names a column by its Chinese header; an English reader gets the English one. */
const columnText = (e: RowError, locale: Locale): string => (locale === 'zh-CN' ? e.column : (PATENT_IMPORT_COLUMNS.find((c) => c.zh === e.column)?.en ?? e.column));

/**
 * 导入专利记录: the file is checked first (a preview that writes nothing);
 * only a file without errors can then be imported, whole.
 */
export const PatentImportPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const run = useImportPatentsMutation(centre.id);
  const [sample, setSample] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<TPatentImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (f: File, dryRun: boolean) => {
    setError(null);
    try {
      setReport(await run.mutateAsync({ file: f, dryRun, sample }));
    } catch (e) {
      setReport(null);
      setError(errorMessage(e, t));
    }
  };
  const checkedClean = report?.dryRun && report.errors.length === 0;
  return (
    <div className="kc-page" data-testid="patent-import-page">
      <PatentsNav />
      <PageHeader title={t('patents.import.title')} intro={t('patents.import.intro')} extra={<Button href={patentTemplateUrl(centre.id)} data-testid="patent-import-template">{t('patents.import.template')}</Button>} />
      <Panel>
        <div className="kc-pt-actions">
          <Checkbox checked={sample} onChange={(e) => setSample(e.target.checked)} data-testid="patent-import-sample">{t('patents.import.sample')}</Checkbox>
          <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => { setFile(f); void send(f, true); return false; }}>
            <Button type={checkedClean ? 'default' : 'primary'} loading={run.isPending && run.variables?.dryRun === true} data-testid="patent-import-choose">{t('patents.import.choose')}</Button>
          </Upload>
          {checkedClean && file && <Button type="primary" loading={run.isPending && run.variables?.dryRun === false} onClick={() => void send(file, false)} data-testid="patent-import-commit">{t('patents.import.commit')}</Button>}
        </div>
        {error && <div className="kc-pt-error" role="alert" data-testid="patent-import-error">{error}</div>}
      </Panel>
      {report && (
        <Panel data-testid="patent-import-report">
          <p data-testid="patent-import-summary" data-errors={report.errors.length} data-dry-run={String(report.dryRun)}>
            {report.errors.length ? t('patents.import.failed', { count: report.errors.length }) : report.dryRun ? t('patents.import.checked', { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged }) : t('patents.import.ok', { created: report.created, updated: report.updated, unchanged: report.unchanged })}
          </p>
          {report.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.code}-${e.value}`}
              pagination={report.errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              dataSource={report.errors}
              data-testid="patent-import-errors"
              onRow={() => ({ 'data-testid': 'patent-import-error-row' }) as never}
              columns={[
                { title: t('patents.import.row'), dataIndex: 'row', width: 70 },
                { title: t('patents.import.column'), key: 'column', width: 160, render: (_, e) => columnText(e, locale) },
                { title: t('patents.import.value'), dataIndex: 'value', width: 200 },
                { title: t('patents.import.reason'), key: 'reason', render: (_, e) => reasonText(e, t) },
              ]}
            />
          )}
          {report.errors.length === 0 && report.linkedApplicants > 0 && <p className="kc-small">{t('patents.import.linked', { count: report.linkedApplicants })}</p>}
          {report.errors.length === 0 && report.unmatchedApplicants.length > 0 && (
            <>
              <p className="kc-small" style={{ marginTop: 12 }}>{t('patents.import.unmatched')}</p>
              <Table
                size="small"
                rowKey="name"
                pagination={report.unmatchedApplicants.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                dataSource={report.unmatchedApplicants}
                data-testid="patent-import-unmatched"
                columns={[
                  // Each name opens the patents that carry it, where it is linked by hand.
                  { title: t('patents.import.name'), key: 'name', render: (_, a) => <Link to={`${PATENT_ROUTES.registry}?${new URLSearchParams({ q: a.name })}`}>{a.name}</Link> },
                  { title: t('patents.import.count'), dataIndex: 'patents', align: 'right', width: 100, render: (v: number) => v.toLocaleString(locale) },
                ]}
              />
            </>
          )}
        </Panel>
      )}
    </div>
  );
};
