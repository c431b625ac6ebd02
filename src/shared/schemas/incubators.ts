import { z } from 'zod';
import { ZId } from './common.js';

/**
 * Incubators and their cohorts (issue 9): an incubator is a registry
 * organisation with an incubator profile; a cohort is an intake (year, term)
 * of start-ups from the registry, each with its entry and, once it leaves,
 * its exit date and kind. The funnel (survival, follow-on funding,
 * graduation, technology contracts, patents) is computed, never stored.
 */

/** Who runs an incubator: the comparison by type is like-for-like on these. */
export const INCUBATOR_TYPES = ['university', 'corporate', 'government', 'professional', 'private', 'other'] as const;
export type TIncubatorType = (typeof INCUBATOR_TYPES)[number];
/** How a start-up left its cohort (or that it has not). */
export const COHORT_EXIT_KINDS = ['in_residence', 'graduated', 'failed', 'relocated'] as const;
export type TCohortExitKind = (typeof COHORT_EXIT_KINDS)[number];
/** Intake terms: a whole-year intake or one of two rounds. */
export const COHORT_TERMS = ['year', 'spring', 'autumn'] as const;

const ZDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date: YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

export const ZIncubatorInput = z.object({
  entityId: ZId,
  incubatorType: z.enum(INCUBATOR_TYPES),
  /** The organisation that runs it (a university, a company, a district body …), when it is in the registry. */
  operatorId: ZId.nullable().default(null),
  /** The operator as written, when it is not in the registry. */
  operatorName: text(200).nullable().default(null),
  areaId: ZId.nullable().default(null),
  parks: text(300).nullable().default(null),
  focus: text(500).nullable().default(null),
  /** The day the profile was last confirmed as true (its freshness stamp). */
  confirmedOn: ZDay.nullable().default(null),
  isSample: z.boolean().default(false),
});
export const ZIncubatorPatch = z.object({
  version: z.number().int().min(1),
  incubatorType: z.enum(INCUBATOR_TYPES).optional(),
  operatorId: ZId.nullable().optional(),
  operatorName: text(200).nullable().optional(),
  areaId: ZId.nullable().optional(),
  parks: text(300).nullable().optional(),
  focus: text(500).nullable().optional(),
  confirmedOn: ZDay.nullable().optional(),
});

const ZRef = z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() });

export const ZFunnel = z.object({
  members: z.number().int(),
  surviving: z.number().int(),
  graduated: z.number().int(),
  failed: z.number().int(),
  relocated: z.number().int(),
  inResidence: z.number().int(),
  funded: z.number().int(),
  withContracts: z.number().int(),
  withPatents: z.number().int(),
  /** Shares of the members; null for an empty cohort. */
  survivalRate: z.number().nullable(),
  graduationRate: z.number().nullable(),
  fundingRate: z.number().nullable(),
  contractRate: z.number().nullable(),
  patentRate: z.number().nullable(),
});
export type TFunnel = z.infer<typeof ZFunnel>;

export const ZIncubatorSummary = z.object({
  id: z.string(),
  centreId: z.string(),
  entity: ZRef,
  incubatorType: z.enum(INCUBATOR_TYPES),
  operator: ZRef.nullable(),
  operatorName: z.string().nullable(),
  areaId: z.string().nullable(),
  areaNameZh: z.string().nullable(),
  areaNameEn: z.string().nullable(),
  parks: z.string().nullable(),
  focus: z.string().nullable(),
  confirmedOn: z.string().nullable(),
  isSample: z.boolean(),
  version: z.number().int(),
  cohorts: z.number().int(),
  funnel: ZFunnel,
});

export const ZCohortInput = z.object({
  intakeYear: z.number().int().min(1980).max(2100),
  term: z.enum(COHORT_TERMS).default('year'),
  isSample: z.boolean().default(false),
});

export const ZResidentInput = z.object({
  entityId: ZId,
  enteredOn: ZDay,
  exitedOn: ZDay.nullable().default(null),
  exitKind: z.enum(COHORT_EXIT_KINDS).default('in_residence'),
});
export const ZResidentPatch = z.object({
  version: z.number().int().min(1),
  enteredOn: ZDay.optional(),
  exitedOn: ZDay.nullable().optional(),
  exitKind: z.enum(COHORT_EXIT_KINDS).optional(),
});

export const ZResident = z.object({
  id: z.string(),
  cohortId: z.string(),
  entity: ZRef,
  enteredOn: z.string(),
  exitedOn: z.string().nullable(),
  exitKind: z.enum(COHORT_EXIT_KINDS),
  /** What the funnel found for this start-up, so every count can be checked. */
  surviving: z.boolean(),
  fundingRounds: z.number().int(),
  contracts: z.number().int(),
  patents: z.number().int(),
  version: z.number().int(),
});

export const ZCohort = z.object({
  id: z.string(),
  incubatorId: z.string(),
  intakeYear: z.number().int(),
  term: z.enum(COHORT_TERMS),
  isSample: z.boolean(),
  residents: z.array(ZResident),
  funnel: ZFunnel,
});

export const ZIncubatorView = ZIncubatorSummary.extend({ cohortList: z.array(ZCohort) });

/** One cell of the comparison: incubators of a type, cohorts of an intake year (or all years). */
export const ZTypeComparisonRow = z.object({ incubatorType: z.enum(INCUBATOR_TYPES), intakeYear: z.number().int().nullable(), incubators: z.number().int(), cohorts: z.number().int(), funnel: ZFunnel });
export const ZTypeComparison = z.object({ rows: z.array(ZTypeComparisonRow) });
