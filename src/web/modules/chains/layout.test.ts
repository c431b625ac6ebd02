import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsOf, layoutChain, scoreColour } from './layout.js';

describe('chain layout', () => {
  it('puts each node one column right of its deepest input', () => {
    const nodes = ['eda', 'design', 'equipment', 'fab', 'packaging'].map((id) => ({ id, layer: null }));
    const links = [
      { from: 'eda', to: 'design' },
      { from: 'design', to: 'fab' },
      { from: 'equipment', to: 'fab' },
      { from: 'fab', to: 'packaging' },
    ];
    expect(Object.fromEntries(columnsOf(nodes, links))).toEqual({ eda: 0, design: 1, equipment: 0, fab: 2, packaging: 3 });
    expect(layoutChain(nodes, links).filter((p) => p.column === 0).map((p) => [p.id, p.row])).toEqual([
      ['eda', 0],
      ['equipment', 1],
    ]);
  });
  it('keeps a stated layer and survives cycles', () => {
    const columns = columnsOf(
      [
        { id: 'a', layer: null },
        { id: 'b', layer: null },
        { id: 'c', layer: 5 },
      ],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
        { from: 'b', to: 'c' },
      ],
    );
    expect(columns.get('c')).toBe(5);
    expect([columns.get('a'), columns.get('b')].every((x) => typeof x === 'number')).toBe(true);
  });
  it('places every node of any acyclic map right of all its inputs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.tuple(fc.nat(k - 1), fc.nat(k - 1)), { maxLength: 60 }))), ([k, pairs]) => {
        const nodes = Array.from({ length: k }, (_, i) => ({ id: `n${i}`, layer: null }));
        const links = pairs.filter(([a, b]) => a < b).map(([a, b]) => ({ from: `n${a}`, to: `n${b}` }));
        const c = columnsOf(nodes, links);
        for (const l of links) expect(c.get(l.to) as number).toBeGreaterThan(c.get(l.from) as number);
      }),
    );
  });
  it('colours scores from green to red, grey without data', () => {
    expect(scoreColour(0)).toBe('rgb(82, 196, 26)');
    expect(scoreColour(1)).toBe('rgb(245, 34, 45)');
    expect(scoreColour(null)).toBe('#bfbfbf');
  });
});
