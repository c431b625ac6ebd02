/**
 * The calls engine on PostgreSQL at city scale (issue 5, "done when"):
 *
 * 1. Reviewer assignment with conflict-of-interest detection through the
 *    service, reading the registry: 1,000 applications × 5,000 experts over
 *    1,000,000 organisations and 1,000,000 relations, 20,000 past consortia.
 *    Baseline in the same run: the same assignment in the pure core on the
 *    inputs the service read (so the ratio is the database's share).
 * 2. Latency of the call list, a call and an application under 50 concurrent
 *    users (loopback HTTP, one signed-in officer session for the private page),
 *    against a bare Fastify JSON route under the same load.
 *
 * Synthetic data only (fixed seed, names marked 合成/Synthetic), in its own
 * database `kechuang_bench_calls` on TEST_DATABASE_URL or the local server.
 *
 *   npm run bench:calls-load     (ORGS=1000000 RUNS=3 SECONDS=10; BENCH_REUSE=1 measures the database a previous run loaded)
 */
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import pg from 'pg';
import { assignReviewers, detectConflicts, type CoiApplication, type CoiReviewer } from '../src/core/calls/index.js';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import type { ServiceContext } from '../src/server/context.js';
import { autoAssign, loadCoiWorld } from '../src/server/modules/calls/review.service.js';
import * as repo from '../src/server/modules/calls/calls.repository.js';
import { createUserFromCli } from '../src/server/modules/users/users.service.js';
import { TEST_PROGRAMME_SETTINGS } from '../src/server/test-support/calls-fixtures.js';
import { benchDatabase } from './database.js';
import { median, seededRandom } from './support.js';

const ORGS = Number(process.env['ORGS'] ?? 1_000_000);
const EXPERTS = 5_000;
const APPLICATIONS = 1_000;
const CONSORTIA = 20_000;
const PEOPLE = 50_000;
const RUNS = Number(process.env['RUNS'] ?? 3);
const SECONDS = Number(process.env['SECONDS'] ?? 10);
const CONNECTIONS = 50;
const DB = 'kechuang_bench_calls';
const reuse = Boolean(process.env['BENCH_REUSE']);

const rand = seededRandom(20260602);
const int = (n: number) => Math.floor(rand() * n);
const org = (i: number) => `bench-org-${i}`;
const person = (i: number) => `bench-person-${i}`;
const TYPES = ['subsidiary_of', 'invested_in', 'partner_of', 'supplies', 'member_of'];
const FIELDS = ['ai.vision', 'ai.nlp', 'ic.design', 'ic.equipment', 'bio.devices'];

const main = async (): Promise<void> => {
  const { handle, url } = await benchDatabase(DB, reuse, 8);
  const loader = new pg.Client({ connectionString: url });
  await loader.connect();
  const t0 = performance.now();
  if (!reuse) {
    const batch = async (n: number, size: number, rows: (start: number, end: number) => Promise<void>) => {
      for (let start = 0; start < n; start += size) await rows(start, Math.min(n, start + size));
    };
    // Organisations and people: names only (the search text is not what this measures).
    await batch(ORGS + PEOPLE, 20_000, async (s, e) => {
      const ids: string[] = [], cat: string[] = [], kind: string[] = [], en: string[] = [];
      for (let i = s; i < e; i++) {
        const isOrg = i < ORGS;
        ids.push(isOrg ? org(i) : person(i - ORGS));
        cat.push(isOrg ? 'enterprise' : 'person');
        kind.push(isOrg ? 'enterprise' : 'talent');
        en.push(`Synthetic ${isOrg ? 'organisation' : 'person'} ${i}`);
      }
      await loader.query(
        `insert into entities (id, centre_id, category, kind, name_zh, name_en, name_status, is_sample, industry_tags)
         select u.id, 'beijing', u.cat, u.kind, '合成' || u.en, u.en, 'none', true, '{}' from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as u(id, cat, kind, en)`,
        [ids, cat, kind, en],
      );
    });
    process.stderr.write(`entities loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    // Relations between organisations, and each expert's affiliations (current, and a past one for half of them).
    const relRows: [string, string, string, string | null, string | null][] = [];
    for (let i = 0; i < ORGS; i++) relRows.push([`bench-rel-${i}`, TYPES[int(TYPES.length)] as string, org(int(ORGS)), org(int(ORGS)), rand() < 0.8 ? null : String(2015 + int(11))]);
    for (let i = 0; i < EXPERTS; i++) {
      relRows.push([`bench-aff-${i}`, 'affiliated_with', person(i), org(int(ORGS)), null]);
      if (rand() < 0.5) relRows.push([`bench-aff-old-${i}`, 'affiliated_with', person(i), org(int(ORGS)), String(2018 + int(8))]);
    }
    await batch(relRows.length, 20_000, async (s, e) => {
      const part = relRows.slice(s, e);
      await loader.query(
        `insert into relations (id, centre_id, type, from_id, to_id, to_kind, valid_from, valid_to, source_note)
         select u.id, 'beijing', u.type, u.f, u.t, 'entity', case when u.type = 'affiliated_with' then '2010' end, u.vt, 'synthetic (benchmark)' from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as u(id, type, f, t, vt)`,
        [part.map((r) => r[0]), part.map((r) => r[1]), part.map((r) => r[2]), part.map((r) => r[3]), part.map((r) => r[4])],
      );
    });
    process.stderr.write(`relations loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    const now = new Date();
    await loader.query(`insert into call_programmes (id, centre_id, kind, title_en, settings, is_sample, created_at) values ('bench-prog', 'beijing', 'jiebang', 'Synthetic programme', $1, true, $2)`, [JSON.stringify({ ...TEST_PROGRAMME_SETTINGS, minReviewers: 3 }), now]);
    await loader.query(
      `insert into experts (id, centre_id, entity_id, fields, max_load, active, created_at)
       select 'bench-expert-' || g, 'beijing', 'bench-person-' || g, array['ai', ($1::text[])[1 + (g % 5)]], 3 + (g % 6), true, $2 from generate_series(0, ${EXPERTS - 1}) g`,
      [FIELDS, now],
    );
    // The call under review, and a finished one whose 20,000 past teams feed the consortium check.
    for (const [id, state] of [['bench-call', 'closed'], ['bench-past-call', 'accepted']] as const) {
      await loader.query(`insert into calls (id, centre_id, programme_id, state, title_en, title_zh, field_codes, owner_entity_id, is_sample, created_at, updated_at, published_at) values ($1, 'beijing', 'bench-prog', $2, 'Synthetic call', '合成榜单', $3, $4, true, $5, $5, $5)`, [id, state, [FIELDS[0]], org(0), now]);
    }
    const apps: { id: string; call: string; state: string; lead: string; submitted: Date }[] = [];
    const members: [string, string, string][] = [];
    const team = (appId: string, lead: string) => {
      members.push([appId, lead, 'lead']);
      for (let k = int(4); k > 0; k--) members.push([appId, org(int(ORGS)), 'partner']);
      members.push([appId, person(EXPERTS + int(PEOPLE - EXPERTS)), 'pi']);
      for (let k = 1 + int(4); k > 0; k--) members.push([appId, person(EXPERTS + int(PEOPLE - EXPERTS)), 'member']);
    };
    // Experts whose fields match the call exactly (every fifth) compete for the same bids; conflicts are planted among them
    // so that the service meets them: every fifth application's lead employs one of them, and every fifth other lead is
    // linked in the registry (invested_in) to the employers of 50 of them.
    const employerOf = new Map(relRows.filter((r) => r[0].startsWith('bench-aff-') && !r[0].startsWith('bench-aff-old')).map((r) => [r[2], r[3]]));
    const matchingEmployer = () => employerOf.get(person(5 * int(EXPERTS / 5))) as string;
    const planted: [string, string][] = [];
    for (let i = 0; i < APPLICATIONS; i++) {
      const lead = i % 5 === 0 ? matchingEmployer() : org(int(ORGS));
      if (i % 5 === 1) for (let k = 0; k < 50; k++) planted.push([lead, matchingEmployer()]);
      apps.push({ id: `bench-app-${i}`, call: 'bench-call', state: 'eligible', lead, submitted: now });
      team(`bench-app-${i}`, lead);
    }
    await loader.query(
      `insert into relations (id, centre_id, type, from_id, to_id, to_kind, source_note) select 'bench-planted-' || n, 'beijing', 'invested_in', u.f, u.t, 'entity', 'synthetic (benchmark)' from unnest($1::text[], $2::text[]) with ordinality as u(f, t, n)`,
      [planted.map((p) => p[1]), planted.map((p) => p[0])],
    );
    for (let i = 0; i < CONSORTIA; i++) {
      const lead = org(int(ORGS));
      apps.push({ id: `bench-past-${i}`, call: 'bench-past-call', state: 'completed', lead, submitted: new Date(Date.UTC(2019 + int(8), int(12), 1)) });
      team(`bench-past-${i}`, lead);
    }
    await batch(apps.length, 10_000, async (s, e) => {
      const part = apps.slice(s, e);
      await loader.query(
        `insert into call_applications (id, call_id, state, title, applicant_org_id, submitted_at, created_at, updated_at)
         select u.id, u.call, u.state, 'Synthetic bid', u.lead, u.submitted, u.submitted, u.submitted from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) as u(id, call, state, lead, submitted)`,
        [part.map((a) => a.id), part.map((a) => a.call), part.map((a) => a.state), part.map((a) => a.lead), part.map((a) => a.submitted)],
      );
    });
    await batch(members.length, 20_000, async (s, e) => {
      const part = members.slice(s, e);
      await loader.query(`insert into call_application_members (application_id, entity_id, role) select * from unnest($1::text[], $2::text[], $3::text[]) on conflict do nothing`, [part.map((m) => m[0]), part.map((m) => m[1]), part.map((m) => m[2])]);
    });
    await loader.query('vacuum analyze');
  }
  const loadSeconds = (performance.now() - t0) / 1000;
  process.stderr.write(`loaded in ${loadSeconds.toFixed(0)} s\n`);

  const officerUser = await createUserFromCli(handle.db, { username: `bench-officer-${Date.now()}`, displayName: 'Bench officer', role: 'service_officer', centreId: 'beijing', organisationId: null, locale: 'zh-CN', password: 'Bench-Officer-Passw0rd!' }, new Date());
  const config = parseConfig({ LOG_LEVEL: 'silent', JOBS_INTERVAL_SECONDS: '0', KECHUANG_DATA_DIR: '/nonexistent-bench-dir', LOGIN_IP_LIMIT_PER_MINUTE: '10000' }, { webRoot: null });
  const ctx: ServiceContext = {
    db: handle.db,
    config,
    now: new Date(),
    user: { id: officerUser.id, username: officerUser.username, displayName: 'Bench officer', role: 'service_officer', centreId: 'beijing', organisationId: null, locale: 'zh-CN', mustChangePassword: false },
    actor: { kind: 'user', userId: officerUser.id, label: officerUser.username },
    requestId: null,
    ip: null,
  };

  // 1. Assignment through the service (reads the registry, computes, writes assignments, audit, notices) vs the pure core on the same inputs.
  const service: number[] = [];
  const core: number[] = [];
  let last: Awaited<ReturnType<typeof autoAssign>> | null = null;
  for (let run = 0; run < RUNS; run++) {
    await loader.query(`delete from review_assignments where call_id = 'bench-call'`);
    const s = performance.now();
    last = await autoAssign({ ...ctx, now: new Date() }, 'beijing', 'bench-call');
    service.push(performance.now() - s);

    const call = (await repo.findCall(handle.db, 'beijing', 'bench-call'))!;
    const programme = await repo.findProgramme(handle.db, call.programmeId);
    const applications = (await repo.listApplicationsOfCall(handle.db, call.id)).filter((a) => a.state === 'eligible');
    const experts = (await repo.listExperts(handle.db, 'beijing')).filter((e) => e.active);
    const world = await loadCoiWorld(handle.db, programme, experts, applications);
    const c = performance.now();
    assignReviewers({
      applications: applications.map((a) => ({ id: a.id, fields: call.fieldCodes, needed: 3 })),
      experts: experts.map((e) => ({ id: e.id, fields: e.fields, maxLoad: e.maxLoad, load: 0 })),
      existing: new Set(),
      conflicts: (expertId, applicationId) => detectConflicts(world.reviewers.get(expertId) as CoiReviewer, world.teams.get(applicationId) as CoiApplication, world.index, new Date()),
    });
    core.push(performance.now() - c);
  }

  // 2. Pages under 50 concurrent users, and a bare Fastify route under the same load.
  const app = await buildApp({ config, database: handle, now: () => new Date(), sessionKey: Buffer.from('bench-session-key-bench-session-key') }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: officerUser.username, password: 'Bench-Officer-Passw0rd!' }) });
  const cookie = String(login.headers.get('set-cookie')).split(';')[0] as string;
  const bare = Fastify();
  bare.get('/ok', async () => ({ ok: true, items: [] }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareOrigin = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;

  const load = async (target: string, headers: Record<string, string> = {}) => {
    const latencies: number[] = [];
    let errors = 0;
    const until = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until) {
          const s = performance.now();
          const res = await fetch(target, { headers });
          await res.arrayBuffer();
          latencies.push(performance.now() - s);
          if (res.status !== 200) errors++;
        }
      }),
    );
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
    return { requests: latencies.length, perSecond: latencies.length / SECONDS, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors };
  };
  const appId = 'bench-app-7';
  const pages: [string, string, Record<string, string>][] = [
    ['bare Fastify JSON route (baseline)', `${bareOrigin}/ok`, {}],
    ['call list (public, 20 per page)', `${origin}/api/centres/beijing/calls`, {}],
    ['a call (public)', `${origin}/api/centres/beijing/calls/bench-call`, {}],
    ['an application (officer session)', `${origin}/api/centres/beijing/applications/${appId}`, { cookie }],
  ];
  const results: { name: string; r: Awaited<ReturnType<typeof load>> }[] = [];
  for (const [name, target, headers] of pages) {
    await load(target, headers); // warm-up
    results.push({ name, r: await load(target, headers) });
  }
  await app.close();
  await bare.close();
  await loader.end();
  // app.close() closed the database handle too.

  const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const bareRate = results[0]?.r.perSecond ?? 1;
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:calls-load\` on PostgreSQL 15 (local server, defaults), 2 cores. ${ORGS.toLocaleString('en')} synthetic organisations, ${ORGS.toLocaleString('en')} relations, ${PEOPLE.toLocaleString('en')} people, ${EXPERTS.toLocaleString('en')} experts, a closed call with ${APPLICATIONS.toLocaleString('en')} eligible applications (conflicts planted among the best-matching experts: every fifth lead employs one, every fifth other lead is linked to the employers of 50), ${CONSORTIA.toLocaleString('en')} past teams${reuse ? ' (database kept from an earlier run)' : `, loaded in ${loadSeconds.toFixed(0)} s`}.`,
    '',
    `| reviewer assignment with COI detection, ${APPLICATIONS.toLocaleString('en')} × ${EXPERTS.toLocaleString('en')} | median of ${RUNS} |`,
    '|---|---|',
    `| the service: read the registry and past teams, assign, write ${last?.created.length ?? 0} assignments with audit and notices | **${(median(service) / 1000).toFixed(2)} s** |`,
    `| baseline, same run: the pure core assignment on the inputs the service read | ${(median(core) / 1000).toFixed(2)} s |`,
    `| conflicts found and skipped (last run) | ${last?.conflicted.length ?? 0} pairs |`,
    '',
    `| under ${CONNECTIONS} concurrent users, ${SECONDS} s each after a warm-up | req/s | p50 ms | p95 ms | p99 ms | errors |`,
    '|---|---|---|---|---|---|',
    ...results.map(({ name, r }) => `| ${name} | ${r.perSecond.toFixed(0)}${name.startsWith('bare') ? '' : ` (${((100 * r.perSecond) / bareRate).toFixed(0)} %)`} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} |`),
    '',
  ];
  console.log(lines.join('\n'));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
