import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthState } from '../context.js';
import { AppError } from '../errors.js';
import { enforceCsrf } from './access.js';
import { ANONYMOUS, resolveSession } from '../modules/auth/auth.service.js';
import { SESSION_COOKIE } from '../modules/auth/session-tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** host[:port] in lower case, the default ports dropped (browsers omit them from Origin, some proxies not from Host). */
const normalHost = (host: string): string => host.toLowerCase().replace(/:(80|443)$/, '');

const hostOf = (url: string): string | null => {
  try {
    return normalHost(new URL(url).host);
  } catch {
    return null;
  }
};

/**
 * Whether a browser says this request comes from another site. Browsers send
 * Origin on every cross-site write and Sec-Fetch-Site on every request; a
 * request without either (curl, scripts, the CLI) is not a browser's and is
 * judged by the CSRF token alone. "null" origins (sandboxed frames, data: URLs) count as cross-site.
 */
export const isCrossSite = (request: FastifyRequest): boolean => {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = request.headers.origin;
  const referer = request.headers.referer;
  const source = typeof origin === 'string' ? origin : typeof referer === 'string' ? referer : null;
  if (source === null) return false;
  if (source === 'null') return true;
  const host = hostOf(source);
  return host === null || host !== normalHost(request.host);
};

/** Resolve the session cookie into `request.auth` before any route runs; refuse cross-site writes outright. */
export const sessionPlugin = fp(async (app: FastifyInstance) => {
  await app.register(cookie);
  app.decorateRequest('auth', null as unknown as AuthState);
  app.addHook('onRequest', async (request) => {
    // Before the session is even looked up: another site's page must not be able to write
    // through a signed-in user's cookie, nor sign a visitor in to its own account (login CSRF).
    if (!SAFE_METHODS.has(request.method) && isCrossSite(request)) {
      request.auth = ANONYMOUS;
      throw new AppError('CSRF_TOKEN_INVALID', 'Cross-site request refused');
    }
    const token = request.cookies[SESSION_COOKIE];
    const { kc } = app;
    request.auth = token ? await resolveSession(kc.database.db, kc.config, kc.sessionKey, token, kc.now()) : ANONYMOUS;
    // The token check again runs with access in preValidation; here it refuses before any body (an upload) is read.
    if (!request.is404) enforceCsrf(request);
  });
});

export const setSessionCookie = (reply: FastifyReply, token: string, expires: Date, secure: boolean): void => {
  void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
};

export const clearSessionCookie = (reply: FastifyReply, secure: boolean): void => {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
};
