import { csvRows, elementsToMetaCsv, EvaluationInputError, metaField, parseFramework } from '../../../../core/evaluation/index.js';
import { ZFrameworkKey, type TFrameworkElement } from '../../../../shared/schemas/evaluation.js';

/**
 * The framework editor's model: iMeta rows (`TFrameworkElement`) in iMeta
 * order, each with a local id so a row keeps its identity while its code is
 * edited, and its parent's id, so the tree holds together while codes are
 * being typed (even through a moment when two nodes share one). `parent`, the
 * code that is saved, follows the parent's code. Pure functions: the tree with
 * each node's weight share, the edits (add, remove, move, rename), and the
 * checks the engine will make on the codes, each problem naming the element
 * and field it concerns.
 */

export type EditorElement = TFrameworkElement & {
  readonly id: string;
  /** The parent element's id; null at the top, or when `parent` names no element (an orphan, flagged by the checks). */
  readonly parentId: string | null;
};

export type TreeNode = {
  element: EditorElement;
  children: TreeNode[];
  /** Weight ÷ the weights of the node and its siblings; null for the index or when they all weigh 0. */
  share: number | null;
  /** The product of the shares from the index down: the node's weight in the index (arithmetic mean). */
  effective: number | null;
};

const isTreeType = (e: TFrameworkElement): boolean => e.type === 'Indicator' || e.type === 'Aggregate';

let counter = 0;
const nextId = (): string => `el-${++counter}`;

/** Ids for loaded rows; each Parent code is resolved to the first indicator or aggregate with that code. */
export const withIds = (elements: readonly TFrameworkElement[]): EditorElement[] => {
  const ided = elements.map((e) => ({ ...e, id: nextId(), parentId: null as string | null }));
  const byCode = new Map<string, string>();
  for (const e of ided) if (isTreeType(e) && !byCode.has(e.code)) byCode.set(e.code, e.id);
  return ided.map((e) => {
    const parentId = isTreeType(e) && e.parent !== null ? (byCode.get(e.parent) ?? null) : null;
    return { ...e, parentId: parentId === e.id ? null : parentId };
  });
};

export const withoutIds = (elements: readonly EditorElement[]): TFrameworkElement[] => elements.map(({ id: _id, parentId: _parentId, ...e }) => e);

/** The tree of indicators and aggregates (orphans and loops end up as extra roots, so nothing disappears from view). */
export const buildTree = (elements: readonly EditorElement[]): TreeNode[] => {
  const tree = elements.filter(isTreeType);
  const ids = new Set(tree.map((e) => e.id));
  const childrenOf = new Map<string, EditorElement[]>();
  const roots: EditorElement[] = [];
  for (const e of tree) {
    if (e.parentId === null || !ids.has(e.parentId) || e.parentId === e.id) roots.push(e);
    else childrenOf.set(e.parentId, [...(childrenOf.get(e.parentId) ?? []), e]);
  }
  const placed = new Set<string>();
  const build = (e: EditorElement, share: number | null, effective: number | null): TreeNode => {
    placed.add(e.id);
    const kids = (childrenOf.get(e.id) ?? []).filter((k) => !placed.has(k.id));
    const total = kids.reduce((s, k) => s + (k.weight ?? 0), 0);
    const node: TreeNode = { element: e, children: [], share, effective };
    for (const k of kids) {
      if (placed.has(k.id)) continue;
      const kShare = total > 0 ? (k.weight ?? 0) / total : null;
      node.children.push(build(k, kShare, kShare === null || effective === null ? null : effective * kShare));
    }
    return node;
  };
  const result = roots.map((r) => build(r, null, 1));
  // A parent loop (A under B, B under A) has no root: show its members at the top.
  for (const e of tree) if (!placed.has(e.id)) result.push(build(e, null, null));
  return result;
};

/** Every node of the tree, depth first. */
export const flattenTree = (nodes: readonly TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flattenTree(n.children)]);

/* ---------- checks ---------- */

export type ProblemReason =
  | 'codeEmpty'
  | 'codeDuplicate'
  | 'tooLong'
  | 'indicatorLevel'
  | 'aggregateLevel'
  | 'noAggregate'
  | 'rootCount'
  | 'rootParent'
  | 'parentMissing'
  | 'parentLevel'
  | 'noChildren'
  | 'weightMissing'
  | 'directionMissing'
  | 'denominatorUnknown'
  | 'notInData'
  | 'tooFew'
  | 'engine';

export type Problem = {
  /** The element concerned; null for the framework as a whole. */
  id: string | null;
  field: keyof TFrameworkElement | null;
  reason: ProblemReason;
  values: Record<string, string | number>;
  /** Errors stop a save; a warning (an indicator the current dataset lacks) only stops running on that dataset. */
  severity: 'error' | 'warning';
};

/**
 * What the engine (and so the server) would refuse, all at once rather than
 * the first: unique codes, levels (indicators 1, aggregates 2 and up, one
 * index at the top), every parent an aggregate one level up, no empty
 * aggregate, weights and directions present, known denominators. With the
 * dataset's column names, indicators the data lacks too.
 */
export const checkFramework = (elements: readonly EditorElement[], dataColumns?: ReadonlySet<string> | null): Problem[] => {
  const problems: Problem[] = [];
  const add = (id: string | null, field: keyof TFrameworkElement | null, reason: ProblemReason, values: Record<string, string | number> = {}) =>
    problems.push({ id, field, reason, values, severity: reason === 'notInData' ? 'warning' : 'error' });
  if (elements.length < 2) add(null, null, 'tooFew');

  const uses = new Map<string, number>();
  for (const e of elements) uses.set(e.code.trim(), (uses.get(e.code.trim()) ?? 0) + 1);
  for (const e of elements) {
    const code = e.code.trim();
    // Every element sharing a code is flagged: the one just renamed and the one it now clashes with.
    if (code === '') add(e.id, 'code', 'codeEmpty');
    else if ((uses.get(code) ?? 0) > 1) add(e.id, 'code', 'codeDuplicate', { code });
    if (code.length > 100) add(e.id, 'code', 'tooLong', { max: 100 });
    if (e.name.length > 300) add(e.id, 'name', 'tooLong', { max: 300 });
    if (e.unit.length > 100) add(e.id, 'unit', 'tooLong', { max: 100 });
  }

  const tree = elements.filter(isTreeType);
  const denominators = new Set(elements.filter((e) => e.type === 'Denominator').map((e) => e.code.trim()));
  for (const e of tree) {
    if (e.type === 'Indicator' && e.level !== 1) add(e.id, 'level', 'indicatorLevel');
    if (e.type === 'Aggregate' && (e.level === null || e.level < 2)) add(e.id, 'level', 'aggregateLevel');
    if (e.weight === null || !(e.weight >= 0)) add(e.id, 'weight', 'weightMissing');
    if (e.type === 'Indicator' && e.direction === null) add(e.id, 'direction', 'directionMissing');
    if (e.denominator !== null && e.denominator !== '' && !denominators.has(e.denominator)) add(e.id, 'denominator', 'denominatorUnknown', { code: e.denominator });
    if (e.type === 'Indicator' && dataColumns && e.code.trim() !== '' && !dataColumns.has(e.code.trim())) add(e.id, 'code', 'notInData', { code: e.code.trim() });
  }

  const maxLevel = Math.max(0, ...tree.map((e) => e.level ?? 0));
  if (maxLevel < 2) {
    add(null, null, 'noAggregate');
    return problems;
  }
  const roots = tree.filter((e) => e.level === maxLevel);
  if (roots.length !== 1) add(null, null, 'rootCount', { level: maxLevel, codes: roots.map((r) => r.code).join(', ') });
  const byCode = new Map(tree.map((e) => [e.code.trim(), e]));
  const hasChildren = new Set<string>();
  for (const e of tree) {
    if (e.level === maxLevel) {
      if (e.parent !== null && e.parent !== '') add(e.id, 'parent', 'rootParent');
      continue;
    }
    const parent = e.parent ? byCode.get(e.parent) : undefined;
    if (!parent) add(e.id, 'parent', 'parentMissing', { parent: e.parent ?? '' });
    else if (parent.type !== 'Aggregate' || parent.level !== (e.level ?? 0) + 1) add(e.id, 'parent', 'parentLevel', { parent: parent.code, level: (e.level ?? 0) + 1 });
    if (parent) hasChildren.add(parent.id);
  }
  for (const e of tree) if (e.type === 'Aggregate' && !hasChildren.has(e.id)) add(e.id, null, 'noChildren');

  // The engine's own parser has the last word: anything it refuses that the checks above missed.
  if (!problems.some((p) => p.severity === 'error')) {
    const engine = engineProblem(elements);
    if (engine) problems.push(engine);
  }
  return problems;
};

/** The engine's verdict on the elements (as the server will parse them), or null when it accepts them. */
export const engineProblem = (elements: readonly EditorElement[]): Problem | null => {
  try {
    parseFramework({ name: 'iMeta.csv', rows: csvRows(elementsToMetaCsv(withoutIds(elements))) });
    return null;
  } catch (error) {
    if (!(error instanceof EvaluationInputError)) throw error;
    const element = error.row === undefined ? undefined : elements[error.row - 2];
    return { id: element?.id ?? null, field: metaField(error.column), reason: 'engine', values: { message: error.reason }, severity: 'error' };
  }
};

export const isValidKey = (key: string): boolean => ZFrameworkKey.safeParse(key).success;

/** A key suggested from a code or name: lower-case letters, digits, - and _. */
export const suggestKey = (text: string): string => {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 60);
  return isValidKey(slug) ? slug : 'framework';
};

/* ---------- edits (each returns a new list) ---------- */

const descendants = (elements: readonly EditorElement[], id: string): Set<string> => {
  const out = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const e of elements) {
      if (!out.has(e.id) && e.parentId !== null && out.has(e.parentId)) {
        out.add(e.id);
        grew = true;
      }
    }
  }
  return out;
};

/** How many elements removing this one removes (itself and everything under it). */
export const subtreeSize = (elements: readonly EditorElement[], id: string): number => descendants(elements, id).size;

/** A code not yet used: `prefix1`, `prefix2`… */
export const freeCode = (elements: readonly TFrameworkElement[], prefix: string): string => {
  const used = new Set(elements.map((e) => e.code));
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
};

/** A new child one level under an aggregate: an indicator under level 2, an aggregate above. Appended, so it is the last child. */
export const addChild = (elements: readonly EditorElement[], parentId: string): { elements: EditorElement[]; id: string | null } => {
  const parent = elements.find((e) => e.id === parentId);
  if (!parent || parent.type !== 'Aggregate' || parent.level === null || parent.level < 2) return { elements: [...elements], id: null };
  const level = parent.level - 1;
  const indicator = level === 1;
  const child: EditorElement = {
    id: nextId(),
    type: indicator ? 'Indicator' : 'Aggregate',
    level,
    code: freeCode(elements, indicator ? 'NewIndicator' : 'NewGroup'),
    name: '',
    direction: indicator ? 1 : null,
    weight: 1,
    unit: '',
    target: null,
    denominator: null,
    parent: parent.code,
    parentId: parent.id,
  };
  return { elements: [...elements, child], id: child.id };
};

/** Removes an element and everything under it. */
export const removeElement = (elements: readonly EditorElement[], id: string): EditorElement[] => {
  const gone = descendants(elements, id);
  return elements.filter((e) => !gone.has(e.id));
};

/** Swaps an element with its previous (-1) or next (1) sibling: iMeta order is the children's order. */
export const moveAmongSiblings = (elements: readonly EditorElement[], id: string, step: -1 | 1): EditorElement[] => {
  const me = elements.find((e) => e.id === id);
  if (!me) return [...elements];
  const siblings = elements.map((e, i) => [e, i] as const).filter(([e]) => isTreeType(e) && e.parentId === me.parentId && (me.parentId !== null || e.level === me.level));
  const at = siblings.findIndex(([e]) => e.id === id);
  const other = siblings[at + step];
  if (!other) return [...elements];
  const next = [...elements];
  const i = siblings[at]?.[1] as number;
  next[i] = other[0];
  next[other[1]] = me;
  return next;
};

/** The aggregates an element may move under: one level above it, itself and its own subtree excluded. */
export const parentOptions = (elements: readonly EditorElement[], id: string): EditorElement[] => {
  const me = elements.find((e) => e.id === id);
  const level = me?.level;
  if (!me || level === null || level === undefined) return [];
  const own = descendants(elements, id);
  return elements.filter((e) => e.type === 'Aggregate' && e.level === level + 1 && !own.has(e.id));
};

/** Moves an element (with its subtree) under another aggregate, as its last child. */
export const moveToParent = (elements: readonly EditorElement[], id: string, parentId: string): EditorElement[] => {
  const me = elements.find((e) => e.id === id);
  const parent = elements.find((e) => e.id === parentId);
  if (!me || !parent || parentId === id) return [...elements];
  return [...elements.filter((e) => e.id !== id), { ...me, parent: parent.code, parentId }];
};

/** Changes some fields of one element; a new code is carried to its children's Parent and, for a denominator, to the indicators that use it. */
export const updateElement = (elements: readonly EditorElement[], id: string, patch: Partial<TFrameworkElement>): EditorElement[] => {
  const me = elements.find((e) => e.id === id);
  if (!me) return [...elements];
  const oldCode = me.code;
  const newCode = patch.code;
  const renamed = newCode !== undefined && newCode !== oldCode;
  return elements.map((e) => {
    if (e.id === id) return { ...e, ...patch };
    if (!renamed) return e;
    if (me.type === 'Denominator' && oldCode !== '' && e.denominator === oldCode) return { ...e, denominator: newCode };
    if (e.parentId === id) return { ...e, parent: newCode };
    return e;
  });
};

/** The same framework with some weights replaced (the lab's sliders). */
export const applyWeights = (elements: readonly TFrameworkElement[], weights: ReadonlyMap<string, number>): TFrameworkElement[] =>
  elements.map((e) => (weights.has(e.code) ? { ...e, weight: weights.get(e.code) as number } : e));

/** Codes whose weight differs between two versions of a framework (what a save changes). */
export const changedWeights = (before: readonly TFrameworkElement[], after: readonly TFrameworkElement[]): string[] => {
  const was = new Map(before.map((e) => [e.code, e.weight]));
  return after.filter((e) => was.has(e.code) && was.get(e.code) !== e.weight).map((e) => e.code);
};

export type LevelRole = 'index' | 'subIndex' | 'pillar' | 'indicator';

/** What a level is called in a framework whose index sits at `maxLevel`: indicators (1), pillars (2), sub-indices between, the index at the top. */
export const levelRole = (level: number | null, maxLevel: number): LevelRole => {
  if (level === null || level <= 1) return 'indicator';
  if (level >= maxLevel) return 'index';
  return level === 2 ? 'pillar' : 'subIndex';
};

/** The highest level among the indicators and aggregates (the index's). */
export const topLevel = (elements: readonly TFrameworkElement[]): number => Math.max(1, ...elements.filter(isTreeType).map((e) => e.level ?? 1));
