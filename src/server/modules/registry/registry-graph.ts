import type { TGraph } from '../../../shared/schemas/registry.js';
import type { ReadTx } from '../../../db/tx.js';
import { AppError } from '../../errors.js';
import { findEntitiesByIds, findEntity, listRelationsOf } from './registry.repository.js';

/** A node with more neighbours of one relation type than this shows them as one cluster node. */
const CLUSTER_OVER = 8;

/**
 * The relations around an actor, breadth-first to `depth`, capped at
 * `maxNodes` so the picture stays readable; large fans of one relation type
 * collapse into a cluster node that says how many it stands for.
 */
export const entityGraph = async (tx: ReadTx, centreId: string, rootId: string, depth: number, maxNodes: number): Promise<TGraph> => {
  const root = await findEntity(tx, centreId, rootId);
  if (!root) throw new AppError('NOT_FOUND', `No record ${rootId}`);
  const depthOf = new Map<string, number>([[rootId, 0]]);
  const links: TGraph['links'] = [];
  const clusters: TGraph['nodes'] = [];
  let frontier = [rootId];
  let truncated = false;
  for (let d = 1; d <= depth && frontier.length > 0; d++) {
    const rels = (await listRelationsOf(tx, frontier)).filter((r) => r.toKind === 'entity');
    const next: string[] = [];
    // Fans are grouped by the near node, the type and the direction, so a link keeps its relation's from → to.
    const fan = new Map<string, string[]>();
    for (const r of rels) {
      const outward = frontier.includes(r.fromId);
      const [near, far] = outward ? [r.fromId, r.toId] : [r.toId, r.fromId];
      const key = `${near}|${r.type}|${outward ? 'out' : 'in'}`;
      fan.set(key, [...(fan.get(key) ?? []), far]);
    }
    const link = (near: string, far: string, type: string, outward: boolean) => {
      const [source, target] = outward ? [near, far] : [far, near];
      if (!links.some((l) => l.source === source && l.target === target && l.type === type)) links.push({ source, target, type });
    };
    for (const [key, fars] of fan) {
      const [near, type, direction] = key.split('|') as [string, string, string];
      const outward = direction === 'out';
      const fresh = [...new Set(fars)];
      if (fresh.length > CLUSTER_OVER) {
        const id = `cluster:${near}:${type}:${direction}`;
        clusters.push({ id, nameZh: null, nameEn: type, category: 'cluster', kind: type, depth: d, isCluster: true, clusterSize: fresh.length });
        link(near, id, type, outward);
        continue;
      }
      for (const far of fresh) {
        if (!depthOf.has(far)) {
          if (depthOf.size + clusters.length >= maxNodes) {
            truncated = true;
            continue;
          }
          depthOf.set(far, d);
          next.push(far);
        }
        link(near, far, type, outward);
      }
    }
    frontier = next;
  }
  const rows = await findEntitiesByIds(tx, [...depthOf.keys()]);
  const nodes: TGraph['nodes'] = rows
    .filter((r) => r.centreId === centreId)
    .map((r) => ({ id: r.id, nameZh: r.nameZh, nameEn: r.nameEn, category: r.category, kind: r.kind, depth: depthOf.get(r.id) ?? 0, isCluster: false, clusterSize: 1 }));
  const known = new Set([...nodes.map((n) => n.id), ...clusters.map((c) => c.id)]);
  return { nodes: [...nodes, ...clusters], links: links.filter((l) => known.has(l.source) && known.has(l.target)), truncated };
};
