import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, theme } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { buildWorkbook, CSV_TYPE, download, fileName, loadExcel, toCsv, XLSX_TYPE, type Sheet } from '../utils/export.js';

type Props = {
  /** The table the CSV holds. */
  csv: () => Sheet;
  /** The workbook's sheets (the CSV's table first, then what explains it). */
  excel: () => Sheet[];
  /** File name parts, e.g. ['run', '1a2b3c4d', 'results']. */
  name: readonly string[];
  'data-testid': string;
};

/** CSV (UTF-8 with BOM) and Excel downloads built in the browser; ExcelJS loads on the first Excel click. */
export const ExportButtons = ({ csv, excel, name, 'data-testid': testId }: Props) => {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const saveExcel = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const ExcelJS = await loadExcel();
      const bytes = await buildWorkbook(ExcelJS, excel(), {
        filled: { fill: token.colorWarningBg, note: t('evaluation.steps.legend.filled') },
        treated: { fill: token.purple1, note: t('evaluation.steps.legend.treated') },
      });
      download(bytes as BlobPart, XLSX_TYPE, fileName(name, 'xlsx'));
    } catch (error) {
      console.warn('Excel export failed', error);
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space size={4} wrap className="kc-eval-export" data-testid={testId}>
      <Button size="small" icon={<DownloadOutlined />} onClick={() => download(toCsv(csv()), CSV_TYPE, fileName(name, 'csv'))} data-testid={`${testId}-csv`}>
        CSV
      </Button>
      <Button size="small" icon={<DownloadOutlined />} loading={busy} onClick={() => void saveExcel()} data-testid={`${testId}-xlsx`}>
        Excel
      </Button>
      {failed && <Alert type="error" showIcon banner message={t('evaluation.export.failed')} />}
    </Space>
  );
};
