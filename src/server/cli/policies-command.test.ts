import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { compileRule } from '../../core/policies/index.js';
import { csvRows } from '../../core/evaluation/index.js';
import { policiesCommand } from './policies-command.js';

const dir = mkdtempSync(join(tmpdir(), 'kc-policies-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: unknown): string => {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return join(dir, name);
};

/** Run the command in this process, capturing what it prints. */
const policies = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await policiesCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const POLICIES = [
  { id: 'hnte', name: '高新技术企业认定奖励', rule: { and: [{ '>=': [{ var: 'rdIntensity' }, 3] }, { '>=': [{ var: 'foundedYear' }, 2016] }, { var: 'taxCompliant' }] } },
  { id: 'haidian, park', name: 'Haidian park rent', rule: { in: [{ var: 'area' }, ['bj-110108']] } },
  { id: 7, name: 'numeric id', rule: { '!': { in: ['little_giant', { var: 'tiers' }] } } },
];
const ENTERPRISES = [
  { id: 'e1', facts: { rdIntensity: 4.5, foundedYear: 2018, taxCompliant: true, area: 'bj-110108', tiers: [] } },
  { id: 'e2', facts: { rdIntensity: 2, area: null } },
  { id: 'e3', facts: {} },
];

describe('kechuang policies match', () => {
  test('one row per enterprise × policy, enterprises outer; unknown rows list their missing facts, sorted, separated by ;', async () => {
    const out = join(dir, 'result.csv');
    const r = await policies('match', '--policies', file('policies.json', POLICIES), '--enterprises', file('enterprises.json', ENTERPRISES), '--out', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^3 enterprises × 3 policies: 9 rows \(3 eligible, 1 ineligible, 5 unknown\) in \d+ ms\nwrote /);
    expect(readFileSync(out, 'utf8')).toBe(
      [
        'enterprise,policy,result,missing',
        'e1,hnte,eligible,',
        'e1,"haidian, park",eligible,',
        'e1,7,eligible,',
        'e2,hnte,ineligible,',
        'e2,"haidian, park",unknown,area',
        'e2,7,unknown,tiers',
        'e3,hnte,unknown,foundedYear;rdIntensity;taxCompliant',
        'e3,"haidian, park",unknown,area',
        'e3,7,unknown,tiers',
        '',
      ].join('\r\n'),
    );
    // the same as the engine in memory
    const rows = csvRows(readFileSync(out, 'utf8')).slice(1);
    const expected = ENTERPRISES.flatMap((e) => POLICIES.map((p) => compileRule(p.rule).evaluate(e.facts)));
    expect(rows.map((row) => [row[2], row[3]])).toEqual(expected.map((e) => [e.result, e.missing.join(';')]));
  });

  test('a fact outside the catalogue is a warning, not an error', async () => {
    const r = await policies('match', '--policies', file('typo.json', [{ id: 'p', rule: { var: 'rdIntensty' } }]), '--enterprises', file('e.json', ENTERPRISES), '--out', join(dir, 'typo.csv'));
    expect(r.code).toBe(0);
    expect(r.err).toBe(`warning: ${join(dir, 'typo.json')}[0] (id "p"): rule $.var: fact "rdIntensty" is not in the catalogue`);
  });

  test('bad input: exit 2 and one message naming the file, the item and what is wrong', async () => {
    const enterprises = file('ok.json', ENTERPRISES);
    const run = async (policiesFile: string, enterprisesFile = enterprises) => policies('match', '--policies', policiesFile, '--enterprises', enterprisesFile, '--out', join(dir, 'x.csv'));
    const cases: [string, string][] = [
      [join(dir, 'nope.json'), `${join(dir, 'nope.json')}: cannot read the file (no such file)`],
      [file('broken.json', '[{"id": "a",'), `${join(dir, 'broken.json')}: not valid JSON (`],
      [file('object.json', { id: 'a' }), `${join(dir, 'object.json')}: expected an array of policies ({ "id", "name", "rule" })`],
      [file('noid.json', [{ id: 'a', rule: true }, { name: 'x', rule: true }]), `${join(dir, 'noid.json')}[1]: no "id"`],
      [file('dup.json', [{ id: 'a', rule: true }, { id: 'b', rule: true }, { id: 'a', rule: false }]), `${join(dir, 'dup.json')}[2] (id "a"): duplicate id (also item 0)`],
      [file('norule.json', [{ id: 'a' }]), `${join(dir, 'norule.json')}[0] (id "a"): no "rule"`],
      [
        file('op.json', [{ id: 'a', rule: true }, { id: 'b', rule: { and: [true, { cat: ['x'] }, { '>': [1] }] } }]),
        `${join(dir, 'op.json')}[1] (id "b"): rule $.and[1].cat: unsupported operator "cat" (and 1 more)`,
      ],
    ];
    for (const [policiesFile, message] of cases) {
      const r = await run(policiesFile);
      expect(r.code, message).toBe(2);
      expect(r.err.startsWith(`error: ${message}`), r.err).toBe(true);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const good = file('good.json', POLICIES);
    const noFacts = await run(good, file('nofacts.json', [{ id: 'e1', facts: {} }, { id: 'e2', facts: [1] }]));
    expect(noFacts).toMatchObject({ code: 2, err: `error: ${join(dir, 'nofacts.json')}[1] (id "e2"): "facts" must be an object of fact names and values` });
    const dupEnterprise = await run(good, file('dupe.json', [{ id: 1, facts: {} }, { id: '1', facts: {} }]));
    expect(dupEnterprise.err).toBe(`error: ${join(dir, 'dupe.json')}[1] (id "1"): duplicate id (also item 0)`);
    expect((await policies('match', '--policies', good, '--out', join(dir, 'x.csv'))).err).toMatch(/^error: missing --enterprises/);
    expect(await policies('frobnicate')).toMatchObject({ code: 2 });
  });

  test('through the real binary: a bad operator exits 2 with its path and no stack trace; --help lists the command', async () => {
    const bin = fileURLToPath(new URL('../../../bin/kechuang.js', import.meta.url));
    const env = { PATH: process.env['PATH'] ?? '', KECHUANG_FROM_SOURCE: '1' };
    const bad = file('bin-bad.json', [{ id: 'p1', rule: { '>=': [{ var: 'rdIntensity' }, 3] } }, { id: 'p2', rule: { or: [{ missing: ['rdIntensity'] }] } }]);
    const failure = await promisify(execFile)(process.execPath, [bin, 'policies', 'match', '--policies', bad, '--enterprises', file('bin-e.json', ENTERPRISES), '--out', join(dir, 'bin.csv')], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr.trim()).toBe(`error: ${bad}[1] (id "p2"): rule $.or[0].missing: unsupported operator "missing"`);

    const help = await promisify(execFile)(process.execPath, [bin, '--help'], { env });
    expect(help.stdout).toContain('policies match --policies policies.json --enterprises enterprises.json --out result.csv');
  });
});
