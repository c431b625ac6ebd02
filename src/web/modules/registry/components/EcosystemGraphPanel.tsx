import { Segmented } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { EChart } from '../../../charts/EChart.js';
// Registers the graph series on the shared echarts instance (only pages with a graph load it).
import '../../../charts/echarts-graph.js';
import { buildEcosystemGraphOption, graphLegend, nodeLink } from '../../../charts/options/ecosystem-graph.js';
import { useChartTheme } from '../../../charts/useChartTheme.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { QueryState } from '../../../ui/QueryState.js';
import { useEntityGraphQuery } from '../hooks/useEntityGraphQuery.js';

const DEPTHS = [1, 2, 3] as const;

/** The actors around this one as a force-directed graph; a click on a node opens its profile. */
export const EcosystemGraphPanel = ({ centreId, entityId, name }: { centreId: string; entityId: string; name: string }) => {
  const { t } = useI18n();
  const theme = useChartTheme();
  const navigate = useNavigate();
  const [depth, setDepth] = useState<number>(2);
  const query = useEntityGraphQuery(centreId, entityId, depth);
  const graph = query.data;
  const option = useMemo(() => (graph ? buildEcosystemGraphOption({ graph, rootId: entityId }, theme, t) : null), [graph, entityId, theme, t]);
  const legend = graph ? graphLegend(graph, theme, t) : [];
  const alone = graph !== undefined && graph.links.length === 0;
  // Room grows with the network; a lone actor needs little.
  const size = graph?.nodes.length ?? 0;
  const height = alone ? 200 : size > 12 ? 460 : 360;

  return (
    <Panel
      title={t('profile.graph')}
      data-testid="profile-graph"
      extra={
        <Segmented
          size="small"
          value={depth}
          onChange={(value) => setDepth(Number(value))}
          options={DEPTHS.map((d) => ({ value: d, label: t('graph.depthOption', { depth: d }) }))}
          aria-label={t('graph.depthLabel')}
        />
      }
    >
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()} skeletonRows={6}>
        {option && graph && (
          <>
            <EChart
              option={option}
              height={height}
              ariaLabel={t('graph.aria', { name, count: graph.nodes.length })}
              data-testid="profile-graph-chart"
              onClick={(params) => {
                if (params.dataType !== 'node') return;
                const link = nodeLink(graph.nodes[params.dataIndex ?? -1], entityId);
                if (link) navigate(link);
              }}
            />
            <div className="kc-map-legend kc-graph-legend" aria-hidden>
              {legend.map((item) => (
                <span key={item.key} className="kc-graph-legend-item">
                  <span className={item.cluster ? 'kc-graph-swatch is-cluster' : 'kc-graph-swatch'} style={item.cluster ? { borderColor: item.color } : { background: item.color }} />
                  {item.label}
                </span>
              ))}
            </div>
            <p className="kc-chart-note">
              {alone ? t('graph.alone') : t('graph.hint')}
              {graph.truncated && <> {t('graph.truncated', { count: graph.nodes.length })}</>}
            </p>
          </>
        )}
      </QueryState>
    </Panel>
  );
};
