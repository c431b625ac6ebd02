import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ChainGraph } from '../modules/chains/ChainGraph.js';
import { DiffPanel, StructureEditor, SupplySankey, WeightsPanel, WhatIfPanel } from '../modules/chains/ChainPanels.js';
import { exportUrl, useChainAnalyticsQuery, useChainMapQuery, useChainSuppliesQuery, type NodeAnalytics, type WhatIf } from '../modules/chains/hooks.js';
import { clusterLabel, pct, reasonLabel } from '../modules/chains/labels.js';
import { scoreColour } from '../modules/chains/layout.js';
import { NodePanel } from '../modules/chains/NodePanel.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/chains/chains.css';

/**
 * One chain map: the layered graph coloured by chokepoint score, the chain's
 * completeness and chokepoints, the segments ranked by score (a table reads
 * where a 300-node drawing does not), the selected segment with its three
 * chains, a what-if, the supply by region and what changed between versions.
 */
export const ChainMapPage = () => {
  const { mapId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const { can } = useSession();
  const manager = can('chains:manage');
  const map = useChainMapQuery(centre.id, mapId);
  const supplies = useChainSuppliesQuery(centre.id, mapId);
  // Weights being tried (the analytics answer with them); null: the map's own or the defaults.
  const [trialWeights, setTrialWeights] = useState<Record<'dependence' | 'concentration' | 'substitute' | 'innovation', number> | null>(null);
  const analytics = useChainAnalyticsQuery(centre.id, mapId, trialWeights);
  const [selected, setSelected] = useState<string | null>(null);
  const [whatIf, setWhatIf] = useState<WhatIf | null>(null);
  const byNode = useMemo(() => new Map((analytics.data?.nodes ?? []).map((n) => [n.nodeId, n])), [analytics.data]);
  const ranked = useMemo(() => [...(analytics.data?.nodes ?? [])].sort((a, b) => b.score - a.score || (a.nodeId < b.nodeId ? -1 : 1)), [analytics.data]);
  const m = map.data;
  const a = analytics.data;

  return (
    <div className="kc-ch" data-testid="chain-page">
      <Button type="link" icon={<ArrowLeftOutlined />} className="kc-back" onClick={() => navigate('/chains')}>
        {t('chains.back')}
      </Button>
      <QueryState isLoading={map.isLoading} error={map.error} onRetry={() => void map.refetch()}>
        {m && (
          <>
            <PageHeader
              title={
                <span data-testid="chain-title">
                  {pickTitle({ titleZh: m.nameZh, titleEn: m.nameEn }, locale)}
                  <SampleTag isSample={m.isSample} />
                  {m.isTemplate && (
                    <>
                      {' '}
                      <Chip tone="info">{t('chains.template')}</Chip>
                    </>
                  )}
                </span>
              }
              intro={
                <span className="kc-ch-subtitle">
                  <span>{clusterLabel(t, m.clusterCode)}</span>
                  <span data-testid="chain-version">{t('chains.versionLabel', { version: m.version.version })}</span>
                  {m.isTemplate && <span className="kc-muted">{t('chains.templateNote')}</span>}
                </span>
              }
              extra={
                <span className="kc-ch-actions">
                  <Button icon={<DownloadOutlined />} href={exportUrl(centre.id, m.id, 'xlsx', m.version.version)} download data-testid="chain-export-xlsx">
                    {t('chains.exportXlsx')}
                  </Button>
                  <Button icon={<DownloadOutlined />} href={exportUrl(centre.id, m.id, 'json', m.version.version)} download data-testid="chain-export">
                    {t('chains.export')}
                  </Button>
                </span>
              }
            />
            {a && (
              <div className="kc-ch-cards" data-testid="chain-summary">
                <div className="kc-ch-card">
                  <div className="kc-muted">{t('chains.summary.completeness')}</div>
                  <div className="kc-ch-card-value" data-testid="chain-completeness">
                    {pct(a.completeness)}
                  </div>
                  <div className="kc-muted kc-small">{t('chains.summary.completenessHint')}</div>
                </div>
                <div className="kc-ch-card">
                  <div className="kc-muted">{t('chains.summary.chokepoints')}</div>
                  <div className="kc-ch-card-value" data-testid="chain-chokepoints">
                    {a.chokepoints}
                  </div>
                  <div className="kc-muted kc-small">{t('chains.summary.chokepointsHint', { at: Math.round(a.options.chokepointAt * 100) })}</div>
                </div>
                <div className="kc-ch-card">
                  <div className="kc-muted">{t('chains.summary.localShare')}</div>
                  <div className="kc-ch-card-value">{pct(a.localShare)}</div>
                  <div className="kc-muted kc-small">{t('chains.summary.localShareHint')}</div>
                </div>
                <div className="kc-ch-card">
                  <div className="kc-muted">{t('chains.summary.weights')}</div>
                  <div className="kc-small" data-testid="chain-weights">
                    {(['dependence', 'concentration', 'substitute', 'innovation'] as const).map((k) => `${t(`chains.component.${k}`)} ${pct(a.weights.applied[k])}`).join(' · ')}
                  </div>
                  <div className="kc-muted kc-small">{t(`chains.summary.weightsFrom.${a.weights.source}`)}</div>
                </div>
              </div>
            )}
            {a && <WeightsPanel key={`${m.version.version}-${a.weights.source}`} map={m} configured={a.weights.configured} trial={trialWeights} onTrial={setTrialWeights} manager={manager} />}
            {m.warnings.length > 0 && (
              <div className="kc-muted kc-small" role="note" data-testid="chain-warnings">
                {m.warnings.map((w) => w.message).join(t('chains.listSep'))}
              </div>
            )}
            <Panel title={t('chains.graph.title')} extra={<span className="kc-muted kc-small">{t('chains.graph.legend')}</span>}>
              <ChainGraph map={m} analytics={byNode} exposure={whatIf} selected={selected} onSelect={setSelected} />
            </Panel>
            <div className="kc-ch-grid">
              <Panel title={t('chains.segments.title')} data-testid="chain-segments">
                <Table<NodeAnalytics>
                  size="small"
                  rowKey="nodeId"
                  dataSource={ranked}
                  pagination={ranked.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
                  rowClassName={(n) => (n.nodeId === selected ? 'kc-ch-selected' : '')}
                  onRow={(n) => ({ onClick: () => setSelected(n.nodeId), 'data-testid': 'segment-row', 'data-node': n.nodeId }) as never}
                  columns={[
                    {
                      title: t('chains.segments.segment'),
                      key: 'name',
                      render: (_, n) => (
                        <span>
                          <span className="kc-ch-dot" style={{ background: scoreColour(n.suppliers > 0 ? n.score : null) }} />
                          <Button type="link" size="small" onClick={() => setSelected(n.nodeId)} data-testid="segment-open">
                            {pickTitle({ titleZh: n.nameZh, titleEn: n.nameEn }, locale)}
                          </Button>
                        </span>
                      ),
                    },
                    { title: t('chains.segments.score'), key: 'score', width: 80, render: (_, n) => (n.suppliers > 0 ? Math.round(n.score * 100) : t('chains.none')) },
                    { title: t('chains.segments.reasons'), key: 'reasons', render: (_, n) => n.reasons.map((r) => reasonLabel(t, r)).join(t('chains.listSep')) },
                  ]}
                />
              </Panel>
              {selected ? (
                <NodePanel map={m} nodeId={selected} analytics={byNode.get(selected)} supplies={supplies.data?.items ?? []} manager={manager} />
              ) : (
                <Panel title={t('chains.node.pickTitle')}>
                  <p className="kc-muted">{t('chains.node.pick')}</p>
                </Panel>
              )}
            </div>
            <WhatIfPanel map={m} supplies={supplies.data?.items ?? []} result={whatIf} onResult={setWhatIf} />
            <SupplySankey map={m} supplies={supplies.data?.items ?? []} />
            {manager && <StructureEditor map={m} />}
            <DiffPanel map={m} />
          </>
        )}
      </QueryState>
    </div>
  );
};
