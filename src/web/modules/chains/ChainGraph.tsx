import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import '../../charts/echarts-graph.js';
import { EChart } from '../../charts/EChart.js';
import { escapeHtml } from '../../charts/options/escape-html.js';
import { pickTitle } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { ChainMapView, NodeAnalytics, WhatIf } from './hooks.js';
import { layoutChain, scoreColour } from './layout.js';

type Props = { map: ChainMapView; analytics: Map<string, NodeAnalytics>; exposure: WhatIf | null; selected: string | null; onSelect: (nodeId: string) => void };

/**
 * The chain as a layered graph: upstream on the left, downstream on the
 * right; each segment coloured by its chokepoint score (grey: no supply
 * data), a chokepoint drawn larger, and the segments a what-if exposes ringed
 * with the share of their output at risk.
 */
export const ChainGraph = ({ map, analytics, exposure, selected, onSelect }: Props) => {
  const { t, locale } = useI18n();
  // A large map (hundreds of segments) gets tighter rows, smaller dots and names only where they matter
  // (chokepoints, the chosen segment, exposed ones; the rest on hover), so it still reads; the ranked list does the rest.
  const many = map.nodes.length > 60;
  const rowGap = many ? 28 : 70;
  const placed = useMemo(() => layoutChain(map.nodes, map.links, { columnGap: 220, rowGap }), [map, rowGap]);
  const option = useMemo<EChartsOption>(() => {
    const exposed = new Map((exposure?.exposed ?? []).map((e) => [e.nodeId, e.exposure]));
    const name = (id: string) => {
      const n = map.nodes.find((x) => x.id === id);
      return n ? pickTitle({ titleZh: n.nameZh, titleEn: n.nameEn }, locale) : id;
    };
    return {
      animation: false,
      tooltip: {
        formatter: (p: unknown) => {
          const d = (p as { dataType?: string; data?: { id?: string } }).data;
          if ((p as { dataType?: string }).dataType !== 'node' || !d?.id) return '';
          const a = analytics.get(d.id);
          const lines = [name(d.id)];
          if (a) lines.push(t('chains.graph.tooltip', { score: Math.round(a.score * 100), suppliers: a.suppliers, local: a.localSuppliers }));
          if (exposed.has(d.id)) lines.push(t('chains.whatIf.atRisk', { share: Math.round((exposed.get(d.id) as number) * 100) }));
          // Tooltips are HTML: segment names are typed by users.
          return lines.map(escapeHtml).join('<br/>');
        },
      },
      series: [
        {
          type: 'graph',
          layout: 'none',
          roam: true,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 8,
          label: { show: true, position: 'bottom', fontSize: 12, width: 160, overflow: 'truncate' },
          lineStyle: { color: '#8c8c8c', width: 1.2, opacity: 0.7, curveness: 0.05 },
          emphasis: { focus: 'adjacency', label: { show: true } },
          data: placed.map((p) => {
            const a = analytics.get(p.id);
            const hasData = a !== undefined && a.suppliers > 0;
            const risk = exposed.get(p.id);
            return {
              id: p.id,
              name: name(p.id),
              x: p.x,
              y: p.y,
              symbolSize: many ? (a?.chokepoint ? 16 : 10) : a?.chokepoint ? 34 : 24,
              itemStyle: {
                color: scoreColour(hasData ? (a as NodeAnalytics).score : null),
                borderColor: risk !== undefined ? '#1f1f1f' : p.id === selected ? '#1d39c4' : '#ffffff',
                borderWidth: risk !== undefined || p.id === selected ? 3 : 1,
              },
              label: risk !== undefined ? { show: true, formatter: `${name(p.id)}\n−${Math.round(risk * 100)}%` } : { show: !many || a?.chokepoint === true || p.id === selected },
            };
          }),
          links: map.links.map((l) => ({ source: l.from, target: l.to })),
        },
      ],
    };
  }, [map, placed, many, analytics, exposure, selected, locale, t]);
  const rows = Math.max(1, ...placed.map((p) => p.row + 1));
  const height = Math.max(320, Math.min(many ? 1800 : 900, 80 + rowGap * rows));
  return <EChart option={option} height={height} ariaLabel={t('chains.graph.aria')} data-testid="chain-graph" onClick={(p) => p.dataType === 'node' && typeof (p.data as { id?: string })?.id === 'string' && onSelect((p.data as { id: string }).id)} />;
};
