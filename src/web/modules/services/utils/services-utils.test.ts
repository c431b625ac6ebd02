import { ledgerPagerTotal } from './ledger-paging.js';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../../app/api.js';
import { testTheme, tEn, tZh } from '../../../test-support/fixtures.js';
import type { DemandEvent, DemandSummary, MetricsReport, ServicePackage, ServiceSettings } from '../types.js';
import { basisCode, candidateBasis, parseBasis } from './basis.js';
import { clockText, currentClock, formatDuration, isOverdue, sortWorklist } from './clock.js';
import { demandTypeLabel, escalationLabel, failureText, namePath, serviceNoticeLabel, serviceReasonLabel } from './labels.js';
import { formatFraction, formatMonth, formatPercent, metricRows } from './metrics.js';
import { isAccountId, officerDirectory } from './officers.js';
import { packageFieldFor, packagePatch, servicesBody } from './package-form.js';
import { demandPath, newPackagePath, newVisitPath } from './paths.js';
import { demandSteps, packageSteps, stepTimes } from './steps.js';
import { parseEscalation, routedDepartment, threadEntries } from './thread.js';
import { buildRatesTrendOption, buildVolumeTrendOption, ratesTooltip } from './trend-option.js';
import { visitBody, visitFieldFor } from './visit.js';
import { INPUT_REASONS, needsDepartment, needsNote, reopenDeadline } from './workflow.js';

const H = 3_600_000;
const D = 24 * H;
const clock = (state: DemandSummary['response']['state'], marginMs: number | null, dueAt = '2026-03-03T00:00:00.000Z') => ({ dueAt, state, marginMs, stoppedAt: null });
const summary = (over: Partial<DemandSummary> = {}): DemandSummary => ({
  id: 'd1',
  reference: 'SQ-2026-00000001',
  enterprise: { id: 'e1', nameZh: '示例企业', nameEn: 'Sample Co.' },
  type: 'financing',
  title: '研发贷款贴息',
  state: 'received',
  department: null,
  areaId: null,
  receivedAt: '2026-03-01T00:00:00.000Z',
  lastActivityAt: '2026-03-01T00:00:00.000Z',
  escalationLevel: 0,
  reopenCount: 0,
  rating: null,
  response: clock('running', 30 * H),
  resolution: clock('running', 29 * D, '2026-03-31T00:00:00.000Z'),
  isSample: true,
  ...over,
});
const event = (over: Partial<DemandEvent>): DemandEvent => ({
  id: Math.random().toString(36).slice(2),
  kind: 'message',
  action: null,
  fromState: null,
  toState: null,
  body: null,
  internal: false,
  authorLabel: '王管家',
  authorIsEnterprise: false,
  attachments: [],
  createdAt: '2026-03-01T00:00:00.000Z',
  ...over,
});

describe('SLA clocks', () => {
  test('durations in the two largest units that matter, singular in English', () => {
    expect(formatDuration(2 * D + 3 * H, tZh)).toBe('2天3小时');
    expect(formatDuration(2 * D + 3 * H, tEn)).toBe('2 d 3 h');
    expect(formatDuration(1 * D, tEn)).toBe('1 day');
    expect(formatDuration(-5 * H - 10 * 60_000, tZh)).toBe('5小时10分');
    expect(formatDuration(H, tEn)).toBe('1 hour');
    expect(formatDuration(20_000, tEn)).toBe('1 min');
  });
  test('each state in words: time left, how late, met with a margin, missed by', () => {
    expect(clockText(clock('running', 30 * H), tZh)).toBe('剩余 1天6小时');
    expect(clockText(clock('overdue', -2 * D), tEn)).toBe('2 days late');
    expect(clockText(clock('met', 12 * H), tEn)).toBe('Met, 12 hours early');
    expect(clockText(clock('missed', -3 * H), tZh)).toBe('超时 3小时 完成');
    expect(clockText(clock('stopped', null), tEn)).toBe('Stopped');
  });
  test('the clock that matters: response until accepted, then resolution', () => {
    expect(currentClock(summary()).which).toBe('response');
    expect(currentClock(summary({ response: clock('met', H) })).which).toBe('resolution');
    expect(isOverdue(summary({ resolution: clock('overdue', -H) }))).toBe(true);
  });
  test('a worklist puts overdue cases first (latest first), then escalation, then the nearest deadline', () => {
    const items = [
      summary({ id: 'calm', reference: 'A', response: clock('running', 40 * H, '2026-03-05T00:00:00.000Z') }),
      summary({ id: 'soon', reference: 'B', response: clock('running', 2 * H, '2026-03-02T00:00:00.000Z') }),
      summary({ id: 'late', reference: 'C', response: clock('overdue', -1 * H) }),
      summary({ id: 'later', reference: 'D', resolution: clock('overdue', -3 * D), response: clock('met', H) }),
      summary({ id: 'escalated', reference: 'E', escalationLevel: 1, response: clock('running', 40 * H, '2026-03-06T00:00:00.000Z') }),
    ];
    expect(sortWorklist(items).map((d) => d.id)).toEqual(['later', 'late', 'escalated', 'soon', 'calm']);
  });
});

describe('the thread', () => {
  test("the scheduler's and the router's English bodies read in both languages", () => {
    const events = [
      event({ id: 'r', kind: 'routed', body: '海淀区人才服务中心 / Haidian talent services', authorLabel: 'system:routing', createdAt: '2026-03-01T00:00:00Z' }),
      event({ id: 'm', kind: 'reminder', body: 'idle for 3 days', authorLabel: 'system:scheduler', createdAt: '2026-03-04T00:00:00Z' }),
      event({ id: 'e1', kind: 'escalation', body: 'to the district coordinator (idle for 5 days)', authorLabel: 'system:scheduler', createdAt: '2026-03-06T00:00:00Z' }),
      event({ id: 'e2', kind: 'escalation', body: 'to the municipal coordinator (past its resolution deadline)', authorLabel: 'system:scheduler', createdAt: '2026-03-11T00:00:00Z' }),
      event({ id: 'c', kind: 'transition', action: 'confirm', fromState: 'resolved', toState: 'confirmed', body: 'confirmed by the system after 14 days without an answer', authorLabel: 'system:scheduler', createdAt: '2026-03-20T00:00:00Z' }),
    ];
    const zh = threadEntries([...events].reverse(), tZh);
    expect(zh.map((e) => e.id)).toEqual(['r', 'm', 'e1', 'e2', 'c']);
    expect(zh.map((e) => e.headline)).toEqual(['已分派至海淀区人才服务中心', '已闲置 3 天，已提醒承办人', '已升级至区级协调人', '已升级至市级协调人', '企业逾期未答复，系统自动确认办结']);
    expect(zh[2]?.text).toBe('诉求已闲置 5 天');
    expect(zh[3]?.text).toBe('已超过办结时限');
    expect(zh.every((e) => e.system && e.author === '系统')).toBe(true);
    const en = threadEntries(events, tEn);
    expect(en[0]?.headline).toBe('Routed to Haidian talent services');
    expect(en[2]?.headline).toBe('Escalated: District coordinator');
    expect(en[4]?.text).toBeNull();
  });
  test('messages keep their text; internal notes and the enterprise are marked; transitions carry their note', () => {
    const [note, msg, resolve] = threadEntries(
      [
        event({ id: 'n', body: '已联系银行', internal: true, createdAt: '2026-03-01T01:00:00Z' }),
        event({ id: 'x', body: '请尽快', authorIsEnterprise: true, authorLabel: '李总', createdAt: '2026-03-01T02:00:00Z' }),
        event({ id: 't', kind: 'transition', action: 'resolve', fromState: 'in_progress', toState: 'resolved', body: '贴息已拨付', createdAt: '2026-03-01T03:00:00Z' }),
      ],
      tZh,
    );
    expect(note).toMatchObject({ internal: true, headline: '内部备注', text: '已联系银行' });
    expect(msg).toMatchObject({ fromEnterprise: true, author: '李总', text: '请尽快' });
    expect(resolve).toMatchObject({ headline: '办结诉求', text: '贴息已拨付' });
  });
  test('an escalation body without a level counts the escalations before it', () => {
    expect(parseEscalation('to the district coordinator (idle for 5 days)')).toEqual({ level: 1, reason: 'idle', days: 5 });
    const [, second] = threadEntries([event({ kind: 'escalation', body: 'x', createdAt: '2026-03-01T00:00:00Z' }), event({ kind: 'escalation', body: null, createdAt: '2026-03-02T00:00:00Z' })], tEn);
    expect(second?.headline).toBe('Escalated: Municipal coordinator');
    expect(routedDepartment(null, tZh)).toBeNull();
  });
});

describe('steps and workflow', () => {
  test('the main line; reopened is back in progress, flagged; withdrawn stops where it left', () => {
    expect(demandSteps('received')).toEqual({ current: 0, status: 'process', note: null });
    expect(demandSteps('confirmed')).toEqual({ current: 4, status: 'finish', note: null });
    expect(demandSteps('reopened')).toEqual({ current: 2, status: 'error', note: 'reopened' });
    expect(demandSteps('withdrawn', [event({ kind: 'transition', action: 'withdraw', fromState: 'accepted' })])).toEqual({ current: 1, status: 'error', note: 'withdrawn' });
    expect(packageSteps('offered')).toMatchObject({ current: 1, status: 'process' });
    expect(packageSteps('signed')).toMatchObject({ current: 2, status: 'finish' });
    expect(packageSteps('ended').status).toBe('error');
  });
  test('each step shows when the case last entered it', () => {
    const times = stepTimes('2026-03-01T00:00:00Z', [
      event({ kind: 'transition', toState: 'in_progress', createdAt: '2026-03-03T00:00:00Z' }),
      event({ kind: 'transition', toState: 'accepted', createdAt: '2026-03-02T00:00:00Z' }),
      event({ kind: 'transition', toState: 'reopened', createdAt: '2026-03-05T00:00:00Z' }),
      event({ kind: 'transition', toState: 'in_progress', createdAt: '2026-03-06T00:00:00Z' }),
      event({ kind: 'message', toState: null, createdAt: '2026-03-07T00:00:00Z' }),
    ]);
    expect(times).toEqual({ received: '2026-03-01T00:00:00Z', accepted: '2026-03-02T00:00:00Z', in_progress: '2026-03-06T00:00:00Z' });
  });
  test('which actions ask for a note or a department: from the workflow definitions, with a fallback', () => {
    const settings: ServiceSettings = {
      workflows: [
        { id: 'demand', states: [], initial: 'received', final: [], transitions: [{ action: 'resolve', from: ['in_progress'], to: 'resolved', roles: [], guards: [{ id: 'note_given', description: '' }] }, { action: 'transfer', from: [], to: 'received', roles: [], guards: [{ id: 'transfer_target', description: '' }, { id: 'note_given', description: '' }] }, { action: 'accept', from: [], to: 'accepted', roles: [], guards: [] }] },
      ],
      serviceLevels: {},
      ladder: { remindAfterDays: 3, escalateAfterDays: [5, 10], reopenWindowDays: 7, autoConfirmDays: 14 },
    };
    expect(needsNote(settings, 'demand', 'resolve')).toBe(true);
    expect(needsNote(settings, 'demand', 'accept')).toBe(false);
    expect(needsDepartment(settings, 'transfer')).toBe(true);
    expect(needsNote(undefined, 'service_package', 'return')).toBe(true);
    expect(needsNote(undefined, 'demand', 'start')).toBe(false);
    expect(INPUT_REASONS.has('note_required')).toBe(true);
    expect(reopenDeadline({ resolvedAt: '2026-03-01T00:00:00.000Z', reopenWindowDays: 7 })?.toISOString()).toBe('2026-03-08T00:00:00.000Z');
    expect(reopenDeadline({ resolvedAt: null, reopenWindowDays: 7 })).toBeNull();
  });
});

describe('labels and errors', () => {
  test('codes translated, unknown codes shown as given', () => {
    expect(demandTypeLabel(tZh, 'talent_housing')).toBe('人才与住房');
    expect(demandTypeLabel(tEn, 'teleport')).toBe('teleport');
    expect(escalationLabel(tZh, 1)).toBe('区级协调人');
    expect(serviceNoticeLabel(tEn, 'demand_escalated')).toBe('Demand escalated');
    expect(serviceReasonLabel(tZh, 'reopen_window_passed', 'x')).toBe('已过重启期限，请提出新诉求');
    expect(serviceReasonLabel(tEn, 'something_new', 'the server says so')).toBe('the server says so');
  });
  test('a refusal lists its reasons in the UI language, never the server text', () => {
    const refused = new ApiError(409, 'CONFLICT', 'resolve refused', { fields: [{ in: 'body', path: 'note', reason: 'note_required', message: 'give a resolution' }] });
    expect(failureText(refused, tZh)).toBe('请填写说明（至少 5 个字）');
    expect(failureText(new ApiError(403, 'FORBIDDEN', 'nope'), tEn)).not.toContain('nope');
    expect(namePath('demands.1.title')).toEqual(['demands', 1, 'title']);
  });
});

describe('metrics', () => {
  const m = (received: number, num: number, den: number) => ({
    received,
    open: 0,
    overdue: 0,
    withdrawn: 0,
    responseOnTime: { numerator: num, denominator: den, value: den ? num / den : null },
    resolutionOnTime: { numerator: 0, denominator: 0, value: null },
    reopenAwareResolution: { numerator: 1, denominator: 2, value: 0.5 },
    satisfaction: { mean: received ? 4.5 : null, count: received ? 2 : 0 },
  });
  const report: MetricsReport = {
    from: null,
    to: null,
    reopenDays: 7,
    total: m(3, 2, 3),
    groups: [
      { key: 'dept-1', nameZh: '市金融服务处', nameEn: 'Municipal finance services', metrics: m(2, 1, 2) },
      { key: null, nameZh: null, nameEn: null, metrics: m(1, 1, 1) },
    ],
    trend: [
      { period: '2026-02', metrics: m(0, 0, 0) },
      { period: '2026-03', metrics: m(3, 2, 3) },
    ],
  };
  test('rates with their bases; a rate with nothing decided is a dash, not 0 %', () => {
    expect(formatPercent(report.total.responseOnTime, tZh)).toBe('66.7%');
    expect(formatPercent({ value: null }, tEn)).toBe('—');
    expect(formatFraction(report.total.responseOnTime)).toBe('2 / 3');
    expect(formatMonth('2026-03', tZh)).toBe('2026年3月');
    expect(formatMonth('2026-03', tEn)).toBe('Mar 2026');
  });
  test('groups named in the UI language; the group without a key says what it stands for', () => {
    expect(metricRows(report, 'department', tZh).map((r) => r.label)).toEqual(['市金融服务处', '未分派']);
    expect(metricRows(report, 'department', tEn).map((r) => r.label)).toEqual(['Municipal finance services', 'Not routed']);
    expect(metricRows({ groups: [{ key: 'ip', nameZh: null, nameEn: null, metrics: m(1, 0, 0) }] }, 'type', tEn)[0]?.label).toBe('Intellectual property');
  });
  test('trend charts: three rate lines in percent with gaps where nothing was decided; volume bars and satisfaction on its own axis', () => {
    const rates = buildRatesTrendOption(report.trend, testTheme, tZh) as { series: { name: string; data: (number | null)[] }[]; xAxis: { data: string[] } };
    expect(rates.xAxis.data).toEqual(['2026年2月', '2026年3月']);
    expect(rates.series.map((s) => s.name)).toEqual(['按时响应率', '按时办结率', '办结有效率']);
    expect(rates.series[0]?.data).toEqual([null, 66.7]);
    expect(ratesTooltip(report.trend, 1, tEn)?.lines[0]).toBe('Responded in time: 66.7% (2 / 3)');
    const volume = buildVolumeTrendOption(report.trend, testTheme, tEn) as { series: { type: string; data: (number | null)[]; yAxisIndex?: number }[] };
    expect(volume.series[0]).toMatchObject({ type: 'bar', data: [0, 3] });
    expect(volume.series[1]).toMatchObject({ type: 'line', yAxisIndex: 1, data: [null, 4.5] });
  });
});

describe('forms', () => {
  test('a visit: blank rows dropped, text trimmed, topics unique; server paths map back to the form rows', () => {
    const { body, participantRows, demandRows } = visitBody({
      enterpriseId: 'e1',
      visitedOn: '2026-03-01',
      participants: [{ name: ' 王管家 ', side: 'government', role: '' }, { side: 'enterprise' }, { name: '李总', side: 'enterprise', role: 'CFO' }],
      topics: ['融资', ' 融资', '人才'],
      notes: '  ',
      demands: [{}, { type: 'financing', title: ' 贴息 ', description: '进度' }],
    });
    expect(body).toEqual({
      enterpriseId: 'e1',
      visitedOn: '2026-03-01',
      participants: [{ name: '王管家', side: 'government', role: null }, { name: '李总', side: 'enterprise', role: 'CFO' }],
      topics: ['融资', '人才'],
      notes: null,
      demands: [{ type: 'financing', title: '贴息', description: '进度' }],
    });
    expect(visitFieldFor('demands.0.title', { participantRows, demandRows })).toEqual(['demands', 1, 'title']);
    expect(visitFieldFor('participants.1.name', { participantRows, demandRows })).toEqual(['participants', 2, 'name']);
    expect(visitFieldFor('visitedOn', { participantRows, demandRows })).toEqual(['visitedOn']);
    expect(visitFieldFor('version', { participantRows, demandRows })).toBeNull();
  });
  test('promised services keep their codes, new ones get the next free code, a missing language falls back', () => {
    expect(servicesBody([{ code: 'service-1', titleZh: '融资对接', titleEn: 'Financing', slaDays: 20 }, { titleZh: '场景对接' }, {}])).toEqual([
      { code: 'service-1', titleZh: '融资对接', titleEn: 'Financing', slaDays: 20, notes: null },
      { code: 'service-2', titleZh: '场景对接', titleEn: '场景对接', slaDays: null, notes: null },
    ]);
    expect(packageFieldFor('services.0.titleEn')).toEqual(['services', 0, 'titleEn']);
    expect(packageFieldFor('primaryHousekeeperId')).toEqual(['primaryHousekeeperId']);
  });
  test('a package edit sends only what changed, with the version seen', () => {
    const pkg = {
      id: 'p1',
      enterprise: { id: 'e1', nameZh: null, nameEn: 'E' },
      keyBasis: 'list',
      primaryHousekeeper: { id: 'u1', displayName: 'A' },
      backupHousekeeper: null,
      services: [{ code: 'service-1', titleZh: '甲', titleEn: 'A', slaDays: 10, notes: null }],
      checkInEveryDays: 30,
      nextCheckInOn: '2026-04-01',
      version: 4,
    } as unknown as ServicePackage;
    const same = { keyBasis: 'list', primaryHousekeeperId: 'u1', backupHousekeeperId: null, services: [{ code: 'service-1', titleZh: '甲', titleEn: 'A', slaDays: 10, notes: '' }], checkInEveryDays: 30, nextCheckInOn: '2026-04-01' };
    expect(packagePatch(pkg, same)).toBeNull();
    expect(packagePatch(pkg, { ...same, checkInEveryDays: 60, backupHousekeeperId: 'u2' })).toEqual({ checkInEveryDays: 60, backupHousekeeperId: 'u2', version: 4 });
  });
  test('key basis codes', () => {
    expect(parseBasis('tier:little_giant')).toEqual({ kind: 'tier', tier: 'little_giant' });
    expect(parseBasis('list')).toEqual({ kind: 'list' });
    expect(parseBasis('nonsense')).toBeNull();
    expect(basisCode({ kind: 'tier', tier: 'unicorn' })).toBe('tier:unicorn');
    expect(candidateBasis(['high_tech_enterprise', 'little_giant'], ['little_giant', 'unicorn'])).toBe('tier:little_giant');
    expect(candidateBasis([], ['unicorn'])).toBe('list');
  });
});

describe('officers and paths', () => {
  const dept = { members: [{ id: 'u2', displayName: '乙' }] };
  const pkg = { primaryHousekeeper: { id: 'u3', displayName: '丙' }, backupHousekeeper: { id: 'u2', displayName: '乙' } };
  test('without the accounts list: the officers the records name and the viewer, each once', () => {
    const list = officerDirectory({ centreId: 'c', viewer: { id: 'u1', displayName: '甲', role: 'service_officer' }, users: null, departments: [dept], packages: [pkg] });
    expect(list.map((o) => o.id).sort()).toEqual(['u1', 'u2', 'u3']);
  });
  test('with it (administrators): active service officers and administrators of the centre only', () => {
    const users = [
      { id: 'a', displayName: 'A', role: 'service_officer' as const, centreId: 'c', disabled: false },
      { id: 'b', displayName: 'B', role: 'analyst' as const, centreId: 'c', disabled: false },
      { id: 'x', displayName: 'X', role: 'service_officer' as const, centreId: 'other', disabled: false },
      { id: 'y', displayName: 'Y', role: 'service_officer' as const, centreId: 'c', disabled: true },
      { id: 'z', displayName: 'Z', role: 'admin' as const, centreId: null, disabled: false },
    ];
    expect(officerDirectory({ centreId: 'c', viewer: null, users, departments: [dept], packages: [] }).map((o) => o.id)).toEqual(['a', 'z']);
    expect(isAccountId('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    expect(isAccountId('王管家')).toBe(false);
  });
  test('paths', () => {
    expect(demandPath('a/b')).toBe('/services/demands/a%2Fb');
    expect(newVisitPath('e1')).toBe('/services/visits/new?enterprise=e1');
    expect(newVisitPath()).toBe('/services/visits/new');
    expect(newPackagePath('e1', 'tier:unicorn')).toBe('/services/packages/new?enterprise=e1&basis=tier%3Aunicorn');
  });
});

describe('the ledger pager past the count cap', () => {
  test('an exact total is the total; past the cap one more page is offered until a short page ends it', () => {
    expect(ledgerPagerTotal({ total: 37, totalAtLeast: false, itemsOnPage: 17 }, 2, 20)).toBe(37);
    expect(ledgerPagerTotal({ total: 1000, totalAtLeast: true, itemsOnPage: 20 }, 1, 20)).toBe(1020);
    expect(ledgerPagerTotal({ total: 1000, totalAtLeast: true, itemsOnPage: 20 }, 51, 20)).toBe(1040);
    expect(ledgerPagerTotal({ total: 1000, totalAtLeast: true, itemsOnPage: 7 }, 60, 20)).toBe(1187);
    expect(ledgerPagerTotal({ total: 1000, totalAtLeast: true, itemsOnPage: 0 }, 60, 20)).toBe(1180);
  });
});
