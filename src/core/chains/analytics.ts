import type { ChainMap, InnovationCapacity, SupplyRelation } from './model.js';

/**
 * Per-node supply analytics and the chokepoint score. Supplier concentration
 * is the Herfindahl–Hirschman index (sum of squared shares) over the known
 * shares, renormalised to 1 so that a partly known supply is judged on what
 * is known; `coverage` says how much that is.
 */
export type ChokepointWeights = { dependence: number; concentration: number; substitute: number; innovation: number };
export const DEFAULT_CHOKEPOINT_WEIGHTS: ChokepointWeights = { dependence: 0.3, concentration: 0.25, substitute: 0.25, innovation: 0.2 };

export type ChainOptions = {
  /** The centre's country: supply from elsewhere is foreign. */
  homeCountry: string;
  weights: ChokepointWeights;
  /** Foreign share at or above which a node is flagged foreign-dependent. */
  foreignDependenceAt: number;
  /** Score at or above which a node is a chokepoint. */
  chokepointAt: number;
};
export const DEFAULT_CHAIN_OPTIONS: ChainOptions = { homeCountry: 'CN', weights: DEFAULT_CHOKEPOINT_WEIGHTS, foreignDependenceAt: 0.5, chokepointAt: 0.6 };

export type NodeAnalytics = {
  nodeId: string;
  suppliers: number;
  localSuppliers: number;
  /** Share of the node's supply from inside the centre (0–1, of the whole supply, not renormalised). */
  localShare: number;
  foreignShare: number;
  /** Sum of the known shares (0–1): how much of the supply the analytics see. */
  coverage: number;
  hhiFirm: number;
  hhiRegion: number;
  hhiCountry: number;
  singleSource: boolean;
  foreignDependent: boolean;
  innovators: number;
  /** Each component in [0, 1]; the score is their weighted mean. */
  components: { dependence: number; concentration: number; substitute: number; innovation: number };
  score: number;
  chokepoint: boolean;
  /** Why it is flagged, as codes the web words. */
  reasons: string[];
};

/** HHI of shares grouped by key, over the shares' own total (0 for no shares). */
export const hhi = (shares: readonly { key: string; share: number }[]): number => {
  const total = shares.reduce((s, x) => s + x.share, 0);
  if (total <= 0) return 0;
  const byKey = new Map<string, number>();
  for (const x of shares) byKey.set(x.key, (byKey.get(x.key) ?? 0) + x.share);
  let sum = 0;
  for (const v of byKey.values()) sum += (v / total) ** 2;
  return sum;
};

const sourceKey = (s: SupplyRelation): string => s.supplierId ?? `outside:${s.country}:${s.region}`;

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Normalised weights: the score stays in [0, 1] whatever the configured numbers. */
export const normaliseWeights = (w: ChokepointWeights): ChokepointWeights => {
  const parts = [w.dependence, w.concentration, w.substitute, w.innovation].map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const total = parts.reduce((a, b) => a + b, 0);
  if (total === 0) return { dependence: 0.25, concentration: 0.25, substitute: 0.25, innovation: 0.25 };
  const [dependence, concentration, substitute, innovation] = parts.map((x) => x / total) as [number, number, number, number];
  return { dependence, concentration, substitute, innovation };
};

export const analyseNode = (nodeId: string, supplies: readonly SupplyRelation[], capacity: InnovationCapacity | undefined, options: ChainOptions = DEFAULT_CHAIN_OPTIONS): NodeAnalytics => {
  const rows = supplies.filter((s) => s.share > 0);
  const sources = new Set(rows.map(sourceKey));
  const localSources = new Set(rows.filter((s) => s.local).map(sourceKey));
  const coverage = clamp01(rows.reduce((s, x) => s + x.share, 0));
  const localShare = clamp01(rows.filter((s) => s.local).reduce((s, x) => s + x.share, 0));
  const foreignShare = clamp01(rows.filter((s) => s.country !== options.homeCountry).reduce((s, x) => s + x.share, 0));
  const hhiFirm = hhi(rows.map((s) => ({ key: sourceKey(s), share: s.share })));
  const hhiRegion = hhi(rows.map((s) => ({ key: `${s.country}:${s.region}`, share: s.share })));
  const hhiCountry = hhi(rows.map((s) => ({ key: s.country, share: s.share })));
  const innovators = Object.values(capacity ?? {}).reduce((a, b) => a + (b > 0 ? b : 0), 0);
  // Foreign share of what is known: unknown supply neither raises nor hides dependence.
  const dependence = coverage > 0 ? clamp01(foreignShare / coverage) : 0;
  const concentration = rows.length > 0 ? Math.max(hhiFirm, hhiCountry) : 0;
  const substitute = rows.length === 0 ? 0 : localSources.size === 0 ? 1 : clamp01(1 - localShare / coverage);
  const innovation = 1 / (1 + innovators);
  const w = normaliseWeights(options.weights);
  const score = rows.length === 0 ? 0 : w.dependence * dependence + w.concentration * concentration + w.substitute * substitute + w.innovation * innovation;
  const singleSource = sources.size === 1;
  const foreignDependent = coverage > 0 && dependence >= options.foreignDependenceAt;
  const reasons: string[] = [];
  if (rows.length === 0) reasons.push('no_supply_data');
  if (singleSource) reasons.push('single_source');
  if (foreignDependent) reasons.push('foreign_dependent');
  if (rows.length > 0 && localSources.size === 0) reasons.push('no_local_supplier');
  if (innovators === 0) reasons.push('no_local_innovation');
  if (rows.length > 0 && concentration >= 0.25) reasons.push('concentrated');
  return {
    nodeId,
    suppliers: sources.size,
    localSuppliers: localSources.size,
    localShare,
    foreignShare,
    coverage,
    hhiFirm,
    hhiRegion,
    hhiCountry,
    singleSource,
    foreignDependent,
    innovators,
    components: { dependence, concentration, substitute, innovation },
    score: Math.round(score * 1e6) / 1e6,
    chokepoint: rows.length > 0 && score >= options.chokepointAt,
    reasons,
  };
};

export type ChainAnalytics = {
  nodes: NodeAnalytics[];
  /** Share of nodes with at least one local supplier. */
  completeness: number;
  chokepoints: number;
  /** Local share of supply averaged over nodes with supply data. */
  localShare: number;
};

/** Every node of a map analysed in one pass over its supply relations. */
export const analyseChain = (map: ChainMap, capacity: ReadonlyMap<string, InnovationCapacity>, options: ChainOptions = DEFAULT_CHAIN_OPTIONS): ChainAnalytics => {
  const byNode = new Map<string, SupplyRelation[]>();
  for (const s of map.supplies) {
    const list = byNode.get(s.nodeId);
    if (list) list.push(s);
    else byNode.set(s.nodeId, [s]);
  }
  const nodes = map.nodes.map((n) => analyseNode(n.id, byNode.get(n.id) ?? [], capacity.get(n.id), options));
  const withSupply = nodes.filter((n) => n.suppliers > 0);
  return {
    nodes,
    completeness: nodes.length === 0 ? 0 : nodes.filter((n) => n.localSuppliers > 0).length / nodes.length,
    chokepoints: nodes.filter((n) => n.chokepoint).length,
    localShare: withSupply.length === 0 ? 0 : withSupply.reduce((s, n) => s + n.localShare, 0) / withSupply.length,
  };
};
