import type { TRunResults } from '../../../../shared/schemas/evaluation.js';

/** Units and ranks in order, as one string: equal when two runs rank alike (the server's stored run against the browser's). */
export const canonicalRanks = (results: TRunResults): string => results.units.map((u) => `${u.uCode}:${u.rank}:${u.scores[results.root]}`).join('|');
