import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { listShippedCentres, loadCentrePackage } from './index.js';
import { cleanChineseName, parseFactValue, parseQualifier, planCentreRows } from './plan-rows.js';

describe('fact-sheet parsing', () => {
  test('Chinese names lose the editor’s English remarks but keep Chinese parentheses', () => {
    expect(cleanChineseName('登记技术合同数 (well-known term)')).toBe('登记技术合同数');
    expect(cleanChineseName('中科创达 (中科创达软件股份有限公司)')).toBe('中科创达 (中科创达软件股份有限公司)');
    expect(cleanChineseName(null)).toBeNull();
  });

  test('values: numbers, fractions and ratios; nothing invented for text', () => {
    expect(parseFactValue(106552)).toBe(106552);
    expect(parseFactValue('1/3')).toBeCloseTo(1 / 3);
    expect(parseFactValue('1:1')).toBe(1);
    expect(parseFactValue('redacted')).toBeNull();
    expect(parseFactValue(null)).toBeNull();
    expect(parseFactValue('')).toBeNull();
  });

  test('qualifiers map onto the fixed list', () => {
    expect(parseQualifier('lower bound (>), sustained', 6)).toBe('lower_bound');
    expect(parseQualifier('upper bound (<)', 6)).toBe('upper_bound');
    expect(parseQualifier('approximate (nearly)', 120)).toBe('approximate');
    expect(parseQualifier('redacted in seed', null)).toBe('redacted');
    expect(parseQualifier('exact (cumulative total)', 107)).toBe('exact');
    expect(parseQualifier('within top 50; metric not stated', 50)).toBe('upper_bound');
    expect(parseQualifier('exact', null)).toBe('qualitative');
  });

  test('property: parseFactValue never returns NaN or Infinity', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.constant(null)), (v) => {
        const out = parseFactValue(v);
        expect(out === null || Number.isFinite(out)).toBe(true);
      }),
    );
  });
});

describe('the Beijing package', () => {
  const pkg = loadCentrePackage(listShippedCentres().find((d) => d.endsWith('beijing')) as string);
  const rows = planCentreRows(pkg);

  test('every row id is unique and every reference resolves', () => {
    for (const list of [rows.areas, rows.sources, rows.entities, rows.indicators, rows.observations, rows.citations, rows.policies]) {
      const ids = list.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const areaIds = new Set(rows.areas.map((a) => a.id));
    const sourceIds = new Set(rows.sources.map((s) => s.id));
    expect(rows.entities.every((e) => e.areaId == null || areaIds.has(e.areaId))).toBe(true);
    expect(rows.observations.every((o) => sourceIds.has(o.sourceId))).toBe(true);
    expect(rows.citations.every((c) => sourceIds.has(c.sourceId))).toBe(true);
  });

  test('every entity placed in an area says why', () => {
    expect(rows.entities.filter((e) => e.areaId).every((e) => (e.areaBasis ?? '').length > 10)).toBe(true);
  });

  test('no record is marked as a sample: the seed holds only sourced facts', () => {
    expect(rows.entities.every((e) => e.isSample === false)).toBe(true);
  });

  test('every indicator has a Chinese and an English name', () => {
    expect(rows.indicators.filter((i) => !i.nameZh || !i.nameEn).map((i) => i.id)).toEqual([]);
  });

  test('the 21 policies the sources name become catalogued documents with their quotes, and nothing more', () => {
    expect(rows.policies).toHaveLength(21);
    expect(rows.policies.every((p) => p.isSample === false && p.sourceId && ['national', 'municipal'].includes(p.level) && p.issuer.length > 0)).toBe(true);
    expect(rows.policies.find((p) => p.code === 'POL-01')).toMatchObject({ titleZh: '北京市促进科技成果转化条例', level: 'municipal' });
    expect(rows.policies.find((p) => p.code === 'POL-21')?.titleZh).toBe('新发展理念 / 新发展格局');
    const quotes = (pkg.facts?.policies ?? []).reduce((n, p) => n + (p.attributes.quotes?.length ?? 0), 0);
    expect(rows.citations.filter((c) => c.subjectType === 'policy')).toHaveLength(quotes);
    const filed = pkg.manifest.factSheet?.policies ?? {};
    expect(Object.values(filed).every((f) => f.basis.length > 20)).toBe(true);
  });

  test('a fact-sheet policy without a level and issuer stops the seed', () => {
    const sheet = pkg.manifest.factSheet as NonNullable<typeof pkg.manifest.factSheet>;
    const { 'POL-05': _dropped, ...rest } = sheet.policies;
    expect(() => planCentreRows({ ...pkg, manifest: { ...pkg.manifest, factSheet: { ...sheet, policies: rest } } })).toThrow(/POL-05: no level and issuer/);
  });

  test('all 44 indicator figures become observations; repeated indicators merge into one series', () => {
    expect(rows.observations).toHaveLength(44);
    const patents = rows.observations.filter((o) => o.indicatorId === 'beijing-ind-05').map((o) => [o.year, o.value]);
    expect(patents).toEqual([
      [2014, 48.2],
      [2023, 262.9],
    ]);
  });
});

describe('a centre’s own vocabulary', () => {
  const beijing = loadCentrePackage(listShippedCentres().find((d) => d.endsWith('beijing')) as string);
  const withVocabulary = (vocabulary: unknown, kindOverrides: Record<string, string> = {}) => ({
    ...beijing,
    manifest: {
      ...beijing.manifest,
      vocabulary: vocabulary as typeof beijing.manifest.vocabulary,
      ...(beijing.manifest.factSheet ? { factSheet: { ...beijing.manifest.factSheet, kindOverrides: { ...beijing.manifest.factSheet.kindOverrides, ...kindOverrides } } } : {}),
    },
  });

  test('terms become rows, and fact records may use the new kinds', () => {
    const rows = planCentreRows(
      withVocabulary(
        { kinds: [{ code: 'science_city_platform', category: 'platform', labelZh: '科学城平台', labelEn: 'Science-city platform', description: null }], recognitions: [{ code: 'district_gazelle', category: null, labelZh: '区级瞪羚企业', labelEn: 'District gazelle', description: null }] },
        { 'ENT-022': 'science_city_platform' },
      ),
    );
    expect(rows.vocabularyTerms.map((t) => `${t.domain}:${t.code}:${t.category}`)).toEqual(['kind:science_city_platform:platform', 'recognition:district_gazelle:null']);
    expect(rows.entities.find((e) => e.externalRef === 'ENT-022')?.kind).toBe('science_city_platform');
  });

  test('a built-in code cannot be redefined, and an override must name a known kind', () => {
    expect(() => planCentreRows(withVocabulary({ kinds: [{ code: 'unicorn_x', category: 'enterprise', labelZh: 'x', labelEn: 'x', description: null }], recognitions: [{ code: 'unicorn', category: null, labelZh: '独角兽', labelEn: 'Unicorn', description: null }] }))).toThrow(/built in/);
    expect(() => planCentreRows(withVocabulary({ kinds: [], recognitions: [] }, { 'ENT-022': 'no_such_kind' }))).toThrow(/unknown kind no_such_kind/);
  });
});
