import { and, eq } from 'drizzle-orm';
import { areas, sources } from '../../../db/schema/index.js';
import type { ReadTx } from '../../../db/tx.js';

export const findAreaInCentre = async (tx: ReadTx, centreId: string, id: string) =>
  (await tx.select().from(areas).where(and(eq(areas.centreId, centreId), eq(areas.id, id))).limit(1))[0];

export const findSourceInCentre = async (tx: ReadTx, centreId: string, id: string) =>
  (await tx.select({ id: sources.id }).from(sources).where(and(eq(sources.centreId, centreId), eq(sources.id, id))).limit(1))[0];
