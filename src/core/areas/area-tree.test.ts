import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ancestors, resolveMapArea, type AreaNode } from './area-tree.js';

const tree = (nodes: AreaNode[]): Map<string, AreaNode> => new Map(nodes.map((n) => [n.id, n]));

const sample = tree([
  { id: 'city', parentId: null, withinAreaIds: [] },
  { id: 'd1', parentId: 'city', withinAreaIds: [] },
  { id: 'd2', parentId: 'city', withinAreaIds: [] },
  { id: 'zone', parentId: 'city', withinAreaIds: [] },
  { id: 'park', parentId: 'zone', withinAreaIds: ['d2'] },
  { id: 'sub', parentId: 'park', withinAreaIds: [] },
  { id: 'dev', parentId: 'city', withinAreaIds: ['d2', 'd1'] },
]);
const onMap = new Set(['d1', 'd2']);

describe('resolveMapArea', () => {
  test('a map area resolves to itself', () => expect(resolveMapArea(sample, onMap, 'd1')).toBe('d1'));
  test('a park resolves to the district it lies within', () => expect(resolveMapArea(sample, onMap, 'park')).toBe('d2'));
  test('a sub-park inherits through its parent', () => expect(resolveMapArea(sample, onMap, 'sub')).toBe('d2'));
  test('an area in two districts resolves to the first listed', () => expect(resolveMapArea(sample, onMap, 'dev')).toBe('d2'));
  test('the city itself is not on the map', () => expect(resolveMapArea(sample, onMap, 'city')).toBeNull());
  test('an unknown area resolves to nothing', () => expect(resolveMapArea(sample, onMap, 'nowhere')).toBeNull());

  test('property: terminates and returns a map area or null on arbitrary (even cyclic) graphs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ parent: fc.option(fc.nat(9), { nil: null }), within: fc.array(fc.nat(9), { maxLength: 2 }) }), { minLength: 1, maxLength: 10 }),
        fc.uniqueArray(fc.nat(9), { maxLength: 4 }),
        fc.nat(9),
        (specs, mapIdx, start) => {
          const nodes = specs.map((s, i) => ({ id: `a${i}`, parentId: s.parent === null ? null : `a${s.parent}`, withinAreaIds: s.within.map((w) => `a${w}`) }));
          const map = new Set(mapIdx.map((i) => `a${i}`));
          const result = resolveMapArea(tree(nodes), map, `a${start}`);
          expect(result === null || map.has(result)).toBe(true);
        },
      ),
    );
  });
});

describe('ancestors', () => {
  test('lists parents up to the root', () => expect(ancestors(sample, 'sub')).toEqual(['park', 'zone', 'city']));
  test('stops at a cycle', () => {
    const cyclic = tree([
      { id: 'a', parentId: 'b', withinAreaIds: [] },
      { id: 'b', parentId: 'a', withinAreaIds: [] },
    ]);
    expect(ancestors(cyclic, 'a')).toEqual(['b']);
  });
});
