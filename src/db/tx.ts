import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbExecutor } from './client.js';

declare const writeBrand: unique symbol;

/**
 * Read-only access: what a GET path may use. Repositories that only read take
 * a ReadTx, so a read path cannot reach a mutation by accident.
 */
export type ReadTx = Pick<DbExecutor, 'select' | 'selectDistinct' | '$count' | 'query' | 'execute'>;

/** Read-write access inside one transaction, opened by a use-case function. */
export type WriteTx = DbExecutor & { readonly [writeBrand]: true };

/** Run `work` in one transaction: every write in it lands, or none does. */
export const withWriteTx = <T>(db: DbExecutor, work: (tx: WriteTx) => Promise<T>): Promise<T> =>
  db.transaction((tx) => work(tx as unknown as WriteTx));

export const asReadTx = (db: DbExecutor): ReadTx => db;

/**
 * Run `work` in one read-only transaction: for reads that need a transaction's
 * scope (a consistent snapshot, or a planner setting made with SET LOCAL).
 */
export const withReadTx = <T>(db: ReadTx, work: (tx: ReadTx) => Promise<T>): Promise<T> =>
  (db as DbExecutor).transaction(async (tx) => {
    await tx.execute(sql`set transaction read only`);
    return work(tx);
  });

/**
 * Run independent reads at once on the pool, but one after another inside a
 * transaction: its single connection takes one query at a time, and pg warns
 * about (and its next major refuses) queries sent while one is running.
 */
export const readTogether = async <T extends readonly unknown[]>(tx: ReadTx, reads: { readonly [K in keyof T]: () => Promise<T[K]> }): Promise<T> => {
  if (!(tx instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as unknown as T;
};
