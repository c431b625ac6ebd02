import type { RegionalRecordKind } from '../../shared/cooperation-vocabulary.js';

/**
 * Counts of cooperation records: regional records by year and kind and the
 * flows between regions, and international records by partner country. Pure:
 * the regions and the home country come in as data.
 */

export type RegionalRecordFact = { id: string; kind: RegionalRecordKind; fromRegion: string; toRegion: string; occurredOn: string; amount: number | null };

export type RegionalStatistics = {
  byYearKind: { year: number; kind: RegionalRecordKind; records: number }[];
  /** One row per ordered pair of regions and kind. */
  flows: { from: string; to: string; kind: RegionalRecordKind; records: number; amount: number; recordIds: string[] }[];
  /** Records naming a region the configuration no longer has (kept, counted under their code). */
  unconfigured: string[];
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const regionalStatistics = (records: readonly RegionalRecordFact[], regionCodes: readonly string[]): RegionalStatistics => {
  const known = new Set(regionCodes);
  const byYearKind = new Map<string, { year: number; kind: RegionalRecordKind; records: number }>();
  const flows = new Map<string, RegionalStatistics['flows'][number]>();
  const unconfigured = new Set<string>();
  for (const r of records) {
    const year = Number(r.occurredOn.slice(0, 4));
    const yk = `${year}|${r.kind}`;
    const cell = byYearKind.get(yk) ?? { year, kind: r.kind, records: 0 };
    cell.records++;
    byYearKind.set(yk, cell);
    const fk = `${r.fromRegion}|${r.toRegion}|${r.kind}`;
    const flow = flows.get(fk) ?? { from: r.fromRegion, to: r.toRegion, kind: r.kind, records: 0, amount: 0, recordIds: [] };
    flow.records++;
    flow.amount += r.amount ?? 0;
    flow.recordIds.push(r.id);
    flows.set(fk, flow);
    for (const code of [r.fromRegion, r.toRegion]) if (!known.has(code)) unconfigured.add(code);
  }
  return {
    byYearKind: [...byYearKind.values()].sort((a, b) => a.year - b.year || cmp(a.kind, b.kind)),
    flows: [...flows.values()].map((f) => ({ ...f, recordIds: [...f.recordIds].sort() })).sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.kind, b.kind)),
    unconfigured: [...unconfigured].sort(),
  };
};

/** Total flow between two regions over every kind, both directions apart. */
export const flowTotals = (flows: RegionalStatistics['flows']): { from: string; to: string; records: number }[] => {
  const m = new Map<string, { from: string; to: string; records: number }>();
  for (const f of flows) {
    const k = `${f.from}|${f.to}`;
    const t = m.get(k) ?? { from: f.from, to: f.to, records: 0 };
    t.records += f.records;
    m.set(k, t);
  }
  return [...m.values()].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
};

export type InternationalFacts = {
  jointLabs: readonly { id: string; partnerCountries: readonly string[] }[];
  agreements: readonly { id: string; partyCountries: readonly string[] }[];
  hostedOrganisations: readonly { id: string; memberCountries: readonly string[] }[];
};

export type CountryCount = { country: string; jointLabs: number; agreements: number; hostedOrganisations: number; total: number };

/**
 * International cooperation by partner country: each record counts once for
 * every foreign country it names (a lab with two German partners counts once
 * for DE); the home country is left out.
 */
export const countByCountry = (facts: InternationalFacts, homeCountry: string): CountryCount[] => {
  const m = new Map<string, CountryCount>();
  const add = (countries: readonly string[], key: 'jointLabs' | 'agreements' | 'hostedOrganisations') => {
    for (const c of new Set(countries)) {
      if (c === homeCountry) continue;
      const row = m.get(c) ?? { country: c, jointLabs: 0, agreements: 0, hostedOrganisations: 0, total: 0 };
      row[key]++;
      row.total++;
      m.set(c, row);
    }
  };
  for (const l of facts.jointLabs) add(l.partnerCountries, 'jointLabs');
  for (const a of facts.agreements) add(a.partyCountries, 'agreements');
  for (const h of facts.hostedOrganisations) add(h.memberCountries, 'hostedOrganisations');
  return [...m.values()].sort((a, b) => b.total - a.total || cmp(a.country, b.country));
};

/** Problems with a regional configuration: codes must be six digits (GB/T 2260) and distinct, and there must be at least two regions. */
export const regionProblems = (regions: readonly { code: string }[]): { index: number; reason: 'region_code' | 'duplicate_region' }[] => {
  const seen = new Set<string>();
  const out: { index: number; reason: 'region_code' | 'duplicate_region' }[] = [];
  regions.forEach((r, index) => {
    if (!/^\d{6}$/.test(r.code)) out.push({ index, reason: 'region_code' });
    else if (seen.has(r.code)) out.push({ index, reason: 'duplicate_region' });
    seen.add(r.code);
  });
  return out;
};
