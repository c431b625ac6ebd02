/**
 * The rule builder's model of a JSON Logic rule: nested and/or groups of
 * "fact – operator – value" conditions, each group or condition optionally
 * negated, and raw JSON for any part the builder cannot express (kept as
 * written). `ruleToTree` and `treeToRule` are inverse on what they produce:
 * a rule read into a tree and written back is the same rule.
 */

export type GroupOp = 'and' | 'or';
/** Comparison operators (numbers and strings), `between` (lo ≤ fact ≤ hi), `contains` (a list fact holds the value), `oneOf` (the fact is one of the values). */
export const CONDITION_OPERATORS = ['>', '>=', '<', '<=', '==', '!=', 'between', 'contains', 'oneOf'] as const;
export type ConditionOp = (typeof CONDITION_OPERATORS)[number];
export type Scalar = number | string | boolean;

export type ConditionNode = { kind: 'condition'; id: string; not: boolean; fact: string; op: ConditionOp; value: Scalar | Scalar[] | null; value2?: number | null };
export type GroupNode = {
  kind: 'group';
  id: string;
  not: boolean;
  op: GroupOp;
  children: RuleTreeNode[];
  /** The root made up around a rule that is not itself an and/or: written back without the group while it holds one child. */
  implicit?: boolean;
};
export type RawNode = { kind: 'raw'; id: string; not: boolean; rule: unknown };
export type RuleTreeNode = ConditionNode | GroupNode | RawNode;

let counter = 0;
export const newId = (): string => `n${++counter}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
/** The single operator of a JSON Logic operation and its arguments (a lone argument as a one-item list), or null. */
const operation = (rule: unknown): { op: string; args: unknown[]; listed: boolean } | null => {
  if (!isObject(rule)) return null;
  const keys = Object.keys(rule);
  if (keys.length !== 1) return null;
  const op = keys[0] as string;
  const raw = rule[op];
  return Array.isArray(raw) ? { op, args: raw, listed: true } : { op, args: [raw], listed: false };
};
/** `{"var": "name"}` exactly, with a plain fact name. */
const varName = (v: unknown): string | null => {
  const o = operation(v);
  if (!o || o.op !== 'var' || o.listed || typeof o.args[0] !== 'string' || o.args[0] === '') return null;
  return o.args[0];
};
const fact = (name: string) => ({ var: name });

const COMPARISONS = new Set(['>', '>=', '<', '<=', '==', '!=']);

const readCondition = (rule: unknown): Omit<ConditionNode, 'id' | 'not'> | null => {
  const o = operation(rule);
  if (!o || !o.listed) return null;
  if (COMPARISONS.has(o.op) && o.args.length === 2) {
    const name = varName(o.args[0]);
    if (name !== null && isScalar(o.args[1])) return { kind: 'condition', fact: name, op: o.op as ConditionOp, value: o.args[1] };
  }
  if (o.op === '<=' && o.args.length === 3) {
    const [lo, v, hi] = o.args;
    const name = varName(v);
    if (name !== null && typeof lo === 'number' && typeof hi === 'number') return { kind: 'condition', fact: name, op: 'between', value: lo, value2: hi };
  }
  if (o.op === 'in' && o.args.length === 2) {
    const [a, b] = o.args;
    const listFact = varName(b);
    if (listFact !== null && isScalar(a)) return { kind: 'condition', fact: listFact, op: 'contains', value: a };
    const name = varName(a);
    if (name !== null && Array.isArray(b) && b.length > 0 && b.every(isScalar)) return { kind: 'condition', fact: name, op: 'oneOf', value: [...b] };
  }
  return null;
};

/** Any JSON Logic rule as a node: a negation folds into `not` (once), and/or become groups, known comparisons conditions, the rest raw. */
export const ruleToNode = (rule: unknown): RuleTreeNode => {
  const o = operation(rule);
  if (o && o.op === '!' && o.args.length === 1) {
    const inner = ruleToNode(o.args[0]);
    // Only `{"!": [x]}` is written back; `{"!": x}` and `!!`-like doubles stay raw so the JSON round-trips.
    if (o.listed && !inner.not) return { ...inner, not: true };
    return { kind: 'raw', id: newId(), not: false, rule };
  }
  if (o && (o.op === 'and' || o.op === 'or') && o.listed) {
    return { kind: 'group', id: newId(), not: false, op: o.op, children: o.args.map(ruleToNode) };
  }
  const condition = readCondition(rule);
  if (condition) return { ...condition, id: newId(), not: false };
  return { kind: 'raw', id: newId(), not: false, rule };
};

/** A rule as the builder's root group (made up, `implicit`, when the rule is not an and/or without negation). */
export const ruleToTree = (rule: unknown): GroupNode => {
  if (rule === undefined) return emptyTree();
  const node = ruleToNode(rule);
  if (node.kind === 'group' && !node.not) return node;
  return { kind: 'group', id: newId(), not: false, op: 'and', children: [node], implicit: true };
};

export const emptyTree = (): GroupNode => ({ kind: 'group', id: newId(), not: false, op: 'and', children: [] });

const conditionRule = (c: ConditionNode): unknown => {
  switch (c.op) {
    case 'between':
      return { '<=': [c.value, fact(c.fact), c.value2 ?? null] };
    case 'contains':
      return { in: [c.value, fact(c.fact)] };
    case 'oneOf':
      return { in: [fact(c.fact), Array.isArray(c.value) ? c.value : c.value === null ? [] : [c.value]] };
    default:
      return { [c.op]: [fact(c.fact), c.value] };
  }
};

export const nodeToRule = (node: RuleTreeNode): unknown => {
  const inner = node.kind === 'raw' ? node.rule : node.kind === 'condition' ? conditionRule(node) : { [node.op]: node.children.map(nodeToRule) };
  return node.not ? { '!': [inner] } : inner;
};

/** The tree as JSON Logic (an implicit root with one child is that child). */
export const treeToRule = (tree: GroupNode): unknown => {
  if (tree.implicit && !tree.not && tree.children.length === 1) return nodeToRule(tree.children[0] as RuleTreeNode);
  return nodeToRule(tree);
};

/**
 * Where each node sits in the rule `treeToRule` writes, as the server's
 * problem paths are written (`and.1.>=.0`; '' for the rule itself), so a
 * problem can be shown on its row.
 */
export const nodePaths = (tree: GroupNode): Map<string, string> => {
  const paths = new Map<string, string>();
  const join = (a: string, b: string | number) => (a === '' ? String(b) : `${a}.${b}`);
  const visit = (node: RuleTreeNode, path: string) => {
    paths.set(node.id, path);
    const at = node.not ? join(join(path, '!'), 0) : path;
    if (node.kind === 'group') node.children.forEach((child, i) => visit(child, join(join(at, node.op), i)));
  };
  if (tree.implicit && !tree.not && tree.children.length === 1) {
    paths.set(tree.id, '');
    visit(tree.children[0] as RuleTreeNode, '');
  } else visit(tree, '');
  return paths;
};

/** The node whose path is the longest prefix of a problem's path (the root when none). */
export const nodeForPath = (paths: Map<string, string>, problemPath: string): string | null => {
  let best: string | null = null;
  let bestLength = -1;
  for (const [id, path] of paths) {
    const prefix = path === '' || problemPath === path || problemPath.startsWith(`${path}.`);
    if (prefix && path.length >= bestLength) {
      best = id;
      bestLength = path.length;
    }
  }
  return best;
};

// --- editing (immutable) ---------------------------------------------------------

const mapNode = (node: RuleTreeNode, id: string, f: (n: RuleTreeNode) => RuleTreeNode | null): RuleTreeNode | null => {
  if (node.id === id) return f(node);
  if (node.kind !== 'group') return node;
  const children = node.children.map((c) => mapNode(c, id, f)).filter((c): c is RuleTreeNode => c !== null);
  return { ...node, children };
};

/** Replace (or, with null, remove) the node `id`. The root cannot be removed. */
export const updateNode = (tree: GroupNode, id: string, f: (n: RuleTreeNode) => RuleTreeNode | null): GroupNode => {
  const next = mapNode(tree, id, f);
  return next && next.kind === 'group' ? next : tree;
};

/** Add a child to the group `groupId`; the root stops being implicit (it is now written out). */
export const addChild = (tree: GroupNode, groupId: string, child: RuleTreeNode): GroupNode => {
  const next = updateNode(tree, groupId, (n) => (n.kind === 'group' ? { ...n, children: [...n.children, child] } : n));
  return next.implicit && next.children.length > 1 ? { ...next, implicit: false } : next;
};

export const removeNode = (tree: GroupNode, id: string): GroupNode => updateNode(tree, id, () => null);

/** Count conditions and raw parts (empty groups are what the server refuses). */
export const countLeaves = (node: RuleTreeNode): number => (node.kind === 'group' ? node.children.reduce((n, c) => n + countLeaves(c), 0) : 1);
