/**
 * Crash safety (issue 10): kill -9 a real KeChuang process in the middle of a
 * bulk import, a multi-step workflow transition and an index computation, then
 * restart and check that nothing is half-written. Used by the CI suite
 * (crash.test.ts, small sizes) and by `npm run crash` (1,000,000 rows).
 *
 * Nothing in the production code knows about this: the processes are the real
 * CLI (`kechuang import organisations`) and the real app (crash-child.ts builds
 * it and drives its routes); they are killed with SIGKILL at moments drawn from
 * a fixed-seed generator, so a failure can be replayed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, like, sql } from 'drizzle-orm';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { syntheticCreditCode } from '../../../core/identifiers/test-support/synthetic-uscc.js';
import { csvLine } from '../../../core/tabular/csv.js';
import { verifyAuditChain } from '../../../db/audit-log.js';
import { openDatabase, pgliteDir, type DatabaseHandle, type DatabaseTarget } from '../../../db/client.js';
import { migrateDatabase } from '../../../db/migrate.js';
import { createScratchDatabase } from '../../../db/test-support/scratch-database.js';
import { auditEvents, demandEvents, demands, evaluationRuns, importJobs } from '../../../db/schema/index.js';
import { seedShippedCentres } from '../../bootstrap.js';
import { createUserFromCli } from '../../modules/users/users.service.js';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

export type Engine = 'pglite' | 'postgres';
/** Where a crash run keeps its database: a PGlite data directory, or a database of its own on a server. */
export type Target = { engine: Engine; env: Record<string, string>; target: DatabaseTarget; drop: () => Promise<void> };

export const CRASH_ADMIN = { username: 'crash-admin', password: 'Kill-Nine-Passw0rd!-1' } as const;
export const CRASH_ENTERPRISE = { username: 'crash-enterprise', password: 'Kill-Nine-Passw0rd!-2', organisationId: 'beijing-ent-040' } as const;
export const CRASH_ANALYST = { username: 'crash-analyst', password: 'Kill-Nine-Passw0rd!-3' } as const;

/** A small fixed-seed generator (mulberry32): the kill moments of a run can be replayed from its seed. */
export const seeded = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * A fresh database for one crash scenario, migrated and seeded with the shipped
 * centres plus the accounts the child process signs in with. `template` (tests)
 * copies an already seeded database instead of seeding again.
 */
export const freshTarget = async (engine: Engine, opts: { baseUrl?: string; dir?: string; template?: { db?: string | null; tarPath?: string | null } } = {}): Promise<Target> => {
  const suffix = randomBytes(4).toString('hex');
  let t: Target;
  if (engine === 'postgres') {
    const base = opts.baseUrl ?? process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const scratch = await createScratchDatabase(base, 'crash', opts.template?.db);
    t = { engine, env: { DATABASE_URL: scratch.url }, target: { kind: 'postgres', url: scratch.url, poolSize: 4 }, drop: scratch.drop };
  } else {
    const dir = join(opts.dir ?? '/tmp', `kechuang-crash-${suffix}`);
    mkdirSync(dir, { recursive: true });
    if (opts.template?.tarPath) {
      // Unpack the seeded template into the data directory once, then close: the children open it as a server would.
      const client = await PGlite.create({ dataDir: pgliteDir(dir), extensions: { pg_trgm }, loadDataDir: new Blob([readFileSync(opts.template.tarPath)]) });
      await client.close();
    }
    t = { engine, env: { KECHUANG_DATA_DIR: dir }, target: { kind: 'pglite', dataDir: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const handle = await openDatabase(t.target);
  try {
    const now = new Date();
    await migrateDatabase(handle);
    if (!opts.template?.db && !opts.template?.tarPath) await seedShippedCentres(handle, now);
    await createUserFromCli(handle.db, { username: CRASH_ADMIN.username, displayName: 'Crash admin (synthetic)', role: 'admin', centreId: null, organisationId: null, locale: 'zh-CN', password: CRASH_ADMIN.password }, now);
    await createUserFromCli(handle.db, { username: CRASH_ENTERPRISE.username, displayName: 'Crash enterprise (synthetic)', role: 'enterprise_member', centreId: 'beijing', organisationId: CRASH_ENTERPRISE.organisationId, locale: 'zh-CN', password: CRASH_ENTERPRISE.password }, now);
    await createUserFromCli(handle.db, { username: CRASH_ANALYST.username, displayName: 'Crash analyst (synthetic)', role: 'analyst', centreId: 'beijing', organisationId: null, locale: 'zh-CN', password: CRASH_ANALYST.password }, now);
  } finally {
    await handle.close();
  }
  return t;
};

/** Open the target the way a restarted server does (PGlite recovers from its WAL; the stale lock of the killed pid is taken over). */
export const reopen = (t: Target): Promise<DatabaseHandle> => openDatabase(t.target);

export type Spawned = { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; output: () => string; waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void> };

const spawnProcess = (args: string[], env: Record<string, string>, command = process.execPath): Spawned => {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, KECHUANG_FROM_SOURCE: '1', LOG_LEVEL: 'silent', JOBS_INTERVAL_SECONDS: '0', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const waitFor = (pattern: RegExp, timeoutMs = 120_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(out)) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for ${pattern} in output:\n${out.slice(-2000)}`));
      }, timeoutMs);
      listeners.add(check);
      void exited.then(() => {
        if (!pattern.test(out)) {
          listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`process exited before ${pattern}:\n${out.slice(-2000)}`));
        }
      });
      check();
    });
  return { child, exited, output: () => out, waitFor };
};

/**
 * The real CLI, `kechuang import organisations FILE --centre beijing`, on a
 * pseudo-terminal (util-linux `script`) so that it draws its progress line
 * after each committed batch, as it does for an operator: the killer waits for
 * a drawn number of batches, then kills part-way through the next.
 */
export const spawnImport = (t: Target, file: string): Spawned => {
  const command = [process.execPath, join(ROOT, 'bin/kechuang.js'), 'import', 'organisations', file, '--centre', 'beijing'].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return spawnProcess(['-qfec', `exec ${command}`, '/dev/null'], t.env, 'script');
};

/** Rows the import reported committed so far (its progress line), 0 before the first batch. */
export const importedSoFar = (s: Spawned): number => {
  const all = [...s.output().matchAll(/import: (\d+) rows/g)];
  return Number(all[all.length - 1]?.[1] ?? 0);
};

/** The real app, driven through its routes by crash-child.ts (mode: workflow | index). */
export const spawnChild = (t: Target, mode: 'workflow' | 'index'): Spawned => spawnProcess(['--import', 'tsx', CHILD, mode], t.env);

/** SIGKILL: no handler runs, no transaction is rolled back by the process, the PGlite lock file stays behind. */
export const kill9 = async (s: Spawned): Promise<void> => {
  const pid = s.child.pid as number;
  // Under `script` the node process is script's child (sh exec'd into it): kill that one, then script ends with it.
  let victims = [pid];
  if (s.child.spawnfile === 'script') {
    try {
      victims = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      victims = [];
    }
  }
  for (const v of victims) {
    try {
      process.kill(v, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (s.child.spawnfile === 'script') {
    // The import may have finished meanwhile; give script a moment to notice its child is gone.
    const timer = setTimeout(() => s.child.kill('SIGKILL'), 5_000);
    await s.exited;
    clearTimeout(timer);
  } else await s.exited;
};

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- import

export const IMPORT_BATCH = 2_000;

/** A CSV of n synthetic organisations (fixed seed, names marked 合成/Synthetic, credit codes in the test series 'MK'). */
export const writeImportFile = async (path: string, n: number, seed = 10_004): Promise<void> => {
  const rand = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const words = ['智能', '芯片', '生物', '医药', '量子', '数据', '能源', '材料', '光电', '软件'];
  const tails = ['科技有限公司', '技术有限公司', '研究院', '创新中心'];
  const kinds = ['enterprise', 'research_institute', 'new_rnd_institution', 'incubator'];
  const districts = ['海淀区', '朝阳区', '昌平区', '大兴区', '怀柔区', '通州区'];
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`\uFEFF${csvLine(['中文名称', '英文名称', '类型代码', '统一社会信用代码', '所在区域', '成立日期', '示例数据'])}`);
  for (let i = 0; i < n; i++) await write(csvLine([`合成崩溃${pick(words)}${pick(words)}${pick(tails)}${i}`, `Synthetic Crash ${i}`, pick(kinds), creditCodeOf(i), pick(districts), String(1990 + Math.floor(rand() * 35)), '是']));
  out.end();
  await once(out, 'finish');
};

/** Row i's credit code: the series has room for 10,000,000 rows (two series letters, the second taking the millions). */
export const creditCodeOf = (i: number): string => syntheticCreditCode(`K${'ABCDEFGHJK'[Math.floor(i / 1_000_000)]}`, i % 1_000_000);
const CRASH_SERIES = '91110108K%';

export type ImportState = { status: string | null; rowsDone: number; inserted: number; rows: number; distinct: number; batches: number; auditedIds: number };

/** What the database holds of the import: the job's checkpoint, the rows of the series, the batches audited. */
export const importState = async (db: DatabaseHandle['db']): Promise<ImportState> => {
  const [job] = await db.select().from(importJobs).where(like(importJobs.fileName, 'crash-%'));
  const counted = (await db.execute(sql`select count(*)::int as rows, count(distinct uscc)::int as distinct from entities where uscc like ${CRASH_SERIES}`)) as unknown as { rows: { rows: number; distinct: number }[] };
  const countsRow = counted.rows[0] ?? { rows: 0, distinct: 0 };
  let batches = 0;
  let auditedIds = 0;
  if (job) {
    const events = await db.select({ after: auditEvents.after }).from(auditEvents).where(and(eq(auditEvents.action, 'import.batch'), eq(auditEvents.entityId, job.id)));
    batches = events.length;
    auditedIds = new Set(events.flatMap((e) => (e.after as { inserted: string[] }).inserted)).size;
  }
  return { status: job?.status ?? null, rowsDone: job?.rowsDone ?? 0, inserted: job?.inserted ?? 0, rows: countsRow.rows, distinct: countsRow.distinct, batches, auditedIds };
};

/**
 * After a kill: every committed batch is whole (rows = checkpoint, a multiple
 * of the batch size unless it is the file's end), no batch is half there, and
 * each is audited with exactly the records it wrote.
 */
export const importProblems = (s: ImportState, fileRows: number): string[] => {
  const p: string[] = [];
  if (s.rows !== s.rowsDone) p.push(`rows in the table (${s.rows}) differ from the checkpoint (${s.rowsDone}): a partial batch is visible`);
  if (s.rowsDone % IMPORT_BATCH !== 0 && s.rowsDone !== fileRows) p.push(`checkpoint ${s.rowsDone} is not a whole number of batches`);
  if (s.inserted !== s.rowsDone) p.push(`job counts ${s.inserted} inserted at checkpoint ${s.rowsDone}`);
  if (s.distinct !== s.rows) p.push(`${s.rows - s.distinct} duplicate credit codes`);
  if (s.batches !== Math.ceil(s.rowsDone / IMPORT_BATCH)) p.push(`${s.batches} batch audit events for ${s.rowsDone} rows`);
  if (s.auditedIds !== s.rows) p.push(`${s.auditedIds} records named by audit events, ${s.rows} in the table`);
  return p;
};

// ---------------------------------------------------------------- workflow

/** Each demand's state is where its recorded transitions lead, and every transition is audited once. */
export const workflowProblems = async (db: DatabaseHandle['db']): Promise<{ demands: number; transitions: number; problems: string[] }> => {
  const problems: string[] = [];
  const rows = await db.select({ id: demands.id, state: demands.state, version: demands.version }).from(demands);
  const events = await db.select({ demandId: demandEvents.demandId, fromState: demandEvents.fromState, toState: demandEvents.toState, action: demandEvents.action }).from(demandEvents).where(eq(demandEvents.kind, 'transition'));
  const audits = await db.select({ entityId: auditEvents.entityId, action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityType, 'demand'));
  const byDemand = new Map<string, typeof events>();
  for (const e of events) byDemand.set(e.demandId, [...(byDemand.get(e.demandId) ?? []), e]);
  const auditCount = new Map<string, number>();
  for (const a of audits) auditCount.set(`${a.entityId} ${a.action}`, (auditCount.get(`${a.entityId} ${a.action}`) ?? 0) + 1);
  const ids = new Set(rows.map((r) => r.id));
  for (const e of events) if (!ids.has(e.demandId)) problems.push(`transition event of missing demand ${e.demandId}`);
  for (const a of audits) if (!ids.has(a.entityId)) problems.push(`audit event ${a.action} of missing demand ${a.entityId}`);
  for (const d of rows) {
    const mine = byDemand.get(d.id) ?? [];
    // Walk the recorded transitions from the state a case starts in; they must chain and end where the row is.
    let state = 'received';
    const left = [...mine];
    while (left.length > 0) {
      const i = left.findIndex((e) => e.fromState === state);
      if (i < 0) break;
      state = (left.splice(i, 1)[0] as (typeof mine)[number]).toState as string;
    }
    if (left.length > 0) problems.push(`demand ${d.id}: ${left.length} transition(s) do not chain from received`);
    if (state !== d.state) problems.push(`demand ${d.id} is ${d.state} but its transitions lead to ${state}`);
    const perAction = new Map<string, number>();
    for (const e of mine) perAction.set(e.action as string, (perAction.get(e.action as string) ?? 0) + 1);
    for (const [action, n] of perAction) if ((auditCount.get(`${d.id} demand.${action}`) ?? 0) !== n) problems.push(`demand ${d.id}: ${n} ${action} transition(s), ${auditCount.get(`${d.id} demand.${action}`) ?? 0} audited`);
    if (d.version !== 1 + mine.length) problems.push(`demand ${d.id}: version ${d.version} after ${mine.length} transitions`);
  }
  return { demands: rows.length, transitions: events.length, problems };
};

// ---------------------------------------------------------------- index

/** Each stored evaluation run is whole (results for every unit) and audited once; no audit names a run that is not there. */
export const indexProblems = async (db: DatabaseHandle['db'], units: number): Promise<{ runs: number; problems: string[] }> => {
  const problems: string[] = [];
  const runs = await db.select({ id: evaluationRuns.id, results: evaluationRuns.results }).from(evaluationRuns);
  const audited = await db.select({ entityId: auditEvents.entityId }).from(auditEvents).where(eq(auditEvents.action, 'evaluation.run.create'));
  const count = new Map<string, number>();
  for (const a of audited) count.set(a.entityId, (count.get(a.entityId) ?? 0) + 1);
  for (const r of runs) {
    const results = r.results as { units?: unknown[] } | unknown[];
    const n = Array.isArray(results) ? results.length : Array.isArray(results.units) ? results.units.length : -1;
    if (n !== units) problems.push(`run ${r.id} holds results for ${n} units, not ${units}`);
    if (count.get(r.id) !== 1) problems.push(`run ${r.id} audited ${count.get(r.id) ?? 0} times`);
  }
  const ids = new Set(runs.map((r) => r.id));
  for (const a of audited) if (!ids.has(a.entityId)) problems.push(`audit names missing run ${a.entityId}`);
  return { runs: runs.length, problems };
};

/** Observations the derived-figures refresh keeps, counted per derived source. */
export const derivedCounts = async (db: DatabaseHandle['db']): Promise<number> => {
  const r = (await db.execute(sql`select count(*)::int as n from observations o join sources s on s.id = o.source_id where s.id like '%derived%'`)) as unknown as { rows: { n: number }[] };
  return r.rows[0]?.n ?? 0;
};

export const auditProblems = async (db: DatabaseHandle['db']): Promise<{ checked: number; problems: string[] }> => {
  const r = await verifyAuditChain(db);
  return { checked: r.checked, problems: r.problems.map((p) => `audit seq ${p.seq}: ${p.problem} (${p.detail})`) };
};

