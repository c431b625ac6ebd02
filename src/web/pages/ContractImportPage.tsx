import { Button, Checkbox, Table, Upload } from 'antd';
import { useState } from 'react';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/keys.js';
import type { Translator } from '../i18n/translate.js';
import { ContractsNav } from '../modules/contracts/ContractsNav.js';
import { importTemplateUrl, useImportContractsMutation, type ImportReport } from '../modules/contracts/hooks.js';
import '../modules/contracts/contracts.css';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';

/** A row problem in the reader's language: the import's own codes, then the contract checks' (field reasons). */
const importReason = (e: ImportReport['errors'][number], t: Translator): string => {
  const own = `contracts.importReason.${e.code}`;
  if (t.has(own)) return t(own as MessageKey, e.params ?? {});
  const field = `contracts.reason.${e.code}`;
  return t.has(field) ? t(field as MessageKey) : e.reason;
};

/** 导入历史登记: a spreadsheet of past registrations, checked whole; nothing is written while any row is wrong. */
export const ContractImportPage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const run = useImportContractsMutation(centre.id);
  const [dryRun, setDryRun] = useState(false);
  const [sample, setSample] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File) => {
    setError(null);
    setReport(null);
    try {
      setReport(await run.mutateAsync({ file, dryRun, sample }));
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  return (
    <div className="kc-page" data-testid="contract-import-page">
      <ContractsNav />
      <PageHeader title={t('contracts.import.title')} intro={t('contracts.import.intro')} extra={<Button href={importTemplateUrl(centre.id)} data-testid="contract-import-template">{t('contracts.import.template')}</Button>} />
      <Panel>
        <div className="kc-tc-actions">
          <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="contract-import-dry-run">{t('contracts.import.dryRun')}</Checkbox>
          <Checkbox checked={sample} onChange={(e) => setSample(e.target.checked)} data-testid="contract-import-sample">{t('contracts.import.sample')}</Checkbox>
        </div>
        <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
          <Button type="primary" loading={run.isPending} style={{ marginTop: 12 }} data-testid="contract-import-choose">{t('contracts.import.choose')}</Button>
        </Upload>
        {error && <div className="kc-tc-error" role="alert" data-testid="contract-import-error">{error}</div>}
      </Panel>
      {report && (
        <Panel data-testid="contract-import-report">
          <p data-testid="contract-import-summary" data-imported={report.imported} data-errors={report.errors.length}>
            {report.errors.length ? t('contracts.import.failed', { count: report.errors.length }) : report.dryRun ? t('contracts.import.checked', { rows: report.rows }) : t('contracts.import.ok', { count: report.imported })}
          </p>
          {report.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
              pagination={false}
              dataSource={report.errors}
              data-testid="contract-import-errors"
              onRow={() => ({ 'data-testid': 'contract-import-error-row' }) as never}
              columns={[
                { title: t('contracts.import.row'), dataIndex: 'row', width: 70 },
                { title: t('contracts.import.column'), dataIndex: 'column', width: 160 },
                { title: t('contracts.import.value'), dataIndex: 'value', width: 160 },
                { title: t('contracts.import.reason'), key: 'reason', render: (_, e) => importReason(e, t) },
              ]}
            />
          )}
        </Panel>
      )}
    </div>
  );
};
