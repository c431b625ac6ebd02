/**
 * The three-chain linkage engine at the scale issue 8 names: a map of 10,000
 * nodes, about 20,000 upstream → downstream links and 100,000 supply
 * relations from 1,000,000 possible suppliers (synthetic, fixed seed).
 *
 * Measured, median of RUNS each, all in one run:
 * - the analytics of every node (counts, shares, three HHIs, flags, score) and
 *   the chain roll-up, against the floor of one pass grouping the supply rows
 *   by node (what any analytics must at least read);
 * - a what-if removing one supplier, one region and one country, each
 *   propagated downstream, against the same floor.
 * The engine alone: the server path (reading the map and its supply from the
 * database) is measured with the chains module.
 *
 *   npx tsx bench/chains-engine.bench.ts     (NODES=10000 SUPPLIES=100000 RUNS=9)
 */
import { performance } from 'node:perf_hooks';
import { analyseChain, exposureOf, type ChainMap, type InnovationCapacity, type Removal, type SupplyRelation } from '../src/core/chains/index.js';
import { median, seededRandom } from './support.js';

const NODES = Number(process.env['NODES'] ?? 10_000);
const SUPPLIES = Number(process.env['SUPPLIES'] ?? 100_000);
const RUNS = Number(process.env['RUNS'] ?? 9);
const ORGANISATIONS = 1_000_000;
const random = seededRandom(20261207);
const COUNTRIES = ['CN', 'CN', 'CN', 'US', 'JP', 'KR', 'DE', 'NL'];
const REGIONS = ['110000', '310000', '440000', '320000', '330000'];

// Layers of 100 nodes; each node draws two inputs from the layer above, so the map is a deep DAG like a real chain.
const nodes = Array.from({ length: NODES }, (_, i) => ({ id: `n${i}`, name: `Synthetic node ${i}` }));
const links: { from: string; to: string }[] = [];
for (let i = 100; i < NODES; i++) for (let k = 0; k < 2; k++) links.push({ from: `n${i - 100 + Math.floor(random() * 100)}`, to: `n${i}` });
const supplies: SupplyRelation[] = [];
for (let i = 0; i < SUPPLIES; i++) {
  const country = COUNTRIES[Math.floor(random() * COUNTRIES.length)] as string;
  supplies.push({ nodeId: `n${Math.floor(random() * NODES)}`, supplierId: `org${Math.floor(random() * ORGANISATIONS)}`, region: country === 'CN' ? (REGIONS[Math.floor(random() * REGIONS.length)] as string) : 'abroad', country, local: country === 'CN' && random() < 0.4, share: 0.01 + random() * 0.09 });
}
const map: ChainMap = { nodes, links, supplies };
const capacity = new Map<string, InnovationCapacity>();
for (let i = 0; i < NODES; i += 3) capacity.set(`n${i}`, { lab: 1 + Math.floor(random() * 3) });

const time = (fn: () => unknown): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const floor = () => {
  const byNode = new Map<string, number>();
  for (const s of supplies) byNode.set(s.nodeId, (byNode.get(s.nodeId) ?? 0) + s.share);
  return byNode.size;
};
const removals: [string, Removal][] = [
  ['one supplier', { kind: 'supplier', supplierId: supplies[0]?.supplierId as string }],
  ['one region', { kind: 'region', country: 'CN', region: '110000' }],
  ['one country', { kind: 'country', country: 'US' }],
];

// Warm up the JIT on each path once.
floor();
analyseChain(map, capacity);
for (const [, r] of removals) exposureOf(map, r);

const rows: string[] = [];
const base = median(Array.from({ length: RUNS }, () => time(floor)));
const analytics = median(Array.from({ length: RUNS }, () => time(() => analyseChain(map, capacity))));
rows.push(`| analytics of every node and the chain roll-up | ${analytics.toFixed(1)} ms | ${base.toFixed(1)} ms | ${(analytics / base).toFixed(1)}× | 1,000 ms |`);
for (const [label, r] of removals) {
  const exposed = exposureOf(map, r).length;
  const ms = median(Array.from({ length: RUNS }, () => time(() => exposureOf(map, r))));
  rows.push(`| what-if: remove ${label} (${exposed.toLocaleString('en')} nodes exposed) | ${ms.toFixed(1)} ms | ${base.toFixed(1)} ms | ${(ms / base).toFixed(1)}× | 200 ms |`);
}
process.stdout.write(`Map: ${NODES.toLocaleString('en')} nodes, ${links.length.toLocaleString('en')} links, ${SUPPLIES.toLocaleString('en')} supply relations over ${ORGANISATIONS.toLocaleString('en')} possible suppliers; median of ${RUNS} runs, Node ${process.version}.\n\n| engine step | median | floor: one pass grouping supply rows by node | ratio | target |\n|---|---|---|---|---|\n${rows.join('\n')}\n`);
