/**
 * The synthetic city loader (`kechuang dev synth`, issue 10) against a raw
 * COPY baseline of the same rows, in the same run, on PostgreSQL.
 *
 * 1. The generator writes each table's rows in stored form (search text and
 *    topic words computed) to files: the generation cost alone.
 * 2. Baseline: a fresh migrated, seeded database; one server-side `COPY … FROM
 *    'file'` per table into the table as migrated (all indexes, foreign keys
 *    and triggers), no audit, no batches.
 * 3. The loader as the CLI runs it: generation, batches of COPY in their own
 *    transactions with an audit event each, the contract roll-up rebuild and
 *    ANALYZE — plainly, and with `--defer-indexes` (indexes and foreign keys
 *    restored after each table, contracts on a second connection).
 *
 * Synthetic data only (names marked 合成/Synthetic), databases
 * `kc_synth_bench_*` on TEST_DATABASE_URL / DATABASE_URL / the local server,
 * dropped afterwards.
 *   npm run bench:synth     (SYNTH_SCALE=10k SYNTH_SEED=1 BENCH_RUNS=3)
 */
import { mkdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { countsAtScale, createCity, parseScale } from '../src/core/synth/index.js';
import { copyText } from '../src/db/copy.js';
import { loadSyntheticCity, synthAreas, synthTables, type SynthTableName } from '../src/server/dev/synth-load.js';
import { benchDatabase, benchServer } from './database.js';
import { median } from './support.js';

const SCALE = process.env['SYNTH_SCALE'] ?? '10k';
const SEED = Number(process.env['SYNTH_SEED'] ?? 1);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const dir = '/tmp/kechuang-bench-synth';
const counts = countsAtScale(parseScale(SCALE) as number);
const TABLES: SynthTableName[] = ['entities', 'entity_facts', 'patents', 'patent_parties', 'tech_contracts', 'demands'];
const log = (line: string) => process.stderr.write(`${line}\n`);
const ts = new Date('2026-01-01T00:00:00Z');

const drop = async (name: string) => {
  const admin = new pg.Client({ connectionString: benchServer });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
};

const main = async (): Promise<void> => {
  mkdirSync(dir, { recursive: true });
  // 1. The rows in stored form, written once (the areas are the seeded centre's, as the loader reads them).
  const probe = await benchDatabase('kc_synth_bench_files', false, 2);
  const city = createCity({ seed: SEED, counts, ...(await synthAreas(probe.handle.db, 'beijing')) });
  await probe.handle.close();
  await drop('kc_synth_bench_files');
  const tables = synthTables(city, 'beijing', SEED, ts);
  const generation: Record<string, number> = {};
  for (const name of TABLES) {
    const t = tables[name];
    const t0 = performance.now();
    const file = `${dir}/${name}.copy`;
    writeFileSync(file, '');
    let batch: unknown[][] = [];
    for (const row of t.rows()) {
      batch.push(row);
      if (batch.length === 50_000) {
        appendFileSync(file, copyText(batch as never));
        batch = [];
      }
    }
    appendFileSync(file, copyText(batch as never));
    generation[name] = (performance.now() - t0) / 1000;
  }
  log(`generated ${SCALE}: ${JSON.stringify(generation)}`);

  const baseline: Record<string, number[]> = {};
  const plain: Record<string, number[]> = {};
  const deferred: Record<string, number[]> = {};
  const totals = { baseline: [] as number[], plain: [] as number[], deferred: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    {
      const { handle, url } = await benchDatabase('kc_synth_bench_copy', false, 2);
      await handle.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      let total = 0;
      for (const name of TABLES) {
        const t0 = performance.now();
        await client.query(`COPY ${name} (${tables[name].columns.join(', ')}) FROM '${dir}/${name}.copy'`);
        const s = (performance.now() - t0) / 1000;
        (baseline[name] ??= []).push(s);
        total += s;
      }
      totals.baseline.push(total);
      await client.end();
      await drop('kc_synth_bench_copy');
      log(`run ${run + 1}: raw COPY ${total.toFixed(1)} s`);
    }
    for (const [mode, into, deferIndexes] of [['plain', plain, false], ['deferred', deferred, true]] as const) {
      const { handle } = await benchDatabase('kc_synth_bench_load', false, 4);
      const report = await loadSyntheticCity(handle.db, { centreId: 'beijing', seed: SEED, counts, deferIndexes, concurrent: deferIndexes, now: () => new Date() });
      for (const t of report.tables) {
        const key = t.table.replace(' (indexes + foreign keys)', '');
        if (TABLES.includes(key as SynthTableName)) (into[key] ??= []).push(0);
        const list = into[key] as number[];
        if (list) list[list.length - 1] = (list.at(-1) as number) + t.seconds;
      }
      totals[mode].push(report.seconds);
      await handle.close();
      await drop('kc_synth_bench_load');
      log(`run ${run + 1}: loader (${mode}) ${report.seconds.toFixed(1)} s`);
    }
  }
  const rowsOf = (name: SynthTableName) => tables[name].total;
  const line = (name: SynthTableName) => {
    const b = median(baseline[name] ?? [0]);
    const p = median(plain[name] ?? [0]);
    const d = median(deferred[name] ?? [0]);
    return `| ${name} | ${rowsOf(name).toLocaleString('en')} | ${generation[name]?.toFixed(1)} | ${b.toFixed(1)} | ${p.toFixed(1)} (${((b / p) * 100).toFixed(0)} %) | ${d.toFixed(1)} (${((b / d) * 100).toFixed(0)} %) |`;
  };
  console.log(`| table | rows | generation alone s | raw COPY s (baseline) | loader s (share of COPY speed) | loader --defer-indexes s (share) |
|---|---|---|---|---|---|
${TABLES.map(line).join('\n')}
| **whole load** (with contract roll-up rebuild, calls, applications, ANALYZE) | | ${Object.values(generation).reduce((a, b) => a + b, 0).toFixed(1)} | ${median(totals.baseline).toFixed(1)} | ${median(totals.plain).toFixed(1)} | ${median(totals.deferred).toFixed(1)} |

Scale ${SCALE}, seed ${SEED}, ${RUNS} run(s) each, medians. Per-table loader times for --defer-indexes include that table's index and foreign-key restore.`);
  rmSync(dir, { recursive: true, force: true });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
