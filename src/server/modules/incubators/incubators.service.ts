import { randomUUID } from 'node:crypto';
import { compareByType, funnelOf, residentIssues, residentOutcome, type CohortFacts, type ResidentFacts } from '../../../core/incubators/index.js';
import { withWriteTx, type ReadTx } from '../../../db/tx.js';
import { roleHasPermission } from '../../../shared/access.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { isOrganisationCategory } from '../../../shared/schemas/entities.js';
import type { TCohortExitKind, TIncubatorType } from '../../../shared/schemas/incubators.js';
import { ZCohort, ZIncubatorSummary, ZIncubatorView, ZTypeComparison, type ZCohortInput, type ZIncubatorInput, type ZIncubatorPatch, type ZResidentInput, type ZResidentPatch } from '../../../shared/schemas/incubators.js';
import type { z } from 'zod';
import { auditWrite as audit } from '../../audit.js';
import { assertCentreScope, type ServiceContext, type SessionUser } from '../../context.js';
import { AppError, bodyIssue as issue, invalidBody as invalid, staleVersion as stale } from '../../errors.js';
import { getCentre } from '../centres/centres.service.js';
import { centreDay } from '../centres/centre-calendar.js';
import * as repo from './incubators.repository.js';

/**
 * Incubators and their cohorts (issue 9). Profiles, cohorts and funnels are
 * open data. Officers and analysts (incubators:manage) create profiles and
 * keep any of them; an incubator's own members keep its profile (confirming
 * it, the freshness stamp) and its cohorts. Every write is one transaction
 * with its audit event.
 */

type Summary = z.infer<typeof ZIncubatorSummary>;
type View = z.infer<typeof ZIncubatorView>;
type Cohort = z.infer<typeof ZCohort>;

const inCentre = (user: SessionUser, centreId: string): boolean => user.centreId === null || user.centreId === centreId;
const isManager = (user: SessionUser, centreId: string): boolean => roleHasPermission(user.role, 'incubators:manage') && inCentre(user, centreId);

const requireManager = (ctx: ServiceContext, centreId: string): SessionUser => {
  assertCentreScope(ctx, centreId);
  const user = ctx.user as SessionUser;
  if (!isManager(user, centreId)) throw new AppError('FORBIDDEN', 'Only officers and analysts add incubators');
  return user;
};
/** Officers and analysts keep every incubator; an incubator's members keep their own. */
const requireKeeper = (ctx: ServiceContext, profile: repo.ProfileRow): void => {
  assertCentreScope(ctx, profile.centreId);
  const user = ctx.user as SessionUser;
  if (isManager(user, profile.centreId)) return;
  if (roleHasPermission(user.role, 'registry:propose') && user.organisationId === profile.entityId) return;
  throw new AppError('FORBIDDEN', 'Only officers, analysts and the incubator’s own members keep its profile and cohorts');
};

const findProfileOr404 = async (tx: ReadTx, centreId: string, id: string): Promise<repo.ProfileRow> => {
  const p = await repo.findProfile(tx, centreId, id);
  if (!p) throw new AppError('NOT_FOUND', `No incubator ${id}`);
  return p;
};

/** An active organisation of the centre, or the field-level reason it is not. */
const checkOrganisation = async (tx: ReadTx, centreId: string, id: string, path: string): Promise<FieldIssue | null> => {
  const [e] = await repo.findEntities(tx, [id]);
  if (!e || e.centreId !== centreId || e.status !== 'active') return issue(path, 'not_found', `no active registry record ${id} in this centre`);
  if (!isOrganisationCategory(e.category)) return issue(path, 'not_an_organisation', 'this must be an organisation');
  return null;
};

/** What the registry says about a start-up being closed: a `dissolved` status or a dissolution date in its attributes. */
const registryStatus = (status: string, attributes: Record<string, unknown>): 'active' | 'dissolved' | null =>
  status === 'dissolved' || (typeof attributes['dissolvedOn'] === 'string' && attributes['dissolvedOn'] !== '') ? 'dissolved' : status === 'active' ? 'active' : null;

type Loaded = { profiles: Awaited<ReturnType<typeof repo.listProfiles>>; cohorts: repo.CohortRow[]; residents: Awaited<ReturnType<typeof repo.residentsOf>>; facts: Map<string, ResidentFacts> };

/** Profiles with their cohorts, residents and each resident's facts for the funnel. */
const load = async (tx: ReadTx, centreId: string, ids?: string[]): Promise<Loaded> => {
  const profiles = await repo.listProfiles(tx, centreId, ids);
  const cohorts = await repo.cohortsOf(tx, profiles.map((p) => p.p.id));
  const residents = await repo.residentsOf(tx, cohorts.map((c) => c.id));
  const activity = await repo.activityOf(tx, centreId, [...new Set(residents.map((r) => r.r.entityId))]);
  const days = (rows: { entityId: string; day: string }[], id: string) => rows.filter((x) => x.entityId === id).map((x) => x.day);
  const facts = new Map(
    residents.map(({ r, status, attributes }) => [
      r.id,
      { id: r.id, enteredOn: r.enteredOn, exitKind: r.exitKind as TCohortExitKind, registryStatus: registryStatus(status, attributes), rounds: days(activity.rounds, r.entityId), contracts: days(activity.contracts, r.entityId), patents: days(activity.patents, r.entityId) } satisfies ResidentFacts,
    ]),
  );
  return { profiles, cohorts, residents, facts };
};

const names = async (tx: ReadTx, ids: (string | null)[]) => new Map((await repo.findEntities(tx, [...new Set(ids.filter((x): x is string => !!x))])).map((e) => [e.id, { id: e.id, nameZh: e.nameZh, nameEn: e.nameEn }]));

const cohortView = (c: repo.CohortRow, l: Loaded): Cohort => {
  const mine = l.residents.filter((r) => r.r.cohortId === c.id);
  const facts = mine.map((r) => l.facts.get(r.r.id) as ResidentFacts);
  return {
    id: c.id,
    incubatorId: c.incubatorId,
    intakeYear: c.intakeYear,
    term: c.term as Cohort['term'],
    isSample: c.isSample,
    residents: mine.map(({ r, nameZh, nameEn }) => {
      const o = residentOutcome(l.facts.get(r.id) as ResidentFacts);
      return { id: r.id, cohortId: r.cohortId, entity: { id: r.entityId, nameZh, nameEn }, enteredOn: r.enteredOn, exitedOn: r.exitedOn, exitKind: r.exitKind as TCohortExitKind, surviving: o.surviving, fundingRounds: o.fundingRounds, contracts: o.contracts, patents: o.patents, version: r.version };
    }),
    funnel: funnelOf(facts),
  };
};

const summaries = async (tx: ReadTx, l: Loaded): Promise<Summary[]> => {
  const n = await names(tx, l.profiles.flatMap(({ p }) => [p.entityId, p.operatorId]));
  return l.profiles.map(({ p, areaNameZh, areaNameEn }) => {
    const cohortIds = new Set(l.cohorts.filter((c) => c.incubatorId === p.id).map((c) => c.id));
    const facts = l.residents.filter((r) => cohortIds.has(r.r.cohortId)).map((r) => l.facts.get(r.r.id) as ResidentFacts);
    return {
      id: p.id,
      centreId: p.centreId,
      entity: n.get(p.entityId) ?? { id: p.entityId, nameZh: null, nameEn: p.entityId },
      incubatorType: p.incubatorType as TIncubatorType,
      operator: p.operatorId ? (n.get(p.operatorId) ?? null) : null,
      operatorName: p.operatorName,
      areaId: p.areaId,
      areaNameZh,
      areaNameEn,
      parks: p.parks,
      focus: p.focus,
      confirmedOn: p.confirmedOn,
      isSample: p.isSample,
      version: p.version,
      cohorts: cohortIds.size,
      funnel: funnelOf(facts),
    };
  });
};

export const listIncubators = async (ctx: ServiceContext, centreId: string): Promise<Summary[]> => {
  await getCentre(ctx.db, centreId);
  return summaries(ctx.db, await load(ctx.db, centreId));
};

export const getIncubator = async (ctx: ServiceContext, centreId: string, id: string, tx: ReadTx = ctx.db): Promise<View> => {
  await findProfileOr404(tx, centreId, id);
  const l = await load(tx, centreId, [id]);
  const [summary] = await summaries(tx, l);
  return { ...(summary as Summary), cohortList: l.cohorts.map((c) => cohortView(c, l)) };
};

/** Cohorts pooled by incubator type and intake year: the like-for-like comparison. */
export const compareTypes = async (ctx: ServiceContext, centreId: string): Promise<z.infer<typeof ZTypeComparison>> => {
  await getCentre(ctx.db, centreId);
  return { rows: compareByType(await cohortFacts(ctx.db, centreId)) };
};

/** Every cohort of a centre with its incubator's type and its residents' facts (the comparison and the indicators read this). */
export const cohortFacts = async (tx: ReadTx, centreId: string): Promise<(CohortFacts & { isSample: boolean })[]> => {
  const l = await load(tx, centreId);
  const typeOf = new Map(l.profiles.map(({ p }) => [p.id, { type: p.incubatorType as TIncubatorType, isSample: p.isSample }]));
  return l.cohorts.map((c) => ({
    id: c.id,
    incubatorId: c.incubatorId,
    incubatorType: typeOf.get(c.incubatorId)?.type ?? 'other',
    intakeYear: c.intakeYear,
    isSample: c.isSample || (typeOf.get(c.incubatorId)?.isSample ?? false),
    residents: l.residents.filter((r) => r.r.cohortId === c.id).map((r) => l.facts.get(r.r.id) as ResidentFacts),
  }));
};

const checkProfileFields = async (tx: ReadTx, centreId: string, input: { operatorId?: string | null | undefined; areaId?: string | null | undefined; confirmedOn?: string | null | undefined }, today: string): Promise<FieldIssue[]> => {
  const issues: FieldIssue[] = [];
  if (input.operatorId) {
    const bad = await checkOrganisation(tx, centreId, input.operatorId, 'operatorId');
    if (bad) issues.push(bad);
  }
  if (input.areaId && !(await repo.findArea(tx, centreId, input.areaId))) issues.push(issue('areaId', 'not_found', `no area ${input.areaId} in this centre`));
  if (input.confirmedOn && input.confirmedOn > today) issues.push(issue('confirmedOn', 'in_future', 'a profile is confirmed on a day that has come'));
  return issues;
};

export const createIncubator = async (ctx: ServiceContext, centreId: string, input: z.infer<typeof ZIncubatorInput>): Promise<View> => {
  requireManager(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await getCentre(tx, centreId);
    const issues = await checkProfileFields(tx, centreId, input, await centreDay(tx, centreId, ctx.now));
    const bad = await checkOrganisation(tx, centreId, input.entityId, 'entityId');
    if (bad) issues.unshift(bad);
    if (issues.length) throw invalid(issues);
    if (await repo.profileOfEntity(tx, input.entityId)) throw new AppError('CONFLICT', 'This organisation already has an incubator profile', { fields: [issue('entityId', 'profile_exists', 'already an incubator; edit its profile instead')] });
    const row = await repo.insertProfile(tx, { id: randomUUID(), centreId, ...input, createdAt: ctx.now, updatedAt: ctx.now });
    await audit(tx, ctx, centreId, 'incubator.create', 'incubator_profile', row.id, null, row);
    return getIncubator(ctx, centreId, row.id, tx);
  });
};

export const updateIncubator = async (ctx: ServiceContext, centreId: string, id: string, patch: z.infer<typeof ZIncubatorPatch>): Promise<View> =>
  withWriteTx(ctx.db, async (tx) => {
    const before = await findProfileOr404(tx, centreId, id);
    requireKeeper(ctx, before);
    const issues = await checkProfileFields(tx, centreId, patch, await centreDay(tx, centreId, ctx.now));
    if (issues.length) throw invalid(issues);
    if (before.version !== patch.version) throw stale('The incubator profile');
    const { version, ...changes } = patch;
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const row = await repo.updateProfile(tx, id, version, { ...set, updatedAt: ctx.now });
    if (!row) throw stale('The incubator profile');
    await audit(tx, ctx, centreId, 'incubator.update', 'incubator_profile', id, before, row);
    return getIncubator(ctx, centreId, id, tx);
  });

export const addCohort = async (ctx: ServiceContext, centreId: string, id: string, input: z.infer<typeof ZCohortInput>): Promise<Cohort> =>
  withWriteTx(ctx.db, async (tx) => {
    const profile = await findProfileOr404(tx, centreId, id);
    requireKeeper(ctx, profile);
    if (await repo.cohortExists(tx, id, input.intakeYear, input.term)) throw new AppError('CONFLICT', 'This intake already exists', { fields: [issue('intakeYear', 'cohort_exists', `the ${input.intakeYear} ${input.term} intake is already recorded`)] });
    const row = await repo.insertCohort(tx, { id: randomUUID(), incubatorId: id, intakeYear: input.intakeYear, term: input.term, isSample: input.isSample || profile.isSample, createdAt: ctx.now });
    await audit(tx, ctx, centreId, 'incubator_cohort.create', 'incubator_cohort', row.id, null, row);
    return cohortView(row, await load(tx, centreId, [id]));
  });

const findCohortOr404 = async (tx: ReadTx, ctx: ServiceContext, centreId: string, id: string, cohortId: string) => {
  const profile = await findProfileOr404(tx, centreId, id);
  const cohort = await repo.findCohort(tx, id, cohortId);
  if (!cohort) throw new AppError('NOT_FOUND', `No cohort ${cohortId}`);
  requireKeeper(ctx, profile);
  return { profile, cohort };
};

const reload = async (tx: ReadTx, centreId: string, profileId: string, cohort: repo.CohortRow): Promise<Cohort> => cohortView(cohort, await load(tx, centreId, [profileId]));

export const addResident = async (ctx: ServiceContext, centreId: string, id: string, cohortId: string, input: z.infer<typeof ZResidentInput>): Promise<Cohort> =>
  withWriteTx(ctx.db, async (tx) => {
    const { profile, cohort } = await findCohortOr404(tx, ctx, centreId, id, cohortId);
    const issues: FieldIssue[] = residentIssues(input, cohort.intakeYear).map((i) => issue(i.path, i.reason, i.message));
    const bad = await checkOrganisation(tx, centreId, input.entityId, 'entityId');
    if (bad) issues.unshift(bad);
    else if (input.entityId === profile.entityId) issues.unshift(issue('entityId', 'incubator_itself', 'an incubator is not its own start-up'));
    if (issues.length) throw invalid(issues);
    if (await repo.residentExists(tx, cohortId, input.entityId)) throw new AppError('CONFLICT', 'The start-up is already in this cohort', { fields: [issue('entityId', 'resident_exists', 'already in this cohort; change its exit instead')] });
    const row = await repo.insertResident(tx, { id: randomUUID(), cohortId, ...input, createdAt: ctx.now, updatedAt: ctx.now });
    await audit(tx, ctx, centreId, 'incubator_resident.create', 'incubator_resident', row.id, null, row);
    return reload(tx, centreId, id, cohort);
  });

export const updateResident = async (ctx: ServiceContext, centreId: string, id: string, cohortId: string, residentId: string, patch: z.infer<typeof ZResidentPatch>): Promise<Cohort> =>
  withWriteTx(ctx.db, async (tx) => {
    const { cohort } = await findCohortOr404(tx, ctx, centreId, id, cohortId);
    const before = await repo.findResident(tx, cohortId, residentId);
    if (!before) throw new AppError('NOT_FOUND', `No start-up ${residentId} in this cohort`);
    const next = { enteredOn: patch.enteredOn ?? before.enteredOn, exitedOn: patch.exitedOn === undefined ? before.exitedOn : patch.exitedOn, exitKind: patch.exitKind ?? (before.exitKind as TCohortExitKind) };
    const issues = residentIssues(next, cohort.intakeYear).map((i) => issue(i.path, i.reason, i.message));
    if (issues.length) throw invalid(issues);
    if (before.version !== patch.version) throw stale('The start-up’s record');
    const row = await repo.updateResident(tx, residentId, patch.version, { ...next, updatedAt: ctx.now });
    if (!row) throw stale('The start-up’s record');
    await audit(tx, ctx, centreId, 'incubator_resident.update', 'incubator_resident', residentId, before, row);
    return reload(tx, centreId, id, cohort);
  });
