import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SynthCounts } from '../../core/synth/index.js';
import { verifyAuditChain } from '../../db/audit-log.js';
import type { DatabaseHandle } from '../../db/client.js';
import { openTestDatabase, testEngine } from '../../db/test-support/test-database.js';
import { ZSearchQuery } from '../../shared/schemas/registry.js';
import { parseConfig } from '../config.js';
import type { ServiceContext } from '../context.js';
import { contractStatistics } from '../modules/contracts/contracts.service.js';
import { searchEntities } from '../modules/registry/registry-search.js';
import { loadSyntheticCity, type SynthLoadReport } from './synth-load.js';

/**
 * A small synthetic city loaded into a seeded test database: the rows land,
 * the derived data the pages read (search text, entity counts, contract
 * roll-up cells) agrees with them, the audit chain verifies, and a second
 * load is refused. PostgreSQL takes the deferred-index, concurrent path the
 * 1m load uses; PGlite the plain one.
 */
const counts: SynthCounts = { organisations: 300, people: 60, patents: 600, contracts: 1_500, demands: 120, applications: 40 };
const SEED = 42;
let db: { handle: DatabaseHandle; drop: () => Promise<void> };
let report: SynthLoadReport;
let countsBefore: number;
let indexesBefore: number;
const rows = async <T>(q: ReturnType<typeof sql>): Promise<T[]> => ((await db.handle.db.execute(q)) as unknown as { rows: T[] }).rows;
const num = async (q: ReturnType<typeof sql>): Promise<number> => Number((await rows<{ n: string | number }>(q))[0]?.n);
const indexAndKeyCount = () => num(sql`select (select count(*) from pg_indexes where schemaname = 'public') + (select count(*) from pg_constraint where contype = 'f') as n`);

beforeAll(async () => {
  db = await openTestDatabase();
  countsBefore = await num(sql`select coalesce(sum(n), 0) as n from entity_counts where centre_id = 'beijing'`);
  indexesBefore = await indexAndKeyCount();
  const postgres = testEngine() === 'postgres';
  report = await loadSyntheticCity(db.handle.db, { centreId: 'beijing', seed: SEED, counts, batchSize: 250, deferIndexes: postgres, concurrent: postgres, now: () => new Date('2026-06-01T00:00:00Z') });
}, 120_000);
afterAll(async () => {
  await db.handle.close();
  await db.drop();
});

const ctx = (): ServiceContext => ({
  db: db.handle.db,
  config: parseConfig({ LOG_LEVEL: 'silent', KECHUANG_DATA_DIR: '/nonexistent-test-dir' }, { webRoot: null }),
  now: new Date('2026-06-01T00:00:00Z'),
  user: { id: 'synth-analyst', username: 'analyst', displayName: 'Analyst', role: 'analyst', centreId: 'beijing', organisationId: null, locale: 'zh-CN', mustChangePassword: false },
  actor: { kind: 'system', label: 'test' },
  requestId: null,
  ip: null,
});

describe('loading a synthetic city', () => {
  test('every table holds exactly the generated rows, all marked synthetic', async () => {
    const p = `syn${SEED}-%`;
    expect(await num(sql`select count(*) as n from entities where id like ${p} and category <> 'person'`)).toBe(counts.organisations);
    expect(await num(sql`select count(*) as n from entities where id like ${p} and category = 'person'`)).toBe(counts.people);
    expect(await num(sql`select count(*) as n from entity_facts where entity_id like ${p}`)).toBe(counts.organisations * 2);
    expect(await num(sql`select count(*) as n from patents where id like ${p}`)).toBe(counts.patents);
    expect(await num(sql`select count(*) as n from patent_parties where patent_id like ${p}`)).toBe(counts.patents * 2);
    expect(await num(sql`select count(*) as n from tech_contracts where id like ${p}`)).toBe(counts.contracts);
    expect(await num(sql`select count(*) as n from demands where id like ${p}`)).toBe(counts.demands);
    expect(await num(sql`select count(*) as n from call_applications where id like ${p}`)).toBe(counts.applications);
    expect(await num(sql`select count(*) as n from call_application_members where application_id like ${p}`)).toBe(counts.applications);
    expect(await num(sql`select count(*) as n from entities where id like ${p} and (name_zh not like '%（合成）' or name_en not like '%(Synthetic)' or not is_sample)`)).toBe(0);
    expect(report.tables.find((t) => t.table === 'tech_contracts')?.rows).toBe(counts.contracts);
  });

  test('every located record is in one of the centre’s districts', async () => {
    const outside = await num(sql`select count(*) as n from entities e where e.id like ${`syn${SEED}-%`} and not exists (select 1 from areas a where a.id = e.area_id and a.kind = 'district' and a.centre_id = 'beijing')`);
    expect(outside).toBe(0);
  });

  test('indexes and foreign keys are all in place after the load', async () => {
    expect(await indexAndKeyCount()).toBe(indexesBefore);
  });

  test('the registry counts and finds the synthetic organisations', async () => {
    expect(await num(sql`select sum(n) as n from entity_counts where centre_id = 'beijing'`)).toBe(countsBefore + counts.organisations + counts.people);
    const [first] = await rows<{ id: string; name_zh: string }>(sql`select id, name_zh from entities where id = ${`syn${SEED}-o-00000000`}`);
    const found = await searchEntities(db.handle.db, 'beijing', ZSearchQuery.parse({ q: (first?.name_zh ?? '').replace('（合成）', '') }));
    expect(found.items.map((h) => h.id)).toContain(first?.id);
  });

  test('contract statistics read the rebuilt roll-up cells and agree with the contracts', async () => {
    const registered = await rows<{ y: string; n: string | number }>(sql`select substr(registered_on, 1, 4) as y, count(*) as n from tech_contracts where state = 'registered' and id like ${`syn${SEED}-%`} group by 1 order by 1`);
    const view = await contractStatistics(ctx(), 'beijing', { dimension: 'type', year: 2025 });
    expect(view.byYear.map((r) => [String(r.year), r.contracts])).toEqual(registered.map((r) => [r.y, Number(r.n)]));
    const in2025 = Number(registered.find((r) => r.y === '2025')?.n);
    expect(view.rows.reduce((s, r) => s + Number(r.contracts), 0)).toBe(in2025);
  });

  test('the audit chain verifies, with one event per batch', async () => {
    const chain = await verifyAuditChain(db.handle.db);
    expect(chain.ok).toBe(true);
    expect(await num(sql`select count(*) as n from audit_events where action = 'dev.synth.load'`)).toBeGreaterThan(10);
  });

  test('a second synthetic city into the same centre is refused, whatever the seed', async () => {
    await expect(loadSyntheticCity(db.handle.db, { centreId: 'beijing', seed: SEED + 1, counts, now: () => new Date() })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
