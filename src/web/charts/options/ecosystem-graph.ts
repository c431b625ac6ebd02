import type { EChartsOption } from 'echarts';
import type { TGraph } from '../../../shared/schemas/registry.js';
import { otherName, pickName } from '../../i18n/format.js';
import type { Translator } from '../../i18n/translate.js';
import { entityPath } from '../../modules/registry/utils/paths.js';
import { categoryLabel, isCategory, kindLabel, relationName } from '../../modules/registry/utils/vocab.js';
import type { ChartTheme } from '../chart-theme.js';
import { categoryColor } from '../palette.js';
import { tooltipHtml, type TooltipContent } from './tooltip.js';

type GraphNode = TGraph['nodes'][number];
type GraphLink = TGraph['links'][number];

export type EcosystemGraphData = {
  graph: TGraph;
  /** The actor whose profile shows the graph: drawn largest, in the middle. */
  rootId: string;
};

/** A node's colour: its category's (as on its tag elsewhere); clusters and unknown categories are neutral. */
export const nodeColor = (node: Pick<GraphNode, 'category' | 'isCluster'>, theme: ChartTheme): string =>
  !node.isCluster && isCategory(node.category) ? categoryColor(node.category) : theme.textSecondary;

/** Root largest, then nearer nodes larger than farther ones; a cluster grows (slowly) with what it stands for. */
export const nodeSize = (node: Pick<GraphNode, 'depth' | 'isCluster' | 'clusterSize'>, isRoot: boolean): number => {
  if (isRoot) return 30;
  if (node.isCluster) return Math.min(34, 16 + Math.round(4 * Math.log2(Math.max(1, node.clusterSize))));
  return node.depth <= 1 ? 18 : 12;
};

/** The label a node carries: its name, or for a cluster the relation and how many records it stands for. */
export const nodeLabel = (node: GraphNode, t: Translator): string =>
  node.isCluster
    ? t('graph.clusterLabel', { relation: relationName(node.kind ?? node.nameEn, t), count: node.clusterSize })
    : pickName(node, t.locale);

/** Where a click on a node leads: that actor's profile; nowhere for the root and for clusters. */
export const nodeLink = (node: Pick<GraphNode, 'id' | 'isCluster'> | undefined, rootId: string): string | null =>
  node && !node.isCluster && node.id !== rootId ? entityPath(node.id) : null;

export const nodeTooltip = (node: GraphNode, t: Translator): TooltipContent => {
  if (node.isCluster) {
    return { title: nodeLabel(node, t), lines: [t('graph.clusterHint', { count: node.clusterSize, relation: relationName(node.kind ?? node.nameEn, t) })] };
  }
  const lines: string[] = [];
  const other = otherName(node, t.locale);
  if (other) lines.push(other);
  lines.push(kindLabel(node.kind, t) ?? categoryLabel(node.category, t));
  if (node.depth > 0) lines.push(t(node.depth === 1 ? 'graph.depthDirect' : 'graph.depthIndirect', { depth: node.depth }));
  return { title: pickName(node, t.locale), lines };
};

export const linkTooltip = (link: GraphLink, byId: ReadonlyMap<string, GraphNode>, t: Translator): TooltipContent => {
  const name = (id: string) => {
    const node = byId.get(id);
    return node ? nodeLabel(node, t) : id;
  };
  return { title: relationName(link.type, t), lines: [`${name(link.source)} ${SYMMETRIC.has(link.type) ? '—' : '→'} ${name(link.target)}`] };
};

/** Relations that read the same both ways are drawn without an arrow. */
const SYMMETRIC = new Set(['partner_of']);

/** The categories present, in order of first appearance, for an HTML legend beside the canvas. */
export const graphLegend = (graph: TGraph, theme: ChartTheme, t: Translator): Array<{ key: string; label: string; color: string; cluster: boolean }> => {
  const seen = new Map<string, { key: string; label: string; color: string; cluster: boolean }>();
  for (const node of graph.nodes) {
    const key = node.isCluster ? 'cluster' : node.category;
    if (seen.has(key)) continue;
    seen.set(key, { key, label: node.isCluster ? t('graph.clusterLegend') : categoryLabel(node.category, t), color: nodeColor(node, theme), cluster: node.isCluster });
  }
  return [...seen.values()];
};

/**
 * The actors around one actor as a force-directed graph: nodes coloured by
 * category, sized by closeness, clusters (a large fan of one relation) drawn
 * as dashed outlined boxes; links named by their relation in the tooltip.
 * Starts from a circular layout so the same data gives the same picture.
 */
export const buildEcosystemGraphOption = (data: EcosystemGraphData, theme: ChartTheme, t: Translator): EChartsOption => {
  const { graph, rootId } = data;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const p = params as { dataType?: string; dataIndex?: number };
        if (p.dataType === 'edge') {
          const link = graph.links[p.dataIndex ?? -1];
          return link ? tooltipHtml(linkTooltip(link, byId, t)) : '';
        }
        const node = graph.nodes[p.dataIndex ?? -1];
        return node ? tooltipHtml(nodeTooltip(node, t)) : '';
      },
    },
    series: [
      {
        type: 'graph',
        layout: 'force',
        // Drag to pan; the mouse wheel keeps scrolling the page.
        roam: 'move',
        draggable: true,
        force: { initLayout: 'circular', repulsion: 420, gravity: 0.08, edgeLength: [90, 160], friction: 0.6, layoutAnimation: theme.animation },
        label: { show: true, position: 'right', color: theme.text, fontSize: theme.fontSize, overflow: 'truncate', width: 180 },
        // Dark enough for the arrowheads to read against the white canvas.
        lineStyle: { color: theme.textSecondary, width: 1.2, opacity: 0.55, curveness: 0.08 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 2.5, color: theme.textSecondary } },
        data: graph.nodes.map((node) => {
          const isRoot = node.id === rootId;
          const color = nodeColor(node, theme);
          return {
            id: node.id,
            name: nodeLabel(node, t),
            symbol: node.isCluster ? 'roundRect' : 'circle',
            symbolSize: nodeSize(node, isRoot),
            cursor: nodeLink(node, rootId) ? 'pointer' : 'default',
            itemStyle: node.isCluster
              ? { color: theme.background, borderColor: color, borderWidth: 1.5, borderType: 'dashed' as const }
              : { color, borderColor: theme.background, borderWidth: isRoot ? 3 : 1.5 },
            // The root's name goes under it, where there is room for a long name.
            label: isRoot ? { fontWeight: 'bold' as const, fontSize: theme.fontSize + 1, position: 'bottom' as const, width: 240 } : {},
          };
        }),
        // Arrows point from → to (a person → the organisation they are affiliated with).
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: [0, 8],
        links: graph.links.map((link) => ({
          source: link.source,
          target: link.target,
          ...(SYMMETRIC.has(link.type) ? { symbol: ['none', 'none'] } : {}),
          lineStyle: byId.get(link.target)?.isCluster || byId.get(link.source)?.isCluster ? { type: 'dashed' as const } : {},
        })),
      },
    ],
  };
};
