/**
 * The soak test (issue 10): the compiled server (`kechuang serve`) under a
 * steady, moderate mix of traffic for SOAK_MINUTES (30 by default): public
 * reads, registry searches, CSV/XLSX exports (some cancelled after the first
 * chunk, as a reader who gives up does), and writes by a signed-in
 * officer (demands raised for enterprises, changes to organisations). Every SOAK_SAMPLE_SECONDS it reads the server's /metrics
 * (resident memory, the live heap after each major collection, heap in use,
 * event-loop delay p99, the database pool) and,
 * on PostgreSQL, the connections open to the database (pg_stat_activity;
 * those of `npm run bench:api`, application_name kc-load-bench, are not counted).
 * After a warm-up (the first 20 %) each series is fitted with a line; the run
 * fails (exit 1) when any judged one grows more than 10 % of its warm-up level
 * (the heap in use at a sample, mostly garbage, is reported only), or when
 * any request fails (5xx, network error, or any status other than the one
 * expected). The verdict is src/core/ops/soak-analysis.ts.
 *
 *   npm run build && SOAK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_soak npm run soak
 *   (SOAK_MINUTES=30 SOAK_RATE=20 requests/s SOAK_SAMPLE_SECONDS=5; no SOAK_DATABASE_URL: PGlite;
 *   HEAP_GROWTH_PERCENT=0 for V8's adaptive heap growth, SERVER_NODE_FLAGS="--max-semi-space-size=32" to try other V8 flags)
 *
 * The scheduled work runs every minute: on PostgreSQL in its own process
 * (`kechuang jobs`, the deployment docs/OPERATIONS.md advises at a city's scale),
 * SOAK_JOBS=server to run it inside the server instead; on PGlite always in the
 * server (one process owns an embedded database). A failed run fails the soak.
 *
 * It writes to the database it is given: point it at a copy
 * (CREATE DATABASE kc_soak TEMPLATE kc_city_1m), never at production.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { analyseSoak, DEFAULT_SOAK_OPTIONS, type SoakOptions, type SoakSample } from '../src/core/ops/soak-analysis.js';
import { createAccount, databaseName, requireBuild, serverMemorySettings, signInSession, sleep, startJobsProcess, startKechuang } from './server-process.js';
import { seededRandom } from './support.js';

const MINUTES = Number(process.env['SOAK_MINUTES'] ?? 30);
const RATE = Number(process.env['SOAK_RATE'] ?? 20);
const SAMPLE_SECONDS = Number(process.env['SOAK_SAMPLE_SECONDS'] ?? 5);
const MAX_IN_FLIGHT = 50;
const databaseUrl = process.env['SOAK_DATABASE_URL'] ?? null;
const JOBS_IN_SERVER = !databaseUrl || process.env['SOAK_JOBS'] === 'server';
const api = '/api/centres/beijing';

/** Small gauges move by whole units or milliseconds on a shared machine; growth within these is noise, not a leak. */
const OPTIONS: SoakOptions = {
  ...DEFAULT_SOAK_OPTIONS,
  rules: {
    // The heap in use at a sample is mostly garbage awaiting collection: its
    // level follows V8's schedule, so it is reported, not judged. The live
    // heap (after each major collection) is judged for leaks, and RSS for the
    // process as a whole.
    heapUsedMb: { absoluteTolerance: 0, judged: false },
    heapTotalMb: { absoluteTolerance: 0, judged: false },
    externalMb: { absoluteTolerance: 0, judged: false },
    eventLoopDelayP99Ms: { absoluteTolerance: 20 },
    dbConnections: { absoluteTolerance: 2 },
    poolConnections: { absoluteTolerance: 2 },
    poolWaiting: { absoluteTolerance: 2 },
  },
};

type Kind = 'read' | 'search' | 'export' | 'write';
type Tally = { sent: number; ok: number; failed: number; totalMs: number; maxMs: number };

/** A Prometheus text exposition's unlabelled samples. */
const parseMetrics = (text: string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z0-9_:]+) ([-0-9.e+]+|NaN)$/i.exec(line);
    if (m) out.set(m[1] as string, Number(m[2]));
  }
  return out;
};

const main = async (): Promise<void> => {
  requireBuild();
  const startedAt = new Date();
  const server0 = await startKechuang(databaseUrl, { JOBS_INTERVAL_SECONDS: '60' });
  await server0.stop();
  const officer = `soak-officer-${Date.now()}`;
  const password = 'Soak-Secret-Passw0rd-2026!';
  createAccount(databaseUrl, server0.dataDir, officer, 'service_officer', password);
  // Scheduled jobs stay on (every minute) so that the soak covers them too.
  const server = await startKechuang(databaseUrl, { KECHUANG_DATA_DIR: server0.dataDir, JOBS_INTERVAL_SECONDS: JOBS_IN_SERVER ? '60' : '0' });
  const jobs = databaseUrl && !JOBS_IN_SERVER ? startJobsProcess(databaseUrl, 60) : null;
  const pgClient = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : null;
  await pgClient?.connect();
  const failures: string[] = [];
  const tallies = new Map<string, Tally>();
  const samples: SoakSample[] = [];
  try {
    const origin = server.origin;
    const { cookie, csrf } = await signInSession(origin, officer, password);
    type Hit = { id: string; nameZh: string | null; nameEn: string };
    const found = (await (await fetch(`${origin}${api}/search?category=enterprise&limit=60`)).json()) as { items: Hit[] };
    const enterprises = found.items;
    if (enterprises.length < 10) throw new Error('fewer than 10 enterprises: load data first');
    const rand = seededRandom(20261207);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const names = enterprises.map((e) => e.nameZh ?? e.nameEn);
    const patching = new Set<string>();

    /** `hangUp`: read the first chunk of the answer and abort, as a reader who cancels a download does. */
    const request = async (kind: Kind, label: string, path: string, init: { method?: string; body?: unknown; auth?: boolean; expect?: number; hangUp?: boolean } = {}): Promise<unknown> => {
      const key = `${kind}: ${label}`;
      const t = tallies.get(key) ?? { sent: 0, ok: 0, failed: 0, totalMs: 0, maxMs: 0 };
      tallies.set(key, t);
      t.sent++;
      const started = performance.now();
      const headers: Record<string, string> = {};
      if (init.auth) headers['cookie'] = cookie;
      if (init.auth && init.method && init.method !== 'GET') headers['x-csrf-token'] = csrf;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      try {
        const cancel = new AbortController();
        const res = await fetch(`${origin}${path}`, { method: init.method ?? 'GET', headers, signal: cancel.signal, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
        const isJson = (res.headers.get('content-type') ?? '').includes('json');
        let body: unknown = null;
        if (init.hangUp && res.status === 200) {
          await res.body?.getReader().read();
          cancel.abort();
        } else body = isJson ? await res.json() : await res.arrayBuffer();
        const ms = performance.now() - started;
        t.totalMs += ms;
        t.maxMs = Math.max(t.maxMs, ms);
        if (res.status !== (init.expect ?? 200)) {
          t.failed++;
          if (failures.length < 50) failures.push(`${init.method ?? 'GET'} ${path} → ${res.status} ${isJson ? JSON.stringify(body).slice(0, 300) : ''}`);
          return null;
        }
        t.ok++;
        return body;
      } catch (error) {
        t.failed++;
        if (failures.length < 50) failures.push(`${init.method ?? 'GET'} ${path} → ${String(error)}`);
        return null;
      }
    };

    const patchOrganisation = async (): Promise<void> => {
      const e = pick(enterprises);
      if (patching.has(e.id)) return; // one change at a time per organisation: the version must be the one just read
      patching.add(e.id);
      try {
        const profile = (await request('read', 'organisation profile', `${api}/entities/${encodeURIComponent(e.id)}/profile`)) as { entity?: { version: number } } | null;
        if (!profile?.entity) return;
        await request('write', 'change an organisation', `${api}/entities/${encodeURIComponent(e.id)}`, { method: 'PATCH', auth: true, body: { version: profile.entity.version, descriptionEn: `Synthetic description, soak ${new Date().toISOString()}` } });
      } finally {
        patching.delete(e.id);
      }
    };

    // The mix, by weight: mostly reads and searches, some writes, a few exports.
    const actions: [number, () => Promise<unknown>][] = [
      [8, () => request('search', 'registry search', `${api}/search?q=${encodeURIComponent(pick(names).slice(2, 6))}`)],
      [4, () => request('search', 'pinyin / initials', `${api}/search?q=${pick(['zhongguancun', 'haidian', 'zgc', 'hd', 'yz', 'Technology'])}`)],
      [3, () => request('search', 'browse with facets', `${api}/search?category=enterprise`)],
      [4, () => request('read', 'organisation profile', `${api}/entities/${encodeURIComponent(pick(enterprises).id)}/profile`)],
      [2, () => request('read', 'dashboard', `${api}/dashboard`)],
      [2, () => request('read', 'indicators (catalogue page)', `${api}/indicators?figures=latest`)],
      [2, () => request('read', 'contract statistics', `${api}/tech-contracts/statistics`)],
      [2, () => request('read', 'call list', `${api}/calls`)],
      [1, () => request('read', 'open data', `${api}/open-data/call-results`)],
      [3, () => request('read', 'demand inbox (officer)', `${api}/demands`, { auth: true })],
      [
        2,
        async () => {
          await request('write', 'raise a demand', `${api}/demands`, { method: 'POST', auth: true, expect: 201, body: { type: pick(['financing', 'talent_housing', 'approvals', 'ip', 'other']), title: '合成诉求 Synthetic soak demand', description: 'Synthetic demand raised by the soak test (合成).', enterpriseId: pick(enterprises).id } });
        },
      ],
      [1, patchOrganisation],
      [1, () => request('export', 'organisations CSV', `${api}/export/organisations?format=csv&q=${encodeURIComponent(pick(names))}`)],
      [1, () => request('export', 'organisations XLSX', `${api}/export/organisations?format=xlsx&q=${encodeURIComponent(pick(names))}`)],
      [1, () => request('export', 'contract statistics CSV', `${api}/tech-contracts/statistics.csv`)],
      [1, () => request('export', 'open data XLSX', `${api}/open-data/call-results/export?format=xlsx`)],
      // Cancelled downloads: each once left its transaction open for ever, and ten of them stopped every read.
      [1, () => request('export', 'cancelled download: open data CSV', `${api}/open-data/call-results/export?format=csv`, { hangUp: true })],
      [1, () => request('export', 'cancelled download: organisations XLSX', `${api}/export/organisations?format=xlsx`, { hangUp: true })],
    ];
    const totalWeight = actions.reduce((n, [w]) => n + w, 0);
    const draw = (): (() => Promise<unknown>) => {
      let r = rand() * totalWeight;
      for (const [w, f] of actions) if ((r -= w) < 0) return f;
      return (actions[0] as [number, () => Promise<unknown>])[1];
    };

    const sample = async (t: number): Promise<void> => {
      const values: Record<string, number> = {};
      try {
        const m = parseMetrics(await (await fetch(`${origin}/metrics`)).text());
        const get = (name: string) => m.get(name);
        const mb = (x: number | undefined) => (x === undefined ? undefined : x / 2 ** 20);
        const put = (k: string, v: number | undefined) => {
          if (v !== undefined && Number.isFinite(v)) values[k] = v;
        };
        put('rssMb', mb(get('kechuang_process_resident_memory_bytes')));
        put('heapUsedMb', mb(get('kechuang_nodejs_heap_size_used_bytes')));
        put('heapTotalMb', mb(get('kechuang_nodejs_heap_size_total_bytes')));
        put('externalMb', mb(get('kechuang_nodejs_external_memory_bytes')));
        // Before the first major collection the gauge holds no reading.
        if ((get('kechuang_nodejs_major_gc_total') ?? 0) > 0) put('heapLiveMb', mb(get('kechuang_nodejs_heap_after_major_gc_bytes')));
        put('eventLoopDelayP99Ms', (get('kechuang_nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000);
        put('poolConnections', get('kechuang_db_pool_connections'));
        put('poolWaiting', get('kechuang_db_pool_waiting_requests'));
      } catch (error) {
        failures.push(`/metrics unreadable at ${t.toFixed(0)} s: ${String(error)}`);
      }
      if (pgClient && databaseUrl) {
        const r = await pgClient.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and application_name <> 'kc-load-bench'", [databaseName(databaseUrl)]);
        values['dbConnections'] = r.rows[0]?.n ?? 0;
      }
      samples.push({ t, values });
    };

    process.stderr.write(`soak: ${MINUTES} min at ${RATE} requests/s on ${databaseUrl ? databaseName(databaseUrl) : 'PGlite'}\n`);
    const t0 = performance.now();
    const end = t0 + MINUTES * 60_000;
    let inFlight = 0;
    let skipped = 0;
    let nextSample = t0;
    let nextRequest = t0;
    let lastReport = t0;
    while (performance.now() < end) {
      const now = performance.now();
      if (now >= nextSample) {
        nextSample += SAMPLE_SECONDS * 1000;
        void sample((now - t0) / 1000);
      }
      while (nextRequest <= now) {
        nextRequest += 1000 / RATE;
        if (inFlight >= MAX_IN_FLIGHT) {
          skipped++; // the server is not keeping up: counted and reported, not queued without bound
          continue;
        }
        inFlight++;
        void draw()().finally(() => inFlight--);
      }
      if (now - lastReport > 60_000) {
        lastReport = now;
        const sent = [...tallies.values()].reduce((n, x) => n + x.sent, 0);
        const last = samples[samples.length - 1]?.values ?? {};
        process.stderr.write(`  ${((now - t0) / 60_000).toFixed(0)} min: ${sent} requests, ${failures.length} failures, rss ${last['rssMb']?.toFixed(0)} MB, heap ${last['heapUsedMb']?.toFixed(0)} MB (live ${last['heapLiveMb']?.toFixed(0)}), loop p99 ${last['eventLoopDelayP99Ms']?.toFixed(1)} ms, db ${last['dbConnections'] ?? '-'}\n`);
      }
      await sleep(Math.max(1, Math.min(nextRequest, nextSample) - performance.now()));
    }
    while (inFlight > 0) await sleep(50);

    const sent = [...tallies.values()].reduce((n, x) => n + x.sent, 0);
    const jobRuns = jobs?.runs() ?? null;
    for (const f of jobRuns?.failed ?? []) failures.push(`scheduled work: ${f}`);
    const failed = [...tallies.values()].reduce((n, x) => n + x.failed, 0) + skipped + (jobRuns?.failed.length ?? 0);
    const judged = analyseSoak(samples, { total: sent, failed }, OPTIONS);
    const f = (x: number, d = 1) => x.toFixed(d);
    const lines = [
      `Soak run ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run soak\`: ${MINUTES} min on ${databaseUrl ? `PostgreSQL (${databaseName(databaseUrl)})` : 'PGlite'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version} (${serverMemorySettings()}); ${RATE} requests/s offered (${sent.toLocaleString('en')} sent, ${skipped} not sent because ${MAX_IN_FLIGHT} were in flight), scheduled work every 60 s ${jobRuns ? `in its own process (\`kechuang jobs\`: ${jobRuns.ok} runs, ${jobRuns.failed.length} failed)` : 'inside the server'}; sampled every ${SAMPLE_SECONDS} s (${samples.length} samples), the first ${OPTIONS.warmupFraction * 100} % as warm-up. Verdict: **${judged.pass ? 'pass' : 'FAIL'}**.`,
      '',
      '| metric | warm-up level (median) | min | max | fitted growth after warm-up | as % of warm-up | limit | verdict |',
      '|---|---|---|---|---|---|---|---|',
      ...judged.metrics.map((m) => `| ${m.metric} | ${f(m.warmupLevel)} | ${f(m.min)} | ${f(m.max)} | ${m.growth >= 0 ? '+' : ''}${f(m.growth, 2)} | ${m.growthPercent === null ? '—' : `${f(m.growthPercent)} %`} | ${m.judged ? `${OPTIONS.maxGrowthPercent} % or ${OPTIONS.rules[m.metric]?.absoluteTolerance ?? 0}` : 'reported only'} | ${!m.judged ? '—' : m.pass ? 'ok' : '**grows**'} |`),
      '',
      '| traffic | sent | failed | mean ms | max ms |',
      '|---|---|---|---|---|',
      ...[...tallies.entries()].sort().map(([k, t]) => `| ${k} | ${t.sent} | ${t.failed} | ${f(t.totalMs / Math.max(1, t.ok + t.failed))} | ${f(t.maxMs, 0)} |`),
      '',
      ...(judged.reasons.length ? ['Reasons:', ...judged.reasons.map((r) => `- ${r}`), ''] : []),
      ...(failures.length ? ['First failures:', ...failures.slice(0, 10).map((x) => `- ${x}`), ''] : []),
    ];
    console.log(lines.join('\n'));
    mkdirSync('test-output', { recursive: true });
    const file = `test-output/soak-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(file, JSON.stringify({ startedAt, minutes: MINUTES, rate: RATE, database: databaseUrl ? databaseName(databaseUrl) : 'pglite', jobs: jobRuns ?? 'in the server', sent, skipped, verdict: judged, tallies: Object.fromEntries(tallies), failures, samples }, null, 2));
    process.stderr.write(`samples written to ${file}\n`);
    process.exitCode = judged.pass ? 0 : 1;
  } finally {
    await pgClient?.end();
    await jobs?.stop();
    await server.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
