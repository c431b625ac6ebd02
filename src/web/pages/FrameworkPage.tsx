import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { csvRows, metaCsvToElements } from '../../core/evaluation/index.js';
import type { TFrameworkVersion } from '../../shared/schemas/evaluation.js';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { FrameworkEditor, type EditorStart } from '../modules/evaluation/components/framework/FrameworkEditor.js';
import { useDatasetQuery } from '../modules/evaluation/hooks/useDatasetQuery.js';
import { useFrameworksQuery } from '../modules/evaluation/hooks/useFrameworksQuery.js';
import { suggestKey } from '../modules/evaluation/utils/framework.js';
import { frameworkLabel } from '../modules/evaluation/utils/labels.js';
import '../modules/evaluation/evaluation.css';
import { Loading } from '../ui/Loading.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { StatusMessage } from '../ui/StatusMessage.js';

/** `?dataset=` the dataset in context (its iMeta is a starting point, its columns are checked); `?from=` a saved version to start from. */
const labAddress = (datasetId: string | null, frameworkId: string | null): string => {
  const params = new URLSearchParams();
  if (datasetId) params.set('dataset', datasetId);
  if (frameworkId) params.set('framework', frameworkId);
  const qs = params.toString();
  return qs ? `/evaluation?${qs}` : '/evaluation';
};

/**
 * The framework editor (issue 4): the index's tree of sub-indices, pillars
 * and indicators with their weights, started from the dataset's iMeta or a
 * saved version, checked as the engine will, saved as the next version.
 */
export const FrameworkPage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const canEdit = can('evaluation:run');
  const [params, setParams] = useSearchParams();
  const datasetId = params.get('dataset');
  const from = params.get('from');
  const dataset = useDatasetQuery(centre.id, datasetId);
  const frameworks = useFrameworksQuery(centre.id);
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState<TFrameworkVersion | null>(null);
  // Bumped by "discard changes": the editor starts again from the same version.
  const [generation, setGeneration] = useState(0);

  const version = from ? frameworks.data?.items.find((f) => f.id === from) : undefined;
  const start = useMemo<{ start: EditorStart; id: string } | { error: string } | null>(() => {
    if (from) {
      if (!frameworks.data) return null;
      if (!version) return { error: t('evaluation.framework.notFound') };
      return { id: version.id, start: { elements: version.elements, key: version.key, name: version.name } };
    }
    if (!datasetId) return null;
    if (!dataset.data) return null;
    try {
      const elements = metaCsvToElements(dataset.data.meta);
      const root = elements.filter((e) => e.type === 'Aggregate').sort((a, b) => (b.level ?? 0) - (a.level ?? 0))[0];
      return { id: `dataset:${dataset.data.id}`, start: { elements, key: suggestKey(root?.code ?? ''), name: dataset.data.name } };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, [from, version, frameworks.data, datasetId, dataset.data, t]);

  const dataColumns = useMemo(() => {
    const text = dataset.data?.data;
    if (!text) return null;
    const header = csvRows(text.slice(0, Math.max(0, text.indexOf('\n')) || text.length))[0] ?? [];
    return new Set(header.map((h) => h.trim()));
  }, [dataset.data]);

  const choose = (value: string) => {
    const next = new URLSearchParams(params);
    if (value === '') next.delete('from');
    else next.set('from', value);
    setSaved(null);
    setDirty(false);
    setGeneration((g) => g + 1);
    setParams(next);
  };
  const openPath = (frameworkId: string) => {
    const next = new URLSearchParams(params);
    next.set('from', frameworkId);
    return `?${next.toString()}`;
  };

  const versions = frameworks.data?.items ?? [];
  const keys = [...new Set(versions.map((v) => v.key))];
  const options = [
    ...(datasetId ? [{ value: '', label: t('evaluation.framework.startDataset', { name: dataset.data?.name ?? '…' }) }] : []),
    ...keys.map((key) => ({
      label: key,
      options: versions.filter((v) => v.key === key).map((v) => ({ value: v.id, label: frameworkLabel(v) })),
    })),
  ];

  return (
    <div className="kc-eval" data-testid="framework-page">
      <PageHeader
        title={t('evaluation.framework.title')}
        intro={t('evaluation.framework.intro')}
        extra={
          <Link to={labAddress(datasetId, from)} data-testid="framework-back">
            <Button icon={<ArrowLeftOutlined />}>{t('evaluation.framework.back')}</Button>
          </Link>
        }
      />
      <Panel title={t('evaluation.framework.startTitle')}>
        <Space wrap align="center">
          <Select
            style={{ minWidth: 360 }}
            value={from ?? (datasetId ? '' : undefined)}
            placeholder={t('evaluation.framework.startPick')}
            onChange={choose}
            options={options}
            disabled={dirty}
            data-testid="framework-start"
          />
          {dirty && (
            <Button onClick={() => choose(from ?? '')} data-testid="framework-discard">
              {t('evaluation.framework.discard')}
            </Button>
          )}
        </Space>
        <p className="kc-muted kc-fw-start-hint">{dirty ? t('evaluation.framework.startLocked') : t('evaluation.framework.startHint')}</p>
        {!canEdit && <Alert type="info" showIcon message={t('evaluation.framework.readOnly')} data-testid="framework-read-only" />}
        {saved && (
          <Alert
            type="success"
            showIcon
            data-testid="framework-saved"
            message={t('evaluation.framework.saved', { key: saved.key, version: saved.version })}
            action={
              datasetId ? (
                <Link to={labAddress(datasetId, saved.id)} data-testid="framework-use-in-lab">
                  <Button size="small" type="primary">
                    {t('evaluation.framework.useInLab')}
                  </Button>
                </Link>
              ) : undefined
            }
          />
        )}
      </Panel>

      {start === null ? (
        datasetId || from ? (
          <Loading rows={8} />
        ) : (
          <StatusMessage status="empty" title={t('evaluation.framework.noStart')} text={t('evaluation.framework.noStartHint')} />
        )
      ) : 'error' in start ? (
        <Alert type="error" showIcon message={start.error} />
      ) : (
        <FrameworkEditor
          key={`${start.id}:${generation}`}
          centreId={centre.id}
          start={start.start}
          dataColumns={dataColumns}
          openPath={openPath}
          labPath={datasetId ? (id) => labAddress(datasetId, id) : null}
          canEdit={canEdit}
          onDirtyChange={setDirty}
          onSaved={(v) => {
            setSaved(v);
            setDirty(false);
            const next = new URLSearchParams(params);
            next.set('from', v.id);
            setParams(next);
          }}
        />
      )}
    </div>
  );
};
