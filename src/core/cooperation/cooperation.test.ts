import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { REGIONAL_RECORD_KINDS } from '../../shared/cooperation-vocabulary.js';
import { countByCountry, flowTotals, regionProblems, regionalStatistics } from './statistics.js';

const SEED = { seed: 20261207 };
const regions = ['110000', '120000', '130000'];
const arbRecords = fc
  .array(fc.record({ kind: fc.constantFrom(...REGIONAL_RECORD_KINDS), fromRegion: fc.constantFrom(...regions, '140000'), toRegion: fc.constantFrom(...regions), occurredOn: fc.constantFrom('2019-03-01', '2020-12-31', '2024-06-15'), amount: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }) }), { maxLength: 40 })
  .map((rs) => rs.map((r, i) => ({ ...r, id: `r${String(i).padStart(2, '0')}` })));

describe('regional statistics', () => {
  test('every record counts once by year and kind and once in a flow; amounts add up', () => {
    fc.assert(
      fc.property(arbRecords, (records) => {
        const s = regionalStatistics(records, regions);
        expect(s.byYearKind.reduce((n, c) => n + c.records, 0)).toBe(records.length);
        expect(s.flows.reduce((n, f) => n + f.records, 0)).toBe(records.length);
        expect(s.flows.flatMap((f) => f.recordIds).sort()).toEqual(records.map((r) => r.id).sort());
        expect(s.flows.reduce((n, f) => n + f.amount, 0)).toBe(records.reduce((n, r) => n + (r.amount ?? 0), 0));
        expect(flowTotals(s.flows).reduce((n, f) => n + f.records, 0)).toBe(records.length);
        expect(s.unconfigured).toEqual(records.some((r) => r.fromRegion === '140000') ? ['140000'] : []);
      }),
      SEED,
    );
  });
  test('a worked example', () => {
    const s = regionalStatistics(
      [
        { id: 'a', kind: 'relocation', fromRegion: '110000', toRegion: '130000', occurredOn: '2023-05-01', amount: null },
        { id: 'b', kind: 'relocation', fromRegion: '110000', toRegion: '130000', occurredOn: '2024-05-01', amount: 5 },
        { id: 'c', kind: 'tech_contract', fromRegion: '110000', toRegion: '120000', occurredOn: '2024-01-01', amount: 7 },
      ],
      regions,
    );
    expect(s.byYearKind).toEqual([{ year: 2023, kind: 'relocation', records: 1 }, { year: 2024, kind: 'relocation', records: 1 }, { year: 2024, kind: 'tech_contract', records: 1 }]);
    expect(s.flows.map((f) => `${f.from}>${f.to} ${f.kind} ${f.records} ${f.amount}`)).toEqual(['110000>120000 tech_contract 1 7', '110000>130000 relocation 2 5']);
  });
});

describe('countries', () => {
  test('each record counts at most once per foreign country; the home country never appears', () => {
    const arbCountries = fc.array(fc.constantFrom<string>('CN', 'DE', 'US', 'FR', 'JP'), { maxLength: 4 });
    fc.assert(
      fc.property(fc.array(arbCountries, { maxLength: 6 }), fc.array(arbCountries, { maxLength: 6 }), fc.array(arbCountries, { maxLength: 6 }), (labs, agreements, hosted) => {
        const rows = countByCountry({ jointLabs: labs.map((c, i) => ({ id: `l${i}`, partnerCountries: c })), agreements: agreements.map((c, i) => ({ id: `a${i}`, partyCountries: c })), hostedOrganisations: hosted.map((c, i) => ({ id: `h${i}`, memberCountries: c })) }, 'CN');
        expect(rows.some((r) => r.country === 'CN')).toBe(false);
        for (const r of rows) {
          expect(r.total).toBe(r.jointLabs + r.agreements + r.hostedOrganisations);
          expect(r.jointLabs).toBe(labs.filter((c) => c.includes(r.country)).length);
        }
        for (let i = 1; i < rows.length; i++) expect((rows[i - 1] as { total: number }).total).toBeGreaterThanOrEqual((rows[i] as { total: number }).total);
      }),
      SEED,
    );
  });
  test('region configurations need distinct six-digit codes', () => {
    expect(regionProblems([{ code: '110000' }, { code: '11000' }, { code: '110000' }])).toEqual([{ index: 1, reason: 'region_code' }, { index: 2, reason: 'duplicate_region' }]);
  });
});
