import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { criterionMet, milestoneTimeline, trancheAmounts } from './acceptance.js';
import { assignReviewers, expertiseMatch, pairKey, type AssignExpert } from './assignment.js';
import { buildCoiIndex, DEFAULT_COI_POLICY, detectConflicts, type CoiApplication, type CoiReviewer, type Consortium, type OrgLink } from './coi.js';
import { evaluateEligibility, type EligibilityFacts } from './eligibility.js';
import { calibrateReviewers, rankByScore } from './ranking.js';
import { aggregate, sheetTotal, validateForm, validateSheet, type ScoringForm } from './scoring.js';

const NOW = new Date('2026-06-01T00:00:00Z');

describe('eligibility', () => {
  const facts: EligibilityFacts = {
    lead: { id: 'org-a', category: 'enterprise', activeAwards: 0 },
    partners: [{ id: 'org-b', category: 'university' }],
    budget: { total: 1_000_000, selfFunded: 300_000 },
    declarations: { no_duplicate_funding: true, ip_ownership: true },
    teamTrl: 4,
    callTrl: 6,
  };
  test('every rule gives its own verdict and reason', () => {
    const v = evaluateEligibility(
      [
        { kind: 'lead_category', allowed: ['enterprise', 'rnd_institution'] },
        { kind: 'consortium_size', min: 1, max: 5 },
        { kind: 'budget_cap', max: 2_000_000 },
        { kind: 'cofunding_share', min: 30 },
        { kind: 'declarations', required: ['no_duplicate_funding', 'ip_ownership'] },
        { kind: 'trl_gap', maxGap: 2 },
        { kind: 'active_awards_cap', max: 2 },
      ],
      facts,
    );
    expect(v.outcome).toBe('eligible');
    expect(v.results.every((r) => r.status === 'pass')).toBe(true);
  });
  test('a failing rule makes it ineligible with a path; missing facts make it an open case', () => {
    const fail = evaluateEligibility([{ kind: 'trl_gap', maxGap: 1 }, { kind: 'declarations', required: ['integrity'] }], facts);
    expect(fail.outcome).toBe('ineligible');
    expect(fail.results.map((r) => [r.code, r.path])).toEqual([
      ['trl_gap_too_large', 'teamTrl'],
      ['declarations_missing', 'declarations.integrity'],
    ]);
    const open = evaluateEligibility([{ kind: 'cofunding_share', min: 10 }], { ...facts, budget: { total: 10, selfFunded: null } });
    expect(open.outcome).toBe('needs_review');
    expect(evaluateEligibility([], facts).outcome).toBe('eligible');
  });
});

describe('conflict of interest', () => {
  const links: OrgLink[] = [
    { id: 'rel-1', type: 'subsidiary_of', fromId: 'org-sub', toId: 'org-parent', validTo: null },
    { id: 'rel-2', type: 'subsidiary_of', fromId: 'org-sibling', toId: 'org-parent', validTo: null },
    { id: 'rel-3', type: 'invested_in', fromId: 'org-fund', toId: 'org-lead', validTo: null },
    { id: 'rel-4', type: 'partner_of', fromId: 'org-old-partner', toId: 'org-lead', validTo: '2019' },
    { id: 'rel-5', type: 'supplies', fromId: 'org-supplier', toId: 'org-lead', validTo: null },
  ];
  const consortia: Consortium[] = [
    { applicationId: 'past-1', year: 2025, orgIds: ['org-consort', 'org-partner'], personIds: ['p-old-colleague', 'p-member'] },
    { applicationId: 'past-2', year: 2019, orgIds: ['org-ancient', 'org-lead'], personIds: [] },
  ];
  const index = buildCoiIndex({ links, consortia });
  const app: CoiApplication = { id: 'app-1', leadOrgId: 'org-lead', partnerOrgIds: ['org-partner', 'org-sibling'], personIds: ['p-pi', 'p-member'], excludedOrgIds: ['org-rival'] };
  const reviewer = (orgId: string, to: string | null = null, personId = 'p-rev'): CoiReviewer => ({ expertId: 'e1', personId, affiliations: [{ orgId, from: '2015', to }] });
  const kinds = (r: CoiReviewer) => detectConflicts(r, app, index, NOW).map((f) => f.kind);

  test('same organisation now, or within N years, but not before', () => {
    expect(detectConflicts(reviewer('org-lead'), app, index, NOW)[0]).toMatchObject({ kind: 'same_organisation', evidence: { orgId: 'org-lead', side: 'lead', current: true } });
    expect(kinds(reviewer('org-partner', '2023-08'))).toEqual(['same_organisation']);
    expect(kinds(reviewer('org-partner', '2022'))).toEqual([]);
    expect(kinds(reviewer('org-partner', '2023-05-31'))).toEqual([]);
    expect(kinds(reviewer('org-partner', '2023-06-01'))).toEqual(['same_organisation']);
  });
  test('registry relations (investor, recent partner) and same group; not other relation types or stale ones', () => {
    expect(detectConflicts(reviewer('org-fund'), app, index, NOW)).toEqual([
      expect.objectContaining({ kind: 'registry_relation', evidence: expect.objectContaining({ relationId: 'rel-3', type: 'invested_in', applicantOrgId: 'org-lead' }) }),
    ]);
    expect(kinds(reviewer('org-sub'))).toEqual(['same_group']);
    expect(kinds(reviewer('org-old-partner'))).toEqual([]);
    expect(kinds(reviewer('org-supplier'))).toEqual([]);
  });
  test('consortium co-membership (organisation or person) within the window; applicant exclusions; the reviewer on the team', () => {
    expect(kinds(reviewer('org-consort'))).toEqual(['consortium_comember']);
    expect(kinds(reviewer('org-ancient'))).toEqual([]);
    expect(kinds(reviewer('org-elsewhere', null, 'p-old-colleague'))).toEqual(['consortium_comember']);
    expect(kinds(reviewer('org-rival'))).toEqual(['excluded_by_applicant']);
    expect(kinds(reviewer('org-elsewhere', null, 'p-pi'))).toEqual(['is_applicant']);
    expect(kinds(reviewer('org-elsewhere'))).toEqual([]);
  });
  test('property: flags are deterministic, each has evidence, and a reviewer with no links is never flagged', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('org-lead', 'org-partner', 'org-fund', 'org-sub', 'org-consort', 'org-rival', 'org-x', 'org-y'), { maxLength: 4 }), fc.constantFrom(null, '2020', '2024-02'), (orgs, to) => {
        const r: CoiReviewer = { expertId: 'e', personId: 'p-x', affiliations: orgs.map((orgId) => ({ orgId, from: null, to })) };
        const a = detectConflicts(r, app, index, NOW);
        expect(detectConflicts(r, app, index, NOW)).toEqual(a);
        for (const f of a) expect(Object.keys(f.evidence).length).toBeGreaterThan(0);
        if (orgs.every((o) => o === 'org-x' || o === 'org-y')) expect(a).toEqual([]);
      }),
    );
  });
  test('the policy is a parameter: a 10-year window reaches older links', () => {
    const wide = buildCoiIndex({ links, consortia }, { ...DEFAULT_COI_POLICY, affiliationYears: 10, consortiumYears: 10 });
    expect(detectConflicts(reviewer('org-old-partner'), app, wide, NOW).map((f) => f.kind)).toEqual(['registry_relation']);
    expect(detectConflicts(reviewer('org-ancient'), app, wide, NOW).map((f) => f.kind)).toEqual(['consortium_comember']);
  });
});

describe('reviewer assignment', () => {
  test('expertise: same code 1, ancestor or descendant ½, otherwise 0, averaged over the application’s fields', () => {
    expect(expertiseMatch(['ict.chips'], ['ict.chips'])).toBe(1);
    expect(expertiseMatch(['ict.chips.litho'], ['ict.chips'])).toBe(0.5);
    expect(expertiseMatch(['ict'], ['ict.chips'])).toBe(0.5);
    expect(expertiseMatch(['ict.chips', 'bio'], ['ict.chips'])).toBe(0.5);
    expect(expertiseMatch(['ict.chipset'], ['ict.chips'])).toBe(0);
  });
  test('best matches first, conflicts skipped and reported, unfilled reported', () => {
    const experts: AssignExpert[] = [
      { id: 'e-exact', fields: ['ict.chips'], maxLoad: 5, load: 0 },
      { id: 'e-parent', fields: ['ict'], maxLoad: 5, load: 0 },
      { id: 'e-conflicted', fields: ['ict.chips'], maxLoad: 5, load: 0 },
      { id: 'e-bio', fields: ['bio'], maxLoad: 5, load: 0 },
    ];
    const r = assignReviewers({
      applications: [{ id: 'a1', fields: ['ict.chips'], needed: 3 }],
      experts,
      conflicts: (e) => (e === 'e-conflicted' ? [{ kind: 'same_organisation', message: 'x', evidence: { orgId: 'o' } }] : []),
    });
    expect(r.assignments.map((a) => a.expertId)).toEqual(['e-exact', 'e-parent']);
    expect(r.conflicted).toMatchObject([{ applicationId: 'a1', expertId: 'e-conflicted' }]);
    expect(r.unfilled).toEqual([{ applicationId: 'a1', missing: 1 }]);
  });

  const FIELDS = ['a', 'a.x', 'a.y', 'a.x.1', 'b', 'b.z', 'c'];
  const scenario = fc.record({
    apps: fc.array(fc.record({ fields: fc.subarray(FIELDS, { minLength: 1, maxLength: 3 }), needed: fc.integer({ min: 0, max: 4 }) }), { maxLength: 12 }),
    experts: fc.array(fc.record({ fields: fc.subarray(FIELDS, { minLength: 1, maxLength: 3 }), maxLoad: fc.integer({ min: 0, max: 4 }), load: fc.integer({ min: 0, max: 3 }) }), { maxLength: 15 }),
    conflictSeed: fc.integer({ min: 1, max: 7 }),
    existingSeed: fc.integer({ min: 2, max: 9 }),
  });

  test('property: never over a load limit, never a conflicted or existing pair, never a zero match, never more than needed; deterministic', () => {
    fc.assert(
      fc.property(scenario, ({ apps, experts, conflictSeed, existingSeed }) => {
        const applications = apps.map((a, i) => ({ id: `a${i}`, ...a }));
        const ex = experts.map((e, i) => ({ id: `e${i}`, ...e }));
        const conflicted = (e: string, a: string) => (Number(e.slice(1)) * 3 + Number(a.slice(1))) % conflictSeed === 0;
        const existing = new Set(applications.flatMap((a, i) => ex.filter((_, j) => (i + j) % existingSeed === 0).map((e) => pairKey(a.id, e.id))));
        const input = { applications, experts: ex, existing, conflicts: (e: string, a: string) => (conflicted(e, a) ? [{ kind: 'same_organisation' as const, message: 'x', evidence: {} }] : []) };
        const r = assignReviewers(input);
        expect(assignReviewers(input)).toEqual(r);
        const perExpert = new Map<string, number>();
        const pairs = new Set<string>();
        for (const a of r.assignments) {
          perExpert.set(a.expertId, (perExpert.get(a.expertId) ?? 0) + 1);
          expect(conflicted(a.expertId, a.applicationId)).toBe(false);
          expect(existing.has(pairKey(a.applicationId, a.expertId))).toBe(false);
          expect(pairs.has(pairKey(a.applicationId, a.expertId))).toBe(false);
          pairs.add(pairKey(a.applicationId, a.expertId));
          expect(a.match).toBeGreaterThan(0);
        }
        for (const e of ex) expect(e.load + (perExpert.get(e.id) ?? 0)).toBeLessThanOrEqual(Math.max(e.load, e.maxLoad));
        for (const e of ex) if (e.load >= e.maxLoad) expect(perExpert.get(e.id) ?? 0).toBe(0);
        for (const a of applications) {
          const got = r.assignments.filter((x) => x.applicationId === a.id).length;
          expect(got).toBeLessThanOrEqual(a.needed);
          const missing = r.unfilled.find((u) => u.applicationId === a.id)?.missing ?? 0;
          expect(got + missing).toBe(a.needed);
          // Maximal: an unfilled application had no usable candidate left.
          if (missing > 0) {
            for (const e of ex) {
              const used = (perExpert.get(e.id) ?? 0) + e.load;
              const usable = expertiseMatch(a.fields, e.fields) > 0 && used < e.maxLoad && !conflicted(e.id, a.id) && !existing.has(pairKey(a.id, e.id)) && !pairs.has(pairKey(a.id, e.id));
              expect(usable, `${a.id} unfilled but ${e.id} usable`).toBe(false);
            }
          }
        }
      }),
    );
  });
});

describe('scoring forms', () => {
  const form: ScoringForm = {
    aggregation: 'median',
    overallThreshold: 60,
    criteria: [
      { id: 'novelty', label: 'Novelty', kind: 'numeric', min: 0, max: 10, weight: 40, commentBelow: 4, threshold: 5 },
      { id: 'team', label: 'Team', kind: 'rating', scale: 5, weight: 40, commentBelow: null, threshold: null },
      { id: 'feasible', label: 'Feasible', kind: 'pass_fail', weight: 20, commentBelow: 1, threshold: null },
    ],
  };
  test('a form’s weights sum to 100 and its ranges make sense', () => {
    expect(validateForm(form)).toEqual([]);
    const bad: ScoringForm = { ...form, criteria: [{ ...form.criteria[0], weight: 50 } as never, { ...form.criteria[0], kind: 'numeric', min: 5, max: 5 } as never] };
    expect(validateForm(bad).map((i) => i.code).sort()).toEqual(['criterion_duplicate', 'range_empty', 'weights_sum']);
  });
  test('a sheet needs every score in range, whole points for ratings and a comment below the threshold', () => {
    expect(validateSheet(form, { scores: { novelty: 8, team: 4, feasible: 1 }, comments: {} })).toEqual([]);
    const issues = validateSheet(form, { scores: { novelty: 3, team: 4.5, feasible: 0, extra: 1 }, comments: { novelty: 'too short' } });
    expect(issues.map((i) => `${i.code}@${i.path}`)).toEqual(['comment_required@comments.novelty', 'score_not_integer@scores.team', 'comment_required@comments.feasible', 'criterion_unknown@scores.extra']);
    expect(validateSheet(form, { scores: { novelty: 11 }, comments: {} }).map((i) => i.code)).toEqual(['score_out_of_range', 'score_missing', 'score_missing']);
  });
  test('weighted totals and median aggregation per criterion with thresholds', () => {
    expect(sheetTotal(form, { scores: { novelty: 10, team: 5, feasible: 1 }, comments: {} })).toBe(100);
    expect(sheetTotal(form, { scores: { novelty: 5, team: 3, feasible: 0 }, comments: {} })).toBe(40);
    const sheets = [
      { scores: { novelty: 6, team: 4, feasible: 1 }, comments: {} },
      { scores: { novelty: 8, team: 5, feasible: 1 }, comments: {} },
      { scores: { novelty: 2, team: 2, feasible: 0 }, comments: {} },
    ];
    const agg = aggregate(form, sheets);
    expect(agg.criteria.map((c) => c.value)).toEqual([6, 4, 1]);
    expect(agg.total).toBe(74);
    expect(agg.passed).toBe(true);
    const mean = aggregate({ ...form, aggregation: 'mean' }, sheets);
    expect(mean.criteria.map((c) => c.value)).toEqual([5.333333, 3.666667, 0.666667]);
    expect(aggregate(form, []).total).toBeNull();
  });
  test('property: the aggregate total lies between the lowest and highest sheet totals for the mean of a one-criterion form', () => {
    const one: ScoringForm = { aggregation: 'mean', overallThreshold: null, criteria: [{ id: 'q', label: 'Q', kind: 'numeric', min: 0, max: 100, weight: 100, commentBelow: null, threshold: null }] };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 9 }), (xs) => {
        const sheets = xs.map((q) => ({ scores: { q }, comments: {} }));
        const t = aggregate(one, sheets).total as number;
        expect(t).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-6);
        expect(t).toBeLessThanOrEqual(Math.max(...xs) + 1e-6);
        const med = aggregate({ ...one, aggregation: 'median' }, sheets).total as number;
        expect(med).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-6);
        expect(med).toBeLessThanOrEqual(Math.max(...xs) + 1e-6);
      }),
    );
  });
});

describe('ranking and calibration', () => {
  test('competition ranks with ties flagged; unscored last', () => {
    expect(rankByScore([{ id: 'c', score: 70 }, { id: 'a', score: 80 }, { id: 'b', score: 70 }, { id: 'd', score: null }, { id: 'e', score: 60 }])).toEqual([
      { id: 'a', score: 80, rank: 1, tied: false },
      { id: 'b', score: 70, rank: 2, tied: true },
      { id: 'c', score: 70, rank: 2, tied: true },
      { id: 'e', score: 60, rank: 4, tied: false },
      { id: 'd', score: null, rank: null, tied: false },
    ]);
  });
  test('property: ranking is a permutation, ordered, and ties are flagged exactly when scores are equal', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 20 }).chain((ids) => fc.tuple(fc.constant(ids), fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), { minLength: ids.length, maxLength: ids.length }))), ([ids, scores]) => {
        const items = ids.map((id, i) => ({ id, score: scores[i] ?? null }));
        const ranked = rankByScore(items);
        expect(ranked.map((r) => r.id).sort()).toEqual([...ids].sort());
        for (let i = 1; i < ranked.length; i++) {
          const a = ranked[i - 1] as (typeof ranked)[number];
          const b = ranked[i] as (typeof ranked)[number];
          if (a.score !== null && b.score !== null) expect(a.score).toBeGreaterThanOrEqual(b.score);
          if (a.score === null) expect(b.score).toBeNull();
        }
        for (const r of ranked) {
          const equal = items.filter((x) => x.score !== null && x.score === r.score).length > 1;
          expect(r.tied).toBe(equal);
          if (r.score !== null) expect(r.rank).toBe(1 + items.filter((x) => x.score !== null && x.score > (r.score as number)).length);
        }
      }),
    );
  });
  test('calibration: severity against the panel median, with labels', () => {
    const reviews = ['a1', 'a2', 'a3'].flatMap((applicationId, i) => [
      { reviewerId: 'harsh', applicationId, total: 40 + i },
      { reviewerId: 'mid', applicationId, total: 70 + i },
      { reviewerId: 'kind', applicationId, total: 75 + i },
    ]);
    const c = calibrateReviewers([...reviews, { reviewerId: 'solo', applicationId: 'a9', total: 10 }]);
    expect(c.map((x) => [x.reviewerId, x.severity, x.label])).toEqual([
      ['harsh', -30, 'severe'],
      ['kind', 5, 'in_line'],
      ['mid', 0, 'in_line'],
      ['solo', null, 'too_few'],
    ]);
  });
});

describe('acceptance and milestones', () => {
  test('criteria compare measured values with their comparator', () => {
    expect(criterionMet({ comparator: '<=', threshold: 1.5 }, 1.5)).toBe(true);
    expect(criterionMet({ comparator: '<', threshold: 1.5 }, 1.5)).toBe(false);
    expect(criterionMet({ comparator: '=', threshold: 0.3 }, 0.1 + 0.2)).toBe(true);
    expect(criterionMet({ comparator: '>=', threshold: 1 }, Number.NaN)).toBe(false);
  });
  test('property: tranches sum exactly to the award, in cents, none negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 8 }), (cents, shares) => {
        const t = trancheAmounts(cents / 100, shares);
        expect(t).toHaveLength(shares.length);
        expect(Math.round(t.reduce((a, b) => a + b * 100, 0))).toBe(cents);
        for (const x of t) expect(x).toBeGreaterThanOrEqual(0);
      }),
    );
  });
  test('timeline: on time, late by days, overdue, due soon', () => {
    const d = (s: string) => new Date(s);
    expect(
      milestoneTimeline(
        [
          { id: 'm1', dueOn: '2026-05-01', state: 'accepted', submittedAt: d('2026-04-30T10:00:00Z'), verifiedAt: null },
          { id: 'm2', dueOn: '2026-05-01', state: 'evidence_submitted', submittedAt: d('2026-05-04T10:00:00Z'), verifiedAt: null },
          { id: 'm3', dueOn: '2026-05-20', state: 'planned', submittedAt: null, verifiedAt: null },
          { id: 'm4', dueOn: '2026-06-02', state: 'planned', submittedAt: null, verifiedAt: null },
          { id: 'm5', dueOn: '2026-09-01', state: 'planned', submittedAt: null, verifiedAt: null },
        ],
        NOW,
      ).map((m) => [m.id, m.status, m.slipDays]),
    ).toEqual([
      ['m1', 'on_time', 0],
      ['m2', 'late', 3],
      ['m3', 'overdue', 12],
      ['m4', 'due_soon', 0],
      ['m5', 'upcoming', 0],
    ]);
  });
});
