import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { listMigrations } from '../migrate.js';
import { quoteIdent, quoteLiteral, scopePredicate, TABLE_SCOPES } from '../table-scope.js';
import type { ReadTx } from '../tx.js';
import { keyOrder, topologicalOrder, type TableInfo } from './catalog.js';

export const FORMAT = 'kechuang-centre-backup';
export const FORMAT_VERSION = 1;
/** Re-assigned by the restoring database's hash chain; every other audit column is compared. */
export const AUDIT_CHAIN_COLUMNS = ['seq', 'prev_hash', 'hash'] as const;

/**
 * One file of a dump. `copy`: rows loaded as they are. `insert-missing`:
 * platform accounts the centre's rows point at, added where absent.
 * `audit`: the centre's audit events, re-appended to the target's chain.
 */
export type PartMode = 'copy' | 'insert-missing' | 'audit';
export type Part = { name: string; table: string; mode: PartMode; where: string; order: string; columns: string[]; checksumColumns: string[] };

export type ManifestPart = {
  name: string;
  table: string;
  mode: PartMode;
  file: string;
  rows: number;
  columns: string[];
  checksumColumns: string[];
  /** SHA-256 of the gzip file as written. */
  fileSha256: string;
  /** SHA-256 of the rows' canonical COPY text (checksumColumns, key order). */
  checksum: string;
};

export type Manifest = {
  format: typeof FORMAT;
  formatVersion: number;
  appVersion: string;
  createdAt: string;
  centre: { id: string; nameZh: string; nameEn: string };
  source: { engine: 'pglite' | 'postgres'; serverVersion: string };
  migration: { applied: number; tag: string | null; hash: string };
  settings: string[];
  notes: string[];
  parts: ManifestPart[];
};

export const dumpedTables = (catalog: Map<string, TableInfo>): string[] => {
  const names = Object.entries(TABLE_SCOPES)
    .filter(([, s]) => s.kind !== 'global')
    .map(([n]) => n);
  const missing = names.filter((n) => !catalog.has(n));
  if (missing.length) throw new Error(`tables in table-scope.ts but not in the database (migrate first?): ${missing.join(', ')}`);
  return topologicalOrder(catalog, names);
};

/** The files of one centre's dump, parents first. */
export const planParts = (catalog: Map<string, TableInfo>, centreId: string): Part[] => {
  const lit = quoteLiteral(centreId);
  const parts: Part[] = [];
  const tables = dumpedTables(catalog);
  const userRefs: string[] = [];
  for (const name of tables) {
    const info = catalog.get(name) as TableInfo;
    for (const ref of info.references) {
      if (ref.table === 'users') userRefs.push(`SELECT r.${quoteIdent(ref.column)} FROM ${quoteIdent(name)} r WHERE r.${quoteIdent(ref.column)} IS NOT NULL AND ${scopePredicate(name, 'r', lit)}`);
    }
  }
  for (const name of tables) {
    const info = catalog.get(name) as TableInfo;
    const columns = info.columns.filter((c) => !c.generated).map((c) => c.name);
    const base = { table: name, order: keyOrder(info), columns };
    if (name === 'audit_events') {
      parts.push({ ...base, name, mode: 'audit', where: scopePredicate(name, 't', lit), checksumColumns: columns.filter((c) => !(AUDIT_CHAIN_COLUMNS as readonly string[]).includes(c)) });
      continue;
    }
    parts.push({ ...base, name, mode: 'copy', where: scopePredicate(name, 't', lit), checksumColumns: columns });
    if (name === 'users' && userRefs.length) {
      parts.push({ ...base, name: 'users.referenced', mode: 'insert-missing', where: `t.centre_id IS DISTINCT FROM ${lit} AND t.id IN (${userRefs.join(' UNION ')})`, checksumColumns: columns });
    }
  }
  return parts;
};

/** Hash COPY text lines, keeping only the fields at `keep` (fields are tab-separated; tabs inside values are escaped). */
export class LineHasher {
  private hash = createHash('sha256');
  private tail: Buffer = Buffer.alloc(0);
  rows = 0;
  constructor(private readonly keep: readonly number[] | null) {}
  /** Works on whole lines only: a chunk may end inside a row or inside a UTF-8 character. */
  update(chunk: Buffer): void {
    const bytes = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    const cut = bytes.lastIndexOf(0x0a) + 1;
    this.tail = Buffer.from(bytes.subarray(cut));
    if (cut === 0) return;
    const whole = bytes.subarray(0, cut);
    for (let i = whole.indexOf(0x0a); i !== -1; i = whole.indexOf(0x0a, i + 1)) this.rows++;
    if (this.keep === null) {
      this.hash.update(whole);
      return;
    }
    for (const line of whole.toString('utf8').slice(0, -1).split('\n')) {
      const fields = line.split('\t');
      this.hash.update(`${this.keep.map((i) => fields[i]).join('\t')}\n`);
    }
  }
  digest(): string {
    if (this.tail.length) throw new Error('COPY text ended in the middle of a row');
    return this.hash.digest('hex');
  }
}

export const checksumKeep = (part: Pick<Part, 'columns' | 'checksumColumns'>): number[] | null =>
  part.checksumColumns.length === part.columns.length ? null : part.checksumColumns.map((c) => part.columns.indexOf(c));

export const lastMigration = async (tx: ReadTx): Promise<Manifest['migration']> => {
  const rows = (await tx.execute(sql.raw('select hash, created_at::text as created_at, (select count(*)::int from drizzle.__drizzle_migrations) as n from drizzle.__drizzle_migrations order by created_at desc limit 1'))) as unknown as {
    rows: { hash: string; created_at: string; n: number }[];
  };
  const last = rows.rows[0];
  if (!last) return { applied: 0, tag: null, hash: '' };
  const tag = listMigrations().find((m) => String(m.when) === last.created_at)?.tag ?? null;
  return { applied: last.n, tag, hash: last.hash };
};
