import type { TIndicator, TMeritScheme, TSelfAssessment } from '../../shared/schemas/talent.js';
import { TALENT_FACTS } from '../../shared/schemas/talent-vocabulary.js';
import { compileRule, questionsToDecideAcross, renderRule, validateRule, type FactDefinition, type RuleProblem } from '../policies/index.js';

/**
 * The transparent merit-point simulator of a talent call. Pure: the scheme
 * and the applicant's answers in, the points per indicator, the weighted
 * total and the verdict out. Unanswered indicators give a range (nothing to
 * all their points), so a verdict is "pass" only when even the lowest total
 * reaches the threshold; eligibility gates are the policy engine's rules,
 * evaluated three-valued, with the questions that would decide the unknowns.
 */

export type Answers = Readonly<Record<string, unknown>>;

/** The talent facts as the policy engine's catalogue. */
export const TALENT_CATALOGUE: readonly FactDefinition[] = TALENT_FACTS.map(({ part: _part, ...f }) => f);

const answered = (answers: Answers, fact: string): unknown => {
  const v = Object.hasOwn(answers, fact) ? answers[fact] : undefined;
  return v === undefined || v === null || v === '' ? null : v;
};

/** The points an indicator gives for an answer; null when unanswered (or answered with the wrong kind of value). */
export const indicatorPoints = (indicator: TIndicator, value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  const m = indicator.measure;
  if (m.kind === 'boolean') return typeof value === 'boolean' ? (value ? indicator.points : 0) : null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (m.kind === 'linear') return Math.min(indicator.points, Math.max(0, value * m.perUnit));
  let points = 0;
  for (const band of m.bands) if (value >= band.min) points = Math.max(points, Math.min(band.points, indicator.points));
  return points;
};

type PartName = 'personal' | 'enterprise';

/** A part's score on 0–100 from its indicators' points (unknown points counted as `fill`). */
const partScore = (rows: readonly { part: PartName; points: number | null; max: number }[], part: PartName, fill: 'none' | 'all'): number => {
  const mine = rows.filter((r) => r.part === part);
  const max = mine.reduce((s, r) => s + r.max, 0);
  if (max <= 0) return 0;
  const got = mine.reduce((s, r) => s + (r.points ?? (fill === 'all' ? r.max : 0)), 0);
  return (got / max) * 100;
};

/** The weighted total (0–100) from indicator points, as a range over the unanswered ones. */
export const weightedTotal = (scheme: Pick<TMeritScheme, 'weights'>, rows: readonly { part: PartName; points: number | null; max: number }[]) => {
  const parts = {
    personal: { min: partScore(rows, 'personal', 'none'), max: partScore(rows, 'personal', 'all') },
    enterprise: { min: partScore(rows, 'enterprise', 'none'), max: partScore(rows, 'enterprise', 'all') },
  };
  const w = scheme.weights;
  const total = {
    min: (w.personal * parts.personal.min + w.enterprise * parts.enterprise.min) / 100,
    max: (w.personal * parts.personal.max + w.enterprise * parts.enterprise.max) / 100,
  };
  return { parts, total };
};

/** Validate a scheme's gates against the talent facts: the problems, by gate. */
export const gateProblems = (scheme: Pick<TMeritScheme, 'gates'>): { gate: number; problems: RuleProblem[] }[] =>
  scheme.gates.map((g, gate) => ({ gate, problems: validateRule(g.rule, TALENT_CATALOGUE).filter((p) => p.severity === 'error' || p.code === 'unknown_fact') })).filter((g) => g.problems.length > 0);

/** The gates as sentences, for the published call. */
export const gateSentences = (scheme: Pick<TMeritScheme, 'gates'>) => scheme.gates.map((g) => ({ id: g.id, zh: renderRule(g.rule, TALENT_CATALOGUE, 'zh-CN'), en: renderRule(g.rule, TALENT_CATALOGUE, 'en') }));

/** Run the self-assessment. The scheme's gates must be valid rules (see gateProblems). */
export const selfAssess = (scheme: TMeritScheme, answers: Answers): TSelfAssessment => {
  const facts: Record<string, unknown> = {};
  for (const f of TALENT_CATALOGUE) {
    const v = answered(answers, f.name);
    if (v !== null) facts[f.name] = v;
  }
  const indicators = scheme.indicators.map((ind) => ({ id: ind.id, part: ind.part, points: indicatorPoints(ind, answered(facts, ind.fact)), max: ind.points }));
  const { parts, total } = weightedTotal(scheme, indicators);
  // A small tolerance, so that 70 reached through sums of fractions counts as 70.
  const eps = 1e-9;
  const thresholdResult = total.min + eps >= scheme.threshold ? 'pass' : total.max + eps < scheme.threshold ? 'fail' : 'unknown';
  const compiled = scheme.gates.map((g) => compileRule(g.rule));
  const gates = scheme.gates.map((g, i) => {
    const e = (compiled[i] as ReturnType<typeof compileRule>).evaluate(facts);
    return { id: g.id, result: e.result, missing: [...e.missing] };
  });
  const result = thresholdResult === 'fail' || gates.some((g) => g.result === 'ineligible') ? 'ineligible' : thresholdResult === 'pass' && gates.every((g) => g.result === 'eligible') ? 'eligible' : 'unknown';

  // What to ask next: the gates' deciding facts (policy engine), then unanswered indicators that could settle the threshold.
  const questions = new Map<string, { fact: string; decides: number; rules: number }>();
  if (result === 'unknown') {
    for (const q of questionsToDecideAcross(compiled, facts, TALENT_CATALOGUE)) questions.set(q.fact, { fact: q.fact, decides: q.decides, rules: q.rules });
    if (thresholdResult === 'unknown') {
      for (const ind of scheme.indicators) {
        if (answered(facts, ind.fact) !== null) continue;
        const at = (points: number) => weightedTotal(scheme, indicators.map((r) => (r.id === ind.id ? { ...r, points } : r))).total;
        const decides = at(ind.points).min + eps >= scheme.threshold || at(0).max + eps < scheme.threshold ? 1 : 0;
        const entry = questions.get(ind.fact) ?? { fact: ind.fact, decides: 0, rules: 0 };
        questions.set(ind.fact, { fact: ind.fact, decides: entry.decides + decides, rules: entry.rules + 1 });
      }
    }
  }
  return {
    indicators,
    parts,
    total,
    threshold: scheme.threshold,
    thresholdResult,
    gates,
    result,
    questions: [...questions.values()].sort((a, b) => b.decides - a.decides || b.rules - a.rules || (a.fact < b.fact ? -1 : a.fact > b.fact ? 1 : 0)),
  };
};

/** Type check of answers against the talent facts: the paths of answers of the wrong type. */
export const answerProblems = (answers: Answers): { fact: string; expected: string }[] => {
  const out: { fact: string; expected: string }[] = [];
  for (const f of TALENT_CATALOGUE) {
    const v = answered(answers, f.name);
    if (v === null) continue;
    const ok = f.type === 'boolean' ? typeof v === 'boolean' : f.type === 'integer' ? Number.isInteger(v) : f.type === 'number' ? typeof v === 'number' && Number.isFinite(v) : typeof v === 'string';
    if (!ok) out.push({ fact: f.name, expected: f.type });
  }
  return out;
};
