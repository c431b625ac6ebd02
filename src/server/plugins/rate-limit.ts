import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

const MINUTE = 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Reads that cost a query plan or a file: full-text search, exports, statistics, matching. */
const EXPENSIVE_READ = /\/(search|export|statistics|matches)(\b|\.|\/|$)|\.(csv|xlsx)$/;

export type RateBucket = 'write' | 'expensive';

/** Which limit a request counts against, if any. */
export const rateBucketOf = (method: string, routeUrl: string | undefined): RateBucket | null => {
  if (!routeUrl || !routeUrl.startsWith('/api/')) return null;
  if (!SAFE_METHODS.has(method)) return 'write';
  return EXPENSIVE_READ.test(routeUrl) ? 'expensive' : null;
};

/**
 * Fixed one-minute windows per key, in process. One replica's view only: behind a
 * load balancer each replica allows the limit (documented in OPERATIONS).
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly limit: number) {}
  /** Count one request; null when allowed, else the seconds until the window resets. */
  hit(key: string, nowMs: number): number | null {
    let w = this.windows.get(key);
    if (!w || nowMs - w.start >= MINUTE) {
      // Bounded memory under a flood of distinct keys: forget all windows (errs towards allowing).
      if (this.windows.size > 50_000) this.windows.clear();
      w = { start: nowMs, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count <= this.limit ? null : Math.max(1, Math.ceil((w.start + MINUTE - nowMs) / 1000));
  }
}

/** The client a limit is kept for: the signed-in user (an office behind one NAT is many users), else the address. */
const clientKey = (request: FastifyRequest): string => (request.auth?.user ? `u:${request.auth.user.id}` : `ip:${request.ip}`);

/**
 * A general per-client limit on API writes and on expensive reads, beside the
 * sign-in limit. Answers 429 TOO_MANY_REQUESTS with Retry-After. Trusted
 * addresses (loopback by default: benchmarks, local tools) are never limited.
 */
export const rateLimitPlugin = fp(async (app: FastifyInstance) => {
  const { writesPerMinute, expensivePerMinute, trustedIps } = app.kc.config.rateLimit;
  const trusted = new Set(trustedIps);
  const limiters: Record<RateBucket, FixedWindowLimiter | null> = {
    write: writesPerMinute > 0 ? new FixedWindowLimiter(writesPerMinute) : null,
    expensive: expensivePerMinute > 0 ? new FixedWindowLimiter(expensivePerMinute) : null,
  };
  if (!limiters.write && !limiters.expensive) return;
  app.addHook('onRequest', async (request, reply) => {
    const bucket = rateBucketOf(request.method, request.routeOptions.url);
    const limiter = bucket && limiters[bucket];
    if (!limiter || trusted.has(request.ip)) return;
    const retryAfter = limiter.hit(`${bucket}:${clientKey(request)}`, app.kc.now().getTime());
    if (retryAfter === null) return;
    void reply.header('retry-after', String(retryAfter));
    throw new AppError('TOO_MANY_REQUESTS', bucket === 'write' ? 'Too many changes from this client; wait a moment' : 'Too many searches or exports from this client; wait a moment', {
      retryAfterSeconds: retryAfter,
    });
  });
});
