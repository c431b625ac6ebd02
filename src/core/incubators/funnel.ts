import type { TCohortExitKind, TFunnel, TIncubatorType } from '../../shared/schemas/incubators.js';

/**
 * Cohort funnel metrics (issue 9), pure: what became of the start-ups an
 * incubator took in. A start-up counts once per step, whatever the number of
 * its rounds, contracts or patents.
 *
 * - survival: not closed. The registry's word wins when it has one (a
 *   record marked dissolved); otherwise the cohort's exit record (exit kind
 *   `failed`). Relocated start-ups survive: they left the incubator, not the
 *   market.
 * - follow-on funding: at least one investment round announced on or after
 *   the day it entered the incubator.
 * - graduation: exit kind `graduated`.
 * - contracts: at least one registered technology contract it sold, signed on
 *   or after entry.
 * - patents: at least one patent application it filed (as a linked
 *   applicant) on or after entry.
 */

export type ResidentFacts = {
  id: string;
  enteredOn: string;
  exitKind: TCohortExitKind;
  /** What the registry says: `dissolved` when it records the organisation as closed; null when it says nothing. */
  registryStatus: 'active' | 'dissolved' | null;
  /** Dates (YYYY-MM-DD) of the start-up's investment rounds, contracts and patent applications, any period. */
  rounds: readonly string[];
  contracts: readonly string[];
  patents: readonly string[];
};

export type ResidentOutcome = { id: string; surviving: boolean; fundingRounds: number; contracts: number; patents: number; graduated: boolean };

const after = (dates: readonly string[], from: string): number => dates.filter((d) => d >= from).length;

export const residentOutcome = (r: ResidentFacts): ResidentOutcome => ({
  id: r.id,
  surviving: r.registryStatus === 'dissolved' ? false : r.exitKind !== 'failed',
  fundingRounds: after(r.rounds, r.enteredOn),
  contracts: after(r.contracts, r.enteredOn),
  patents: after(r.patents, r.enteredOn),
  graduated: r.exitKind === 'graduated',
});

const rate = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1e4) / 1e4);

/** The funnel of a set of start-ups (a cohort, or the pooled cohorts of a type). */
export const funnelOf = (residents: readonly ResidentFacts[]): TFunnel => {
  const outcomes = residents.map(residentOutcome);
  const members = residents.length;
  const count = (f: (r: ResidentFacts, o: ResidentOutcome) => boolean) => residents.filter((r, i) => f(r, outcomes[i] as ResidentOutcome)).length;
  const surviving = count((_, o) => o.surviving);
  const graduated = count((r) => r.exitKind === 'graduated');
  const funded = count((_, o) => o.fundingRounds > 0);
  const withContracts = count((_, o) => o.contracts > 0);
  const withPatents = count((_, o) => o.patents > 0);
  return {
    members,
    surviving,
    graduated,
    failed: count((r) => r.exitKind === 'failed'),
    relocated: count((r) => r.exitKind === 'relocated'),
    inResidence: count((r) => r.exitKind === 'in_residence'),
    funded,
    withContracts,
    withPatents,
    survivalRate: rate(surviving, members),
    graduationRate: rate(graduated, members),
    fundingRate: rate(funded, members),
    contractRate: rate(withContracts, members),
    patentRate: rate(withPatents, members),
  };
};

export type CohortFacts = { id: string; incubatorId: string; incubatorType: TIncubatorType; intakeYear: number; residents: readonly ResidentFacts[] };

export type TypeComparisonRow = { incubatorType: TIncubatorType; intakeYear: number | null; incubators: number; cohorts: number; funnel: TFunnel };

/**
 * Like-for-like comparison: cohorts pooled per incubator type and intake
 * year (a 2019 cohort has had longer to fail or graduate than a 2024 one, so
 * years are compared within a year), plus one row per type over all years
 * (`intakeYear` null). Rows sorted by type, then year, all-years row last.
 */
export const compareByType = (cohorts: readonly CohortFacts[]): TypeComparisonRow[] => {
  const groups = new Map<string, { type: TIncubatorType; year: number | null; cohorts: CohortFacts[] }>();
  const add = (type: TIncubatorType, year: number | null, c: CohortFacts) => {
    const key = `${type}|${year ?? 'all'}`;
    const g = groups.get(key) ?? { type, year, cohorts: [] };
    g.cohorts.push(c);
    groups.set(key, g);
  };
  for (const c of cohorts) {
    add(c.incubatorType, c.intakeYear, c);
    add(c.incubatorType, null, c);
  }
  return [...groups.values()]
    .map((g) => ({ incubatorType: g.type, intakeYear: g.year, incubators: new Set(g.cohorts.map((c) => c.incubatorId)).size, cohorts: g.cohorts.length, funnel: funnelOf(g.cohorts.flatMap((c) => c.residents)) }))
    .sort((a, b) => a.incubatorType.localeCompare(b.incubatorType) || (a.intakeYear ?? 99999) - (b.intakeYear ?? 99999));
};

/** Entry and exit checks a cohort record must pass; field paths as the API reports them. */
export const residentIssues = (r: { enteredOn: string; exitedOn: string | null; exitKind: TCohortExitKind }, intakeYear: number): { path: string; reason: string; message: string }[] => {
  const out: { path: string; reason: string; message: string }[] = [];
  if (Number(r.enteredOn.slice(0, 4)) !== intakeYear) out.push({ path: 'enteredOn', reason: 'outside_intake_year', message: `a start-up of the ${intakeYear} intake enters in ${intakeYear}` });
  if (r.exitKind === 'in_residence' && r.exitedOn !== null) out.push({ path: 'exitedOn', reason: 'exit_without_kind', message: 'a start-up still in residence has no exit date; give how it left' });
  if (r.exitKind !== 'in_residence' && r.exitedOn === null) out.push({ path: 'exitedOn', reason: 'required', message: 'give the day it left' });
  if (r.exitedOn !== null && r.exitedOn < r.enteredOn) out.push({ path: 'exitedOn', reason: 'before_entry', message: 'it cannot leave before it entered' });
  return out;
};
