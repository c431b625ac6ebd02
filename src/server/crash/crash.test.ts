import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { testEngine } from '../../db/test-support/test-database.js';
import { freshTarget, writeImportFile, type Target } from './test-support/crash-harness.js';
import { connectionLossScenario, importScenario, indexScenario, workflowScenario } from './test-support/crash-scenarios.js';

/**
 * Crash safety (issue 10), at CI size, on the engine of the project running it
 * (a PGlite data directory, or a database of its own on the PostgreSQL server):
 * real processes killed with SIGKILL at fixed-seed moments, then checked as a
 * restarted server finds them. `npm run crash` runs the same at 1,000,000 rows.
 */
const ROWS = 20_000;
let t: Target;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kechuang-crash-'));
  const template = inject('testDatabase');
  t = await freshTarget(testEngine(), { dir, template: { db: template.templateDb, tarPath: template.templatePath } });
  await writeImportFile(join(dir, `crash-${ROWS}.csv`), ROWS);
});
afterAll(async () => {
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('kill -9', () => {
  test('in the middle of an import batch: no partial batch is visible, the import resumes from its checkpoint and ends with exactly the file’s rows', { timeout: 240_000 }, async () => {
    const file = join(dir, `crash-${ROWS}.csv`);
    const report = await importScenario(t, file, ROWS, { kills: 2, seed: 20261207 });
    expect(report.problems).toEqual([]);
    expect(report.kills).toHaveLength(2);
    expect(report.result).toMatch(new RegExp(`^${ROWS} rows, ${ROWS} distinct, ${ROWS / 2000} batches audited; audit chain \\d+ events OK$`));
  });

  test('in the middle of a workflow transition: every case is in the state its recorded, audited transitions lead to', { timeout: 180_000 }, async () => {
    const report = await workflowScenario(t, { kills: 2, seed: 20261208, maxTransitions: 6 });
    expect(report.problems).toEqual([]);
    expect(report.result).toMatch(/transitions; audit chain \d+ events OK$/);
  });

  test('in the middle of an index computation: derived figures all there or none, every stored evaluation run whole and audited once', { timeout: 180_000 }, async () => {
    const report = await indexScenario(t, { kills: 2, seed: 20261209, maxRuns: 3, units: 51 });
    expect(report.problems).toEqual([]);
    expect(report.result).toMatch(/runs; audit chain \d+ events OK$/);
  });

  test.runIf(testEngine() === 'postgres')('PostgreSQL drops the import’s connection mid-batch: the process survives, the job is left interrupted at a whole batch and resumes', { timeout: 180_000 }, async () => {
    // Its own database: the import above has already loaded this file into the shared one.
    const own = await freshTarget('postgres', { template: { db: inject('testDatabase').templateDb } });
    try {
      // A smaller file: what is checked is the first interrupted batch and the resume, not the size. Large enough that
      // the import cannot finish between 4,000 rows shown and the termination: 10,000 once did on a quiet machine.
      const rows = 40_000;
      const file = join(dir, `crash-loss-${rows}.csv`);
      await writeImportFile(file, rows);
      const report = await connectionLossScenario(own, file, rows, { afterRows: 4_000, adminUrl: process.env['TEST_DATABASE_URL'] as string });
      expect(report.problems).toEqual([]);
    } finally {
      await own.drop();
    }
  });
});
