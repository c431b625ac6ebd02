import type { DbExecutor } from '../../db/client.js';
import { centres } from '../../db/schema/index.js';
import { AppError } from '../errors.js';

/** The centre a command works on (`--centre ID`): the one named, or the only one there is. */
export const pickCentre = async (db: DbExecutor, named: string | undefined): Promise<string> => {
  const all = (await db.select({ id: centres.id }).from(centres)).map((c) => c.id);
  if (named) {
    if (!all.includes(named)) throw new AppError('NOT_FOUND', `No centre ${named}; centres: ${all.join(', ') || 'none'}`);
    return named;
  }
  if (all.length !== 1) throw new AppError('BAD_REQUEST', `Name the centre with --centre (${all.join(', ') || 'none seeded'})`);
  return all[0] as string;
};
