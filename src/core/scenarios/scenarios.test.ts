import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldAffinity, judgeResults, MATCH_WEIGHTS, rankCandidates, scoreCandidate, type ScenarioCandidate } from './index.js';

const code = fc.constantFrom('ict', 'ict.ai', 'ict.ai.vision', 'ict.semiconductor', 'bio', 'bio.medical', 'energy.hydrogen', 'mobility.autonomous');
const word = fc.constantFrom('医院', '影像', '辅助诊断', '自动驾驶', '路侧', '氢能', '芯片', '数据', 'vision', 'robot');
const candidate = fc.record({ id: fc.stringMatching(/^[a-z]{1,6}$/), tags: fc.array(code, { maxLength: 3 }), words: fc.array(word, { maxLength: 6 }), deployed: fc.nat(5) });
const scenario = fc.record({ fieldCodes: fc.array(code, { maxLength: 3 }), words: fc.array(word, { maxLength: 8 }) });

describe('scenario matching', () => {
  it('scores hand-computed cases', () => {
    const s = { fieldCodes: ['bio.medical'], words: ['医院', '影像', '辅助诊断'] };
    const exact = scoreCandidate(s, { id: 'a', tags: ['bio.medical'], words: ['影像', '辅助诊断', '公司'], deployed: 1 });
    // field 1, text 2/3, track record 1/2
    expect(exact.components).toEqual({ field: 1, text: 2 / 3, trackRecord: 0.5 });
    expect(exact.score).toBeCloseTo(MATCH_WEIGHTS.field + MATCH_WEIGHTS.text * (2 / 3) + MATCH_WEIGHTS.trackRecord * 0.5, 6);
    expect(exact.matchedWords).toEqual(['影像', '辅助诊断']);
    expect(fieldAffinity('bio.medical', 'bio')).toBe(0.5);
    expect(fieldAffinity('bio.medical', 'ict.ai')).toBe(0);
    // Stop words ("公司", "的") never count as shared words.
    expect(scoreCandidate({ fieldCodes: [], words: ['公司', '的'] }, { id: 'b', tags: [], words: ['公司', '的'], deployed: 0 }).components.text).toBe(0);
  });

  it('keeps every score in [0, 1] with its components', () => {
    fc.assert(
      fc.property(scenario, candidate, (s, c) => {
        const r = scoreCandidate(s, c);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1 + 1e-9);
        for (const v of Object.values(r.components)) expect(v >= 0 && v <= 1).toBe(true);
      }),
    );
  });

  it('never lowers a score for one more delivered deployment or one more shared tag', () => {
    fc.assert(
      fc.property(scenario, candidate, code, (s, c, extra) => {
        const base = scoreCandidate(s, c).score;
        expect(scoreCandidate(s, { ...c, deployed: c.deployed + 1 }).score).toBeGreaterThanOrEqual(base);
        expect(scoreCandidate(s, { ...c, tags: [...c.tags, extra] }).score).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it('ranks deterministically: the same list in any input order, ties by id, nothing without common ground', () => {
    fc.assert(
      fc.property(scenario, fc.uniqueArray(candidate, { selector: (c) => c.id, maxLength: 12 }), (s, list) => {
        const a = rankCandidates(s, list);
        const b = rankCandidates(s, [...list].reverse());
        expect(b).toEqual(a);
        for (let i = 1; i < a.length; i++) {
          const [p, q] = [a[i - 1], a[i]] as [(typeof a)[number], (typeof a)[number]];
          expect(p.score > q.score || (p.score === q.score && p.id < q.id)).toBe(true);
        }
        for (const r of a) expect(r.components.field > 0 || r.components.text > 0).toBe(true);
      }),
    );
  });

  it('does not rank a candidate with nothing in common above one sharing field and words', () => {
    const s = { fieldCodes: ['mobility.autonomous'], words: ['自动驾驶', '路侧'] };
    const list: ScenarioCandidate[] = [
      { id: 'a-veteran', tags: ['energy'], words: ['氢能'], deployed: 5 },
      { id: 'z-match', tags: ['mobility.autonomous'], words: ['自动驾驶'], deployed: 0 },
    ];
    expect(rankCandidates(s, list).map((r) => r.id)).toEqual(['z-match']);
  });
});

describe('deployment results', () => {
  const criteria = [
    { id: 'c1', metric: '识别准确率', unit: '%', comparator: '>=', threshold: 95 },
    { id: 'c2', metric: '平均响应时间', unit: 's', comparator: '<=', threshold: 2 },
  ];
  it('judges each value against its criterion, in the criteria order, and reports unknown criteria', () => {
    const { results, unknown } = judgeResults(criteria, [
      { criterionId: 'c2', value: 2.5 },
      { criterionId: 'zz', value: 1 },
      { criterionId: 'c1', value: 96.2 },
    ]);
    expect(results.map((r) => [r.criterionId, r.met])).toEqual([
      ['c1', true],
      ['c2', false],
    ]);
    expect(unknown).toEqual([1]);
  });
});
