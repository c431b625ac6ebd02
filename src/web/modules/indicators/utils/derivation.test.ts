import { describe, expect, test } from 'vitest';
import { derivationSummary } from './derivation.js';

describe('derivationSummary', () => {
  test('a figure with a drill-down counts its records from it and links to the ledger with its filter', () => {
    const s = derivationSummary({ provenance: 'derived', derivation: { query: 'services.statistics/v1', numerator: 9, denominator: 12, records: [], drillDown: { kind: 'demands', filter: { year: 2026, rated: 'true' }, count: 500_000 } } });
    expect(s).toMatchObject({ query: 'services.statistics/v1', numerator: 9, denominator: 12, records: 500_000, listPath: '/services/demands?year=2026&rated=true' });
  });

  test('past a thousand ids the server sends the first of them and the whole count', () => {
    expect(derivationSummary({ provenance: 'derived', derivation: { records: [{ kind: 'call_application', id: 'a' }], recordCount: 48_213 } })).toMatchObject({ records: 48_213, listPath: null });
  });

  test('a figure that lists its ids counts them; with no known ledger there is no link', () => {
    expect(derivationSummary({ provenance: 'derived', derivation: { records: [{ kind: 'call', id: 'a' }, { kind: 'call', id: 'b' }] } })).toMatchObject({ records: 2, listPath: null });
    expect(derivationSummary({ provenance: 'derived', derivation: { records: [], drillDown: { kind: 'unknown', filter: {}, count: 3 } } })).toMatchObject({ records: 3, listPath: null });
  });

  test('filters are encoded; malformed provenance is read defensively; typed-in figures have none', () => {
    expect(derivationSummary({ provenance: 'derived', derivation: { drillDown: { kind: 'tech_contracts', filter: { state: 'registered', year: 2025, districtId: 'a&b' }, count: 'x' }, records: 'nope' } })).toMatchObject({ records: 0, listPath: '/contracts/registry?state=registered&year=2025&districtId=a%26b' });
    expect(derivationSummary({ provenance: 'entry', derivation: { records: [{ kind: 'x', id: 'y' }] } })).toBeNull();
  });
});
