import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { quoteIdent, quoteLiteral } from '../table-scope.js';
import type { ReadTx } from '../tx.js';
import type { TableInfo } from './catalog.js';

/**
 * COPY text streams on both engines, inside the caller's transaction.
 * PostgreSQL streams COPY … TO STDOUT / FROM STDIN. PGlite only copies to and
 * from a whole blob, so it goes page by page (keyset on the primary key) and
 * loads in chunks of whole lines: memory stays bounded by the page size.
 */
type PgClient = { query: (stream: unknown) => Readable & Writable };
type PgliteClient = {
  query: (text: string, params?: unknown[], options?: { blob?: Blob }) => Promise<{ rows: Record<string, unknown>[]; blob?: Blob }>;
};
const rawClient = (tx: ReadTx): unknown => (tx as unknown as { session: { client: unknown } }).session.client;
const isPglite = (client: unknown): client is PgliteClient => typeof client === 'object' && client !== null && !('connectionParameters' in client);

/** Fixed output settings: the COPY text of a row is the same on every server and session. */
export const CANONICAL_SETTINGS = [
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL IntervalStyle = 'postgres'",
  "SET LOCAL bytea_output = 'hex'",
  'SET LOCAL extra_float_digits = 1',
];

export type CopySelect = { info: TableInfo; columns: readonly string[]; where: string; order: string };

/** PGlite page and load-chunk sizes; tests lower them to run the paging paths on small data. */
export const pgliteCopyTuning = { pageRows: 20_000, chunkBytes: 8 * 1024 * 1024 };

export async function* copyOut(tx: ReadTx, select: CopySelect): AsyncGenerator<Buffer> {
  const cols = select.columns.map((c) => `t.${quoteIdent(c)}`).join(', ');
  const from = `FROM ${quoteIdent(select.info.name)} t WHERE ${select.where}`;
  const client = rawClient(tx);
  if (!isPglite(client)) {
    const stream = (client as PgClient).query(copyTo(`COPY (SELECT ${cols} ${from} ORDER BY ${select.order}) TO STDOUT`));
    for await (const chunk of stream) yield chunk as Buffer;
    return;
  }
  const key = select.info.primaryKey;
  const keyTypes = key.map((k) => select.info.columns.find((c) => c.name === k)?.type ?? 'text');
  let after: string | null = null;
  for (;;) {
    const lower = after === null ? '' : ` AND (${select.order}) > (${after})`;
    const boundary = await client.query(
      `SELECT ${key.map((k, i) => `t.${quoteIdent(k)}::text AS k${i}`).join(', ')} ${from}${lower} ORDER BY ${select.order} OFFSET ${pgliteCopyTuning.pageRows - 1} LIMIT 1`,
    );
    const last = boundary.rows[0];
    const literal = last ? key.map((_, i) => `${quoteLiteral(String(last[`k${i}`]))}::${keyTypes[i]}${select.info.columns.find((c) => c.name === key[i])?.collateC ? ' COLLATE "C"' : ''}`).join(', ') : null;
    const upper = literal === null ? '' : ` AND (${select.order}) <= (${literal})`;
    const result = await client.query(`COPY (SELECT ${cols} ${from}${lower}${upper} ORDER BY ${select.order}) TO '/dev/blob'`);
    if (result.blob && result.blob.size > 0) yield Buffer.from(await result.blob.arrayBuffer());
    if (literal === null) return;
    after = literal;
  }
}

/** Load COPY text (whole lines across chunks) into `table (columns)`. */
export const copyIn = async (tx: ReadTx, table: string, columns: readonly string[], source: AsyncIterable<Buffer>): Promise<void> => {
  const statement = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM`;
  const client = rawClient(tx);
  if (!isPglite(client)) {
    await pipeline(Readable.from(source), (client as PgClient).query(copyFrom(`${statement} STDIN`)));
    return;
  }
  let pending: Buffer[] = [];
  let size = 0;
  const flush = async (upTo: number): Promise<void> => {
    const all = Buffer.concat(pending);
    const head = all.subarray(0, upTo);
    const rest = all.subarray(upTo);
    if (head.length > 0) await client.query(`${statement} '/dev/blob'`, [], { blob: new Blob([head]) });
    pending = rest.length ? [Buffer.from(rest)] : [];
    size = rest.length;
  };
  for await (const chunk of source) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= pgliteCopyTuning.chunkBytes) {
      const all = Buffer.concat(pending);
      pending = [all];
      const cut = all.lastIndexOf(0x0a) + 1;
      if (cut > 0) await flush(cut);
    }
  }
  if (size > 0) await flush(size);
};

/** Run a statement on the transaction's own connection (COPY and SET LOCAL need the same one). */
export const rawQuery = async (tx: ReadTx, text: string): Promise<Record<string, unknown>[]> => {
  const client = rawClient(tx);
  if (isPglite(client)) return (await client.query(text)).rows;
  return ((await (client as unknown as { query: (t: string) => Promise<{ rows: Record<string, unknown>[] }> }).query(text)).rows);
};
