/**
 * The scheduled derived-figure refresh (indicators module) on a city's data:
 * how long it takes, how much heap it holds at its peak and how long it blocks
 * the event loop, in all and derivation by derivation. Issue 10's soak found
 * the refresh holding 1.5–2.5 GB and the event loop for seconds at 500,000
 * demands; this measures the refresh alone, without the soak's traffic.
 *
 *   REFRESH_DATABASE_URL=postgres://…/kc_city_1m npm run bench:derived   (BENCH_RUNS=3, REFRESH_CENTRE=beijing)
 *
 * It writes: the first run stores the figures (as the scheduler would); the
 * later runs are the steady state, what every scheduled refresh does.
 * Run it with --expose-gc (the npm script does) so each derivation starts
 * from a collected heap.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/client.js';
import { parseConfig } from '../src/server/config.js';
import type { ServiceContext } from '../src/server/context.js';
import { DERIVATIONS, refreshDerivedFigures } from '../src/server/modules/indicators/derived-figures.service.js';
import { centreTimeZone } from '../src/server/modules/centres/centre-calendar.js';
import { median } from './support.js';

const url = process.env['REFRESH_DATABASE_URL'];
if (!url) {
  process.stderr.write('set REFRESH_DATABASE_URL to a database holding a city (kechuang dev synth --scale 1m)\n');
  process.exit(2);
}
const centreId = process.env['REFRESH_CENTRE'] ?? 'beijing';
const runs = Number(process.env['BENCH_RUNS'] ?? 3);
const config = parseConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' } as Record<string, string>, { webRoot: null });
const handle = await openDatabase(config.database);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Peak heap and the longest event-loop stall while `work` runs, sampled every 20 ms. */
const watch = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakMb: number; growthMb: number; stallMs: number }> => {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let stall = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 20);
    last = now;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  const started = performance.now();
  try {
    const value = await work();
    return { value, ms: performance.now() - started, peakMb: peak / 1e6, growthMb: (peak - base) / 1e6, stallMs: stall };
  } finally {
    clearInterval(timer);
  }
};

const ctx = (): ServiceContext => ({ db: handle.db, config, now: new Date(), user: null, actor: { kind: 'system', label: 'bench:derived' }, requestId: null, ip: null });
const fmt = (x: number) => Math.round(x).toLocaleString('en');

process.stdout.write(`derived-figure refresh on ${handle.describe}, centre ${centreId}, ${runs} runs\n`);
const whole: { ms: number; peakMb: number; growthMb: number; stallMs: number }[] = [];
for (let i = 0; i < runs; i++) {
  const r = await watch(() => refreshDerivedFigures(ctx(), centreId));
  whole.push(r);
  const changed = r.value.reduce((n, d) => n + d.inserted + d.updated + d.withdrawn, 0);
  process.stdout.write(`  run ${i + 1}: ${fmt(r.ms)} ms, peak heap ${fmt(r.peakMb)} MB, longest stall ${fmt(r.stallMs)} ms, ${r.value.reduce((n, d) => n + d.figures, 0)} figures (${changed} written)\n`);
}
process.stdout.write(`whole refresh, median of ${runs}: ${fmt(median(whole.map((r) => r.ms)))} ms, peak heap ${fmt(median(whole.map((r) => r.peakMb)))} MB, longest stall ${fmt(median(whole.map((r) => r.stallMs)))} ms\n`);
process.stdout.write('each derivation (its reads and computation, no writes), median:\n');
const timeZone = await centreTimeZone(handle.db, centreId);
for (const d of DERIVATIONS) {
  const rs: { ms: number; growthMb: number; stallMs: number; value: unknown[] }[] = [];
  for (let i = 0; i < runs; i++) rs.push(await watch(() => d.compute(handle.db, centreId, new Date(), timeZone)));
  process.stdout.write(`  ${d.key.padEnd(11)} ${fmt(median(rs.map((r) => r.ms))).padStart(7)} ms  heap +${fmt(median(rs.map((r) => r.growthMb))).padStart(5)} MB  stall ${fmt(median(rs.map((r) => r.stallMs))).padStart(5)} ms  ${rs[0]?.value.length ?? 0} figures\n`);
}
await handle.close();
