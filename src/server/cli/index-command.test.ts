import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { csvRows, parseIndexInput, runPipeline } from '../../core/evaluation/index.js';
import { ASEM_IDATA, ASEM_IMETA, ASEM_PIPELINE, ASEM_SENSITIVITY } from '../../core/evaluation/fixtures/asem.js';
import { ZPipeline } from '../../shared/schemas/evaluation.js';
import { indexCommand } from './index-command.js';

const dir = mkdtempSync(join(tmpdir(), 'kc-index-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string): string => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};
const data = file('iData.csv', ASEM_IDATA);
const meta = file('iMeta.csv', ASEM_IMETA);
const pipeline = file('pipeline.json', JSON.stringify(ASEM_PIPELINE));

/** Run the command in this process, capturing what it prints. */
const index = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await indexCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};
const table = (path: string): string[][] => csvRows(readFileSync(path, 'utf8'));

describe('kechuang index run', () => {
  test('ASEM: one CSV per dataset, results ranked, numbers in full precision, a run record', async () => {
    const out = join(dir, 'run');
    const r = await index('run', '--data', data, '--meta', meta, '--pipeline', pipeline, '--out', out);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['aggregated.csv', 'denominated.csv', 'imputed.csv', 'normalised.csv', 'results.csv', 'run.json', 'treated.csv', 'treatment.csv']);

    const results = table(join(out, 'results.csv'));
    expect(results[0]?.slice(0, 6)).toEqual(['uCode', 'uName', 'Rank', 'Index', 'Conn', 'Sust']);
    expect(results).toHaveLength(52);
    expect(results.slice(1).map((row) => Number(row[2]))).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));

    // the same numbers as the engine in memory, to the last bit
    const input = parseIndexInput({ name: 'iData.csv', rows: csvRows(ASEM_IDATA) }, { name: 'iMeta.csv', rows: csvRows(ASEM_IMETA) });
    const expected = runPipeline(input, ZPipeline.parse(ASEM_PIPELINE).steps).aggregated;
    const aggregated = table(join(out, 'aggregated.csv'));
    expect(aggregated[0]).toEqual(['uCode', ...expected.codes]);
    const col = expected.codes.indexOf('Index');
    aggregated.slice(1).forEach((row, i) => expect(Number(row[col + 1])).toBe(expected.columns.get('Index')?.[i]));

    // missing values are empty fields
    expect(table(join(out, 'denominated.csv')).some((row) => row.includes(''))).toBe(true);
    const treatment = table(join(out, 'treatment.csv'));
    expect(treatment[0]).toEqual(['iCode', 'SkewBefore', 'KurtBefore', 'Winsorised', 'LogApplied', 'SkewAfter', 'KurtAfter', 'Passes', 'TreatedUnits']);
    expect(treatment).toHaveLength(50);
    const record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(record.dataSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.pipeline.steps[2]).toEqual({ op: 'treat', winmax: 5, skewThreshold: 2, kurtThreshold: 3.5 });
  });

  test('a bad number: exit 2 naming the file, row and column', async () => {
    const bad = file('bad.csv', ASEM_IDATA.replace('4.097985', 'four'));
    const r = await index('run', '--data', bad, '--meta', meta, '--pipeline', pipeline, '--out', join(dir, 'x'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${bad}, row 2, column LPI: "four" is not a number`);
  });

  test('a bad iMeta parent, a bad pipeline, a missing file: exit 2 with the reason', async () => {
    const badMeta = file('badMeta.csv', ASEM_IMETA.replace('"LPI","Logistics Performance Index",1,1,"Score 1-5",4.11803135,,"Physical"', '"LPI","Logistics Performance Index",1,1,"Score 1-5",4.11803135,,"Nowhere"'));
    let r = await index('run', '--data', data, '--meta', badMeta, '--pipeline', pipeline, '--out', join(dir, 'x'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${badMeta}, row 2, column Parent: Parent must be an aggregate of Level 2 ("Nowhere" is not)`);

    const badPipeline = file('bad.json', JSON.stringify({ steps: [{ op: 'normalise', method: 'minmax', range: [100, 0] }, { op: 'aggregate', method: 'mean' }] }));
    r = await index('run', '--data', data, '--meta', meta, '--pipeline', badPipeline, '--out', join(dir, 'x'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('steps.0.range: must be [low, high] with low < high');
    expect(r.err).toContain('steps.1.method');

    r = await index('run', '--data', join(dir, 'nope.csv'), '--meta', meta, '--pipeline', pipeline, '--out', join(dir, 'x'));
    expect(r).toMatchObject({ code: 2, err: `error: ${join(dir, 'nope.csv')}: cannot read the file (no such file)` });

    r = await index('run', '--data', data, '--meta', meta, '--out', join(dir, 'x'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('missing --pipeline');
  });

  test('a pipeline that cannot run on the data says why', async () => {
    const gmeanOnZeros = file('gmean.json', JSON.stringify({ steps: [{ op: 'normalise', method: 'minmax', range: [0, 100] }, { op: 'aggregate', method: 'gmean' }] }));
    const r = await index('run', '--data', data, '--meta', meta, '--pipeline', gmeanOnZeros, '--out', join(dir, 'x'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: the pipeline cannot run on this data: geometric mean of "\w+" for unit \w+: a child value is 0/);
  });

  test('through the real binary: exit code 2 and no stack trace', async () => {
    const bin = fileURLToPath(new URL('../../../bin/kechuang.js', import.meta.url));
    const bad = file('bad2.csv', ASEM_IDATA.replace('"AUT"', '"BEL"'));
    const failure = await promisify(execFile)(process.execPath, [bin, 'index', 'run', '--data', bad, '--meta', meta, '--pipeline', pipeline, '--out', join(dir, 'y')], {
      env: { PATH: process.env['PATH'] ?? '', KECHUANG_FROM_SOURCE: '1' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr.trim()).toBe(`error: ${bad}, row 3, column uCode: uCode "BEL" already used in row 2`);
  });
});

describe('kechuang index weights', () => {
  test('PCA weights of the indicators and a framework with them, ready to run', async () => {
    const out = join(dir, 'weights');
    const r = await index('weights', '--data', data, '--meta', meta, '--pipeline', pipeline, '--method', 'pca', '--level', '1', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/first component explains/);
    const weights = table(join(out, 'weights.csv'));
    expect(weights[0]).toEqual(['iCode', 'Level', 'Parent', 'Current', 'Derived', 'Weight', 'Correlation', 'DesiredShare', 'ObtainedShare']);
    expect(weights.slice(1).every((row) => Number(row[5]) === Math.max(0, Number(row[4])))).toBe(true);
    expect(weights).toHaveLength(50);
    const again = await index('run', '--data', data, '--meta', join(out, 'iMeta.csv'), '--pipeline', pipeline, '--out', join(dir, 'weights-run'));
    expect(again.code).toBe(0);
    const meta2 = table(join(out, 'iMeta.csv'));
    const lpi = meta2.find((row) => row[1] === 'LPI');
    expect(Number(lpi?.[4])).toBe(Number(weights.find((row) => row[0] === 'LPI')?.[5]));
  });

  test('balance with targets; wrong targets or level exit 2 with the reason', async () => {
    const out = join(dir, 'balance');
    const ok = await index('weights', '--data', data, '--meta', meta, '--pipeline', pipeline, '--method', 'balance', '--level', '3', '--targets', '1,1', '--out', out);
    expect(ok.code).toBe(0);
    const rows = table(join(out, 'weights.csv'));
    expect(rows.slice(1).map((row) => Number(row[7]))).toEqual([0.5, 0.5]);
    const wrong = await index('weights', '--data', data, '--meta', meta, '--pipeline', pipeline, '--method', 'balance', '--level', '3', '--targets', '1,2,3', '--out', out);
    expect(wrong).toMatchObject({ code: 2 });
    expect(wrong.err).toMatch(/give 2 targets/);
    expect((await index('weights', '--data', data, '--meta', meta, '--pipeline', pipeline, '--method', 'magic', '--level', '1', '--out', out)).err).toMatch(/--method must be/);
  });
});

describe('kechuang index sensitivity', () => {
  const spec = file('sa.json', JSON.stringify({ ...ASEM_SENSITIVITY, N: 16, bootstrap: 100 }));

  test('writes rank_stats, sobol and runs; the same files on 1 and 2 threads', async () => {
    const one = await index('sensitivity', '--data', data, '--meta', meta, '--spec', spec, '--out', join(dir, 'sa1'), '--threads', '1');
    const two = await index('sensitivity', '--data', data, '--meta', meta, '--spec', spec, '--out', join(dir, 'sa2'), '--threads', '2');
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(one.out).toMatch(/^80 runs \(N = 16, 3 inputs\) in [\d.]+ s on 1 thread\(s\)/);
    for (const name of ['rank_stats.csv', 'sobol.csv', 'runs.csv']) {
      expect(readFileSync(join(dir, 'sa2', name), 'utf8')).toBe(readFileSync(join(dir, 'sa1', name), 'utf8'));
    }
    const sobol = table(join(dir, 'sa1', 'sobol.csv'));
    expect(sobol.map((r) => r[0])).toEqual(['input', 'Weights', 'Normalisation', 'Aggregation']);
    expect(table(join(dir, 'sa1', 'rank_stats.csv'))[0]).toEqual(['uCode', 'Nominal', 'Mean', 'Median', 'Q5', 'Q95']);
    const runs = table(join(dir, 'sa1', 'runs.csv'));
    expect(runs).toHaveLength(81);
    expect(runs[0]?.slice(0, 6)).toEqual(['run', 'block', 'Weights', 'Normalisation', 'Aggregation', 'y']);
  });

  test('a spec varying a step the pipeline lacks is refused', async () => {
    const bad = file('sa-bad.json', JSON.stringify({ ...ASEM_SENSITIVITY, inputs: [...ASEM_SENSITIVITY.inputs, { name: 'Screening', type: 'alternatives', op: 'screen', options: [{ minDataAvailability: 0.5 }, { minDataAvailability: 0.9 }] }] }));
    const r = await index('sensitivity', '--data', data, '--meta', meta, '--spec', bad, '--out', join(dir, 'z'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('inputs.3.op: the pipeline has no "screen" step to vary');
  });
});
