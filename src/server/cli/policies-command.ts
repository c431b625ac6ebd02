import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compileRuleSet, FACT_CATALOGUE, validateRule, type EligibilityResult, type Facts } from '../../core/policies/index.js';
import { csvCell, csvLine } from '../../core/tabular/csv.js';

/**
 * `kechuang policies match`: every enterprise against every policy rule, one
 * CSV row each (enterprises outer, policies inner, both in input order). The
 * file names, header and values are a contract (issue 6). Bad input ends with
 * exit code 2 and one message naming the file, the item and what is wrong;
 * never a stack trace.
 */

export const POLICIES_USAGE = `usage:
  kechuang policies match --policies policies.json --enterprises enterprises.json --out result.csv`;

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** A failure the user can fix: printed as is, exit code 2. */
class UsageError extends Error {}

const readJson = (path: string): unknown => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: cannot read the file (${code === 'ENOENT' ? 'no such file' : (code ?? String(error))})`);
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The items of a JSON array of objects with unique ids; `where(i)` names an item in messages. */
const readItems = (path: string, what: string, shape: string): { id: string; item: Record<string, unknown>; where: string }[] => {
  const raw = readJson(path);
  if (!Array.isArray(raw)) throw new UsageError(`${path}: expected an array of ${what} (${shape})`);
  const seen = new Map<string, number>();
  return raw.map((item: unknown, i) => {
    if (!isObject(item)) throw new UsageError(`${path}[${i}]: expected an object (${shape})`);
    const id = item['id'];
    if (id === undefined || id === null) throw new UsageError(`${path}[${i}]: no "id"`);
    if ((typeof id !== 'string' && typeof id !== 'number') || id === '') throw new UsageError(`${path}[${i}]: "id" must be a non-empty string or a number`);
    const key = String(id);
    const where = `${path}[${i}] (id ${JSON.stringify(key)})`;
    const first = seen.get(key);
    if (first !== undefined) throw new UsageError(`${where}: duplicate id (also item ${first})`);
    seen.set(key, i);
    return { id: key, item, where };
  });
};

/** Appends text to a file in large writes. */
class BufferedFile {
  private readonly fd: number;
  private buffer = '';
  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, 'w');
    } catch (error) {
      throw new UsageError(`${path}: cannot write the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 1 << 20) this.flush();
  }
  flush(): void {
    if (this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const match = (argv: string[], io: Io): number => {
  const { values } = parseArgs({ args: argv, options: { policies: { type: 'string' }, enterprises: { type: 'string' }, out: { type: 'string' } } });
  const need = (name: 'policies' | 'enterprises' | 'out'): string => {
    const value = values[name];
    if (typeof value !== 'string' || value === '') throw new UsageError(`missing --${name}\n${POLICIES_USAGE}`);
    return value;
  };
  const policiesPath = need('policies');
  const enterprisesPath = need('enterprises');
  const outPath = need('out');

  const policies = readItems(policiesPath, 'policies', '{ "id", "name", "rule" }').map(({ id, item, where }) => {
    if (!('rule' in item)) throw new UsageError(`${where}: no "rule"`);
    if (item['name'] !== undefined && typeof item['name'] !== 'string') throw new UsageError(`${where}: "name" must be a string`);
    const problems = validateRule(item['rule'], FACT_CATALOGUE);
    const errors = problems.filter((p) => p.severity === 'error');
    const [first] = errors;
    if (first) throw new UsageError(`${where}: rule ${first.path}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`);
    return { id, rule: item['rule'], warnings: problems.map((p) => `${where}: rule ${p.path}: ${p.message}`) };
  });
  const enterprises = readItems(enterprisesPath, 'enterprises', '{ "id", "facts": { … } }').map(({ id, item, where }) => {
    if (!('facts' in item)) throw new UsageError(`${where}: no "facts"`);
    if (!isObject(item['facts'])) throw new UsageError(`${where}: "facts" must be an object of fact names and values`);
    return { id, facts: item['facts'] as Facts };
  });

  // A fact outside the catalogue is legal (it is missing unless supplied), but usually a typo: say so.
  const warnings = policies.flatMap((p) => p.warnings);
  for (const w of warnings.slice(0, 10)) io.err(`warning: ${w}`);
  if (warnings.length > 10) io.err(`warning: … and ${warnings.length - 10} more facts outside the catalogue`);

  const started = performance.now();
  const set = compileRuleSet(policies.map((p) => p.rule));
  const policyCells = policies.map((p) => `,${csvCell(p.id)},`);
  const counts: Record<EligibilityResult, number> = { eligible: 0, ineligible: 0, unknown: 0 };
  const file = new BufferedFile(outPath);
  try {
    file.write(csvLine(['enterprise', 'policy', 'result', 'missing']));
    for (const enterprise of enterprises) {
      const prefix = csvCell(enterprise.id);
      const results = set.evaluate(enterprise.facts);
      let rows = '';
      for (let i = 0; i < results.length; i++) {
        const { result, missing } = results[i] as (typeof results)[number];
        counts[result]++;
        rows += `${prefix}${policyCells[i] as string}${result},${missing.length === 0 ? '' : csvCell(missing.join(';'))}\r\n`;
      }
      file.write(rows);
    }
  } finally {
    file.close();
  }
  const ms = performance.now() - started;
  io.out(
    `${enterprises.length} enterprises × ${policies.length} policies: ${enterprises.length * policies.length} rows (${counts.eligible} eligible, ${counts.ineligible} ineligible, ${counts.unknown} unknown) in ${ms.toFixed(0)} ms`,
  );
  io.out(`wrote ${outPath}`);
  return 0;
};

export const policiesCommand = async (argv: string[], io: Io): Promise<number> => {
  const [command, ...rest] = argv;
  if (command !== 'match') {
    (command === undefined || command === '--help' || command === '-h' ? io.out : io.err)(POLICIES_USAGE);
    return command === '--help' || command === '-h' ? 0 : 2;
  }
  try {
    return match(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${(error as Error).message}\n${POLICIES_USAGE}`);
      return 2;
    }
    throw error;
  }
};
