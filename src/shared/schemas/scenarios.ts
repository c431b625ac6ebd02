import { z } from 'zod';
import { ZId } from './common.js';
import { ZCallInput, ZCallSummary, ZDateOnly, ZEntityRef } from './calls.js';

/**
 * Application scenarios (应用场景, issue 7): a scenario is a call of a
 * `scenario` programme with the fields only a scenario has (site, data,
 * sandbox, timeline); scenarios go out in numbered batches (第一批, 第二批 …);
 * enterprises apply with solutions through the calls engine; a selected
 * solution's deployment records its outcome.
 */

/** Who offers the scenario: the demand owner's kind, for statistics and the public list. */
export const SCENARIO_OWNER_KINDS = ['district', 'park', 'hospital', 'school', 'agency', 'enterprise', 'utility', 'other'] as const;
/** Whether a regulatory sandbox (or test field) is available for trials. */
export const SANDBOX_STATUSES = ['none', 'planned', 'available', 'in_use'] as const;
export const BATCH_STATES = ['draft', 'published'] as const;
/** A deployment runs from award; it ends deployed (in use) or failed, each with an outcome. */
export const DEPLOYMENT_STATES = ['deploying', 'deployed', 'failed'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);

export const ZBatchInput = z.object({
  programmeId: ZId,
  /** Batch numbers count from 1 per programme; left out, the next number is taken. */
  number: z.number().int().min(1).max(999).nullable().default(null),
  titleZh: optionalText(200),
  titleEn: text(300),
  description: optionalText(5000),
  isSample: z.boolean().default(false),
});
export type TBatchInput = z.infer<typeof ZBatchInput>;

export const ZScenarioFields = z
  .object({
    ownerKind: z.enum(SCENARIO_OWNER_KINDS),
    site: text(500),
    dataAvailable: optionalText(5000),
    sandboxStatus: z.enum(SANDBOX_STATUSES).default('none'),
    timelineStart: ZDateOnly.nullable().default(null),
    timelineEnd: ZDateOnly.nullable().default(null),
  })
  .refine((s) => s.timelineStart === null || s.timelineEnd === null || s.timelineStart <= s.timelineEnd, { message: 'the timeline ends before it starts', path: ['timelineEnd'], params: { reason: 'timeline_order' } });
export type TScenarioFields = z.infer<typeof ZScenarioFields>;

/** A new scenario: the call's fields (its programme is the batch's) and the scenario's own. */
export const ZScenarioInput = z.object({ call: ZCallInput.omit({ programmeId: true }), scenario: ZScenarioFields });
export type TScenarioInput = z.infer<typeof ZScenarioInput>;
export const ZScenarioPatch = z.object({ scenario: ZScenarioFields });

export const ZScenarioDetails = z.object({
  callId: z.string(),
  batchId: z.string(),
  ownerKind: z.enum(SCENARIO_OWNER_KINDS),
  site: z.string(),
  dataAvailable: z.string().nullable(),
  sandboxStatus: z.enum(SANDBOX_STATUSES),
  timelineStart: z.string().nullable(),
  timelineEnd: z.string().nullable(),
});

export const ZDeployment = z.object({
  id: z.string(),
  callId: z.string(),
  applicationId: z.string(),
  enterprise: ZEntityRef.nullable(),
  achievementId: z.string().nullable(),
  state: z.enum(DEPLOYMENT_STATES),
  startedOn: z.string().nullable(),
  finishedOn: z.string().nullable(),
  outcome: z.string().nullable(),
  /** Measured results against the scenario's acceptance metrics, each judged met or not. */
  results: z.array(z.object({ criterionId: z.string(), metric: z.string(), unit: z.string(), comparator: z.string(), threshold: z.number(), value: z.number(), met: z.boolean() })),
  recordedAt: z.date(),
  version: z.number().int(),
});
export type TDeployment = z.infer<typeof ZDeployment>;

export const ZDeploymentInput = z
  .object({
    applicationId: ZId,
    state: z.enum(DEPLOYMENT_STATES),
    startedOn: ZDateOnly.nullable().default(null),
    finishedOn: ZDateOnly.nullable().default(null),
    outcome: optionalText(5000),
    achievementId: ZId.nullable().default(null),
    results: z.array(z.object({ criterionId: ZId, value: z.number().finite() })).max(30).default([]),
    /** The version last seen, when updating a deployment already recorded. */
    version: z.number().int().min(1).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.state !== 'deploying' && d.finishedOn === null) ctx.addIssue({ code: 'custom', path: ['finishedOn'], message: 'a finished deployment needs its end date', params: { reason: 'finished_on_required' } });
    if (d.state !== 'deploying' && (d.outcome === null || d.outcome.length < 10)) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'describe the outcome (at least 10 characters)', params: { reason: 'outcome_required' } });
    if (d.startedOn && d.finishedOn && d.finishedOn < d.startedOn) ctx.addIssue({ code: 'custom', path: ['finishedOn'], message: 'the deployment ends before it starts', params: { reason: 'timeline_order' } });
  });
export type TDeploymentInput = z.infer<typeof ZDeploymentInput>;

export const ZScenarioSummary = ZCallSummary.extend({ scenario: ZScenarioDetails, deployments: z.object({ deploying: z.number().int(), deployed: z.number().int(), failed: z.number().int() }) });

export const ZBatch = z.object({
  id: z.string(),
  programmeId: z.string(),
  number: z.number().int(),
  titleZh: z.string().nullable(),
  titleEn: z.string(),
  description: z.string().nullable(),
  state: z.enum(BATCH_STATES),
  publishedAt: z.date().nullable(),
  isSample: z.boolean(),
  version: z.number().int(),
  scenarios: z.array(ZScenarioSummary),
});
export type TBatch = z.infer<typeof ZBatch>;

/** A batch's publication: all its scenarios go out together, or none does and each one's blocking reasons are listed. */
export const ZBatchPublishResult = z.object({ batchId: z.string(), published: z.array(z.string()) });

export const ZCandidate = z.object({
  entity: ZEntityRef.extend({ kind: z.string().nullable(), areaId: z.string().nullable() }),
  score: z.number(),
  components: z.object({ field: z.number(), text: z.number(), trackRecord: z.number() }),
  matchedFields: z.array(z.string()),
  matchedWords: z.array(z.string()),
  deployments: z.number().int(),
  applied: z.boolean(),
});
export type TCandidate = z.infer<typeof ZCandidate>;

export const ZScenarioView = z.object({
  scenario: ZScenarioDetails,
  batch: z.object({ id: z.string(), number: z.number().int(), titleZh: z.string().nullable(), titleEn: z.string(), state: z.enum(BATCH_STATES) }),
  deployments: z.array(ZDeployment),
  /** Solutions selected by review (awarded or completed): what a deployment can be recorded for. */
  selected: z.array(z.object({ applicationId: z.string(), title: z.string(), enterprise: ZEntityRef.nullable() })),
  canRecord: z.boolean(),
});
export type TScenarioView = z.infer<typeof ZScenarioView>;

export const ZEntityDeployment = ZDeployment.extend({ call: z.object({ id: z.string(), titleZh: z.string().nullable(), titleEn: z.string() }), batchNumber: z.number().int() });
