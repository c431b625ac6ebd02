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
