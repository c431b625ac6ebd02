import { describe, expect, test } from 'vitest';
import { validateUscc } from '../identifiers/uscc.js';
import { parsePatentNumber } from '../patents/number.js';
import { CITY_1M, countsAtScale, createCity, parseScale, synthCreditCode, type SynthArea, type SynthCounts } from './city.js';
import { SYNTHETIC_MARK_EN, SYNTHETIC_MARK_ZH } from './names.js';
import { pareto, seededRandom, streamFor, weightedIndex } from './random.js';

const districts: SynthArea[] = ['d1', 'd2', 'd3', 'd4', 'd5'].map((id) => ({ id, code: null, withinAreaIds: [] }));
const parks: SynthArea[] = [
  { id: 'p1', code: null, withinAreaIds: ['d1'] },
  { id: 'p2', code: null, withinAreaIds: ['d2', 'd3'] },
];
const small: SynthCounts = { organisations: 2_000, people: 300, patents: 6_000, contracts: 12_000, demands: 800, applications: 150 };
const world = (seed: number, counts: SynthCounts = small) => ({ seed, counts, districts, parks, rootAreaCode: '110000' });

const all = <T>(g: Iterable<T>): T[] => [...g];
const city = createCity(world(7));
const orgs = all(city.organisations());
const people = all(city.people());
const patents = all(city.patents());
const contracts = all(city.contracts());
const demands = all(city.demands());
const applications = all(city.applications());

/** Share of the total held by the largest 1 % of values. */
const topShare = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => b - a);
  const total = sorted.reduce((a, b) => a + b, 0);
  return sorted.slice(0, Math.ceil(sorted.length / 100)).reduce((a, b) => a + b, 0) / total;
};
const countBy = <T>(xs: T[], key: (x: T) => string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
};

describe('scale', () => {
  test('1m is the issue’s city; other scales multiply every count; overrides win', () => {
    expect(countsAtScale(parseScale('1m') as number)).toEqual(CITY_1M);
    expect(countsAtScale(parseScale('10k') as number)).toEqual({ organisations: 10_000, people: 2_000, patents: 50_000, contracts: 100_000, demands: 5_000, applications: 500 });
    expect(countsAtScale(parseScale('2000') as number, { contracts: 0 })).toMatchObject({ organisations: 2_000, contracts: 0, patents: 10_000 });
    expect(parseScale('lots')).toBeNull();
    expect(parseScale('0')).toBeNull();
    expect(() => countsAtScale(0.01, { organisations: 0 })).toThrow(/need organisations/);
  });
});

describe('the generated city', () => {
  test('counts are exact for every kind', () => {
    expect([orgs.length, people.length, patents.length, contracts.length, demands.length, applications.length]).toEqual([small.organisations, small.people, small.patents, small.contracts, small.demands, small.applications]);
    expect(city.calls.length).toBe(Math.round(small.applications / 1000) || 1);
  });

  test('the same seed gives the same rows; another seed different ones; one kind’s count leaves the others alone', () => {
    const again = createCity(world(7));
    expect(all(again.organisations()).slice(0, 50)).toEqual(orgs.slice(0, 50));
    expect(all(again.contracts()).slice(-50)).toEqual(contracts.slice(-50));
    expect(all(again.patents()).slice(0, 50)).toEqual(patents.slice(0, 50));
    const other = all(createCity(world(8)).organisations()).slice(0, 50);
    expect(other.map((o) => o.nameZh)).not.toEqual(orgs.slice(0, 50).map((o) => o.nameZh));
    const fewerPatents = createCity(world(7, { ...small, patents: 10 }));
    expect(all(fewerPatents.contracts()).slice(0, 50)).toEqual(contracts.slice(0, 50));
  });

  test('every name and title is marked synthetic', () => {
    for (const x of [...orgs, ...people]) {
      expect(x.nameZh.endsWith(SYNTHETIC_MARK_ZH)).toBe(true);
      expect(x.nameEn.endsWith(SYNTHETIC_MARK_EN)).toBe(true);
    }
    const texts = [...patents.flatMap((p) => [p.title, p.applicantName, p.inventorName]), ...contracts.flatMap((c) => [c.title, c.buyerName]), ...demands.map((d) => d.title), ...applications.map((a) => a.title), ...city.calls.flatMap((c) => [c.titleZh, c.titleEn])];
    expect(texts.filter((t) => !t.includes('合成') && !t.includes('Synthetic'))).toEqual([]);
  });

  test('places are only the given districts, parks only within the seller’s district', () => {
    const ids = new Set(districts.map((d) => d.id));
    const placed = [...orgs.map((o) => o.areaId), ...people.map((p) => p.areaId), ...patents.map((p) => p.areaId), ...contracts.map((c) => c.sellerDistrictId), ...demands.map((d) => d.areaId)];
    expect(placed.filter((a) => !ids.has(a as string))).toEqual([]);
    for (const c of contracts.filter((c) => c.sellerParkId)) expect(parks.find((p) => p.id === c.sellerParkId)?.withinAreaIds).toContain(c.sellerDistrictId);
    expect(contracts.some((c) => c.sellerParkId)).toBe(true);
    // Weighted, not uniform: the first district holds more than the last.
    const byArea = countBy(orgs, (o) => o.areaId as string);
    expect(byArea.get('d1')).toBeGreaterThan(1.5 * (byArea.get('d5') as number));
  });

  test('sizes and activity are heavy-tailed: the largest 1 % of organisations hold a large share', () => {
    // A uniform or normal spread would give the top 1 % about 1–3 %.
    expect(topShare(orgs.map((o) => o.employees))).toBeGreaterThan(0.2);
    expect(topShare(orgs.map((o) => o.revenue))).toBeGreaterThan(0.2);
    const sellers = countBy(contracts, (c) => c.sellerId);
    expect(topShare(orgs.map((o) => sellers.get(o.id) ?? 0))).toBeGreaterThan(0.25);
    const applicants = countBy(patents, (p) => p.applicantId);
    expect(topShare(orgs.map((o) => applicants.get(o.id) ?? 0))).toBeGreaterThan(0.25);
    const amounts = contracts.map((c) => c.amount).sort((a, b) => a - b);
    expect((amounts.at(-1) as number) / (amounts[amounts.length >> 1] as number)).toBeGreaterThan(100);
  });

  test('dates spread over the years, more in recent ones', () => {
    const years = countBy(patents, (p) => p.applicationDate.slice(0, 4));
    expect(years.size).toBeGreaterThanOrEqual(15);
    expect(years.get('2025')).toBeGreaterThan(2 * (years.get('2012') as number));
    for (const c of contracts.filter((c) => c.registeredOn)) expect(c.registeredOn! >= c.signedOn).toBe(true);
    for (const p of patents.filter((p) => p.grantDate)) expect(p.grantDate! > p.applicationDate).toBe(true);
  });

  test('identifiers are well-formed, unique, and in the synthetic series', () => {
    expect(orgs.filter((o) => !validateUscc(o.uscc).ok)).toEqual([]);
    expect(new Set(orgs.map((o) => o.uscc)).size).toBe(orgs.length);
    expect(orgs.every((o) => o.uscc.slice(8, 10) === 'YA')).toBe(true);
    expect(synthCreditCode(1_000_000).slice(8, 10)).toBe('YB');
    const parsed = patents.map((p) => ({ p, n: parsePatentNumber(p.number) }));
    expect(parsed.filter(({ p, n }) => !n.ok || n.kind !== p.kind || Number(n.digits.slice(5)) < 9_000_000)).toEqual([]);
    expect(new Set(patents.map((p) => p.number)).size).toBe(patents.length);
    const registered = contracts.filter((c) => c.registrationNumber);
    expect(new Set(registered.map((c) => c.registrationNumber)).size).toBe(registered.length);
    expect(registered.every((c) => /^\d{4}110000S\d{8}$/.test(c.registrationNumber as string))).toBe(true);
    expect(new Set(contracts.map((c) => c.contractKey)).size).toBe(contracts.length);
  });

  test('references point at generated records', () => {
    const orgIds = new Set(orgs.map((o) => o.id));
    const personIds = new Set(people.map((p) => p.id));
    expect(patents.filter((p) => !orgIds.has(p.applicantId) || !personIds.has(p.inventorId))).toEqual([]);
    expect(contracts.filter((c) => !orgIds.has(c.sellerId) || (c.buyerEntityId !== null && !orgIds.has(c.buyerEntityId)))).toEqual([]);
    const callIds = new Set(city.calls.map((c) => c.id));
    expect(applications.filter((a) => !callIds.has(a.callId) || !orgIds.has(a.applicantOrgId))).toEqual([]);
    expect(demands.filter((d) => !orgIds.has(d.enterpriseId))).toEqual([]);
  });
});

describe('random', () => {
  test('mulberry32 is deterministic and uniform enough; streams differ by purpose', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(xs);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.02);
    expect(streamFor(1, 'x')()).not.toBe(streamFor(1, 'y')());
  });

  test('weighted draws follow the weights; Pareto draws stay above the scale', () => {
    const r = seededRandom(3);
    const draw = weightedIndex([1, 0, 3]);
    const n = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) n[draw(r)]!++;
    expect(n[1]).toBe(0);
    expect((n[2] as number) / (n[0] as number)).toBeGreaterThan(2.7);
    expect((n[2] as number) / (n[0] as number)).toBeLessThan(3.3);
    expect(Math.min(...Array.from({ length: 1000 }, () => pareto(r, 3, 1.1)))).toBeGreaterThanOrEqual(3);
  });
});
