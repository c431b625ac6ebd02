/**
 * The vocabularies of patent records. Kinds and the application-number type
 * digit follow CNIPA's numbering (专利申请号标准, ZC 0006-2003); legal statuses
 * are the coarse states the statistics need, not CNIPA's full event codes.
 */
export const PATENT_KINDS = ['invention', 'utility_model', 'design'] as const;
export type PatentKind = (typeof PATENT_KINDS)[number];

export const PATENT_STATUSES = ['pending', 'granted', 'rejected', 'withdrawn', 'lapsed', 'expired', 'invalidated'] as const;
export type PatentStatus = (typeof PATENT_STATUSES)[number];

/** Statuses that end a granted patent's force (the date it ended is the status date). */
export const PATENT_ENDED_STATUSES: readonly PatentStatus[] = ['lapsed', 'expired', 'invalidated'];

/** Full terms from the filing date (Patent Law art. 42, as amended 2020: designs 15 years from 2021-06-01). */
export const PATENT_TERM_YEARS: Readonly<Record<PatentKind, number>> = { invention: 20, utility_model: 10, design: 15 };

export const PATENT_PARTY_ROLES = ['applicant', 'inventor'] as const;
export type PatentPartyRole = (typeof PATENT_PARTY_ROLES)[number];

export const POOL_MEMBER_ROLES = ['founder', 'member', 'licensee'] as const;
export type PoolMemberRole = (typeof POOL_MEMBER_ROLES)[number];

/** How a pool charges licensees. */
export const ROYALTY_BASES = ['per_unit', 'percent_of_sales', 'lump_sum', 'royalty_free', 'negotiated'] as const;
export type RoyaltyBasis = (typeof ROYALTY_BASES)[number];

/** The breakdowns of patent statistics (see core/patents/statistics.ts). */
export const PATENT_STAT_DIMENSIONS = ['kind', 'status', 'applicant', 'district', 'ipc_section', 'ipc_class', 'ipc_subclass', 'application_year', 'grant_year'] as const;
export type PatentStatDimension = (typeof PATENT_STAT_DIMENSIONS)[number];

/** Chinese names as CNIPA exports and spreadsheets write them (imports accept these or the codes). */
export const PATENT_KIND_ZH: Readonly<Record<PatentKind, string>> = { invention: '发明', utility_model: '实用新型', design: '外观设计' };
export const PATENT_STATUS_ZH: Readonly<Record<PatentStatus, string>> = {
  pending: '审中',
  granted: '授权',
  rejected: '驳回',
  withdrawn: '撤回',
  lapsed: '未缴年费终止',
  expired: '期限届满',
  invalidated: '全部无效',
};
/** Other words CNIPA exports use for the same statuses. */
export const PATENT_STATUS_ALIASES: Readonly<Record<string, PatentStatus>> = {
  实审: 'pending',
  公开: 'pending',
  审查中: 'pending',
  有效: 'granted',
  授权有效: 'granted',
  权利终止: 'lapsed',
  终止: 'lapsed',
  届满: 'expired',
  无效: 'invalidated',
  视为撤回: 'withdrawn',
  驳回: 'rejected',
};
export const PATENT_KIND_ALIASES: Readonly<Record<string, PatentKind>> = { 发明专利: 'invention', 发明授权: 'invention', 发明申请: 'invention', 实用新型专利: 'utility_model', 外观设计专利: 'design', 外观: 'design' };

/** The IPC's eight sections. */
export const IPC_SECTIONS: Readonly<Record<string, { zh: string; en: string }>> = {
  A: { zh: '人类生活必需', en: 'Human necessities' },
  B: { zh: '作业；运输', en: 'Performing operations; transporting' },
  C: { zh: '化学；冶金', en: 'Chemistry; metallurgy' },
  D: { zh: '纺织；造纸', en: 'Textiles; paper' },
  E: { zh: '固定建筑物', en: 'Fixed constructions' },
  F: { zh: '机械工程；照明；加热；武器；爆破', en: 'Mechanical engineering; lighting; heating; weapons; blasting' },
  G: { zh: '物理', en: 'Physics' },
  H: { zh: '电学', en: 'Electricity' },
};

/**
 * The denominator series of 每万人口发明专利拥有量: resident population (常住人口)
 * by area and year, an indicator users define and fill through the ordinary
 * indicator import, in persons or in 10,000 persons (unit 万人).
 */
export const POPULATION_INDICATOR_CODE = 'resident_population';

/** The number as people read it: `CN202310123456.7` (records keep the canonical form without the prefix). */
export const displayPatentNumber = (canonical: string): string => `CN${canonical}`;

/** The columns of a patent import with their Chinese and English headers (the web names a refused row's column in the reader's language). */
export const PATENT_IMPORT_COLUMNS = [
  { field: 'number', zh: '申请号', en: 'Application number', required: true },
  { field: 'kind', zh: '专利类型', en: 'Kind', required: false },
  { field: 'title', zh: '名称', en: 'Title', required: true },
  { field: 'ipc', zh: 'IPC分类号', en: 'IPC classes', required: false },
  { field: 'mainIpc', zh: '主分类号', en: 'Main IPC', required: false },
  { field: 'applicants', zh: '申请人', en: 'Applicants', required: true },
  { field: 'inventors', zh: '发明人', en: 'Inventors', required: false },
  { field: 'applicationDate', zh: '申请日', en: 'Application date', required: true },
  { field: 'publicationDate', zh: '公开日', en: 'Publication date', required: false },
  { field: 'grantDate', zh: '授权日', en: 'Grant date', required: false },
  { field: 'legalStatus', zh: '法律状态', en: 'Legal status', required: true },
  { field: 'statusDate', zh: '法律状态日', en: 'Status date', required: false },
] as const;
