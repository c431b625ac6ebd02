import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthState } from '../context.js';
import { ANONYMOUS, resolveSession } from '../modules/auth/auth.service.js';
import { SESSION_COOKIE } from '../modules/auth/session-tokens.js';

/** Resolve the session cookie into `request.auth` before any route runs. */
export const sessionPlugin = fp(async (app: FastifyInstance) => {
  await app.register(cookie);
  app.decorateRequest('auth', null as unknown as AuthState);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    const { kc } = app;
    request.auth = token ? await resolveSession(kc.database.db, kc.config, kc.sessionKey, token, kc.now()) : ANONYMOUS;
  });
});

export const setSessionCookie = (reply: FastifyReply, token: string, expires: Date, secure: boolean): void => {
  void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
};

export const clearSessionCookie = (reply: FastifyReply, secure: boolean): void => {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
};
