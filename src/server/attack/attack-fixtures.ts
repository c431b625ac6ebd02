import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { ROLES, roleMeetsAccess, type Access, type Role } from '../../shared/access.js';
import { isErrorCode } from '../../shared/errors.js';
import type { DbExecutor } from '../../db/client.js';

/**
 * Shared pieces of the attacker's suite (src/server/attack): which routes
 * write, who may call them, how to fill their path, and how to tell that a
 * refused request left the database as it was.
 */

export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type RouteInfo = { method: string; url: string; access: Access };

/** Every write route of the built app; sign-out is left out (it ends the caller's own session, which is its job). */
export const writeRoutesOf = (routeAccess: readonly { method: string; url: string; access?: Access | undefined }[]): RouteInfo[] =>
  routeAccess
    .filter((r) => WRITE_METHODS.has(r.method) && !r.url.startsWith('/docs') && r.url !== '/api/auth/logout')
    .map((r) => ({ method: r.method, url: r.url, access: r.access as Access }))
    .sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));

/** Staff roles first: they reach a route's validation without needing records of their own. */
const ROLE_PREFERENCE: readonly Role[] = ['service_officer', 'analyst', 'enterprise_member', 'research_member', 'expert_reviewer', 'admin'];

/** A role the route's policy lets through (anonymous only for public routes). */
export const allowedRole = (access: Access): Role | 'anonymous' => {
  if (access === 'public') return 'anonymous';
  return ROLE_PREFERENCE.find((role) => roleMeetsAccess(role, access)) ?? (ROLES[0] as Role);
};

/** A syntactically valid value for each path parameter, pointing at nothing in particular. */
export const PARAM_SAMPLES: Record<string, string> = {
  centreId: 'beijing',
  entityId: 'beijing-ent-022',
  enterpriseId: 'beijing-ent-040',
  code: 'no-such-code',
  key: 'no-such-key',
  domain: 'no-such-domain',
  currency: 'USD',
  year: '2025',
  version: '1',
  position: '1',
};

export const ZERO_UUID = '00000000-0000-4000-8000-000000000000';

/** Percent-encoding that also carries lone surrogates (as their WTF-8 bytes, which are not valid UTF-8), as a hostile client would send them. */
export const encodeHostile = (value: string): string =>
  value.replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]|[^\ud800-\udfff]+/g, (part) => {
    if (part.length === 1 && /[\ud800-\udfff]/.test(part)) {
      const c = part.charCodeAt(0);
      return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
    return encodeURIComponent(part);
  });

export const fillPath = (url: string, overrides: Record<string, string> = {}): string =>
  url.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeHostile(overrides[name] ?? PARAM_SAMPLES[name] ?? ZERO_UUID));

export const pathParams = (url: string): string[] => [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[]));

/** Every base table of the application (drizzle's bookkeeping and this suite's own counter aside). */
export const listTables = async (db: DbExecutor): Promise<string[]> => {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema', 'drizzle', 'kc_attack') order by 1`),
  );
  return rows.map((r) => r.name);
};

/**
 * A row-level trigger on every table that counts the rows each table gains,
 * loses or changes, into kc_attack.writes. Counting every table's rows per
 * request costs ~90 ms on the seeded test database; reading this counter costs
 * ~1 ms, and it also sees an UPDATE that a row count would miss.
 * Test databases only: the suite installs it into its own copy.
 */
export const installWriteCounter = async (db: DbExecutor): Promise<string[]> => {
  const tables = await listTables(db);
  await db.execute(sql.raw('create schema if not exists kc_attack'));
  await db.execute(sql.raw('create table if not exists kc_attack.writes (tbl text primary key, n bigint not null)'));
  await db.execute(sql.raw(`create or replace function kc_attack.count_write() returns trigger language plpgsql as $$
    begin
      insert into kc_attack.writes as w values (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME || ':' || lower(TG_OP), 1)
        on conflict (tbl) do update set n = w.n + 1;
      return null;
    end $$`));
  for (const t of tables) {
    await db.execute(sql.raw(`create trigger kc_attack_count after insert or update or delete on ${t} for each row execute function kc_attack.count_write()`));
  }
  return tables;
};

/** The counter's current state, `schema.table:op` → rows written so far. */
export const writeCounts = async (db: DbExecutor): Promise<Record<string, number>> => {
  const rows = rowsOf<{ tbl: string; n: number | string }>(await db.execute(sql`select tbl, n from kc_attack.writes`));
  return Object.fromEntries(rows.map((r) => [r.tbl, Number(r.n)]));
};

/** Counters that moved between two snapshots, as `table:op +n`, bookkeeping that a refusal may legitimately touch left out. */
export const countChanges = (before: Record<string, number>, after: Record<string, number>, ignore: ReadonlySet<string> = BOOKKEEPING): string[] =>
  Object.keys(after)
    .filter((k) => !ignore.has(k) && (before[k] ?? 0) !== after[k])
    .map((k) => `${k} +${(after[k] ?? 0) - (before[k] ?? 0)}`);

/** A signed-in request refreshes its session's last-seen time whatever its outcome: not a write of the refused request. */
export const BOOKKEEPING: ReadonlySet<string> = new Set(['public.sessions:update']);

/**
 * What a refusal must look like: a status below 500, `{ error: { code, message } }`
 * with a code from the shared table, and field-level issues on a validation failure.
 * Returns the problems found (empty when the response is well-formed).
 */
export const refusalProblems = (res: LightMyRequestResponse): string[] => {
  if (res.statusCode >= 500) return [`status ${res.statusCode}: ${res.body.slice(0, 200)}`];
  if (res.statusCode < 400) return [];
  let body: { error?: { code?: unknown; message?: unknown; details?: { fields?: unknown } } };
  try {
    body = res.json();
  } catch {
    return [`${res.statusCode} without a JSON body: ${res.body.slice(0, 120)}`];
  }
  const problems: string[] = [];
  if (!isErrorCode(body.error?.code)) problems.push(`${res.statusCode} with an unknown error code: ${res.body.slice(0, 160)}`);
  if (typeof body.error?.message !== 'string') problems.push(`${res.statusCode} without a message`);
  if (body.error?.code === 'VALIDATION_FAILED') {
    const fields = body.error.details?.fields;
    if (!Array.isArray(fields) || fields.length === 0) problems.push(`VALIDATION_FAILED without details.fields: ${res.body.slice(0, 160)}`);
    else
      for (const f of fields as { in?: unknown; path?: unknown; reason?: unknown }[]) {
        if (!['body', 'query', 'params', 'headers'].includes(String(f.in)) || typeof f.path !== 'string' || typeof f.reason !== 'string') {
          problems.push(`malformed field issue ${JSON.stringify(f).slice(0, 160)}`);
        }
      }
  }
  return problems;
};
