import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkMachine, fire } from '../workflow/machine.js';
import { demandWorkflow, packageWorkflow, type DemandContext } from '../workflow/demand.js';
import { DEFAULT_LADDER, DEFAULT_SERVICE_LEVELS, DEMAND_TYPES, type EscalationLevel } from './demand-types.js';
import { ladderStep, type LadderInput } from './escalation.js';
import { computeMetrics, metricsBy, type MetricCase } from './metrics.js';
import { coordinatorFor, routeDemand } from './routing.js';
import { deadlines, slaClocks } from './sla.js';
import { clusterTopics } from './topics.js';

const DAY = 86_400_000;
const t0 = new Date('2026-03-02T01:00:00.000Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);

describe('demand and package workflows', () => {
  test('both definitions are consistent', () => {
    expect(checkMachine(demandWorkflow)).toEqual([]);
    expect(checkMachine(packageWorkflow)).toEqual([]);
  });

  const ctx = (over: Partial<DemandContext> = {}): DemandContext => ({ now: at(3), note: 'the reason is given', resolvedAt: at(1), reopenWindowDays: 7, transferTo: null, ...over });

  test('the enterprise may reopen within the window after a resolution, not after it', () => {
    expect(fire(demandWorkflow, { state: 'confirmed', action: 'reopen', roles: ['enterprise'], context: ctx({ now: at(8) }) }).ok).toBe(true);
    const late = fire(demandWorkflow, { state: 'confirmed', action: 'reopen', roles: ['enterprise'], context: ctx({ now: at(8.01) }) });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.reasons.map((r) => r.code)).toEqual(['reopen_window_passed']);
  });

  test('only the people on the case work it; only the enterprise confirms (or the system for it)', () => {
    expect(fire(demandWorkflow, { state: 'received', action: 'accept', roles: ['enterprise'], context: ctx() }).ok).toBe(false);
    expect(fire(demandWorkflow, { state: 'resolved', action: 'confirm', roles: ['handler'], context: ctx() }).ok).toBe(false);
    expect(fire(demandWorkflow, { state: 'resolved', action: 'confirm', roles: ['system'], context: ctx() }).ok).toBe(true);
  });

  test('a transfer names another department and a reason; it routes and is received afresh', () => {
    const none = fire(demandWorkflow, { state: 'accepted', action: 'transfer', roles: ['handler'], context: ctx({ transferTo: null, note: null }) });
    expect(none.ok ? [] : none.reasons.map((r) => r.code).sort()).toEqual(['department_required', 'note_required']);
    const same = fire(demandWorkflow, { state: 'accepted', action: 'transfer', roles: ['handler'], context: ctx({ transferTo: { departmentId: 'd1', sameAsCurrent: true } }) });
    expect(same.ok ? [] : same.reasons.map((r) => r.code)).toEqual(['same_department']);
    const ok = fire(demandWorkflow, { state: 'accepted', action: 'transfer', roles: ['handler'], context: ctx({ transferTo: { departmentId: 'd2', sameAsCurrent: false } }) });
    expect(ok.ok && ok.to).toBe('received');
    expect(ok.ok && ok.effects).toContainEqual({ type: 'route', departmentId: 'd2' });
  });

  test('a package cannot be offered without a promised service', () => {
    const r = fire(packageWorkflow, { state: 'draft', action: 'offer', roles: ['housekeeper'], context: { note: null, serviceCount: 0 } });
    expect(r.ok ? [] : r.reasons.map((x) => x.code)).toEqual(['services_required']);
  });
});

describe('SLA clocks', () => {
  test('every demand type has a service level; deadlines follow it', () => {
    for (const type of DEMAND_TYPES) {
      const level = DEFAULT_SERVICE_LEVELS[type];
      const d = deadlines(t0, level);
      expect(d.respondBy.getTime() - t0.getTime()).toBe(level.respondHours * 3_600_000);
      expect(d.resolveBy.getTime() - t0.getTime()).toBe(level.resolveDays * DAY);
    }
  });

  test('running, overdue, met, missed; a reopened case runs again on its deadline', () => {
    const base = { respondBy: at(1), resolveBy: at(10), acceptedAt: null, resolvedAt: null };
    expect(slaClocks({ ...base, state: 'received' }, at(0.5)).response.state).toBe('running');
    expect(slaClocks({ ...base, state: 'received' }, at(2)).response.state).toBe('overdue');
    expect(slaClocks({ ...base, state: 'accepted', acceptedAt: at(0.9) }, at(2)).response).toMatchObject({ state: 'met', marginMs: 0.1 * DAY });
    expect(slaClocks({ ...base, state: 'resolved', acceptedAt: at(0.9), resolvedAt: at(11) }, at(12)).resolution.state).toBe('missed');
    expect(slaClocks({ ...base, state: 'reopened', acceptedAt: at(0.9), resolvedAt: at(5) }, at(6)).resolution.state).toBe('running');
    expect(slaClocks({ ...base, state: 'withdrawn' }, at(20)).resolution.state).toBe('stopped');
  });
});

describe('escalation ladder', () => {
  const open = (over: Partial<LadderInput> = {}): LadderInput => ({ open: true, lastActivityAt: t0, remindedAt: null, escalationLevel: 0, resolveBy: at(30), ...over });

  test('remind once per idle spell, then district, then municipal', () => {
    expect(ladderStep(open(), at(2), DEFAULT_LADDER)).toEqual({ kind: 'none' });
    expect(ladderStep(open(), at(3), DEFAULT_LADDER).kind).toBe('remind');
    expect(ladderStep(open({ remindedAt: at(3) }), at(4), DEFAULT_LADDER)).toEqual({ kind: 'none' });
    expect(ladderStep(open({ remindedAt: at(3) }), at(5), DEFAULT_LADDER)).toMatchObject({ kind: 'escalate', toLevel: 1, reason: 'idle' });
    expect(ladderStep(open({ remindedAt: at(3), escalationLevel: 1 }), at(10), DEFAULT_LADDER)).toMatchObject({ kind: 'escalate', toLevel: 2 });
    expect(ladderStep(open({ escalationLevel: 2, remindedAt: at(10) }), at(40), DEFAULT_LADDER)).toEqual({ kind: 'none' });
  });

  test('an overdue case reaches the district coordinator even if it is busy', () => {
    expect(ladderStep(open({ lastActivityAt: at(31), resolveBy: at(30) }), at(31.5), DEFAULT_LADDER)).toMatchObject({ kind: 'escalate', toLevel: 1, reason: 'overdue' });
  });

  test('property: taking the step it asks for, the ladder then asks for nothing more at the same moment; levels never go down', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 40, noNaN: true }), fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.double({ min: 0, max: 40, noNaN: true }), (idle, level, reminded, due) => {
        const now = at(idle);
        let c = open({ escalationLevel: level as EscalationLevel, remindedAt: reminded ? t0 : null, resolveBy: at(due) });
        for (let i = 0; i < 3; i += 1) {
          const step = ladderStep(c, now, DEFAULT_LADDER);
          if (step.kind === 'none') return;
          if (step.kind === 'escalate') {
            expect(step.toLevel).toBeGreaterThan(c.escalationLevel);
            c = { ...c, escalationLevel: step.toLevel };
          } else c = { ...c, remindedAt: now };
        }
        expect(ladderStep(c, now, DEFAULT_LADDER)).toEqual({ kind: 'none' });
      }),
      { seed: 6, numRuns: 300 },
    );
  });
});

describe('routing', () => {
  const departments = [
    { id: 'city-finance', areaId: null, demandTypes: ['financing'], isCoordinator: false },
    { id: 'haidian-finance', areaId: 'haidian', demandTypes: ['financing', 'ip'], isCoordinator: false },
    { id: 'park-services', areaId: 'zgc-haidian-park', demandTypes: ['land_space'], isCoordinator: false },
    { id: 'haidian-office', areaId: 'haidian', demandTypes: [], isCoordinator: true },
    { id: 'city-office', areaId: null, demandTypes: [], isCoordinator: true },
  ];
  const chain = ['zgc-haidian-park', 'haidian', 'beijing'];
  test('the most specific area that handles the type wins; the centre-wide department is the fallback', () => {
    expect(routeDemand(departments, 'land_space', chain)?.id).toBe('park-services');
    expect(routeDemand(departments, 'financing', chain)?.id).toBe('haidian-finance');
    expect(routeDemand(departments, 'financing', ['chaoyang'])?.id).toBe('city-finance');
    expect(routeDemand(departments, 'approvals', chain)).toBeNull();
  });
  test('coordinators: the district for level 1, the centre for level 2', () => {
    expect(coordinatorFor(departments, 1, chain)?.id).toBe('haidian-office');
    expect(coordinatorFor(departments, 1, ['chaoyang'])?.id).toBe('city-office');
    expect(coordinatorFor(departments, 2, chain)?.id).toBe('city-office');
  });
});

describe('service metrics', () => {
  const c = (id: string, over: Partial<MetricCase>): MetricCase => ({ id, state: 'received', receivedAt: t0, respondBy: at(1), resolveBy: at(10), acceptedAt: null, resolutions: [], rating: null, ...over });

  test('a case reopened within the window does not count as resolved; one reopened later does', () => {
    const cases = [
      c('a', { state: 'confirmed', acceptedAt: at(0.5), resolutions: [{ resolvedAt: at(5), reopenedAt: null }], rating: 5 }),
      c('b', { state: 'confirmed', acceptedAt: at(2), resolutions: [{ resolvedAt: at(4), reopenedAt: at(6) }, { resolvedAt: at(9), reopenedAt: null }], rating: 2 }),
      c('c', { state: 'confirmed', acceptedAt: at(0.2), resolutions: [{ resolvedAt: at(4), reopenedAt: at(20) }, { resolvedAt: at(22), reopenedAt: null }] }),
      c('d', { state: 'in_progress', acceptedAt: at(0.2) }),
      c('e', { state: 'received' }),
      c('f', { state: 'withdrawn' }),
    ];
    const m = computeMetrics(cases, at(12), 7);
    expect(m.received).toBe(6);
    expect(m.open).toBe(2);
    expect(m.overdue).toBe(2);
    expect(m.responseOnTime).toEqual({ numerator: 3, denominator: 5, value: 0.6 });
    // a on time, b on time (latest at day 9), c late (day 22); d and e past their deadline.
    expect(m.resolutionOnTime).toEqual({ numerator: 2, denominator: 5, value: 0.4 });
    expect(m.reopenAwareResolution).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    expect(m.satisfaction).toEqual({ mean: 3.5, count: 2 });
  });

  test('groups add up to the whole', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ g: fc.constantFrom('x', 'y', null), accepted: fc.option(fc.double({ min: 0, max: 3, noNaN: true })), state: fc.constantFrom('received', 'accepted', 'confirmed', 'withdrawn') }), { maxLength: 40 }), (rows) => {
        const cases = rows.map((r, i) => c(String(i), { state: r.state, acceptedAt: r.accepted === null ? null : at(r.accepted), resolutions: r.state === 'confirmed' ? [{ resolvedAt: at(5), reopenedAt: null }] : [] }));
        const groups = metricsBy(cases, (x) => rows[Number(x.id)]?.g ?? null, at(12), 7);
        const whole = computeMetrics(cases, at(12), 7);
        expect(groups.reduce((s, g) => s + g.metrics.received, 0)).toBe(whole.received);
        expect(groups.reduce((s, g) => s + g.metrics.responseOnTime.numerator, 0)).toBe(whole.responseOnTime.numerator);
        expect(groups.reduce((s, g) => s + g.metrics.resolutionOnTime.denominator, 0)).toBe(whole.resolutionOnTime.denominator);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('systemic issues', () => {
  const docs = [
    { id: 'd1', enterpriseId: 'e1', words: ['人才', '公寓', '配租', '排队', '时间', '长'] },
    { id: 'd2', enterpriseId: 'e2', words: ['人才', '公寓', '配租', '名额', '不足'] },
    { id: 'd3', enterpriseId: 'e3', words: ['研发', '人员', '人才', '公寓', '配租'] },
    { id: 'd4', enterpriseId: 'e1', words: ['贷款', '贴息', '材料'] },
    { id: 'd5', enterpriseId: 'e1', words: ['贷款', '贴息', '进度'] },
    { id: 'd6', enterpriseId: 'e4', words: ['海关', '通关', '样品'] },
  ];
  test('the same problem across enterprises surfaces; one enterprise repeating itself does not', () => {
    const clusters = clusterTopics(docs);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]?.demandIds.sort()).toEqual(['d1', 'd2', 'd3']);
    expect(clusters[0]?.enterpriseIds).toEqual(['e1', 'e2', 'e3']);
    expect(clusters[0]?.keywords.slice(0, 3).sort()).toEqual(['人才', '公寓', '配租'].sort());
  });
  test('order of the input does not change the clusters', () => {
    const a = clusterTopics(docs).map((c) => [...c.demandIds].sort());
    const b = clusterTopics([...docs].reverse()).map((c) => [...c.demandIds].sort());
    expect(b).toEqual(a);
  });
});

describe('yearly service figures', () => {
  test('each figure counts the cases of its year and names them', async () => {
    const { computeServiceStatistics } = await import('./statistics.js');
    const base = { respondBy: at(1), resolveBy: at(10), resolutions: [], rating: null, isSample: false };
    const figures = computeServiceStatistics(
      [
        { ...base, id: 'a', state: 'confirmed', receivedAt: t0, acceptedAt: at(0.5), resolutions: [{ resolvedAt: at(3), reopenedAt: null }], rating: 4 },
        { ...base, id: 'b', state: 'received', receivedAt: t0, acceptedAt: null },
        { ...base, id: 'c', state: 'received', receivedAt: new Date('2027-01-05T00:00:00Z'), respondBy: new Date('2027-01-06T00:00:00Z'), resolveBy: new Date('2027-01-20T00:00:00Z'), acceptedAt: null, isSample: true },
      ],
      (d) => String(d.getUTCFullYear()),
      new Date('2027-01-05T12:00:00Z'),
      7,
    );
    const find = (code: string, period: string) => figures.find((f) => f.code === code && f.period === period);
    expect(find('demands_received', '2026')).toMatchObject({ value: 2, records: [{ kind: 'demand', id: 'a' }, { kind: 'demand', id: 'b' }], drillDown: { kind: 'demands', filter: { year: 2026 }, count: 2 }, isSample: false });
    expect(find('demand_response_on_time_rate', '2026')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(find('demand_satisfaction', '2026')).toMatchObject({ value: 4, numerator: 4, denominator: 1, records: [{ kind: 'demand', id: 'a' }], drillDown: { kind: 'demands', filter: { year: 2026, rated: 'true' }, count: 1 } });
    expect(find('demands_received', '2027')).toMatchObject({ value: 1, isSample: true });
    // Nothing decided yet in 2027: no rate is reported rather than a made-up zero.
    expect(find('demand_response_on_time_rate', '2027')).toBeUndefined();
  });
});
