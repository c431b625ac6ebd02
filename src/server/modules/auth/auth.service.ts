import { randomBytes } from 'node:crypto';
import { checkPassword } from '../../../core/accounts/password-policy.js';
import { ROLE_PERMISSIONS, type Role } from '../../../shared/access.js';
import type { TSessionInfo, TUser } from '../../../shared/schemas/auth.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import type { DbExecutor } from '../../../db/client.js';
import { withWriteTx } from '../../../db/tx.js';
import type { AppConfig } from '../../config.js';
import type { AuthState, ServiceContext, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import {
  deleteSession,
  deleteUserSessions,
  findSessionWithUser,
  findUserById,
  findUserByUsername,
  insertSession,
  touchSession,
  updateUser,
  type SessionRow,
  type UserRow,
} from './auth.repository.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import { hashToken, newToken } from './session-tokens.js';
import { FixedWindowLimiter } from '../../plugins/rate-limit.js';

const MINUTE = 60_000;
/** lastSeenAt is written at most this often per session, to keep reads cheap. */
const TOUCH_INTERVAL_MS = MINUTE;

/** Who the user is: the part of the account a session carries. */
const toSessionUser = (row: UserRow): SessionUser => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  role: row.role as Role,
  centreId: row.centreId,
  organisationId: row.organisationId,
  locale: row.locale === 'en-US' ? 'en-US' : 'zh-CN',
  mustChangePassword: row.mustChangePassword,
});

export const toUserDto = (row: UserRow): TUser => ({
  ...toSessionUser(row),
  disabled: row.disabled,
  lockedUntil: row.lockedUntil ? row.lockedUntil.toISOString() : null,
  createdAt: row.createdAt.toISOString(),
  lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
});

/** The user as the audit log records it: never the password hash. */
export const auditableUser = (row: UserRow): Record<string, unknown> => {
  const { passwordHash: _omit, ...rest } = row;
  return rest;
};


export const sessionInfo = (auth: AuthState, user: TUser | null): TSessionInfo => ({
  user,
  csrfToken: user ? auth.csrfToken : null,
  idleExpiresAt: user && auth.idleExpiresAt ? auth.idleExpiresAt.toISOString() : null,
  absoluteExpiresAt: user && auth.absoluteExpiresAt ? auth.absoluteExpiresAt.toISOString() : null,
  permissions: user ? [...ROLE_PERMISSIONS[user.role]] : [],
});

export const ANONYMOUS: AuthState = { user: null, tokenHash: null, csrfToken: null, idleExpiresAt: null, absoluteExpiresAt: null, expired: false };

const idleExpiry = (session: SessionRow, config: AppConfig): Date =>
  new Date(Math.min(session.lastSeenAt.getTime() + config.session.idleMinutes * MINUTE, session.absoluteExpiresAt.getTime()));

/** Look up the session behind a cookie token; expired or unknown sessions yield anonymous with `expired`. */
export const resolveSession = async (
  db: DbExecutor,
  config: AppConfig,
  key: Buffer,
  token: string | undefined,
  now: Date,
): Promise<AuthState> => {
  if (!token) return ANONYMOUS;
  const tokenHash = hashToken(key, token);
  const found = await findSessionWithUser(db, tokenHash);
  if (!found) return { ...ANONYMOUS, expired: true };
  const { session, user } = found;
  const idleAt = idleExpiry(session, config);
  if (now >= idleAt || now >= session.absoluteExpiresAt || user.disabled) {
    await withWriteTx(db, (tx) => deleteSession(tx, tokenHash));
    return { ...ANONYMOUS, expired: true };
  }
  let lastSeenAt = session.lastSeenAt;
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await withWriteTx(db, (tx) => touchSession(tx, tokenHash, now));
    lastSeenAt = now;
  }
  return {
    user: toSessionUser(user),
    tokenHash,
    csrfToken: session.csrfToken,
    idleExpiresAt: idleExpiry({ ...session, lastSeenAt }, config),
    absoluteExpiresAt: session.absoluteExpiresAt,
    expired: false,
  };
};

/** Sign-in attempts per client address, per minute: the general limiter's fixed window, keyed by address. */
export class LoginRateLimiter {
  private readonly window: FixedWindowLimiter;
  constructor(limitPerMinute: number) {
    this.window = new FixedWindowLimiter(limitPerMinute);
  }
  /** Count one attempt; false when the address is over its limit. */
  tryAcquire(ip: string, nowMs: number): boolean {
    return this.window.hit(ip, nowMs) === null;
  }
}

/**
 * Failed sign-ins for usernames that do not exist, counted like a real account's, so an
 * unknown name locks after the same number of tries and answers 423 just as a real one does:
 * lockout is not an oracle for which accounts exist. In process, bounded.
 */
export class UnknownUserLockouts {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number }>();
  /** lockedUntil (ms) when this name is locked now. */
  lockedUntil(username: string, nowMs: number): number | null {
    const e = this.entries.get(username.toLowerCase());
    return e && e.lockedUntil > nowMs ? e.lockedUntil : null;
  }
  /** Count a failure; the new lockedUntil (ms) when this failure locks the name. */
  fail(username: string, nowMs: number, maxFailures: number, lockoutMs: number): number | null {
    const key = username.toLowerCase();
    if (this.entries.size > 100_000) this.entries.clear();
    const e = this.entries.get(key) ?? { failures: 0, lockedUntil: 0 };
    e.failures++;
    this.entries.set(key, e);
    if (e.failures < maxFailures) return null;
    e.failures = 0;
    e.lockedUntil = nowMs + lockoutMs;
    return e.lockedUntil;
  }
}

export type LoginResult = { token: string; auth: AuthState; user: TUser };

/** A new session row: fresh random token (only its HMAC stored) and CSRF token. */
const newSession = (key: Buffer, config: AppConfig, userId: string, now: Date, ip: string | null, userAgent: string | null): { token: string; row: SessionRow } => {
  const token = newToken();
  return {
    token,
    row: {
      tokenHash: hashToken(key, token),
      userId,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: new Date(now.getTime() + config.session.absoluteHours * 60 * MINUTE),
      ip,
      userAgent: userAgent?.slice(0, 400) ?? null,
    },
  };
};

const authStateOf = (row: UserRow, session: SessionRow, config: AppConfig): AuthState => ({
  user: toSessionUser(row),
  tokenHash: session.tokenHash,
  csrfToken: session.csrfToken,
  idleExpiresAt: idleExpiry(session, config),
  absoluteExpiresAt: session.absoluteExpiresAt,
  expired: false,
});

export const login = async (
  ctx: ServiceContext,
  key: Buffer,
  input: { username: string; password: string; userAgent: string | null; replacesTokenHash?: string | null },
  unknownUsers: UnknownUserLockouts = new UnknownUserLockouts(),
): Promise<LoginResult> => {
  const { db, config, now } = ctx;
  const user = await findUserByUsername(db, input.username);
  const lockedError = (until: Date) => new AppError('ACCOUNT_LOCKED', 'Too many failed sign-ins; try again later', { lockedUntil: until.toISOString() });
  if (!user) {
    // The same work and the same answers as for a real account: argon2 verification, then lockout after the same count.
    const phantomLock = unknownUsers.lockedUntil(input.username, now.getTime());
    if (phantomLock !== null) throw lockedError(new Date(phantomLock));
    await burnPasswordCheck(input.password);
    const locks = unknownUsers.fail(input.username, now.getTime(), config.login.maxFailures, config.login.lockoutMinutes * MINUTE);
    // A real account's failure commits an audited write; this one commits the same, or the commit's time alone told a
    // real username from an unknown one: 1.34 times as long (5 ms more) on a quiet PostgreSQL, 2.7 under load (the
    // attacker suite's timing test).
    // The name tried is kept only as a keyed hash: a password typed into the username field must not land in the log.
    await withWriteTx(db, (tx) =>
      appendAuditEvent(tx, {
        actor: ctx.actor,
        at: now,
        action: locks !== null ? 'auth.unknown_username_locked' : 'auth.login_failed_unknown_username',
        entityType: 'login_name',
        entityId: hashToken(key, input.username.toLowerCase()),
        centreId: null,
        before: null,
        after: null,
        requestId: ctx.requestId,
      }),
    );
    if (locks !== null) throw lockedError(new Date(locks));
    throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    // Refused before the password is checked: a locked account never says whether the password was right.
    throw lockedError(user.lockedUntil);
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    const failures = user.failedLogins + 1;
    const locks = failures >= config.login.maxFailures;
    const lockedUntil = locks ? new Date(now.getTime() + config.login.lockoutMinutes * MINUTE) : user.lockedUntil;
    await withWriteTx(db, async (tx) => {
      const after = await updateUser(tx, user.id, { failedLogins: locks ? 0 : failures, lockedUntil });
      await appendAuditEvent(tx, {
        actor: ctx.actor,
        at: now,
        action: locks ? 'auth.account_locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        centreId: user.centreId,
        before: { failedLogins: user.failedLogins, lockedUntil: user.lockedUntil },
        after: { failedLogins: after.failedLogins, lockedUntil: after.lockedUntil },
        requestId: ctx.requestId,
      });
    });
    if (locks) throw new AppError('ACCOUNT_LOCKED', 'Too many failed sign-ins; try again later', { lockedUntil: lockedUntil?.toISOString() });
    throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
  }
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');

  // Always a new token: a session id planted in the browser before sign-in is never promoted (and is ended).
  const { token, row: session } = newSession(key, config, user.id, now, ctx.ip, input.userAgent);
  const updated = await withWriteTx(db, async (tx) => {
    if (input.replacesTokenHash) await deleteSession(tx, input.replacesTokenHash);
    await insertSession(tx, session);
    const after = await updateUser(tx, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    await appendAuditEvent(tx, {
      actor: { kind: 'user', userId: user.id, label: user.username },
      at: now,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      centreId: user.centreId,
      before: { lastLoginAt: user.lastLoginAt, failedLogins: user.failedLogins },
      after: { lastLoginAt: after.lastLoginAt, failedLogins: 0, ip: ctx.ip },
      requestId: ctx.requestId,
    });
    return after;
  });
  return { token, user: toUserDto(updated), auth: authStateOf(updated, session, config) };
};

export const logout = async (ctx: ServiceContext, auth: AuthState): Promise<void> => {
  if (!auth.tokenHash || !ctx.user) return;
  const user = ctx.user;
  const tokenHash = auth.tokenHash;
  await withWriteTx(ctx.db, async (tx) => {
    await deleteSession(tx, tokenHash);
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'auth.logout', entityType: 'user', entityId: user.id, centreId: user.centreId, before: null, after: null, requestId: ctx.requestId });
  });
};

/** Throw PASSWORD_POLICY with every rule the password breaks, as field details. */
export const assertPasswordAcceptable = (password: string, username: string, field: string): void => {
  const violations = checkPassword(password, username);
  if (violations.length > 0) {
    throw new AppError('PASSWORD_POLICY', `Password breaks: ${violations.join(', ')}`, {
      fields: violations.map((reason) => ({ in: 'body' as const, path: field, reason, message: reason.replaceAll('_', ' ') })),
      violations,
    });
  }
};

export const getCurrentUser = async (ctx: ServiceContext): Promise<TUser | null> => {
  if (!ctx.user) return null;
  const row = await findUserById(ctx.db, ctx.user.id);
  return row ? toUserDto(row) : null;
};

/**
 * Change the password. Every session of the user ends, this one included; the caller
 * gets a fresh session (new token, new CSRF token), so a stolen cookie dies with the old password.
 */
export const changePassword = async (
  ctx: ServiceContext,
  key: Buffer,
  input: { currentPassword: string; newPassword: string; userAgent: string | null },
): Promise<{ token: string; auth: AuthState }> => {
  const user = ctx.user && (await findUserById(ctx.db, ctx.user.id));
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', 'The current password is wrong', {
      fields: [{ in: 'body', path: 'currentPassword', reason: 'wrong_password', message: 'current password is wrong' }],
    });
  }
  assertPasswordAcceptable(input.newPassword, user.username, 'newPassword');
  if (await verifyPassword(user.passwordHash, input.newPassword)) {
    throw new AppError('PASSWORD_POLICY', 'The new password must differ from the current one', {
      fields: [{ in: 'body', path: 'newPassword', reason: 'same_as_current', message: 'same as current password' }],
      violations: ['same_as_current'],
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const { token, row: session } = newSession(key, ctx.config, user.id, ctx.now, ctx.ip, input.userAgent);
  const updated = await withWriteTx(ctx.db, async (tx) => {
    const after = await updateUser(tx, user.id, { passwordHash, mustChangePassword: false, passwordChangedAt: ctx.now });
    // Every session of this user ends: a changed password should lock out whoever knew the old one or holds an old cookie.
    await deleteUserSessions(tx, user.id);
    await insertSession(tx, session);
    await appendAuditEvent(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'user.password_changed',
      entityType: 'user',
      entityId: user.id,
      centreId: user.centreId,
      before: { mustChangePassword: user.mustChangePassword, passwordChangedAt: user.passwordChangedAt },
      after: { mustChangePassword: false, passwordChangedAt: ctx.now },
      requestId: ctx.requestId,
    });
    return after;
  });
  return { token, auth: authStateOf(updated, session, ctx.config) };
};
