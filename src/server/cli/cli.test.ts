import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../../bin/kechuang.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'kc-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Run the real command (from source) with its own embedded database. */
const kechuang = async (args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { PATH: process.env['PATH'] ?? '', KECHUANG_FROM_SOURCE: '1', KECHUANG_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

// Each test starts the real command several times from source; on a busy 2-core machine one start can take
// 10 s, and a test cut off at the default 60 s leaves its processes holding the data directory for the next.
describe('kechuang CLI', { timeout: 300_000 }, () => {
  test('--help lists the commands', async () => {
    const r = await kechuang(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['serve', 'db migrate', 'db seed', 'db reset', 'audit verify', 'users create']) expect(r.stdout).toContain(cmd);
  });

  test('invalid configuration: a clear message naming the variable and a non-zero exit', async () => {
    const r = await kechuang(['db', 'migrate'], { PORT: 'not-a-port' });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/PORT: /);
  });

  test('db seed twice: the second run changes nothing; users create; audit verify', async () => {
    const first = await kechuang(['db', 'seed']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/areas\s+\+39 ~0 -0 =0/);
    const second = await kechuang(['db', 'seed']);
    expect(second.stdout).toMatch(/areas\s+\+0 ~0 -0 =39/);
    expect(second.stdout).toMatch(/entities\s+\+0 ~0 -0 =\d+/);

    const bad = await kechuang(['users', 'create', '--username', 'X Y', '--role', 'wizard']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--username/);
    expect(bad.stderr).toMatch(/--role/);

    const created = await kechuang(['users', 'create', '--username', 'analyst.li', '--role', 'analyst', '--centre', 'beijing']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/created analyst "analyst.li"/);
    expect(created.stdout).toMatch(/password \(shown once\): \S{20,}/);

    const weak = await kechuang(['users', 'create', '--username', 'weak.pw', '--role', 'analyst', '--centre', 'beijing', '--password-env', 'PW'], { PW: 'short' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/too_short/);

    const verify = await kechuang(['audit', 'verify']);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/audit chain OK: \d+ events verified/);
  });

  test('jobs: the scheduled work in its own process, once or on its interval until stopped', async () => {
    const once = await kechuang(['jobs', '--once']);
    expect(once.code).toBe(0);
    const line = JSON.parse(once.stdout.trim().split('\n').find((l) => l.includes('scheduled jobs ran')) ?? '{}') as { centreId?: string; derived?: number };
    expect(line.centreId).toBe('beijing');
    expect(line.derived).toBeGreaterThan(0);

    const off = await kechuang(['jobs'], { JOBS_INTERVAL_SECONDS: '0' });
    expect(off.code).toBe(2);
    expect(off.stderr).toMatch(/JOBS_INTERVAL_SECONDS is 0/);

    const env = { PATH: process.env['PATH'] ?? '', KECHUANG_FROM_SOURCE: '1', KECHUANG_DATA_DIR: dataDir, LOG_LEVEL: 'silent', JOBS_INTERVAL_SECONDS: '3600' };
    const loop = spawn(process.execPath, [bin, 'jobs'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    loop.stdout.on('data', (d: Buffer) => (output += d.toString()));
    // The first run starts at once, not an interval later.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => output.includes('scheduled jobs ran') && (clearInterval(poll), resolve()), 100);
      loop.once('exit', (code) => (clearInterval(poll), reject(new Error(`jobs exited with ${code}: ${output}`))));
    });
    const exited = new Promise<number | null>((r) => loop.once('exit', r));
    loop.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/SIGTERM: stopping after the run in progress/);
  });

  test('import organisations: a dry run, then the import with an error report; export the list', async () => {
    const file = join(dataDir, 'actors.csv');
    writeFileSync(file, '中文名称,英文名称,类型代码,示例数据\r\n示例命令行公司,CLI Sample Co.,enterprise,是\r\n示例坏行,,enterprise,是\r\n');
    const dry = await kechuang(['import', 'organisations', file, '--dry-run']);
    expect(dry.stdout).toMatch(/dry run: 2 rows: 1 valid, 0 updated, 1 failed/);
    const real = await kechuang(['import', 'organisations', file, '--centre', 'beijing']);
    expect(real.code).toBe(1);
    expect(real.stdout).toMatch(/2 rows: 1 inserted, 0 updated, 1 failed/);
    expect(readFileSync(`${file}.errors.csv`, 'utf8')).toMatch(/2,英文名称,,required/);
    const out = join(dataDir, 'export.csv');
    const exported = await kechuang(['export', 'organisations', '--out', out, '--q', '示例命令行']);
    expect(exported.code).toBe(0);
    expect(existsSync(out) && readFileSync(out, 'utf8')).toMatch(/CLI Sample Co\./);
  });

  test('db reset asks for confirmation', async () => {
    const r = await kechuang(['db', 'reset']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes/);
  });

  test('a second process on the same data directory is refused with a clear message, and nothing is lost', async () => {
    const env = { PATH: process.env['PATH'] ?? '', KECHUANG_FROM_SOURCE: '1', KECHUANG_DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' };
    const server = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('ready at')) resolve();
        });
        server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const second = await kechuang(['db', 'migrate']);
      expect(second.code).toBe(75);
      expect(second.stderr).toMatch(/in use by another KeChuang process \(pid \d+/);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    // The lock is released on shutdown: the next process opens the directory and finds the data.
    const after = await kechuang(['audit', 'verify']);
    expect(after.code).toBe(0);
  });

  test('a shutdown that a stuck connection would hold exits after SHUTDOWN_GRACE_SECONDS, and the data opens again', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const env = { PATH: process.env['PATH'] ?? '', KECHUANG_FROM_SOURCE: '1', KECHUANG_DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_GRACE_SECONDS: '2' };
    const server = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready at')) resolve();
      });
      void exited.then((code) => reject(new Error(`serve exited with ${code}: ${out}${stderr}`)));
    });
    // A client that never finishes its request keeps the connection busy: closing the server would wait for it.
    const stuck = connect(port, '127.0.0.1');
    await new Promise((r) => stuck.once('connect', r));
    stuck.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    await new Promise((r) => setTimeout(r, 200));
    const signalled = Date.now();
    server.kill('SIGTERM');
    const code = await exited;
    stuck.destroy();
    expect(code).toBe(1);
    expect(Date.now() - signalled).toBeLessThan(15_000);
    expect(stderr).toMatch(/still open after 2 s \(SHUTDOWN_GRACE_SECONDS\)/);
    const after = await kechuang(['audit', 'verify']);
    expect(after.code).toBe(0);
  });
});
