import type { TChainNode } from '../../../shared/schemas/chains.js';

/**
 * Chain-map templates built from general domain knowledge (the usual
 * segmentation of the integrated-circuit industry), not from any centre's
 * sources: a map made from one is labelled `is_template`, and its supply,
 * placements and innovation links start empty for the centre to fill.
 */
export type ChainTemplate = { code: string; clusterCode: 'integrated_circuits'; nameZh: string; nameEn: string; nodes: TChainNode[]; links: { from: string; to: string }[] };

const n = (id: string, nameZh: string, nameEn: string, kind: TChainNode['kind'], layer: number): TChainNode => ({ id, nameZh, nameEn, kind, layer });

const IC_NODES: TChainNode[] = [
  n('eda', 'EDA工具', 'EDA tools', 'technology', 0),
  n('ip', '半导体IP核', 'Semiconductor IP cores', 'technology', 0),
  n('litho-equipment', '光刻设备', 'Lithography equipment', 'equipment', 0),
  n('etch-deposition-equipment', '刻蚀与薄膜沉积设备', 'Etching and thin-film deposition equipment', 'equipment', 0),
  n('test-equipment', '测试设备', 'Test equipment', 'equipment', 0),
  n('silicon-wafers', '硅片', 'Silicon wafers', 'material', 0),
  n('photoresist', '光刻胶', 'Photoresist', 'material', 0),
  n('electronic-gases', '电子特种气体', 'Electronic specialty gases', 'material', 0),
  n('wet-chemicals', '湿电子化学品', 'Wet electronic chemicals', 'material', 0),
  n('sputtering-targets', '溅射靶材', 'Sputtering targets', 'material', 0),
  n('packaging-substrates', '封装基板', 'Packaging substrates', 'material', 0),
  n('design', '芯片设计', 'Chip design', 'service', 1),
  n('wafer-fab', '晶圆制造', 'Wafer fabrication', 'service', 2),
  n('packaging', '封装', 'Packaging', 'service', 3),
  n('testing', '测试', 'Testing', 'service', 3),
  n('chips', '芯片成品', 'Finished chips', 'product', 4),
];

const IC_LINKS = [
  ['eda', 'design'],
  ['ip', 'design'],
  ['design', 'wafer-fab'],
  ['litho-equipment', 'wafer-fab'],
  ['etch-deposition-equipment', 'wafer-fab'],
  ['silicon-wafers', 'wafer-fab'],
  ['photoresist', 'wafer-fab'],
  ['electronic-gases', 'wafer-fab'],
  ['wet-chemicals', 'wafer-fab'],
  ['sputtering-targets', 'wafer-fab'],
  ['wafer-fab', 'packaging'],
  ['packaging-substrates', 'packaging'],
  ['packaging', 'testing'],
  ['test-equipment', 'testing'],
  ['testing', 'chips'],
].map(([from, to]) => ({ from: from as string, to: to as string }));

export const CHAIN_TEMPLATES: Readonly<Record<string, ChainTemplate>> = {
  integrated_circuits: {
    code: 'integrated_circuits',
    clusterCode: 'integrated_circuits',
    nameZh: '集成电路产业链（模板）',
    nameEn: 'Integrated-circuit industry chain (template)',
    nodes: IC_NODES,
    links: IC_LINKS,
  },
};
