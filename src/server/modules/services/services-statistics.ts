import { computeServiceStatistics, DEFAULT_LADDER, type ServiceFigure } from '../../../core/services/index.js';
import type { ReadTx } from '../../../db/tx.js';
import * as repo from './services.repository.js';
import { withResolutions } from './services.service.js';

/** The statistics' periods are years of receipt in Beijing time (UTC+8 all year, no daylight saving). */
const yearOf = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' });
const startOfYear = (year: number): Date => new Date(`${String(year).padStart(4, '0')}-01-01T00:00:00+08:00`);

/**
 * The service ledger's yearly figures, for the indicators module to store as
 * derived figures. One year at a time, reading only the columns the figures
 * use: a city's 500,000 cases loaded at once, with their titles and topic
 * words, held 1.2 GB and blocked the event loop for seconds (the soak, issue 10).
 */
export const loadServiceStatistics = async (tx: ReadTx, centreId: string, now: Date): Promise<ServiceFigure[]> => {
  const span = await repo.receiptSpan(tx, centreId);
  if (!span) return [];
  const out: ServiceFigure[] = [];
  for (let year = Number(yearOf.format(span.first)); year <= Number(yearOf.format(span.last)); year++) {
    const [from, to] = [startOfYear(year), startOfYear(year + 1)];
    const rows = await repo.casesForStatistics(tx, centreId, from, to);
    if (rows.length === 0) continue;
    const cases = withResolutions(rows, await repo.resolutionEventsReceivedIn(tx, centreId, from, to));
    out.push(...computeServiceStatistics(cases, () => String(year), now, DEFAULT_LADDER.reopenWindowDays));
    // A year's figures are CPU work: let requests waiting on this process run between years.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
};
