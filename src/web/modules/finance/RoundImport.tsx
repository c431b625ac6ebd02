import { Button, Checkbox, Table, Upload } from 'antd';
import { useState } from 'react';
import type { TRoundImportReport } from '../../../shared/schemas/finance.js';
import { errorMessage } from '../../app/errors.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { roundTemplateUrl, useImportRoundsMutation } from './hooks.js';

/** Rounds from a spreadsheet: the file is checked first (nothing written), then imported whole, or not at all. */
export const RoundImport = ({ centreId, onDone }: { centreId: string; onDone: () => void }) => {
  const { t } = useI18n();
  const mutation = useImportRoundsMutation(centreId);
  const [file, setFile] = useState<File | null>(null);
  const [sample, setSample] = useState(false);
  const [report, setReport] = useState<TRoundImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (f: File, dryRun: boolean) => {
    setError(null);
    try {
      const r = await mutation.mutateAsync({ file: f, dryRun, sample });
      setReport(r);
      if (!dryRun && r.errors.length === 0) onDone();
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  return (
    <div data-testid="round-import">
      <p>{t('finance.import.intro')} <a href={roundTemplateUrl(centreId)}>{t('finance.import.template')}</a></p>
      <div className="kc-fin-toolbar">
        <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => { setFile(f); void send(f, true); return false; }}>
          <Button data-testid="round-import-file">{t('finance.import.choose')}</Button>
        </Upload>
        {file && <span>{file.name}</span>}
        <Checkbox checked={sample} onChange={(e) => setSample(e.target.checked)}>{t('finance.form.sample')}</Checkbox>
      </div>
      {error && <div className="kc-fin-error" role="alert">{error}</div>}
      {report && (
        <>
          <p data-testid="round-import-summary">{report.errors.length ? t('finance.import.refused', { errors: report.errors.length }) : report.dryRun ? t('finance.import.checked', { rows: report.created, linked: report.linkedInvestors }) : t('finance.import.done', { rows: report.created })}</p>
          {report.errors.length > 0 && (
            <Table size="small" rowKey={(e) => `${e.row}-${e.column}-${e.code}`} pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={report.errors} columns={[{ title: t('finance.import.row'), dataIndex: 'row' }, { title: t('finance.import.column'), dataIndex: 'column' }, { title: t('finance.import.value'), dataIndex: 'value' }, { title: t('finance.import.problem'), key: 'code', render: (_, e) => (t.has(`finance.importCode.${e.code}`) ? t(`finance.importCode.${e.code}` as never) : e.reason) }]} />
          )}
          {report.dryRun && report.errors.length === 0 && file && <Button type="primary" loading={mutation.isPending} onClick={() => void send(file, false)} data-testid="round-import-run">{t('finance.import.run', { rows: report.created })}</Button>}
        </>
      )}
    </div>
  );
};
