import { randomUUID } from 'node:crypto';
import { aggregate, rankByScore, sheetTotal, validateForm, validateSheet, type ScoringForm } from '../../../core/calls/index.js';
import { checkExpense, effectiveTo, fundingRatios, outputGap, toFen, toYuan, versionInForce, type ListVersion } from '../../../core/grants/index.js';
import { parsePatentNumber } from '../../../core/patents/number.js';
import type { CallState } from '../../../core/workflow/index.js';
import type { ReadTx } from '../../../db/tx.js';
import { withWriteTx } from '../../../db/tx.js';
import type { FieldIssue } from '../../../shared/errors.js';
import {
  EXPENSE_CATEGORIES,
  type TExpenseInput,
  type TFinalReportInput,
  type TFundingInput,
  type TGrantApplicationInput,
  type TGrantCallInput,
  type TGrantCallSummary,
  type TLedger,
  type TNegativeListInput,
  type TNegativeListVersion,
  type TOutput,
  type TOutputCommitments,
  type TProject,
  type TTrack,
  type TGrantTrack,
} from '../../../shared/schemas/grants.js';
import { auditWrite as audit } from '../../audit.js';
import { assertCentreScope, type ServiceContext, type SessionUser } from '../../context.js';
import { AppError, bodyIssue as issue, invalidBody as invalid, staleVersion } from '../../errors.js';
import { isApplicant, isOfficer } from '../calls/calls.policy.js';
import * as callsRepo from '../calls/calls.repository.js';
import type { ApplicationRow, CallRow } from '../calls/calls.repository.js';
import { createApplication, createCallInTx, PUBLIC_CALL_STATES } from '../calls/calls.service.js';
import { submitReview } from '../calls/review.service.js';
import { getCentre } from '../centres/centres.service.js';
import { publishedFigures } from '../indicators/indicators.repository.js';
import { centreDay } from '../centres/centre-calendar.js';
import * as repo from './grants.repository.js';
import type { GrantApplicationRow, ListItemRow, ListVersionRow, OutputRow, TrackRow } from './grants.repository.js';

/**
 * Natural-science foundation grants on the calls engine. A grant call is a call
 * of a `grant` programme; its lifecycle (publish, close, review assignments
 * under conflict-of-interest rules, award, appeals) stays the engine's. This
 * module adds the classified review tracks (reviewers score on the track's
 * criteria), co-funding sources and their fiscal:external ratio, the lump-sum
 * ledger checked against the versioned negative list when each expense is
 * recorded, and the outputs-only final report evaluated on the track's
 * end-of-project criteria.
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
const isPublicCall = (state: string): boolean => PUBLIC_CALL_STATES.includes(state as CallState);
const entityRef = (e: { id: string; nameZh: string | null; nameEn: string } | undefined, id: string) => (e ? { id: e.id, nameZh: e.nameZh, nameEn: e.nameEn } : { id, nameZh: null, nameEn: id });
const trackView = (t: TrackRow): TTrack => ({ callId: t.callId, code: t.code as TGrantTrack, descriptionZh: t.descriptionZh, descriptionEn: t.descriptionEn, reviewForm: t.reviewForm as TTrack['reviewForm'], evaluationForm: t.evaluationForm as TTrack['evaluationForm'] });
const formIssues = (form: ScoringForm, at: string): FieldIssue[] => validateForm(form).map((i) => issue(`${at}.${i.path}`, i.code, i.message));

// ---------------------------------------------------------------- calls and tracks
export const createGrantCall = async (ctx: ServiceContext, centreId: string, input: TGrantCallInput): Promise<CallRow> => {
  requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const programme = await callsRepo.findProgramme(tx, input.call.programmeId);
    const issues: FieldIssue[] = [];
    if (!programme || programme.centreId !== centreId) issues.push(issue('call.programmeId', 'not_found', `no programme ${input.call.programmeId} in this centre`));
    else if (programme.kind !== 'grant') issues.push(issue('call.programmeId', 'not_grant_programme', 'grant calls belong to a programme of kind "grant"'));
    input.tracks.forEach((t, i) => issues.push(...formIssues(t.reviewForm, `tracks.${i}.reviewForm`), ...formIssues(t.evaluationForm, `tracks.${i}.evaluationForm`)));
    if (issues.length) throw invalid(issues);
    const call = await createCallInTx(tx, ctx, centreId, input.call);
    const rows: TrackRow[] = input.tracks.map((t) => ({ callId: call.id, code: t.code, descriptionZh: t.descriptionZh, descriptionEn: t.descriptionEn, reviewForm: t.reviewForm, evaluationForm: t.evaluationForm }));
    await repo.insertTracks(tx, rows);
    await audit(tx, ctx, centreId, 'grant_call.create', 'call', call.id, null, { tracks: rows });
    return call;
  });
};

export const listGrantCalls = async (ctx: ServiceContext, centreId: string): Promise<TGrantCallSummary[]> => {
  await getCentre(ctx.db, centreId);
  const officer = isOfficer(ctx.user, centreId);
  const rows = (await repo.listGrantCalls(ctx.db, centreId)).filter((r) => officer || isPublicCall(r.call.state));
  const ids = rows.map((r) => r.call.id);
  const [tracks, counts] = await Promise.all([repo.listTracks(ctx.db, ids), officer ? repo.trackCounts(ctx.db, ids) : Promise.resolve([])]);
  return rows.map(({ call, programme }) => ({
    id: call.id,
    programmeId: call.programmeId,
    programme,
    state: call.state,
    titleZh: call.titleZh,
    titleEn: call.titleEn,
    problem: call.problem,
    budget: call.budget,
    deadline: call.deadline,
    isSample: call.isSample,
    tracks: tracks.filter((t) => t.callId === call.id).map(trackView),
    applications: officer
      ? { free_exploration: counts.find((c) => c.callId === call.id && c.track === 'free_exploration')?.n ?? 0, task_oriented: counts.find((c) => c.callId === call.id && c.track === 'task_oriented')?.n ?? 0 }
      : null,
  }));
};

const findGrantCall = async (tx: ReadTx, ctx: ServiceContext, centreId: string, callId: string): Promise<{ call: CallRow; tracks: TrackRow[] }> => {
  const call = await callsRepo.findCall(tx, centreId, callId);
  const tracks = call ? await repo.listTracks(tx, [call.id]) : [];
  if (!call || tracks.length === 0 || !(isPublicCall(call.state) || isOfficer(ctx.user, centreId))) throw new AppError('NOT_FOUND', `No grant call ${callId}`);
  return { call, tracks };
};

export const getGrantCall = async (ctx: ServiceContext, centreId: string, callId: string): Promise<TGrantCallSummary> => {
  await findGrantCall(ctx.db, ctx, centreId, callId);
  const found = (await listGrantCalls(ctx, centreId)).find((c) => c.id === callId);
  if (!found) throw new AppError('NOT_FOUND', `No grant call ${callId}`);
  return found;
};

/** Apply on one of the call's tracks: the calls engine's draft application and the track, in one transaction. */
export const applyToGrant = async (ctx: ServiceContext, centreId: string, callId: string, input: TGrantApplicationInput): Promise<ApplicationRow> => {
  requireUser(ctx, centreId);
  const { call, tracks } = await findGrantCall(ctx.db, ctx, centreId, callId);
  if (!tracks.some((t) => t.code === input.track)) throw invalid([issue('track', 'track_not_offered', `this call does not offer the ${input.track} track`)]);
  return withWriteTx(ctx.db, async (tx) => {
    const app = await createApplication({ ...ctx, db: tx }, centreId, call.id, input.application);
    await repo.insertGrantApplication(tx, { applicationId: app.id, callId: call.id, centreId, track: input.track });
    await audit(tx, ctx, centreId, 'grant_application.create', 'call_application', app.id, null, { track: input.track });
    return app;
  });
};

// ---------------------------------------------------------------- review on the track's criteria

/**
 * A reviewer scores a grant application on the criteria of the track it chose.
 * It is the calls engine's review (the engine scores a grant application on its
 * track's form, checks conflicts again and moves the assignment through its
 * workflow); this route only refuses assignments that are not for a grant and
 * answers with the track.
 */
export const submitTrackReview = async (ctx: ServiceContext, centreId: string, assignmentId: string, sheet: { scores: Record<string, number>; comments: Record<string, string> }) => {
  requireUser(ctx, centreId);
  const a = await callsRepo.findAssignment(ctx.db, assignmentId);
  const grant = a ? await repo.findGrantApplication(ctx.db, a.applicationId) : undefined;
  if (!a || !grant || grant.centreId !== centreId) throw new AppError('NOT_FOUND', `No grant review assignment ${assignmentId}`);
  const result = await submitReview(ctx, centreId, assignmentId, sheet);
  return { ...result, track: grant.track as TGrantTrack };
};

/** The panel's view per track: each application aggregated on its own track's criteria and ranked within the track. */
export const trackRanking = async (ctx: ServiceContext, centreId: string, callId: string) => {
  requireOfficer(ctx, centreId);
  const { call, tracks } = await findGrantCall(ctx.db, ctx, centreId, callId);
  const grants = new Map((await repo.listGrantApplicationsOfCall(ctx.db, call.id)).map((g) => [g.applicationId, g]));
  const apps = (await callsRepo.listApplicationsOfCall(ctx.db, call.id)).filter((a) => grants.has(a.id) && !['draft', 'withdrawn'].includes(a.state));
  const assignments = (await callsRepo.listAssignmentsOfCall(ctx.db, call.id)).filter((a) => a.state === 'completed');
  const reviews = await callsRepo.listReviews(ctx.db, assignments.map((a) => a.id));
  const items = [];
  for (const t of tracks) {
    const mine = apps.filter((a) => grants.get(a.id)?.track === t.code);
    const aggs = new Map(
      mine.map((a) => {
        const ids = new Set(assignments.filter((x) => x.applicationId === a.id).map((x) => x.id));
        return [a.id, aggregate(t.reviewForm as ScoringForm, reviews.filter((r) => ids.has(r.assignmentId)))];
      }),
    );
    for (const r of rankByScore(mine.map((a) => ({ id: a.id, score: aggs.get(a.id)?.total ?? null })))) {
      const a = mine.find((x) => x.id === r.id) as ApplicationRow;
      const agg = aggs.get(r.id);
      items.push({ applicationId: r.id, title: a.title, state: a.state, track: t.code as TGrantTrack, total: r.score, passed: agg?.passed ?? null, rank: r.rank, tied: r.tied, reviews: agg?.n ?? 0 });
    }
  }
  return items;
};

// ---------------------------------------------------------------- projects
type Loaded = { app: ApplicationRow; call: CallRow; grant: GrantApplicationRow; track: TrackRow; officer: boolean; team: boolean };

/** A grant project as its team or an officer sees it; anyone else gets 404. */
const loadProject = async (tx: ReadTx, ctx: ServiceContext, centreId: string, applicationId: string): Promise<Loaded> => {
  const user = requireUser(ctx, centreId);
  const app = await callsRepo.findApplication(tx, applicationId);
  const call = app ? await callsRepo.findCallById(tx, app.callId) : undefined;
  const grant = app ? await repo.findGrantApplication(tx, app.id) : undefined;
  const officer = isOfficer(user, centreId);
  const team = !!app && isApplicant(user, app);
  if (!app || !call || !grant || call.centreId !== centreId || !(officer || team)) throw new AppError('NOT_FOUND', `No grant project ${applicationId}`);
  const track = (await repo.listTracks(tx, [call.id])).find((t) => t.code === grant.track);
  if (!track) throw new AppError('NOT_FOUND', `No grant project ${applicationId}`);
  return { app, call, grant, track, officer, team };
};

const AWARDED = new Set(['awarded', 'completed']);
const requireAwarded = (l: Loaded, path: string): void => {
  if (!AWARDED.has(l.app.state)) throw conflict('Only an awarded project has a lump sum, co-funding and a final report', [issue(path, 'not_awarded', `the application is ${l.app.state}`)]);
};

const fundingView = (f: repo.FundingRow, funders: Map<string, { id: string; nameZh: string | null; nameEn: string }>) => ({
  id: f.id,
  applicationId: f.applicationId,
  level: f.level as TProject['funding'][number]['level'],
  nature: f.nature as TProject['funding'][number]['nature'],
  funderEntityId: f.funderEntityId,
  funder: f.funderEntityId ? entityRef(funders.get(f.funderEntityId), f.funderEntityId) : null,
  funderName: f.funderName,
  amount: toYuan(f.amountFen),
  year: f.year,
  note: f.note,
  isSample: f.isSample,
  recordedAt: f.recordedAt,
});

const outputsView = async (tx: ReadTx, rows: OutputRow[]): Promise<TOutput[]> => {
  const [pats, people] = await Promise.all([repo.findPatents(tx, rows.flatMap((o) => (o.patentId ? [o.patentId] : []))), callsRepo.findEntities(tx, rows.flatMap((o) => (o.personEntityId ? [o.personEntityId] : [])))]);
  const patentOf = new Map(pats.map((p) => [p.id, p]));
  const personOf = new Map(people.map((p) => [p.id, p]));
  return rows.map((o) => {
    const p = o.patentId ? patentOf.get(o.patentId) : undefined;
    return {
      id: o.id,
      kind: o.kind as TOutput['kind'],
      title: o.title,
      doi: o.doi,
      patentNumber: o.patentNumber,
      patent: p ? { id: p.id, title: p.title, legalStatus: p.legalStatus } : null,
      url: o.url,
      person: o.personEntityId ? entityRef(personOf.get(o.personEntityId), o.personEntityId) : null,
      year: o.year,
    };
  });
};

export const getProject = async (ctx: ServiceContext, centreId: string, applicationId: string): Promise<TProject> => {
  const l = await loadProject(ctx.db, ctx, centreId, applicationId);
  const [funding, report, outputs, leads] = await Promise.all([repo.listFunding(ctx.db, l.app.id), repo.findReport(ctx.db, l.app.id), repo.listOutputs(ctx.db, l.app.id), repo.leadOf(ctx.db, [l.app.id])]);
  const funders = new Map((await callsRepo.findEntities(ctx.db, funding.flatMap((f) => (f.funderEntityId ? [f.funderEntityId] : [])))).map((e) => [e.id, e]));
  const outs = await outputsView(ctx.db, outputs);
  const commitments = l.grant.commitments ?? null;
  return {
    applicationId: l.app.id,
    callId: l.call.id,
    title: l.app.title,
    state: l.app.state,
    track: l.grant.track as TGrantTrack,
    lead: leads.get(l.app.id) ?? null,
    call: { titleZh: l.call.titleZh, titleEn: l.call.titleEn, isSample: l.call.isSample, programmeId: l.call.programmeId },
    lumpSum: AWARDED.has(l.app.state) ? l.app.awardAmount : null,
    currency: l.call.currency,
    funding: funding.map((f) => fundingView(f, funders)),
    commitments,
    report: report
      ? {
          state: report.state as 'submitted' | 'evaluated',
          summary: report.summary,
          submittedAt: report.submittedAt,
          outputs: outs,
          gap: commitments ? outputGap(commitments, outs) : null,
          evaluation: report.evaluationTotal !== null && report.evaluatedAt ? { total: report.evaluationTotal, scores: report.evaluationScores ?? {}, comments: report.evaluationComments ?? {}, evaluatedAt: report.evaluatedAt } : null,
          version: report.version,
        }
      : null,
    evaluationForm: l.track.evaluationForm as TProject['evaluationForm'],
    can: { manage: l.officer, team: l.team },
    version: l.grant.version,
  };
};

/** Awarded grant projects: all of the centre's for officers, one's own organisation's for applicants. */
export const listProjects = async (ctx: ServiceContext, centreId: string) => {
  const user = requireUser(ctx, centreId);
  const officer = isOfficer(user, centreId);
  if (!officer && !user.organisationId) return { items: [], rejected: null };
  const rows = await repo.listProjects(ctx.db, centreId, officer ? null : user.organisationId);
  const visible = officer ? rows : rows.filter((r) => isApplicant(user, r.app));
  const ids = visible.map((r) => r.app.id);
  const [leads, rejected] = await Promise.all([repo.leadOf(ctx.db, ids), officer ? repo.rejectionCounts(ctx.db, ids) : Promise.resolve(null)]);
  return {
    items: visible.map((r) => ({
      applicationId: r.app.id,
      callId: r.call.id,
      title: r.app.title,
      track: r.grant.track as TGrantTrack,
      state: r.app.state,
      lead: leads.get(r.app.id) ?? null,
      lumpSum: r.app.awardAmount,
      spent: toYuan(r.grant.spentFen),
      reportState: (r.reportState ?? null) as 'submitted' | 'evaluated' | null,
      isSample: r.call.isSample,
      rejectedAttempts: rejected ? (rejected.get(r.app.id) ?? 0) : null,
    })),
  };
};

// ---------------------------------------------------------------- co-funding
export const addFunding = async (ctx: ServiceContext, centreId: string, applicationId: string, input: TFundingInput) => {
  requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const l = await loadProject(tx, ctx, centreId, applicationId);
    requireAwarded(l, 'applicationId');
    if (input.funderEntityId) {
      const [e] = await repo.findActiveEntities(tx, centreId, [input.funderEntityId]);
      if (!e) throw invalid([issue('funderEntityId', 'not_found', `no active registry record ${input.funderEntityId} in this centre`)]);
      if (e.category === 'person') throw invalid([issue('funderEntityId', 'not_an_organisation', 'a funder is an organisation or an authority, not a person')]);
    }
    const row = await repo.insertFunding(tx, { id: randomUUID(), centreId, applicationId: l.app.id, level: input.level, nature: input.nature, funderEntityId: input.funderEntityId, funderName: input.funderName, amountFen: toFen(input.amount), year: input.year, note: input.note, isSample: l.call.isSample, recordedBy: ctx.user?.id ?? null, recordedAt: ctx.now });
    await audit(tx, ctx, centreId, 'grant_funding.create', 'grant_funding_source', row.id, null, row);
    const funders = new Map((await callsRepo.findEntities(tx, row.funderEntityId ? [row.funderEntityId] : [])).map((e) => [e.id, e]));
    return fundingView(row, funders);
  });
};

/** Fiscal and external money per programme and year, and for the centre's grants as a whole, beside the published figures. */
export const fundingSummary = async (ctx: ServiceContext, centreId: string) => {
  await getCentre(ctx.db, centreId);
  const [records, published, units] = await Promise.all([repo.fundingRecords(ctx.db, centreId), publishedFigures(ctx.db, centreId, [{ prefix: 'nsf_' }, { codes: ['lump_sum_supporting_units'] }]), repo.supportingUnits(ctx.db, centreId)]);
  const base = records.map((r) => ({ id: r.id, year: r.year, nature: r.nature as 'fiscal' | 'external', amount: toYuan(r.amountFen), isSample: r.isSample }));
  const titles = new Map(records.map((r) => [r.programmeId, { titleZh: r.programmeTitleZh, titleEn: r.programmeTitleEn }]));
  const byProgramme = fundingRatios(base.map((r, i) => ({ ...r, group: (records[i] as (typeof records)[number]).programmeId }))).map((c) => ({ ...cell(c), programme: titles.get(c.group as string) ?? { titleZh: null, titleEn: c.group as string } }));
  const centre = fundingRatios(base.map((r) => ({ ...r, group: null }))).map(cell);
  return { byProgramme, centre, published, supportingUnits: { count: units.length, records: units } };
};
const cell = (c: ReturnType<typeof fundingRatios>[number]) => ({ programmeId: c.group, year: c.year, fiscal: c.fiscal, external: c.external, externalPerFiscal: c.externalPerFiscal, label: c.label, records: c.records, isSample: c.isSample });

// ---------------------------------------------------------------- negative list
const listVersionsWithItems = async (tx: ReadTx, centreId: string): Promise<{ rows: ListVersionRow[]; items: ListItemRow[]; versions: ListVersion[] }> => {
  const rows = await repo.listVersions(tx, centreId);
  const items = await repo.listItems(tx, rows.map((r) => r.id));
  const versions = rows.map((r) => ({ id: r.id, number: r.number, effectiveFrom: r.effectiveFrom, items: items.filter((i) => i.versionId === r.id) }));
  return { rows, items, versions };
};

export const listNegativeLists = async (ctx: ServiceContext, centreId: string): Promise<TNegativeListVersion[]> => {
  await getCentre(ctx.db, centreId);
  const { rows, versions } = await listVersionsWithItems(ctx.db, centreId);
  const current = versionInForce(versions, await centreDay(ctx.db, centreId, ctx.now));
  return rows.map((r) => {
    const v = versions.find((x) => x.id === r.id) as ListVersion;
    return {
      id: r.id,
      number: r.number,
      effectiveFrom: r.effectiveFrom,
      effectiveTo: effectiveTo(versions, v),
      inForce: current?.id === r.id,
      noteZh: r.noteZh,
      noteEn: r.noteEn,
      sourceTitle: r.sourceTitle,
      publishedAt: r.publishedAt,
      items: v.items.map((i) => ({ code: i.code, nameZh: i.nameZh, nameEn: i.nameEn, explanationZh: i.explanationZh, explanationEn: i.explanationEn })),
    };
  });
};

/**
 * Publish the next version of the negative list. Versions are never changed:
 * a correction is a new version. It may not take effect before the newest
 * version does (history is not rewritten), nor before today.
 */
export const publishNegativeList = async (ctx: ServiceContext, centreId: string, input: TNegativeListInput) => {
  requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const { versions } = await listVersionsWithItems(tx, centreId);
    const latest = versions.reduce<ListVersion | null>((a, v) => (!a || v.effectiveFrom > a.effectiveFrom ? v : a), null);
    if (input.effectiveFrom < (await centreDay(tx, centreId, ctx.now))) throw invalid([issue('effectiveFrom', 'effective_in_past', 'a new version takes effect today or later; earlier expenses stay judged by the version then in force')]);
    if (latest && input.effectiveFrom < latest.effectiveFrom) throw invalid([issue('effectiveFrom', 'before_latest_version', `version ${latest.number} takes effect on ${latest.effectiveFrom}; a new version cannot take effect before it`, { latest: latest.number })]);
    const number = await repo.nextVersionNumber(tx, centreId);
    const id = randomUUID();
    const row: ListVersionRow = { id, centreId, number, effectiveFrom: input.effectiveFrom, noteZh: input.noteZh, noteEn: input.noteEn, sourceTitle: input.sourceTitle, publishedBy: ctx.user?.id ?? null, publishedAt: ctx.now };
    const items: ListItemRow[] = input.items.map((it, position) => ({ versionId: id, position, ...it }));
    await repo.insertVersion(tx, row, items);
    await audit(tx, ctx, centreId, 'negative_list.publish', 'negative_list_version', id, null, { ...row, items });
    return { id, number, effectiveFrom: input.effectiveFrom };
  });
};

// ---------------------------------------------------------------- lump-sum ledger
const categoriesOf = (versions: ListVersion[]): string[] => [...EXPENSE_CATEGORIES, ...new Set(versions.flatMap((v) => v.items.map((i) => i.code)))];

export const getLedger = async (ctx: ServiceContext, centreId: string, applicationId: string): Promise<TLedger> => {
  const l = await loadProject(ctx.db, ctx, centreId, applicationId);
  const [expenses, rejections, { rows, versions }] = await Promise.all([repo.listExpenses(ctx.db, l.app.id), repo.listRejections(ctx.db, l.app.id), listVersionsWithItems(ctx.db, centreId)]);
  const numberOf = new Map(rows.map((r) => [r.id, r.number]));
  const lumpSum = AWARDED.has(l.app.state) ? l.app.awardAmount : null;
  return {
    applicationId: l.app.id,
    lumpSum,
    currency: l.call.currency,
    spent: toYuan(l.grant.spentFen),
    remaining: lumpSum === null ? null : toYuan(toFen(lumpSum) - l.grant.spentFen),
    expenses: expenses.map((e) => ({ id: e.id, spentOn: e.spentOn, category: e.category, amount: toYuan(e.amountFen), description: e.description, listVersion: e.listVersionId ? (numberOf.get(e.listVersionId) ?? null) : null, recordedAt: e.recordedAt, balanceAfter: toYuan(e.balanceAfterFen) })),
    rejectedCount: rejections.length,
    rejected: l.officer
      ? rejections.map((r) => ({ id: r.id, spentOn: r.spentOn, category: r.category, amount: toYuan(r.amountFen), description: r.description, reason: r.reason as 'negative_list' | 'over_lump_sum', listVersion: r.listVersionId ? (numberOf.get(r.listVersionId) ?? null) : null, itemCode: r.itemCode, attemptedAt: r.attemptedAt }))
      : null,
    canRecord: l.team && l.app.state === 'awarded',
    categories: categoriesOf(versions),
  };
};

/**
 * Record an expense against the lump sum. It is checked now, not at audit:
 * a category on the negative list in force on the day it was spent, or more
 * than what remains, is refused at once (422) with the list version and item
 * that forbid it. The refused attempt is kept for oversight and audited.
 */
export const recordExpense = async (ctx: ServiceContext, centreId: string, applicationId: string, input: TExpenseInput) => {
  requireUser(ctx, centreId);
  const result = await withWriteTx(ctx.db, async (tx) => {
    const l = await loadProject(tx, ctx, centreId, applicationId);
    if (!l.team) throw new AppError('FORBIDDEN', 'The project team records its expenses');
    if (l.app.state !== 'awarded') throw conflict('Expenses are recorded while the project runs', [issue('applicationId', 'not_running', `the application is ${l.app.state}`)]);
    const { versions } = await listVersionsWithItems(tx, centreId);
    if (!categoriesOf(versions).includes(input.category)) throw invalid([issue('category', 'unknown_category', `no expenditure category ${input.category}`)]);
    const lumpSum = l.app.awardAmount ?? 0;
    const verdict = checkExpense({ lumpSum, spent: toYuan(l.grant.spentFen), versions, attempt: input });
    if (!verdict.ok) {
      const first = verdict.refusals[0] as (typeof verdict.refusals)[number];
      const id = randomUUID();
      await repo.insertRejection(tx, { id, centreId, applicationId: l.app.id, spentOn: input.spentOn, category: input.category, amountFen: toFen(input.amount), description: input.description, reason: first.reason, listVersionId: verdict.version?.id ?? null, itemCode: first.reason === 'negative_list' ? first.item.code : null, attemptedBy: ctx.user?.id ?? null, attemptedAt: ctx.now });
      await audit(tx, ctx, centreId, 'grant_expense.reject', 'grant_expense_rejection', id, null, { applicationId: l.app.id, ...input, refusals: verdict.refusals });
      return { expense: null, refused: verdict.refusals, version: verdict.version, versionsById: versions };
    }
    const spentFen = l.grant.spentFen + toFen(input.amount);
    const updated = await repo.updateGrantApplication(tx, l.app.id, l.grant.version, { spentFen });
    if (!updated) throw staleVersion('The ledger');
    const id = randomUUID();
    const row = { id, centreId, applicationId: l.app.id, spentOn: input.spentOn, category: input.category, amountFen: toFen(input.amount), description: input.description, listVersionId: verdict.version?.id ?? null, balanceAfterFen: toFen(lumpSum) - spentFen, recordedBy: ctx.user?.id ?? null, recordedAt: ctx.now };
    await repo.insertExpense(tx, row);
    await audit(tx, ctx, centreId, 'grant_expense.record', 'grant_expense', id, null, row);
    return { expense: { id, ...input, listVersion: verdict.version?.number ?? null, recordedAt: ctx.now, balanceAfter: toYuan(row.balanceAfterFen) } };
  });
  if (result.expense) return result.expense;
  // The refused attempt is on record (its transaction committed); now explain the refusal at the fields.
  const effective = result.version ? result.versionsById.find((v) => v.id === result.version?.id) : undefined;
  const fields = result.refused.map((r) =>
    r.reason === 'negative_list'
      ? issue('category', 'negative_list', `“${r.item.nameEn}” is on the negative list (version ${r.version}, in force from ${effective?.effectiveFrom ?? '?'}): ${r.item.explanationEn}`, {
          listVersion: r.version,
          effectiveFrom: effective?.effectiveFrom ?? null,
          item: r.item,
        })
      : issue('amount', 'over_lump_sum', `the expense (${r.amount}) exceeds what remains of the lump sum (${r.remaining})`, { remaining: r.remaining, lumpSum: r.lumpSum }),
  );
  throw new AppError('UNPROCESSABLE', 'The expense is refused; see details.fields', { fields });
};

// ---------------------------------------------------------------- commitments, final report, evaluation
export const declareCommitments = async (ctx: ServiceContext, centreId: string, applicationId: string, commitments: TOutputCommitments, version: number) => {
  requireUser(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const l = await loadProject(tx, ctx, centreId, applicationId);
    requireAwarded(l, 'applicationId');
    if (l.grant.commitments) throw conflict('Output commitments are declared once, at award', [issue('commitments', 'already_declared', 'the commitments are on record')]);
    if (await repo.findReport(tx, l.app.id)) throw conflict('The final report is in; commitments come before it', [issue('commitments', 'report_submitted', 'the final report was already submitted')]);
    const updated = await repo.updateGrantApplication(tx, l.app.id, version, { commitments });
    if (!updated) throw staleVersion('The project');
    await audit(tx, ctx, centreId, 'grant_commitments.declare', 'call_application', l.app.id, null, commitments);
    return { version: updated.version };
  });
};

/**
 * The final report of a lump-sum grant: a summary and the outputs, nothing
 * financial. Patents link to the registry's patent records by number where
 * they are there; talents trained are people of the registry. A report may be
 * replaced (send its version) until it is evaluated.
 */
export const submitFinalReport = async (ctx: ServiceContext, centreId: string, applicationId: string, input: TFinalReportInput, version: number | undefined) => {
  requireUser(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const l = await loadProject(tx, ctx, centreId, applicationId);
    if (!l.team) throw new AppError('FORBIDDEN', 'The project team submits its final report');
    requireAwarded(l, 'applicationId');
    const issues: FieldIssue[] = [];
    const numbers: (string | null)[] = input.outputs.map((o, i) => {
      if (o.kind !== 'patent' || !o.patentNumber) return null;
      const parsed = parsePatentNumber(o.patentNumber);
      if (!parsed.ok) {
        issues.push(issue(`outputs.${i}.patentNumber`, parsed.problem === 'check_digit' ? 'patent_check_digit' : 'patent_number_invalid', parsed.problem === 'check_digit' ? `the check digit should be ${parsed.expected}` : 'not a Chinese patent application number (e.g. 202310123456.7)'));
        return null;
      }
      return parsed.number;
    });
    const personIds = input.outputs.flatMap((o) => (o.personEntityId ? [o.personEntityId] : []));
    const people = new Map((await repo.findActiveEntities(tx, centreId, personIds)).map((e) => [e.id, e]));
    input.outputs.forEach((o, i) => {
      if (!o.personEntityId) return;
      const p = people.get(o.personEntityId);
      if (!p) issues.push(issue(`outputs.${i}.personEntityId`, 'not_found', `no active registry record ${o.personEntityId} in this centre`));
      else if (p.category !== 'person') issues.push(issue(`outputs.${i}.personEntityId`, 'not_a_person', 'a talent trained is a person of the registry'));
    });
    if (issues.length) throw invalid(issues);
    const pats = new Map((await repo.findPatentsByNumber(tx, centreId, numbers.filter((n): n is string => !!n))).map((p) => [p.number, p]));
    const before = await repo.findReport(tx, l.app.id);
    if (before?.state === 'evaluated') throw conflict('The report has been evaluated; it stays as evaluated', [issue('state', 'report_evaluated', 'the final report is evaluated')]);
    let report;
    if (before) {
      if (version === undefined || version !== before.version) throw staleVersion('The final report');
      report = await repo.updateReport(tx, l.app.id, before.version, { summary: input.summary, submittedBy: ctx.user?.id ?? null, submittedAt: ctx.now });
      if (!report) throw staleVersion('The final report');
    } else {
      report = await repo.insertReport(tx, { applicationId: l.app.id, state: 'submitted', summary: input.summary, submittedBy: ctx.user?.id ?? null, submittedAt: ctx.now });
    }
    const rows: OutputRow[] = input.outputs.map((o, position) => {
      const n = numbers[position] ?? null;
      return { id: randomUUID(), applicationId: l.app.id, position, kind: o.kind, title: o.title, doi: o.doi, patentNumber: n, patentId: n ? (pats.get(n)?.id ?? null) : null, url: o.url, personEntityId: o.personEntityId, year: o.year };
    });
    await repo.replaceOutputs(tx, l.app.id, rows);
    await audit(tx, ctx, centreId, before ? 'grant_report.resubmit' : 'grant_report.submit', 'grant_final_report', l.app.id, before ?? null, { ...report, outputs: rows });
    return { version: report.version, outputs: rows.length, linkedPatents: rows.filter((r) => r.patentId).length };
  });
};

/** The end-of-project evaluation: an officer scores the report on the track's evaluation criteria. */
export const evaluateReport = async (ctx: ServiceContext, centreId: string, applicationId: string, sheet: { scores: Record<string, number>; comments: Record<string, string> }, version: number) => {
  requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const l = await loadProject(tx, ctx, centreId, applicationId);
    const report = await repo.findReport(tx, l.app.id);
    if (!report) throw conflict('There is no final report to evaluate yet', [issue('state', 'report_missing', 'the team has not submitted its final report')]);
    if (report.state === 'evaluated') throw conflict('The report is already evaluated', [issue('state', 'report_evaluated', 'evaluated once')]);
    const form = l.track.evaluationForm as ScoringForm;
    const problems = validateSheet(form, sheet);
    if (problems.length) throw invalid(problems.map((p) => issue(p.path, p.code, p.message)));
    const total = sheetTotal(form, sheet);
    const updated = await repo.updateReport(tx, l.app.id, version, { state: 'evaluated', evaluationScores: sheet.scores, evaluationComments: sheet.comments, evaluationTotal: total, evaluatedBy: ctx.user?.id ?? null, evaluatedAt: ctx.now });
    if (!updated) throw staleVersion('The final report');
    await audit(tx, ctx, centreId, 'grant_report.evaluate', 'grant_final_report', l.app.id, { state: report.state }, { state: 'evaluated', track: l.track.code, total, scores: sheet.scores });
    return { total, version: updated.version };
  });
};

/** Records the derivation reads: per programme and year, fiscal and external co-funding (records behind every figure). */
export const grantFundingRecords = (tx: ReadTx, centreId: string) => repo.fundingRecords(tx, centreId);
