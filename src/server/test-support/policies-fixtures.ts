/**
 * SYNTHETIC policies for tests and browser journeys: every amount, rate and
 * rule below is made up to exercise the engine. Each policy is flagged
 * `isSample` and titled 示例 / Sample; none describes a real policy.
 */

type Send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) => Promise<{ statusCode: number; body: string }>;

export type SamplePolicy = {
  code: string;
  titleZh: string;
  titleEn: string;
  issuer: string;
  level: 'national' | 'municipal' | 'district' | 'park';
  validFrom: string;
  clauses: { number: string; textZh: string; textEn: string | null }[];
  benefits: Record<string, unknown>[];
};

export const SAMPLE_POLICIES: SamplePolicy[] = [
  {
    code: 'SAMPLE-M1',
    titleZh: '示例：市级研发投入奖励（测试数据）',
    titleEn: 'Sample: municipal R&D reward (test data)',
    issuer: '示例发布机关',
    level: 'municipal',
    validFrom: '2025-01-01',
    clauses: [
      { number: '第一条', textZh: '示例条款：研发投入强度达到 3% 且纳税信用良好的企业给予奖励。', textEn: 'Sample clause: R&D intensity of 3 % and a clean tax record earn a reward.' },
      { number: '第二条', textZh: '示例条款：高新技术企业给予一次性奖励。', textEn: 'Sample clause: high-tech enterprises earn a one-off reward.' },
    ],
    benefits: [
      {
        code: 'rd-grant',
        nameZh: '示例研发奖励',
        nameEn: 'Sample R&D reward',
        kind: 'grant',
        amount: 500_000,
        clauseRefs: ['第一条'],
        rule: { and: [{ '>=': [{ var: 'rdIntensity' }, 3] }, { '==': [{ var: 'taxCompliant' }, true] }] },
      },
      {
        code: 'hte-bonus',
        nameZh: '示例高企奖励',
        nameEn: 'Sample high-tech bonus',
        kind: 'grant',
        amount: 200_000,
        clauseRefs: ['第二条'],
        rule: { in: ['high_tech_enterprise', { var: 'tiers' }] },
      },
    ],
  },
  {
    code: 'SAMPLE-D1',
    titleZh: '示例：区级研发费用补贴（测试数据）',
    titleEn: 'Sample: district R&D subsidy (test data)',
    issuer: '示例区政府',
    level: 'district',
    validFrom: '2025-01-01',
    clauses: [{ number: '第三条', textZh: '示例条款：区内 50 人以上企业按研发费用 10% 补贴，最高 100 万元。', textEn: 'Sample clause: 10 % of R&D expense, at most 1 million yuan.' }],
    benefits: [
      {
        code: 'district-rd',
        nameZh: '示例研发费用补贴',
        nameEn: 'Sample R&D expense subsidy',
        kind: 'subsidy',
        rate: 10,
        rateBase: 'rdExpense',
        cap: 1_000_000,
        tranches: [
          { label: '首期', share: 60 },
          { label: '验收后', share: 40 },
        ],
        clauseRefs: ['第三条'],
        rule: { and: [{ '==': [{ var: 'area' }, 'bj-110108'] }, { '>=': [{ var: 'employees' }, 50] }] },
      },
    ],
  },
  {
    code: 'SAMPLE-P1',
    titleZh: '示例：园区初创企业支持（测试数据）',
    titleEn: 'Sample: park start-up support (test data)',
    issuer: '示例园区管委会',
    level: 'park',
    validFrom: '2025-01-01',
    clauses: [],
    benefits: [{ code: 'young-firm', nameZh: '示例初创支持', nameEn: 'Sample start-up support', kind: 'service', amount: 100_000, rule: { '>=': [{ var: 'foundedYear' }, 2018] } }],
  },
];

/** The sample stacking rule: the municipal reward and the district subsidy fund the same R&D cost. */
export const SAMPLE_STACKING = { kind: 'no_double_funding', benefitA: 'SAMPLE-M1/rd-grant', benefitB: 'SAMPLE-D1/district-rd', note: '示例：同一研发费用不重复补贴（测试数据）' } as const;

/** Create, fill and publish the sample policies and the stacking rule through the API (as a policies:write user). */
export const publishSamplePolicies = async (send: Send, centrePath: string): Promise<void> => {
  const ok = (res: { statusCode: number; body: string }, what: string) => {
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  };
  for (const p of SAMPLE_POLICIES) {
    ok(await send('POST', `${centrePath}/policies`, { code: p.code, titleZh: p.titleZh, titleEn: p.titleEn, issuer: p.issuer, level: p.level, isSample: true, validFrom: p.validFrom }), `create ${p.code}`);
    ok(await send('PATCH', `${centrePath}/policies/${p.code}/versions/1`, { clauses: p.clauses, benefits: p.benefits, legalText: `${p.titleZh}（示例文本，非真实政策）` }), `fill ${p.code}`);
    ok(await send('POST', `${centrePath}/policies/${p.code}/versions/1/publish`, {}), `publish ${p.code}`);
  }
  ok(await send('POST', `${centrePath}/policy-stacking-rules`, SAMPLE_STACKING), 'stacking rule');
};
