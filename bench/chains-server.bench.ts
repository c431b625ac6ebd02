/**
 * Three-chain linkage through the service on PostgreSQL (issue 8's target):
 * a map of 10,000 segments with 100,000 supply relations, whose suppliers are
 * drawn from 1,000,000 registry organisations, plus innovation links on a
 * third of the segments. Synthetic data only (fixed seed; names 合成/Synthetic),
 * in its own database `kechuang_bench_chains`.
 *
 * Measured, median of RUNS each, in one run:
 * - the analytics of the whole map through `chainAnalytics` (reads the
 *   version, the supply and the innovation links, runs the engine);
 * - a what-if through `whatIf` removing one supplier, one region, one country;
 * - baseline: the raw read any analytics needs, `select node_id, sum(share)
 *   from chain_supplies where map_id = $1 group by node_id`.
 *
 *   npm run bench:chains-server     (NODES=10000 SUPPLIES=100000 ORGS=1000000 RUNS=9; BENCH_REUSE=1 measures the database a previous run loaded)
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { ServiceContext } from '../src/server/context.js';
import { parseConfig } from '../src/server/config.js';
import { chainAnalytics, createMap, whatIf } from '../src/server/modules/chains/chains.service.js';
import { createUserFromCli } from '../src/server/modules/users/users.service.js';
import { benchDatabase } from './database.js';
import { median, seededRandom } from './support.js';

const NODES = Number(process.env['NODES'] ?? 10_000);
const SUPPLIES = Number(process.env['SUPPLIES'] ?? 100_000);
const ORGS = Number(process.env['ORGS'] ?? 1_000_000);
const RUNS = Number(process.env['RUNS'] ?? 9);
const DB = 'kechuang_bench_chains';
const reuse = Boolean(process.env['BENCH_REUSE']);
const random = seededRandom(20261207);
const int = (n: number) => Math.floor(random() * n);
const COUNTRIES = ['CN', 'CN', 'CN', 'US', 'JP', 'KR', 'DE', 'NL'];
const REGIONS = ['110000', '310000', '440000', '320000', '330000'];
const org = (i: number) => `bench-org-${i}`;
const log = (line: string) => process.stderr.write(`${line}\n`);

const main = async (): Promise<void> => {
  const { handle, url } = await benchDatabase(DB, reuse, 4);
  const loader = new pg.Client({ connectionString: url });
  await loader.connect();
  // The officer who creates the map must exist: versions name their author.
  const existing = (await loader.query(`select id from users where username = 'bench-chains-officer'`)).rows[0] as { id: string } | undefined;
  const officerId = existing?.id ?? (await createUserFromCli(handle.db, { username: 'bench-chains-officer', displayName: 'Bench officer', role: 'service_officer', centreId: 'beijing', organisationId: null, locale: 'zh-CN', password: 'Bench-Officer-Passw0rd!' }, new Date())).id;
  const officer = { id: officerId, username: 'bench', displayName: 'Bench', role: 'service_officer' as const, centreId: 'beijing', organisationId: null, locale: 'zh-CN' as const, mustChangePassword: false };
  const ctx: ServiceContext = { db: handle.db, config: parseConfig({ LOG_LEVEL: 'silent', KECHUANG_DATA_DIR: '/nonexistent' }, { webRoot: null }), now: new Date('2026-06-30T04:00:00Z'), user: officer, actor: { kind: 'system', label: 'benchmark' }, requestId: null, ip: null };
  const t0 = performance.now();
  let mapId: string;
  if (!reuse) {
    for (let s = 0; s < ORGS; s += 20_000) {
      const ids: string[] = [];
      const en: string[] = [];
      for (let i = s; i < Math.min(ORGS, s + 20_000); i++) {
        ids.push(org(i));
        en.push(`Synthetic enterprise ${i}`);
      }
      await loader.query(
        `insert into entities (id, centre_id, category, kind, name_zh, name_en, name_status, is_sample, area_id) select u.id, 'beijing', 'enterprise', 'enterprise', '合成' || u.en, u.en, 'none', true, case when random() < 0.3 then 'bj-110108' end from unnest($1::text[], $2::text[]) as u(id, en)`,
        [ids, en],
      );
    }
    log(`organisations loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const nodes = Array.from({ length: NODES }, (_, i) => ({ id: `n${i}`, nameZh: `合成环节${i}`, nameEn: `Synthetic segment ${i}`, kind: 'component' as const, layer: null }));
    const links: { from: string; to: string }[] = [];
    for (let i = 100; i < NODES; i++) for (let k = 0; k < 2; k++) links.push({ from: `n${i - 100 + int(100)}`, to: `n${i}` });
    const uniqueLinks = [...new Map(links.map((l) => [`${l.from}>${l.to}`, l])).values()];
    mapId = (await createMap(ctx, 'beijing', { clusterCode: 'integrated_circuits', nameZh: '合成产业链', nameEn: 'Synthetic chain', isSample: true, note: 'benchmark', nodes, links: uniqueLinks, weights: null })).id;
    for (let s = 0; s < SUPPLIES; s += 20_000) {
      const rows: [string, string, string | null, string, string, boolean, number][] = [];
      for (let i = s; i < Math.min(SUPPLIES, s + 20_000); i++) {
        const country = COUNTRIES[int(COUNTRIES.length)] as string;
        rows.push([`bench-supply-${i}`, `n${i % NODES}`, random() < 0.9 ? org(int(ORGS)) : null, country === 'CN' ? (REGIONS[int(REGIONS.length)] as string) : 'abroad', country, country === 'CN' && random() < 0.4, 0.01 + random() * 0.08]);
      }
      await loader.query(
        `insert into chain_supplies (id, map_id, node_id, supplier_id, region, country, local, share, created_at, updated_at)
         select u.id, $1, u.node, u.sup, u.region, u.country, u.local, u.share, now(), now() from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::float8[]) as u(id, node, sup, region, country, local, share)`,
        [mapId, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]), rows.map((r) => r[4]), rows.map((r) => r[5]), rows.map((r) => r[6])],
      );
    }
    await loader.query(`insert into chain_innovation_links (id, map_id, node_id, kind, entity_id, created_at) select 'bench-link-' || g, $1, 'n' || (g * 3), 'university', 'bench-org-' || g, now() from generate_series(0, ${Math.floor(NODES / 3) - 1}) g`, [mapId]);
    await loader.query('vacuum analyze');
    log(`loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  } else {
    mapId = (await loader.query(`select id from chain_maps where name_en = 'Synthetic chain' order by created_at desc limit 1`)).rows[0].id as string;
  }
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const floor = () => loader.query('select node_id, sum(share) from chain_supplies where map_id = $1 group by node_id', [mapId]);
  const supplier = (await loader.query('select supplier_id from chain_supplies where map_id = $1 and supplier_id is not null limit 1', [mapId])).rows[0].supplier_id as string;
  const removals = [
    ['one supplier', { kind: 'supplier' as const, supplierId: supplier }],
    ['one region', { kind: 'region' as const, country: 'CN', region: '110000' }],
    ['one country', { kind: 'country' as const, country: 'US' }],
  ] as const;
  // Warm each path once (plans, JIT).
  await floor();
  await chainAnalytics(ctx, 'beijing', mapId, {});
  for (const [, removal] of removals) await whatIf(ctx, 'beijing', mapId, { removal });
  const runs = async (fn: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) xs.push(await time(fn));
    return median(xs);
  };
  const base = await runs(floor);
  const analytics = await runs(() => chainAnalytics(ctx, 'beijing', mapId, {}));
  const rows = [`| analytics of every segment through the service (version, supply, innovation links, engine) | ${analytics.toFixed(0)} ms | ${base.toFixed(0)} ms | ${(analytics / base).toFixed(1)}× | 1,000 ms |`];
  for (const [label, removal] of removals) {
    const exposed = (await whatIf(ctx, 'beijing', mapId, { removal })).exposed.length;
    const ms = await runs(() => whatIf(ctx, 'beijing', mapId, { removal }));
    rows.push(`| what-if through the service: remove ${label} (${exposed.toLocaleString('en')} segments exposed) | ${ms.toFixed(0)} ms | ${base.toFixed(0)} ms | ${(ms / base).toFixed(1)}× | 200 ms |`);
  }
  process.stdout.write(`PostgreSQL; ${NODES.toLocaleString('en')} segments, ${SUPPLIES.toLocaleString('en')} supply relations, ${ORGS.toLocaleString('en')} registry organisations; median of ${RUNS} runs.\n\n| step | median | baseline: GROUP BY of the supply rows | ratio | target |\n|---|---|---|---|---|\n${rows.join('\n')}\n`);
  await loader.end();
  await handle.close();
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
