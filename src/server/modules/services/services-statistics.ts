import { computeServiceStatistics, DEFAULT_LADDER, type ServiceFigure } from '../../../core/services/index.js';
import { startOfYearIn, yearIn } from '../../../core/calendar.js';
import type { ReadTx } from '../../../db/tx.js';
import * as repo from './services.repository.js';
import { withResolutions } from './services.service.js';


/**
 * The service ledger's yearly figures, for the indicators module to store as
 * derived figures. One year at a time, reading only the columns the figures
 * use: a city's 500,000 cases loaded at once, with their titles and topic
 * words, held 1.2 GB and blocked the event loop for seconds (the soak, issue 10).
 * The periods are years of receipt in the centre's time zone.
 */
export const loadServiceStatistics = async (tx: ReadTx, centreId: string, now: Date, timeZone: string): Promise<ServiceFigure[]> => {
  const span = await repo.receiptSpan(tx, centreId);
  if (!span) return [];
  const out: ServiceFigure[] = [];
  for (let year = yearIn(span.first, timeZone); year <= yearIn(span.last, timeZone); year++) {
    const [from, to] = [startOfYearIn(year, timeZone), startOfYearIn(year + 1, timeZone)];
    const rows = await repo.casesForStatistics(tx, centreId, from, to);
    if (rows.length === 0) continue;
    const cases = withResolutions(rows, await repo.resolutionEventsReceivedIn(tx, centreId, from, to));
    out.push(...computeServiceStatistics(cases, () => String(year), now, DEFAULT_LADDER.reopenWindowDays));
    // A year's figures are CPU work: let requests waiting on this process run between years.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
};
