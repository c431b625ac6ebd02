/**
 * The compiled server (`node bin/kechuang.js serve`) as a child process, the
 * way an operator runs it, for the load benchmark and the soak test; and a
 * bare Fastify JSON route in its own process as their baseline.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from '../src/server/config.js';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export const requireBuild = (): void => {
  if (!existsSync('dist/server/cli/main.js')) {
    console.error('run `npm run build` first (the benchmark measures the compiled server)');
    process.exit(1);
  }
};

export type Running = { child: ChildProcess; origin: string; stop: () => Promise<void>; stderr: () => string };

const waitReady = async (child: ChildProcess, url: string, stderr: () => string, timeoutMs: number): Promise<void> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr().slice(-2000)}`);
    if (Date.now() > until) throw new Error(`server not ready after ${timeoutMs} ms: ${stderr().slice(-2000)}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
};

/**
 * V8 flags for the server under test (SERVER_NODE_FLAGS, e.g. "--max-semi-space-size=32"; heap growth has its own HEAP_GROWTH_PERCENT): NODE_OPTIONS
 * accepts only a few V8 flags, so they go on the command line. Runs that use them name them.
 */
export const SERVER_NODE_FLAGS = (process.env['SERVER_NODE_FLAGS'] ?? '').split(/\s+/).filter(Boolean);

/** The settings that change the server's memory behaviour, as a run names them: heap growth always, the others when set. */
export const serverMemorySettings = (): string => {
  const heapGrowth = CONFIG_VARIABLES.HEAP_GROWTH_PERCENT.schema.parse(process.env['HEAP_GROWTH_PERCENT'] || undefined);
  return [
    `HEAP_GROWTH_PERCENT=${heapGrowth}${process.env['HEAP_GROWTH_PERCENT'] ? '' : ' (default)'}`,
    ...['MALLOC_ARENA_MAX', 'NODE_OPTIONS'].flatMap((k) => (process.env[k] ? [`${k}=${process.env[k]}`] : [])),
    ...(SERVER_NODE_FLAGS.length ? [`server flags ${SERVER_NODE_FLAGS.join(' ')}`] : []),
  ].join(', ');
};

const start = async (args: string[], env: Record<string, string>, port: number, timeoutMs: number, nodeFlags: string[] = []): Promise<Running> => {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeFlags, ...args], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-20_000);
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  try {
    await waitReady(child, `${origin}/readyz`, () => err, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, origin, stop, stderr: () => err };
};

/** `kechuang serve` on DATABASE_URL (PostgreSQL) or, without one, PGlite in a fresh data directory. */
export const startKechuang = async (databaseUrl: string | null, extraEnv: Record<string, string> = {}, nodeFlags: string[] = []): Promise<Running & { dataDir: string }> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kc-load-'));
  const env: Record<string, string> = {
    KECHUANG_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    KECHUANG_ADMIN_PASSWORD: 'Bench-Start-Passw0rd-2026!',
    SESSION_SECRET: 'load-bench-session-secret-load-bench-session-secret',
    ...extraEnv,
  };
  if (databaseUrl) env['DATABASE_URL'] = databaseUrl;
  else delete process.env['DATABASE_URL'];
  const running = await start(['bin/kechuang.js', 'serve'], env, await freePort(), 20 * 60_000, nodeFlags);
  return { ...running, dataDir };
};

/** `kechuang jobs`: the scheduled work in a process of its own, with each run's JSON log lines counted. */
export const startJobsProcess = (databaseUrl: string, seconds: number): { runs: () => { ok: number; failed: string[] }; stop: () => Promise<void> } => {
  const env = { ...process.env, DATABASE_URL: databaseUrl, JOBS_INTERVAL_SECONDS: String(seconds), LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, ['bin/kechuang.js', 'jobs'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let ok = 0;
  const failed: string[] = [];
  let pending = '';
  const read = (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes('"scheduled jobs ran"')) ok++;
      else if (line.includes('"level":"error"')) failed.push(line.slice(0, 500));
    }
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  return {
    runs: () => ({ ok, failed: [...failed, ...(child.exitCode !== null ? [`jobs process exited with ${child.exitCode}`] : [])] }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(60_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
};

const bareScript = `
import Fastify from 'fastify';
const app = Fastify();
app.get('/readyz', async () => ({ status: 'ready' }));
app.get('/ok', async () => ({ ok: true, items: [] }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

/** A baseline script in its own process (so it pays the same process boundary as the server), written under dist/ when it changed. */
const startScript = async (name: string, script: string, env: Record<string, string> = {}): Promise<Running> => {
  const file = join(process.cwd(), 'dist', name);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== script) writeFileSync(file, script);
  return start([file], env, await freePort(), 30_000);
};

/** A bare Fastify JSON route. */
export const startBareFastify = (): Promise<Running> => startScript('bench-bare-fastify.mjs', bareScript);

const bareQueryScript = `
import Fastify from 'fastify';
import pg from 'pg';
const pool = new pg.Pool({ connectionString: process.env.BARE_DATABASE_URL, max: 10 });
const app = Fastify();
app.get('/readyz', async () => ({ status: 'ready' }));
app.get('/centre/:id', async (request, reply) => {
  const { rows } = await pool.query('select id, name_zh, name_en, timezone from centres where id = $1', [request.params.id]);
  if (!rows[0]) return reply.code(404).send({ error: 'not found' });
  return rows[0];
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

/**
 * The least a database read can cost here: a bare Fastify route that answers one primary-key query through a pool of 10
 * (the server's default), with no hooks, schema or ORM. Its ratio to the bare route is the ceiling any uncached read meets.
 */
export const startBareFastifyWithQuery = (databaseUrl: string): Promise<Running> => startScript('bench-bare-fastify-query.mjs', bareQueryScript, { BARE_DATABASE_URL: databaseUrl });

/** Create an account through the CLI (the product's own path), with a known password. */
export const createAccount = (databaseUrl: string | null, dataDir: string, username: string, role: string, password: string, organisationId?: string): void => {
  const args = ['bin/kechuang.js', 'users', 'create', '--username', username, '--role', role, '--centre', 'beijing', '--password-env', 'KC_LOAD_PASSWORD'];
  if (organisationId) args.push('--organisation', organisationId);
  const env: Record<string, string | undefined> = { ...process.env, KC_LOAD_PASSWORD: password, KECHUANG_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  if (databaseUrl) env['DATABASE_URL'] = databaseUrl;
  else delete env['DATABASE_URL'];
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`users create failed: ${r.stderr}${r.stdout}`);
};

/** Sign in once (the sign-in rate limit allows a few per minute); the session cookie, and the CSRF token writes must echo. */
export const signInSession = async (origin: string, username: string, password: string): Promise<{ cookie: string; csrf: string }> => {
  const res = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = (await (await fetch(`${origin}/api/auth/session`, { headers: { cookie } })).json()) as { csrfToken?: string | null };
  return { cookie, csrf: me.csrfToken ?? '' };
};

export const signIn = async (origin: string, username: string, password: string): Promise<string> => (await signInSession(origin, username, password)).cookie;

/** The database name in a PostgreSQL URL. */
export const databaseName = (url: string): string => new URL(url).pathname.replace(/^\//, '');
