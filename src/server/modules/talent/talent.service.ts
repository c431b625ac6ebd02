import { randomUUID } from 'node:crypto';
import { answerProblems, credentialStatus, gateProblems, gateSentences, selfAssess, type Answers, type CredentialStatus } from '../../../core/talent/index.js';
import type { CallState } from '../../../core/workflow/index.js';
import { buildSearchText } from '../../../db/search-text.js';
import type { ReadTx } from '../../../db/tx.js';
import { withWriteTx } from '../../../db/tx.js';
import { roleHasPermission } from '../../../shared/access.js';
import { ZApplicationInput } from '../../../shared/schemas/calls.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { TalentCategory, TalentServiceKind } from '../../../shared/schemas/talent-vocabulary.js';
import type { TCredential, TMeritScheme, TSelfAssessment, TTalentApplication, TTalentApplyInput, TTalentCall, TTalentCallInput, TTalentServiceRequest } from '../../../shared/schemas/talent.js';
import { auditWrite as audit } from '../../audit.js';
import { assertCentreScope, type ServiceContext, type SessionUser } from '../../context.js';
import { AppError, bodyIssue as issue, invalidBody as invalid } from '../../errors.js';
import { centreDay } from '../centres/centre-calendar.js';
import { isApplicant, isOfficer } from '../calls/calls.policy.js';
import * as callsRepo from '../calls/calls.repository.js';
import { createApplication, createCallInTx, PUBLIC_CALL_STATES, transitionApplicationInTx } from '../calls/calls.service.js';
import { getCentre } from '../centres/centres.service.js';
import { insertEntity } from '../registry/registry.repository.js';
import { createDemand, isServiceOfficer } from '../services/services.service.js';
import * as repo from './talent.repository.js';

/**
 * Talent programmes on the calls engine. A talent call is a call of a
 * `talent` programme with a published merit-point scheme; applying, review
 * and award are the engine's (guards, eligibility check, conflict-of-interest
 * review, appeals). This module adds the scheme and its self-assessment, the
 * person behind an application, the credential awarded (a dated recognition
 * `talent:<category>` on the person's registry record) and service requests
 * raised on a credential, which are demands in the services ledger.
 */

const conflict = (message: string, fields: FieldIssue[]): AppError => new AppError('CONFLICT', message, { fields });
const stale = (what: string): AppError => conflict(`${what} changed meanwhile; reload and try again`, [issue('version', 'stale_version', 'someone else changed it first')]);

const requireUser = (ctx: ServiceContext, centreId: string): SessionUser => {
  assertCentreScope(ctx, centreId);
  return ctx.user as SessionUser;
};
const requireOfficer = (ctx: ServiceContext, centreId: string): SessionUser => {
  const user = requireUser(ctx, centreId);
  if (!isOfficer(user, centreId)) throw new AppError('FORBIDDEN', 'Only programme officers run talent programmes');
  return user;
};

const isPublicCall = (state: string): boolean => PUBLIC_CALL_STATES.includes(state as CallState);
const ref = (e: callsRepo.EntityRef | undefined, id: string) => (e ? { id: e.id, nameZh: e.nameZh, nameEn: e.nameEn } : { id, nameZh: null, nameEn: id });

/** The recognition type a credential writes on the person's registry record. */
export const recognitionType = (category: TalentCategory): string => `talent:${category}`;

/** Each talent service is raised as a demand of this type, so that it routes to the talent-services departments like an enterprise's demand. */
export const DEMAND_TYPE_OF: Readonly<Record<TalentServiceKind, 'talent_housing'>> = { housing: 'talent_housing', schooling: 'talent_housing', medical: 'talent_housing', visa_permit: 'talent_housing' };
const CATEGORY_LABEL: Readonly<Record<TalentCategory, [string, string]>> = { strategic_scientist: ['战略科学家', 'strategic scientist'], leading_talent: ['科技领军人才', 'leading talent'], young_talent: ['青年人才', 'young talent'], high_skilled: ['高技能人才', 'highly skilled talent'], foreign_talent: ['外籍人才', 'foreign talent'] };
const KIND_LABEL: Readonly<Record<TalentServiceKind, [string, string]>> = { housing: ['住房', 'housing'], schooling: ['子女入学', 'schooling'], medical: ['医疗', 'medical care'], visa_permit: ['签证与工作许可', 'visa and work permit'] };

// ---------------------------------------------------------------- calls
type CallJoin = Awaited<ReturnType<typeof repo.listTalentCalls>>[number];

const callsView = async (tx: ReadTx, rows: CallJoin[]): Promise<TTalentCall[]> => {
  const owners = new Map((await callsRepo.findEntities(tx, [...new Set(rows.map((r) => r.call.ownerEntityId))])).map((e) => [e.id, e]));
  return rows.map(({ talent, call }) => ({
    id: call.id,
    programmeId: call.programmeId,
    state: call.state,
    titleZh: call.titleZh,
    titleEn: call.titleEn,
    problem: call.problem,
    deadline: call.deadline,
    owner: ref(owners.get(call.ownerEntityId), call.ownerEntityId),
    isSample: call.isSample,
    category: talent.category as TalentCategory,
    mode: talent.mode as TTalentCall['mode'],
    validityYears: talent.validityYears,
    scheme: talent.scheme,
    gateText: gateSentences(talent.scheme),
  }));
};

export const createTalentCall = async (ctx: ServiceContext, centreId: string, input: TTalentCallInput): Promise<TTalentCall> => {
  requireOfficer(ctx, centreId);
  const problems = gateProblems(input.scheme);
  if (problems.length > 0) throw invalid(problems.flatMap(({ gate, problems: list }) => list.map((p) => issue(`scheme.gates.${gate}.rule`, p.code, `${p.path}: ${p.message}`))));
  const callId = await withWriteTx(ctx.db, async (tx) => {
    const programme = await callsRepo.findProgramme(tx, input.call.programmeId);
    if (programme && programme.centreId === centreId && programme.kind !== 'talent') throw invalid([issue('call.programmeId', 'not_talent_programme', 'talent calls belong to a programme of kind "talent"')]);
    const call = await createCallInTx(tx, ctx, centreId, input.call);
    const row = { callId: call.id, category: input.category, mode: input.mode, validityYears: input.validityYears, scheme: input.scheme };
    await repo.insertTalentCall(tx, row);
    await audit(tx, ctx, centreId, 'talent_call.create', 'call', call.id, null, row);
    return call.id;
  });
  return getTalentCall(ctx, centreId, callId);
};

export const listTalentCalls = async (ctx: ServiceContext, centreId: string): Promise<TTalentCall[]> => {
  await getCentre(ctx.db, centreId);
  const rows = await repo.listTalentCalls(ctx.db, centreId, isOfficer(ctx.user, centreId) ? null : PUBLIC_CALL_STATES);
  return callsView(ctx.db, rows);
};

const findVisibleCall = async (tx: ReadTx, ctx: ServiceContext, centreId: string, callId: string): Promise<CallJoin> => {
  const [row] = await repo.listTalentCalls(tx, centreId, null, callId);
  if (!row || !(isPublicCall(row.call.state) || isOfficer(ctx.user, centreId))) throw new AppError('NOT_FOUND', `No talent call ${callId}`);
  return row;
};

export const getTalentCall = async (ctx: ServiceContext, centreId: string, callId: string): Promise<TTalentCall> => {
  const row = await findVisibleCall(ctx.db, ctx, centreId, callId);
  return (await callsView(ctx.db, [row]))[0] as TTalentCall;
};

const checkAnswers = (answers: Answers, path = 'answers'): void => {
  const wrong = answerProblems(answers);
  if (wrong.length > 0) throw invalid(wrong.map((w) => issue(`${path}.${w.fact}`, 'wrong_type', `expected ${w.expected === 'integer' ? 'a whole number' : w.expected === 'number' ? 'a number' : w.expected === 'boolean' ? 'yes or no' : 'text'}`)));
};

/** The self-assessment simulator: anyone, signed in or not, against a published call's scheme. Nothing is stored. */
export const selfAssessment = async (ctx: ServiceContext, centreId: string, callId: string, answers: Answers): Promise<TSelfAssessment> => {
  const row = await findVisibleCall(ctx.db, ctx, centreId, callId);
  checkAnswers(answers);
  return selfAssess(row.talent.scheme, answers);
};

// ---------------------------------------------------------------- applications
const applicationsView = async (tx: ReadTx, rows: { talent: repo.TalentApplicationRow; application: callsRepo.ApplicationRow }[]): Promise<TTalentApplication[]> => {
  const ents = new Map((await callsRepo.findEntities(tx, rows.flatMap((r) => [r.talent.personEntityId, ...(r.application.applicantOrgId ? [r.application.applicantOrgId] : [])]))).map((e) => [e.id, e]));
  const creds = await repo.credentialIdsOfApplications(
    tx,
    rows.map((r) => r.application.id),
  );
  return rows.map(({ talent, application }) => ({
    applicationId: application.id,
    callId: talent.callId,
    state: application.state,
    person: ref(ents.get(talent.personEntityId), talent.personEntityId),
    employer: application.applicantOrgId ? ref(ents.get(application.applicantOrgId), application.applicantOrgId) : null,
    selfAssessment: talent.selfAssessment,
    submittedAt: application.submittedAt,
    credentialId: creds.get(application.id) ?? null,
  }));
};

/**
 * Apply (or nominate) through the calls engine: the person's registry record
 * (the one named, or a new one), an application led by the applicant's
 * organisation with the person as principal, submitted at once with the
 * self-assessment on record. One transaction: all of it, or nothing.
 */
export const apply = async (ctx: ServiceContext, centreId: string, callId: string, input: TTalentApplyInput & { personEntityId?: string | undefined }): Promise<TTalentApplication> => {
  const user = requireUser(ctx, centreId);
  if (!roleHasPermission(user.role, 'calls:apply')) throw new AppError('FORBIDDEN', 'Only applicants (enterprise or research members) apply for talent programmes');
  const { talent, call } = await findVisibleCall(ctx.db, ctx, centreId, callId);
  checkAnswers(input.answers);
  if (input.personEntityId) {
    const [person] = await callsRepo.findEntities(ctx.db, [input.personEntityId]);
    if (!person || person.centreId !== centreId || person.category !== 'person' || person.status !== 'active') throw invalid([issue('personEntityId', 'not_a_person', `no active person ${input.personEntityId} in this centre`)]);
  }
  const assessment = selfAssess(talent.scheme, input.answers);
  const applicationId = await withWriteTx(ctx.db, async (tx) => {
    const txCtx: ServiceContext = { ...ctx, db: tx };
    let personId = input.personEntityId;
    if (!personId) {
      const person = await insertEntity(tx, {
        id: randomUUID(),
        centreId,
        category: 'person',
        kind: 'talent',
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        nameStatus: 'in_source',
        isSample: call.isSample,
        searchText: buildSearchText([input.nameZh, input.nameEn]),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await audit(tx, ctx, centreId, 'entity.create', 'entity', person.id, null, { id: person.id, category: person.category, kind: person.kind, nameZh: person.nameZh, nameEn: person.nameEn, isSample: person.isSample, via: 'talent.apply' });
      personId = person.id;
    }
    const created = await createApplication(txCtx, centreId, call.id, ZApplicationInput.parse({
      title: `${input.nameZh ?? input.nameEn} · ${call.titleZh ?? call.titleEn}`.slice(0, 300),
      piEntityId: personId,
      plan: input.statement,
      budget: { total: input.supportRequested, selfFunded: null, items: [{ label: 'Talent support', amount: input.supportRequested }] },
      milestones: [{ title: '年度报告 / Annual report', deliverable: 'Report on the work supported', verification: 'Accepted by the programme office', dueOn: input.firstReportDue, trancheShare: 100 }],
    }));
    await repo.insertTalentApplication(tx, { applicationId: created.id, callId: call.id, personEntityId: personId, answers: input.answers, selfAssessment: assessment });
    await audit(tx, ctx, centreId, 'talent_application.create', 'call_application', created.id, null, { personEntityId: personId, answers: input.answers, result: assessment.result, total: assessment.total });
    const app = (await callsRepo.findApplication(tx, created.id)) as callsRepo.ApplicationRow;
    await transitionApplicationInTx(tx, txCtx, call, app, 'submit', ['applicant'], null, {}, []);
    return created.id;
  });
  return getTalentApplication(ctx, centreId, applicationId);
};

const canSeeApplication = (user: SessionUser | null, centreId: string, app: callsRepo.ApplicationRow): boolean => isOfficer(user, centreId) || isApplicant(user, app);

export const getTalentApplication = async (ctx: ServiceContext, centreId: string, applicationId: string): Promise<TTalentApplication> => {
  requireUser(ctx, centreId);
  const found = await repo.findTalentApplication(ctx.db, applicationId);
  const call = found ? await callsRepo.findCall(ctx.db, centreId, found.talent.callId) : undefined;
  if (!found || !call || !canSeeApplication(ctx.user, centreId, found.application)) throw new AppError('NOT_FOUND', `No talent application ${applicationId}`);
  return (await applicationsView(ctx.db, [found]))[0] as TTalentApplication;
};

/** Officers see every talent application (of a call); applicants see their own and their organisation's. */
export const listTalentApplications = async (ctx: ServiceContext, centreId: string, callId: string | undefined): Promise<TTalentApplication[]> => {
  const user = requireUser(ctx, centreId);
  const officer = isOfficer(user, centreId);
  const rows = await repo.listTalentApplications(ctx.db, centreId, { callId, applicant: officer ? undefined : { userId: user.id, orgId: roleHasPermission(user.role, 'calls:apply') ? user.organisationId : null } });
  return applicationsView(ctx.db, rows);
};

// ---------------------------------------------------------------- credentials
const credentialsView = async (tx: ReadTx, ctx: ServiceContext, centreId: string, rows: repo.CredentialRow[]): Promise<TCredential[]> => {
  const [ents, cps] = [await callsRepo.findEntities(tx, rows.flatMap((r) => [r.personEntityId, ...(r.employerEntityId ? [r.employerEntityId] : [])])), await repo.callsAndProgrammes(tx, rows.map((r) => r.callId))];
  const byId = new Map(ents.map((e) => [e.id, e]));
  const cp = new Map(cps.map((c) => [c.call.id, c]));
  const day = await centreDay(tx, centreId, ctx.now);
  return rows.map((r) => {
    const c = cp.get(r.callId);
    return {
      id: r.id,
      recognitionId: r.recognitionId,
      category: r.category as TalentCategory,
      person: ref(byId.get(r.personEntityId), r.personEntityId),
      employer: r.employerEntityId ? ref(byId.get(r.employerEntityId), r.employerEntityId) : null,
      call: c?.call ?? { id: r.callId, titleZh: null, titleEn: r.callId },
      programme: c?.programme ?? { id: '', titleZh: null, titleEn: '' },
      applicationId: r.applicationId,
      validFrom: r.validFrom,
      validTo: r.validTo,
      status: credentialStatus(r, day),
      revokedAt: r.revokedAt,
      revokeReason: r.revokeReason,
      isSample: r.isSample,
      isMine: !!ctx.user && r.holderUserId === ctx.user.id,
      version: r.version,
    };
  });
};

const AWARDABLE = new Set(['under_review', 'shortlisted']);

/**
 * Award (through the calls engine, when the application is still under
 * review and an amount is given) and issue the credential: a dated
 * recognition on the person's registry record and its credential, or nothing.
 */
export const issueCredential = async (ctx: ServiceContext, centreId: string, applicationId: string, input: { awardAmount?: number | undefined; validFrom: string; validTo: string; note: string | null }): Promise<TCredential> => {
  requireOfficer(ctx, centreId);
  if (input.validTo < input.validFrom) throw invalid([issue('validTo', 'ends_before_start', 'the credential ends before it starts')]);
  const id = await withWriteTx(ctx.db, async (tx) => {
    const found = await repo.findTalentApplication(tx, applicationId);
    const [callJoin] = found ? await repo.listTalentCalls(tx, centreId, null, found.talent.callId) : [];
    if (!found || !callJoin) throw new AppError('NOT_FOUND', `No talent application ${applicationId}`);
    if (await repo.findCredentialOfApplication(tx, applicationId)) throw conflict('This application already has its credential', [issue('applicationId', 'credential_exists', 'a credential was already issued for this application')]);
    let app = found.application;
    if (AWARDABLE.has(app.state) && input.awardAmount !== undefined) app = await transitionApplicationInTx(tx, { ...ctx, db: tx }, callJoin.call, app, 'award', ['officer'], input.note, { awardAmount: input.awardAmount }, []);
    if (app.state !== 'awarded' && app.state !== 'completed') {
      const fields = [issue('applicationId', 'not_awarded', `the application is ${app.state}; a credential follows an award`)];
      if (AWARDABLE.has(app.state)) fields.push(issue('awardAmount', 'required', 'give the amount awarded to award it now'));
      throw conflict('Only an awarded application earns a credential', fields);
    }
    const category = callJoin.talent.category as TalentCategory;
    const rec = await repo.insertRecognition(tx, {
      id: randomUUID(),
      entityId: found.talent.personEntityId,
      type: recognitionType(category),
      validFrom: input.validFrom,
      validTo: input.validTo,
      sourceId: null,
      sourceNote: `talent call ${callJoin.call.id} (${callJoin.call.titleZh ?? callJoin.call.titleEn}), application ${app.id}`,
      createdAt: ctx.now,
    });
    const row = await repo.insertCredential(tx, {
      id: randomUUID(),
      centreId,
      recognitionId: rec.id,
      personEntityId: found.talent.personEntityId,
      employerEntityId: app.applicantOrgId,
      holderUserId: app.createdBy,
      applicationId: app.id,
      callId: callJoin.call.id,
      category,
      validFrom: input.validFrom,
      validTo: input.validTo,
      areaId: await repo.areaOf(tx, app.applicantOrgId),
      isSample: callJoin.call.isSample,
      issuedBy: ctx.user?.id ?? null,
      issuedAt: ctx.now,
    });
    const [labelZh, labelEn] = CATEGORY_LABEL[category];
    const term = { centreId, code: rec.type, labelZh: `人才计划认定：${labelZh}`, labelEn: `Talent credential: ${labelEn}`, description: 'Issued on the platform by a talent programme (issue 9); see GET /talent/credentials/:id/verify.', now: ctx.now };
    if (await repo.ensureRecognitionTerm(tx, term)) await audit(tx, ctx, centreId, 'vocabulary.create', 'vocabulary_term', `recognition:${rec.type}`, null, term);
    await audit(tx, ctx, centreId, 'entity.recognition_added', 'entity', found.talent.personEntityId, null, rec);
    await audit(tx, ctx, centreId, 'talent_credential.issue', 'talent_credential', row.id, null, { ...row, note: input.note });
    return row.id;
  });
  return getCredential(ctx, centreId, id);
};

const canSeeCredential = (user: SessionUser | null, centreId: string, c: repo.CredentialRow): boolean =>
  isOfficer(user, centreId) || isServiceOfficer(user, centreId) || (!!user && c.holderUserId === user.id);

export const getCredential = async (ctx: ServiceContext, centreId: string, id: string): Promise<TCredential> => {
  requireUser(ctx, centreId);
  const row = await repo.findCredential(ctx.db, centreId, id);
  if (!row || !canSeeCredential(ctx.user, centreId, row)) throw new AppError('NOT_FOUND', `No talent credential ${id}`);
  return (await credentialsView(ctx.db, ctx, centreId, [row]))[0] as TCredential;
};

/** Officers (programme and service) see the centre's credentials; a holder sees their own. */
export const listCredentials = async (ctx: ServiceContext, centreId: string, q: { personEntityId?: string | undefined }): Promise<TCredential[]> => {
  const user = requireUser(ctx, centreId);
  const all = isOfficer(user, centreId) || isServiceOfficer(user, centreId);
  const rows = await repo.listCredentials(ctx.db, centreId, { holderUserId: all ? undefined : user.id, personEntityId: q.personEntityId });
  return credentialsView(ctx.db, ctx, centreId, rows);
};

/**
 * Verification anyone may rely on (another policy, a service desk): the
 * status today of the credential with this id, its category and validity —
 * no name, no employer.
 */
export const verifyCredential = async (ctx: ServiceContext, centreId: string, id: string) => {
  await getCentre(ctx.db, centreId);
  const row = await repo.findCredential(ctx.db, centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No talent credential ${id}`);
  const [cp] = await repo.callsAndProgrammes(ctx.db, [row.callId]);
  const asOf = await centreDay(ctx.db, centreId, ctx.now);
  return { id: row.id, status: credentialStatus(row, asOf), category: row.category as TalentCategory, type: recognitionType(row.category as TalentCategory), personId: row.personEntityId, validFrom: row.validFrom, validTo: row.validTo, asOf, programme: cp?.programme ?? { id: '', titleZh: null, titleEn: '' } };
};

/** For other modules: a person's talent statuses on a day (valid ones first). */
export const talentStatusOf = async (tx: ReadTx, centreId: string, personEntityId: string, now: Date): Promise<{ id: string; category: TalentCategory; status: CredentialStatus; validTo: string }[]> => {
  const day = await centreDay(tx, centreId, now);
  const rows = await repo.listCredentials(tx, centreId, { personEntityId });
  return rows.map((r) => ({ id: r.id, category: r.category as TalentCategory, status: credentialStatus(r, day), validTo: r.validTo })).sort((a, b) => Number(b.status === 'valid') - Number(a.status === 'valid'));
};

export const revokeCredential = async (ctx: ServiceContext, centreId: string, id: string, input: { version: number; reason: string }): Promise<TCredential> => {
  requireOfficer(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const row = await repo.findCredential(tx, centreId, id);
    if (!row) throw new AppError('NOT_FOUND', `No talent credential ${id}`);
    if (row.revokedAt) throw conflict('The credential is already revoked', [issue('state', 'already_revoked', 'revoked earlier; the revocation stands')]);
    if (row.version !== input.version) throw stale('The credential');
    const updated = await repo.updateCredentialRow(tx, row.id, row.version, { revokedAt: ctx.now, revokeReason: input.reason });
    if (!updated) throw stale('The credential');
    // The registry's recognition ends the day it is revoked, so that the person's profile tells the truth too.
    const day = await centreDay(tx, centreId, ctx.now);
    const endsOn = row.validTo < day ? row.validTo : day;
    await repo.updateRecognition(tx, row.recognitionId, { validTo: endsOn < row.validFrom ? row.validFrom : endsOn });
    await audit(tx, ctx, centreId, 'talent_credential.revoke', 'talent_credential', row.id, { revokedAt: null, validTo: row.validTo }, { revokedAt: ctx.now, reason: input.reason, recognitionValidTo: endsOn });
  });
  return getCredential(ctx, centreId, id);
};

// ---------------------------------------------------------------- service requests
const requestsView = async (tx: ReadTx, rows: Awaited<ReturnType<typeof repo.listServiceRequests>>): Promise<TTalentServiceRequest[]> => {
  const people = new Map((await callsRepo.findEntities(tx, rows.map((r) => r.credential.personEntityId))).map((e) => [e.id, e]));
  return rows.map((r) => ({
    id: r.request.id,
    kind: r.request.kind as TalentServiceKind,
    credentialId: r.credential.id,
    category: r.credential.category as TalentCategory,
    person: ref(people.get(r.credential.personEntityId), r.credential.personEntityId),
    demand: { id: r.demand.id, reference: r.demand.reference, title: r.demand.title, state: r.demand.state, type: r.demand.type, department: r.department?.id ? { id: r.department.id, nameZh: r.department.nameZh, nameEn: r.department.nameEn } : null },
    createdAt: r.request.createdAt,
  }));
};

/**
 * A credential holder asks for a talent service: a demand in the services
 * ledger for their employer (routed to the talent-services department of its
 * area, with the ledger's deadlines), linked to the credential.
 */
export const raiseServiceRequest = async (ctx: ServiceContext, centreId: string, input: { credentialId: string; kind: TalentServiceKind; title: string; description: string }): Promise<TTalentServiceRequest> => {
  const user = requireUser(ctx, centreId);
  const credential = await repo.findCredential(ctx.db, centreId, input.credentialId);
  if (!credential || credential.holderUserId !== user.id) throw invalid([issue('credentialId', 'not_found', `no credential ${input.credentialId} of yours`)]);
  const status = credentialStatus(credential, await centreDay(ctx.db, centreId, ctx.now));
  if (status !== 'valid') throw conflict('Talent services are for holders of a valid credential', [issue('credentialId', `credential_${status}`, `the credential is ${status.replace(/_/g, ' ')}`)]);
  const [zh, en] = KIND_LABEL[input.kind];
  const id = randomUUID();
  await withWriteTx(ctx.db, async (tx) => {
    const demand = await createDemand({ ...ctx, db: tx }, centreId, {
      type: DEMAND_TYPE_OF[input.kind],
      title: input.title,
      description: `${input.description}\n\n人才服务（${zh}）· Talent service (${en}) · 人才凭证 / credential ${credential.id}`,
    });
    const row = { id, centreId, credentialId: credential.id, demandId: demand.id, kind: input.kind, createdBy: user.id, createdAt: ctx.now };
    await repo.insertServiceRequest(tx, row);
    await audit(tx, ctx, centreId, 'talent_service_request.create', 'talent_service_request', id, null, row);
  });
  const [row] = (await repo.listServiceRequests(ctx.db, centreId, [credential.id])).filter((r) => r.request.id === id);
  return (await requestsView(ctx.db, row ? [row] : []))[0] as TTalentServiceRequest;
};

/** Officers (service or programme) see every talent service request; a holder sees those on their credentials. */
export const listServiceRequests = async (ctx: ServiceContext, centreId: string): Promise<TTalentServiceRequest[]> => {
  const user = requireUser(ctx, centreId);
  const all = isOfficer(user, centreId) || isServiceOfficer(user, centreId);
  const mine = all ? null : (await repo.listCredentials(ctx.db, centreId, { holderUserId: user.id })).map((c) => c.id);
  return requestsView(ctx.db, await repo.listServiceRequests(ctx.db, centreId, mine));
};

export type { TMeritScheme };
