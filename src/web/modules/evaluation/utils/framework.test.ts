import { describe, expect, test } from 'vitest';
import { ASEM_IMETA } from '../../../../core/evaluation/fixtures/asem.js';
import { metaCsvToElements } from '../../../../core/evaluation/index.js';
import {
  addChild,
  applyWeights,
  buildTree,
  changedWeights,
  checkFramework,
  flattenTree,
  moveAmongSiblings,
  moveToParent,
  parentOptions,
  removeElement,
  subtreeSize,
  suggestKey,
  updateElement,
  withIds,
  withoutIds,
  type EditorElement,
} from './framework.js';

const asem = () => withIds(metaCsvToElements(ASEM_IMETA));
const byCode = (elements: readonly EditorElement[], code: string): EditorElement => {
  const found = elements.find((e) => e.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
};
const reasons = (elements: readonly EditorElement[], columns?: ReadonlySet<string>) =>
  checkFramework(elements, columns).map((p) => `${p.id ? elements.find((e) => e.id === p.id)?.code : '*'}:${p.field ?? '-'}:${p.reason}`);

/** A small framework: Index ← {P1 ← {a, b}, P2 ← {c}}. */
const small = (): EditorElement[] =>
  withIds([
    { type: 'Indicator', level: 1, code: 'a', name: 'A', direction: 1, weight: 1, unit: '', target: null, denominator: null, parent: 'P1' },
    { type: 'Indicator', level: 1, code: 'b', name: 'B', direction: -1, weight: 3, unit: '', target: null, denominator: null, parent: 'P1' },
    { type: 'Indicator', level: 1, code: 'c', name: 'C', direction: 1, weight: 1, unit: '', target: null, denominator: null, parent: 'P2' },
    { type: 'Aggregate', level: 2, code: 'P1', name: 'Pillar 1', direction: null, weight: 1, unit: '', target: null, denominator: null, parent: 'Index' },
    { type: 'Aggregate', level: 2, code: 'P2', name: 'Pillar 2', direction: null, weight: 1, unit: '', target: null, denominator: null, parent: 'Index' },
    { type: 'Aggregate', level: 3, code: 'Index', name: 'Index', direction: null, weight: 1, unit: '', target: null, denominator: null, parent: null },
  ]);

describe('the tree', () => {
  test('ASEM: one index, sub-indices, pillars, 49 indicators, nothing lost', () => {
    const elements = asem();
    const tree = buildTree(elements);
    expect(tree.map((n) => n.element.code)).toEqual(['Index']);
    expect(tree[0]?.children.map((n) => n.element.code)).toEqual(['Conn', 'Sust']);
    const all = flattenTree(tree);
    expect(all.filter((n) => n.element.type === 'Indicator')).toHaveLength(49);
    expect(all).toHaveLength(elements.filter((e) => e.type === 'Indicator' || e.type === 'Aggregate').length);
    expect(checkFramework(elements)).toEqual([]);
  });

  test('shares within the parent, and the effective weight in the index', () => {
    const nodes = flattenTree(buildTree(small()));
    const at = (code: string) => nodes.find((n) => n.element.code === code);
    expect(at('Index')).toMatchObject({ share: null, effective: 1 });
    expect(at('P1')?.share).toBe(0.5);
    expect(at('a')?.share).toBe(0.25);
    expect(at('b')?.share).toBe(0.75);
    expect(at('b')?.effective).toBe(0.375);
    expect(at('c')).toMatchObject({ share: 1, effective: 0.5 });
    // Effective weights of the indicators add up to 1.
    expect(nodes.filter((n) => n.element.level === 1).reduce((s, n) => s + (n.effective ?? 0), 0)).toBeCloseTo(1, 12);
  });

  test('all weights 0 under a parent: no share rather than NaN', () => {
    const elements = small().map((e) => (e.parent === 'P1' ? { ...e, weight: 0 } : e));
    const a = flattenTree(buildTree(elements)).find((n) => n.element.code === 'a');
    expect(a).toMatchObject({ share: null, effective: null });
  });

  test('an orphan and a parent loop still show', () => {
    const loop = withIds(withoutIds(small()).map((e) => (e.code === 'P1' ? { ...e, parent: 'a' } : e)));
    const codes = flattenTree(buildTree(loop)).map((n) => n.element.code);
    expect([...codes].sort()).toEqual(['Index', 'P1', 'P2', 'a', 'b', 'c']);
  });
});

describe('checks', () => {
  test('duplicate and empty codes, on every element that shares the code', () => {
    const elements = small().map((e) => (e.code === 'c' ? { ...e, code: 'a' } : e.code === 'b' ? { ...e, code: ' ' } : e));
    const problems = checkFramework(elements).filter((p) => p.reason === 'codeDuplicate');
    expect(problems.map((p) => p.id)).toEqual(elements.filter((e) => e.code === 'a').map((e) => e.id));
    expect(reasons(elements)).toEqual(expect.arrayContaining([' :code:codeEmpty']));
  });

  test('parents: missing, wrong level; an empty aggregate; a second top element', () => {
    const missing = small().map((e) => (e.code === 'c' ? { ...e, parent: 'Nowhere', parentId: null } : e));
    expect(reasons(missing)).toEqual(['c:parent:parentMissing', 'P2:-:noChildren']);
    const wrongLevel = small().map((e) => (e.code === 'c' ? { ...e, parent: 'Index' } : e));
    expect(reasons(wrongLevel)).toEqual(['c:parent:parentLevel', 'P2:-:noChildren']);
    const twoTops = small().map((e) => (e.code === 'P2' ? { ...e, level: 3, parent: null } : e));
    expect(reasons(twoTops)).toEqual(['*:-:rootCount', 'c:parent:parentLevel']);
  });

  test('levels, weights, directions and denominators', () => {
    const elements = small().map((e) =>
      e.code === 'a' ? { ...e, level: 2 } : e.code === 'b' ? { ...e, weight: null, direction: null } : e.code === 'c' ? { ...e, denominator: 'Pop' } : e,
    );
    expect(reasons(elements)).toEqual(
      expect.arrayContaining(['a:level:indicatorLevel', 'b:weight:weightMissing', 'b:direction:directionMissing', 'c:denominator:denominatorUnknown']),
    );
  });

  test('an indicator the dataset lacks is a warning, not an error', () => {
    const problems = checkFramework(small(), new Set(['a', 'b']));
    expect(problems).toMatchObject([{ reason: 'notInData', severity: 'warning', values: { code: 'c' } }]);
  });

  test('what the checks let through, the engine judges', () => {
    const elements = small().map((e) => (e.code === 'b' ? { ...e, weight: Number.NaN } : e));
    expect(checkFramework(elements).map((p) => p.reason)).toEqual(['weightMissing']);
  });

  test('keys', () => {
    expect(suggestKey('Index')).toBe('index');
    expect(suggestKey('科创指数')).toBe('framework');
    expect(suggestKey('My Index 2024')).toBe('my-index-2024');
  });
});

describe('edits', () => {
  test('add an indicator under a pillar and an aggregate under the index', () => {
    const start = small();
    const one = addChild(start, byCode(start, 'P2').id);
    const added = one.elements.find((e) => e.id === one.id);
    expect(added).toMatchObject({ type: 'Indicator', level: 1, parent: 'P2', code: 'NewIndicator1', weight: 1, direction: 1 });
    const two = addChild(one.elements, byCode(start, 'Index').id);
    expect(two.elements.find((e) => e.id === two.id)).toMatchObject({ type: 'Aggregate', level: 2, parent: 'Index' });
    // An empty new aggregate is flagged until it has children.
    expect(reasons(two.elements)).toEqual(['NewGroup1:-:noChildren']);
    expect(addChild(start, byCode(start, 'a').id).id).toBeNull();
  });

  test('remove takes the subtree', () => {
    const start = small();
    expect(subtreeSize(start, byCode(start, 'P1').id)).toBe(3);
    expect(removeElement(start, byCode(start, 'P1').id).map((e) => e.code)).toEqual(['c', 'P2', 'Index']);
  });

  test('move among siblings and to another parent', () => {
    const start = small();
    const swapped = moveAmongSiblings(start, byCode(start, 'b').id, -1);
    expect(buildTree(swapped)[0]?.children[0]?.children.map((n) => n.element.code)).toEqual(['b', 'a']);
    expect(moveAmongSiblings(start, byCode(start, 'a').id, -1)).toEqual(start);
    expect(parentOptions(start, byCode(start, 'a').id).map((e) => e.code)).toEqual(['P1', 'P2']);
    expect(parentOptions(start, byCode(start, 'P1').id).map((e) => e.code)).toEqual(['Index']);
    const moved = moveToParent(start, byCode(start, 'a').id, byCode(start, 'P2').id);
    expect(buildTree(moved)[0]?.children[1]?.children.map((n) => n.element.code)).toEqual(['c', 'a']);
    expect(checkFramework(moved)).toEqual([]);
  });

  test('renaming a code carries it to the children', () => {
    const start = small();
    const renamed = updateElement(start, byCode(start, 'P1').id, { code: 'Pillar1' });
    expect(renamed.filter((e) => e.parent === 'Pillar1').map((e) => e.code)).toEqual(['a', 'b']);
    expect(checkFramework(renamed)).toEqual([]);
  });

  test('typing a code that clashes for a moment keeps the tree: children follow their parent, not the code', () => {
    const start = small();
    const p1 = byCode(start, 'P1').id;
    // P1 becomes "P2" (a clash), then "P3": its children stay with it, P2's stay with P2.
    const clash = updateElement(start, p1, { code: 'P2' });
    expect(checkFramework(clash).filter((p) => p.reason === 'codeDuplicate')).toHaveLength(2);
    expect(buildTree(clash)[0]?.children.map((n) => [n.element.code, n.children.map((c) => c.element.code)])).toEqual([
      ['P2', ['a', 'b']],
      ['P2', ['c']],
    ]);
    const fixed = updateElement(clash, p1, { code: 'P3' });
    expect(withoutIds(fixed).filter((e) => e.parent === 'P3').map((e) => e.code)).toEqual(['a', 'b']);
    expect(withoutIds(fixed).filter((e) => e.parent === 'P2').map((e) => e.code)).toEqual(['c']);
    expect(checkFramework(fixed)).toEqual([]);
  });

  test('slider weights onto the framework; what changed', () => {
    const elements = withoutIds(small());
    const heavier = applyWeights(elements, new Map([['P1', 2.5]]));
    expect(heavier.find((e) => e.code === 'P1')?.weight).toBe(2.5);
    expect(changedWeights(elements, heavier)).toEqual(['P1']);
  });
});

describe('level names', () => {
  test('ASEM: index at 4, sub-indices at 3, pillars at 2, indicators at 1', async () => {
    const { levelRole, topLevel } = await import('./framework.js');
    const max = topLevel(asem());
    expect(max).toBe(4);
    expect([4, 3, 2, 1].map((l) => levelRole(l, max))).toEqual(['index', 'subIndex', 'pillar', 'indicator']);
    expect([2, 1].map((l) => levelRole(l, 2))).toEqual(['index', 'indicator']);
  });
});
