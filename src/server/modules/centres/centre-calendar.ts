import { dayIn } from '../../../core/calendar.js';
import type { ReadTx } from '../../../db/tx.js';
import { AppError } from '../../errors.js';
import { findCentreTimeZone } from './centres.repository.js';

/**
 * The centre's time zone, in which every module reads "today", deadlines and
 * the years of its statistics (404 when there is no such centre).
 */
export const centreTimeZone = async (tx: ReadTx, centreId: string): Promise<string> => {
  const timeZone = await findCentreTimeZone(tx, centreId);
  if (timeZone === undefined) throw new AppError('NOT_FOUND', `No centre ${centreId}`);
  return timeZone;
};

/** The centre's calendar day at `now` (YYYY-MM-DD); 404 when there is no such centre. */
export const centreDay = async (tx: ReadTx, centreId: string, now: Date): Promise<string> => dayIn(now, await centreTimeZone(tx, centreId));
