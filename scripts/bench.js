#!/usr/bin/env node
// `npm run bench` (foundation figures): cold start to ready, warm restart, RSS
// at idle, each beside a bare-Fastify baseline measured in the same run; the
// first page's gzipped JavaScript. Medians of several runs; writes BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:net';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

/** Start a process, poll a URL until it answers 200; return ms to ready and RSS after idling. */
const measure = async (cmd, args, env, url) => {
  const t0 = performance.now();
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited: ${stderr}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) break;
    } catch {}
    await sleep(20);
  }
  const readyMs = performance.now() - t0;
  await sleep(3000);
  const rss = rssKb(child.pid);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { readyMs, rssMb: rss / 1024 };
};

const baselineScript = `
import Fastify from 'fastify';
const app = Fastify();
app.get('/readyz', async () => ({ status: 'ready' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

const main = async () => {
  if (!existsSync('dist/server/cli/main.js') || !existsSync('dist/web/index.html')) {
    console.error('run `npm run build` first');
    process.exit(1);
  }
  const baselineFile = join(process.cwd(), 'dist', 'bench-baseline.mjs');
  writeFileSync(baselineFile, baselineScript);
  const rows = { baseline: [], cold: [], warm: [] };
  for (let i = 0; i < RUNS; i++) {
    const port = await freePort();
    rows.baseline.push(await measure(process.execPath, [baselineFile], { PORT: String(port) }, `http://127.0.0.1:${port}/readyz`));
    const dir = mkdtempSync(join(tmpdir(), 'kc-bench-'));
    const env = { PORT: String(port), KECHUANG_DATA_DIR: dir, LOG_LEVEL: 'warn', KECHUANG_ADMIN_PASSWORD: 'Bench-Passw0rd-2026' };
    rows.cold.push(await measure(process.execPath, ['bin/kechuang.js', 'serve'], env, `http://127.0.0.1:${port}/readyz`));
    rows.warm.push(await measure(process.execPath, ['bin/kechuang.js', 'serve'], env, `http://127.0.0.1:${port}/readyz`));
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`run ${i + 1}/${RUNS} done\n`);
  }
  const s = (k, f) => median(rows[k].map((r) => r[f]));

  // First page JS: what the browser test recorded, else the entry chunk and its static imports.
  let js;
  if (existsSync('test-output/first-page-js.json')) {
    const r = JSON.parse(readFileSync('test-output/first-page-js.json', 'utf8'));
    js = { gzip: r.totalGzipBytes, files: r.files.length, how: 'files fetched by the dashboard in Chromium (browser test), gzip -9' };
  } else {
    const html = readFileSync('dist/web/index.html', 'utf8');
    const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    js = { gzip: files.reduce((n, f) => n + gzipSync(readFileSync(`dist/web${f}`), { level: 9 }).length, 0), files: files.length, how: 'entry and preloaded chunks in index.html, gzip -9' };
  }
  const allJs = readdirSync('dist/web/assets').filter((f) => f.endsWith('.js'));
  const allGzip = allJs.reduce((n, f) => n + gzipSync(readFileSync(`dist/web/assets/${f}`), { level: 9 }).length, 0);

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const date = new Date().toISOString().slice(0, 10);
  const section = `## Foundation (issue 2): start-up, memory, first page

Measured ${date} by \`npm run bench\` on ${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; median of ${RUNS} runs, each beside its baseline in the same run. The machine is shared and noisy: read the ratios.

| figure | KeChuang | baseline (bare Fastify, one route) | ratio |
|---|---|---|---|
| cold start to \`/readyz\` 200, empty data dir (creates the PGlite cluster, migrates, seeds Beijing with search text and seed fingerprints, hashes the admin password) | ${Math.round(s('cold', 'readyMs'))} ms | ${Math.round(s('baseline', 'readyMs'))} ms | ${(s('cold', 'readyMs') / s('baseline', 'readyMs')).toFixed(1)}× |
| warm restart to \`/readyz\` 200 (existing data dir; the centre package is unchanged, so seeding is skipped) | ${Math.round(s('warm', 'readyMs'))} ms | ${Math.round(s('baseline', 'readyMs'))} ms | ${(s('warm', 'readyMs') / s('baseline', 'readyMs')).toFixed(1)}× |
| RSS at idle, 3 s after ready (cold start) | ${s('cold', 'rssMb').toFixed(0)} MB | ${s('baseline', 'rssMb').toFixed(0)} MB | ${(s('cold', 'rssMb') / s('baseline', 'rssMb')).toFixed(1)}× |
| RSS at idle, 3 s after ready (warm restart) | ${s('warm', 'rssMb').toFixed(0)} MB | ${s('baseline', 'rssMb').toFixed(0)} MB | ${(s('warm', 'rssMb') / s('baseline', 'rssMb')).toFixed(1)}× |
| first page JavaScript, gzipped (${js.how}) | ${(js.gzip / 1024).toFixed(0)} KB in ${js.files} files | budget 400 KB | ${(js.gzip / (400 * 1024)).toFixed(2)} of budget |
| all JavaScript of the web app, gzipped (lazy chunks included) | ${(allGzip / 1024).toFixed(0)} KB in ${allJs.length} files | — | — |

Most of the cold start is PGlite creating its cluster (initdb in WebAssembly, a few seconds, about 640 MB that stays allocated, per the stack notes); the warm restart shows the cost of opening an existing data directory.
`;
  const file = 'BENCHMARKS.md';
  const head = '# Benchmarks\n\nEvery figure comes from a script in this repository, with its baseline measured in the same run. Re-run with `npm run bench` after `npm run build`.\n\n';
  let body = existsSync(file) ? readFileSync(file, 'utf8') : head;
  const marker = /## Foundation \(issue 2\)[\s\S]*?(?=\n## |$)/;
  body = marker.test(body) ? body.replace(marker, section.trimEnd() + '\n') : `${body.trimEnd()}\n\n${section}`;
  writeFileSync(file, body);
  console.log(section);
  // The load figures need a PostgreSQL database at city scale, so they are separate commands.
  console.error('API under load and the soak test: LOAD_DATABASE_URL=… npm run bench:api; SOAK_DATABASE_URL=… npm run soak (see README)');
};

await main();
