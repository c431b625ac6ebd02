import { computeServiceStatistics, DEFAULT_LADDER, type ServiceFigure } from '../../../core/services/index.js';
import type { ReadTx } from '../../../db/tx.js';
import { loadMetricCases } from './services.service.js';

/** The service ledger's yearly figures (year of receipt, Asia/Shanghai), for the indicators module to store as derived figures. */
export const loadServiceStatistics = async (tx: ReadTx, centreId: string, now: Date): Promise<ServiceFigure[]> => {
  const cases = await loadMetricCases(tx, { centreId });
  const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' });
  return computeServiceStatistics(cases, (d) => year.format(d), now, DEFAULT_LADDER.reopenWindowDays);
};
