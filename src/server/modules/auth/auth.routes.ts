import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZChangePasswordRequest, ZLoginRequest, ZSessionInfo } from '../../../shared/schemas/auth.js';
import { ZErrorBodySchema } from '../../../shared/schemas/common.js';
import { serviceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { clearSessionCookie, setSessionCookie } from '../../plugins/session.js';
import { changePassword, getCurrentUser, LoginRateLimiter, login, logout, sessionInfo } from './auth.service.js';

export const authRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const limiter = new LoginRateLimiter(app.kc.config.login.ipLimitPerMinute);
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
        throw new AppError('TOO_MANY_REQUESTS', 'Too many sign-in attempts from this address; wait a minute');
      }
      const result = await login(serviceContext(request), app.kc.sessionKey, {
        ...request.body,
        userAgent: request.headers['user-agent'] ?? null,
      });
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
      schema: { tags, summary: 'Change my password (ends my other sessions)', body: ZChangePasswordRequest, response: { 204: z.null(), 400: ZErrorBodySchema, 422: ZErrorBodySchema } },
    },
    async (request, reply) => {
      await changePassword(serviceContext(request), request.auth, request.body);
      return reply.status(204).send(null);
    },
  );
};
