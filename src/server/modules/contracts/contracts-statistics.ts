import type { ReadTx } from '../../../db/tx.js';
import type { DerivedFigure } from '../indicators/derived-figures.service.js';
import { readStats, rootArea } from './contracts.repository.js';

/** The registry's own figures of registered technology contracts (distinct from the published totals in the seeds). */
export const CONTRACT_INDICATORS = [
  { code: 'registry_tech_contracts', nameZh: '平台登记技术合同数', nameEn: 'Technology contracts registered on the platform', unit: 'contracts', direction: 1 as const, definitionZh: '当年在本平台认定登记的技术合同数量（按登记日期）。', definitionEn: 'Technology contracts registered on the platform in the year (by registration date).' },
  { code: 'registry_tech_contract_amount', nameZh: '平台登记技术合同成交额', nameEn: 'Turnover of contracts registered on the platform', unit: 'yuan', direction: 1 as const, definitionZh: '当年在本平台登记的技术合同成交额合计。', definitionEn: 'Contract amounts of the technology contracts registered on the platform in the year, summed.' },
  { code: 'registry_tech_contract_technical_amount', nameZh: '平台登记技术交易额', nameEn: 'Technical transaction amount registered on the platform', unit: 'yuan', direction: 1 as const, definitionZh: '当年在本平台登记的技术合同中技术交易额（成交额扣除设备、材料等非技术性费用）合计。', definitionEn: 'Technical transaction amounts (contract amount less equipment, materials and other non-technical items) of the contracts registered in the year, summed.' },
];

/**
 * Per year, for the centre and for each seller district: counts and sums from
 * the statistics cells. Each figure names the contract filter that lists the
 * records behind it, so a dashboard total drills down to the contracts.
 */
export const loadContractFigures = async (tx: ReadTx, centreId: string): Promise<DerivedFigure[]> => {
  const [totals, districts, root] = [await readStats(tx, centreId, 'total', {}), await readStats(tx, centreId, 'district', {}), await rootArea(tx, centreId)];
  const out: DerivedFigure[] = [];
  const emit = (r: (typeof totals)[number], areaId: string | undefined) => {
    const period = String(r.year);
    const filter: Record<string, string | number> = { state: 'registered', year: r.year, ...(areaId ? { districtId: areaId } : {}) };
    const base = { period, denominator: null, records: [], isSample: r.samples > 0, ...(areaId ? { areaId } : {}), drillDown: { kind: 'tech_contracts', filter, count: r.contracts } };
    out.push({ ...base, code: 'registry_tech_contracts', value: r.contracts, numerator: r.contracts });
    out.push({ ...base, code: 'registry_tech_contract_amount', value: r.amount, numerator: r.amount });
    out.push({ ...base, code: 'registry_tech_contract_technical_amount', value: r.technicalAmount, numerator: r.technicalAmount });
  };
  for (const r of totals) emit(r, undefined);
  for (const r of districts) if (r.key && r.key !== root?.id) emit(r, r.key);
  return out;
};
