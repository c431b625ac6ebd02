import type { FastifyInstance } from 'fastify';
import { constants as perfConstants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics at /metrics: process defaults (memory, heap, event-loop
 * delay as kechuang_nodejs_eventloop_lag_p99_seconds and friends) plus
 * requests by route and status, the PostgreSQL pool's connections, and the
 * heap left live after the last major (mark-compact) collection.
 */
export const metricsPlugin = fp(async (app: FastifyInstance) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kechuang_' });
  const duration = new Histogram({
    name: 'kechuang_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({ name: 'kechuang_http_errors_total', help: 'Responses with status ≥ 500', labelNames: ['route'], registers: [registry] });

  const poolStats = app.kc.database.poolStats;
  if (poolStats) {
    // Read at scrape time: a leak shows as connections that stay checked out, then as requests waiting for one.
    const gauge = (name: string, help: string, pick: (s: ReturnType<NonNullable<typeof poolStats>>) => number) =>
      new Gauge({ name, help, registers: [registry], collect() { this.set(pick(poolStats())); } });
    gauge('kechuang_db_pool_connections', 'PostgreSQL connections the pool holds (in use and idle)', (s) => s.total);
    gauge('kechuang_db_pool_idle_connections', 'PostgreSQL connections idle in the pool', (s) => s.idle);
    gauge('kechuang_db_pool_waiting_requests', 'Queries waiting for a free pool connection', (s) => s.waiting);
    gauge('kechuang_db_pool_max_connections', 'The pool size (most connections it opens)', (s) => s.max);
  }

  // The heap in use at a scrape is mostly garbage awaiting collection, so its
  // level follows V8's collection schedule; what survives a major collection is
  // the live set, and a leak shows as that rising. Read when the observer runs,
  // just after the collection (allocations in between are small).
  let heapAfterMajorGc: number | null = null;
  let majorCollections = 0;
  const gcObserver = new PerformanceObserver((list) => {
    const major = list.getEntries().some((e) => (e as unknown as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR);
    if (!major) return;
    majorCollections++;
    heapAfterMajorGc = getHeapStatistics().used_heap_size;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  app.addHook('onClose', async () => gcObserver.disconnect());
  new Gauge({
    name: 'kechuang_nodejs_heap_after_major_gc_bytes',
    help: 'Heap in use just after the last major (mark-compact) garbage collection: the live set',
    registers: [registry],
    collect() {
      if (heapAfterMajorGc !== null) this.set(heapAfterMajorGc);
    },
  });
  new Counter({
    name: 'kechuang_nodejs_major_gc_total',
    help: 'Major (mark-compact) garbage collections since start',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(majorCollections);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    // Unmatched URLs share one label, so scanners cannot blow up the label set.
    const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) errors.inc({ route });
  });

  app.get('/metrics', { config: { access: 'public' }, logLevel: 'warn', schema: { hide: true } }, async (_request, reply) => {
    void reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
});
