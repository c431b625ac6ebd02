import type { ChainMap, SupplyRelation } from './model.js';

export type ChainDiff = {
  nodesAdded: string[];
  nodesRemoved: string[];
  nodesRenamed: { id: string; before: string; after: string }[];
  linksAdded: { from: string; to: string }[];
  linksRemoved: { from: string; to: string }[];
  suppliesAdded: SupplyRelation[];
  suppliesRemoved: SupplyRelation[];
  suppliesChanged: { before: SupplyRelation; after: SupplyRelation }[];
};

const supplyKey = (s: SupplyRelation) => `${s.nodeId}|${s.supplierId ?? ''}|${s.country}|${s.region}`;
const linkKey = (l: { from: string; to: string }) => `${l.from}→${l.to}`;
const byId = <T,>(list: readonly T[], key: (x: T) => string) => new Map(list.map((x) => [key(x), x]));

/** What changed between two versions of a map ("since last quarter"), each list in a stable order. */
export const diffChains = (before: ChainMap, after: ChainMap): ChainDiff => {
  const nb = byId(before.nodes, (n) => n.id);
  const na = byId(after.nodes, (n) => n.id);
  const lb = byId(before.links, linkKey);
  const la = byId(after.links, linkKey);
  const sb = byId(before.supplies, supplyKey);
  const sa = byId(after.supplies, supplyKey);
  const sorted = (xs: string[]) => xs.sort();
  return {
    nodesAdded: sorted([...na.keys()].filter((k) => !nb.has(k))),
    nodesRemoved: sorted([...nb.keys()].filter((k) => !na.has(k))),
    nodesRenamed: [...na.values()].filter((n) => nb.has(n.id) && nb.get(n.id)?.name !== n.name).map((n) => ({ id: n.id, before: nb.get(n.id)?.name ?? '', after: n.name })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    linksAdded: sorted([...la.keys()].filter((k) => !lb.has(k))).map((k) => la.get(k) as { from: string; to: string }),
    linksRemoved: sorted([...lb.keys()].filter((k) => !la.has(k))).map((k) => lb.get(k) as { from: string; to: string }),
    suppliesAdded: sorted([...sa.keys()].filter((k) => !sb.has(k))).map((k) => sa.get(k) as SupplyRelation),
    suppliesRemoved: sorted([...sb.keys()].filter((k) => !sa.has(k))).map((k) => sb.get(k) as SupplyRelation),
    suppliesChanged: sorted([...sa.keys()].filter((k) => sb.has(k) && (sb.get(k)?.share !== sa.get(k)?.share || sb.get(k)?.local !== sa.get(k)?.local))).map((k) => ({ before: sb.get(k) as SupplyRelation, after: sa.get(k) as SupplyRelation })),
  };
};
