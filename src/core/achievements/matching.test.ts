import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { explainMatch, fieldParent, informativeTerms, rankMatches, trlFactor, type MatchAchievement, type MatchNeed } from './matching.js';

/** Fixed seed: the properties are checked on the same cases every run. */
const SEED = 20260307;
const run = (p: fc.IPropertyWithHooks<unknown[]> | fc.IProperty<unknown[]>) => fc.assert(p as fc.IProperty<unknown[]>, { seed: SEED, numRuns: 300 });

const VOCAB = ['激光', '雷达', '自动驾驶', '传感器', '电池', '固态', '储能', '芯片', '光刻', '算法', '医疗', '影像', 'ai', 'lidar', '材料', '涂层'];
const FIELDS = ['electronic_information', 'electronic_information.ai', 'electronic_information.chips', 'new_energy', 'new_energy.storage', 'biomedicine', 'new_materials'];
const word = fc.constantFrom(...VOCAB);
const words = fc.array(word, { maxLength: 10 });
const field = fc.constantFrom(...FIELDS);
const trl = fc.integer({ min: 1, max: 9 });
const id = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
const need: fc.Arbitrary<MatchNeed> = fc.record({ id, words, field, trlMin: trl });
const achievement: fc.Arbitrary<MatchAchievement> = fc.record({ id, words, field, trl });

describe('need ↔ achievement matching', () => {
  test('the score is in [0, 1] and equals its explained parts', () => {
    run(
      fc.property(need, achievement, (n, a) => {
        const m = explainMatch(n, a);
        expect(m.score).toBeGreaterThanOrEqual(0);
        expect(m.score).toBeLessThanOrEqual(1);
        expect(m.score).toBeCloseTo((m.text.weight * m.text.value + m.field.weight * m.field.value) * m.trl.factor, 12);
        expect(m.text.sharedTerms.every((t) => informativeTerms(n.words).includes(t) && informativeTerms(a.words).includes(t))).toBe(true);
      }),
    );
  });

  test('monotone in keyword overlap: giving the achievement one more of the need’s words never lowers its score', () => {
    run(
      fc.property(need, achievement, fc.nat(), (n, a, pick) => {
        const terms = informativeTerms(n.words);
        fc.pre(terms.length > 0);
        const extra = terms[pick % terms.length] as string;
        const before = explainMatch(n, a);
        const after = explainMatch(n, { ...a, words: [...a.words, extra] });
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        if (!before.text.sharedTerms.includes(extra)) expect(after.score).toBeGreaterThan(before.score);
      }),
    );
  });

  test('an achievement of another top-level field sharing no words never ranks above one sharing field and words', () => {
    run(
      fc.property(need, achievement, achievement, fc.nat(), (n, far, near, pick) => {
        const terms = informativeTerms(n.words);
        fc.pre(terms.length > 0 && far.id !== near.id);
        const farA = { ...far, field: fieldParent(n.field) === 'biomedicine' ? 'new_energy' : 'biomedicine', words: far.words.filter((w) => !terms.includes(w)) };
        const nearA = { ...near, field: pick % 2 === 0 ? n.field : fieldParent(n.field), words: [...near.words, terms[pick % terms.length] as string] };
        const ranked = rankMatches(n, [farA, nearA], 10).map((m) => m.achievementId);
        expect(ranked[0]).toBe(nearA.id);
        expect(ranked.includes(farA.id)).toBe(false);
      }),
    );
  });

  test('the order is deterministic: any permutation of the pool gives the same ranking, ties by id', () => {
    run(
      fc.property(need, fc.uniqueArray(achievement, { selector: (a) => a.id, maxLength: 12 }), fc.nat(), (n, pool, seed) => {
        const shuffled = [...pool].sort((a, b) => ((a.id.charCodeAt(0) * 31 + seed) % 7) - ((b.id.charCodeAt(0) * 31 + seed) % 7));
        const a = rankMatches(n, pool, 50);
        expect(rankMatches(n, shuffled, 50)).toEqual(a);
        for (let i = 1; i < a.length; i++) {
          const [p, q] = [a[i - 1]!, a[i]!];
          expect(p.score > q.score || (p.score === q.score && p.achievementId < q.achievementId)).toBe(true);
        }
      }),
    );
  });

  test('TRL: at the minimum is best, above it still good, below it penalised', () => {
    expect(trlFactor(5, 5)).toBe(1);
    expect(trlFactor(9, 5)).toBeCloseTo(0.6);
    expect(trlFactor(7, 5)).toBeGreaterThan(trlFactor(8, 5));
    expect(trlFactor(4, 5)).toBe(0.25);
    run(
      fc.property(trl, trl, (t, min) => {
        expect(trlFactor(t, min) >= 0.6).toBe(t >= min);
      }),
    );
  });

  test('explained on a worked example', () => {
    const m = explainMatch({ id: 'n', words: ['固态', '电池', '的', '储能'], field: 'new_energy', trlMin: 5 }, { id: 'a', words: ['固态', '电池', '材料'], field: 'new_energy', trl: 6 });
    expect(m.text).toEqual({ value: 2 / 3, weight: 0.6, sharedTerms: ['固态', '电池'], needTerms: 3 });
    expect(m.field.relation).toBe('same');
    expect(m.trl.meetsMinimum).toBe(true);
    expect(m.score).toBeCloseTo((0.6 * (2 / 3) + 0.4) * (0.6 + 0.4 * 0.75), 10);
  });
});
