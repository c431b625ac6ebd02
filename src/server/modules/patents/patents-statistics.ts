import { perTenThousand, populationInPersons, POPULATION_INDICATOR_CODE } from '../../../core/patents/index.js';
import type { ReadTx } from '../../../db/tx.js';
import type { DerivedFigure } from '../indicators/derived-figures.service.js';
import { rootArea } from '../contracts/contracts.repository.js';
import { inForceByYearAndArea, populationFigures } from './patents.repository.js';
import { yearIn } from '../../../core/calendar.js';

// The denominator's indicator code lives in the shared vocabulary: the statistics page names it too.
export { POPULATION_INDICATOR_CODE };

/** The registry's own figures (distinct from the published IND-05 series `invention_patents_per_10k`). */
export const PATENT_INDICATORS = [
  {
    code: 'registry_invention_patents',
    nameZh: '平台记录的有效发明专利数',
    nameEn: 'Invention patents in force (platform records)',
    unit: 'patents',
    direction: 1 as const,
    definitionZh: '截至当年12月31日仍有效的发明专利数：当日或之前已授权；法律状态为有效，或其终止、届满、无效发生在该日之后；且自申请日起未满20年。按第一个关联到创新主体库的申请人所在区归属；仅计平台收录的专利记录。',
    definitionEn: 'Invention patents in force on 31 December of the year: granted on or before that day; their legal status is granted, or they lapsed, expired or were invalidated only after it; and less than 20 years have passed since filing. Attributed to the district of the first applicant linked to the registry; only the patent records held on the platform count.',
  },
  {
    code: 'registry_invention_patents_per_10k',
    nameZh: '平台记录的每万人口发明专利拥有量',
    nameEn: 'Invention patents per 10,000 people (platform records)',
    unit: 'patents per 10,000 people',
    direction: 1 as const,
    definitionZh: `年末有效发明专利数（同上）除以同一地区同年的常住人口（万人）。常住人口取指标 ${POPULATION_INDICATOR_CODE} 的实测值，由用户通过指标数据导入；没有常住人口数据的年份和地区不计算此项。`,
    definitionEn: `Invention patents in force at the year end (as above) divided by the same area's resident population in that year, in 10,000s. The population is the measured figure of indicator ${POPULATION_INDICATOR_CODE}, which users import with the indicator import; years and areas without a population figure get no value.`,
  },
];
export const PATENT_FIGURE_CODES = PATENT_INDICATORS.map((i) => i.code);

/**
 * Per completed year, for the centre and each district: invention patents in
 * force at the year end, and the same per 10,000 residents where a population
 * figure exists. Each names the patent filter that lists the records behind it.
 */
export const loadPatentFigures = async (tx: ReadTx, centreId: string, now: Date, timeZone: string): Promise<DerivedFigure[]> => {
  // A year-end stock is known once the year has ended.
  const lastYear = yearIn(now, timeZone) - 1;
  const [rows, root, population] = [await inForceByYearAndArea(tx, centreId, lastYear), await rootArea(tx, centreId), await populationFigures(tx, centreId, POPULATION_INDICATOR_CODE)];
  const rootId = root?.id ?? null;
  const pop = new Map(population.filter((p) => p.value !== null && p.period).map((p) => [`${p.areaId ?? ''}|${p.period}`, { persons: populationInPersons(p.value as number, p.unit), id: p.observationId }]));
  const cells = new Map<string, { year: number; areaId: string | null; patents: number; samples: number }>();
  const add = (year: number, areaId: string | null, patents: number, samples: number) => {
    const key = `${year}|${areaId ?? ''}`;
    const c = cells.get(key) ?? { year, areaId, patents: 0, samples: 0 };
    c.patents += patents;
    c.samples += samples;
    cells.set(key, c);
  };
  for (const r of rows) {
    add(r.year, null, r.patents, r.samples);
    if (r.areaId && r.areaId !== rootId) add(r.year, r.areaId, r.patents, r.samples);
  }
  const out: DerivedFigure[] = [];
  for (const c of cells.values()) {
    const period = String(c.year);
    const drillDown = { kind: 'patents', filter: { inForceAt: c.year, ...(c.areaId ? { areaId: c.areaId } : {}) }, count: c.patents };
    const base = { period, isSample: c.samples > 0, drillDown, ...(c.areaId ? { areaId: c.areaId } : {}) };
    out.push({ ...base, code: 'registry_invention_patents', value: c.patents, numerator: c.patents, denominator: null, records: [] });
    const p = pop.get(`${c.areaId ?? rootId ?? ''}|${period}`);
    const value = perTenThousand(c.patents, p?.persons ?? null);
    if (p && value !== null) out.push({ ...base, code: 'registry_invention_patents_per_10k', value, numerator: c.patents, denominator: p.persons / 10_000, records: [{ kind: 'observation', id: p.id }] });
  }
  return out.sort((a, b) => a.period.localeCompare(b.period) || (a.areaId ?? '').localeCompare(b.areaId ?? '') || a.code.localeCompare(b.code));
};
