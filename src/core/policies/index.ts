/** The policy eligibility engine (issue 6): JSON Logic rules over enterprise facts, evaluated three-valued, compiled once. See docs/POLICIES.md. */
export { adviseThresholds, questionsToDecide, questionsToDecideAcross, type Question, type ThresholdAdvice } from './advice.js';
export { compileRule, compileRuleSet, type CompiledRule, type CompiledRuleSet, type EligibilityResult, type Evaluation, type ExplainNode, type Explanation } from './compile.js';
export { FACT_CATALOGUE, factDefinition, type FactDefinition, type FactType, type LocalisedText } from './facts.js';
export type { Comparison } from './operations.js';
export { interpretRule } from './reference.js';
export { renderRule, type RuleLanguage } from './render.js';
export { factsUsed, formatPath, OPERATORS, parseRule, RuleError, validateRule, type Operator, type RuleNode, type RulePath, type RuleProblem, type RuleProblemCode } from './syntax.js';
export { truthy, type Facts, type JsonValue } from './values.js';
