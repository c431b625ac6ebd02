import { Alert, Button, Input, Select, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import type { TDatasetSummary } from '../../../../shared/schemas/evaluation.js';
import { errorMessage } from '../../../app/errors.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useUploadDatasetMutation } from '../hooks/useUploadDatasetMutation.js';
import { DatasetOrigin, FiguresDatasetDialog } from './FiguresDatasetDialog.js';

type Props = {
  centreId: string;
  datasets: readonly TDatasetSummary[];
  selected: string | null;
  onSelect: (id: string) => void;
  canWrite: boolean;
};

/** Stored with the dataset (data, not interface text): where it comes from, in both languages. */
const ASEM_DESCRIPTION =
  'COINr 1.1.14 示例数据 ASEM_iData / ASEM_iMeta（MIT 许可，© William Becker）：51 个亚欧国家 × 49 项指标，并非北京或本中心数据。COINr 1.1.14 example data (MIT licence, © William Becker): 51 Asian and European countries × 49 indicators; not Beijing or centre data.';

const META_COLUMNS = 'iData: uCode, uName, groups…, denominators…, indicators… · iMeta: Level, iCode, iName, Direction, Weight, Unit, Target, Denominator, Parent, Type';

/** Pick a stored dataset, load COINr's ASEM example, or upload iData + iMeta. */
export const DatasetBar = ({ centreId, datasets, selected, onSelect, canWrite }: Props) => {
  const { t } = useI18n();
  const upload = useUploadDatasetMutation(centreId);
  const [files, setFiles] = useState<{ data?: File; meta?: File }>({});
  const [name, setName] = useState('');
  const [figuresOpen, setFiguresOpen] = useState(false);
  const current = datasets.find((d) => d.id === selected);

  const loadExample = async () => {
    const { ASEM_IDATA, ASEM_IMETA } = await import('../../../../core/evaluation/fixtures/asem.js');
    const dataset = await upload.mutateAsync({ name: t('evaluation.asem.name'), description: ASEM_DESCRIPTION, isExample: true, data: ASEM_IDATA, meta: ASEM_IMETA });
    onSelect(dataset.id);
  };
  const uploadFiles = async () => {
    if (!files.data || !files.meta) return;
    const [data, meta] = await Promise.all([files.data.text(), files.meta.text()]);
    const dataset = await upload.mutateAsync({ name: name.trim() || files.data.name, data, meta });
    onSelect(dataset.id);
  };
  const issue = upload.error && 'fieldIssues' in upload.error ? (upload.error as { fieldIssues: { path: string; message: string }[] }).fieldIssues[0] : undefined;

  return (
    <div className="kc-eval-datasets" data-testid="evaluation-datasets">
      <Space wrap align="center">
        <Select
          data-testid="evaluation-dataset-select"
          style={{ minWidth: 320 }}
          placeholder={t('evaluation.dataset.pick')}
          value={selected ?? undefined}
          onChange={onSelect}
          options={datasets.map((d) => ({
            value: d.id,
            label: (
              <span>
                {d.name} {d.isExample && <Tag color="gold">{t('evaluation.dataset.exampleTag')}</Tag>}
                {d.origin?.sample && <Tag color="orange">{t('evaluation.figures.sampleTag')}</Tag>}
                <span className="kc-muted">{t('evaluation.dataset.size', { units: d.unitCount, indicators: d.indicatorCount })}</span>
              </span>
            ),
          }))}
          notFoundContent={t('evaluation.dataset.none')}
        />
        {canWrite && (
          <Tooltip title={t('evaluation.asem.hint')}>
            <Button data-testid="evaluation-load-asem" onClick={() => void loadExample()} loading={upload.isPending}>
              {t('evaluation.asem.load')}
            </Button>
          </Tooltip>
        )}
        {canWrite && (
          <Tooltip title={t('evaluation.figures.hint')}>
            <Button data-testid="evaluation-from-figures" onClick={() => setFiguresOpen(true)}>
              {t('evaluation.figures.open')}
            </Button>
          </Tooltip>
        )}
      </Space>
      {current?.origin && (
        <p className="kc-eval-origin">
          <DatasetOrigin origin={current.origin} />
        </p>
      )}
      {canWrite && (
        <details className="kc-eval-upload">
          <summary>{t('evaluation.upload.title')}</summary>
          <p className="kc-muted">
            {t('evaluation.upload.hint')} <code>{META_COLUMNS}</code>
          </p>
          <Space wrap>
            <label>
              iData.csv <input type="file" accept=".csv,text/csv" data-testid="evaluation-upload-data" onChange={(e) => setFiles((f) => ({ ...f, data: e.target.files?.[0] }))} />
            </label>
            <label>
              iMeta.csv <input type="file" accept=".csv,text/csv" data-testid="evaluation-upload-meta" onChange={(e) => setFiles((f) => ({ ...f, meta: e.target.files?.[0] }))} />
            </label>
            <Input style={{ width: 220 }} placeholder={t('evaluation.upload.name')} value={name} onChange={(e) => setName(e.target.value)} />
            <Button type="primary" disabled={!files.data || !files.meta} onClick={() => void uploadFiles()} loading={upload.isPending} data-testid="evaluation-upload-submit">
              {t('evaluation.upload.submit')}
            </Button>
          </Space>
        </details>
      )}
      {figuresOpen && (
        <FiguresDatasetDialog
          open
          centreId={centreId}
          onClose={() => setFiguresOpen(false)}
          onCreated={(dataset) => {
            setFiguresOpen(false);
            onSelect(dataset.id);
          }}
        />
      )}
      {upload.error && (
        <Alert type="error" showIcon style={{ marginTop: 8 }} data-testid="evaluation-upload-error" message={errorMessage(upload.error, t)} description={issue?.message} />
      )}
    </div>
  );
};
