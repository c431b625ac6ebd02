/**
 * A CPU profile of the server under load on one endpoint, to find where a read's time goes:
 *
 *   npm run build && PROFILE_DATABASE_URL=postgres://…/kc_city_1m npx tsx bench/profile-endpoint.ts '/demands?state=open' [--signed-in]
 *
 * The compiled server runs with --cpu-prof; autocannon (50 connections, PROFILE_SECONDS=20) drives the path under the
 * centre's API; the profile (test-output/profiles/*.cpuprofile) opens in Chrome's DevTools, and the top self-time
 * functions are printed. Not part of npm test.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { createAccount, requireBuild, signIn, startKechuang } from './server-process.js';

const databaseUrl = process.env['PROFILE_DATABASE_URL'] ?? null;
const path = process.argv[2];
const signedIn = process.argv.includes('--signed-in');
const SECONDS = Number(process.env['PROFILE_SECONDS'] ?? 20);
if (!path) throw new Error('usage: tsx bench/profile-endpoint.ts <path under /api/centres/beijing> [--signed-in]');

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
const summarise = (file: string): string[] => {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const cf = (byId.get(id) as Node).callFrame;
    const d = p.timeDeltas[i] ?? 0;
    total += d;
    const where = cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(dist|src)\//, '$1/');
    const key = `${cf.functionName || '(anonymous)'} ${where}:${cf.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + d);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
};

const main = async (): Promise<void> => {
  requireBuild();
  const dir = resolve('test-output/profiles');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const password = 'Profile-Secret-Passw0rd-2026!';
  const username = `profile-officer-${Date.now()}`;
  const first = await startKechuang(databaseUrl);
  await first.stop();
  if (signedIn) createAccount(databaseUrl, first.dataDir, username, 'service_officer', password);
  const server = await startKechuang(databaseUrl, { KECHUANG_DATA_DIR: first.dataDir, JOBS_INTERVAL_SECONDS: '0', PGAPPNAME: 'kc-profile' }, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  try {
    const headers: Record<string, string> = signedIn ? { cookie: await signIn(server.origin, username, password) } : {};
    const url = `${server.origin}/api/centres/beijing${path}`;
    const res = await fetch(url, { headers });
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    const r = await autocannon({ url, connections: 50, duration: SECONDS, headers });
    console.log(`${path}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`);
  } finally {
    await server.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  console.log(`profile: ${join(dir, file)}\n${summarise(join(dir, file)).join('\n')}`);
};

await main();
