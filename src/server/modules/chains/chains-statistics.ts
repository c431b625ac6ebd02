import { analyseChain, DEFAULT_CHAIN_OPTIONS, DEFAULT_CHOKEPOINT_WEIGHTS } from '../../../core/chains/index.js';
import type { ChainSupplySnapshot } from '../../../db/schema/index.js';
import type { ReadTx } from '../../../db/tx.js';
import { CHAIN_CLUSTERS } from '../../../shared/chains-vocabulary.js';
import type { DerivedFigure } from '../indicators/derived-figures.service.js';
import { capacityOf, engineMap } from './chains.service.js';
import * as repo from './chains.repository.js';
import { yearIn } from '../../../core/calendar.js';

const CLUSTER_NAMES: Record<(typeof CHAIN_CLUSTERS)[number], { zh: string; en: string }> = {
  artificial_intelligence: { zh: '人工智能', en: 'artificial intelligence' },
  integrated_circuits: { zh: '集成电路', en: 'integrated circuits' },
  life_health: { zh: '生命健康', en: 'life and health' },
  new_generation_it: { zh: '新一代信息技术', en: 'new-generation IT' },
  aerospace: { zh: '航空航天', en: 'aerospace' },
  hydrogen_energy: { zh: '氢能', en: 'hydrogen energy' },
  new_energy_vehicles: { zh: '新能源汽车', en: 'new energy vehicles' },
  blockchain: { zh: '区块链', en: 'blockchain' },
  quantum: { zh: '量子信息', en: 'quantum' },
  mobile_6g: { zh: '6G', en: '6G' },
  other: { zh: '其他产业', en: 'other industries' },
};

/**
 * Chain indicators for the evaluation engine: per cluster and year, the
 * completeness, chokepoint count and local share of the cluster's map as of
 * the last version saved that year (its supply frozen when the next version
 * was saved, or live for the newest). Defined per cluster so that figures of
 * two industries never share a cell.
 */
export const CHAIN_INDICATORS = CHAIN_CLUSTERS.flatMap((c) => {
  const n = CLUSTER_NAMES[c];
  return [
    { code: `chain_completeness_${c}`, nameZh: `${n.zh}产业链完整度`, nameEn: `Chain completeness: ${n.en}`, unit: '%', direction: 1 as const, definitionZh: `${n.zh}产业链图谱中至少有一家本地供应商的环节占全部环节的比例（按当年最后保存的版本）。`, definitionEn: `Share of the ${n.en} chain map’s nodes with at least one local supplier (the last version saved in the year).` },
    { code: `chain_chokepoints_${c}`, nameZh: `${n.zh}产业链卡脖子环节数`, nameEn: `Chokepoints: ${n.en}`, unit: 'nodes', direction: -1 as const, definitionZh: `${n.zh}产业链图谱中卡脖子评分达到阈值（${DEFAULT_CHAIN_OPTIONS.chokepointAt}）的环节数。`, definitionEn: `Nodes of the ${n.en} chain map whose chokepoint score reaches ${DEFAULT_CHAIN_OPTIONS.chokepointAt}.` },
    { code: `chain_local_share_${c}`, nameZh: `${n.zh}产业链本地供应占比`, nameEn: `Local share of supply: ${n.en}`, unit: '%', direction: 1 as const, definitionZh: `${n.zh}产业链图谱中有供应数据的环节，其本地供应占比的平均值。`, definitionEn: `Local share of supply averaged over the ${n.en} chain map’s nodes with supply data.` },
  ];
});

const yearOf = (d: Date, timeZone: string): string => String(yearIn(d, timeZone));
const round = (x: number) => Math.round(x * 1e4) / 1e4;

export const loadChainFigures = async (tx: ReadTx, centreId: string, timeZone: string): Promise<DerivedFigure[]> => {
  const versions = await repo.versionsOfCentre(tx, centreId);
  if (versions.length === 0) return [];
  const mapIds = [...new Set(versions.map((v) => v.map.id))];
  const [live, links] = [await repo.suppliesOfMaps(tx, mapIds), await repo.innovationOfMaps(tx, mapIds)];
  const patents = await repo.patentCounts(tx, centreId, links.flatMap((l) => (l.ipcPrefix ? [l.ipcPrefix] : [])));
  const suppliesOf = (v: (typeof versions)[number]): ChainSupplySnapshot[] =>
    v.version.version === v.map.latestVersion ? live.filter((s) => s.mapId === v.map.id) : (versions.find((x) => x.map.id === v.map.id && x.version.version === v.version.version + 1)?.version.suppliesAtSave ?? []);
  // The last version of each map saved in each year.
  const lastOfYear = new Map<string, (typeof versions)[number]>();
  for (const v of versions) {
    const key = `${v.map.id}|${yearOf(v.version.createdAt, timeZone)}`;
    const prev = lastOfYear.get(key);
    if (!prev || v.version.version > prev.version.version) lastOfYear.set(key, v);
  }
  // Per cluster and year, the newest of those that has supply entered (a map without any says nothing about the chain yet).
  const chosen = new Map<string, { v: (typeof versions)[number]; supplies: ChainSupplySnapshot[] }>();
  for (const [key, v] of lastOfYear) {
    const supplies = suppliesOf(v);
    if (engineMap(v.version.content, supplies).supplies.length === 0) continue;
    const slot = `${v.map.clusterCode}|${key.split('|')[1] as string}`;
    const prev = chosen.get(slot)?.v;
    const newer = !prev || v.version.createdAt > prev.version.createdAt || (v.version.createdAt.getTime() === prev.version.createdAt.getTime() && v.map.id > prev.map.id);
    if (newer) chosen.set(slot, { v, supplies });
  }
  const figures: DerivedFigure[] = [];
  for (const [key, { v, supplies }] of chosen) {
    const [cluster, period] = key.split('|') as [string, string];
    const chain = engineMap(v.version.content, supplies);
    const capacity = capacityOf(links.filter((l) => l.mapId === v.map.id), patents);
    const a = analyseChain(chain, capacity, { ...DEFAULT_CHAIN_OPTIONS, weights: v.version.content.weights ?? DEFAULT_CHOKEPOINT_WEIGHTS });
    const records = [{ kind: 'chain_map_version', id: v.version.id }];
    const n = a.nodes.length;
    const withLocal = a.nodes.filter((x) => x.localSuppliers > 0).length;
    const withSupply = a.nodes.filter((x) => x.suppliers > 0);
    figures.push(
      { code: `chain_completeness_${cluster}`, period, value: round(100 * a.completeness), numerator: withLocal, denominator: n, records, isSample: v.map.isSample },
      { code: `chain_chokepoints_${cluster}`, period, value: a.chokepoints, numerator: a.chokepoints, denominator: null, records, isSample: v.map.isSample },
      { code: `chain_local_share_${cluster}`, period, value: round(100 * a.localShare), numerator: round(withSupply.reduce((s, x) => s + x.localShare, 0)), denominator: withSupply.length, records, isSample: v.map.isSample },
    );
  }
  return figures;
};
