/**
 * Talent programme vocabularies (issue 9). The categories are the ones the
 * seed documents name (MECH-27, MECH-28: strategic scientists, leading talent
 * and innovation teams, young and highly skilled talent, foreign-talent
 * admission); the facts are the questions a merit-point scheme or an
 * eligibility gate may ask; the Zhongguancun template carries only what its
 * sources state (weights and threshold), never an invented indicator list.
 */

export const TALENT_CATEGORIES = ['strategic_scientist', 'leading_talent', 'young_talent', 'high_skilled', 'foreign_talent'] as const;
export type TalentCategory = (typeof TALENT_CATEGORIES)[number];

/** What a credential holder may ask for; each is raised as a demand in the services ledger. */
export const TALENT_SERVICE_KINDS = ['housing', 'schooling', 'medical', 'visa_permit'] as const;
export type TalentServiceKind = (typeof TALENT_SERVICE_KINDS)[number];

/** A fact in the shape the policy engine's catalogue uses (see core/policies/facts.ts). */
export interface TalentFactDefinition {
  readonly name: string;
  readonly type: 'number' | 'integer' | 'boolean' | 'string';
  readonly unit: { readonly 'zh-CN': string; readonly en: string } | null;
  readonly label: { readonly 'zh-CN': string; readonly en: string };
  readonly description: { readonly 'zh-CN': string; readonly en: string };
  readonly question: { readonly 'zh-CN': string; readonly en: string };
  /** Who answers it: the person, or their employer. */
  readonly part: 'personal' | 'enterprise';
}

const fact = (name: string, type: TalentFactDefinition['type'], part: TalentFactDefinition['part'], label: [string, string], question: [string, string], unit: [string, string] | null = null): TalentFactDefinition => ({
  name,
  type,
  part,
  unit: unit ? { 'zh-CN': unit[0], en: unit[1] } : null,
  label: { 'zh-CN': label[0], en: label[1] },
  description: { 'zh-CN': question[0], en: question[1] },
  question: { 'zh-CN': question[0], en: question[1] },
});

/** The facts a talent scheme may read. */
export const TALENT_FACTS: readonly TalentFactDefinition[] = [
  fact('age', 'integer', 'personal', ['年龄', 'age'], ['您的周岁年龄是多少？', 'How old are you (in full years)?'], ['岁', 'years']),
  fact('hasDoctorate', 'boolean', 'personal', ['博士学位', 'doctorate'], ['您是否拥有博士学位？', 'Do you hold a doctorate?']),
  fact('yearsExperience', 'integer', 'personal', ['相关工作年限', 'years of relevant work'], ['您在本领域工作了多少年？', 'How many years have you worked in your field?'], ['年', 'years']),
  fact('papers', 'integer', 'personal', ['代表性论文', 'representative papers'], ['您有多少篇代表性论文（按申报要求认定）？', 'How many representative papers do you have (as the call counts them)?'], ['篇', 'papers']),
  fact('patents', 'integer', 'personal', ['授权发明专利', 'granted invention patents'], ['您作为发明人有多少件已授权发明专利？', 'How many granted invention patents name you as inventor?'], ['件', 'patents']),
  fact('majorAward', 'boolean', 'personal', ['省部级以上科技奖励', 'provincial or national S&T award'], ['您是否获得过省部级以上科技奖励？', 'Have you received a provincial, ministerial or national S&T award?']),
  fact('ledMajorProject', 'boolean', 'personal', ['主持重大科研项目', 'led a major research project'], ['您是否主持过国家或省部级重大科研项目？', 'Have you led a major national or provincial research project?']),
  fact('annualSalary', 'number', 'personal', ['年薪', 'annual salary'], ['您的税前年薪是多少万元？', 'What is your annual salary before tax, in units of 10,000 CNY?'], ['万元', '×10k CNY']),
  fact('isForeignNational', 'boolean', 'personal', ['外籍人员', 'foreign national'], ['您是否为外国国籍？', 'Are you a foreign national?']),
  fact('worksInBeijing', 'boolean', 'personal', ['在京全职工作', 'full-time in Beijing'], ['您是否在北京的单位全职工作？', 'Do you work full time for an employer in Beijing?']),
  fact('employerHighTech', 'boolean', 'enterprise', ['用人单位为高新技术企业', 'employer is a high-tech enterprise'], ['您的用人单位是否为认定的高新技术企业？', 'Is your employer a recognised high-tech enterprise?']),
  fact('employerRdIntensity', 'number', 'enterprise', ['用人单位研发投入强度', 'employer’s R&D intensity'], ['用人单位上年度研发投入占营业收入的百分比是多少？', 'What share of its revenue did your employer spend on R&D last year (%)?'], ['%', '%']),
  fact('employerRevenue', 'number', 'enterprise', ['用人单位营业收入', 'employer’s revenue'], ['用人单位上年度营业收入是多少万元？', 'What was your employer’s revenue last year, in units of 10,000 CNY?'], ['万元', '×10k CNY']),
  fact('employerFinancing', 'number', 'enterprise', ['用人单位近三年融资额', 'employer’s financing in the last three years'], ['用人单位近三年获得的股权融资共多少万元？', 'How much equity financing did your employer raise in the last three years, in units of 10,000 CNY?'], ['万元', '×10k CNY']),
];

/**
 * The Zhongguancun merit-point scheme as a template: an expert panel scores
 * indicators; 70 of 100 earns a recommendation; under the 2021 Two Zones
 * permanent-residence scheme, enterprise points weigh 30% and personal points
 * 70%. Its indicator list is not in our sources, so the template brings no
 * indicators: the call publishes its own.
 */
export const ZGC_MERIT_TEMPLATE = {
  template: 'zgc_merit_points' as const,
  sourceNote: '中关村外籍人才积分评估（2016年公安部支持北京创新发展出入境政策措施）：专家评分，≥70分推荐；“两区”永久居留推荐（2021）：企业积分30% + 个人积分70%。 / Zhongguancun merit-point assessment for foreign talent (2016 MPS measures): expert panel, ≥70 points for a recommendation; Two Zones permanent residence (2021): enterprise points 30% + personal points 70%.',
  sourceUrls: ['http://chinaplus.cri.cn/news/china/9/20180707/154470.html', 'http://subsites.chinadaily.com.cn/beijing/etda/2021-11/19/c_683260.htm'],
  weights: { personal: 70, enterprise: 30 },
  threshold: 70,
};
