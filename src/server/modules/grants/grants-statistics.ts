import { fundingRatios, toYuan } from '../../../core/grants/index.js';
import type { ReadTx } from '../../../db/tx.js';
import type { DerivedFigure } from '../indicators/derived-figures.service.js';
import { fundingRecords } from './grants.repository.js';

/**
 * The platform's own figures for foundation grants, from the co-funding
 * sources recorded on awarded projects. The seeds' published figures
 * (nsf_external_funding, nsf_fiscal_external_ratio) stay beside them, never
 * mixed in: these count only what the platform holds.
 */
export const GRANT_INDICATORS = [
  { code: 'grant_external_funding', nameZh: '平台记录的基础研究外部投入', nameEn: 'External funding of foundation grants (platform records)', unit: 'yuan', direction: 1 as const, definitionZh: '当年在本平台记录的基金项目外部（非财政）投入合计，按投入年度。', definitionEn: 'External (non-fiscal) co-funding recorded on the platform’s foundation-grant projects, summed by the year of the funding.' },
  { code: 'grant_fiscal_funding', nameZh: '平台记录的基础研究财政投入', nameEn: 'Fiscal funding of foundation grants (platform records)', unit: 'yuan', direction: 1 as const, definitionZh: '当年在本平台记录的基金项目财政投入合计，按投入年度。', definitionEn: 'Fiscal co-funding recorded on the platform’s foundation-grant projects, summed by the year of the funding.' },
  { code: 'grant_external_per_fiscal', nameZh: '外部投入与财政投入之比', nameEn: 'External funding per yuan of fiscal funding', unit: 'ratio', direction: 1 as const, definitionZh: '当年平台记录的外部投入除以财政投入（1表示“财政:外部”为1:1）；无财政投入的年份不计。', definitionEn: 'External co-funding divided by fiscal co-funding in the year, from the platform’s records (1 means fiscal:external is 1:1); years without fiscal funding have no figure.' },
];

/** Per year, for the centre: external and fiscal sums and their ratio, each naming the co-funding records it adds up. */
export const loadGrantFigures = async (tx: ReadTx, centreId: string): Promise<DerivedFigure[]> => {
  const records = await fundingRecords(tx, centreId);
  const cells = fundingRatios(records.map((r) => ({ id: r.id, group: null, year: r.year, nature: r.nature as 'fiscal' | 'external', amount: toYuan(r.amountFen), isSample: r.isSample })));
  const natureOf = new Map(records.map((r) => [r.id, r.nature]));
  const out: DerivedFigure[] = [];
  for (const c of cells) {
    const period = String(c.year);
    const recs = (nature?: string) => c.records.filter((id) => !nature || natureOf.get(id) === nature).map((id) => ({ kind: 'grant_funding_source', id }));
    if (c.external > 0) out.push({ code: 'grant_external_funding', period, value: c.external, numerator: c.external, denominator: null, records: recs('external'), isSample: c.isSample });
    if (c.fiscal > 0) out.push({ code: 'grant_fiscal_funding', period, value: c.fiscal, numerator: c.fiscal, denominator: null, records: recs('fiscal'), isSample: c.isSample });
    if (c.externalPerFiscal !== null) out.push({ code: 'grant_external_per_fiscal', period, value: c.externalPerFiscal, numerator: c.external, denominator: c.fiscal, records: recs(), isSample: c.isSample });
  }
  return out;
};
