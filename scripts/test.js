#!/usr/bin/env node
// `npm test`: type-check and build (the browser test needs the built web app),
// run every Vitest project, then print one plain closing line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

/**
 * CI stops a run at 90 minutes and prints nothing about why; a step that
 * hangs is stopped here first (KC_TEST_TIMEOUT_MINUTES, default 70), with a
 * line that says which one.
 */
const TIMEOUT_MS = Number(process.env.KC_TEST_TIMEOUT_MINUTES ?? 70) * 60_000;
const started = Date.now();
const step = (label, cmd, args) => {
  process.stdout.write(`\n> ${label} (${new Date().toISOString()})\n`);
  const left = Math.max(60, Math.round((TIMEOUT_MS - (Date.now() - started)) / 1000));
  // GNU timeout signals the whole process group, so Vitest's workers and browsers go too.
  const r = spawnSync('timeout', ['-k', '30', String(left), cmd, ...args], { stdio: 'inherit', env: process.env });
  if (r.status === 124 || r.status === 137) {
    console.log(`\n${label}: stopped after ${Math.round((Date.now() - started) / 60_000)} minutes (KC_TEST_TIMEOUT_MINUTES); something hung`);
    return 1;
  }
  return r.status ?? 1;
};

mkdirSync('test-output', { recursive: true });
const extra = process.argv.slice(2);

if (step('build (type-check, web bundle)', 'npm', ['run', 'build', '--silent']) !== 0) {
  console.log('\n0 passed, 1 failed');
  console.log('The build failed (type errors or bundling); no test ran.');
  process.exit(1);
}
if (step('i18n catalogues', 'node', ['scripts/i18n-check.js']) !== 0) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

if (process.env.TEST_DATABASE_URL) console.log(`\nPostgreSQL tests: on (${process.env.TEST_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')})`);
else console.log('\nPostgreSQL tests: off (set TEST_DATABASE_URL to run the database tests on a server too)');

const report = 'test-output/vitest-report.json';
const code = step('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = (r.numFailedTests ?? 0) + (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
if (code !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(code === 0 && failed === 0 ? 0 : 1);
