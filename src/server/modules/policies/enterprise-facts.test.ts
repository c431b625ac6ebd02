import { describe, expect, test } from 'vitest';
import { deriveFacts, districtsOf, yuanPerUnit, type FactInputs } from './enterprise-facts.js';
import type { AreaRef } from './policies.repository.js';

const areas: AreaRef[] = [
  { id: 'city', parentId: null, kind: 'city', code: '110000', withinAreaIds: [] },
  { id: 'd1', parentId: 'city', kind: 'district', code: '110108', withinAreaIds: [] },
  { id: 'd2', parentId: 'city', kind: 'district', code: '110115', withinAreaIds: [] },
  { id: 'zone', parentId: 'city', kind: 'zone', code: null, withinAreaIds: [] },
  { id: 'park', parentId: 'zone', kind: 'park', code: null, withinAreaIds: ['d1'] },
  { id: 'sub', parentId: 'park', kind: 'sub_park', code: null, withinAreaIds: [] },
  { id: 'wide', parentId: 'city', kind: 'development_area', code: null, withinAreaIds: ['d1', 'd2'] },
];
const areaById = new Map(areas.map((a) => [a.id, a]));

const base = (over: Partial<FactInputs> = {}): FactInputs => ({
  subject: { id: 'e1', nameZh: null, nameEn: 'E', category: 'enterprise', areaId: null, foundedOn: null, sectorCodes: [] },
  areaById,
  sizeFacts: [],
  recognitions: [],
  answers: [],
  date: '2026-03-01',
  ...over,
});

describe('enterprise facts from the registry', () => {
  test('an area resolves to its district through what it lies within, or its parent', () => {
    expect(districtsOf('d1', areaById)).toEqual(['d1']);
    expect(districtsOf('park', areaById)).toEqual(['d1']);
    expect(districtsOf('sub', areaById)).toEqual(['d1']);
    expect(districtsOf('wide', areaById)).toEqual(['d1', 'd2']);
    expect(districtsOf('zone', areaById)).toEqual([]);
    const spanning = deriveFacts(base({ subject: { ...base().subject, areaId: 'wide' } }));
    expect(spanning.values['area']).toBeUndefined();
    expect(spanning.details.get('area')?.origin?.note).toMatch(/2 districts/);
  });

  test('money units are read into yuan; an unreadable unit leaves the fact unknown and says why', () => {
    expect(yuanPerUnit('万元')).toBe(1e4);
    expect(yuanPerUnit(' Million  CNY ')).toBe(1e6);
    expect(yuanPerUnit('亿元')).toBe(1e8);
    expect(yuanPerUnit('bananas')).toBeNull();
    const facts = deriveFacts(base({ sizeFacts: [{ id: 'r', entityId: 'e1', metric: 'revenue', year: 2024, value: 3, unit: 'bananas' }] }));
    expect(facts.values['revenue']).toBeUndefined();
    expect(facts.details.get('revenue')).toMatchObject({ known: false, origin: { note: expect.stringMatching(/bananas/) } });
  });

  test('R&D intensity comes from the latest year that has both figures', () => {
    const facts = deriveFacts(
      base({
        sizeFacts: [
          { id: 'rd23', entityId: 'e1', metric: 'rnd_expense', year: 2023, value: 50, unit: '万元' },
          { id: 'rv23', entityId: 'e1', metric: 'revenue', year: 2023, value: 1000, unit: '万元' },
          { id: 'rv24', entityId: 'e1', metric: 'revenue', year: 2024, value: 2000, unit: '万元' },
        ],
      }),
    );
    expect(facts.values).toMatchObject({ revenue: 20_000_000, rdExpense: 500_000, rdIntensity: 5 });
    expect(facts.details.get('rdIntensity')?.origin).toMatchObject({ kind: 'derived', year: 2023, records: [{ id: 'rd23' }, { id: 'rv23' }] });
  });

  test('tiers: recognitions valid on the date (a year-only end runs to its last day); none recorded means unknown', () => {
    expect(deriveFacts(base()).values['tiers']).toBeUndefined();
    const facts = deriveFacts(
      base({
        recognitions: [
          { id: 'a', entityId: 'e1', type: 'little_giant', validFrom: '2022', validTo: '2026' },
          { id: 'b', entityId: 'e1', type: 'unicorn', validFrom: '2020', validTo: '2025' },
          { id: 'c', entityId: 'e1', type: 'high_tech_enterprise', validFrom: '2027-01', validTo: null },
        ],
      }),
    );
    expect(facts.values['tiers']).toEqual(['little_giant']);
    expect(deriveFacts(base({ date: '2025-12-31', recognitions: [{ id: 'b', entityId: 'e1', type: 'unicorn', validFrom: '2020', validTo: '2025' }] })).values['tiers']).toEqual(['unicorn']);
  });

  test('answers override the registry and are marked declared; hasInventionPatent follows an answered patent count', () => {
    const at = new Date('2026-02-01T00:00:00Z');
    const facts = deriveFacts(
      base({
        sizeFacts: [{ id: 'emp', entityId: 'e1', metric: 'employees', year: 2024, value: 10, unit: '人' }],
        answers: [
          { id: 'a1', enterpriseId: 'e1', fact: 'employees', value: 60, answeredBy: 'u1', answeredByName: 'U', answeredAt: at },
          { id: 'a2', enterpriseId: 'e1', fact: 'inventionPatents', value: 2, answeredBy: null, answeredByName: null, answeredAt: at },
          { id: 'a3', enterpriseId: 'e1', fact: 'taxCompliant', value: null, answeredBy: null, answeredByName: null, answeredAt: at },
        ],
      }),
    );
    expect(facts.values).toMatchObject({ employees: 60, inventionPatents: 2, hasInventionPatent: true });
    expect(facts.values['taxCompliant']).toBeUndefined();
    expect(facts.details.get('employees')).toMatchObject({ registryValue: 10, origin: { kind: 'answer', answerId: 'a1', answeredBy: { displayName: 'U' } } });
    expect([...facts.declared].sort()).toEqual(['employees', 'hasInventionPatent', 'inventionPatents']);
  });
});
