import type { TEnterpriseFact } from '../../../shared/schemas/policies.js';
import type { AreaRef, FactAnswerRow, RecognitionRow, SizeFactRow, SubjectRow } from './policies.repository.js';

/**
 * The named facts policy rules read, derived for one enterprise from the
 * registry (its record, size facts, recognitions, area) and from the answers
 * the enterprise or an officer gave. Pure: rows in, facts with their origin out.
 *
 * - area: the district the record's area lies in (an area id, e.g. bj-110108);
 *   unknown when the area spans several districts.
 * - foundedYear: the year of `foundedOn`.
 * - employees, revenue, rdExpense: the latest year's size fact; money in yuan.
 * - rdIntensity: rdExpense / revenue × 100 from the latest year that has both.
 * - tiers: the recognitions valid on the date (codes), once the registry holds any.
 * - industryCodes: the record's sector codes, once it has any.
 * - hasInventionPatent: from an answer, or from an answered inventionPatents.
 * An answered area counts as its district too.
 * The newest answer to a fact overrides the registry (its origin says so and
 * keeps the registry's value beside it); an answer of null withdraws an earlier one.
 */

/** Facts KeChuang reads from the registry, and those it computes from registry records. */
export const REGISTRY_FACTS = new Set(['area', 'foundedYear', 'employees', 'revenue', 'rdExpense', 'tiers', 'industryCodes']);
export const DERIVED_FACTS = new Set(['rdIntensity']);

const METRIC_FACT: Record<string, string> = { employees: 'employees', revenue: 'revenue', rnd_expense: 'rdExpense' };
const MONEY_FACTS = new Set(['revenue', 'rdExpense']);

/** Yuan per unit for the ways a registry figure's unit is written; null when the unit says nothing we can read. */
export const yuanPerUnit = (unit: string): number | null => {
  const u = unit.trim().toLowerCase().replace(/\s+/g, ' ');
  if (['元', 'yuan', 'cny', 'rmb', '人民币', '人民币元', 'cny (yuan)'].includes(u)) return 1;
  if (['千元', 'thousand yuan', 'thousand cny', 'k cny', 'kcny'].includes(u)) return 1e3;
  if (['万元', '万', 'ten thousand yuan', '10k cny', '10 thousand yuan', 'wan yuan'].includes(u)) return 1e4;
  if (['百万元', 'million yuan', 'million cny', 'm cny', 'mcny', 'cny million', 'million rmb'].includes(u)) return 1e6;
  if (['千万元', 'ten million yuan'].includes(u)) return 1e7;
  if (['亿元', '亿', 'hundred million yuan', '100 million yuan', '100 million cny'].includes(u)) return 1e8;
  if (['billion yuan', 'billion cny', 'bn cny', 'cny billion', 'billion rmb', '十亿元'].includes(u)) return 1e9;
  return null;
};

/** The district(s) an area lies in: itself, or what it says it lies within, else its parent's. */
export const districtsOf = (areaId: string, areaById: ReadonlyMap<string, AreaRef>, seen = new Set<string>()): string[] => {
  const area = areaById.get(areaId);
  if (!area || seen.has(areaId)) return [];
  seen.add(areaId);
  if (area.kind === 'district') return [area.id];
  const within = [...new Set(area.withinAreaIds.flatMap((w) => districtsOf(w, areaById, seen)))];
  if (within.length > 0) return within;
  return area.parentId ? districtsOf(area.parentId, areaById, seen) : [];
};

/** The last day a partial date (YYYY, YYYY-MM) covers, so '2025' runs to 2025-12-31. */
const endOf = (partial: string): string => (partial.length === 4 ? `${partial}-12-31` : partial.length === 7 ? `${partial}-31` : partial);

export type FactInputs = {
  subject: SubjectRow;
  areaById: ReadonlyMap<string, AreaRef>;
  sizeFacts: readonly SizeFactRow[];
  recognitions: readonly RecognitionRow[];
  answers: readonly (FactAnswerRow & { answeredByName: string | null })[];
  /** YYYY-MM-DD: recognitions valid on this day count. */
  date: string;
};

export type DerivedFacts = {
  /** What rules read: known facts only. */
  values: Record<string, unknown>;
  /** Every fact known, with where it comes from. */
  details: Map<string, TEnterpriseFact>;
  /** Facts whose value comes from an answer rather than the registry. */
  declared: Set<string>;
};

const origin = (kind: 'registry' | 'derived', records: { table: string; id: string }[], year: number | null = null, note: string | null = null): NonNullable<TEnterpriseFact['origin']> => ({
  kind,
  records,
  year,
  answerId: null,
  answeredBy: null,
  answeredAt: null,
  note,
});

export const deriveFacts = (input: FactInputs): DerivedFacts => {
  const registry = new Map<string, TEnterpriseFact>();
  const unusable = new Map<string, string>();
  const { subject } = input;
  const entityRecord = { table: 'entities', id: subject.id };

  if (subject.areaId) {
    const districts = districtsOf(subject.areaId, input.areaById);
    if (districts.length === 1) {
      const [district] = districts as [string];
      registry.set('area', { fact: 'area', known: true, value: district, origin: origin('registry', [entityRecord, { table: 'areas', id: subject.areaId }, ...(district === subject.areaId ? [] : [{ table: 'areas', id: district }])]) });
    } else if (districts.length > 1) {
      unusable.set('area', `area ${subject.areaId} lies in ${districts.length} districts (${districts.join(', ')})`);
    }
  }

  const founded = subject.foundedOn ? Number(subject.foundedOn.slice(0, 4)) : NaN;
  if (Number.isInteger(founded)) registry.set('foundedYear', { fact: 'foundedYear', known: true, value: founded, origin: origin('registry', [entityRecord]) });

  // Size facts: the latest year of each metric (rows come sorted by metric, year, id: the last one wins).
  const latest = new Map<string, SizeFactRow>();
  const byMetricYear = new Map<string, SizeFactRow>();
  for (const row of input.sizeFacts) {
    const fact = METRIC_FACT[row.metric];
    if (!fact) continue;
    let value = row.value;
    if (MONEY_FACTS.has(fact)) {
      const factor = yuanPerUnit(row.unit);
      if (factor === null) {
        unusable.set(fact, `unit "${row.unit}" of ${row.metric} ${row.year} is not a currency unit KeChuang reads`);
        continue;
      }
      value = row.value * factor;
    }
    const normalised = { ...row, value };
    const current = latest.get(fact);
    if (!current || row.year >= current.year) latest.set(fact, normalised);
    byMetricYear.set(`${fact}|${row.year}`, normalised);
  }
  for (const [fact, row] of latest) {
    unusable.delete(fact);
    registry.set(fact, { fact, known: true, value: fact === 'employees' ? Math.round(row.value) : row.value, origin: origin('registry', [{ table: 'entity_facts', id: row.id }], row.year) });
  }

  // R&D intensity from the latest year with both figures.
  const years = [...new Set(input.sizeFacts.map((r) => r.year))].sort((a, b) => b - a);
  for (const year of years) {
    const rd = byMetricYear.get(`rdExpense|${year}`);
    const revenue = byMetricYear.get(`revenue|${year}`);
    if (rd && revenue && revenue.value > 0) {
      registry.set('rdIntensity', {
        fact: 'rdIntensity',
        known: true,
        value: Math.round((rd.value / revenue.value) * 100 * 1e6) / 1e6,
        origin: origin('derived', [{ table: 'entity_facts', id: rd.id }, { table: 'entity_facts', id: revenue.id }], year, 'rdExpense / revenue × 100, same year'),
      });
      break;
    }
  }

  if (input.recognitions.length > 0) {
    const valid = input.recognitions.filter((r) => (r.validFrom === null || r.validFrom <= input.date) && (r.validTo === null || endOf(r.validTo) >= input.date));
    registry.set('tiers', {
      fact: 'tiers',
      known: true,
      value: [...new Set(valid.map((r) => r.type))].sort(),
      origin: origin('registry', input.recognitions.map((r) => ({ table: 'recognitions', id: r.id })), null, `recognitions valid on ${input.date}`),
    });
  }
  if (subject.sectorCodes.length > 0) registry.set('industryCodes', { fact: 'industryCodes', known: true, value: [...subject.sectorCodes], origin: origin('registry', [entityRecord]) });

  // Answers override: the enterprise (or its officer) knows better than a year-old record.
  const details = new Map(registry);
  const declared = new Set<string>();
  for (const answer of input.answers) {
    if (answer.value === null || answer.value === undefined) continue;
    const before = registry.get(answer.fact);
    // An answered park or science city counts as the district it lies in, as the registry's area does.
    const districts = answer.fact === 'area' && typeof answer.value === 'string' ? districtsOf(answer.value, input.areaById) : [];
    const value = districts.length === 1 ? districts[0] : answer.value;
    details.set(answer.fact, {
      fact: answer.fact,
      known: true,
      value,
      origin: {
        kind: 'answer',
        records: [{ table: 'enterprise_fact_answers', id: answer.id }],
        year: null,
        answerId: answer.id,
        answeredBy: answer.answeredBy ? { id: answer.answeredBy, displayName: answer.answeredByName ?? answer.answeredBy } : null,
        answeredAt: answer.answeredAt.toISOString(),
        note: value === answer.value ? null : `answered ${String(answer.value)}, which lies in ${String(value)}`,
      },
      ...(before ? { registryValue: before.value } : {}),
    });
    declared.add(answer.fact);
    unusable.delete(answer.fact);
  }
  const patents = details.get('inventionPatents');
  if (!details.has('hasInventionPatent') && patents && typeof patents.value === 'number') {
    details.set('hasInventionPatent', { fact: 'hasInventionPatent', known: true, value: patents.value > 0, origin: { ...(patents.origin as NonNullable<TEnterpriseFact['origin']>), note: 'inventionPatents > 0' } });
    if (declared.has('inventionPatents')) declared.add('hasInventionPatent');
  }
  for (const [fact, note] of unusable) {
    if (!details.has(fact)) details.set(fact, { fact, known: false, value: null, origin: origin('registry', [entityRecord], null, note) });
  }

  const values: Record<string, unknown> = {};
  for (const [fact, d] of details) if (d.known) values[fact] = d.value;
  return { values, details, declared };
};
