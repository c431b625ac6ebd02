import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { assess, checkCriteria, dayIn, hiresIn, recognitionStatus, type AssessmentMetric } from '../../../core/rdcentres/index.js';
import type { ReadTx } from '../../../db/tx.js';
import { withWriteTx } from '../../../db/tx.js';
import { ROLE_PERMISSIONS, ROLES, roleHasPermission, type Role } from '../../../shared/access.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type {
  TCriteriaCheck,
  TOutputs,
  TRdApplication,
  TRdApplicationInput,
  TRdApplicationSummary,
  TRdCriterion,
  TRecognitionDetail,
  TRecognitionListItem,
  TRecognitionView,
  TRound,
  TRoundInput,
  ZHireInput,
  ZHousekeeperInput,
  ZRecogniseInput,
  ZRevokeInput,
  ZSupportInput,
  ZTranslationInput,
} from '../../../shared/schemas/rdcentres.js';
import { assertCentreScope, type ServiceContext, type SessionUser } from '../../context.js';
import { auditWrite as audit } from '../../audit.js';
import { AppError, bodyIssue as issue, invalidBody as invalid, staleVersion as stale } from '../../errors.js';
import { isOfficer } from '../calls/calls.policy.js';
import * as callsRepo from '../calls/calls.repository.js';
import type { CallRow } from '../calls/calls.repository.js';
import { createCallInTx, transitionApplicationInTx, transitionCallInTx } from '../calls/calls.service.js';
import { isAssignedReviewer } from '../calls/review.service.js';
import { getCentre } from '../centres/centres.service.js';
import * as repo from './rdcentres.repository.js';
import type { RdApplicationRow, RdRecognitionRow } from './rdcentres.repository.js';

/**
 * Recognition and support of foreign-funded R&D centres on the calls engine.
 * A round is a call of a `recognition` programme (published through the call
 * workflow); an application is a call application (submitted, checked,
 * reviewed by experts and awarded through the engine) with the centre's own
 * record beside it; recognising an awarded application writes the dated
 * credential to the registry. Nothing here bypasses the engine's guards.
 */

const conflict = (message: string, fields: FieldIssue[]): AppError => new AppError('CONFLICT', message, { fields });
const requireUser = (ctx: ServiceContext, centreId: string): SessionUser => {
  assertCentreScope(ctx, centreId);
  return ctx.user as SessionUser;
};
const requireOfficer = (ctx: ServiceContext, centreId: string): SessionUser => {
  const user = requireUser(ctx, centreId);
  if (!isOfficer(user, centreId)) throw new AppError('FORBIDDEN', 'Only programme officers do this');
  return user;
};
const blank = (s: string | null | undefined): string | null => (s && s.trim() !== '' ? s.trim() : null);
const today = (ctx: ServiceContext): string => ctx.now.toISOString().slice(0, 10);
const addYears = (day: string, n: number): string => `${Number(day.slice(0, 4)) + n}${day.slice(4)}`;

/** Caps of the 16 measures (2023/24): a first physical centre or platform up to CNY 50 M, an upgrade up to CNY 20 M (see docs/RD_CENTRES.md). */
export const SUPPORT_CAPS: Partial<Record<string, number>> = { first_centre: 50_000_000, upgrade: 20_000_000 };

/** Where each criterion's refusal is placed on the form. */
const CRITERION_PATH: Record<TRdCriterion, string> = {
  foreign_funded: 'facts.foreignShare',
  investor_overseas: 'facts.investorMainlyOverseas',
  registered_in_china: 'facts.registeredInChina',
  natural_sciences: 'facts.naturalSciencesRd',
  type_requirement: 'facts.centreType',
};

/** The round's acceptance criteria, in this order, are the comprehensive assessment's floors. */
const ASSESSMENT_CRITERIA: readonly { metric: AssessmentMetric; text: string; unit: string; test: string }[] = [
  { metric: 'jointProjects', text: '与本地伙伴的联合项目 / Joint projects with local partners', unit: 'projects', test: 'Awarded applications of other programmes with a local organisation in the team (platform records)' },
  { metric: 'localContracts', text: '与本地单位登记的技术合同 / Technology contracts with local partners', unit: 'contracts', test: 'Registered technology contracts with an organisation of the registry (platform records)' },
  { metric: 'localHires', text: '本地招聘人数 / Local hires', unit: 'people', test: 'Hires the centre records per period on the platform' },
];

const DEFINITION =
  '外资研发中心认定：由外国投资者（主要在境外经营）全资或部分出资、在中国境内注册、从事自然科学及相关领域研发（含中试）的机构；分为研发创新中心（拥有独立研发团队）和开放创新平台两类。\n' +
  'Recognition of foreign-funded R&D centres: wholly or partly funded by foreign investors operating mainly overseas, registered in China, doing R&D in the natural sciences (including pilot testing); two types: R&D innovation centres (with their own R&D team) and open innovation platforms.';

// ---------------------------------------------------------------- criteria
export const checkDefinition = (input: { facts: Parameters<typeof checkCriteria>[0]; evidence: { kind: string }[] }): TCriteriaCheck => checkCriteria(input.facts, input.evidence as Parameters<typeof checkCriteria>[1]);

// ---------------------------------------------------------------- rounds
const roundView = (call: CallRow, owner: callsRepo.EntityRef | undefined, criteria: { callId: string; metric: string; threshold: number; position: number }[], applications: number): TRound => ({
  id: call.id,
  programmeId: call.programmeId,
  titleZh: call.titleZh,
  titleEn: call.titleEn,
  state: call.state,
  deadline: call.deadline,
  budget: call.budget,
  isSample: call.isSample,
  owner: owner ? { id: owner.id, nameZh: owner.nameZh, nameEn: owner.nameEn } : { id: call.ownerEntityId, nameZh: null, nameEn: call.ownerEntityId },
  assessment: criteria.filter((c) => c.callId === call.id).map((c) => ({ metric: ASSESSMENT_CRITERIA[c.position]?.metric ?? c.metric, threshold: c.threshold })),
  applications,
});

export const listRounds = async (ctx: ServiceContext, centreId: string): Promise<TRound[]> => {
  await getCentre(ctx.db, centreId);
  const rows = await repo.listRounds(ctx.db, centreId, !isOfficer(ctx.user, centreId));
  const [owners, criteria] = await Promise.all([callsRepo.findEntities(ctx.db, [...new Set(rows.map((r) => r.call.ownerEntityId))]), repo.criteriaOf(ctx.db, rows.map((r) => r.call.id))]);
  const ownerOf = new Map(owners.map((o) => [o.id, o]));
  return rows.map((r) => roundView(r.call, ownerOf.get(r.call.ownerEntityId), criteria, r.applications));
};

/** Open a round: the call (its terms filled for a recognition), submitted and published in one transaction. */
export const openRound = async (ctx: ServiceContext, centreId: string, input: TRoundInput): Promise<{ id: string; version: number }> => {
  requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const kind = await repo.programmeKindOf(tx, input.programmeId);
    const programme = kind ? await callsRepo.findProgramme(tx, input.programmeId) : undefined;
    if (!programme || programme.centreId !== centreId) throw invalid([issue('programmeId', 'not_found', `no programme ${input.programmeId} in this centre`)]);
    if (kind !== 'recognition') throw invalid([issue('programmeId', 'not_recognition_programme', 'recognition rounds belong to a programme of kind "recognition"')]);
    if (new Date(input.deadline).getTime() <= ctx.now.getTime()) throw invalid([issue('deadline', 'deadline_past', 'the deadline must be in the future')]);
    const call = await createCallInTx(tx, ctx, centreId, {
      programmeId: input.programmeId,
      ownerEntityId: input.ownerEntityId,
      isSample: input.isSample,
      titleZh: blank(input.titleZh),
      titleEn: input.titleEn,
      problem: DEFINITION,
      fieldCodes: [],
      chainPosition: null,
      trlExpected: null,
      budget: input.budget,
      paymentSchedule: [{ label: 'On recognition (first-centre support)', share: 100 }],
      deadline: input.deadline,
      eligibilityRules: [],
      ipTemplate: 'team_retains_licence',
      acceptanceCriteria: ASSESSMENT_CRITERIA.map((c) => ({ metric: c.text, unit: c.unit, comparator: '>=' as const, threshold: input.assessment[c.metric], testMethod: c.test })),
    });
    await transitionCallInTx(tx, ctx, call, { action: 'submit_for_review', note: null }, ['officer']);
    const submitted = (await callsRepo.findCall(tx, centreId, call.id)) as CallRow;
    await transitionCallInTx(tx, ctx, submitted, { action: 'publish', note: null }, ['officer']);
    const published = (await callsRepo.findCall(tx, centreId, call.id)) as CallRow;
    await audit(tx, ctx, centreId, 'rd_centre_round.open', 'call', call.id, null, { assessment: input.assessment });
    return { id: published.id, version: published.version };
  });
};

// ---------------------------------------------------------------- applications
const bilingual = (en: string | null, zh: string | null, original: string, translatedBy: string | null) => ({ en, zh, original: original === 'zh' ? ('zh' as const) : ('en' as const), translatedBy });

type Loaded = NonNullable<Awaited<ReturnType<typeof repo.findRdApplication>>>;

const canSeeApplication = async (tx: ReadTx, user: SessionUser | null, centreId: string, a: Loaded): Promise<boolean> =>
  !!user && (isOfficer(user, centreId) || (user.organisationId !== null && user.organisationId === a.application.applicantOrgId) || (a.application.state !== 'draft' && (await isAssignedReviewer(tx, user, a.application))));

const summaryOf = (a: Loaded, org: callsRepo.EntityRef | undefined): TRdApplicationSummary => ({
  id: a.application.id,
  callId: a.call.id,
  roundTitleZh: a.call.titleZh,
  roundTitleEn: a.call.titleEn,
  state: a.application.state,
  organisation: org ? { id: org.id, nameZh: org.nameZh, nameEn: org.nameEn } : { id: a.application.applicantOrgId ?? '', nameZh: null, nameEn: a.application.applicantOrgId ?? '' },
  centreType: a.rd.centreType as TRdApplicationSummary['centreType'],
  name: bilingual(a.rd.nameEn, a.rd.nameZh, a.rd.original, a.rd.translatedBy),
  submittedAt: a.application.submittedAt,
  recognitionId: a.recognitionId,
  isSample: a.call.isSample,
});

export const listApplications = async (ctx: ServiceContext, centreId: string): Promise<TRdApplicationSummary[]> => {
  const user = requireUser(ctx, centreId);
  const officer = isOfficer(user, centreId);
  if (!officer && !user.organisationId) return [];
  const rows = await repo.listRdApplications(ctx.db, centreId, officer ? null : user.organisationId);
  const orgs = new Map((await callsRepo.findEntities(ctx.db, [...new Set(rows.flatMap((r) => (r.application.applicantOrgId ? [r.application.applicantOrgId] : [])))])).map((e) => [e.id, e]));
  return rows.map((r) => summaryOf(r, orgs.get(r.application.applicantOrgId ?? '')));
};

const findVisibleApplication = async (tx: ReadTx, ctx: ServiceContext, centreId: string, id: string): Promise<Loaded> => {
  const a = await repo.findRdApplication(tx, centreId, id);
  if (!a || !(await canSeeApplication(tx, ctx.user, centreId, a))) throw new AppError('NOT_FOUND', `No R&D centre application ${id}`);
  return a;
};

export const getApplication = async (ctx: ServiceContext, centreId: string, id: string): Promise<TRdApplication> => {
  requireUser(ctx, centreId);
  const a = await findVisibleApplication(ctx.db, ctx, centreId, id);
  const headId = await repo.headOf(ctx.db, a.application.id);
  const refs = new Map((await callsRepo.findEntities(ctx.db, [a.application.applicantOrgId, headId].filter((x): x is string => !!x))).map((e) => [e.id, e]));
  const head = headId ? refs.get(headId) : undefined;
  const recognition = a.recognitionId ? await recognitionViews(ctx.db, ctx, centreId, [await repo.findRecognition(ctx.db, centreId, a.recognitionId)].filter((r) => !!r)) : [];
  const officer = isOfficer(ctx.user, centreId);
  return {
    ...summaryOf(a, refs.get(a.application.applicantOrgId ?? '')),
    description: bilingual(a.rd.descriptionEn, a.rd.descriptionZh, a.rd.original, a.rd.translatedBy),
    facts: a.rd.facts,
    evidence: a.rd.evidence,
    criteria: checkCriteria(a.rd.facts, a.rd.evidence),
    head: head ? { id: head.id, nameZh: head.nameZh, nameEn: head.nameEn } : null,
    plannedRdSpend: a.rd.plannedRdSpend,
    awardAmount: a.application.awardAmount,
    recognition: recognition[0] ?? null,
    canRecognise: officer && !a.recognitionId && ['awarded', 'completed'].includes(a.application.state),
    canTranslate: officer,
    version: a.rd.version,
  };
};

/**
 * Apply for one's own organisation: the call application (lead = the
 * organisation, PI = the centre's head, budget = planned R&D spending, one
 * milestone: the first comprehensive assessment) and the centre's record,
 * submitted through the engine in one transaction. A failed criterion or a
 * criterion without evidence refuses the whole application, each beside its field.
 */
export const apply = async (ctx: ServiceContext, centreId: string, callId: string, input: TRdApplicationInput): Promise<{ id: string; state: string }> => {
  const user = requireUser(ctx, centreId);
  const orgId = user.organisationId;
  if (!orgId) throw new AppError('FORBIDDEN', 'Your account is not linked to an organisation that could apply');
  const nameEn = blank(input.nameEn);
  const nameZh = blank(input.nameZh);
  const descriptionEn = blank(input.descriptionEn);
  const descriptionZh = blank(input.descriptionZh);
  const issues: FieldIssue[] = [];
  if (!nameEn && !nameZh) issues.push(issue('nameEn', 'name_missing', 'give the centre’s name in English or Chinese'));
  if ((descriptionEn ?? '').length < 20 && (descriptionZh ?? '').length < 20) issues.push(issue('descriptionEn', 'description_missing', 'describe the centre’s R&D (at least 20 characters, in English or Chinese)'));
  if (!input.facts.centreType) issues.push(issue('facts.centreType', 'required', 'choose the type of centre'));
  const check = checkCriteria(input.facts, input.evidence);
  for (const c of check.criteria) {
    if (c.result === 'fail') issues.push(issue(CRITERION_PATH[c.code], 'criterion_not_met', `the definition’s criterion ${c.code} is not met`, { data: { criterion: c.code } }));
    if (!c.evidenceGiven) issues.push(issue('evidence', 'evidence_missing', `list evidence for ${c.code}: ${c.evidenceKinds.join(' or ')}`, { data: { criterion: c.code, kinds: c.evidenceKinds } }));
  }
  if (!input.headEntityId) issues.push(issue('headEntityId', 'required', 'name the head of the centre (a person in the registry)'));
  if (input.plannedRdSpend === null) issues.push(issue('plannedRdSpend', 'required', 'give the planned R&D spending'));
  if (!input.truthful) issues.push(issue('truthful', 'declaration_missing', 'affirm that the information is true'));
  if (input.headEntityId) {
    const [head] = await callsRepo.findEntities(ctx.db, [input.headEntityId]);
    if (!head || head.centreId !== centreId || head.status !== 'active') issues.push(issue('headEntityId', 'not_found', `no active record ${input.headEntityId} in this centre`));
    else if (head.category !== 'person') issues.push(issue('headEntityId', 'not_a_person', 'the head of the centre is a person'));
  }
  if (issues.length) throw invalid(issues);
  return withWriteTx(ctx.db, async (tx) => {
    const call = await callsRepo.findCall(tx, centreId, callId);
    const kind = call ? await repo.programmeKindOf(tx, call.programmeId) : undefined;
    if (!call || kind !== 'recognition' || call.state === 'draft' || call.state === 'internal_review') throw new AppError('NOT_FOUND', `No recognition round ${callId}`);
    if (await repo.liveRecognitionOf(tx, orgId)) throw conflict('Your organisation is already a recognised centre', [issue('callId', 'already_recognised', 'the organisation holds a recognition that is not revoked')]);
    const mine = await callsRepo.listApplicationsOfOrg(tx, orgId, '');
    if (mine.some((a) => a.callId === call.id && !['withdrawn', 'draft'].includes(a.state))) throw conflict('Your organisation has already applied in this round', [issue('callId', 'already_applied', 'one application per organisation and round')]);
    const id = randomUUID();
    const due = addYears((call.deadline ?? ctx.now).toISOString().slice(0, 10), 1);
    const app = await callsRepo.insertApplication(tx, {
      id,
      callId: call.id,
      state: 'draft',
      title: nameEn ?? nameZh ?? 'R&D centre',
      applicantOrgId: orgId,
      createdBy: user.id,
      plan: descriptionEn ?? descriptionZh,
      budget: { total: input.plannedRdSpend as number, selfFunded: input.plannedRdSpend, items: [{ label: 'Planned R&D spending, first year', amount: input.plannedRdSpend as number }] },
      declarations: { truthful: true },
      excludedEntityIds: [],
      teamTrl: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await callsRepo.replaceMembers(tx, id, [
      { applicationId: id, entityId: orgId, role: 'lead' },
      { applicationId: id, entityId: input.headEntityId as string, role: 'pi' },
    ]);
    await callsRepo.replaceMilestones(tx, id, [{ id: randomUUID(), applicationId: id, position: 0, title: 'First comprehensive assessment / 首次综合评估', deliverable: 'Local open-innovation outputs of the first year: joint projects, contracts with local partners, local hires', verification: 'The platform’s records (joint projects, registered contracts, recorded hires)', dueOn: due, trancheShare: 100, state: 'planned' }]);
    await audit(tx, ctx, centreId, 'application.create', 'call_application', id, null, app);
    const original = descriptionEn && !descriptionZh ? 'en' : descriptionZh && !descriptionEn ? 'zh' : user.locale === 'en-US' ? 'en' : 'zh';
    const rd = await repo.insertRdApplication(tx, { applicationId: id, centreId, centreType: input.facts.centreType as string, nameEn, nameZh, descriptionEn, descriptionZh, original, translatedBy: null, facts: input.facts, evidence: input.evidence, plannedRdSpend: input.plannedRdSpend, createdAt: ctx.now });
    await audit(tx, ctx, centreId, 'rd_centre_application.create', 'rd_centre_application', id, null, { ...rd, criteria: check.outcome });
    const after = await transitionApplicationInTx(tx, ctx, call, app, 'submit', ['applicant'], null, {}, []);
    return { id, state: after.state };
  });
};

/** An officer supplies the other language of a text (marked as translated, by whom); the applicant's original stays. */
export const translate = async (ctx: ServiceContext, centreId: string, id: string, input: z.infer<typeof ZTranslationInput>): Promise<{ version: number }> => {
  const user = requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const a = await repo.findRdApplication(tx, centreId, id);
    if (!a) throw new AppError('NOT_FOUND', `No R&D centre application ${id}`);
    if (a.rd.version !== input.version) throw stale('The application');
    const patch: Partial<RdApplicationRow> = { translatedBy: user.id };
    const fields = ['nameEn', 'nameZh', 'descriptionEn', 'descriptionZh'] as const;
    const issues: FieldIssue[] = [];
    for (const f of fields) {
      const v = blank(input[f]);
      if (v === null) continue;
      // The applicant's own words are not overwritten: only the other language is a translation.
      if (f.endsWith(a.rd.original === 'en' ? 'En' : 'Zh')) issues.push(issue(f, 'original_text', 'this is the applicant’s original text; only the other language can be supplied'));
      else patch[f] = v;
    }
    if (issues.length) throw invalid(issues);
    if (Object.keys(patch).length === 1) throw invalid([issue('nameZh', 'empty_patch', 'give at least one translation')]);
    const updated = await repo.updateRdApplicationRow(tx, id, a.rd.version, patch);
    if (!updated) throw stale('The application');
    await audit(tx, ctx, centreId, 'rd_centre_application.translate', 'rd_centre_application', id, a.rd, updated);
    return { version: updated.version };
  });
};

// ---------------------------------------------------------------- recognitions
const recognitionViews = async (tx: ReadTx, ctx: ServiceContext, _centreId: string, rows: NonNullable<Awaited<ReturnType<typeof repo.findRecognition>>>[]): Promise<TRecognitionView[]> => {
  const orgs = new Map((await callsRepo.findEntities(tx, [...new Set(rows.map((r) => r.registry.entityId))])).map((e) => [e.id, e]));
  return rows.map(({ own, registry, housekeeper }) => {
    const org = orgs.get(registry.entityId);
    return {
      id: own.recognitionId,
      entity: org ? { id: org.id, nameZh: org.nameZh, nameEn: org.nameEn } : { id: registry.entityId, nameZh: null, nameEn: registry.entityId },
      centreType: own.centreType as TRecognitionView['centreType'],
      validFrom: registry.validFrom ?? '',
      validTo: registry.validTo,
      status: recognitionStatus({ validTo: registry.validTo, revokedOn: own.revokedOn }, today(ctx)),
      decisionRef: own.decisionRef,
      revokedOn: own.revokedOn,
      revokeReason: own.revokeReason,
      housekeeper: housekeeper?.id ? { id: housekeeper.id, displayName: housekeeper.displayName } : null,
      applicationId: own.applicationId,
      isSample: own.isSample,
      version: own.version,
    };
  });
};

const checkHousekeeper = async (tx: ReadTx, centreId: string, userId: string | null, path: string): Promise<FieldIssue[]> => {
  if (!userId) return [];
  const u = await repo.findUser(tx, userId);
  if (!u || u.disabled || (u.centreId !== null && u.centreId !== centreId)) return [issue(path, 'not_found', `no account ${userId} in this centre`)];
  if (!roleHasPermission(u.role as Role, 'services:manage')) return [issue(path, 'not_a_housekeeper', 'the housekeeper is an officer who keeps service packages')];
  return [];
};

const capIssues = async (tx: ReadTx, recognitionId: string | null, measure: string, amount: number, path: string): Promise<FieldIssue[]> => {
  const cap = SUPPORT_CAPS[measure];
  if (cap === undefined) return [];
  const before = recognitionId ? (await repo.listSupport(tx, [recognitionId])).filter((s) => s.measure === measure).reduce((n, s) => n + s.amount, 0) : 0;
  return before + amount > cap ? [issue(path, 'amount_above_cap', `support under "${measure}" is capped at ${cap} yuan per centre; ${before} already granted`, { data: { cap, granted: before } })] : [];
};

/**
 * Recognise an awarded application: the registry's dated credential on the
 * organisation (source: the decision), the recognition's own terms, the
 * housekeeper, and the award as the first support granted — one transaction.
 */
export const recognise = async (ctx: ServiceContext, centreId: string, id: string, input: z.infer<typeof ZRecogniseInput>): Promise<TRecognitionView> => {
  const user = requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const a = await repo.findRdApplication(tx, centreId, id);
    if (!a) throw new AppError('NOT_FOUND', `No R&D centre application ${id}`);
    if (a.recognitionId) throw conflict('This application has already led to a recognition', [issue('state', 'already_recognised', 'recognised already')]);
    if (!['awarded', 'completed'].includes(a.application.state)) throw conflict('Only an application awarded after review is recognised', [issue('state', 'not_awarded', `the application is ${a.application.state}`)]);
    if (a.rd.version !== input.version) throw stale('The application');
    const orgId = a.application.applicantOrgId as string;
    const issues: FieldIssue[] = [];
    if (input.validTo <= input.validFrom) issues.push(issue('validTo', 'validity_order', 'the recognition ends after it starts'));
    issues.push(...(await checkHousekeeper(tx, centreId, input.housekeeperUserId, 'housekeeperUserId')));
    const award = a.application.awardAmount ?? 0;
    issues.push(...(await capIssues(tx, null, 'first_centre', award, 'awardAmount')));
    if (issues.length) throw invalid(issues);
    if (await repo.liveRecognitionOf(tx, orgId)) throw conflict('The organisation is already a recognised centre', [issue('state', 'already_recognised', 'the organisation holds a recognition that is not revoked')]);
    const recognitionId = randomUUID();
    const registry = { id: recognitionId, entityId: orgId, type: repo.RECOGNITION_TYPE, validFrom: input.validFrom, validTo: input.validTo, sourceId: null, sourceNote: input.decisionRef, createdAt: ctx.now };
    const own = { recognitionId, centreId, applicationId: a.application.id, centreType: a.rd.centreType, decisionRef: input.decisionRef, housekeeperUserId: input.housekeeperUserId, revokedOn: null, revokeReason: null, isSample: a.call.isSample, createdAt: ctx.now };
    await repo.insertRecognition(tx, registry, own);
    await audit(tx, ctx, centreId, 'rd_centre.recognise', 'rd_centre_recognition', recognitionId, null, { registry, own });
    if (award > 0) {
      const support = await repo.insertSupport(tx, { id: randomUUID(), centreId, recognitionId, measure: 'first_centre', amount: award, grantedOn: input.validFrom, decisionRef: input.decisionRef, note: null, recordedBy: user.id, recordedAt: ctx.now });
      await audit(tx, ctx, centreId, 'rd_centre_support.record', 'rd_centre_support', support.id, null, support);
    }
    const bumped = await repo.updateRdApplicationRow(tx, a.application.id, a.rd.version, {});
    if (!bumped) throw stale('The application');
    const found = await repo.findRecognition(tx, centreId, recognitionId);
    return (await recognitionViews(tx, ctx, centreId, found ? [found] : []))[0] as TRecognitionView;
  });
};

const loadRecognitionForWrite = async (tx: ReadTx, centreId: string, id: string, version: number): Promise<NonNullable<Awaited<ReturnType<typeof repo.findRecognition>>>> => {
  const r = await repo.findRecognition(tx, centreId, id);
  if (!r) throw new AppError('NOT_FOUND', `No recognised centre ${id}`);
  if (r.own.version !== version) throw stale('The recognition');
  return r;
};

export const revoke = async (ctx: ServiceContext, centreId: string, id: string, input: z.infer<typeof ZRevokeInput>): Promise<void> => {
  requireOfficer(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const r = await loadRecognitionForWrite(tx, centreId, id, input.version);
    if (r.own.revokedOn) throw conflict('The recognition is already revoked', [issue('state', 'already_revoked', `revoked on ${r.own.revokedOn}`)]);
    if (r.registry.validFrom && input.effectiveOn < r.registry.validFrom) throw invalid([issue('effectiveOn', 'before_validity', 'a revocation takes effect on or after the recognition starts')]);
    const validTo = r.registry.validTo && r.registry.validTo < input.effectiveOn ? r.registry.validTo : input.effectiveOn;
    const updated = await repo.updateRecognitionRows(tx, id, r.own.version, { revokedOn: input.effectiveOn, revokeReason: input.reason }, { validTo });
    if (!updated) throw stale('The recognition');
    await audit(tx, ctx, centreId, 'rd_centre.revoke', 'rd_centre_recognition', id, { validTo: r.registry.validTo, revokedOn: null }, { validTo, revokedOn: input.effectiveOn, reason: input.reason });
  });
};

export const setHousekeeper = async (ctx: ServiceContext, centreId: string, id: string, input: z.infer<typeof ZHousekeeperInput>): Promise<void> => {
  requireOfficer(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const r = await loadRecognitionForWrite(tx, centreId, id, input.version);
    const issues = await checkHousekeeper(tx, centreId, input.userId, 'userId');
    if (issues.length) throw invalid(issues);
    const updated = await repo.updateRecognitionRows(tx, id, r.own.version, { housekeeperUserId: input.userId }, null);
    if (!updated) throw stale('The recognition');
    await audit(tx, ctx, centreId, 'rd_centre.housekeeper', 'rd_centre_recognition', id, { housekeeperUserId: r.own.housekeeperUserId }, { housekeeperUserId: input.userId });
  });
};

export const addSupport = async (ctx: ServiceContext, centreId: string, id: string, input: z.infer<typeof ZSupportInput>) => {
  const user = requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const r = await repo.findRecognition(tx, centreId, id);
    if (!r) throw new AppError('NOT_FOUND', `No recognised centre ${id}`);
    if (r.own.revokedOn) throw conflict('A revoked recognition takes no new support', [issue('state', 'recognition_revoked', `revoked on ${r.own.revokedOn}`)]);
    const issues = await capIssues(tx, id, input.measure, input.amount, 'amount');
    if (r.registry.validFrom && input.grantedOn < r.registry.validFrom) issues.push(issue('grantedOn', 'before_recognition', 'support is granted under the recognition, on or after it starts'));
    if (issues.length) throw invalid(issues);
    const row = await repo.insertSupport(tx, { id: randomUUID(), centreId, recognitionId: id, measure: input.measure, amount: input.amount, grantedOn: input.grantedOn, decisionRef: input.decisionRef, note: blank(input.note), recordedBy: user.id, recordedAt: ctx.now });
    await audit(tx, ctx, centreId, 'rd_centre_support.record', 'rd_centre_support', row.id, null, row);
    return { id: row.id, measure: row.measure as 'other', amount: row.amount, grantedOn: row.grantedOn, decisionRef: row.decisionRef, note: row.note, recordedAt: row.recordedAt };
  });
};

const isCentreMember = (user: SessionUser | null, entityId: string): boolean => !!user && user.organisationId === entityId;

export const addHire = async (ctx: ServiceContext, centreId: string, id: string, input: z.infer<typeof ZHireInput>) => {
  const user = requireUser(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const r = await repo.findRecognition(tx, centreId, id);
    if (!r || !(isOfficer(user, centreId) || isCentreMember(user, r.registry.entityId))) throw new AppError('NOT_FOUND', `No recognised centre ${id}`);
    if (input.periodTo < input.periodFrom) throw invalid([issue('periodTo', 'period_order', 'the period ends after it starts')]);
    const row = await repo.insertHire(tx, { id: randomUUID(), centreId, recognitionId: id, periodFrom: input.periodFrom, periodTo: input.periodTo, count: input.count, note: blank(input.note), recordedBy: user.id, recordedAt: ctx.now });
    await audit(tx, ctx, centreId, 'rd_centre_hire.record', 'rd_centre_hire', row.id, null, row);
    return { id: row.id, periodFrom: row.periodFrom, periodTo: row.periodTo, count: row.count, note: row.note, recordedAt: row.recordedAt };
  });
};

// ---------------------------------------------------------------- outputs and assessment
type OutputRecords = { joint: Awaited<ReturnType<typeof repo.jointProjects>>; contracts: Awaited<ReturnType<typeof repo.localContracts>>; hires: Awaited<ReturnType<typeof repo.listHires>>; floors: Awaited<ReturnType<typeof repo.criteriaOf>>; applications: Map<string, string> };

const loadOutputRecords = async (tx: ReadTx, centreId: string, rows: { own: RdRecognitionRow; registry: { entityId: string } }[]): Promise<OutputRecords> => {
  const orgIds = [...new Set(rows.map((r) => r.registry.entityId))];
  const appIds = rows.map((r) => r.own.applicationId);
  const apps = await Promise.all(appIds.map((id) => callsRepo.findApplication(tx, id)));
  const applications = new Map(apps.flatMap((a) => (a ? [[a.id, a.callId] as const] : [])));
  const [joint, contracts, hires, floors] = await Promise.all([repo.jointProjects(tx, centreId, orgIds), repo.localContracts(tx, centreId, orgIds), repo.listHires(tx, rows.map((r) => r.own.recognitionId)), repo.criteriaOf(tx, [...new Set(applications.values())])]);
  return { joint, contracts, hires, floors, applications };
};

const outputsOf = (ctx: ServiceContext, r: { own: RdRecognitionRow; registry: { entityId: string; validFrom: string | null; validTo: string | null } }, rec: OutputRecords): TOutputs => {
  const from = r.registry.validFrom ?? '0000-01-01';
  const ends = [today(ctx), r.registry.validTo, r.own.revokedOn].filter((d): d is string => !!d).sort();
  const to = ends[0] as string;
  const org = r.registry.entityId;
  const byApp = new Map<string, TOutputs['jointProjects'][number]>();
  for (const j of rec.joint) {
    if (j.orgId !== org) continue;
    const day = j.decidedAt ? j.decidedAt.toISOString().slice(0, 10) : null;
    if (!dayIn(day, from, to)) continue;
    const p = byApp.get(j.applicationId) ?? { applicationId: j.applicationId, callId: j.callId, title: j.title, state: j.state, year: day ? day.slice(0, 4) : null, partners: [] };
    if (!p.partners.some((x) => x.id === j.partnerId)) p.partners.push({ id: j.partnerId, nameZh: j.partnerZh, nameEn: j.partnerEn });
    byApp.set(j.applicationId, p);
  }
  const localContracts = rec.contracts
    .filter((c) => (c.sellerId === org || c.buyerId === org) && dayIn(c.registeredOn, from, to))
    .map((c) => ({ id: c.id, title: c.title, buyer: c.sellerId === org ? { id: c.buyerId as string, nameZh: c.buyerZh, nameEn: c.buyerEn } : { id: c.sellerId, nameZh: c.sellerZh, nameEn: c.sellerEn }, technicalAmount: c.technicalAmount, registeredOn: c.registeredOn as string }));
  const hires = rec.hires.filter((h) => h.recognitionId === r.own.recognitionId);
  const callId = rec.applications.get(r.own.applicationId);
  const floors: Partial<Record<AssessmentMetric, number>> = {};
  for (const c of rec.floors) if (c.callId === callId && ASSESSMENT_CRITERIA[c.position]) floors[(ASSESSMENT_CRITERIA[c.position] as { metric: AssessmentMetric }).metric] = c.threshold;
  const jointProjects = [...byApp.values()];
  const result = assess({ jointProjects: jointProjects.length, localContracts: localContracts.length, localHires: hiresIn(hires, from, to) }, floors);
  return {
    jointProjects,
    localContracts,
    hires: hires.map((h) => ({ id: h.id, periodFrom: h.periodFrom, periodTo: h.periodTo, count: h.count, note: h.note, recordedAt: h.recordedAt })),
    assessment: { from, to, lines: result.lines, outcome: result.outcome },
  };
};

export const getRecognition = async (ctx: ServiceContext, centreId: string, id: string): Promise<TRecognitionDetail> => {
  const user = requireUser(ctx, centreId);
  const r = await repo.findRecognition(ctx.db, centreId, id);
  const officer = isOfficer(user, centreId);
  if (!r || !(officer || isCentreMember(user, r.registry.entityId))) throw new AppError('NOT_FOUND', `No recognised centre ${id}`);
  const [view] = await recognitionViews(ctx.db, ctx, centreId, [r]);
  const [rd] = await repo.rdApplicationsByIds(ctx.db, [r.own.applicationId]);
  const records = await loadOutputRecords(ctx.db, centreId, [r]);
  const support = await repo.listSupport(ctx.db, [id]);
  return {
    recognition: view as TRecognitionView,
    name: bilingual(rd?.nameEn ?? null, rd?.nameZh ?? null, rd?.original ?? 'en', rd?.translatedBy ?? null),
    support: support.map((s) => ({ id: s.id, measure: s.measure as 'other', amount: s.amount, grantedOn: s.grantedOn, decisionRef: s.decisionRef, note: s.note, recordedAt: s.recordedAt })),
    outputs: outputsOf(ctx, r, records),
    canManage: officer,
    canRecordHires: officer || isCentreMember(user, r.registry.entityId),
  };
};

/** Recognised centres: public list; support totals and the comprehensive assessment for officers. */
export const listRecognitions = async (ctx: ServiceContext, centreId: string, entityId: string | undefined): Promise<TRecognitionListItem[]> => {
  await getCentre(ctx.db, centreId);
  const rows = await repo.listRecognitions(ctx.db, centreId, entityId);
  const views = await recognitionViews(ctx.db, ctx, centreId, rows);
  const rds = new Map((await repo.rdApplicationsByIds(ctx.db, rows.map((r) => r.own.applicationId))).map((a) => [a.applicationId, a]));
  const officer = isOfficer(ctx.user, centreId);
  const records = officer ? await loadOutputRecords(ctx.db, centreId, rows) : null;
  const support = officer ? await repo.listSupport(ctx.db, rows.map((r) => r.own.recognitionId)) : [];
  return rows.map((r, i) => {
    const rd = rds.get(r.own.applicationId);
    const outputs = records ? outputsOf(ctx, r, records) : null;
    const value = (m: AssessmentMetric) => outputs?.assessment.lines.find((l) => l.metric === m)?.value ?? 0;
    const view = views[i] as TRecognitionView;
    // The housekeeper is the centre's contact: shown to officers and to the centre itself, not to the public.
    const seesContact = officer || isCentreMember(ctx.user, r.registry.entityId);
    return {
      ...view,
      housekeeper: seesContact ? view.housekeeper : null,
      applicationId: seesContact ? view.applicationId : null,
      name: bilingual(rd?.nameEn ?? null, rd?.nameZh ?? null, rd?.original ?? 'en', rd?.translatedBy ?? null),
      supportTotal: officer ? support.filter((s) => s.recognitionId === r.own.recognitionId).reduce((n, s) => n + s.amount, 0) : null,
      assessment: outputs ? { jointProjects: value('jointProjects'), localContracts: value('localContracts'), localHires: value('localHires'), outcome: outputs.assessment.outcome } : null,
    };
  });
};

/** Officers who can keep a recognised centre's service package (the housekeeper). */
export const listHousekeepers = async (ctx: ServiceContext, centreId: string) => {
  requireOfficer(ctx, centreId);
  const roles = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('services:manage'));
  return repo.listOfficerUsers(ctx.db, centreId, [...roles]);
};

