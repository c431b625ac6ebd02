import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { waterfallSteps, type ContributionBar } from './contribution-bar.js';

const part = (code: string, contribution: number): ContributionBar => ({ code, name: code.toUpperCase(), contribution, effectiveWeight: 0.25, value: contribution * 4 });

describe('contribution waterfall', () => {
  test('largest first, each step starting where the last ended, closing on the score', () => {
    const steps = waterfallSteps([part('b', 10), part('a', 30), part('c', -5)], 'Score');
    expect(steps.map((s) => [s.name, s.start, s.end])).toEqual([
      ['A', 0, 30],
      ['B', 30, 40],
      ['C', 40, 35],
      ['Score', 0, 35],
    ]);
    expect(steps.at(-1)?.part).toBeNull();
  });

  test('the total is the sum of the parts and the steps join up, whatever the contributions (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { maxLength: 12 }), (values) => {
        const steps = waterfallSteps(values.map((v, i) => part(`p${i}`, v)), 'Σ');
        const total = steps.at(-1) as { end: number };
        expect(total.end).toBeCloseTo(values.reduce((a, b) => a + b, 0), 6);
        for (let i = 1; i < steps.length - 1; i++) expect(steps[i]?.start).toBe(steps[i - 1]?.end);
      }),
    );
  });
});
