/**
 * Technology-contract statistics and import at city scale (issue 7, "done when"):
 *
 * 1. The standard statistics views (totals by year and month, and each
 *    breakdown for a year with the year before for growth) through the
 *    service, over 10,000,000 registered contracts on PostgreSQL, p95 of 30
 *    calls each. Baseline in the same run: the raw GROUP BY over the contracts
 *    that the same breakdown would need without the roll-up cells.
 * 2. Historical import throughput: an XLSX of 20,000 past registrations
 *    through the import (checked row by row, written whole), against reading
 *    the same file alone (the parse is the floor).
 *
 * Synthetic data only (fixed seed; sellers named 合成/Synthetic), in its own
 * database `kechuang_bench_contracts` on TEST_DATABASE_URL or the local server.
 *
 *   npm run bench:contracts     (CONTRACTS=10000000 RUNS=30 IMPORT_ROWS=20000; BENCH_REUSE=1 measures the database a previous run loaded)
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { TECH_CONTRACT_TYPE_ZH, TECHNICAL_FIELD_ZH } from '../src/shared/contracts-vocabulary.js';
import { STAT_DIMENSIONS } from '../src/core/contracts/index.js';
import type { ServiceContext } from '../src/server/context.js';
import { parseConfig } from '../src/server/config.js';
import { importContracts } from '../src/server/modules/contracts/contracts-import.js';
import { createUserFromCli } from '../src/server/modules/users/users.service.js';
import { contractStatistics, rebuildStatistics } from '../src/server/modules/contracts/contracts.service.js';
import { readTable, writeTable } from '../src/server/tabular.js';
import { benchDatabase } from './database.js';
import { median, p95, seededRandom } from './support.js';

const CONTRACTS = Number(process.env['CONTRACTS'] ?? 10_000_000);
const RUNS = Number(process.env['RUNS'] ?? 30);
const IMPORT_ROWS = Number(process.env['IMPORT_ROWS'] ?? 20_000);
const SELLERS = 20_000;
const DB = 'kechuang_bench_contracts';
const reuse = Boolean(process.env['BENCH_REUSE']);
const YEAR = 2025;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (line: string) => process.stderr.write(`${line}\n`);

const main = async (): Promise<void> => {
  const { handle, url } = await benchDatabase(DB, reuse, 4);
  const loader = new pg.Client({ connectionString: url });
  await loader.connect();
  const admin = { kind: 'system' as const, label: 'benchmark' };
  const ctx = (user: ServiceContext['user']): ServiceContext => ({ db: handle.db, config: parseConfig({ LOG_LEVEL: 'silent', KECHUANG_DATA_DIR: '/nonexistent' }, { webRoot: null }), now: new Date('2026-06-30T04:00:00Z'), user, actor: admin, requestId: null, ip: null });
  const analyst = { id: 'bench-analyst', username: 'bench', displayName: 'Bench', role: 'analyst' as const, centreId: 'beijing', organisationId: null, locale: 'zh-CN' as const, mustChangePassword: false };
  // The registrar who imports must exist: imported rows name them.
  const existing = (await loader.query(`select id from users where username = 'bench-registrar'`)).rows[0] as { id: string } | undefined;
  const registrarId = existing?.id ?? (await createUserFromCli(handle.db, { username: 'bench-registrar', displayName: 'Bench registrar', role: 'service_officer', centreId: 'beijing', organisationId: null, locale: 'zh-CN', password: `Bench-${Date.now()}-Passw0rd!` }, new Date())).id;
  const registrar = { ...analyst, id: registrarId, role: 'service_officer' as const };

  if (!reuse) {
    const t0 = performance.now();
    const districts = (await loader.query(`select id from areas where centre_id = 'beijing' and kind = 'district' order by id`)).rows.map((r) => r.id as string);
    const parks = (await loader.query(`select id from areas where centre_id = 'beijing' and kind = 'park' order by id`)).rows.map((r) => r.id as string);
    await loader.query(
      `insert into entities (id, centre_id, category, kind, name_zh, name_en, name_status, is_sample, area_id)
       select 'bench-seller-' || g, 'beijing', (array['enterprise','enterprise','enterprise','university','rnd_institution'])[1 + g % 5], null, '合成卖方' || g, 'Synthetic seller ' || g, 'none', true, ($1::text[])[1 + g % array_length($1::text[], 1)]
       from generate_series(0, ${SELLERS - 1}) g`,
      [districts],
    );
    // A bulk load: the secondary indexes are rebuilt once afterwards rather than maintained row by row.
    const indexes = (await loader.query(`select indexname, indexdef from pg_indexes where tablename = 'tech_contracts' and indexname <> 'tech_contracts_pkey'`)).rows as { indexname: string; indexdef: string }[];
    for (const i of indexes) await loader.query(`drop index ${i.indexname}`);
    await loader.query(`select setseed(0.20260607)`);
    const types = Object.keys(TECH_CONTRACT_TYPE_ZH);
    const fields = Object.keys(TECHNICAL_FIELD_ZH);
    const regions = ['11', '11', '11', '13', '12', '31', '32', '33', '44', '51', '37', 'abroad:DE', 'abroad:US'];
    const chunk = 1_000_000;
    for (let start = 0; start < CONTRACTS; start += chunk) {
      const end = Math.min(CONTRACTS, start + chunk);
      await loader.query(
        `insert into tech_contracts (id, centre_id, state, contract_number, contract_key, title, type, field, seller_id, seller_kind, seller_district_id, seller_park_id,
           buyer_name, buyer_region, amount, technical_amount, signed_on, submitted_at, decided_at, registration_number, registered_on, is_sample, created_at, updated_at)
         select 'bench-tc-' || g, 'beijing', 'registered', 'BC' || g, 'BC' || g, '合成合同 ' || g, ($1::text[])[1 + (random() * 10)::int], ($2::text[])[1 + (random() * 10)::int],
           'bench-seller-' || (g % ${SELLERS}), (array['enterprise','enterprise','enterprise','university','institute'])[1 + (g % ${SELLERS}) % 5],
           ($3::text[])[1 + (g % ${SELLERS}) % array_length($3::text[], 1)], case when g % 3 = 0 then ($4::text[])[1 + g % array_length($4::text[], 1)] end,
           '合成买方', ($5::text[])[1 + (random() * (array_length($5::text[], 1) - 1))::int],
           round((a * 100)::numeric) / 100, round((a * (0.6 + random() * 0.4) * 100)::numeric) / 100,
           d::date::text, d, d, (2018 + (g % 8))::text || '110000' || lpad(g::text, 8, '0'), d::date::text, true, now(), now()
         from (select g, exp(9 + random() * 7) as a, timestamp '2018-01-01' + (random() * 8 * 365) * interval '1 day' as d from generate_series(${start}, ${end - 1}) g) s`,
        [types, fields, districts, parks, regions],
      );
      log(`${end.toLocaleString()} contracts in ${seconds(performance.now() - t0)}`);
    }
    for (const i of indexes) await loader.query(i.indexdef);
    await loader.query('analyze tech_contracts');
    log(`indexes rebuilt in ${seconds(performance.now() - t0)}`);
    const r0 = performance.now();
    await rebuildStatistics(ctx(registrar), 'beijing');
    log(`statistics cells rebuilt from ${CONTRACTS.toLocaleString()} contracts in ${seconds(performance.now() - r0)}`);
  }
  const cells = Number((await loader.query(`select count(*) from tech_contract_stats where centre_id = 'beijing'`)).rows[0].count);
  const total = Number((await loader.query(`select sum(contracts) from tech_contract_stats where centre_id = 'beijing' and dimension = 'total'`)).rows[0].sum);
  log(`${total.toLocaleString()} registered contracts, ${cells.toLocaleString()} roll-up cells`);

  // 1. The statistics views through the service, and the raw GROUP BY they replace.
  const dims = STAT_DIMENSIONS.filter((d) => d !== 'total');
  const columnOf: Record<string, string> = { type: 'type', family: `split_part(type, '_', 1)`, field: 'field', seller_kind: 'seller_kind', district: 'seller_district_id', park: 'seller_park_id', buyer_region: 'buyer_region', flow: 'seller_district_id, buyer_region' };
  const rows: string[] = [];
  for (const dimension of dims) {
    const times: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const s = performance.now();
      const view = await contractStatistics(ctx(i % 2 ? analyst : null), 'beijing', { dimension, year: YEAR });
      if (i >= 3) times.push(performance.now() - s);
      if (i === 0 && view.rows.length === 0) throw new Error(`no ${dimension} rows`);
    }
    const raw: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      await loader.query(`select ${columnOf[dimension]}, substr(registered_on, 1, 4) as y, count(*), sum(amount), sum(technical_amount) from tech_contracts where centre_id = 'beijing' and state = 'registered' and registered_on >= '${YEAR - 1}' and registered_on < '${YEAR + 1}' group by ${columnOf[dimension]}, y`);
      raw.push(performance.now() - s);
    }
    rows.push(`| ${dimension} | ${median(times).toFixed(1)} | ${p95(times).toFixed(1)} | ${median(raw).toFixed(0)} | ${(median(raw) / median(times)).toFixed(0)}× |`);
    log(rows.at(-1) as string);
  }

  // 2. Import throughput: an XLSX of past registrations, and reading it alone.
  const rand = seededRandom(20260607);
  const types = Object.values(TECH_CONTRACT_TYPE_ZH).filter((t) => !/专利/.test(t));
  const fieldNames = Object.values(TECHNICAL_FIELD_ZH);
  const stamp = Date.now().toString(36);
  const header = ['合同编号', '合同名称', '合同类型', '技术领域', '卖方', '买方', '买方地区', '合同成交额（元）', '技术交易额（元）', '签订日期', '登记日期', '登记号', '专利号'];
  const data = Array.from({ length: IMPORT_ROWS }, (_, i) => {
    const amount = Math.round(10_000 + rand() * 5_000_000);
    return [`IMP-${stamp}-${i}`, `合成导入合同 ${i}`, types[Math.floor(rand() * types.length)], fieldNames[Math.floor(rand() * fieldNames.length)], `bench-seller-${Math.floor(rand() * SELLERS)}`, '合成买方', '广东', amount, Math.round(amount * 0.8), '2024-05-01', '2024-05-10', '', ''];
  });
  const file = await writeTable(header, data, 'xlsx', '技术合同');
  const parse: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    let n = 0;
    for await (const _row of readTable(file, 'xlsx')) n++;
    parse.push(performance.now() - s);
    if (n !== IMPORT_ROWS + 1) throw new Error(`read ${n} rows`);
  }
  const imports: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    // A dry run checks every row as the real import does; the last run writes.
    const report = await importContracts(ctx(registrar), 'beijing', file, 'bench.xlsx', { dryRun: i < 2, isSample: true });
    imports.push(performance.now() - s);
    if (report.errors.length) throw new Error(JSON.stringify(report.errors.slice(0, 3)));
  }
  log(`| import ${IMPORT_ROWS.toLocaleString()} rows (checked) | ${seconds(median(imports.slice(0, 2)))} | write run ${seconds(imports[2] as number)} | parse only ${seconds(median(parse))} | ${Math.round(IMPORT_ROWS / ((imports[2] as number) / 1000)).toLocaleString()} rows/s |`);
  console.log(['| dimension | service median ms | service p95 ms | raw GROUP BY median ms | ratio |', '|---|---|---|---|---|', ...rows].join('\n'));
  await loader.end();
  await handle.close();
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
