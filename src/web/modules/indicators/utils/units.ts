import type { MessageKey } from '../../../i18n/keys.js';

/**
 * A small vocabulary of units as data sources word them, so a figure reads
 * naturally in both languages ("8,536.9 亿元" / "853.69 billion yuan").
 * A unit not listed here is shown as given.
 */
export type UnitRule = {
  key: MessageKey;
  /** Multiply the value by this in zh-CN (billion → 亿 is ×10). */
  zhFactor?: number;
  /** Written straight after the number, with no space ("42.9%"). */
  attached?: boolean;
  /** A position in a ranking: the unit's text has a `{n}` placeholder for the value. */
  rank?: boolean;
};

const RULES: ReadonlyArray<[RegExp, UnitRule]> = [
  [/^%/, { key: 'unit.percent', attached: true }],
  [/^percent/, { key: 'unit.percent', attached: true }],
  [/^billion yuan/, { key: 'unit.billionYuan', zhFactor: 10 }],
  [/^million yuan/, { key: 'unit.millionYuan', zhFactor: 0.01 }],
  [/^(ten thousand yuan|10,000 yuan)/, { key: 'unit.tenThousandYuan' }],
  [/^yuan/, { key: 'unit.yuan' }],
  [/^invention patents per 10,000 people/, { key: 'unit.patentsPer10kPeople' }],
  [/^r&d personnel per 10,000 employees/, { key: 'unit.rndPersonnelPer10kEmployees' }],
  [/^rank \(global\)/, { key: 'unit.rankGlobal', rank: true }],
  [/^rank \(national\)/, { key: 'unit.rankNational', rank: true }],
  [/^rank$/, { key: 'unit.rank', rank: true }],
  [/^contracts?$/, { key: 'unit.contracts' }],
  [/^calls$/, { key: 'unit.calls' }],
  [/^bids per call$/, { key: 'unit.bidsPerCall' }],
  [/^enterprises?$/, { key: 'unit.enterprises' }],
  [/^compan(y|ies)$/, { key: 'unit.enterprises' }],
  [/^r&d centres?$/, { key: 'unit.rndCentres' }],
  [/^universities$/, { key: 'unit.universities' }],
  [/^persons?$|^people$/, { key: 'unit.persons' }],
  [/^events?$/, { key: 'unit.events' }],
  [/^measures?$/, { key: 'unit.measures' }],
  [/^facilities$/, { key: 'unit.facilities' }],
  [/^platforms?$/, { key: 'unit.platforms' }],
  [/^national laboratories$/, { key: 'unit.laboratories' }],
  [/^disciplines$/, { key: 'unit.disciplines' }],
  [/^batches$/, { key: 'unit.batches' }],
  [/^application scenarios$/, { key: 'unit.scenarios' }],
  [/^units \(institutions\)$|^institutions$/, { key: 'unit.institutions' }],
  // The units the derived figures are defined in (indicators computed from the platform's records).
  [/^demands?$/, { key: 'unit.demands' }],
  [/^patents per 10,000 people$/, { key: 'unit.patentsPer10kPeople' }],
  [/^patents?$/, { key: 'unit.patents' }],
  [/^scenarios?$/, { key: 'unit.scenarios' }],
  [/^deployments?$/, { key: 'unit.deployments' }],
  [/^centres?$/, { key: 'unit.rndCentres' }],
  [/^nodes?$/, { key: 'unit.nodes' }],
  [/^releases?$/, { key: 'unit.releases' }],
  [/^sessions?$/, { key: 'unit.sessions' }],
  [/^rounds?$/, { key: 'unit.rounds' }],
  [/^points \(1–5\)$/, { key: 'unit.points1to5' }],
  [/^ratio$/, { key: 'unit.ratio', attached: true }],
];

export const findUnitRule = (unit: string | null): UnitRule | null => {
  if (!unit) return null;
  const normalised = unit.trim().toLowerCase();
  for (const [pattern, rule] of RULES) if (pattern.test(normalised)) return rule;
  return null;
};
