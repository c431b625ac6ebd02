import { parseArgs } from 'node:util';
import { CITY_1M, countsAtScale, parseScale, SYNTH_KINDS, type SynthCounts } from '../../core/synth/index.js';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { existingSyntheticCity, loadSyntheticCity } from '../dev/synth-load.js';
import { pickCentre } from './centre-option.js';
import { parseConfig } from '../config.js';

type Io = { out: (line: string) => void; err: (line: string) => void };

export const SYNTH_USAGE = `usage: kechuang dev synth [--scale 1m|100k|10k|N] [--seed N] [--centre ID] [--dry-run] [--defer-indexes]
                         [--organisations N] [--people N] [--patents N] [--contracts N] [--demands N] [--applications N]
  --scale 1m (default): ${SYNTH_KINDS.map((k) => `${CITY_1M[k].toLocaleString('en')} ${k}`).join(', ')};
  other scales multiply every count; a per-kind option overrides its count. Loads into the configured database
  (DATABASE_URL, else the PGlite data directory). Names are marked 合成 / (Synthetic); one synthetic city per centre.
  --defer-indexes drops each loaded table's secondary indexes and foreign keys and restores them after its load, as a
  dump's restore does (one build, one set-based check); for a database nobody uses meanwhile.`;

/**
 * `kechuang dev synth`: load a synthetic city for load and scale testing.
 * Development tooling: never run by `serve` or the seeds.
 */
export const devCommand = async (argv: string[], env: Record<string, string | undefined>, io: Io): Promise<number> => {
  if (argv[0] !== 'synth') {
    io.err(SYNTH_USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: argv.slice(1),
    options: {
      scale: { type: 'string', default: '1m' },
      seed: { type: 'string', default: '1' },
      centre: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'batch-size': { type: 'string' },
      'defer-indexes': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(SYNTH_KINDS.map((k) => [k, { type: 'string' as const }])),
    },
  });
  if (values.help) {
    io.out(SYNTH_USAGE);
    return 0;
  }
  const factor = parseScale(String(values.scale));
  const seed = Number(values.seed);
  const overrides: Partial<SynthCounts> = {};
  const bad: string[] = [];
  if (factor === null) bad.push(`--scale: "${values.scale}" is not 1m, 100k, 10k or a number`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) bad.push(`--seed: "${values.seed}" is not a whole number from 0 to 2147483647`);
  for (const k of SYNTH_KINDS) {
    const v = (values as Record<string, unknown>)[k];
    if (v === undefined) continue;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) bad.push(`--${k}: "${String(v)}" is not a whole number ≥ 0`);
    else overrides[k] = n;
  }
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 100)) bad.push('--batch-size: a whole number ≥ 100');
  let counts: SynthCounts | null = null;
  if (!bad.length) {
    try {
      counts = countsAtScale(factor as number, overrides);
    } catch (error) {
      bad.push((error as Error).message);
    }
  }
  if (bad.length || !counts) {
    for (const b of bad) io.err(`error: ${b}`);
    io.err(SYNTH_USAGE);
    return 2;
  }
  const config = parseConfig(env, { webRoot: null });
  const handle = await openDatabase(config.database);
  try {
    await migrateDatabase(handle);
    const centreId = await pickCentre(handle.db, typeof values.centre === 'string' ? values.centre : undefined);
    io.out(`synthetic city, seed ${seed}, into centre ${centreId} on ${handle.describe}:`);
    for (const k of SYNTH_KINDS) io.out(`  ${k.padEnd(14)} ${counts[k].toLocaleString('en').padStart(12)}`);
    if (values['dry-run']) {
      const existing = await existingSyntheticCity(handle.db, centreId);
      io.out(existing ? `dry run: nothing written; a load would be refused: the centre already holds a synthetic city (${existing.at})` : 'dry run: nothing written');
      return 0;
    }
    let last = 0;
    const report = await loadSyntheticCity(handle.db, {
      centreId,
      seed,
      counts,
      ...(batchSize ? { batchSize } : {}),
      deferIndexes: values['defer-indexes'] === true,
      concurrent: config.database.kind === 'postgres',
      onIndexes: (table, phase, count, seconds) => io.err(`  ${table}: ${count} secondary index(es) and foreign key(s) ${phase}${phase === 'rebuilt' ? ` in ${seconds.toFixed(1)} s` : ''}`),
      now: () => new Date(),
      onProgress: (p) => {
        const t = performance.now();
        if (p.done < p.total && t - last < 5000) return;
        last = t;
        io.err(`  ${p.table}: ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')} (${Math.round(p.rowsPerSecond).toLocaleString('en')} rows/s)`);
      },
    });
    io.out(`loaded in ${report.seconds.toFixed(1)} s:`);
    for (const t of report.tables) io.out(`  ${t.table.padEnd(30)} ${t.rows.toLocaleString('en').padStart(12)} rows ${t.seconds.toFixed(1).padStart(8)} s ${t.seconds > 0 ? `${Math.round(t.rows / t.seconds).toLocaleString('en').padStart(9)} rows/s` : ''}`);
    return 0;
  } finally {
    await handle.close();
  }
};
