/**
 * Import throughput at city scale (issue 3): N synthetic organisations (fixed
 * seed, names marked 合成/Synthetic, never shipped) imported from a CSV file by
 * the registry's own import (the path `kechuang import organisations` takes:
 * parsing, validation, credit-code checks, jieba/pinyin search text, batched
 * upserts, checkpoints, audit), against the baseline: a server-side `COPY` of
 * the same rows, already in their stored form, into the same table with the
 * same indexes and triggers. Each in a fresh database, in the same run.
 * Run: npm run bench:import (BENCH_ROWS=1000000, BENCH_RUNS=1, TEST_DATABASE_URL
 * or DATABASE_URL pointing at a local server; COPY reads the file server-side).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { syntheticCreditCode } from '../src/core/identifiers/test-support/synthetic-uscc.js';
import { csvLine } from '../src/core/tabular/csv.js';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { buildSearchText } from '../src/db/search-text.js';
import { seedShippedCentres } from '../src/server/bootstrap.js';
import { importEntities } from '../src/server/modules/registry/registry-import.js';
import { median, picker, seededRandom } from './support.js';

const N = Number(process.env['BENCH_ROWS'] ?? 1_000_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 1);
const base = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'kechuang_bench_import';
const dir = '/tmp/kechuang-bench-import';

const rand = seededRandom(20261122);
const pick = picker(rand);

const PLACES = ['中关村', '海淀', '朝阳', '亦庄', '怀柔', '昌平', '望京', '西二旗', '上地', '大兴', '顺义', '通州'];
const WORDS = ['智能', '芯片', '生物', '医药', '量子', '数据', '能源', '材料', '航天', '机器人', '光电', '网络', '软件', '半导体'];
const TAILS = ['科技有限公司', '技术有限公司', '研究院', '创新中心', '股份有限公司', '信息技术有限公司'];
const EN = ['Tech', 'Bio', 'Quantum', 'Data', 'Cloud', 'Energy', 'Materials', 'Robotics', 'Photonics', 'Networks'];
const KINDS = { enterprise: 'enterprise', research_institute: 'rnd_institution', new_rnd_institution: 'rnd_institution', incubator: 'platform' } as const;
const DISTRICTS = [
  ['海淀区', 'bj-110108'],
  ['朝阳区', 'bj-110105'],
  ['昌平区', 'bj-110114'],
  ['大兴区', 'bj-110115'],
  ['怀柔区', 'bj-110116'],
  ['通州区', 'bj-110112'],
] as const;
const SECTORS = ['6513', '6511', '3973', '2761', '7320', '6432'];

/** The credit code of synthetic organisation i: well-formed, in a series no real company holds (MC). */
const creditCode = (i: number): string => syntheticCreditCode('MC', i);

const tsvField = (v: string | null): string => (v === null ? '\\N' : v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string));

/** Write the import file (CSV with the template's zh-CN headers) and the same rows in stored form (COPY text format). */
const writeFiles = async (csvPath: string, copyPath: string): Promise<void> => {
  const csv = createWriteStream(csvPath);
  const copy = createWriteStream(copyPath);
  const write = async (stream: ReturnType<typeof createWriteStream>, text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  await write(csv, `\uFEFF${csvLine(['中文名称', '英文名称', '类型代码', '统一社会信用代码', '所在区域', '成立日期', '行业代码', '示例数据'])}`);
  for (let i = 0; i < N; i++) {
    const nameZh = `合成${pick(PLACES)}${pick(WORDS)}${pick(WORDS)}${pick(TAILS)}${i}`;
    const nameEn = `Synthetic ${pick(EN)} ${pick(EN)} ${i}`;
    const kind = pick(Object.keys(KINDS) as (keyof typeof KINDS)[]);
    const [areaName, areaId] = pick(DISTRICTS);
    const founded = String(1990 + Math.floor(rand() * 35));
    const sector = pick(SECTORS);
    const uscc = creditCode(i);
    await write(csv, csvLine([nameZh, nameEn, kind, uscc, areaName, founded, sector, '是']));
    const stored = [randomUUID(), 'beijing', KINDS[kind], kind, nameZh, nameEn, 'in_source', 't', uscc, areaId, founded, `{${sector}}`, buildSearchText([nameZh, nameEn])];
    await write(copy, `${stored.map(tsvField).join('\t')}\n`);
  }
  csv.end();
  copy.end();
  await Promise.all([once(csv, 'finish'), once(copy, 'finish')]);
};

const freshDatabase = async () => {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${DB}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  await migrateDatabase(handle);
  await seedShippedCentres(handle, new Date());
  return { handle, url: url.toString() };
};


const main = async (): Promise<void> => {
  mkdirSync(dir, { recursive: true });
  const csvPath = `${dir}/organisations.csv`;
  const copyPath = `${dir}/organisations.copy`;
  const g0 = performance.now();
  await writeFiles(csvPath, copyPath);
  process.stderr.write(`files written in ${((performance.now() - g0) / 1000).toFixed(0)} s\n`);

  const copySeconds: number[] = [];
  const importSeconds: number[] = [];
  const dryRunSeconds: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    {
      const { handle, url } = await freshDatabase();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const t0 = performance.now();
      await client.query(`COPY entities (id, centre_id, category, kind, name_zh, name_en, name_status, is_sample, uscc, area_id, founded_on, sector_codes, search_text) FROM '${copyPath}'`);
      copySeconds.push((performance.now() - t0) / 1000);
      await client.end();
      await handle.close();
      process.stderr.write(`run ${run + 1}: COPY ${copySeconds.at(-1)?.toFixed(1)} s\n`);
    }
    {
      const { handle } = await freshDatabase();
      const t0 = performance.now();
      const report = await importEntities(handle.db, {
        centreId: 'beijing',
        input: csvPath,
        fileName: csvPath,
        dryRun: false,
        actor: { kind: 'system', label: 'bench' },
        now: () => new Date(),
        onProgress: (done) => {
          if (done % 100_000 === 0) process.stderr.write(`  import ${done}\n`);
        },
      });
      importSeconds.push((performance.now() - t0) / 1000);
      if (report.inserted !== N || report.failed !== 0) throw new Error(`import wrote ${report.inserted} rows with ${report.failed} failures`);
      // The same file checked only: what parsing and validation cost without the database writes.
      const d0 = performance.now();
      await importEntities(handle.db, { centreId: 'beijing', input: csvPath, fileName: csvPath, dryRun: true, actor: { kind: 'system', label: 'bench' }, now: () => new Date() });
      dryRunSeconds.push((performance.now() - d0) / 1000);
      await handle.close();
      process.stderr.write(`run ${run + 1}: import ${importSeconds.at(-1)?.toFixed(1)} s\n`);
    }
  }
  const copyMedian = median(copySeconds);
  const importMedian = median(importSeconds);
  const mb = (statSync(csvPath).size / 1e6).toFixed(0);
  console.log(`## Registry import at ${N.toLocaleString('en')} organisations (issue 3)

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:import\` on PostgreSQL 15 (local server, defaults), 2 cores; ${RUNS} run(s) each, median. ${N.toLocaleString('en')} synthetic organisations (fixed seed, names marked 合成/Synthetic, credit codes well-formed in an unused range) in a ${mb} MB CSV with the template's zh-CN headers. Both load a freshly migrated and seeded database with all indexes (trigram, full text, name prefixes, identifiers) and the count triggers.

| path | time | rows/s | share of COPY |
|---|---|---|---|
| baseline: server-side \`COPY\` of the same rows in stored form (search text precomputed) | ${copyMedian.toFixed(1)} s | ${Math.round(N / copyMedian).toLocaleString('en')} | 100 % |
| registry import (parse, validate, credit-code check, jieba + pinyin, batches of 2,000 with checkpoint and audit) | ${importMedian.toFixed(1)} s | ${Math.round(N / importMedian).toLocaleString('en')} | ${((copyMedian / importMedian) * 100).toFixed(0)} % |
| for reference: the same file as a dry run (parse and validate only, no writes) | ${median(dryRunSeconds).toFixed(1)} s | ${Math.round(N / median(dryRunSeconds)).toLocaleString('en')} | — |
`);
  const drop = new pg.Client({ connectionString: base });
  await drop.connect();
  await drop.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await drop.end();
  if (!process.env["BENCH_KEEP_FILES"]) rmSync(dir, { recursive: true, force: true });
};

await main();
