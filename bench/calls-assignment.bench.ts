/**
 * Reviewer assignment with conflict-of-interest detection at scale:
 * 1,000 applications × 5,000 experts over a synthetic registry of 1,000,000
 * organisations (1,000,000 relations, 20,000 past consortia), generated from
 * a fixed seed. Times the pure core path (index build, then assignment with
 * COI checks) and, as a baseline measured in the same run, a plain nested
 * loop computing the expertise match of every application × expert pair.
 *
 *   npm run bench:calls            (RUNS=5 by default)
 */
import { performance } from 'node:perf_hooks';
import { assignReviewers, buildCoiIndex, detectConflicts, expertiseMatch, type CoiApplication, type CoiReviewer, type Consortium, type OrgLink } from '../src/core/calls/index.js';
import { median, seededRandom } from './support.js';

const ORGS = Number(process.env['ORGS'] ?? 1_000_000);
const EXPERTS = 5_000;
const APPLICATIONS = 1_000;
const LINKS = ORGS;
const CONSORTIA = 20_000;
const RUNS = Number(process.env['RUNS'] ?? 5);
const NOW = new Date('2026-06-01T00:00:00Z');

const rand = seededRandom(20260601);
const int = (n: number) => Math.floor(rand() * n);
const org = (i: number) => `org-${i}`;
const TYPES = ['subsidiary_of', 'invested_in', 'partner_of', 'supplies', 'member_of'];
/** 20 × 10 × 10 field codes; experts and calls cluster in a few areas, as real pools do. */
const field = () => {
  const a = Math.min(19, Math.floor(Math.abs(rand() + rand() - 1) * 20));
  return rand() < 0.3 ? `f${a}.s${int(10)}` : `f${a}.s${int(10)}.t${int(10)}`;
};

const t0 = performance.now();
const links: OrgLink[] = Array.from({ length: LINKS }, (_, i) => ({ id: `rel-${i}`, type: TYPES[int(TYPES.length)] as string, fromId: org(int(ORGS)), toId: org(int(ORGS)), validTo: rand() < 0.8 ? null : String(2015 + int(11)) }));
const consortia: Consortium[] = Array.from({ length: CONSORTIA }, (_, i) => ({ applicationId: `past-${i}`, year: 2019 + int(8), orgIds: Array.from({ length: 2 + int(3) }, () => org(int(ORGS))), personIds: Array.from({ length: 2 + int(4) }, () => `person-${int(50_000)}`) }));
const reviewers: CoiReviewer[] = Array.from({ length: EXPERTS }, (_, i) => ({
  expertId: `e-${i}`,
  personId: `person-${i}`,
  affiliations: [{ orgId: org(int(ORGS)), from: '2018', to: null }, ...(rand() < 0.5 ? [{ orgId: org(int(ORGS)), from: '2012', to: String(2018 + int(8)) }] : [])],
}));
const experts = reviewers.map((r) => ({ id: r.expertId, fields: Array.from({ length: 1 + int(4) }, field), maxLoad: 3 + int(6), load: int(2) }));
const teams: CoiApplication[] = Array.from({ length: APPLICATIONS }, (_, i) => ({
  id: `app-${i}`,
  leadOrgId: org(int(ORGS)),
  partnerOrgIds: Array.from({ length: int(4) }, () => org(int(ORGS))),
  personIds: Array.from({ length: 2 + int(4) }, () => `person-${int(50_000)}`),
  excludedOrgIds: rand() < 0.3 ? [org(int(ORGS))] : [],
}));
const applications = teams.map((t) => ({ id: t.id, fields: Array.from({ length: 1 + int(2) }, field), needed: 3 }));
// Make conflicts real: for a fifth of the applications, the best-matching expert works at the lead organisation
// (every other one of those) or at an organisation the registry links to it (invested_in).
for (let i = 0; i < APPLICATIONS; i += 5) {
  const app = applications[i] as (typeof applications)[number];
  let best = 0;
  for (let j = 1; j < EXPERTS; j++) if (expertiseMatch(app.fields, (experts[j] as (typeof experts)[number]).fields) > expertiseMatch(app.fields, (experts[best] as (typeof experts)[number]).fields)) best = j;
  const expertOrg = ((reviewers[best] as CoiReviewer).affiliations[0] as { orgId: string }).orgId;
  const team = teams[i] as CoiApplication;
  if (i % 10 === 0) team.leadOrgId = expertOrg;
  else links.push({ id: `rel-planted-${i}`, type: 'invested_in', fromId: expertOrg, toId: team.leadOrgId as string, validTo: null });
}
const generateMs = performance.now() - t0;

const byExpert = new Map(reviewers.map((r) => [r.expertId, r]));
const byApp = new Map(teams.map((t) => [t.id, t]));

const time = <T>(f: () => T): [number, T] => {
  const s = performance.now();
  const r = f();
  return [performance.now() - s, r];
};

const buildTimes: number[] = [];
const assignTimes: number[] = [];
const totalTimes: number[] = [];
const baselineTimes: number[] = [];
let last: ReturnType<typeof assignReviewers> | null = null;
let coiChecks = 0;
for (let run = 0; run < RUNS; run++) {
  const [b, index] = time(() => buildCoiIndex({ links, consortia }));
  coiChecks = 0;
  const [a, result] = time(() =>
    assignReviewers({
      applications,
      experts,
      conflicts: (e, app) => {
        coiChecks++;
        return detectConflicts(byExpert.get(e) as CoiReviewer, byApp.get(app) as CoiApplication, index, NOW);
      },
    }),
  );
  buildTimes.push(b);
  assignTimes.push(a);
  totalTimes.push(b + a);
  last = result;
  // Baseline: a plain loop scoring every application × expert pair (no index, no COI).
  const [base, best] = time(() => {
    let sum = 0;
    for (const app of applications) for (const e of experts) sum += expertiseMatch(app.fields, e.fields);
    return sum;
  });
  baselineTimes.push(base);
  if (best < 0) console.log('unreachable');
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const r = last as ReturnType<typeof assignReviewers>;
console.log(`\nReviewer assignment with COI detection — ${APPLICATIONS.toLocaleString('en')} applications × ${EXPERTS.toLocaleString('en')} experts, registry of ${ORGS.toLocaleString('en')} organisations, ${LINKS.toLocaleString('en')} relations, ${CONSORTIA.toLocaleString('en')} past consortia (synthetic, fixed seed; generated in ${fmt(generateMs)}); median of ${RUNS} runs, Node ${process.version}\n`);
console.log('| Step | Median | Runs |');
console.log('|---|---:|---|');
console.log(`| Build COI index (relations + consortia) | ${fmt(median(buildTimes))} | ${buildTimes.map(fmt).join(', ')} |`);
console.log(`| Assign (expertise match, load limits, ${coiChecks.toLocaleString('en')} COI checks) | ${fmt(median(assignTimes))} | ${assignTimes.map(fmt).join(', ')} |`);
console.log(`| **Total (index + assignment)** | **${fmt(median(totalTimes))}** | target < 5 s |`);
console.log(`| Baseline: plain loop, expertise match of all ${(APPLICATIONS * EXPERTS).toLocaleString('en')} pairs, no COI | ${fmt(median(baselineTimes))} | ${baselineTimes.map(fmt).join(', ')} |`);
console.log(`\nResult: ${r.assignments.length.toLocaleString('en')} assignments, ${r.conflicted.length} candidates skipped for conflicts (${[...new Set(r.conflicted.flatMap((c) => c.flags.map((f) => f.kind)))].join(', ')}), ${r.unfilled.length} applications short of reviewers (${r.unfilled.reduce((a, u) => a + u.missing, 0)} places).`);
