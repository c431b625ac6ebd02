import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZChangePasswordRequest, ZLoginRequest, ZSessionInfo } from '../../../shared/schemas/auth.js';
import { ZErrorBodySchema } from '../../../shared/schemas/common.js';
import { serviceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { clearSessionCookie, setSessionCookie } from '../../plugins/session.js';
import { changePassword, getCurrentUser, LoginRateLimiter, login, logout, sessionInfo, UnknownUserLockouts } from './auth.service.js';
import { hashToken, SESSION_COOKIE } from './session-tokens.js';

export const authRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const limiter = new LoginRateLimiter(app.kc.config.login.ipLimitPerMinute);
  const unknownUsers = new UnknownUserLockouts();
  const secure = app.kc.config.session.cookieSecure;
  const tags = ['auth'];

  app.get(
    '/api/auth/session',
    { config: { access: 'public' }, schema: { tags, summary: 'The current session (user null when signed out)', response: { 200: ZSessionInfo } } },
    async (request) => sessionInfo(request.auth, await getCurrentUser(serviceContext(request))),
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', csrf: 'exempt' },
      schema: { tags, summary: 'Sign in; sets the session cookie', body: ZLoginRequest, response: { 200: ZSessionInfo, 401: ZErrorBodySchema, 423: ZErrorBodySchema, 429: ZErrorBodySchema } },
    },
    async (request, reply) => {
      if (!limiter.tryAcquire(request.ip, app.kc.now().getTime())) {
        void reply.header('retry-after', '60');
        throw new AppError('TOO_MANY_REQUESTS', 'Too many sign-in attempts from this address; wait a minute', { retryAfterSeconds: 60 });
      }
      // Whatever cookie the browser brought (a live session or one planted by someone else) is ended, never reused.
      const planted = request.cookies[SESSION_COOKIE];
      const result = await login(
        serviceContext(request),
        app.kc.sessionKey,
        { ...request.body, userAgent: request.headers['user-agent'] ?? null, replacesTokenHash: planted ? hashToken(app.kc.sessionKey, planted) : null },
        unknownUsers,
      );
      setSessionCookie(reply, result.token, result.auth.absoluteExpiresAt ?? new Date(), secure);
      return sessionInfo(result.auth, result.user);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Sign out', response: { 204: z.null() } } },
    async (request, reply) => {
      await logout(serviceContext(request), request.auth);
      clearSessionCookie(reply, secure);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Change my password (ends every session of mine; this one continues under a new cookie and CSRF token)', body: ZChangePasswordRequest, response: { 204: z.null(), 400: ZErrorBodySchema, 422: ZErrorBodySchema } },
    },
    async (request, reply) => {
      const renewed = await changePassword(serviceContext(request), app.kc.sessionKey, { ...request.body, userAgent: request.headers['user-agent'] ?? null });
      setSessionCookie(reply, renewed.token, renewed.auth.absoluteExpiresAt ?? new Date(), secure);
      return reply.status(204).send(null);
    },
  );
};
