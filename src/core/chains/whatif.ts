import type { ChainMap, SupplyRelation } from './model.js';

/** What a scenario takes away: one supplier, every source in a region, or every source in a country. */
export type Removal = { kind: 'supplier'; supplierId: string } | { kind: 'region'; country: string; region: string } | { kind: 'country'; country: string };

export type NodeExposure = {
  nodeId: string;
  /** Share of the node's own supply the removal takes (0–1). */
  directLoss: number;
  /** Share of the node's output at risk: its own loss or that of the scarcest input upstream, whichever is larger. */
  exposure: number;
  /** The upstream node the exposure comes from (itself when its own supply is the bottleneck). */
  via: string;
};

const removes = (r: Removal) => (s: SupplyRelation): boolean =>
  r.kind === 'supplier' ? s.supplierId === r.supplierId : r.kind === 'country' ? s.country === r.country : s.country === r.country && s.region === r.region;

/** The map's supply with a removal applied (what the analytics see afterwards). */
export const withoutSupply = (map: ChainMap, removal: Removal): ChainMap => ({ ...map, supplies: map.supplies.filter((s) => !removes(removal)(s)) });

/**
 * Which nodes a removal exposes. A node's output is limited by its scarcest
 * input (fixed proportions): availability = min(own remaining supply, the
 * availability of every upstream node), propagated downstream along the
 * links. Only nodes that lose something seed the walk, so a removal touching
 * a few nodes costs little on a large map; cycles settle because a value only
 * ever falls to one already seen.
 */
export const exposureOf = (map: ChainMap, removal: Removal): NodeExposure[] => {
  const hit = removes(removal);
  const loss = new Map<string, number>();
  for (const s of map.supplies) if (s.share > 0 && hit(s)) loss.set(s.nodeId, Math.min(1, (loss.get(s.nodeId) ?? 0) + s.share));
  if (loss.size === 0) return [];
  const downstream = new Map<string, string[]>();
  for (const l of map.links) {
    const list = downstream.get(l.from);
    if (list) list.push(l.to);
    else downstream.set(l.from, [l.to]);
  }
  const known = new Set(map.nodes.map((n) => n.id));
  const availability = new Map<string, number>();
  const via = new Map<string, string>();
  const queue: string[] = [];
  for (const [id, lost] of loss) {
    if (!known.has(id)) continue;
    availability.set(id, 1 - lost);
    via.set(id, id);
    queue.push(id);
  }
  while (queue.length > 0) {
    const u = queue.pop() as string;
    const a = availability.get(u) as number;
    for (const v of downstream.get(u) ?? []) {
      if (!known.has(v)) continue;
      const own = 1 - (loss.get(v) ?? 0);
      const current = availability.get(v) ?? own;
      if (a < current - 1e-12) {
        availability.set(v, a);
        via.set(v, via.get(u) as string);
        queue.push(v);
      } else if (!availability.has(v)) {
        availability.set(v, current);
        via.set(v, v);
      }
    }
  }
  return map.nodes
    .filter((n) => availability.has(n.id) && 1 - (availability.get(n.id) as number) > 1e-12)
    .map((n) => ({ nodeId: n.id, directLoss: loss.get(n.id) ?? 0, exposure: 1 - (availability.get(n.id) as number), via: via.get(n.id) as string }));
};
