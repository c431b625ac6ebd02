import { PATENT_ENDED_STATUSES, PATENT_TERM_YEARS, type PatentKind, type PatentStatDimension, type PatentStatus } from '../../shared/patents-vocabulary.js';
import { parseIpc } from './ipc.js';

/**
 * Counting patents. Every dimension puts each patent in exactly one cell, so
 * each partitions the total: a patent counts for its first applicant (第一申请人,
 * the convention of China's patent statistics) and that applicant's district,
 * for the section, class and subclass of its main IPC symbol, and for its
 * filing and grant years. Patents without the attribute fall in the `''` cell.
 */

export type CountedPatent = {
  kind: PatentKind;
  legalStatus: PatentStatus;
  /** The first applicant's registry id, when linked. */
  firstApplicantId: string | null;
  /** The district of the first linked applicant. */
  areaId: string | null;
  mainIpc: string | null;
  /** YYYY-MM-DD */
  applicationDate: string;
  grantDate: string | null;
  isSample: boolean;
};

export const cellKeyOf = (p: CountedPatent, dimension: PatentStatDimension): string => {
  const ipc = p.mainIpc ? parseIpc(p.mainIpc) : null;
  switch (dimension) {
    case 'kind':
      return p.kind;
    case 'status':
      return p.legalStatus;
    case 'applicant':
      return p.firstApplicantId ?? '';
    case 'district':
      return p.areaId ?? '';
    case 'ipc_section':
      return ipc?.section ?? '';
    case 'ipc_class':
      return ipc?.cls ?? '';
    case 'ipc_subclass':
      return ipc?.subclass ?? '';
    case 'application_year':
      return p.applicationDate.slice(0, 4);
    case 'grant_year':
      return p.grantDate?.slice(0, 4) ?? '';
  }
};

export type PatentCount = { key: string; patents: number; samples: number };

/** Patents per cell of one dimension, largest first (ties by key). */
export const countBy = (patents: readonly CountedPatent[], dimension: PatentStatDimension): PatentCount[] => {
  const out = new Map<string, PatentCount>();
  for (const p of patents) {
    const key = cellKeyOf(p, dimension);
    const cell = out.get(key) ?? { key, patents: 0, samples: 0 };
    cell.patents += 1;
    cell.samples += p.isSample ? 1 : 0;
    out.set(key, cell);
  }
  return [...out.values()].sort((a, b) => b.patents - a.patents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
};

/**
 * 有效发明专利 at the end of a year: an invention patent granted on or before
 * 31 December, not ended by then (its status is `granted`, or it lapsed,
 * expired or was invalidated only after that day), and within its 20-year
 * term counted from the filing date. The statistics bureau's indicator
 * 每万人口发明专利拥有量 divides this count by the resident population in 10,000s.
 */
export const inForceAtYearEnd = (p: Pick<CountedPatent, 'kind' | 'legalStatus' | 'applicationDate' | 'grantDate'> & { statusDate: string | null }, year: number): boolean => {
  const end = `${year}-12-31`;
  if (p.kind !== 'invention' || !p.grantDate || p.grantDate > end) return false;
  const termEnds = `${Number(p.applicationDate.slice(0, 4)) + PATENT_TERM_YEARS.invention}${p.applicationDate.slice(4)}`;
  if (termEnds <= end) return false;
  if (p.legalStatus === 'granted') return true;
  // An ended patent whose end date is unknown is not counted: the record cannot say it was in force.
  return PATENT_ENDED_STATUSES.includes(p.legalStatus) && p.statusDate !== null && p.statusDate > end;
};

/** Patents per 10,000 people, to one decimal as published; null without a population. */
export const perTenThousand = (count: number, population: number | null): number | null =>
  population === null || !(population > 0) ? null : Math.round((count / (population / 10_000)) * 10) / 10;

/** A population figure in persons, from an observation whose unit is persons or 10,000 persons (万人). */
export const populationInPersons = (value: number, unit: string | null): number => (/万|10k|10,000|ten thousand/i.test(unit ?? '') ? value * 10_000 : value);
