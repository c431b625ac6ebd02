import { and, eq, lt, ne, or } from 'drizzle-orm';
import { sessions, users } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export const findUserByUsername = async (tx: ReadTx, username: string): Promise<UserRow | undefined> =>
  (await tx.select().from(users).where(eq(users.username, username)).limit(1))[0];

export const findUserById = async (tx: ReadTx, id: string): Promise<UserRow | undefined> =>
  (await tx.select().from(users).where(eq(users.id, id)).limit(1))[0];

export const findSessionWithUser = async (tx: ReadTx, tokenHash: string): Promise<{ session: SessionRow; user: UserRow } | undefined> => {
  const [row] = await tx
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  return row;
};

export const insertSession = async (tx: WriteTx, row: SessionRow): Promise<void> => {
  await tx.insert(sessions).values(row);
};

export const touchSession = async (tx: WriteTx, tokenHash: string, at: Date): Promise<void> => {
  await tx.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
};

export const deleteSession = async (tx: WriteTx, tokenHash: string): Promise<void> => {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
};

export const deleteUserSessions = async (tx: WriteTx, userId: string, exceptTokenHash?: string): Promise<void> => {
  const all = eq(sessions.userId, userId);
  await tx.delete(sessions).where(exceptTokenHash ? and(all, ne(sessions.tokenHash, exceptTokenHash)) : all);
};

export const deleteExpiredSessions = async (tx: WriteTx, now: Date, idleCutoff: Date): Promise<void> => {
  await tx.delete(sessions).where(or(lt(sessions.absoluteExpiresAt, now), lt(sessions.lastSeenAt, idleCutoff)));
};

export const updateUser = async (tx: WriteTx, id: string, patch: Partial<UserRow>): Promise<UserRow> => {
  const [row] = await tx.update(users).set(patch).where(eq(users.id, id)).returning();
  if (!row) throw new Error(`user ${id} vanished`);
  return row;
};
