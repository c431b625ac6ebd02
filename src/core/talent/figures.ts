/**
 * Talents by category: credentials in force at some time in a year (from
 * their first valid day to their last, or to the day they were revoked), per
 * category and in all, for the centre (areaId null) and each employer area.
 * Pure; record ids sorted.
 */
export interface CredentialRecord {
  readonly id: string;
  readonly category: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** YYYY-MM-DD of revocation (in the centre's time zone), or null. */
  readonly revokedOn: string | null;
  readonly areaId: string | null;
  readonly isSample: boolean;
}

export interface TalentFigure {
  /** A category, or null for all categories. */
  readonly category: string | null;
  readonly period: string;
  readonly areaId: string | null;
  readonly value: number;
  readonly records: readonly string[];
  readonly isSample: boolean;
}

const inForce = (r: CredentialRecord, year: number): boolean => {
  const end = r.revokedOn !== null && r.revokedOn < r.validTo ? r.revokedOn : r.validTo;
  return r.validFrom <= `${year}-12-31` && end >= `${year}-01-01` && end >= r.validFrom;
};

export const talentsByCategory = (records: readonly CredentialRecord[], lastYear: number): TalentFigure[] => {
  if (records.length === 0) return [];
  const first = Math.min(...records.map((r) => Number(r.validFrom.slice(0, 4))));
  const areas = [null, ...[...new Set(records.flatMap((r) => (r.areaId ? [r.areaId] : [])))].sort()];
  const categories = [null, ...[...new Set(records.map((r) => r.category))].sort()];
  const out: TalentFigure[] = [];
  for (let y = first; y <= Math.max(first, lastYear); y++) {
    for (const category of categories) {
      for (const area of areas) {
        const counted = records.filter((r) => (category === null || r.category === category) && (area === null || r.areaId === area) && inForce(r, y));
        if (counted.length === 0) continue;
        out.push({ category, period: String(y), areaId: area, value: counted.length, records: counted.map((r) => r.id).sort(), isSample: counted.some((r) => r.isSample) });
      }
    }
  }
  return out;
};
