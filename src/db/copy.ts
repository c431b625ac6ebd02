import type { Writable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { WriteTx } from './tx.js';

/** A value as COPY's text format writes it. Lists become array literals; null is `\N`. */
export type CopyValue = string | number | boolean | Date | null | readonly string[];

const escapeText = (text: string): string => text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string);
const arrayLiteral = (items: readonly string[]): string => `{${items.map((item) => `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;

export const copyField = (value: CopyValue): string => {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeText(arrayLiteral(value));
  return escapeText(value as string);
};

/** The rows as one COPY text-format payload. */
export const copyText = (rows: readonly (readonly CopyValue[])[]): string => rows.map((r) => `${r.map(copyField).join('\t')}\n`).join('');

type PgClient = { query: (stream: unknown) => Writable; once: (event: 'end', listener: () => void) => unknown; removeListener: (event: 'end', listener: () => void) => unknown };
type PgliteClient = { query: (text: string, params: unknown[], options: { blob: Blob }) => Promise<unknown> };

/**
 * Load rows into a table with COPY inside the caller's transaction: the
 * database's bulk path (multi-row inserts, batched index work), several times
 * cheaper than INSERT … SELECT for thousands of rows. node-postgres streams
 * FROM STDIN; PGlite reads the same text from a blob. Triggers fire as for an
 * INSERT. Drizzle does not expose its transaction's client, hence the reach
 * into `session.client` (drizzle-orm is pinned; the import tests run this on
 * both engines).
 */
export const copyInto = async (tx: WriteTx, table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void> => {
  if (rows.length === 0) return;
  const statement = `COPY ${quote(table)} (${columns.map(quote).join(', ')}) FROM`;
  const client = (tx as unknown as { session: { client: unknown } }).session.client;
  const text = copyText(rows);
  if (isPglite(client)) {
    await client.query(`${statement} '/dev/blob'`, [], { blob: new Blob([text]) });
    return;
  }
  await copyThrough(client as PgClient, `${statement} STDIN`, text);
};

/**
 * One COPY FROM STDIN on a node-postgres client, settled by the stream's own
 * 'finish' or 'error', or by the connection ending, whichever comes first.
 * Not stream.pipeline, which in one case waits for a source's 'end' that a
 * destroyed source never emits (Node's premature-close rule): nothing here
 * waits on more than the copy stream and the connection.
 */
const copyThrough = (client: PgClient, statement: string, text: string): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    const copy = client.query(copyFrom(statement));
    const ended = () => settle(new Error('the connection ended during COPY'));
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      client.removeListener('end', ended);
      if (error) reject(error);
      else resolve();
    };
    client.once('end', ended);
    copy.on('error', (error: Error) => settle(error));
    copy.once('finish', () => settle());
    copy.end(text);
  });

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;
const isPglite = (client: unknown): client is PgliteClient => typeof client === 'object' && client !== null && !('connectionParameters' in client);
