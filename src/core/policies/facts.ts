/**
 * The enterprise facts policy rules are written against: what each one means,
 * its type and unit, and the question that asks an enterprise for it. A rule
 * may read a fact outside this catalogue (validateRule warns); such a fact is
 * missing unless an enterprise supplies it.
 */

export type FactType = 'number' | 'integer' | 'boolean' | 'string' | 'string[]';

export interface LocalisedText {
  readonly 'zh-CN': string;
  readonly en: string;
}

export interface FactDefinition {
  readonly name: string;
  readonly type: FactType;
  /** Shown after a number ("3 %", "300 人"); null for years, codes and yes/no facts. */
  readonly unit: LocalisedText | null;
  readonly label: LocalisedText;
  readonly description: LocalisedText;
  /** How to ask an enterprise for the fact. */
  readonly question: LocalisedText;
}

export const FACT_CATALOGUE: readonly FactDefinition[] = [
  {
    name: 'area',
    type: 'string',
    unit: null,
    label: { 'zh-CN': '注册地区域', en: 'area' },
    description: { 'zh-CN': '企业注册地所在的区域，取本中心区域层级中的编号（如 bj-110108 海淀区）。', en: "Where the enterprise is registered: the id of an area in the centre's hierarchy (e.g. bj-110108, Haidian)." },
    question: { 'zh-CN': '贵企业的注册地在哪个区（园区）？', en: 'In which district (or park) is your enterprise registered?' },
  },
  {
    name: 'foundedYear',
    type: 'integer',
    unit: null,
    label: { 'zh-CN': '成立年份', en: 'year founded' },
    description: { 'zh-CN': '营业执照上的成立日期所在年份。', en: 'The year of the founding date on the business licence.' },
    question: { 'zh-CN': '贵企业成立于哪一年？', en: 'In which year was your enterprise founded?' },
  },
  {
    name: 'employees',
    type: 'integer',
    unit: { 'zh-CN': '人', en: 'people' },
    label: { 'zh-CN': '从业人员数', en: 'employees' },
    description: { 'zh-CN': '上一年度末的从业人员人数。', en: 'People employed at the end of the last year.' },
    question: { 'zh-CN': '贵企业上一年度末有多少从业人员？', en: 'How many people did your enterprise employ at the end of last year?' },
  },
  {
    name: 'revenue',
    type: 'number',
    unit: { 'zh-CN': '元', en: 'CNY' },
    label: { 'zh-CN': '营业收入', en: 'revenue' },
    description: { 'zh-CN': '上一年度的营业收入（元）。', en: 'Operating revenue in the last year, in yuan.' },
    question: { 'zh-CN': '贵企业上一年度的营业收入是多少元？', en: "What was your enterprise's operating revenue last year, in yuan?" },
  },
  {
    name: 'rdExpense',
    type: 'number',
    unit: { 'zh-CN': '元', en: 'CNY' },
    label: { 'zh-CN': '研发费用', en: 'R&D expense' },
    description: { 'zh-CN': '上一年度的研究开发费用总额（元）。', en: 'Total research and development expense in the last year, in yuan.' },
    question: { 'zh-CN': '贵企业上一年度的研发费用是多少元？', en: "What was your enterprise's R&D expense last year, in yuan?" },
  },
  {
    name: 'rdIntensity',
    type: 'number',
    unit: { 'zh-CN': '%', en: '%' },
    label: { 'zh-CN': '研发投入强度', en: 'R&D intensity' },
    description: {
      'zh-CN': '上一年度研发费用占营业收入的百分比；4.5 表示 4.5 %。',
      en: 'R&D expense as a percentage of revenue in the last year; 4.5 means 4.5 %.',
    },
    question: { 'zh-CN': '贵企业上一年度研发投入强度（%）是多少？', en: "What was your enterprise's R&D intensity last year (R&D expense as % of revenue)?" },
  },
  {
    name: 'researchStaffShare',
    type: 'number',
    unit: { 'zh-CN': '%', en: '%' },
    label: { 'zh-CN': '科技人员占比', en: 'share of R&D staff' },
    description: { 'zh-CN': '从事研发和相关技术创新活动的科技人员占职工总数的百分比。', en: 'Staff in research and related technical work as a percentage of all employees.' },
    question: { 'zh-CN': '贵企业科技人员占职工总数的比例（%）是多少？', en: 'What percentage of your employees work in R&D and related technical roles?' },
  },
  {
    name: 'highTechRevenueShare',
    type: 'number',
    unit: { 'zh-CN': '%', en: '%' },
    label: { 'zh-CN': '高新技术产品（服务）收入占比', en: 'share of revenue from high-tech products' },
    description: { 'zh-CN': '上一年度高新技术产品（服务）收入占总收入的百分比。', en: 'Revenue from high-tech products and services as a percentage of total revenue in the last year.' },
    question: { 'zh-CN': '贵企业上一年度高新技术产品（服务）收入占总收入的比例（%）是多少？', en: 'What percentage of your revenue last year came from high-tech products and services?' },
  },
  {
    name: 'inventionPatents',
    type: 'integer',
    unit: { 'zh-CN': '件', en: 'patents' },
    label: { 'zh-CN': '有效发明专利数', en: 'invention patents in force' },
    description: { 'zh-CN': '企业拥有的有效发明专利件数。', en: 'Invention patents in force that the enterprise holds.' },
    question: { 'zh-CN': '贵企业拥有多少件有效发明专利？', en: 'How many invention patents in force does your enterprise hold?' },
  },
  {
    name: 'hasInventionPatent',
    type: 'boolean',
    unit: null,
    label: { 'zh-CN': '拥有发明专利', en: 'holds an invention patent' },
    description: { 'zh-CN': '是否拥有至少一件有效发明专利。', en: 'Whether the enterprise holds at least one invention patent in force.' },
    question: { 'zh-CN': '贵企业是否拥有有效的发明专利？', en: 'Does your enterprise hold an invention patent in force?' },
  },
  {
    name: 'taxCompliant',
    type: 'boolean',
    unit: null,
    label: { 'zh-CN': '纳税信用良好', en: 'tax compliant' },
    description: { 'zh-CN': '近三年无重大税收违法失信行为。', en: 'No serious tax violations in the last three years.' },
    question: { 'zh-CN': '贵企业近三年是否没有重大税收违法失信行为？', en: 'Has your enterprise been free of serious tax violations in the last three years?' },
  },
  {
    name: 'tiers',
    type: 'string[]',
    unit: null,
    label: { 'zh-CN': '已获认定', en: 'recognitions' },
    description: {
      'zh-CN': '企业持有的有效认定（梯度培育层级），取平台的认定代码，如 high_tech_enterprise（高新技术企业）、specialised_sophisticated_sme（专精特新中小企业）、little_giant（专精特新“小巨人”）。',
      en: 'Recognitions the enterprise holds (rungs of the cultivation ladder), as the platform\'s codes: high_tech_enterprise, specialised_sophisticated_sme, little_giant, …',
    },
    question: { 'zh-CN': '贵企业目前持有哪些有效认定（如高新技术企业、专精特新中小企业、专精特新“小巨人”）？', en: 'Which recognitions does your enterprise currently hold (high-tech enterprise, specialised SME, little giant, …)?' },
  },
  {
    name: 'industryCodes',
    type: 'string[]',
    unit: null,
    label: { 'zh-CN': '行业代码', en: 'industry codes' },
    description: { 'zh-CN': '主营业务所属的国民经济行业代码（GB/T 4754-2017，如 C3911）。', en: 'Industry codes of the main businesses (GB/T 4754-2017, e.g. C3911).' },
    question: { 'zh-CN': '贵企业的主营业务属于哪些国民经济行业（GB/T 4754 代码）？', en: "Which industries (GB/T 4754 codes) do your enterprise's main businesses belong to?" },
  },
];

export const factDefinition = (catalogue: readonly FactDefinition[], name: string): FactDefinition | undefined => catalogue.find((f) => f.name === name);
