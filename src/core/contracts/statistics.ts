import { contractFamily, STAT_DIMENSIONS, type SellerKind, type StatDimension, type TechContractType, type TechnicalField } from '../../shared/contracts-vocabulary.js';

export { STAT_DIMENSIONS, type StatDimension };

/**
 * Statistics of registered technology contracts. Each registration adds one
 * to a handful of small roll-up cells (one per dimension), so the standard
 * views read a few hundred cells instead of scanning every contract. The
 * same cells can be rebuilt from the contracts at any time; the property
 * tests hold the incremental cells to the direct aggregation.
 */

export type RegisteredContract = {
  /** Registration date in the centre's time zone, YYYY-MM-DD. */
  registeredOn: string;
  type: TechContractType;
  field: TechnicalField;
  sellerKind: SellerKind;
  sellerDistrictId: string | null;
  sellerParkId: string | null;
  /** A province code or `abroad:XX`. */
  buyerRegion: string;
  amount: number;
  technicalAmount: number;
  isSample: boolean;
};

export type StatCellKey = { year: number; month: number; dimension: StatDimension; key: string; key2: string };
export type StatMeasures = { contracts: number; amount: number; technicalAmount: number; samples: number };
export type StatCell = StatCellKey & StatMeasures;

/** The cells one registered contract adds to. Missing districts and parks are keyed `''` (unknown). */
export const cellsOf = (c: RegisteredContract): StatCellKey[] => {
  const year = Number(c.registeredOn.slice(0, 4));
  const month = Number(c.registeredOn.slice(5, 7));
  const at = (dimension: StatDimension, key: string, key2 = ''): StatCellKey => ({ year, month, dimension, key, key2 });
  return [
    at('total', ''),
    at('type', c.type),
    at('family', contractFamily(c.type)),
    at('field', c.field),
    at('seller_kind', c.sellerKind),
    at('district', c.sellerDistrictId ?? ''),
    at('park', c.sellerParkId ?? ''),
    at('buyer_region', c.buyerRegion),
    at('flow', c.sellerDistrictId ?? '', c.buyerRegion),
  ];
};

export const cellId = (k: StatCellKey): string => `${k.year}|${k.month}|${k.dimension}|${k.key}|${k.key2}`;

/** Direct aggregation of contracts into cells: the oracle for the incremental roll-up, and the rebuild. */
export const aggregate = (contracts: readonly RegisteredContract[]): StatCell[] => {
  const out = new Map<string, StatCell>();
  for (const c of contracts) {
    for (const k of cellsOf(c)) {
      const id = cellId(k);
      const cell = out.get(id) ?? { ...k, contracts: 0, amount: 0, technicalAmount: 0, samples: 0 };
      cell.contracts += 1;
      cell.amount += c.amount;
      cell.technicalAmount += c.technicalAmount;
      cell.samples += c.isSample ? 1 : 0;
      out.set(id, cell);
    }
  }
  return [...out.values()];
};

export type StatRow = { key: string; key2: string; contracts: number | null; amount: number | null; technicalAmount: number | null; isSample: boolean; suppressed: boolean };

/**
 * Small-cell suppression for public figures: a cell of fewer than `min`
 * contracts shows no numbers. When a single cell would be hidden beside a
 * shown total it could be worked out by subtraction, so the next smallest cell
 * is hidden with it (secondary suppression).
 */
export const suppressSmallCells = (rows: readonly StatRow[], min: number): StatRow[] => {
  const hide = (r: StatRow): StatRow => ({ ...r, contracts: null, amount: null, technicalAmount: null, suppressed: true });
  const out = rows.map((r) => ((r.contracts ?? 0) < min ? hide(r) : r));
  const hidden = out.filter((r) => r.suppressed).length;
  if (hidden === 1 && out.length > 1) {
    let smallest = -1;
    out.forEach((r, i) => {
      if (r.suppressed) return;
      if (smallest < 0 || (r.contracts ?? 0) < ((out[smallest] as StatRow).contracts ?? 0)) smallest = i;
    });
    if (smallest >= 0) out[smallest] = hide(out[smallest] as StatRow);
  }
  return out;
};

/** Year-on-year growth in percent, or null when there is no earlier figure to compare with. */
export const growth = (current: number, previous: number | null | undefined): number | null =>
  previous === null || previous === undefined || previous === 0 ? null : Math.round(((current - previous) / previous) * 10_000) / 100;
