/**
 * Search latency at city scale (issue 3): N synthetic organisations (fixed
 * seed, names marked 合成/Synthetic, never shipped) on the PostgreSQL server,
 * then the registry's own search function for Chinese, pinyin, initials,
 * partial-name and English queries; beside it, a primary-key lookup and a bare
 * `select 1` measured in the same run. Run: npm run bench:registry
 * (BENCH_ORGS=1000000, TEST_DATABASE_URL or DATABASE_URL pointing at a server;
 * BENCH_KEEP=1 keeps the database, BENCH_REUSE=1 measures a kept one again).
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildSearchText } from '../src/db/search-text.js';
import { SEARCH_CANDIDATES, searchEntities } from '../src/server/modules/registry/registry-search.js';
import { ZSearchQuery } from '../src/shared/schemas/registry.js';
import { benchDatabase, benchServer } from './database.js';
import { median, p95, picker, seededRandom } from './support.js';

const N = Number(process.env['BENCH_ORGS'] ?? 1_000_000);
const base = benchServer;
const DB = 'kechuang_bench_registry';

const rand = seededRandom(20261122);
const pick = picker(rand);

const PLACES = ['中关村', '海淀', '朝阳', '亦庄', '怀柔', '昌平', '望京', '西二旗', '上地', '大兴', '顺义', '通州', '丰台', '石景山', '未来', '燕园', '清河', '回龙观'];
const WORDS = ['智能', '芯片', '生物', '医药', '量子', '数据', '云', '能源', '材料', '航天', '机器人', '光电', '网络', '信息', '软件', '半导体', '新能源', '基因', '区块链', '算力'];
const TAILS = ['科技有限公司', '技术有限公司', '研究院', '创新中心', '实验室', '股份有限公司', '信息技术有限公司', '医疗器械有限公司'];
const EN = ['Tech', 'Bio', 'Quantum', 'Data', 'Cloud', 'Energy', 'Materials', 'Robotics', 'Photonics', 'Networks', 'Semiconductor', 'Genomics'];
const KINDS = ['enterprise', 'enterprise', 'enterprise', 'enterprise', 'research_institute', 'incubator', 'new_rnd_institution', 'university'] as const;
const CATEGORY: Record<string, string> = { enterprise: 'enterprise', research_institute: 'rnd_institution', incubator: 'platform', new_rnd_institution: 'rnd_institution', university: 'university' };
const DISTRICTS = ['bj-110108', 'bj-110105', 'bj-110114', 'bj-110115', 'bj-110116', 'bj-110112', 'bj-110113', 'bj-110106'];


const main = async (): Promise<void> => {
  const reuse = Boolean(process.env['BENCH_REUSE']);
  const { handle, url } = await benchDatabase(DB, reuse, 4);

  const loader = new pg.Client({ connectionString: url });
  await loader.connect();
  const t0 = performance.now();
  const names: string[] = [];
  const BATCH = 5_000;
  // A kept database is measured again with the same queries: the generator runs, the inserts do not.
  for (let start = 0; start < N; start += BATCH) {
    const ids: string[] = [], zh: string[] = [], en: string[] = [], kind: string[] = [], cat: string[] = [], area: string[] = [], search: string[] = [];
    for (let i = start; i < Math.min(N, start + BATCH); i++) {
      const nameZh = `合成${pick(PLACES)}${pick(WORDS)}${pick(WORDS)}${pick(TAILS)}${i}`;
      const nameEn = `Synthetic ${pick(EN)} ${pick(EN)} ${i}`;
      const k = pick(KINDS);
      ids.push(`synth-${i}`);
      zh.push(nameZh);
      en.push(nameEn);
      kind.push(k);
      cat.push(CATEGORY[k] as string);
      area.push(pick(DISTRICTS));
      search.push(buildSearchText([nameZh, nameEn]));
      if (i % Math.max(1, Math.floor(N / 100)) === 0) names.push(nameZh);
    }
    if (!reuse) await loader.query(
      `insert into entities (id, centre_id, category, kind, name_zh, name_en, name_status, is_sample, area_id, search_text)
       select u.id, 'beijing', u.cat, u.kind, u.zh, u.en, 'none', true, u.area, u.search
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) as u(id, cat, kind, zh, en, area, search)`,
      [ids, cat, kind, zh, en, area, search],
    );
    if (!reuse && (start / BATCH) % 20 === 0) process.stderr.write(`loaded ${start + BATCH} / ${N}\n`);
  }
  await loader.query('analyze entities');
  await loader.end();
  const loadSeconds = (performance.now() - t0) / 1000;

  const queries: Record<string, (string | Record<string, string>)[]> = {
    'Chinese name (exact, jieba)': names.slice(0, 30),
    'Chinese words (segmented)': Array.from({ length: 30 }, () => `${pick(PLACES)}${pick(WORDS)}`),
    'full pinyin prefix': ['zhongguancun', 'haidian', 'yizhuang', 'huairou', 'changping', 'wangjing', 'xierqi', 'shangdi', 'daxing', 'shunyi'],
    'pinyin initials': ['zgc', 'hd', 'yz', 'hr', 'cp', 'wj', 'xeq', 'sd', 'dx', 'sy'],
    'partial name (substring)': names.slice(30, 60).map((n) => n.slice(4, 9)),
    'English words': Array.from({ length: 30 }, () => `${pick(EN)} ${pick(EN)}`),
    'browse: no query, exact total and facets': [{}],
    'browse: a kind in a district': DISTRICTS.map((areaId) => ({ kind: pick(KINDS), areaId })),
    'a word and a facet filter': Array.from({ length: 10 }, () => ({ q: pick(WORDS), kind: pick(KINDS) })),
  };
  const tx = handle.db;
  const time = async (f: () => Promise<unknown>): Promise<number> => {
    const s = performance.now();
    await f();
    return performance.now() - s;
  };
  const baseline: number[] = [];
  const pk: number[] = [];
  for (let i = 0; i < 60; i++) {
    baseline.push(await time(() => tx.execute(sql`select 1`)));
    pk.push(await time(() => tx.execute(sql`select * from entities where id = ${`synth-${Math.floor(rand() * N)}`}`)));
  }
  const rows: string[] = [];
  const all: number[] = [];
  for (const [label, qs] of Object.entries(queries)) {
    const parse = (q: string | Record<string, string>) => ZSearchQuery.parse({ ...(typeof q === 'string' ? { q } : q), limit: 20 });
    for (const q of qs.slice(0, 3)) await searchEntities(tx, 'beijing', parse(q)); // warm
    const times: number[] = [];
    let truncated = 0;
    const rounds = qs.length < 10 ? 30 : 3;
    for (let round = 0; round < rounds; round++)
      for (const q of qs)
        times.push(
          await time(async () => {
            if ((await searchEntities(tx, 'beijing', parse(q))).truncated) truncated++;
          }),
        );
    all.push(...times);
    rows.push(`| ${label} | ${times.length} | ${median(times).toFixed(1)} ms | ${p95(times).toFixed(1)} ms | ${Math.round((truncated / times.length) * 100)} % |`);
  }
  const report = `## Registry search at ${N.toLocaleString('en')} organisations (issue 3)

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:registry\` on PostgreSQL 15 (local server, defaults), 2 cores. ${N.toLocaleString('en')} synthetic organisations (fixed seed, names marked 合成/Synthetic) plus the Beijing seed, ${reuse ? 'in the database a previous run kept (BENCH_REUSE)' : `loaded in ${loadSeconds.toFixed(0)} s (search text with jieba and pinyin computed in Node)`}. Each query runs the registry's full search: ranked page of 20 **with facets and total**. A text query examines at most ${SEARCH_CANDIDATES.toLocaleString('en')} matches of each kind (exact/prefix name, full text, substring); "truncated" is the share of runs whose query matched more (the total then reads "at least").

| query type | runs | median | p95 | truncated |
|---|---|---|---|---|
${rows.join('\n')}
| **all queries** | ${all.length} | ${median(all).toFixed(1)} ms | ${p95(all).toFixed(1)} ms | |
| baseline: \`select 1\` | 60 | ${median(baseline).toFixed(2)} ms | ${p95(baseline).toFixed(2)} ms | |
| baseline: primary-key lookup | 60 | ${median(pk).toFixed(2)} ms | ${p95(pk).toFixed(2)} ms | |
`;
  console.log(report);
  await handle.close();
  if (process.env["BENCH_KEEP"]) return;
  const drop = new pg.Client({ connectionString: base });
  await drop.connect();
  await drop.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await drop.end();
};

await main();
