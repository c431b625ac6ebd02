/**
 * `npm run crash`: the crash-safety scenarios at full size (issue 10) on
 * PGlite (a data directory) and PostgreSQL, printing a markdown report.
 *   ROWS=1000000      rows in the import file (synthetic, fixed seed)
 *   KILLS=3           kills per scenario
 *   SEED=20261207     seed of the kill moments
 *   ENGINES=pglite,postgres
 *   DATABASE_URL / TEST_DATABASE_URL   the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
 *                     the run creates a database of its own there and drops it afterwards
 *   CRASH_DIR=/tmp    where the file and the PGlite data directory go (removed afterwards)
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { freshTarget, writeImportFile, type Engine } from './crash-harness.js';
import { importScenario, indexScenario, workflowScenario, type ScenarioReport } from './crash-scenarios.js';

const ROWS = Number(process.env['ROWS'] ?? 1_000_000);
const KILLS = Number(process.env['KILLS'] ?? 3);
const SEED = Number(process.env['SEED'] ?? 20261207);
const ENGINES = (process.env['ENGINES'] ?? 'pglite,postgres').split(',') as Engine[];
const base = join(process.env['CRASH_DIR'] ?? '/tmp', `kechuang-crash-run-${process.pid}`);
mkdirSync(base, { recursive: true });
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const s = (msN: number) => `${(msN / 1000).toFixed(1)} s`;

const file = join(base, `crash-${ROWS}.csv`);
log(`writing ${ROWS} synthetic rows to ${file}`);
await writeImportFile(file, ROWS);
log(`file: ${(statSync(file).size / 1e6).toFixed(0)} MB`);

const reports: ScenarioReport[] = [];
let failed = false;
try {
  for (const engine of ENGINES) {
    log(`${engine}: preparing a fresh database (migrate + seed)`);
    const t = await freshTarget(engine, { dir: base });
    try {
      for (const run of [
        () => importScenario(t, file, ROWS, { kills: KILLS, seed: SEED, log }),
        () => workflowScenario(t, { kills: KILLS, seed: SEED + 1, maxTransitions: 20, log }),
        () => indexScenario(t, { kills: KILLS, seed: SEED + 2, maxRuns: 5, units: 51, log }),
      ]) {
        const r = await run();
        reports.push(r);
        log(`${engine} ${r.scenario}: ${r.problems.length ? `FAILED: ${r.problems.join('; ')}` : 'ok'} (${s(r.totalMs)})`);
        failed ||= r.problems.length > 0;
      }
    } finally {
      await t.drop();
    }
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}

const out: string[] = [];
out.push(`## Crash safety: kill -9 (${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores ${cpus()[0]?.model ?? ''}, ${(totalmem() / 2 ** 30).toFixed(0)} GB; ROWS=${ROWS}, KILLS=${KILLS}, SEED=${SEED})`, '');
out.push('| engine | scenario | kill | where killed | found after restart | check |', '|---|---|---|---|---|---|');
for (const r of reports) for (const [i, k] of r.kills.entries()) out.push(`| ${r.engine} | ${r.scenario} | ${i + 1} | ${k.at} | ${k.found} | ${k.checkMs} ms |`);
out.push('', '| engine | scenario | total | resume to end | result | problems |', '|---|---|---|---|---|---|');
for (const r of reports) out.push(`| ${r.engine} | ${r.scenario} | ${s(r.totalMs)} | ${r.resumeMs !== undefined ? s(r.resumeMs) : '–'} | ${r.result} | ${r.problems.length ? r.problems.join('; ') : 'none'} |`);
process.stdout.write(`${out.join('\n')}\n`);
process.exit(failed ? 1 : 0);
