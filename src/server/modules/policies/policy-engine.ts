import type { TFactDefinition, TRuleProblem } from '../../../shared/schemas/policies.js';
import {
  adviseThresholds,
  compileRule,
  FACT_CATALOGUE,
  factsUsed,
  questionsToDecideAcross,
  renderRule,
  validateRule,
  type CompiledRule,
  type FactDefinition,
  type ThresholdAdvice,
} from '../../../core/policies/index.js';
import { DERIVED_FACTS, REGISTRY_FACTS } from './enterprise-facts.js';

/**
 * The server's one door into the rule engine (core/policies): the catalogue
 * in the API's shape, rule checks with dotted paths, compiled rules, rendered
 * text, advice and the questions that decide a rule.
 */

export type { CompiledRule };
export const catalogue: readonly FactDefinition[] = FACT_CATALOGUE;
const byName = new Map(catalogue.map((f) => [f.name, f]));
export const factDefinition = (name: string): FactDefinition | undefined => byName.get(name);

export const toFactDefinition = (f: FactDefinition): TFactDefinition => ({
  name: f.name,
  type: f.type,
  unitZh: f.unit?.['zh-CN'] ?? null,
  unitEn: f.unit?.en ?? null,
  labelZh: f.label['zh-CN'],
  labelEn: f.label.en,
  descriptionZh: f.description['zh-CN'],
  descriptionEn: f.description.en,
  questionZh: f.question['zh-CN'],
  questionEn: f.question.en,
  origin: REGISTRY_FACTS.has(f.name) ? 'registry' : DERIVED_FACTS.has(f.name) ? 'derived' : 'declared',
});

/** `$.and[1].>=[0]` → `and.1.>=.0`; `$` → ''. */
export const dottedPath = (enginePath: string): string => {
  const parts: string[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(enginePath.replace(/^\$/, ''))) !== null) parts.push(m[1] ?? m[2] ?? '');
  return parts.join('.');
};

/**
 * Every problem in a rule. A fact outside the catalogue is an error here (the
 * engine only warns): the platform neither derives nor asks for such a fact,
 * so a rule naming it could never be decided.
 */
export const ruleProblems = (rule: unknown): TRuleProblem[] => {
  if (rule === undefined) return [{ path: '', severity: 'error', reason: 'required', message: 'a benefit needs a rule (true when it applies to everyone)' }];
  return validateRule(rule, catalogue).map((p) => ({
    path: dottedPath(p.path),
    severity: p.code === 'unknown_fact' ? 'error' : p.severity,
    reason: p.code,
    message: p.message,
  }));
};

export const ruleFacts = (rule: unknown): string[] => (rule === undefined ? [] : factsUsed(rule));

/** Compile a rule that passed `ruleProblems` (published and saved rules have). */
export const compile = (rule: unknown): CompiledRule => compileRule(rule);

/** The rule as a sentence in both languages (the JSON when the engine cannot read it). */
export const renderText = (rule: unknown): { zh: string; en: string } => {
  try {
    return { zh: renderRule(rule, catalogue, 'zh-CN'), en: renderRule(rule, catalogue, 'en') };
  } catch {
    const json = JSON.stringify(rule) ?? '';
    return { zh: json, en: json };
  }
};

export type Advice = { fact: string; current: unknown; operator: string; threshold: unknown; value: unknown; textZh: string; textEn: string };

const shown = (value: unknown, lang: 'zh-CN' | 'en'): string => {
  if (typeof value === 'boolean') return lang === 'en' ? (value ? 'yes' : 'no') : value ? '是' : '否';
  if (typeof value === 'number') return String(Math.round(value * 1e6) / 1e6);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
};

/** "若研发投入强度达到 4 %，即可适用" / "If R&D intensity reaches 4 %, the benefit applies". */
export const adviceText = (a: ThresholdAdvice): { textZh: string; textEn: string } => {
  const def = factDefinition(a.fact);
  const label = { zh: def?.label['zh-CN'] ?? a.fact, en: def?.label.en ?? a.fact };
  const unit = { zh: def?.unit ? ` ${def.unit['zh-CN']}` : '', en: def?.unit ? ` ${def.unit.en}` : '' };
  const t = { zh: `${shown(a.threshold, 'zh-CN')}${typeof a.threshold === 'number' ? unit.zh : ''}`, en: `${shown(a.threshold, 'en')}${typeof a.threshold === 'number' ? unit.en : ''}` };
  const v = { zh: `${shown(a.value, 'zh-CN')}${typeof a.value === 'number' ? unit.zh : ''}`, en: `${shown(a.value, 'en')}${typeof a.value === 'number' ? unit.en : ''}` };
  const [zh, en] = (() => {
    switch (a.operator) {
      case '>=':
        return [`${label.zh}达到 ${t.zh}`, `${label.en} reaches ${t.en}`];
      case '>':
        return [`${label.zh}超过 ${t.zh}`, `${label.en} exceeds ${t.en}`];
      case '<=':
        return [`${label.zh}不超过 ${t.zh}`, `${label.en} is at most ${t.en}`];
      case '<':
        return [`${label.zh}低于 ${t.zh}`, `${label.en} is below ${t.en}`];
      case '!=':
      case '!==':
        return [`${label.zh}不为 ${t.zh}`, `${label.en} is not ${t.en}`];
      case 'contains':
        return [`${label.zh}包含 ${t.zh}`, `${label.en} includes ${t.en}`];
      default:
        // A yes/no fact reads as the condition itself: "若纳税信用良好" rather than "若纳税信用良好为 是".
        if (typeof a.value === 'boolean') return a.value ? [label.zh, `“${label.en}” holds`] : [`不满足“${label.zh}”`, `“${label.en}” does not hold`];
        return [`${label.zh}为 ${v.zh}`, `${label.en} is ${v.en}`];
    }
  })();
  return { textZh: `若${zh}，即可适用`, textEn: `If ${en}, the benefit applies` };
};

/** Single-fact changes, each verified by the engine to make the benefit apply. */
export const advise = (compiled: CompiledRule, facts: Record<string, unknown>): Advice[] => {
  try {
    return adviseThresholds(compiled, facts, catalogue).map((a) => ({ fact: a.fact, current: a.current, operator: a.operator, threshold: a.threshold, value: a.value, ...adviceText(a) }));
  } catch {
    return []; // advice is a help, never a reason to fail the match
  }
};

/** The missing facts to ask for across rules still unknown, most decisive first (the engine's order). */
export const questionsAcross = (compiled: readonly CompiledRule[], facts: Record<string, unknown>): { fact: string; rules: number; decides: number }[] =>
  compiled.length === 0 ? [] : questionsToDecideAcross(compiled, facts, catalogue);
