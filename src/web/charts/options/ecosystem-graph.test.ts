import { describe, expect, test } from 'vitest';
import type { TGraph } from '../../../shared/schemas/registry.js';
import { categoryColor } from '../palette.js';
import { tEn, testTheme, tZh } from '../../test-support/fixtures.js';
import { buildEcosystemGraphOption, graphLegend, linkTooltip, nodeColor, nodeLabel, nodeLink, nodeSize, nodeTooltip } from './ecosystem-graph.js';

const graph: TGraph = {
  nodes: [
    { id: 'org', nameZh: '科技部', nameEn: 'Ministry of Science and Technology', category: 'organisation', kind: 'government_body', depth: 0, isCluster: false, clusterSize: 1 },
    { id: 'p1', nameZh: '王志刚', nameEn: 'Wang Zhigang', category: 'person', kind: 'person', depth: 1, isCluster: false, clusterSize: 1 },
    { id: 'lab', nameZh: null, nameEn: 'North Lab', category: 'national_lab', kind: 'national_key_lab', depth: 2, isCluster: false, clusterSize: 1 },
    { id: 'cluster:org:member_of', nameZh: null, nameEn: 'member_of', category: 'cluster', kind: 'member_of', depth: 1, isCluster: true, clusterSize: 12 },
  ],
  links: [
    { source: 'p1', target: 'org', type: 'affiliated_with' },
    { source: 'p1', target: 'lab', type: 'partner_of' },
    { source: 'cluster:org:member_of', target: 'org', type: 'member_of' },
  ],
  truncated: false,
};

type Series = {
  type: string;
  layout: string;
  force: { initLayout: string; layoutAnimation: boolean };
  data: Array<{ id: string; name: string; symbol: string; symbolSize: number; itemStyle: { color: string; borderType?: string } }>;
  edgeSymbol: string[];
  links: Array<{ source: string; target: string; symbol?: string[]; lineStyle: { type?: string } }>;
};
const seriesOf = (option: ReturnType<typeof buildEcosystemGraphOption>): Series => (option.series as Series[])[0]!;

describe('buildEcosystemGraphOption', () => {
  test('draws a force-directed graph series with one node per node and one link per link', () => {
    const series = seriesOf(buildEcosystemGraphOption({ graph, rootId: 'org' }, testTheme, tZh));
    expect(series.type).toBe('graph');
    expect(series.layout).toBe('force');
    expect(series.data.map((d) => d.id)).toEqual(['org', 'p1', 'lab', 'cluster:org:member_of']);
    expect(series.links.map((l) => [l.source, l.target])).toEqual([
      ['p1', 'org'],
      ['p1', 'lab'],
      ['cluster:org:member_of', 'org'],
    ]);
  });
  test('arrows point from → to, except on relations that read the same both ways', () => {
    const series = seriesOf(buildEcosystemGraphOption({ graph, rootId: 'org' }, testTheme, tZh));
    expect(series.edgeSymbol).toEqual(['none', 'arrow']);
    expect(series.links.map((l) => l.symbol)).toEqual([undefined, ['none', 'none'], undefined]);
  });
  test('starts from a circular layout, so the same data gives the same picture, and animates only when allowed', () => {
    const series = seriesOf(buildEcosystemGraphOption({ graph, rootId: 'org' }, testTheme, tZh));
    expect(series.force.initLayout).toBe('circular');
    expect(series.force.layoutAnimation).toBe(false);
    expect(buildEcosystemGraphOption({ graph, rootId: 'org' }, { ...testTheme, animation: true }, tZh).animation).toBe(true);
  });
  test('colours nodes by category and draws clusters as dashed boxes on dashed links', () => {
    const series = seriesOf(buildEcosystemGraphOption({ graph, rootId: 'org' }, testTheme, tEn));
    expect(series.data[1]?.itemStyle.color).toBe(categoryColor('person'));
    expect(series.data[2]?.itemStyle.color).toBe(categoryColor('national_lab'));
    const cluster = series.data[3]!;
    expect(cluster.symbol).toBe('roundRect');
    expect(cluster.itemStyle.borderType).toBe('dashed');
    expect(series.links[2]?.lineStyle.type).toBe('dashed');
    expect(series.links[0]?.lineStyle.type).toBeUndefined();
  });
  test('names nodes in the UI language, falling back to the other', () => {
    const zh = seriesOf(buildEcosystemGraphOption({ graph, rootId: 'org' }, testTheme, tZh));
    expect(zh.data.map((d) => d.name)).toEqual(['科技部', '王志刚', 'North Lab', '成员关系 ×12']);
    const en = seriesOf(buildEcosystemGraphOption({ graph, rootId: 'org' }, testTheme, tEn));
    expect(en.data[0]?.name).toBe('Ministry of Science and Technology');
    expect(en.data[3]?.name).toBe('Membership ×12');
  });
  test('has no colour literal of its own besides the category palette', () => {
    const json = JSON.stringify(buildEcosystemGraphOption({ graph, rootId: 'org' }, testTheme, tZh));
    const allowed = new Set([testTheme.text, testTheme.textSecondary, testTheme.border, testTheme.background, ...['organisation', 'person', 'national_lab'].map((c) => categoryColor(c as 'person'))]);
    for (const colour of json.match(/#[0-9a-f]{3,8}\b/gi) ?? []) expect(allowed).toContain(colour);
  });
  test('is a single node, not broken, for an actor without relations', () => {
    const alone: TGraph = { nodes: [graph.nodes[0]!], links: [], truncated: false };
    const series = seriesOf(buildEcosystemGraphOption({ graph: alone, rootId: 'org' }, testTheme, tZh));
    expect(series.data).toHaveLength(1);
    expect(series.links).toEqual([]);
  });
});

describe('node helpers', () => {
  test('the root is largest, nearer nodes larger than farther, clusters grow slowly', () => {
    expect(nodeSize(graph.nodes[0]!, true)).toBeGreaterThan(nodeSize(graph.nodes[1]!, false));
    expect(nodeSize(graph.nodes[1]!, false)).toBeGreaterThan(nodeSize(graph.nodes[2]!, false));
    const big = nodeSize({ depth: 1, isCluster: true, clusterSize: 1000 }, false);
    expect(big).toBeLessThanOrEqual(34);
    expect(big).toBeGreaterThan(nodeSize({ depth: 1, isCluster: true, clusterSize: 9 }, false));
  });
  test('a click leads to another actor’s profile, never from the root or a cluster', () => {
    expect(nodeLink(graph.nodes[1], 'org')).toBe('/registry/p1');
    expect(nodeLink(graph.nodes[0], 'org')).toBeNull();
    expect(nodeLink(graph.nodes[3], 'org')).toBeNull();
    expect(nodeLink(undefined, 'org')).toBeNull();
    expect(nodeLink({ id: 'a b/c', isCluster: false }, 'org')).toBe('/registry/a%20b%2Fc');
  });
  test('neutral colour for clusters and categories the palette does not know', () => {
    expect(nodeColor({ category: 'cluster', isCluster: true }, testTheme)).toBe(testTheme.textSecondary);
    expect(nodeColor({ category: 'spaceship', isCluster: false }, testTheme)).toBe(testTheme.textSecondary);
  });
  test('tooltips say what a node is and how a link relates two nodes', () => {
    expect(nodeTooltip(graph.nodes[1]!, tEn)).toEqual({ title: 'Wang Zhigang', lines: ['王志刚', 'Person', 'Directly related'] });
    expect(nodeTooltip(graph.nodes[2]!, tZh)).toEqual({ title: 'North Lab', lines: ['全国重点实验室', '间接关联（2 度）'] });
    expect(nodeTooltip(graph.nodes[3]!, tZh).lines).toEqual(['12 条“成员关系”关系，数量较多，合并显示']);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(linkTooltip(graph.links[0]!, byId, tZh)).toEqual({ title: '任职关系', lines: ['王志刚 → 科技部'] });
    expect(linkTooltip(graph.links[1]!, byId, tEn).lines).toEqual(['Wang Zhigang — North Lab']);
    expect(nodeLabel(graph.nodes[3]!, tEn)).toBe('Membership ×12');
  });
  test('the legend lists each category present once, clusters last as they appear', () => {
    expect(graphLegend(graph, testTheme, tEn).map((l) => l.label)).toEqual(['Organisations', 'People', 'National laboratories', 'Grouped relations']);
  });
});
