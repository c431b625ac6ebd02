import { randomBytes, randomUUID } from 'node:crypto';
import { asc, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { TCreateUserRequest, TUpdateUserRequest, TUser } from '../../../shared/schemas/auth.js';
import { appendAuditEvent, type Actor } from '../../../db/audit-log.js';
import type { DbExecutor } from '../../../db/client.js';
import { centres, users } from '../../../db/schema/index.js';
import { withWriteTx } from '../../../db/tx.js';
import type { ServiceContext, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { deleteUserSessions, findUserById, findUserByUsername, updateUser, type UserRow } from '../auth/auth.repository.js';
import { assertPasswordAcceptable, auditableUser, toUserDto } from '../auth/auth.service.js';
import { hashPassword } from '../auth/passwords.js';
import { accountScopeProblems, canManageUser } from './users.policy.js';

const requireAdmin = (ctx: ServiceContext): SessionUser => {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.user;
};

export const listUsers = async (ctx: ServiceContext): Promise<TUser[]> => {
  const actor = requireAdmin(ctx);
  const where: SQL | undefined = actor.centreId === null ? undefined : or(eq(users.centreId, actor.centreId), isNull(users.centreId));
  const rows = await ctx.db.select().from(users).where(where).orderBy(asc(users.username));
  return rows.filter((r) => canManageUser(actor, r)).map(toUserDto);
};

type NewAccount = Omit<TCreateUserRequest, 'password'> & { passwordHash: string; mustChangePassword: boolean };

const insertAccount = async (db: DbExecutor, actor: Actor, now: Date, requestId: string | null, account: NewAccount): Promise<UserRow> =>
  withWriteTx(db, async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ id: randomUUID(), ...account, createdAt: now, passwordChangedAt: now })
      .onConflictDoNothing({ target: users.username })
      .returning();
    if (!row) {
      throw new AppError('CONFLICT', `Username ${account.username} is taken`, {
        fields: [{ in: 'body', path: 'username', reason: 'taken', message: 'username is taken' }],
      });
    }
    await appendAuditEvent(tx, { actor, at: now, action: 'user.create', entityType: 'user', entityId: row.id, centreId: row.centreId, before: null, after: auditableUser(row), requestId });
    return row;
  });

export const createUser = async (ctx: ServiceContext, input: TCreateUserRequest): Promise<TUser> => {
  const actor = requireAdmin(ctx);
  const problems = accountScopeProblems(actor, input);
  if (input.centreId !== null) {
    const [centre] = await ctx.db.select({ id: centres.id }).from(centres).where(eq(centres.id, input.centreId));
    if (!centre) problems.push({ path: 'centreId', reason: 'not_found', message: `no centre ${input.centreId}` });
  }
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'The account is not valid; see details.fields', { fields: problems.map((p) => ({ in: 'body', ...p })) });
  }
  assertPasswordAcceptable(input.password, input.username, 'password');
  if (await findUserByUsername(ctx.db, input.username)) {
    throw new AppError('CONFLICT', `Username ${input.username} is taken`, { fields: [{ in: 'body', path: 'username', reason: 'taken', message: 'username is taken' }] });
  }
  const { password, ...rest } = input;
  const row = await insertAccount(ctx.db, ctx.actor, ctx.now, ctx.requestId, { ...rest, passwordHash: await hashPassword(password), mustChangePassword: true });
  return toUserDto(row);
};

export const updateUserAccount = async (ctx: ServiceContext, id: string, input: TUpdateUserRequest): Promise<TUser> => {
  const actor = requireAdmin(ctx);
  const current = await findUserById(ctx.db, id);
  if (!current || !canManageUser(actor, current)) throw new AppError('NOT_FOUND', `No user ${id}`);
  if (current.id === actor.id && (input.disabled === true || (input.role && input.role !== 'admin'))) {
    throw new AppError('CONFLICT', 'You cannot disable yourself or remove your own admin role', {
      fields: [{ in: 'body', path: input.disabled ? 'disabled' : 'role', reason: 'self_lockout', message: 'would lock you out' }],
    });
  }
  const patch: Partial<UserRow> = {};
  if (input.displayName !== undefined) patch.displayName = input.displayName;
  if (input.role !== undefined) patch.role = input.role;
  if (input.disabled !== undefined) patch.disabled = input.disabled;
  if (input.locale !== undefined) patch.locale = input.locale;
  if (input.unlock) Object.assign(patch, { lockedUntil: null, failedLogins: 0 });
  const row = await withWriteTx(ctx.db, async (tx) => {
    const after = await updateUser(tx, id, patch);
    if (input.disabled || (input.role !== undefined && input.role !== current.role)) await deleteUserSessions(tx, id);
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'user.update', entityType: 'user', entityId: id, centreId: after.centreId, before: auditableUser(current), after: auditableUser(after), requestId: ctx.requestId });
    return after;
  });
  return toUserDto(row);
};

export const generatePassword = (): string => {
  // 18 random bytes → 24 base64url characters; the suffix guarantees the mixed classes the policy asks for.
  return `${randomBytes(18).toString('base64url')}-Kc9`;
};

/**
 * First start: create the administrator if no admin exists. The password comes
 * from the environment or is generated and returned once, to be printed.
 */
export const ensureFirstAdmin = async (
  db: DbExecutor,
  opts: { username: string; password: string | undefined; now: Date },
): Promise<{ created: boolean; username: string; generatedPassword: string | null }> => {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
  if (existing) return { created: false, username: opts.username, generatedPassword: null };
  const generatedPassword = opts.password ? null : generatePassword();
  const password = opts.password ?? (generatedPassword as string);
  assertPasswordAcceptable(password, opts.username, 'KECHUANG_ADMIN_PASSWORD');
  await insertAccount(db, { kind: 'system', label: 'system:first-start' }, opts.now, null, {
    username: opts.username,
    displayName: 'Administrator',
    role: 'admin',
    centreId: null,
    organisationId: null,
    locale: 'zh-CN',
    passwordHash: await hashPassword(password),
    mustChangePassword: generatedPassword !== null,
  });
  return { created: true, username: opts.username, generatedPassword };
};

/** `kechuang users create`: an account made from the command line, audited as the CLI. */
export const createUserFromCli = async (db: DbExecutor, input: TCreateUserRequest, now: Date): Promise<TUser> => {
  assertPasswordAcceptable(input.password, input.username, 'password');
  const { password, ...rest } = input;
  const row = await insertAccount(db, { kind: 'system', label: 'cli' }, now, null, { ...rest, passwordHash: await hashPassword(password), mustChangePassword: false });
  return toUserDto(row);
};
