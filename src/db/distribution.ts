import { TABLE_SCOPES } from './table-scope.js';

/**
 * How the schema maps onto a distributed PostgreSQL (Citus) that shards a
 * national network of centres by centre: which tables would be distributed by
 * `centre_id` (all of a centre's rows on one node, so every query of one
 * centre stays on one node), which would be reference tables (copied to every
 * node) and which stay on the coordinator. Derived from the backup's table
 * scopes, so one list says where every table's rows belong.
 * `distribution.test.ts` checks the live schema against Citus's rules and
 * names every gap; tables created after `LEGACY_MIGRATION` must have none.
 */
export type Placement = { kind: 'distributed'; column: 'centre_id' } | { kind: 'reference'; reason: string } | { kind: 'coordinator'; reason: string };

/** Tables every node needs whole (small, read by every centre's queries), or that belong to no single centre. */
const PLATFORM_TABLES: Readonly<Record<string, Placement>> = {
  centres: { kind: 'reference', reason: 'a few rows per centre, joined by every centre-scoped table' },
  users: { kind: 'reference', reason: 'accounts of officials and enterprises; platform administrators belong to no centre' },
  sessions: { kind: 'coordinator', reason: 'sign-in sessions are read on every request by token, not by centre' },
};

export const placementOf = (table: string): Placement => {
  const platform = PLATFORM_TABLES[table];
  if (platform) return platform;
  const scope = TABLE_SCOPES[table];
  if (!scope) throw new Error(`table ${table} has no scope in src/db/table-scope.ts`);
  if (scope.kind === 'global') return { kind: 'coordinator', reason: scope.reason };
  return { kind: 'distributed', column: 'centre_id' };
};

/** Migrations up to this one predate the distribution rule; their gaps are listed, not refused. */
export const LEGACY_MIGRATION = '0022';

/** What the catalogue says about a table, as `distributionGaps` needs it. */
export type TableFacts = {
  columns: ReadonlyMap<string, { nullable: boolean }>;
  /** Primary keys, unique constraints and unique indexes: their names and columns (an expression index has none). */
  uniques: readonly { name: string; columns: readonly string[] }[];
  foreignKeys: readonly { name: string; columns: readonly string[]; references: string; referencedColumns: readonly string[] }[];
};

/**
 * Why a table could not be distributed as planned, under Citus's rules: a
 * distributed table needs its distribution column (not null); every unique
 * constraint must include it; a foreign key between two distributed tables
 * must include it on both sides (co-located); a reference table may not point
 * at a distributed one.
 */
export const distributionGaps = (table: string, facts: TableFacts, placementOfTable: (t: string) => Placement = placementOf): string[] => {
  const placement = placementOfTable(table);
  const gaps: string[] = [];
  if (placement.kind === 'distributed') {
    const column = facts.columns.get('centre_id');
    if (!column) gaps.push('no centre_id column');
    else if (column.nullable) gaps.push('centre_id may be null');
    for (const u of facts.uniques) if (!u.columns.includes('centre_id')) gaps.push(`unique ${u.name} (${u.columns.join(', ') || 'expression'}) lacks centre_id`);
  }
  for (const fk of facts.foreignKeys) {
    const target = placementOfTable(fk.references);
    if (placement.kind === 'distributed' && target.kind === 'distributed') {
      const i = fk.columns.indexOf('centre_id');
      if (i < 0 || fk.referencedColumns[i] !== 'centre_id') gaps.push(`foreign key ${fk.name} to ${fk.references} is not on centre_id`);
    }
    if (placement.kind !== 'distributed' && target.kind === 'distributed') gaps.push(`foreign key ${fk.name} from a ${placement.kind} table to distributed ${fk.references}`);
    if (placement.kind === 'reference' && target.kind === 'coordinator') gaps.push(`foreign key ${fk.name} from a reference table to coordinator table ${fk.references}`);
  }
  return gaps;
};
