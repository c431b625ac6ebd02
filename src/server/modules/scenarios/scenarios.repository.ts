import { and, asc, desc, eq, inArray, max, or, sql } from 'drizzle-orm';
import { callApplications, callCriteria, callProgrammes, calls, callScenarios, entities, scenarioBatches, scenarioDeployments } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

export type BatchRow = typeof scenarioBatches.$inferSelect;
export type ScenarioRow = typeof callScenarios.$inferSelect;
export type DeploymentRow = typeof scenarioDeployments.$inferSelect;

export const findBatch = async (tx: ReadTx, centreId: string, id: string): Promise<BatchRow | undefined> =>
  (await tx.select().from(scenarioBatches).where(and(eq(scenarioBatches.centreId, centreId), eq(scenarioBatches.id, id))).limit(1))[0];

export const listBatches = (tx: ReadTx, centreId: string, publishedOnly: boolean): Promise<BatchRow[]> =>
  tx
    .select()
    .from(scenarioBatches)
    .where(and(eq(scenarioBatches.centreId, centreId), publishedOnly ? eq(scenarioBatches.state, 'published') : undefined))
    .orderBy(asc(scenarioBatches.programmeId), desc(scenarioBatches.number));

export const nextBatchNumber = async (tx: ReadTx, programmeId: string): Promise<number> =>
  ((await tx.select({ n: max(scenarioBatches.number) }).from(scenarioBatches).where(eq(scenarioBatches.programmeId, programmeId)))[0]?.n ?? 0) + 1;

export const batchNumberTaken = async (tx: ReadTx, programmeId: string, n: number): Promise<boolean> =>
  (await tx.$count(scenarioBatches, and(eq(scenarioBatches.programmeId, programmeId), eq(scenarioBatches.number, n)))) > 0;

export const insertBatch = async (tx: WriteTx, row: typeof scenarioBatches.$inferInsert): Promise<BatchRow> => (await tx.insert(scenarioBatches).values(row).returning())[0] as BatchRow;

export const updateBatchRow = async (tx: WriteTx, id: string, version: number, patch: Partial<BatchRow>): Promise<BatchRow | undefined> =>
  (await tx.update(scenarioBatches).set({ ...patch, version: version + 1 }).where(and(eq(scenarioBatches.id, id), eq(scenarioBatches.version, version))).returning())[0];

export const insertScenario = async (tx: WriteTx, row: ScenarioRow): Promise<void> => {
  await tx.insert(callScenarios).values(row);
};
export const updateScenarioRow = async (tx: WriteTx, callId: string, patch: Partial<ScenarioRow>): Promise<void> => {
  await tx.update(callScenarios).set(patch).where(eq(callScenarios.callId, callId));
};
export const findScenario = async (tx: ReadTx, callId: string): Promise<ScenarioRow | undefined> => (await tx.select().from(callScenarios).where(eq(callScenarios.callId, callId)).limit(1))[0];

/** The scenarios of some batches with their calls, in the order they were drafted. */
export const listScenariosOfBatches = async (tx: ReadTx, batchIds: string[]) =>
  batchIds.length === 0
    ? []
    : tx
        .select({ scenario: callScenarios, call: calls, programmeKind: callProgrammes.kind })
        .from(callScenarios)
        .innerJoin(calls, eq(calls.id, callScenarios.callId))
        .innerJoin(callProgrammes, eq(callProgrammes.id, calls.programmeId))
        .where(inArray(callScenarios.batchId, batchIds))
        .orderBy(asc(calls.createdAt), asc(calls.id));

export const deploymentCounts = async (tx: ReadTx, callIds: string[]): Promise<{ callId: string; state: string; n: number }[]> =>
  callIds.length === 0
    ? []
    : tx
        .select({ callId: scenarioDeployments.callId, state: scenarioDeployments.state, n: sql<number>`count(*)::int` })
        .from(scenarioDeployments)
        .where(inArray(scenarioDeployments.callId, callIds))
        .groupBy(scenarioDeployments.callId, scenarioDeployments.state);

export const listDeployments = (tx: ReadTx, where: { callId?: string; enterpriseId?: string; achievementId?: string; centreId: string }): Promise<DeploymentRow[]> =>
  tx
    .select()
    .from(scenarioDeployments)
    .where(
      and(
        eq(scenarioDeployments.centreId, where.centreId),
        where.callId ? eq(scenarioDeployments.callId, where.callId) : undefined,
        where.enterpriseId ? eq(scenarioDeployments.enterpriseId, where.enterpriseId) : undefined,
        where.achievementId ? eq(scenarioDeployments.achievementId, where.achievementId) : undefined,
      ),
    )
    .orderBy(desc(scenarioDeployments.recordedAt), asc(scenarioDeployments.id));

export const findDeploymentOfApplication = async (tx: ReadTx, applicationId: string): Promise<DeploymentRow | undefined> =>
  (await tx.select().from(scenarioDeployments).where(eq(scenarioDeployments.applicationId, applicationId)).limit(1))[0];

export const insertDeployment = async (tx: WriteTx, row: typeof scenarioDeployments.$inferInsert): Promise<DeploymentRow> => (await tx.insert(scenarioDeployments).values(row).returning())[0] as DeploymentRow;

export const updateDeploymentRow = async (tx: WriteTx, id: string, version: number, patch: Partial<DeploymentRow>): Promise<DeploymentRow | undefined> =>
  (await tx.update(scenarioDeployments).set({ ...patch, version: version + 1 }).where(and(eq(scenarioDeployments.id, id), eq(scenarioDeployments.version, version))).returning())[0];

export const listCriteriaOf = (tx: ReadTx, callId: string) => tx.select().from(callCriteria).where(eq(callCriteria.callId, callId)).orderBy(asc(callCriteria.position));

export const findApplicationOf = async (tx: ReadTx, callId: string, applicationId: string) =>
  (await tx.select().from(callApplications).where(and(eq(callApplications.id, applicationId), eq(callApplications.callId, callId))).limit(1))[0];

export const applicantOrgsOf = async (tx: ReadTx, callId: string): Promise<string[]> =>
  (await tx.selectDistinct({ id: callApplications.applicantOrgId }).from(callApplications).where(and(eq(callApplications.callId, callId), sql`${callApplications.state} <> 'draft'`))).flatMap((r) => (r.id ? [r.id] : []));

const CANDIDATE_LIMIT = 3000;

/**
 * Enterprises that could take a scenario: those tagged in one of its top-level
 * fields, and those with a delivered deployment or a bid on it. Bounded, so a
 * registry of a million organisations still answers at once.
 */
export const candidateEnterprises = async (tx: ReadTx, centreId: string, topFields: string[], callId: string) => {
  const tagMatch = topFields.length
    ? sql`exists (select 1 from unnest(${entities.industryTags}) t where ${or(...topFields.map((f) => sql`t = ${f} or t like ${`${f.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`}`))})`
    : sql`false`;
  const known = sql`${entities.id} in (select enterprise_id from scenario_deployments where centre_id = ${centreId} and enterprise_id is not null union select applicant_org_id from call_applications where call_id = ${callId} and applicant_org_id is not null)`;
  return tx
    .select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, kind: entities.kind, kindLabel: entities.kindLabel, areaId: entities.areaId, industryTags: entities.industryTags, descriptionEn: entities.descriptionEn, attributes: entities.attributes })
    .from(entities)
    .where(and(eq(entities.centreId, centreId), eq(entities.category, 'enterprise'), eq(entities.status, 'active'), or(tagMatch, known)))
    .orderBy(asc(entities.id))
    .limit(CANDIDATE_LIMIT);
};

export const deliveredCounts = async (tx: ReadTx, centreId: string, enterpriseIds: string[]): Promise<Map<string, number>> => {
  if (enterpriseIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: scenarioDeployments.enterpriseId, n: sql<number>`count(*)::int` })
    .from(scenarioDeployments)
    .where(and(eq(scenarioDeployments.centreId, centreId), eq(scenarioDeployments.state, 'deployed'), inArray(scenarioDeployments.enterpriseId, enterpriseIds)))
    .groupBy(scenarioDeployments.enterpriseId);
  return new Map(rows.flatMap((r) => (r.id ? [[r.id, r.n] as const] : [])));
};

/** Per year: scenario calls published, and deployments finished in use — the record ids behind each count. */
export const scenarioRecords = async (tx: ReadTx, centreId: string) => {
  const published = await tx
    .select({ id: calls.id, publishedAt: calls.publishedAt, isSample: calls.isSample, ownerAreaId: entities.areaId })
    .from(callScenarios)
    .innerJoin(calls, eq(calls.id, callScenarios.callId))
    .leftJoin(entities, eq(entities.id, calls.ownerEntityId))
    .where(and(eq(calls.centreId, centreId), sql`${calls.publishedAt} is not null`));
  const deployed = await tx
    .select({ id: scenarioDeployments.id, finishedOn: scenarioDeployments.finishedOn, isSample: calls.isSample, ownerAreaId: entities.areaId })
    .from(scenarioDeployments)
    .innerJoin(calls, eq(calls.id, scenarioDeployments.callId))
    .leftJoin(entities, eq(entities.id, calls.ownerEntityId))
    .where(and(eq(scenarioDeployments.centreId, centreId), eq(scenarioDeployments.state, 'deployed'), sql`${scenarioDeployments.finishedOn} is not null`));
  return { published, deployed };
};

/** Scenario calls with their batch number, for lists of deployments. */
export const scenarioCalls = async (tx: ReadTx, callIds: string[]) =>
  callIds.length === 0
    ? []
    : tx
        .select({ call: calls, batchNumber: scenarioBatches.number })
        .from(callScenarios)
        .innerJoin(calls, eq(calls.id, callScenarios.callId))
        .innerJoin(scenarioBatches, eq(scenarioBatches.id, callScenarios.batchId))
        .where(inArray(callScenarios.callId, callIds));
