import { describe, expect, test } from 'vitest';
import { ZTalentCallInput } from '../../../shared/schemas/talent.js';
import { draftBody, draftFieldFor, gateOf, idFor, measuresFor, type DraftValues } from './draft.js';

const fixed = { tranche: '批准后一次拨付', metric: '年度报告', unit: '份', testMethod: '人才工作部门审阅年度报告' };
const values: DraftValues = {
  call: { programmeId: 'p1', ownerEntityId: 'e1', titleZh: ' ', titleEn: 'Sample call', problem: '示例：支持青年科技人才开展原创研究。', budget: 1000, deadline: '2027-03-01', ipTemplate: 'team_retains_licence', isSample: true },
  category: 'young_talent',
  mode: 'application',
  validityYears: 3,
  scheme: {
    weights: { personal: 70, enterprise: 30 },
    threshold: 70,
    indicators: [
      { fact: 'hasDoctorate', labelZh: '博士学位', labelEn: 'Doctorate', part: 'personal', points: 40, measureKind: 'boolean', howZh: '学位证书', howEn: 'Degree certificate' },
      { fact: 'patents', labelZh: '专利', labelEn: 'Patents', part: 'personal', points: 60, measureKind: 'bands', bands: [{ min: 1, points: 20 }, { min: 3, points: 60 }], howZh: '专利证书', howEn: 'Patent certificates' },
      { fact: 'patents', labelZh: '专利二', labelEn: 'Patents again', part: 'enterprise', points: 10, measureKind: 'linear', perUnit: 5, howZh: '证书', howEn: 'Certificates' },
    ],
    gates: [{ fact: 'age', op: '<=', value: 40 }, { fact: 'worksInBeijing', op: 'yes' }, { fact: 'age' }],
  },
};

describe('the talent-call drafting form', () => {
  test('builds a body the route accepts: measures by fact type, unique ids, gates as rules, the Beijing end of the deadline day', () => {
    const body = draftBody(values, null, fixed);
    const parsed = ZTalentCallInput.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(body.call.titleZh).toBeNull();
    expect(body.call.deadline).toBe('2027-03-01T15:59:59.000Z');
    expect(body.scheme.indicators.map((i) => i.id)).toEqual(['has_doctorate', 'patents', 'patents_2']);
    expect(body.scheme.indicators.map((i) => i.measure)).toEqual([{ kind: 'boolean' }, { kind: 'bands', bands: [{ min: 1, points: 20 }, { min: 3, points: 60 }] }, { kind: 'linear', perUnit: 5 }]);
    expect(body.scheme.gates).toEqual([
      { id: 'age', rule: { '<=': [{ var: 'age' }, 40] }, labelZh: '年龄不超过40岁', labelEn: 'Age at most 40 years' },
      { id: 'works_in_beijing', rule: { '==': [{ var: 'worksInBeijing' }, true] }, labelZh: '在京全职工作：是', labelEn: 'Full-time in Beijing: yes' },
    ]);
    expect(body.scheme.template).toBe('custom');
  });

  test('carries the template and its sources only when chosen', () => {
    const body = draftBody(values, { template: 'zgc_merit_points', sourceNote: 'note', sourceUrls: ['http://example.org/a'] }, fixed);
    expect(body.scheme).toMatchObject({ template: 'zgc_merit_points', sourceNote: 'note', sourceUrls: ['http://example.org/a'] });
  });

  test('a yes/no fact is scored yes/no; a number per unit or in bands; a gate without its number is not built', () => {
    expect(measuresFor('hasDoctorate')).toEqual(['boolean']);
    expect(measuresFor('annualSalary')).toEqual(['linear', 'bands']);
    expect(measuresFor('nope')).toEqual([]);
    expect(gateOf({ fact: 'age', op: '<=' })).toBeNull();
    expect(gateOf({ fact: 'employerRdIntensity', op: '>=', value: 5 })?.labelEn).toBe('Employer’s R&D intensity at least 5%');
    expect(idFor('hasDoctorate', new Set(['has_doctorate', 'has_doctorate_2']))).toBe('has_doctorate_3');
  });

  test('puts each server refusal at its field', () => {
    expect(draftFieldFor('call.titleEn')).toEqual(['call', 'titleEn']);
    expect(draftFieldFor('call.acceptanceCriteria.0.metric')).toBeNull();
    expect(draftFieldFor('validityYears')).toEqual(['validityYears']);
    expect(draftFieldFor('scheme.weights')).toEqual(['scheme', 'weights', 'personal']);
    expect(draftFieldFor('scheme.weights.enterprise')).toEqual(['scheme', 'weights', 'enterprise']);
    expect(draftFieldFor('scheme.indicators')).toEqual(['scheme', 'indicators']);
    expect(draftFieldFor('scheme.indicators.2.howEn')).toEqual(['scheme', 'indicators', 2, 'howEn']);
    expect(draftFieldFor('scheme.indicators.1.id')).toEqual(['scheme', 'indicators', 1, 'fact']);
    expect(draftFieldFor('scheme.indicators.1.measure')).toEqual(['scheme', 'indicators', 1, 'measureKind']);
    expect(draftFieldFor('scheme.indicators.1.measure.perUnit')).toEqual(['scheme', 'indicators', 1, 'perUnit']);
    expect(draftFieldFor('scheme.indicators.1.measure.bands.1')).toEqual(['scheme', 'indicators', 1, 'bands', 1, 'min']);
    expect(draftFieldFor('scheme.indicators.1.measure.bands.0.points')).toEqual(['scheme', 'indicators', 1, 'bands', 0, 'points']);
    expect(draftFieldFor('scheme.gates.0.rule')).toEqual(['scheme', 'gates', 0, 'op']);
    expect(draftFieldFor('scheme.sourceUrls.0')).toBeNull();
  });
});
