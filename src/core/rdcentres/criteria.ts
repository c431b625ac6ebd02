import { compileRule, renderRule, type CompiledRule, type FactDefinition } from '../policies/index.js';
import type { TCriteriaCheck, TCriterionCheck, TRdCriterion, TRdEvidence, TRdEvidenceKind, TRdFacts } from '../../shared/schemas/rdcentres.js';

/**
 * The definition of a foreign-funded R&D centre (Beijing, 2022) as rules of
 * the policy engine: each criterion is a JSON Logic rule over the facts the
 * applicant gives, evaluated three-valued (a missing fact leaves it unknown,
 * never failed), with the evidence kinds that back it.
 *
 * Source: https://english.beijing.gov.cn/investinginbeijing/WhyBeijing/lawpolicy/policies/202204/t20220419_2681277.html
 * ("wholly or partly funded by foreign investors operating mainly overseas,
 * registered in China, doing R&D in natural sciences, including pilot
 * testing"; two types: R&D innovation centres with an independent R&D team,
 * and open innovation platforms).
 */

type Text = { readonly 'zh-CN': string; readonly en: string };
const fact = (name: keyof TRdFacts, type: FactDefinition['type'], label: Text, question: Text, unit: Text | null = null): FactDefinition => ({ name, type, unit, label, description: question, question });

/** The facts the criteria read (the application form's fields), labelled for rendering the rules in both languages. */
export const RD_FACT_CATALOGUE: readonly FactDefinition[] = [
  fact('centreType', 'string', { 'zh-CN': '中心类型', en: 'centre type' }, { 'zh-CN': '研发中心属于哪一类型？', en: 'Which type of centre is it?' }),
  fact('foreignShare', 'number', { 'zh-CN': '外方出资比例', en: 'foreign investors’ share of capital' }, { 'zh-CN': '外国投资者出资占注册资本的比例是多少？', en: 'What share of the registered capital do foreign investors hold?' }, { 'zh-CN': '%', en: '%' }),
  fact('investorMainlyOverseas', 'boolean', { 'zh-CN': '外国投资者主要在境外经营', en: 'investor operates mainly overseas' }, { 'zh-CN': '外国投资者的主要经营活动是否在境外？', en: 'Does the foreign investor operate mainly outside China?' }),
  fact('registeredInChina', 'boolean', { 'zh-CN': '在中国境内注册', en: 'registered in China' }, { 'zh-CN': '研发中心（或其所属企业）是否在中国境内依法注册？', en: 'Is the centre (or the company it belongs to) registered in China?' }),
  fact('naturalSciencesRd', 'boolean', { 'zh-CN': '从事自然科学领域研发（含中试）', en: 'R&D in the natural sciences (incl. pilot testing)' }, { 'zh-CN': '是否从事自然科学及相关领域的研究开发（含中试）？', en: 'Does the centre do research and development in the natural sciences, including pilot testing?' }),
  fact('independentTeam', 'boolean', { 'zh-CN': '拥有独立研发团队', en: 'has its own R&D team' }, { 'zh-CN': '研发创新中心是否拥有独立的研发团队？', en: 'Does the innovation centre have an R&D team of its own?' }),
  fact('openServices', 'boolean', { 'zh-CN': '向外部开放创新服务', en: 'offers open-innovation services to others' }, { 'zh-CN': '开放创新平台是否向外部企业和机构开放研发资源与服务？', en: 'Does the platform open its R&D resources and services to outside firms and institutions?' }),
];

type CriterionDefinition = { code: TRdCriterion; rule: unknown; evidence: readonly TRdEvidenceKind[] };

export const RD_CRITERIA_RULES: readonly CriterionDefinition[] = [
  { code: 'foreign_funded', rule: { '>': [{ var: 'foreignShare' }, 0] }, evidence: ['shareholding'] },
  { code: 'investor_overseas', rule: { '==': [{ var: 'investorMainlyOverseas' }, true] }, evidence: ['investor_profile'] },
  { code: 'registered_in_china', rule: { '==': [{ var: 'registeredInChina' }, true] }, evidence: ['business_licence'] },
  { code: 'natural_sciences', rule: { '==': [{ var: 'naturalSciencesRd' }, true] }, evidence: ['rd_programme'] },
  {
    code: 'type_requirement',
    rule: { if: [{ '==': [{ var: 'centreType' }, 'innovation_centre'] }, { '==': [{ var: 'independentTeam' }, true] }, { '==': [{ var: 'centreType' }, 'open_platform'] }, { '==': [{ var: 'openServices' }, true] }, { '!!': [{ var: 'centreType' }] }] },
    evidence: ['team_roster', 'platform_rules'],
  },
];

const compiled: readonly { def: CriterionDefinition; rule: CompiledRule; zh: string; en: string }[] = RD_CRITERIA_RULES.map((def) => ({
  def,
  rule: compileRule(def.rule),
  zh: renderRule(def.rule, RD_FACT_CATALOGUE, 'zh-CN'),
  en: renderRule(def.rule, RD_FACT_CATALOGUE, 'en'),
}));

/** The form's facts as the rules read them (null and absent are both missing). */
export const ruleFacts = (facts: Partial<TRdFacts>): Record<string, unknown> => Object.fromEntries(RD_FACT_CATALOGUE.map((f) => [f.name, facts[f.name as keyof TRdFacts] ?? null]));

/** The evidence kinds a criterion needs for this centre type (the type criterion needs the roster or the platform rules). */
const neededEvidence = (def: CriterionDefinition, facts: Partial<TRdFacts>): readonly TRdEvidenceKind[] => {
  if (def.code !== 'type_requirement') return def.evidence;
  if (facts.centreType === 'innovation_centre') return ['team_roster'];
  if (facts.centreType === 'open_platform') return ['platform_rules'];
  return def.evidence;
};

const RESULT = { eligible: 'pass', ineligible: 'fail', unknown: 'unknown' } as const;

/**
 * Check the definition: each criterion pass, fail or unknown (with the facts
 * it still needs) and whether its evidence is listed. The outcome is `fails`
 * when any criterion fails, `meets` when all pass with their evidence,
 * otherwise `undecided`.
 */
export const checkCriteria = (facts: Partial<TRdFacts>, evidence: readonly Pick<TRdEvidence, 'kind'>[]): TCriteriaCheck => {
  const given = new Set(evidence.map((e) => e.kind));
  const values = ruleFacts(facts);
  const criteria: TCriterionCheck[] = compiled.map(({ def, rule, zh, en }) => {
    const out = rule.evaluate(values);
    const kinds = neededEvidence(def, facts);
    return {
      code: def.code,
      result: RESULT[out.result],
      missing: [...out.missing],
      evidenceKinds: [...kinds],
      evidenceGiven: kinds.some((k) => given.has(k)),
      ruleZh: zh,
      ruleEn: en,
    };
  });
  const outcome = criteria.some((c) => c.result === 'fail') ? 'fails' : criteria.every((c) => c.result === 'pass' && c.evidenceGiven) ? 'meets' : 'undecided';
  return { outcome, criteria };
};
