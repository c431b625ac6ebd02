import type { CHAIN_CLUSTERS } from '../../../shared/chains-vocabulary.js';
import type { TChainNode } from '../../../shared/schemas/chains.js';

/**
 * Chain-map templates built from general domain knowledge (the usual
 * segmentation of each industry), not from any centre's sources: a map made from one is labelled `is_template`, and its supply,
 * placements and innovation links start empty for the centre to fill.
 */
export type ChainTemplate = { code: string; clusterCode: (typeof CHAIN_CLUSTERS)[number]; nameZh: string; nameEn: string; nodes: TChainNode[]; links: { from: string; to: string }[] };

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

const pairs = (list: [string, string][]) => list.map(([from, to]) => ({ from, to }));

// New energy vehicles: battery materials to cells and packs, electric drive and power electronics, vehicle chips and
// driving-automation sensors, assembled into vehicles that charging infrastructure serves.
const NEV_NODES: TChainNode[] = [
  n('lithium-resources', '锂资源', 'Lithium resources', 'material', 0),
  n('cathode-materials', '正极材料', 'Cathode materials', 'material', 1),
  n('anode-materials', '负极材料', 'Anode materials', 'material', 1),
  n('electrolyte-separators', '电解液与隔膜', 'Electrolytes and separators', 'material', 1),
  n('battery-cells', '动力电池电芯', 'Traction battery cells', 'component', 2),
  n('battery-packs-bms', '电池包与电池管理系统', 'Battery packs and BMS', 'component', 3),
  n('power-semiconductors', '功率半导体（IGBT/碳化硅）', 'Power semiconductors (IGBT, SiC)', 'component', 1),
  n('electric-drive', '电驱动系统', 'Electric drive systems', 'component', 2),
  n('vehicle-chips', '车规级芯片', 'Automotive-grade chips', 'component', 1),
  n('sensors', '激光雷达与摄像头', 'Lidar and cameras', 'component', 1),
  n('driving-computing', '智能驾驶计算平台', 'Automated-driving compute', 'component', 2),
  n('vehicle-software', '车载操作系统与软件', 'Vehicle operating system and software', 'technology', 2),
  n('vehicles', '整车制造', 'Vehicle manufacturing', 'product', 4),
  n('charging', '充换电设施', 'Charging and battery swapping', 'service', 5),
];
const NEV_LINKS = pairs([
  ['lithium-resources', 'cathode-materials'],
  ['lithium-resources', 'electrolyte-separators'],
  ['cathode-materials', 'battery-cells'],
  ['anode-materials', 'battery-cells'],
  ['electrolyte-separators', 'battery-cells'],
  ['battery-cells', 'battery-packs-bms'],
  ['vehicle-chips', 'battery-packs-bms'],
  ['power-semiconductors', 'electric-drive'],
  ['battery-packs-bms', 'vehicles'],
  ['electric-drive', 'vehicles'],
  ['vehicle-chips', 'driving-computing'],
  ['sensors', 'driving-computing'],
  ['driving-computing', 'vehicles'],
  ['vehicle-software', 'vehicles'],
  ['vehicles', 'charging'],
]);

// Artificial intelligence: chips and computing power, data, frameworks and foundation models, then applications.
const AI_NODES: TChainNode[] = [
  n('ai-chips', 'AI芯片', 'AI chips', 'component', 0),
  n('servers', 'AI服务器', 'AI servers', 'equipment', 1),
  n('computing-centres', '智算中心', 'AI computing centres', 'service', 2),
  n('datasets', '数据集与数据标注', 'Datasets and data annotation', 'service', 0),
  n('frameworks', '深度学习框架', 'Deep-learning frameworks', 'technology', 1),
  n('foundation-models', '通用大模型', 'Foundation models', 'technology', 3),
  n('industry-models', '行业大模型', 'Industry models', 'technology', 4),
  n('ai-applications', '智能应用（医疗、制造、政务等）', 'AI applications (health, manufacturing, government …)', 'product', 5),
];
const AI_LINKS = pairs([
  ['ai-chips', 'servers'],
  ['servers', 'computing-centres'],
  ['computing-centres', 'foundation-models'],
  ['datasets', 'foundation-models'],
  ['frameworks', 'foundation-models'],
  ['foundation-models', 'industry-models'],
  ['datasets', 'industry-models'],
  ['industry-models', 'ai-applications'],
]);

export const CHAIN_TEMPLATES: Readonly<Record<string, ChainTemplate>> = {
  integrated_circuits: {
    code: 'integrated_circuits',
    clusterCode: 'integrated_circuits',
    nameZh: '集成电路产业链（模板）',
    nameEn: 'Integrated-circuit industry chain (template)',
    nodes: IC_NODES,
    links: IC_LINKS,
  },
  new_energy_vehicles: { code: 'new_energy_vehicles', clusterCode: 'new_energy_vehicles', nameZh: '新能源汽车产业链（模板）', nameEn: 'New-energy-vehicle industry chain (template)', nodes: NEV_NODES, links: NEV_LINKS },
  artificial_intelligence: { code: 'artificial_intelligence', clusterCode: 'artificial_intelligence', nameZh: '人工智能产业链（模板）', nameEn: 'Artificial-intelligence industry chain (template)', nodes: AI_NODES, links: AI_LINKS },
};
