/**
 * The API under load (issue 10): the compiled server (`kechuang serve`) on
 * PostgreSQL at city scale, 50 concurrent connections on loopback (autocannon)
 * against the main read endpoints: registry search of several kinds, browse
 * with facets, an organisation's profile, contract statistics, indicators and
 * the dashboard, the call list, open data, and a signed-in officer's demand
 * inbox (one session, signed in once). Beside them, in the same run and with
 * the same settings, a bare Fastify JSON route in its own process. Median of
 * ROUNDS rounds; targets: p99 ≤ 50 ms and ≥ 25 % of the bare route's req/s.
 * Three reference rows, always measured and never judged, say where the ceiling
 * is: the platform's hooks alone (/healthz), one primary-key read through the
 * platform, and the same read from a bare Fastify route with a pg pool.
 *
 *   npm run build && LOAD_DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_city_1m npm run bench:api
 *   (ROUNDS=3 SECONDS=10 CONNECTIONS=50, ENDPOINTS=<regex on the names> to measure some; no LOAD_DATABASE_URL: PGlite with the shipped seed only)
 *
 * It writes one account (the officer it signs in as) to that database, nothing else.
 */
import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon, { type Result } from 'autocannon';
import { createAccount, requireBuild, serverMemorySettings, signIn, startBareFastify, startBareFastifyWithQuery, startKechuang, type Running } from './server-process.js';
import { median } from './support.js';

const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const SECONDS = Number(process.env['SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['CONNECTIONS'] ?? 50);
const P99_TARGET_MS = 50;
const RATIO_TARGET = 0.25;
const databaseUrl = process.env['LOAD_DATABASE_URL'] ?? null;
const CENTRE = 'beijing';

/** A reference row is measured like an endpoint but not judged: it shows what the hardware and the platform's own hooks leave for a read. */
type Endpoint = { name: string; paths: string[]; cookie?: boolean; reference?: boolean; origin?: string };
type Sample = { rps: number; p50: number; p99: number; bad: number };

const run = async (origin: string, paths: string[], seconds: number, cookie?: string): Promise<Sample> => {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const r: Result = await autocannon({ url: origin, connections: CONNECTIONS, duration: seconds, timeout: 30, requests: paths.map((path) => ({ method: 'GET', path, headers })) });
  // A run that completed nothing is a failed measurement, not a slow endpoint.
  if (r.requests.total === 0) throw new Error(`${origin}${paths[0]}: no request completed in ${seconds} s (errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx})`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts };
};

const getJson = async <T>(url: string, cookie?: string): Promise<T> => {
  const res = await fetch(url, { headers: cookie ? { cookie } : {} });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
};

const main = async (): Promise<void> => {
  requireBuild();
  const date = new Date().toISOString();
  // Sign-in needs an account: create it through the CLI before the measured server starts.
  const server0 = await startKechuang(databaseUrl);
  const officer = `load-officer-${Date.now()}`;
  const password = 'Bench-Secret-Passw0rd-2026!';
  await server0.stop(); // PGlite allows one process per data directory; PostgreSQL would not mind
  createAccount(databaseUrl, server0.dataDir, officer, 'service_officer', password);
  // Named in pg_stat_activity, so that a soak running beside it does not count these connections as its own.
  const server = await startKechuang(databaseUrl, { KECHUANG_DATA_DIR: server0.dataDir, PGAPPNAME: 'kc-load-bench' });
  const bare = await startBareFastify();
  const bareQuery: Running | null = databaseUrl ? await startBareFastifyWithQuery(databaseUrl) : null;
  try {
    const api = `/api/centres/${CENTRE}`;
    const cookie = await signIn(server.origin, officer, password);

    // Queries come from the data itself, so the benchmark fits whatever database it is pointed at.
    type Hit = { id: string; nameZh: string | null; nameEn: string; kind: string | null; areaId: string | null };
    const sample = await getJson<{ items: Hit[]; total: number }>(`${server.origin}${api}/search?category=enterprise&limit=100`);
    const hits = sample.items;
    if (hits.length < 10) throw new Error('fewer than 10 enterprises in the database: load data first (kechuang dev synth)');
    const zh = hits.map((h) => h.nameZh).filter((n): n is string => Boolean(n));
    const q = (s: string) => `${api}/search?q=${encodeURIComponent(s)}`;
    const enWords = [...new Set(hits.flatMap((h) => h.nameEn.split(/\s+/)).filter((w) => /^[A-Za-z]{4,}$/.test(w) && w !== 'Synthetic'))];
    const areas = [...new Set(hits.map((h) => h.areaId).filter((a): a is string => Boolean(a)))];
    const kinds = [...new Set(hits.map((h) => h.kind).filter((k): k is string => Boolean(k)))];
    const total = (await getJson<{ total: number }>(`${server.origin}${api}/search?limit=1`)).total;

    const endpoints: Endpoint[] = [
      // Where the ceiling is: the platform's hooks with no database, one primary-key read through the platform, and the same read with no platform at all.
      { name: 'reference: /healthz through every hook, no database', paths: ['/healthz'], reference: true },
      { name: 'reference: one primary-key read through the platform (the centre)', paths: [api], reference: true },
      ...(bareQuery ? [{ name: 'reference: bare Fastify + one primary-key query (pg pool of 10, no hooks, schema or ORM)', paths: [`/centre/${CENTRE}`], reference: true, origin: bareQuery.origin }] : []),
      { name: 'search: Chinese name (exact)', paths: zh.slice(0, 20).map(q) },
      { name: 'search: Chinese words (partial name)', paths: zh.slice(20, 40).map((n) => q(n.slice(2, 6))) },
      { name: 'search: full pinyin', paths: ['zhongguancun', 'haidian', 'yizhuang', 'changping', 'wangjing', 'shangdi', 'daxing', 'shunyi'].map(q) },
      { name: 'search: pinyin initials', paths: ['zgc', 'hd', 'yz', 'cp', 'wj', 'sd', 'dx', 'sy'].map(q) },
      { name: 'search: English words', paths: (enWords.length ? enWords.slice(0, 10) : ['Technology']).map(q) },
      { name: 'browse: all actors, exact total and facets', paths: [`${api}/search`] },
      { name: 'browse: a kind in a district, facets', paths: areas.slice(0, 8).flatMap((a) => kinds.slice(0, 2).map((k) => `${api}/search?kind=${k}&areaId=${encodeURIComponent(a)}`)) },
      { name: 'organisation profile', paths: hits.slice(0, 30).map((h) => `${api}/entities/${encodeURIComponent(h.id)}/profile`) },
      { name: 'contract statistics', paths: [`${api}/tech-contracts/statistics`] },
      { name: 'indicators: catalogue page (latest figures)', paths: [`${api}/indicators?figures=latest`] },
      { name: 'indicators: every figure', paths: [`${api}/indicators`] },
      { name: 'dashboard', paths: [`${api}/dashboard`] },
      { name: 'call list', paths: [`${api}/calls`] },
      { name: 'open data: call results', paths: [`${api}/open-data/call-results`] },
      { name: 'officer: demand inbox (signed in)', paths: [`${api}/demands`, `${api}/demands?state=open`], cookie: true },
    ];
    const only = process.env['ENDPOINTS'] ? new RegExp(process.env['ENDPOINTS']) : null;
    if (only) endpoints.splice(0, endpoints.length, ...endpoints.filter((e) => e.reference || only.test(e.name)));
    // Every path must answer 200 before it is measured: a 4xx measured fast would be a false pass.
    for (const e of endpoints) for (const p of e.paths) await getJson(`${e.origin ?? server.origin}${p}`, e.cookie ? cookie : undefined);
    process.stderr.write(`${total.toLocaleString('en')} actors; warming up\n`);
    for (const e of endpoints) await run(e.origin ?? server.origin, e.paths, 2, e.cookie ? cookie : undefined);
    await run(bare.origin, ['/ok'], 2);

    const samples = new Map<string, Sample[]>(endpoints.map((e) => [e.name, []]));
    const baseline: Sample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      baseline.push(await run(bare.origin, ['/ok'], SECONDS));
      for (const e of endpoints) {
        samples.get(e.name)?.push(await run(e.origin ?? server.origin, e.paths, SECONDS, e.cookie ? cookie : undefined));
        process.stderr.write('.');
      }
      baseline.push(await run(bare.origin, ['/ok'], SECONDS));
      process.stderr.write(` round ${round + 1}/${ROUNDS}\n`);
    }

    const med = (xs: Sample[], k: keyof Sample) => median(xs.map((x) => x[k]));
    const bareRps = med(baseline, 'rps');
    const rows = endpoints.map((e) => {
      const s = samples.get(e.name) as Sample[];
      const rps = med(s, 'rps');
      const p99 = med(s, 'p99');
      const ratio = rps / bareRps;
      return { name: e.name, reference: e.reference === true, rps, p50: med(s, 'p50'), p99, ratio, bad: s.reduce((n, x) => n + x.bad, 0), pass: p99 <= P99_TARGET_MS && ratio >= RATIO_TARGET };
    });
    const db = databaseUrl ? `PostgreSQL (${new URL(databaseUrl).pathname.slice(1)})` : 'PGlite (shipped seed)';
    const lines = [
      `Measured ${date.slice(0, 16).replace('T', ' ')} UTC by \`npm run bench:api\` on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; the compiled server (\`kechuang serve\`, LOG_LEVEL=warn, database pool 10, ${serverMemorySettings()}) on ${db} with ${total.toLocaleString('en')} actors; autocannon in the benchmark process, ${CONNECTIONS} connections on loopback, ${SECONDS} s per endpoint after a 2 s warm-up, median of ${ROUNDS} rounds; the bare Fastify route (own process, same settings) measured at the start and end of every round. The load generator shares the 2 cores with the server, so absolute figures are low: read the ratios.`,
      '',
      `| endpoint (${CONNECTIONS} connections) | req/s | vs bare Fastify (target ≥ ${RATIO_TARGET * 100} %) | p50 ms | p99 ms (target ≤ ${P99_TARGET_MS}) | non-2xx/errors | verdict |`,
      '|---|---|---|---|---|---|---|',
      `| bare Fastify JSON route (baseline, same run) | ${bareRps.toFixed(0)} | 100 % | ${med(baseline, 'p50').toFixed(1)} | ${med(baseline, 'p99').toFixed(1)} | ${baseline.reduce((n, x) => n + x.bad, 0)} | — |`,
      ...rows.map((r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${(100 * r.ratio).toFixed(0)} % | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.bad} | ${r.reference ? 'reference' : r.pass && r.bad === 0 ? 'meets' : '**misses**'} |`),
      '',
    ];
    console.log(lines.join('\n'));
    mkdirSync('test-output', { recursive: true });
    writeFileSync('test-output/api-load.json', JSON.stringify({ date, database: db, actors: total, connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, bare: { rps: bareRps, samples: baseline }, rows, samples: Object.fromEntries(samples) }, null, 2));
    process.exitCode = rows.every((r) => r.reference || (r.pass && r.bad === 0)) ? 0 : 1;
  } finally {
    await bare.stop();
    await bareQuery?.stop();
    await server.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
