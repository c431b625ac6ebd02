import type { FastifyRequest } from 'fastify';
import type { Access, Role } from '../shared/access.js';
import type { Actor } from '../db/audit-log.js';
import type { DatabaseHandle, DbExecutor } from '../db/client.js';
import type { AppConfig } from './config.js';
import { AppError } from './errors.js';

export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  centreId: string | null;
  organisationId: string | null;
  locale: 'zh-CN' | 'en-US';
  mustChangePassword: boolean;
};

export type AuthState = {
  user: SessionUser | null;
  tokenHash: string | null;
  csrfToken: string | null;
  idleExpiresAt: Date | null;
  absoluteExpiresAt: Date | null;
  /** A cookie was sent but its session had expired or was unknown. */
  expired: boolean;
};

/** What the server runs with: built once at boot and passed to every plugin. */
export type AppDeps = {
  config: AppConfig;
  database: DatabaseHandle;
  /** The clock; tests pass a fake one. */
  now: () => Date;
  /** Key for HMAC of session tokens. */
  sessionKey: Buffer;
};

/** What a use-case function needs from the request: no Fastify types beyond this point. */
export type ServiceContext = {
  db: DbExecutor;
  config: AppConfig;
  now: Date;
  user: SessionUser | null;
  actor: Actor;
  requestId: string | null;
  ip: string | null;
};

declare module 'fastify' {
  interface FastifyInstance {
    kc: AppDeps;
    /** Every route's declared access, filled as routes register (see plugins/access.ts). */
    routeAccess: { method: string; url: string; access: Access | undefined }[];
  }
  interface FastifyRequest {
    auth: AuthState;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** 'exempt' only for sign-in, which has no session yet. */
    csrf?: 'exempt';
    /** What every anonymous reader sees alike: answered from the microcache for PUBLIC_CACHE_SECONDS (plugins/public-cache.ts). */
    publicCache?: true;
  }
}

export const anonymousActor = (ip: string | null): Actor => ({ kind: 'system', label: ip ? `anonymous@${ip}` : 'anonymous' });

export const serviceContext = (request: FastifyRequest): ServiceContext => {
  const { kc } = request.server;
  const user = request.auth?.user ?? null;
  return {
    db: kc.database.db,
    config: kc.config,
    now: kc.now(),
    user,
    actor: user ? { kind: 'user', userId: user.id, label: user.username } : anonymousActor(request.ip),
    requestId: request.id,
    ip: request.ip,
  };
};

/** A user of one centre may act only there; platform accounts (no centre) act anywhere. */
export const assertCentreScope = (ctx: ServiceContext, centreId: string): void => {
  const user = ctx.user;
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  if (user.centreId !== null && user.centreId !== centreId) throw new AppError('FORBIDDEN', `Your account belongs to centre ${user.centreId}`);
};
