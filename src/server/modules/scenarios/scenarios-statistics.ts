import { readTogether, type ReadTx } from '../../../db/tx.js';
import type { DerivedFigure } from '../indicators/derived-figures.service.js';
import { findRootAreaId } from '../indicators/indicators.repository.js';
import { scenarioRecords } from './scenarios.repository.js';
import { yearIn } from '../../../core/calendar.js';

/** The registry's own counts of application scenarios (the seeds' "three batches, 60 scenarios" stays a published figure beside them). */
export const SCENARIO_INDICATORS = [
  { code: 'scenarios_released', nameZh: '平台发布应用场景数', nameEn: 'Application scenarios released on the platform', unit: 'scenarios', direction: 1 as const, definitionZh: '当年在本平台随批次发布的应用场景数量（按发布日期）。', definitionEn: 'Application scenarios published on the platform in the year, in their batches (by publication date).' },
  { code: 'scenarios_deployed', nameZh: '应用场景落地数', nameEn: 'Application scenarios deployed', unit: 'deployments', direction: 1 as const, definitionZh: '当年结束并投入使用的场景落地项目数量（按落地完成日期；未成功者不计）。', definitionEn: 'Deployments of selected solutions that ended in use in the year (by the date they finished; failed deployments are not counted).' },
];

const yearOf = (d: Date | string, timeZone: string): string =>
  typeof d === 'string' ? d.slice(0, 4) : String(yearIn(d, timeZone));

/**
 * Per year, for the centre and for the area of each scenario's owner: the
 * scenarios published and the deployments finished in use, each figure
 * listing the records (scenario calls, deployments) it counts.
 */
export const loadScenarioFigures = async (tx: ReadTx, centreId: string, timeZone: string): Promise<DerivedFigure[]> => {
  const [{ published, deployed }, root] = await readTogether(tx, [() => scenarioRecords(tx, centreId), () => findRootAreaId(tx, centreId)] as const);
  const groups = new Map<string, { code: string; period: string; areaId: string | undefined; records: { kind: string; id: string }[]; sample: boolean }>();
  const add = (code: string, kind: string, id: string, period: string, areaId: string | null, sample: boolean) => {
    for (const area of areaId && areaId !== root ? [undefined, areaId] : [undefined]) {
      const key = `${code}|${period}|${area ?? ''}`;
      const g = groups.get(key) ?? { code, period, areaId: area, records: [], sample: false };
      g.records.push({ kind, id });
      g.sample ||= sample;
      groups.set(key, g);
    }
  };
  for (const r of published) if (r.publishedAt) add('scenarios_released', 'call', r.id, yearOf(r.publishedAt, timeZone), r.ownerAreaId, r.isSample);
  for (const r of deployed) if (r.finishedOn) add('scenarios_deployed', 'scenario_deployment', r.id, yearOf(r.finishedOn, timeZone), r.ownerAreaId, r.isSample);
  return [...groups.values()].map((g) => {
    const records = [...g.records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { code: g.code, period: g.period, value: records.length, numerator: records.length, denominator: null, records, isSample: g.sample, ...(g.areaId ? { areaId: g.areaId } : {}) };
  });
};
