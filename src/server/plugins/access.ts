import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { describeAccess, roleMeetsAccess, type Access } from '../../shared/access.js';
import { AppError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Decide whether a request may reach a route with this policy; throws the reason if not. */
export const enforceAccess = (request: FastifyRequest, access: Access | undefined): void => {
  if (access === undefined) throw new AppError('FORBIDDEN', 'This route declares no access policy');
  if (access === 'public') return;
  const { user, expired } = request.auth;
  if (!user) throw new AppError(expired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED', expired ? 'Your session has expired' : 'Sign in first');
  if (access === 'authenticated') return;
  if (!roleMeetsAccess(user.role, access)) {
    throw new AppError('FORBIDDEN', `Requires ${describeAccess(access)}`);
  }
};

/**
 * An account bound to a centre works in that centre only: every non-public
 * route under /api/centres/:centreId refuses another centre's id, whatever
 * its service checks (found by the attacker suite: expert pool, departments and
 * contract statistics answered another centre's officers).
 */
export const enforceCentreScope = (request: FastifyRequest, access: Access | undefined): void => {
  if (access === 'public') return;
  const centreId = (request.params as { centreId?: unknown } | undefined)?.centreId;
  const home = request.auth.user?.centreId;
  if (typeof centreId !== 'string' || home === null || home === undefined || home === centreId) return;
  throw new AppError('FORBIDDEN', `Your account belongs to centre ${home}`);
};

/** Writes from a signed-in browser must echo the session's CSRF token in a header. */
export const enforceCsrf = (request: FastifyRequest): void => {
  if (SAFE_METHODS.has(request.method) || request.routeOptions.config.csrf === 'exempt') return;
  if (!request.auth.user) return;
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || sent !== request.auth.csrfToken) {
    throw new AppError('CSRF_TOKEN_INVALID', 'Missing or wrong x-csrf-token header');
  }
};

/**
 * Every route must say who may call it. Routes are collected as they register;
 * at ready time a route without `config.access` stops the server from starting.
 */
export const accessPlugin = fp(async (app: FastifyInstance) => {
  const collected: RouteOptions[] = [];
  app.decorate('routeAccess', []);
  app.addHook('onRoute', (route) => {
    collected.push(route);
  });
  app.addHook('onReady', async () => {
    app.routeAccess.length = 0;
    for (const route of collected) {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) app.routeAccess.push({ method, url: route.url, access: route.config?.access });
    }
    const missing = app.routeAccess.filter((r) => r.access === undefined);
    if (missing.length > 0) {
      throw new Error(`Routes without an access policy: ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`);
    }
  });
  app.addHook('preValidation', async (request) => {
    if (request.is404) return;
    enforceAccess(request, request.routeOptions.config.access);
    enforceCentreScope(request, request.routeOptions.config.access);
    enforceCsrf(request);
  });
});

/** Mark every route registered inside the calling plugin as public (docs, static files). */
export const markRoutesPublic = (app: FastifyInstance): void => {
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), access: 'public' };
  });
};
