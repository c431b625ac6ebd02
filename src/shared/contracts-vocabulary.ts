/**
 * The vocabularies of technology-contract registration. Contract types follow
 * the Civil Code's technology-contract chapter (development, transfer,
 * licensing, consulting, service); technical fields follow the field
 * classification used in China's technology-market statistics. Both are
 * national, not a centre's choice, so they live here rather than in seeds.
 */
export const TECH_CONTRACT_TYPES = [
  'development_commissioned',
  'development_cooperative',
  'transfer_patent_right',
  'transfer_patent_application',
  'transfer_technical_secret',
  'transfer_other',
  'licensing_patent',
  'licensing_technical_secret',
  'licensing_other',
  'consulting',
  'service',
] as const;
export type TechContractType = (typeof TECH_CONTRACT_TYPES)[number];

/** The Civil Code's five kinds, for the coarse statistics. */
export const contractFamily = (t: TechContractType): 'development' | 'transfer' | 'licensing' | 'consulting' | 'service' =>
  t.startsWith('development') ? 'development' : t.startsWith('transfer') ? 'transfer' : t.startsWith('licensing') ? 'licensing' : t === 'consulting' ? 'consulting' : 'service';

/** Types whose subject is a patent or patent application: they must name at least one. */
export const PATENT_CONTRACT_TYPES: readonly TechContractType[] = ['transfer_patent_right', 'transfer_patent_application', 'licensing_patent'];

export const TECHNICAL_FIELDS = [
  'electronic_information',
  'advanced_manufacturing',
  'new_materials',
  'biomedicine',
  'new_energy',
  'environment',
  'modern_transport',
  'urban_social',
  'agriculture',
  'aerospace',
  'nuclear',
] as const;
export type TechnicalField = (typeof TECHNICAL_FIELDS)[number];

/** Items of the contract price. The technical transaction amount (技术交易额) is the price less the non-technical items. */
export const AMOUNT_ITEMS = ['technical_fee', 'rnd_cost', 'equipment', 'materials', 'other_non_technical'] as const;
export type AmountItem = (typeof AMOUNT_ITEMS)[number];
export const NON_TECHNICAL_ITEMS: readonly AmountItem[] = ['equipment', 'materials', 'other_non_technical'];

/** Seller kinds the statistics break down by, read from the registry category. */
export const SELLER_KINDS = ['enterprise', 'university', 'institute', 'other'] as const;
export type SellerKind = (typeof SELLER_KINDS)[number];
export const sellerKindOf = (category: string): SellerKind =>
  category === 'enterprise' ? 'enterprise' : category === 'university' ? 'university' : ['national_lab', 'rnd_institution', 'innovation_centre', 'platform', 'big_science_facility'].includes(category) ? 'institute' : 'other';

/** Where public money behind the contract came from, if any. */
export const PLAN_ORIGINS = ['none', 'national', 'municipal', 'district', 'other'] as const;
export type PlanOrigin = (typeof PLAN_ORIGINS)[number];

/**
 * Provinces and province-level divisions by their GB/T 2260 two-digit code.
 * A buyer's region is one of these, or `abroad:<ISO 3166 alpha-2>`.
 */
export const PROVINCES: Readonly<Record<string, { zh: string; en: string }>> = {
  '11': { zh: '北京', en: 'Beijing' },
  '12': { zh: '天津', en: 'Tianjin' },
  '13': { zh: '河北', en: 'Hebei' },
  '14': { zh: '山西', en: 'Shanxi' },
  '15': { zh: '内蒙古', en: 'Inner Mongolia' },
  '21': { zh: '辽宁', en: 'Liaoning' },
  '22': { zh: '吉林', en: 'Jilin' },
  '23': { zh: '黑龙江', en: 'Heilongjiang' },
  '31': { zh: '上海', en: 'Shanghai' },
  '32': { zh: '江苏', en: 'Jiangsu' },
  '33': { zh: '浙江', en: 'Zhejiang' },
  '34': { zh: '安徽', en: 'Anhui' },
  '35': { zh: '福建', en: 'Fujian' },
  '36': { zh: '江西', en: 'Jiangxi' },
  '37': { zh: '山东', en: 'Shandong' },
  '41': { zh: '河南', en: 'Henan' },
  '42': { zh: '湖北', en: 'Hubei' },
  '43': { zh: '湖南', en: 'Hunan' },
  '44': { zh: '广东', en: 'Guangdong' },
  '45': { zh: '广西', en: 'Guangxi' },
  '46': { zh: '海南', en: 'Hainan' },
  '50': { zh: '重庆', en: 'Chongqing' },
  '51': { zh: '四川', en: 'Sichuan' },
  '52': { zh: '贵州', en: 'Guizhou' },
  '53': { zh: '云南', en: 'Yunnan' },
  '54': { zh: '西藏', en: 'Tibet' },
  '61': { zh: '陕西', en: 'Shaanxi' },
  '62': { zh: '甘肃', en: 'Gansu' },
  '63': { zh: '青海', en: 'Qinghai' },
  '64': { zh: '宁夏', en: 'Ningxia' },
  '65': { zh: '新疆', en: 'Xinjiang' },
  '71': { zh: '台湾', en: 'Taiwan' },
  '81': { zh: '香港', en: 'Hong Kong' },
  '82': { zh: '澳门', en: 'Macao' },
};

export const isBuyerRegion = (region: string): boolean => region in PROVINCES || /^abroad:[A-Z]{2}$/.test(region);

/** Registration workflow states and actions (the machine is core/workflow/tech-contract.ts). */
export const TECH_CONTRACT_STATES = ['submitted', 'under_review', 'returned', 'registered', 'not_registered', 'withdrawn'] as const;
export type TechContractState = (typeof TECH_CONTRACT_STATES)[number];
export const TECH_CONTRACT_ACTIONS = ['start_review', 'return', 'resubmit', 'register', 'decline', 'withdraw'] as const;
export type TechContractAction = (typeof TECH_CONTRACT_ACTIONS)[number];

/** The breakdowns of the statistics (see core/contracts/statistics.ts); `flow` is seller district × buyer region. */
export const STAT_DIMENSIONS = ['total', 'type', 'family', 'field', 'seller_kind', 'district', 'park', 'buyer_region', 'flow'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

/** Chinese names as registration forms and historical spreadsheets write them (imports accept these or the codes). */
export const TECH_CONTRACT_TYPE_ZH: Readonly<Record<TechContractType, string>> = {
  development_commissioned: '委托开发',
  development_cooperative: '合作开发',
  transfer_patent_right: '专利权转让',
  transfer_patent_application: '专利申请权转让',
  transfer_technical_secret: '技术秘密转让',
  transfer_other: '其他技术转让',
  licensing_patent: '专利实施许可',
  licensing_technical_secret: '技术秘密使用许可',
  licensing_other: '其他技术许可',
  consulting: '技术咨询',
  service: '技术服务',
};
export const TECHNICAL_FIELD_ZH: Readonly<Record<TechnicalField, string>> = {
  electronic_information: '电子信息',
  advanced_manufacturing: '先进制造',
  new_materials: '新材料及其应用',
  biomedicine: '生物、医药和医疗器械',
  new_energy: '新能源与高效节能',
  environment: '环境保护与资源综合利用',
  modern_transport: '现代交通',
  urban_social: '城市建设与社会发展',
  agriculture: '农业',
  aerospace: '航空航天',
  nuclear: '核应用',
};
