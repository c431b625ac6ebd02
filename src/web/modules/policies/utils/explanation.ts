import type { TExplanationNode } from '../../../../shared/schemas/policies.js';

/**
 * The clauses of an explanation, flattened for a reader: and/or/not are
 * walked through, every other operation is one clause with its truth, the
 * fact it compares, the operator and the value it is compared with, and the
 * facts read with their values (null when missing).
 */
export type ExplainedClause = {
  path: string;
  truth: TExplanationNode['truth'];
  /** Under a `!`: the clause's truth is reversed in the rule. */
  negated: boolean;
  op: string;
  fact: string | null;
  /** `contains`: the list fact holds the value; `oneOf`: the fact is one of the values; `between`: lo ≤ fact ≤ hi. */
  shape: 'compare' | 'contains' | 'oneOf' | 'between' | 'other';
  operand: unknown;
  operand2?: unknown;
  facts: Record<string, unknown>;
  missing: string[];
};

const CONNECTIVES = new Set(['and', 'or', '!']);

const clauseOf = (node: TExplanationNode, negated: boolean): ExplainedClause => {
  const base = { path: node.path, truth: node.truth, negated, op: node.op, facts: node.facts, missing: node.missing };
  const [a, b, c] = node.children;
  const isVar = (n: TExplanationNode | undefined) => n?.op === 'var' && typeof n.fact === 'string';
  const isLiteral = (n: TExplanationNode | undefined) => n?.op === 'literal' || n?.op === 'array';
  if (node.op === 'in' && isLiteral(a) && isVar(b)) return { ...base, fact: b?.fact ?? null, shape: 'contains', operand: a?.value };
  if (node.op === 'in' && isVar(a) && isLiteral(b)) return { ...base, fact: a?.fact ?? null, shape: 'oneOf', operand: b?.value };
  if ((node.op === '<=' || node.op === '<') && node.children.length === 3 && isLiteral(a) && isVar(b) && isLiteral(c)) {
    return { ...base, fact: b?.fact ?? null, shape: 'between', operand: a?.value, operand2: c?.value };
  }
  if (node.children.length === 2 && isVar(a) && isLiteral(b)) return { ...base, fact: a?.fact ?? null, shape: 'compare', operand: b?.value };
  const facts = Object.keys(node.facts);
  return { ...base, fact: facts.length === 1 ? (facts[0] ?? null) : null, shape: 'other', operand: null };
};

export const explainedClauses = (tree: unknown): ExplainedClause[] => {
  const out: ExplainedClause[] = [];
  const visit = (node: TExplanationNode, negated: boolean) => {
    if (node.skipped) return;
    if (CONNECTIVES.has(node.op)) {
      for (const child of node.children) visit(child, node.op === '!' ? !negated : negated);
      return;
    }
    out.push(clauseOf(node, negated));
  };
  if (tree && typeof tree === 'object' && 'op' in tree) visit(tree as TExplanationNode, false);
  return out;
};

/** Whether the clause holds for the enterprise (a negated clause holds when its inner comparison is false). */
export const clauseHolds = (c: ExplainedClause): 'yes' | 'no' | 'unknown' => (c.truth === 'unknown' ? 'unknown' : (c.truth === 'true') !== c.negated ? 'yes' : 'no');
