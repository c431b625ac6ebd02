import { cumulativeRecognised } from '../../../core/rdcentres/index.js';
import { readTogether, type ReadTx } from '../../../db/tx.js';
import type { DerivedFigure } from '../indicators/derived-figures.service.js';
import { findRootAreaId } from '../indicators/indicators.repository.js';
import * as repo from './rdcentres.repository.js';
import { yearIn } from '../../../core/calendar.js';

export const RD_CENTRE_INDICATORS = [
  {
    code: 'rd_centres_recognised',
    nameZh: '平台认定的外资研发中心（累计）',
    nameEn: 'Foreign-funded R&D centres recognised on the platform (cumulative)',
    unit: 'centres',
    direction: 1 as const,
    definitionZh: '截至当年年底，经本平台认定的外资研发中心数量（累计；按认定生效日期计，之后撤销的仍计入“已认定”）。',
    definitionEn: 'Foreign-funded R&D centres recognised on the platform by the end of the year (cumulative, by the date the recognition took effect; a later revocation does not remove it from "recognised").',
  },
];

/** Per year and area: recognised centres, cumulative, each figure listing its recognitions. */
export const loadRdCentreFigures = async (tx: ReadTx, centreId: string, now: Date, timeZone: string): Promise<DerivedFigure[]> => {
  const thisYear = yearIn(now, timeZone);
  const [rows, root] = await readTogether(tx, [() => repo.recognitionRecords(tx, centreId), () => findRootAreaId(tx, centreId)] as const);
  const records = rows.flatMap((r) => (r.validFrom ? [{ id: r.id, validFrom: r.validFrom, areaId: r.areaId && r.areaId !== root ? r.areaId : null, isSample: r.isSample }] : []));
  const lastYear = Math.max(thisYear, ...records.map((r) => Number(r.validFrom.slice(0, 4))));
  return cumulativeRecognised(records, Math.min(lastYear, thisYear)).map((f) => ({
    code: 'rd_centres_recognised',
    period: f.period,
    value: f.value,
    numerator: f.value,
    denominator: null,
    records: f.records.map((id) => ({ kind: 'recognition', id })),
    isSample: f.isSample,
    ...(f.areaId ? { areaId: f.areaId } : {}),
  }));
};

