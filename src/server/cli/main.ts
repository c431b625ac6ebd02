import { createWriteStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { ZCreateUserRequest } from '../../shared/schemas/auth.js';
import { ZSearchQuery } from '../../shared/schemas/registry.js';
import { csvLine } from '../../core/tabular/csv.js';
import { exportEntities } from '../modules/registry/registry-export.js';
import { findImportJob, importEntities } from '../modules/registry/registry-import.js';
import { verifyAuditChain } from '../../db/audit-log.js';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { DataDirLockedError } from '../../db/lock.js';
import { migrateDatabase } from '../../db/migrate.js';
import { buildApp } from '../app.js';
import { logJobsReport, runScheduledJobs, startJobLoop } from '../jobs.js';
import { prepareDatabase, resolveSessionKey, seedShippedCentres } from '../bootstrap.js';
import { ConfigError, describeConfig, parseConfig, type AppConfig } from '../config.js';
import { applyHeapGrowth } from '../heap-growth.js';
import { AppError } from '../errors.js';
import { createUserFromCli, generatePassword } from '../modules/users/users.service.js';
import { indexCommand } from './index-command.js';
import { policiesCommand } from './policies-command.js';
import { backupCommand, restoreCommand } from './backup-command.js';
import { devCommand } from './synth-command.js';
import { pickCentre as pickCentreIn } from './centre-option.js';

const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));
const version = (JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as { version: string }).version;
const defaultWebRoot = (): string | null => {
  const root = `${packageRoot}dist/web`;
  return existsSync(`${root}/index.html`) ? root : null;
};

const HELP = `kechuang ${version}: run and measure a science & technology innovation centre

Usage: kechuang <command> [options]

Commands:
  serve                     start the platform (migrates, seeds, creates the first admin)
  jobs [--once]             run the scheduled work (calls closing, reminders, escalations, derived
                            figures) in this process every JOBS_INTERVAL_SECONDS, for servers
                            started with JOBS_INTERVAL_SECONDS=0; --once: one run, exit 1 on failure
  db migrate                apply pending database migrations
  db seed                   load the shipped centre data (idempotent)
  db reset --yes            drop everything, then migrate and seed again
  audit verify              check the audit log's hash chain; exit 1 if broken
  users create              create an account:
        --username NAME --role ROLE [--centre ID] [--organisation ID]
        [--display-name TEXT] [--password-env VAR]   (no --password-env: a random password is printed)
  import organisations FILE [--centre ID] [--dry-run]
                            import actors from .csv or .xlsx; writes FILE.errors.csv
                            when rows fail; re-running a killed import resumes it
  export organisations --out FILE [--centre ID] [--q TEXT] [--category C]
                            export actors (.csv or .xlsx by the file name)
  index run --data iData.csv --meta iMeta.csv --pipeline pipeline.json --out DIR
                            build a composite index (COINr format); one CSV per step
  index sensitivity --data iData.csv --meta iMeta.csv --spec sa.json --out DIR [--threads N]
                            uncertainty and sensitivity analysis (Saltelli design, Sobol indices)
  policies match --policies policies.json --enterprises enterprises.json --out result.csv
                            every enterprise against every policy rule (JSON Logic): eligible,
                            ineligible or unknown with the missing facts; one CSV row per pair
  dev synth [--scale 1m|100k|10k|N] [--seed N] [--centre ID] [--dry-run] [--contracts N …]
                            load a synthetic city (names marked 合成/Synthetic) for load tests;
                            1m = 1M organisations, 200k people, 5M patents, 10M contracts,
                            500k demands, 50k call applications; never part of the seeds
  backup --out DIR [--centre ID]
                            dump one centre (every table, files included) with checksums
  restore DIR [--centre-replace]
                            load a backup in one transaction, verify every checksum; a centre
                            that exists is replaced only with --centre-replace (see docs/BACKUP.md)
  config                    list the configuration variables

Options: --help, --version. Configuration comes from environment variables (see \`kechuang config\`).
`;

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const err = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** A progress line that rewrites itself on a terminal and prints plainly elsewhere. */
const progress = (label: string) => (step: string, done: number, total: number) => {
  const line = `${label}: ${step} (${done}/${total})`;
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}${done === total ? '\n' : ''}`);
  else err(line);
};

const withDatabase = async <T>(config: AppConfig, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> => {
  const handle = await openDatabase(config.database);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
};

const heapGrowthNote = (config: AppConfig): string => {
  const { flag, source } = applyHeapGrowth(config.heapGrowthPercent);
  return source === 'v8-default' ? "V8's adaptive default" : `${flag} (${source === 'node' ? 'given to node' : 'HEAP_GROWTH_PERCENT'})`;
};

const serve = async (config: AppConfig): Promise<void> => {
  const heapGrowth = heapGrowthNote(config);
  const started = performance.now();
  const now = (): Date => new Date();
  const prepared = await prepareDatabase(config, now, progress('seed'));
  const app = await buildApp({ config, database: prepared.handle, now, sessionKey: resolveSessionKey(config) });
  const shutdown = async (signal: string): Promise<void> => {
    app.log.info({ signal }, 'shutting down');
    // A restart must not wait on a request or connection that will never finish.
    setTimeout(() => {
      err(`${signal}: requests or database connections still open after ${config.shutdownGraceSeconds} s (SHUTDOWN_GRACE_SECONDS); exiting without them`);
      process.exit(1);
    }, config.shutdownGraceSeconds * 1000).unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port}`;
  const seeded = prepared.seeds.map((s) => {
    const changed = Object.values(s.tables).reduce((n, t) => n + t.inserted + t.updated + t.deleted, 0);
    return s.skipped ? `${s.centreId} (unchanged package)` : `${s.centreId} (${changed} rows changed)`;
  });
  out(`KeChuang ${version} ready at ${url} in ${Math.round(performance.now() - started)} ms`);
  out(`  database: ${prepared.handle.describe}; migrations applied now: ${prepared.migrationsApplied}; seed: ${seeded.join(', ') || 'off'}`);
  out(`  API docs: ${url}/docs  health: ${url}/readyz${config.webRoot ? '' : '  (web app not built: run npm run build)'}`);
  out(`  heap growth: ${heapGrowth}`);
  if (prepared.admin.generatedPassword) {
    out('');
    out(`  First start: created the administrator "${prepared.admin.username}" with this password (shown once, change it at first sign-in):`);
    out(`    ${prepared.admin.generatedPassword}`);
    out('');
  } else if (prepared.admin.created) {
    out(`  First start: created the administrator "${prepared.admin.username}" with the password from KECHUANG_ADMIN_PASSWORD.`);
  }
};

/** JSON lines, like the server's log, so one collector reads both. */
const jobsLog = {
  info: (detail: object, msg: string) => out(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg, ...detail })),
  error: (detail: object, msg: string) => err(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg, ...detail, ...('err' in detail ? { err: String(detail.err) } : {}) })),
};

/** The scheduled work in a process of its own, so a city's refresh does not share an event loop with requests. */
const jobsCommand = async (config: AppConfig, once: boolean): Promise<number> => {
  if (once) {
    return withDatabase(config, async (database) => {
      const report = await runScheduledJobs({ database, config }, new Date());
      logJobsReport(jobsLog, report);
      return report.some((r) => r.errors.length > 0) ? 1 : 0;
    });
  }
  if (config.jobsIntervalSeconds <= 0) {
    err('JOBS_INTERVAL_SECONDS is 0: set how often the work runs (or use --once)');
    return 2;
  }
  const heapGrowth = heapGrowthNote(config);
  const database = await openDatabase(config.database);
  const loop = startJobLoop({ database, config }, { seconds: config.jobsIntervalSeconds, now: () => new Date(), log: jobsLog, immediately: true });
  const stop = async (signal: string): Promise<void> => {
    out(`${signal}: stopping after the run in progress`);
    await loop.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  out(`KeChuang ${version}: scheduled work every ${config.jobsIntervalSeconds} s on ${database.describe}; heap growth: ${heapGrowth}`);
  return -1; // keep running
};

const dbCommand = async (config: AppConfig, sub: string | undefined, yes: boolean): Promise<number> => {
  if (sub === 'migrate') {
    const { applied } = await withDatabase(config, migrateDatabase);
    out(`migrations applied: ${applied}`);
    return 0;
  }
  if (sub === 'seed') {
    await withDatabase(config, async (handle) => {
      await migrateDatabase(handle);
      for (const report of await seedShippedCentres(handle, new Date(), progress('seed'), true)) {
        out(`${report.centreId}:`);
        for (const [table, c] of Object.entries(report.tables)) out(`  ${table.padEnd(16)} +${c.inserted} ~${c.updated} -${c.deleted} =${c.unchanged}`);
      }
    });
    return 0;
  }
  if (sub === 'reset') {
    if (!yes) {
      err('db reset drops every table and all data. Run again with --yes to confirm.');
      return 2;
    }
    await withDatabase(config, async (handle) => {
      await handle.db.execute(sql.raw('DROP SCHEMA IF EXISTS drizzle CASCADE'));
      await handle.db.execute(sql.raw('DROP SCHEMA public CASCADE'));
      await handle.db.execute(sql.raw('CREATE SCHEMA public'));
      const { applied } = await migrateDatabase(handle);
      out(`dropped all data; migrations applied: ${applied}`);
      const reports = await seedShippedCentres(handle, new Date(), progress('seed'));
      out(`seeded: ${reports.map((r) => r.centreId).join(', ') || 'nothing'}`);
    });
    return 0;
  }
  err('usage: kechuang db migrate|seed|reset');
  return 2;
};

const auditVerify = async (config: AppConfig): Promise<number> => {
  const result = await withDatabase(config, (handle) =>
    verifyAuditChain(handle.db, (n) => {
      if (process.stderr.isTTY) process.stderr.write(`\rchecked ${n} events`);
    }),
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (result.ok) {
    out(`audit chain OK: ${result.checked} events verified`);
    return 0;
  }
  out(`audit chain BROKEN: ${result.problems.length} problem(s) in ${result.checked} events`);
  for (const p of result.problems.slice(0, 50)) out(`  seq ${p.seq}: ${p.problem} (${p.detail})`);
  return 1;
};

const usersCreate = async (config: AppConfig, values: Record<string, string | boolean | undefined>): Promise<number> => {
  const passwordVar = typeof values['password-env'] === 'string' ? values['password-env'] : undefined;
  const generated = passwordVar ? null : generatePassword();
  const parsed = ZCreateUserRequest.safeParse({
    username: values['username'],
    displayName: values['display-name'] ?? values['username'],
    role: values['role'],
    centreId: values['centre'] ?? null,
    organisationId: values['organisation'] ?? null,
    password: passwordVar ? process.env[passwordVar] : generated,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) err(`  --${String(issue.path[0] ?? '?')}: ${issue.message}`);
    return 2;
  }
  const user = await withDatabase(config, async (handle) => {
    await migrateDatabase(handle);
    return createUserFromCli(handle.db, parsed.data, new Date());
  });
  out(`created ${user.role} "${user.username}" (${user.id})${user.centreId ? ` in centre ${user.centreId}` : ''}`);
  if (generated) out(`password (shown once): ${generated}`);
  return 0;
};

/** The centre a command works on (see centre-option.ts). */
const pickCentre = (handle: DatabaseHandle, named: string | undefined): Promise<string> => pickCentreIn(handle.db, named);

const importCommand = async (config: AppConfig, file: string, centre: string | undefined, dryRun: boolean): Promise<number> => {
  if (!existsSync(file)) {
    err(`no such file: ${file}`);
    return 2;
  }
  const { report, errors } = await withDatabase(config, async (handle) => {
    await migrateDatabase(handle);
    const centreId = await pickCentre(handle, centre);
    const done = await importEntities(handle.db, {
      centreId,
      input: file,
      fileName: file,
      dryRun,
      actor: { kind: 'system', label: 'cli:import' },
      now: () => new Date(),
      onProgress: (rows) => {
        if (process.stderr.isTTY) process.stderr.write(`\r\x1b[Kimport: ${rows} rows`);
      },
    });
    // The report carries the first errors; the job row keeps them all for the error file.
    return { report: done, errors: (await findImportJob(handle.db, centreId, done.jobId))?.errors ?? done.errors };
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (report.resumedFromRow > 0) out(`resumed after row ${report.resumedFromRow}`);
  out(`${dryRun ? 'dry run: ' : ''}${report.rows} rows: ${report.inserted} ${dryRun ? 'valid' : 'inserted'}, ${report.updated} updated, ${report.failed} failed`);
  if (report.failed > 0) {
    const reportFile = `${file}.errors.csv`;
    writeFileSync(reportFile, `\uFEFF${csvLine(['row', 'column', 'value', 'reason'])}${errors.map((e) => csvLine([e.row, e.column, e.value, e.reason])).join('')}`);
    out(`error report: ${reportFile}`);
    for (const e of report.errors.slice(0, 10)) out(`  row ${e.row}, ${e.column} = "${e.value}": ${e.reason}`);
  }
  return report.failed > 0 ? 1 : 0;
};

const exportCommand = async (config: AppConfig, file: string, centre: string | undefined, filters: { q?: string | undefined; category?: string | undefined }): Promise<number> => {
  const format = file.endsWith('.xlsx') ? 'xlsx' : 'csv';
  const count = await withDatabase(config, async (handle) => {
    const centreId = await pickCentre(handle, centre);
    const query = ZSearchQuery.omit({ limit: true, cursor: true }).parse({ q: filters.q ?? '', ...(filters.category ? { category: filters.category } : {}) });
    const stream = exportEntities(handle.db, centreId, query, format);
    await pipeline(stream, createWriteStream(file));
    return statSync(file).size;
  });
  out(`exported to ${file} (${count} bytes)`);
  return 0;
};

export const main = async (argv: string[], env: Record<string, string | undefined>): Promise<number> => {
  // Works on files only: no configuration, no database.
  if (argv[0] === 'index') return indexCommand(argv.slice(1), { out, err });
  if (argv[0] === 'policies') return policiesCommand(argv.slice(1), { out, err });
  if (argv[0] === 'dev') return devCommand(argv.slice(1), env, { out, err });
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
      yes: { type: 'boolean' },
      once: { type: 'boolean' },
      port: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      centre: { type: 'string' },
      organisation: { type: 'string' },
      'display-name': { type: 'string' },
      'password-env': { type: 'string' },
      'dry-run': { type: 'boolean' },
      out: { type: 'string' },
      q: { type: 'string' },
      category: { type: 'string' },
      'centre-replace': { type: 'boolean' },
    },
  });
  const [command, sub] = positionals;
  if (values.version) {
    out(version);
    return 0;
  }
  if (values.help || !command) {
    out(HELP);
    return command ? 0 : values.help ? 0 : 2;
  }
  if (command === 'config') {
    for (const v of describeConfig()) out(`${v.name.padEnd(26)} ${v.secret ? '(secret) ' : ''}${v.description}; default ${v.default}`);
    return 0;
  }
  const config = parseConfig({ ...env, ...(values.port ? { PORT: values.port } : {}) }, { webRoot: defaultWebRoot() });
  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keep running
    case 'jobs':
      return jobsCommand(config, values.once === true);
    case 'db':
      return dbCommand(config, sub, values.yes === true);
    case 'audit':
      if (sub !== 'verify') {
        err('usage: kechuang audit verify');
        return 2;
      }
      return auditVerify(config);
    case 'import':
      if (sub !== 'organisations' || !positionals[2]) {
        err('usage: kechuang import organisations FILE [--centre ID] [--dry-run]');
        return 2;
      }
      return importCommand(config, positionals[2], typeof values.centre === 'string' ? values.centre : undefined, values['dry-run'] === true);
    case 'export':
      if (sub !== 'organisations' || typeof values.out !== 'string') {
        err('usage: kechuang export organisations --out FILE [--centre ID] [--q TEXT] [--category C]');
        return 2;
      }
      return exportCommand(config, values.out, typeof values.centre === 'string' ? values.centre : undefined, { q: values.q, category: values.category });
    case 'backup':
      return backupCommand((work) => withDatabase(config, work), pickCentre, { out: values.out, centre: values.centre, appVersion: version }, { out, err });
    case 'restore':
      return restoreCommand((work) => withDatabase(config, work), { dir: sub, replace: values['centre-replace'] === true || values.yes === true }, { out, err });
    case 'users':
      if (sub !== 'create') {
        err('usage: kechuang users create --username NAME --role ROLE [--centre ID]');
        return 2;
      }
      return usersCreate(config, values);
    default:
      err(`unknown command "${command}"\n`);
      err(HELP);
      return 2;
  }
};

/**
 * A command still waiting when nothing is left to run can never finish: Node would end it with exit code 13 and a
 * warning. The crash suite saw an import do this, rarely, after PostgreSQL terminated its connections: closing the
 * pool waited on a client a failed BEGIN never gave back (fixed in db/client.ts). Should any other such wait
 * remain, say so and exit 1 instead.
 */
const stranded = (): void => {
  err('error: the command was left waiting on work that can no longer finish (a lost database connection?). Nothing was left half-written: an import resumes from its last whole batch when run again.');
  process.exit(1);
};

/** Turn known failures into one clear line and an exit code; anything else is a bug and shows its stack. */
export const run = async (): Promise<void> => {
  process.once('beforeExit', stranded);
  try {
    const code = await main(process.argv.slice(2), process.env);
    process.removeListener('beforeExit', stranded);
    if (code >= 0) process.exit(code);
  } catch (error) {
    process.removeListener('beforeExit', stranded);
    if (error instanceof ConfigError) {
      err(error.message);
      err('See `kechuang config` for every variable.');
      process.exit(78);
    }
    if (error instanceof DataDirLockedError) {
      err(`error: ${error.message}`);
      process.exit(75);
    }
    if (error instanceof AppError) {
      err(`error: ${error.message}`);
      const fields = error.details?.fields ?? [];
      for (const f of fields) err(`  ${f.path}: ${f.message}`);
      process.exit(1);
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      err(`error: ${error.message}\n`);
      err(HELP);
      process.exit(2);
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      err(`error: ${(error as Error).message}: another program uses this port; set PORT to another one`);
      process.exit(1);
    }
    err(String((error as Error).stack ?? error));
    process.exit(1);
  }
};
