import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { judgeResults, rankCandidates } from '../../../core/scenarios/index.js';
import type { CallState } from '../../../core/workflow/index.js';
import { achievements } from '../../../db/schema/index.js';
import { segment } from '../../../db/search-text.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';
import { withWriteTx } from '../../../db/tx.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { TBatch, TBatchInput, TCandidate, TDeployment, TDeploymentInput, TScenarioFields, TScenarioInput, TScenarioView } from '../../../shared/schemas/scenarios.js';
import { assertCentreScope, type ServiceContext, type SessionUser } from '../../context.js';
import { AppError, bodyIssue as issue, invalidBody as invalid } from '../../errors.js';
import { auditWrite as audit } from '../../audit.js';
import { isDemandOwner, isOfficer } from '../calls/calls.policy.js';
import * as callsRepo from '../calls/calls.repository.js';
import type { CallRow } from '../calls/calls.repository.js';
import { createCallInTx, PUBLIC_CALL_STATES, transitionCallInTx } from '../calls/calls.service.js';
import { getCentre } from '../centres/centres.service.js';
import * as repo from './scenarios.repository.js';
import type { BatchRow, DeploymentRow, ScenarioRow } from './scenarios.repository.js';

/**
 * Application scenarios on the calls engine. A scenario is a call of a
 * `scenario` programme; this module adds batches (published together),
 * the scenario's own fields, enterprise suggestions and deployments. Every
 * state change of a scenario is the calls engine's, so its guards, public
 * change log, review under conflict-of-interest rules and appeals apply.
 */

const conflict = (message: string, fields: FieldIssue[]): AppError => new AppError('CONFLICT', message, { fields });

const requireUser = (ctx: ServiceContext, centreId: string): SessionUser => {
  assertCentreScope(ctx, centreId);
  return ctx.user as SessionUser;
};
const requireOfficer = (ctx: ServiceContext, centreId: string): SessionUser => {
  const user = requireUser(ctx, centreId);
  if (!isOfficer(user, centreId)) throw new AppError('FORBIDDEN', 'Only programme officers manage scenario batches');
  return user;
};

const isPublicCall = (state: string): boolean => PUBLIC_CALL_STATES.includes(state as CallState);

const entityRef = (e: callsRepo.EntityRef | undefined, id: string) => (e ? { id: e.id, nameZh: e.nameZh, nameEn: e.nameEn } : { id, nameZh: null, nameEn: id });

const scenarioDetails = (s: ScenarioRow) => ({
  callId: s.callId,
  batchId: s.batchId,
  ownerKind: s.ownerKind as TScenarioFields['ownerKind'],
  site: s.site,
  dataAvailable: s.dataAvailable,
  sandboxStatus: s.sandboxStatus as TScenarioFields['sandboxStatus'],
  timelineStart: s.timelineStart,
  timelineEnd: s.timelineEnd,
});

// ---------------------------------------------------------------- batches
const batchesView = async (tx: ReadTx, ctx: ServiceContext, rows: BatchRow[]): Promise<TBatch[]> => {
  const scenarios = await repo.listScenariosOfBatches(
    tx,
    rows.map((b) => b.id),
  );
  const officer = rows[0] ? isOfficer(ctx.user, rows[0].centreId) : false;
  // Drafts stay with officers and each scenario's owner; the public sees what has been published.
  const visible = scenarios.filter((s) => officer || isPublicCall(s.call.state) || isDemandOwner(ctx.user, s.call));
  const [owners, counts] = await Promise.all([callsRepo.findEntities(tx, [...new Set(visible.map((s) => s.call.ownerEntityId))]), repo.deploymentCounts(tx, visible.map((s) => s.call.id))]);
  const ownerOf = new Map(owners.map((e) => [e.id, e]));
  const countOf = new Map(counts.map((c) => [`${c.callId}|${c.state}`, c.n]));
  return rows.map((b) => ({
    id: b.id,
    programmeId: b.programmeId,
    number: b.number,
    titleZh: b.titleZh,
    titleEn: b.titleEn,
    description: b.description,
    state: b.state as TBatch['state'],
    publishedAt: b.publishedAt,
    isSample: b.isSample,
    version: b.version,
    scenarios: visible
      .filter((s) => s.scenario.batchId === b.id)
      .map(({ call, scenario, programmeKind }) => {
        const n = (state: string) => countOf.get(`${call.id}|${state}`) ?? 0;
        return {
          id: call.id,
          programmeId: call.programmeId,
          programmeKind,
          state: call.state as CallState,
          titleZh: call.titleZh,
          titleEn: call.titleEn,
          fieldCodes: call.fieldCodes,
          chainPosition: call.chainPosition,
          trlExpected: call.trlExpected,
          budget: call.budget,
          currency: call.currency,
          deadline: call.deadline,
          owner: entityRef(ownerOf.get(call.ownerEntityId), call.ownerEntityId),
          isSample: call.isSample,
          scenario: scenarioDetails(scenario),
          deployments: { deploying: n('deploying'), deployed: n('deployed'), failed: n('failed') },
        };
      }),
  }));
};

export const listBatches = async (ctx: ServiceContext, centreId: string): Promise<TBatch[]> => {
  await getCentre(ctx.db, centreId);
  const rows = await repo.listBatches(ctx.db, centreId, !isOfficer(ctx.user, centreId));
  return batchesView(ctx.db, ctx, rows);
};

const findVisibleBatch = async (tx: ReadTx, ctx: ServiceContext, centreId: string, batchId: string): Promise<BatchRow> => {
  const batch = await repo.findBatch(tx, centreId, batchId);
  if (!batch || (batch.state !== 'published' && !isOfficer(ctx.user, centreId))) throw new AppError('NOT_FOUND', `No scenario batch ${batchId}`);
  return batch;
};

export const getBatch = async (ctx: ServiceContext, centreId: string, batchId: string): Promise<TBatch> => {
  const batch = await findVisibleBatch(ctx.db, ctx, centreId, batchId);
  return (await batchesView(ctx.db, ctx, [batch]))[0] as TBatch;
};

export const createBatch = async (ctx: ServiceContext, centreId: string, input: TBatchInput): Promise<BatchRow> => {
  requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const programme = await callsRepo.findProgramme(tx, input.programmeId);
    if (!programme || programme.centreId !== centreId) throw invalid([issue('programmeId', 'not_found', `no programme ${input.programmeId} in this centre`)]);
    if (programme.kind !== 'scenario') throw invalid([issue('programmeId', 'not_scenario_programme', 'scenario batches belong to a programme of kind "scenario"')]);
    const number = input.number ?? (await repo.nextBatchNumber(tx, programme.id));
    if (await repo.batchNumberTaken(tx, programme.id, number)) throw conflict(`Batch ${number} already exists in this programme`, [issue('number', 'batch_number_taken', `batch ${number} already exists in this programme`)]);
    const row = await repo.insertBatch(tx, { id: randomUUID(), centreId, programmeId: programme.id, number, titleZh: input.titleZh, titleEn: input.titleEn, description: input.description, state: 'draft', isSample: input.isSample, createdAt: ctx.now });
    await audit(tx, ctx, centreId, 'scenario_batch.create', 'scenario_batch', row.id, null, row);
    return row;
  });
};

// ---------------------------------------------------------------- scenarios
export const addScenario = async (ctx: ServiceContext, centreId: string, batchId: string, input: TScenarioInput): Promise<CallRow> => {
  requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const batch = await repo.findBatch(tx, centreId, batchId);
    if (!batch) throw new AppError('NOT_FOUND', `No scenario batch ${batchId}`);
    if (batch.state !== 'draft') throw conflict(`Batch ${batch.number} is already published; start the next batch`, [issue('batchId', 'batch_published', 'a published batch takes no new scenarios')]);
    // A sample batch holds sample scenarios only, so that nothing illustrative passes for real.
    const call = await createCallInTx(tx, ctx, centreId, { ...input.call, programmeId: batch.programmeId, isSample: input.call.isSample || batch.isSample });
    const scenario = { callId: call.id, batchId: batch.id, ...input.scenario };
    await repo.insertScenario(tx, scenario);
    await audit(tx, ctx, centreId, 'scenario.create', 'call', call.id, null, scenario);
    return call;
  });
};

const canEditScenario = (user: SessionUser | null, call: CallRow): boolean => isOfficer(user, call.centreId) || isDemandOwner(user, call);

export const updateScenario = async (ctx: ServiceContext, centreId: string, callId: string, fields: TScenarioFields): Promise<void> => {
  requireUser(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const call = await callsRepo.findCall(tx, centreId, callId);
    const before = call ? await repo.findScenario(tx, call.id) : undefined;
    if (!call || !before || !canEditScenario(ctx.user, call)) throw new AppError('NOT_FOUND', `No scenario ${callId}`);
    if (call.state !== 'draft' && call.state !== 'internal_review') throw conflict('A published scenario keeps the terms it went out with', [issue('scenario', 'scenario_published', 'the scenario is published; its site, data and timeline are fixed')]);
    await repo.updateScenarioRow(tx, call.id, fields);
    await audit(tx, ctx, centreId, 'scenario.update', 'call', call.id, before, { ...before, ...fields });
  });
};

/**
 * Publish a batch: every scenario in it is submitted (if still a draft) and
 * published through the calls engine, in one transaction. If any scenario
 * is not ready, nothing is published and each reason names its scenario.
 */
export const publishBatch = async (ctx: ServiceContext, centreId: string, batchId: string, version: number): Promise<{ batchId: string; published: string[] }> => {
  requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const batch = await repo.findBatch(tx, centreId, batchId);
    if (!batch) throw new AppError('NOT_FOUND', `No scenario batch ${batchId}`);
    if (batch.state !== 'draft') throw conflict(`Batch ${batch.number} is already published`, [issue('state', 'batch_published', 'the batch is already published')]);
    if (batch.version !== version) throw conflict('The batch changed meanwhile; reload and try again', [issue('version', 'stale_version', 'someone else changed it first')]);
    const scenarios = await repo.listScenariosOfBatches(tx, [batch.id]);
    if (scenarios.length === 0) throw conflict('An empty batch cannot be published', [issue('scenarios', 'batch_empty', 'add at least one scenario first')]);
    const refusals: FieldIssue[] = [];
    const published: string[] = [];
    for (const { call } of scenarios) {
      if (call.state === 'published' || isPublicCall(call.state)) continue;
      try {
        let current = call;
        if (current.state === 'draft') {
          await transitionCallInTx(tx, ctx, current, { action: 'submit_for_review', note: null }, ['officer']);
          current = (await callsRepo.findCall(tx, centreId, call.id)) as CallRow;
        }
        await transitionCallInTx(tx, ctx, current, { action: 'publish', note: null }, ['officer']);
        published.push(call.id);
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'CONFLICT') throw e;
        const fields = (e.details?.fields ?? []) as FieldIssue[];
        for (const f of fields) refusals.push({ ...f, path: `scenarios.${call.id}.${f.path}`, data: { ...((f as { data?: Record<string, unknown> }).data ?? {}), callId: call.id, title: call.titleZh ?? call.titleEn } } as FieldIssue);
      }
    }
    if (refusals.length > 0) throw conflict(`Batch ${batch.number} is not ready: ${refusals.length} problem(s) in its scenarios; nothing was published`, refusals);
    const updated = await repo.updateBatchRow(tx, batch.id, batch.version, { state: 'published', publishedAt: ctx.now });
    if (!updated) throw conflict('The batch changed meanwhile; reload and try again', [issue('version', 'stale_version', 'someone else changed it first')]);
    await audit(tx, ctx, centreId, 'scenario_batch.publish', 'scenario_batch', batch.id, { state: batch.state }, { state: 'published', published });
    return { batchId: batch.id, published };
  });
};

const findVisibleScenario = async (tx: ReadTx, ctx: ServiceContext, centreId: string, callId: string) => {
  const call = await callsRepo.findCall(tx, centreId, callId);
  const scenario = call ? await repo.findScenario(tx, call.id) : undefined;
  if (!call || !scenario || !(isPublicCall(call.state) || canEditScenario(ctx.user, call))) throw new AppError('NOT_FOUND', `No scenario ${callId}`);
  return { call, scenario };
};

// ---------------------------------------------------------------- deployments
const deploymentView = (d: DeploymentRow, enterprises: Map<string, callsRepo.EntityRef>): TDeployment => ({
  id: d.id,
  callId: d.callId,
  applicationId: d.applicationId,
  enterprise: d.enterpriseId ? entityRef(enterprises.get(d.enterpriseId), d.enterpriseId) : null,
  achievementId: d.achievementId,
  state: d.state as TDeployment['state'],
  startedOn: d.startedOn,
  finishedOn: d.finishedOn,
  outcome: d.outcome,
  results: d.results,
  recordedAt: d.recordedAt,
  version: d.version,
});

const deploymentsView = async (tx: ReadTx, rows: DeploymentRow[]): Promise<TDeployment[]> => {
  const enterprises = new Map((await callsRepo.findEntities(tx, [...new Set(rows.flatMap((d) => (d.enterpriseId ? [d.enterpriseId] : [])))])).map((e) => [e.id, e]));
  return rows.map((d) => deploymentView(d, enterprises));
};

/** Deployments are recorded once a solution is selected (its application awarded) and updated until it ends. */
const DEPLOYABLE_APPLICATION_STATES = new Set(['awarded', 'completed']);

export const getScenario = async (ctx: ServiceContext, centreId: string, callId: string): Promise<TScenarioView> => {
  const { call, scenario } = await findVisibleScenario(ctx.db, ctx, centreId, callId);
  const [batch, deployments, applications] = await Promise.all([repo.findBatch(ctx.db, centreId, scenario.batchId), repo.listDeployments(ctx.db, { centreId, callId: call.id }), callsRepo.listApplicationsOfCall(ctx.db, call.id)]);
  if (!batch) throw new AppError('NOT_FOUND', `No scenario ${callId}`);
  const chosen = applications.filter((a) => DEPLOYABLE_APPLICATION_STATES.has(a.state));
  const teams = new Map((await callsRepo.findEntities(ctx.db, chosen.flatMap((a) => (a.applicantOrgId ? [a.applicantOrgId] : [])))).map((e) => [e.id, e]));
  return {
    scenario: scenarioDetails(scenario),
    batch: { id: batch.id, number: batch.number, titleZh: batch.titleZh, titleEn: batch.titleEn, state: batch.state as TBatch['state'] },
    deployments: await deploymentsView(ctx.db, deployments),
    selected: chosen.map((a) => ({ applicationId: a.id, title: a.title, enterprise: a.applicantOrgId ? entityRef(teams.get(a.applicantOrgId), a.applicantOrgId) : null })),
    canRecord: canEditScenario(ctx.user, call),
  };
};

export const recordDeployment = async (ctx: ServiceContext, centreId: string, callId: string, input: TDeploymentInput): Promise<TDeployment> => {
  requireUser(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const call = await callsRepo.findCall(tx, centreId, callId);
    const scenario = call ? await repo.findScenario(tx, call.id) : undefined;
    if (!call || !scenario || !(isPublicCall(call.state) || canEditScenario(ctx.user, call))) throw new AppError('NOT_FOUND', `No scenario ${callId}`);
    if (!canEditScenario(ctx.user, call)) throw new AppError('FORBIDDEN', 'Only the scenario owner and programme officers record deployments');
    const application = await repo.findApplicationOf(tx, call.id, input.applicationId);
    const issues: FieldIssue[] = [];
    if (!application) issues.push(issue('applicationId', 'not_found', `no application ${input.applicationId} to this scenario`));
    else if (!DEPLOYABLE_APPLICATION_STATES.has(application.state)) issues.push(issue('applicationId', 'not_selected', 'only a selected (awarded) solution is deployed'));
    if (input.achievementId) {
      const [a] = await tx.select({ id: achievements.id }).from(achievements).where(and(eq(achievements.id, input.achievementId), eq(achievements.centreId, centreId))).limit(1);
      if (!a) issues.push(issue('achievementId', 'not_found', `no achievement ${input.achievementId} in this centre`));
    }
    const criteria = await repo.listCriteriaOf(tx, call.id);
    const { results, unknown } = judgeResults(criteria, input.results);
    for (const i of unknown) issues.push(issue(`results.${i}.criterionId`, 'unknown_criterion', 'not one of this scenario’s acceptance metrics'));
    if (issues.length > 0) throw invalid(issues);
    const values = { state: input.state, startedOn: input.startedOn, finishedOn: input.finishedOn, outcome: input.outcome, achievementId: input.achievementId, results, recordedBy: ctx.user?.id ?? null, recordedAt: ctx.now };
    const existing = await repo.findDeploymentOfApplication(tx, input.applicationId);
    let row: DeploymentRow;
    if (existing) {
      if (input.version !== existing.version) throw conflict('The deployment changed meanwhile; reload and try again', [issue('version', 'stale_version', 'someone else changed it first')]);
      if (existing.state !== 'deploying') throw conflict('A finished deployment keeps its outcome', [issue('state', 'deployment_finished', 'the deployment has ended; its outcome is on record')]);
      const updated = await repo.updateDeploymentRow(tx, existing.id, existing.version, values);
      if (!updated) throw conflict('The deployment changed meanwhile; reload and try again', [issue('version', 'stale_version', 'someone else changed it first')]);
      row = updated;
    } else {
      row = await repo.insertDeployment(tx, { id: randomUUID(), centreId, callId: call.id, applicationId: input.applicationId, enterpriseId: application?.applicantOrgId ?? null, ...values });
    }
    await audit(tx, ctx, centreId, existing ? 'scenario_deployment.update' : 'scenario_deployment.record', 'scenario_deployment', row.id, existing ?? null, row);
    return (await deploymentsView(tx, [row]))[0] as TDeployment;
  });
};

/** Deployments of public scenarios, for an enterprise's profile or an achievement's page. */
export const listDeployments = async (ctx: ServiceContext, centreId: string, filter: { enterpriseId?: string | undefined; achievementId?: string | undefined }) => {
  await getCentre(ctx.db, centreId);
  const rows = await repo.listDeployments(ctx.db, { centreId, ...(filter.enterpriseId ? { enterpriseId: filter.enterpriseId } : {}), ...(filter.achievementId ? { achievementId: filter.achievementId } : {}) });
  const found = await repo.scenarioCalls(ctx.db, [...new Set(rows.map((r) => r.callId))]);
  const visible = new Map(found.filter(({ call }) => isPublicCall(call.state) || canEditScenario(ctx.user, call)).map((f) => [f.call.id, f]));
  const views = await deploymentsView(
    ctx.db,
    rows.filter((r) => visible.has(r.callId)),
  );
  return views.map((d) => {
    const { call, batchNumber } = visible.get(d.callId) as (typeof found)[number];
    return { ...d, call: { id: call.id, titleZh: call.titleZh, titleEn: call.titleEn }, batchNumber };
  });
};

// ---------------------------------------------------------------- matching
/** Enterprises the scenario owner or an officer might invite, each with the reasons it is suggested. */
export const suggestEnterprises = async (ctx: ServiceContext, centreId: string, callId: string): Promise<TCandidate[]> => {
  requireUser(ctx, centreId);
  const { call, scenario } = await findVisibleScenario(ctx.db, ctx, centreId, callId);
  if (!canEditScenario(ctx.user, call)) throw new AppError('FORBIDDEN', 'Suggestions are for the scenario owner and programme officers');
  const topFields = [...new Set(call.fieldCodes.map((f) => f.split('.')[0] as string))];
  const [rows, applied] = await Promise.all([repo.candidateEnterprises(ctx.db, centreId, topFields, call.id), repo.applicantOrgsOf(ctx.db, call.id)]);
  const delivered = await repo.deliveredCounts(
    ctx.db,
    centreId,
    rows.map((r) => r.id),
  );
  const words = segment([call.titleZh, call.titleEn, call.problem, scenario.site, scenario.dataAvailable].filter(Boolean).join(' '));
  const candidates = rows.map((r) => ({
    id: r.id,
    tags: r.industryTags,
    words: segment([r.nameZh, r.nameEn, r.kindLabel, r.descriptionEn].filter(Boolean).join(' ')),
    deployed: delivered.get(r.id) ?? 0,
  }));
  const ranked = rankCandidates({ fieldCodes: call.fieldCodes, words }, candidates, 20);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const appliedSet = new Set(applied);
  return ranked.map((s) => {
    const r = byId.get(s.id) as (typeof rows)[number];
    return { entity: { id: r.id, nameZh: r.nameZh, nameEn: r.nameEn, kind: r.kind, areaId: r.areaId }, score: s.score, components: s.components, matchedFields: s.matchedFields, matchedWords: s.matchedWords, deployments: delivered.get(r.id) ?? 0, applied: appliedSet.has(r.id) };
  });
};
