import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from '../modules/auth/session-tokens.js';

/**
 * A microcache for what everyone reads alike: a route that declares `config.publicCache` (the dashboard,
 * the indicator catalogue, the call list, open data …) answers anonymous GETs from memory for
 * PUBLIC_CACHE_SECONDS. Concurrent misses of one URL share one computation, so a crowd arriving at once
 * costs the database one query, not one each (the API load benchmark, issue 10: 50 connections on the
 * dashboard queued for a pool of 10).
 *
 * - Only anonymous requests: a signed-in user may see more (their drafts, their centre), so any session
 *   cookie bypasses the cache in both directions.
 * - Only 200 answers already serialised (JSON), never streams (exports).
 * - A successful write in this process clears the cache, so an anonymous reader of this process sees it at
 *   once; writes by other processes (replicas, `kechuang jobs`) show within the TTL. Signing in and out and
 *   changing a password (/api/auth/) change no public data: at a shift's start every sign-in would
 *   otherwise empty the cache.
 * - Responses say `x-kc-cache: hit|miss` and `cache-control: public, max-age=TTL` with `vary: cookie`,
 *   so a proxy in front may cache them as long and no longer.
 */
type Entry = { expires: number; body: string | Buffer; contentType: string };

const MAX_ENTRIES = 500;
/** A waiter gives up on a slow first request after this long and computes for itself. */
const WAIT_MS = 10_000;

declare module 'fastify' {
  interface FastifyRequest {
    publicCacheKey?: string;
  }
}

const isCacheable = (request: FastifyRequest): boolean => request.method === 'GET' && request.routeOptions.config.publicCache === true && request.cookies?.[SESSION_COOKIE] === undefined;

const changesNoPublicData = (request: FastifyRequest): boolean => (request.routeOptions.url ?? '').startsWith('/api/auth/');

/** The reader hung up (while it waited, say): its answer can never be delivered, so it must not hold the computation. */
const readerGone = (request: FastifyRequest): boolean => request.raw.destroyed || request.raw.socket?.destroyed === true;

export const publicCachePlugin = fp(async (app: FastifyInstance) => {
  const seconds = app.kc.config.publicCacheSeconds;
  if (seconds <= 0) return;
  const entries = new Map<string, Entry>();
  const pending = new Map<string, { done: Promise<void>; release: () => void }>();
  const now = () => app.kc.now().getTime();

  const serve = (reply: FastifyReply, entry: Entry): FastifyReply =>
    reply.header('x-kc-cache', 'hit').header('cache-control', `public, max-age=${seconds}`).header('vary', 'cookie').type(entry.contentType).send(entry.body);

  const fresh = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expires > now()) return entry;
    if (entry) entries.delete(key);
    return undefined;
  };

  const release = (request: FastifyRequest) => {
    const key = request.publicCacheKey;
    if (key === undefined) return;
    request.publicCacheKey = undefined;
    pending.get(key)?.release();
    pending.delete(key);
  };

  app.addHook('onRequest', async (request, reply) => {
    if (!isCacheable(request)) return;
    const key = request.url;
    let entry = fresh(key);
    if (!entry && pending.has(key)) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pending.get(key)?.done, new Promise<void>((r) => (timer = setTimeout(r, WAIT_MS)))]);
      clearTimeout(timer);
      entry = fresh(key);
    }
    if (entry) return serve(reply, entry);
    // The first request is slow: compute without waiting longer. A reader who hung up while waiting takes no
    // part: its response never finishes, so the URL would stay pending and every later reader would wait for it.
    if (pending.has(key) || readerGone(request)) return;
    let releaseFn = () => {};
    const done = new Promise<void>((r) => (releaseFn = r));
    pending.set(key, { done, release: releaseFn });
    request.publicCacheKey = key;
    // 'close' comes once the answer is delivered or the connection is gone, whichever hooks then run or not.
    reply.raw.once('close', () => release(request));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.publicCacheKey;
    if (key === undefined) return payload;
    if (reply.statusCode === 200 && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      entries.set(key, { expires: now() + seconds * 1000, body: payload, contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8') });
      void reply.header('x-kc-cache', 'miss').header('cache-control', `public, max-age=${seconds}`).header('vary', 'cookie');
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    release(request);
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS' && reply.statusCode < 400 && !changesNoPublicData(request)) entries.clear();
  });
});
