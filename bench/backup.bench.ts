/**
 * Backup and restore of one large centre on PostgreSQL, against pg_dump -Fc /
 * pg_restore of the same database in the same run (the baseline).
 *   BENCH_PG=postgres://postgres@127.0.0.1:5432/postgres BENCH_ROWS=1000000 npx tsx bench/backup.bench.ts
 * Builds its own databases (backup_bench_*): a migrated schema, centre
 * 合成市 (synthetic) with BENCH_ROWS synthetic organisations and 1,000 64 KiB
 * attachments. Prints a markdown table; medians of BENCH_RUNS runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { backupCentre } from '../src/db/backup/backup.js';
import { restoreCentre } from '../src/db/backup/restore.js';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';

const base = process.env['BENCH_PG'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const rows = Number(process.env['BENCH_ROWS'] ?? 1_000_000);
const runs = Number(process.env['BENCH_RUNS'] ?? 3);
const urlOf = (db: string): string => Object.assign(new URL(base), { pathname: `/${db}` }).toString();
const admin = async (text: string): Promise<void> => {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const time = async (work: () => Promise<unknown> | unknown): Promise<number> => {
  const t = performance.now();
  await work();
  return (performance.now() - t) / 1000;
};
const dirSize = (dir: string): number => Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);

const SRC = 'backup_bench_src';
const EMPTY = 'backup_bench_empty';
await admin(`DROP DATABASE IF EXISTS ${SRC} WITH (FORCE)`);
await admin(`DROP DATABASE IF EXISTS ${EMPTY} WITH (FORCE)`);
await admin(`CREATE DATABASE ${EMPTY}`);
{
  const h = await openDatabase({ kind: 'postgres', url: urlOf(EMPTY), poolSize: 1 });
  await migrateDatabase(h);
  await h.close();
}
await admin(`CREATE DATABASE ${SRC} TEMPLATE ${EMPTY}`);
const load = new pg.Client({ connectionString: urlOf(SRC) });
await load.connect();
const loadStarted = performance.now();
await load.query(`INSERT INTO centres (id, name_zh, name_en, short_name_zh, short_name_en) VALUES ('synth', '合成市', 'Synthetic City', '合成', 'Synthetic')`);
await load.query(`INSERT INTO areas (id, centre_id, kind, name_zh, name_en) SELECT 'synth-d' || d, 'synth', 'district', '合成区' || d, 'Synthetic District ' || d FROM generate_series(1, 16) d`);
await load.query(`
  INSERT INTO entities (id, centre_id, category, kind, name_zh, name_en, name_status, area_id, attributes, aliases, sector_codes, lon, lat, founded_on, created_at, updated_at)
  SELECT 'synth-' || i, 'synth', 'enterprise', 'enterprise', '合成企业' || i || '有限公司', 'Synthetic Enterprise ' || i || E' Co.\\tLtd', 'well_known',
         'synth-d' || (1 + (i * 7919) % 16), jsonb_build_object('staff', (i * 31) % 5000, 'revenue', ((i * 17) % 100000)::numeric / 7),
         ARRAY['合成' || i, 'S' || i], ARRAY[lpad(((i * 13) % 9999)::text, 4, '0')], 116 + (i % 1000) / 1000.0, 39 + (i % 997) / 997.0,
         (1990 + i % 35)::text, timestamptz '2020-01-01 00:00:00.123456+00' + make_interval(secs => i), timestamptz '2025-06-01 08:00:00+08'
  FROM generate_series(1::bigint, ${rows}) i`);
await load.query(`
  INSERT INTO attachments (id, centre_id, owner_type, owner_id, file_name, content_type, size, sha256, content, created_at)
  SELECT 'synth-file-' || i, 'synth', 'application', 'synth-app-' || i, '合成文件' || i || '.pdf', 'application/pdf', 65536, md5(i::text),
         decode(repeat(md5(i::text), 2048), 'hex'), now() FROM generate_series(1, 1000) i`);
await load.query('VACUUM ANALYZE');
const loadSeconds = (performance.now() - loadStarted) / 1000;
await load.end();

const work = mkdtempSync(join(tmpdir(), 'kc-backup-bench-'));
const result: Record<string, number[]> = { backup: [], restore: [], pgDump: [], pgRestore: [] };
let dumpBytes = 0;
let pgDumpBytes = 0;
try {
  for (let r = 0; r < runs; r++) {
    const out = join(work, `kc-${r}`);
    const src = await openDatabase({ kind: 'postgres', url: urlOf(SRC), poolSize: 1 });
    result['backup']!.push(await time(() => backupCentre(src, { centreId: 'synth', outDir: out, appVersion: 'bench', now: () => new Date() })));
    await src.close();
    dumpBytes = dirSize(out);
    const pgFile = join(work, `pg-${r}.dump`);
    result['pgDump']!.push(await time(() => execFileSync('pg_dump', ['-Fc', '-f', pgFile, urlOf(SRC)])));
    pgDumpBytes = dirSize(pgFile);

    const target = `backup_bench_t${r}`;
    await admin(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${target} TEMPLATE ${EMPTY}`);
    const t = await openDatabase({ kind: 'postgres', url: urlOf(target), poolSize: 1 });
    result['restore']!.push(await time(() => restoreCentre(t, { dir: out, replace: false, actor: { kind: 'system', label: 'bench' }, now: () => new Date() })));
    await t.close();
    await admin(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${target}`);
    result['pgRestore']!.push(await time(() => execFileSync('pg_restore', ['-d', urlOf(target), pgFile])));
    await admin(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
    rmSync(out, { recursive: true, force: true });
    rmSync(pgFile, { force: true });
    process.stderr.write(`run ${r + 1}: ${JSON.stringify(Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v.at(-1)?.toFixed(1)])))}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  await admin(`DROP DATABASE IF EXISTS ${SRC} WITH (FORCE)`);
  await admin(`DROP DATABASE IF EXISTS ${EMPTY} WITH (FORCE)`);
}
const m = Object.fromEntries(Object.entries(result).map(([k, v]) => [k, median(v)])) as Record<string, number>;
console.log(`load: ${rows.toLocaleString('en')} organisations + 1,000 × 64 KiB attachments in ${loadSeconds.toFixed(0)} s; ${runs} runs, medians`);
console.log('| step | kechuang (one centre, checksummed) | pg_dump -Fc / pg_restore (whole database) | ratio |');
console.log('|---|---|---|---|');
console.log(`| dump | ${m['backup']!.toFixed(1)} s | ${m['pgDump']!.toFixed(1)} s | ${(m['backup']! / m['pgDump']!).toFixed(2)}× |`);
console.log(`| restore (incl. checks) | ${m['restore']!.toFixed(1)} s | ${m['pgRestore']!.toFixed(1)} s | ${(m['restore']! / m['pgRestore']!).toFixed(2)}× |`);
console.log(`| size on disk | ${(dumpBytes / 1e6).toFixed(0)} MB | ${(pgDumpBytes / 1e6).toFixed(0)} MB | ${(dumpBytes / pgDumpBytes).toFixed(2)}× |`);
console.log(`all runs: ${JSON.stringify(result)}`);
