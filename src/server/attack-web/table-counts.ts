import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../../db/client.js';

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[]));

/**
 * Row count of every table in the public schema: a before/after fingerprint
 * showing that refused requests wrote nothing (every write also appends to audit_events).
 */
export const tableCounts = async (db: DbExecutor): Promise<Record<string, number>> => {
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = rowsOf<{ n: number | string }>(await db.execute(sql`select count(*) as n from ${sql.identifier(table_name)}`));
    counts[table_name] = Number(row?.n ?? 0);
  }
  return counts;
};
