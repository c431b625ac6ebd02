import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import {
  csvRows,
  DATASET_NAMES,
  deriveWeights,
  EvaluationError,
  EvaluationInputError,
  parseIndexInput,
  runPipeline,
  WeightsRequestError,
  type Dataset,
  type IndexInput,
  type PipelineResult,
  type SensitivityResult,
} from '../../core/evaluation/index.js';
import { csvLine } from '../../core/tabular/csv.js';
import { ZPipeline, ZSensitivitySpec } from '../../shared/schemas/evaluation.js';
import { runSensitivity } from '../modules/evaluation/sensitivity-workers.js';

/**
 * `kechuang index run|sensitivity|weights`: the evaluation engine on COINr-format
 * files. The file names and columns written here are a contract other tools
 * depend on (issue 4). Bad input ends with exit code 2 and one message naming
 * the file, row and column; never a stack trace.
 */

export const INDEX_USAGE = `usage:
  kechuang index run --data iData.csv --meta iMeta.csv --pipeline pipeline.json --out DIR
  kechuang index sensitivity --data iData.csv --meta iMeta.csv --spec sa.json --out DIR [--threads N]
  kechuang index weights --data iData.csv --meta iMeta.csv --pipeline pipeline.json --method pca|balance|infomax --level N [--targets 1,2,1] --out DIR`;

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** A failure the user can fix: printed as is, exit code 2. */
class UsageError extends Error {}

const readText = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code ?? String(error)})`);
  }
};

const readJson = <T extends z.ZodType>(path: string, schema: T): z.output<T> => {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(path));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
  throw new UsageError(`${path}: invalid\n${lines.join('\n')}`);
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const loadInput = (dataPath: string, metaPath: string): { input: IndexInput; version: { data: string; meta: string } } => {
  const data = readText(dataPath);
  const meta = readText(metaPath);
  const input = parseIndexInput({ name: dataPath, rows: csvRows(data) }, { name: metaPath, rows: csvRows(meta) });
  return { input, version: { data: sha256(data), meta: sha256(meta) } };
};

/** Full round-trip precision (String of a double); empty for missing. */
const num = (x: number): string => (Number.isFinite(x) ? String(x) : '');

const writeCsv = (dir: string, name: string, header: readonly string[], rows: readonly (readonly unknown[])[]): void => {
  writeFileSync(join(dir, name), [csvLine([...header]), ...rows.map((r) => csvLine([...r]))].join(''));
};

const writeDataset = (dir: string, name: string, dataset: Dataset): void => {
  const columns = dataset.codes.map((c) => dataset.columns.get(c) as Float64Array);
  writeCsv(
    dir,
    name,
    ['uCode', ...dataset.codes],
    dataset.units.codes.map((u, i) => [u, ...columns.map((x) => num(x[i] as number))]),
  );
};

const writeRunOutputs = (dir: string, input: IndexInput, result: PipelineResult): string[] => {
  const written: string[] = [];
  const seen = new Map<string, number>();
  for (const { step, dataset } of result.steps) {
    const base = DATASET_NAMES[step.op];
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const name = `${base}${n === 1 ? '' : `_${n}`}.csv`;
    writeDataset(dir, name, dataset);
    written.push(name);
  }

  const { aggregated, ranks } = result;
  // The index first, then each level down (COINr get_results order).
  const aggregates = [...input.framework.aggregates].sort((a, b) => b.level - a.level).map((a) => a.code);
  const order = [...ranks.keys()].sort((a, b) => (Number.isNaN(ranks[a] as number) ? 1 : 0) - (Number.isNaN(ranks[b] as number) ? 1 : 0) || (ranks[a] as number) - (ranks[b] as number) || a - b);
  writeCsv(
    dir,
    'results.csv',
    ['uCode', 'uName', 'Rank', ...aggregates],
    order.map((i) => [aggregated.units.codes[i], aggregated.units.names[i], num(ranks[i] as number), ...aggregates.map((c) => num(aggregated.columns.get(c)?.[i] ?? Number.NaN))]),
  );
  written.push('results.csv');

  const treatedUnits = result.steps.find((s) => s.step.op === 'treat')?.dataset.units.codes ?? [];
  writeCsv(
    dir,
    'treatment.csv',
    ['iCode', 'SkewBefore', 'KurtBefore', 'Winsorised', 'LogApplied', 'SkewAfter', 'KurtAfter', 'Passes', 'TreatedUnits'],
    (result.treatment ?? []).map((r) => [
      r.code,
      num(r.skewBefore),
      num(r.kurtBefore),
      r.winsorised,
      r.logApplied,
      num(r.skewAfter),
      num(r.kurtAfter),
      r.passes,
      r.treatedUnits.map((i) => treatedUnits[i]).join(' '),
    ]),
  );
  written.push('treatment.csv');
  return written;
};

const writeSensitivityOutputs = (dir: string, spec: z.output<typeof ZSensitivitySpec>, unitCodes: readonly string[], result: SensitivityResult): void => {
  writeCsv(
    dir,
    'rank_stats.csv',
    ['uCode', 'Nominal', 'Mean', 'Median', 'Q5', 'Q95'],
    result.rankStats.map((r) => [r.uCode, num(r.nominal), num(r.mean), num(r.median), num(r.q5), num(r.q95)]),
  );
  writeCsv(
    dir,
    'sobol.csv',
    ['input', 'Si', 'STi', 'Si_q5', 'Si_q95', 'STi_q5', 'STi_q95'],
    result.indices.map((i) => [i.input, num(i.Si), num(i.STi), num(i.SiQ5), num(i.SiQ95), num(i.STiQ5), num(i.STiQ95)]),
  );
  writeCsv(
    dir,
    'runs.csv',
    ['run', 'block', ...spec.inputs.map((i) => i.name), 'y', ...unitCodes],
    result.runs.map((r) => [r.run, r.block, ...r.choices, num(r.y), ...Array.from(r.ranks, num)]),
  );
};

const run = async (command: string, argv: string[], io: Io): Promise<number> => {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      meta: { type: 'string' },
      pipeline: { type: 'string' },
      spec: { type: 'string' },
      out: { type: 'string' },
      threads: { type: 'string' },
      method: { type: 'string' },
      level: { type: 'string' },
      targets: { type: 'string' },
    },
  });
  const need = (name: 'data' | 'meta' | 'pipeline' | 'spec' | 'out' | 'method' | 'level'): string => {
    const value = values[name];
    if (typeof value !== 'string' || value === '') throw new UsageError(`missing --${name}\n${INDEX_USAGE}`);
    return value;
  };

  if (command === 'run') {
    const pipeline = readJson(need('pipeline'), ZPipeline);
    const out = need('out');
    const { input, version } = loadInput(need('data'), need('meta'));
    const started = performance.now();
    const result = runPipeline(input, pipeline.steps);
    const elapsed = performance.now() - started;
    mkdirSync(out, { recursive: true });
    const written = writeRunOutputs(out, input, result);
    // What reproduces this run exactly: the data version and the pipeline with every default filled in.
    writeFileSync(join(out, 'run.json'), `${JSON.stringify({ dataSha256: version.data, metaSha256: version.meta, pipeline: { steps: result.steps.map((s) => s.step) } }, null, 2)}\n`);
    io.out(`${result.aggregated.units.codes.length} units, ${input.framework.indicators.length} indicators, ${result.steps.length} steps in ${elapsed.toFixed(1)} ms`);
    io.out(`wrote ${[...written, 'run.json'].join(', ')} to ${out}`);
    return 0;
  }

  if (command === 'weights') {
    const pipeline = readJson(need('pipeline'), ZPipeline);
    const method = need('method');
    if (method !== 'pca' && method !== 'balance' && method !== 'infomax') throw new UsageError(`--method must be pca, balance or infomax (got "${method}")`);
    const level = Number(need('level'));
    if (!Number.isInteger(level) || level < 1) throw new UsageError(`--level must be a whole number ≥ 1 (got "${values.level}")`);
    const targets = values.targets === undefined ? null : values.targets.split(',').map(Number);
    if (targets?.some((x) => !Number.isFinite(x) || x < 0)) throw new UsageError(`--targets must be non-negative numbers separated by commas (got "${values.targets}")`);
    const out = need('out');
    const { input } = loadInput(need('data'), need('meta'));
    const started = performance.now();
    const derived = deriveWeights(input, pipeline.steps, runPipeline(input, pipeline.steps), { method, level, targets });
    const elapsed = performance.now() - started;
    mkdirSync(out, { recursive: true });
    const value = (x: number | null): string => (x === null ? '' : num(x));
    writeCsv(
      out,
      'weights.csv',
      ['iCode', 'Level', 'Parent', 'Current', 'Derived', 'Weight', 'Correlation', 'DesiredShare', 'ObtainedShare'],
      derived.elements.map((e) => [e.code, level, e.parent ?? '', num(e.current), num(e.derived), num(e.usable), value(e.correlation), value(e.desiredShare), value(e.obtainedShare)]),
    );
    // The framework with the level's weights replaced: ready to run with (a negative loading becomes 0).
    const replaced = new Map(derived.elements.map((e) => [e.code, e.usable]));
    const clipped = derived.elements.filter((e) => e.derived < 0).map((e) => e.code);
    if (clipped.length) io.out(`negative loadings set to weight 0 in iMeta.csv: ${clipped.join(', ')}`);
    const meta = csvRows(readText(need('meta')));
    const header = meta[0] ?? [];
    const codeAt = header.indexOf('iCode');
    const weightAt = header.indexOf('Weight');
    writeFileSync(join(out, 'iMeta.csv'), meta.map((row, i) => csvLine(i > 0 && replaced.has(row[codeAt] ?? '') ? row.map((cell, j) => (j === weightAt ? num(replaced.get(row[codeAt] ?? '') as number) : cell)) : row)).join(''));
    if (derived.method === 'pca') for (const g of derived.groups) io.out(`${g.parent}: first component explains ${(g.varianceExplained * 100).toFixed(1)} % (${g.rowsUsed} complete units)`);
    else io.out(`${derived.method}: ${derived.converged ? 'converged' : 'did not converge'} after ${derived.iterations} iterations`);
    io.out(`${derived.elements.length} weights at level ${level} in ${elapsed.toFixed(1)} ms; wrote weights.csv, iMeta.csv to ${out}`);
    return 0;
  }

  const spec = readJson(need('spec'), ZSensitivitySpec);
  const out = need('out');
  const threads = values.threads === undefined ? Math.min(2, availableParallelism()) : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads must be a whole number ≥ 1 (got "${values.threads}")`);
  const { input } = loadInput(need('data'), need('meta'));
  const started = performance.now();
  const { plan, result } = await runSensitivity(input, spec, threads, { mainThread: true });
  const seconds = (performance.now() - started) / 1000;
  mkdirSync(out, { recursive: true });
  writeSensitivityOutputs(out, spec, plan.unitCodes, result);
  io.out(`${result.runCount} runs (N = ${spec.N}, ${plan.d} inputs) in ${seconds.toFixed(2)} s on ${Math.min(threads, result.runCount)} thread(s)${result.failedRuns ? `; ${result.failedRuns} run(s) failed` : ''}`);
  io.out(`wrote rank_stats.csv, sobol.csv, runs.csv to ${out}`);
  return 0;
};

export const indexCommand = async (argv: string[], io: Io): Promise<number> => {
  const [command, ...rest] = argv;
  if (command !== 'run' && command !== 'sensitivity' && command !== 'weights') {
    (command === undefined || command === '--help' || command === '-h' ? io.out : io.err)(INDEX_USAGE);
    return command === '--help' || command === '-h' ? 0 : 2;
  }
  try {
    return await run(command, rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof EvaluationInputError || error instanceof WeightsRequestError) {
      io.err(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof EvaluationError) {
      io.err(`error: the pipeline cannot run on this data: ${error.message}`);
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${(error as Error).message}\n${INDEX_USAGE}`);
      return 2;
    }
    throw error;
  }
};
