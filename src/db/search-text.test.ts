import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildSearchText, queryTerms } from './search-text.js';

const tokens = (names: string[]): Set<string> => new Set(buildSearchText(names).split(' '));

describe('search text', () => {
  test('a name is found by its words, its pinyin and its initials, whole and word by word', () => {
    const t = tokens(['北京中关村发展集团', 'Zhongguancun Development Group']);
    for (const token of ['北京中关村发展集团', '中关村', '集团', 'zhongguancun', 'zgc', 'jituan', 'bjzgcfzjt', 'beijingzhongguancunfazhanjituan', 'development']) expect(t).toContain(token);
  });

  test('polyphonic characters take the reading of the whole name', () => {
    expect(tokens(['重庆银行'])).toContain('chongqing');
    expect(tokens(['重庆银行'])).toContain('yinhang');
  });

  test('property: every word of a query equal to the name is among the stored tokens (queries cut in precise mode, names in search mode)', () => {
    const pieces = ['中关村', '国家', '实验室', '北京', '智能', '芯片', '科技', '有限公司', '研究院', '生物', '医药', '量子', '信息', '怀柔', '科学城', '未来', '大学', '创新', '中心', 'Tech', '2024'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }), (parts) => {
        const name = parts.join('');
        const stored = tokens([name]);
        for (const word of queryTerms(name)) expect(stored).toContain(word);
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  test('query terms: precise words once each, lower case, punctuation dropped, at most twelve', () => {
    expect(queryTerms('中关村 国家实验室!')).toEqual(expect.arrayContaining(['中关村']));
    expect(queryTerms('Quantum, DATA')).toEqual(['quantum', 'data']);
    expect(queryTerms('a b c d e f g h i j k l m n')).toHaveLength(12);
  });
});
