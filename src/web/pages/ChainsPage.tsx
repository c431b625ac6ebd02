import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Table } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { failureText } from '../modules/chains/labels.js';
import { useSession } from '../app/session.js';
import { formatDateTime, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useChainMapsQuery, useChainTemplatesQuery, useCreateFromTemplateMutation, useImportMapMutation, useImportWorkbookMutation, type ChainMapSummary } from '../modules/chains/hooks.js';
import { clusterLabel } from '../modules/chains/labels.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/chains/chains.css';

/**
 * 产业链 / Industry chains: the centre's chain maps; those who keep them start
 * one from a template or import a JSON document exported earlier.
 */
export const ChainsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const { can } = useSession();
  const manager = can('chains:manage');
  const maps = useChainMapsQuery(centre.id);
  const templates = useChainTemplatesQuery();
  const fromTemplate = useCreateFromTemplateMutation(centre.id);
  const importMap = useImportMapMutation(centre.id);
  const importWorkbook = useImportWorkbookMutation(centre.id);
  const [sample, setSample] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const startFromTemplate = async (code: string) => {
    setError(null);
    try {
      const out = await fromTemplate.mutateAsync({ code, isSample: sample });
      navigate(`/chains/${encodeURIComponent(out.id)}`);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  /** A JSON document as exported, or an Excel workbook with its four sheets: either becomes a new map. */
  const importFile = async (f: File) => {
    setError(null);
    try {
      const out = /\.xlsx$/i.test(f.name) ? await importWorkbook.mutateAsync({ file: f, sample }) : await importMap.mutateAsync({ ...(JSON.parse(await f.text()) as Record<string, unknown>), isSample: sample });
      navigate(`/chains/${encodeURIComponent(out.id)}`);
    } catch (e) {
      setError(e instanceof SyntaxError ? t('chains.list.notJson') : failureText(e, t));
    }
  };

  return (
    <div className="kc-ch" data-testid="chains-page">
      <PageHeader
        title={t('chains.title')}
        intro={t('chains.intro')}
        extra={
          manager && (
            <div className="kc-ch-actions">
              <Checkbox checked={sample} onChange={(e) => setSample(e.target.checked)} data-testid="chains-sample">
                {t('chains.list.sample')}
              </Checkbox>
              {(templates.data?.items ?? []).map((tpl) => (
                <Button key={tpl.code} icon={<PlusOutlined />} loading={fromTemplate.isPending && fromTemplate.variables?.code === tpl.code} onClick={() => void startFromTemplate(tpl.code)} data-testid={`chains-template-${tpl.code}`}>
                  {t('chains.list.fromTemplate', { cluster: clusterLabel(t, tpl.clusterCode) })}
                </Button>
              ))}
              <Button icon={<ImportOutlined />} loading={importMap.isPending || importWorkbook.isPending} onClick={() => file.current?.click()} data-testid="chains-import">
                {t('chains.list.import')}
              </Button>
              <input
                ref={file}
                type="file"
                accept="application/json,.json,.xlsx"
                hidden
                data-testid="chains-import-file"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void importFile(f);
                }}
              />
            </div>
          )
        }
      />
      {error && (
        <div className="kc-ch-error" role="alert" data-testid="chains-error">
          {error}
        </div>
      )}
      <QueryState isLoading={maps.isLoading} error={maps.error} onRetry={() => void maps.refetch()}>
        <Panel>
          <Table<ChainMapSummary>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={maps.data?.items ?? []}
            locale={{ emptyText: manager ? t('chains.list.emptyManager') : t('chains.list.empty') }}
            data-testid="chains-table"
            columns={[
              {
                title: t('chains.list.map'),
                key: 'name',
                render: (_, m) => (
                  <span>
                    <Link to={`/chains/${encodeURIComponent(m.id)}`} data-testid="chain-link">
                      {pickTitle({ titleZh: m.nameZh, titleEn: m.nameEn }, locale)}
                    </Link>
                    <SampleTag isSample={m.isSample} />
                    {m.isTemplate && (
                      <>
                        {' '}
                        <Chip tone="info">{t('chains.template')}</Chip>
                      </>
                    )}
                  </span>
                ),
              },
              { title: t('chains.list.cluster'), key: 'cluster', render: (_, m) => clusterLabel(t, m.clusterCode) },
              { title: t('chains.list.version'), key: 'version', render: (_, m) => t('chains.versionLabel', { version: m.latestVersion }) },
              { title: t('chains.list.updated'), key: 'updated', render: (_, m) => formatDateTime(m.updatedAt, locale) },
            ]}
          />
        </Panel>
      </QueryState>
    </div>
  );
};
