import { isOrganisationCategory } from '../../../shared/schemas/entities.js';
import { randomUUID } from 'node:crypto';
import { canonicalPatentNumber, contractFamily, patentNumberProblem, type TechContractType } from '../../../core/contracts/index.js';
import { ACHIEVEMENT_TRANSITIONS, DEFAULT_GRANT_DAYS, NEED_TRANSITIONS, rankMatches, type AccessDecision, type AccessRequestState, type AchievementAction, type AchievementStage, type AchievementState, type AvailabilityMode, type DetailViewBasis, type NeedAction, type NeedState, type TechnicalField } from '../../../core/achievements/index.js';
import { roleHasPermission } from '../../../shared/access.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { TAccessRequest, TAchievement, TAchievementInput, TAchievementSummary, TNeed, TNeedInput } from '../../../shared/schemas/achievements.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { topicWords } from '../../../db/search-text.js';
import { withWriteTx, type ReadTx, type WriteTx } from '../../../db/tx.js';
import type { ServiceContext, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { createCallInTx } from '../calls/calls.service.js';
import * as repo from './achievements.repository.js';
import type { AccessRequestRow, AchievementRow, EntityBrief, Links, NeedRow } from './achievements.repository.js';

/**
 * S&T achievements and technology needs. The public sees published
 * summaries; the confidential detail goes only to owners' members, officers
 * and holders of a live grant, and every such read is logged for the owners.
 * Enterprises post needs, which are matched against the published pool
 * (core/achievements) and may be turned into a 揭榜挂帅 call draft.
 */

// ---------------------------------------------------------------- helpers
const issue = (path: string, reason: string, message: string): FieldIssue => ({ in: 'body', path, reason, message });
const invalid = (fields: FieldIssue[], what = 'The record'): AppError => new AppError('VALIDATION_FAILED', `${what} is not valid; see details.fields`, { fields });
const stale = (): AppError => new AppError('CONFLICT', 'It changed meanwhile; reload and try again', { fields: [issue('version', 'stale_version', 'someone else changed it first')] });
const audit = (tx: WriteTx, ctx: ServiceContext, centreId: string, action: string, entityType: string, entityId: string, before: unknown, after: unknown) =>
  appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action, entityType, entityId, centreId, before, after, requestId: ctx.requestId });
const requireUser = (ctx: ServiceContext): SessionUser => {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.user;
};
const inCentre = (user: SessionUser | null, centreId: string): boolean => !!user && (user.centreId === null || user.centreId === centreId);
const isOfficer = (user: SessionUser | null, centreId: string): boolean => !!user && roleHasPermission(user.role, 'achievements:manage') && inCentre(user, centreId);
const isOwnerMember = (user: SessionUser | null, ownerIds: readonly string[]): boolean => !!user && roleHasPermission(user.role, 'achievements:write') && user.organisationId !== null && ownerIds.includes(user.organisationId);
const isEnterpriseMember = (user: SessionUser | null, enterpriseId: string): boolean => !!user && roleHasPermission(user.role, 'needs:post') && user.organisationId === enterpriseId;
/** A granted request that has not lapsed. At most one request per person is live (unique index), so the latest one tells. */
const isLiveGrant = (r: AccessRequestRow | undefined, now: Date): boolean => !!r && r.state === 'granted' && (r.expiresAt === null || r.expiresAt > now);

/** Organisations, not people or records: what may own an achievement, be spun off, or post a need. */

/** Segmented words (jieba precise mode, the shared instance), each once: what search and matching read. */
const wordsOf = (...texts: (string | null | undefined)[]): string[] => [...new Set(texts.flatMap((t) => (t ? topicWords(t) : [])))];

const org = (e: EntityBrief | undefined, id: string) => ({ id, nameZh: e?.nameZh ?? null, nameEn: e?.nameEn ?? id });

// ---------------------------------------------------------------- achievements: reading
const summaryOf = (row: AchievementRow, links: Links, names: Map<string, EntityBrief>): TAchievementSummary => ({
  id: row.id,
  state: row.state as AchievementState,
  titleZh: row.titleZh,
  titleEn: row.titleEn,
  summary: row.summary,
  field: row.field as TechnicalField,
  trl: row.trl,
  stage: row.stage as AchievementStage,
  keywords: row.keywords,
  availability: row.availability as AvailabilityMode[],
  owners: links.owners.map((o) => ({ ...org(names.get(o.entityId), o.entityId), share: o.share })),
  publishedAt: row.publishedAt?.toISOString() ?? null,
  updatedAt: row.updatedAt.toISOString(),
  isSample: row.isSample,
});

const summaries = async (tx: ReadTx, rows: AchievementRow[]): Promise<TAchievementSummary[]> => {
  const links = await repo.linksOf(tx, rows.map((r) => r.id));
  const names = await repo.findEntities(tx, [...links.values()].flatMap((l) => l.owners.map((o) => o.entityId)));
  return rows.map((r) => summaryOf(r, links.get(r.id) as Links, names));
};

/** An achievement the caller may see: published ones to anyone, drafts and withdrawn ones to owners' members and officers; otherwise 404. */
const visibleAchievement = async (tx: ReadTx, ctx: ServiceContext, centreId: string, id: string): Promise<{ row: AchievementRow; links: Links }> => {
  const row = await repo.findAchievement(tx, centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No achievement ${id}`);
  const links = (await repo.linksOf(tx, [id])).get(id) as Links;
  if (row.state !== 'published' && !isOfficer(ctx.user, centreId) && !isOwnerMember(ctx.user, links.owners.map((o) => o.entityId))) throw new AppError('NOT_FOUND', `No achievement ${id}`);
  return { row, links };
};

const toAchievement = async (tx: ReadTx, ctx: ServiceContext, row: AchievementRow, links: Links): Promise<TAchievement> => {
  const ownerIds = links.owners.map((o) => o.entityId);
  const [names, contracts, patents] = [
    await repo.findEntities(tx, [...ownerIds, ...links.inventors.map((i) => i.entityId), ...links.spinoffs]),
    await repo.findContracts(tx, row.centreId, links.contracts),
    await repo.patentFacts(tx, row.centreId, links.patents),
  ];
  const user = ctx.user;
  const owner = isOwnerMember(user, ownerIds);
  const officer = isOfficer(user, row.centreId);
  const mine = user && !owner && !officer ? await repo.latestRequestOf(tx, row.id, user.id) : undefined;
  const grant = isLiveGrant(mine, ctx.now);
  const canEdit = owner || officer;
  // Contracts are confidential to their parties: others see only registered ones, and only their type.
  const seeContract = (c: { state: string; sellerId: string; buyerEntityId: string | null }) => officer || c.state === 'registered' || (!!user?.organisationId && (user.organisationId === c.sellerId || user.organisationId === c.buyerEntityId));
  return {
    ...summaryOf(row, links, names),
    inventors: links.inventors.map((i) => ({ ...org(names.get(i.entityId), i.entityId), contribution: i.contribution })),
    patents: links.patents.map((n) => ({ number: n, title: patents.get(n)?.title ?? null, status: patents.get(n)?.status ?? null })),
    contracts: contracts.filter(seeContract).map((c) => ({ id: c.id, title: c.title, type: c.type, kind: contractFamily(c.type as TechContractType) === 'licensing' ? ('licence' as const) : ('contract' as const), state: c.state, registrationNumber: c.registrationNumber })),
    spinoffs: links.spinoffs.map((s) => org(names.get(s), s)),
    hasDetail: !!row.confidentialDetail,
    access: {
      canEdit,
      // Officers curate the record and see the log, but only an owner's member decides who reads the secret.
      canDecide: owner,
      canReadDetail: owner || officer || grant,
      canRequest: !!user && !owner && !officer && row.state === 'published' && !!row.confidentialDetail && mine?.state !== 'requested' && !grant,
      myRequest: mine ? { id: mine.id, state: mine.state as AccessRequestState, expiresAt: mine.expiresAt?.toISOString() ?? null } : null,
    },
    actions: canEdit ? (Object.keys(ACHIEVEMENT_TRANSITIONS) as AchievementAction[]).filter((a) => ACHIEVEMENT_TRANSITIONS[a].from.includes(row.state as AchievementState)) : [],
    version: row.version,
  };
};

export const getAchievement = async (ctx: ServiceContext, centreId: string, id: string): Promise<TAchievement> => {
  const { row, links } = await visibleAchievement(ctx.db, ctx, centreId, id);
  return toAchievement(ctx.db, ctx, row, links);
};

export const listAchievements = async (ctx: ServiceContext, centreId: string, q: { q?: string | undefined; field?: string | undefined; trlMin?: number | undefined; availability?: string | undefined; state?: AchievementState | undefined; mine: 'true' | 'false'; limit: number; offset: number }) => {
  const user = ctx.user;
  const officer = isOfficer(user, centreId);
  const mine = q.mine === 'true' && !!user?.organisationId && roleHasPermission(user.role, 'achievements:write');
  // The public sees what is published; owners their own in any state; officers everything.
  const states = officer || mine ? (q.state ? [q.state] : ['draft', 'published', 'withdrawn']) : ['published'];
  const terms = q.q ? wordsOf(q.q.toLowerCase()).slice(0, 8) : undefined;
  const { rows, total } = await repo.listAchievements(ctx.db, { centreId, states, ownerIds: mine ? [user?.organisationId as string] : undefined, field: q.field, trlMin: q.trlMin, availability: q.availability, terms }, q.limit, q.offset);
  return { items: await summaries(ctx.db, rows), total };
};

// ---------------------------------------------------------------- achievements: writing
/** Check the links against the registry and the contracts; every problem at its field. */
const resolveLinks = async (tx: ReadTx, centreId: string, input: TAchievementInput): Promise<{ links: Links; issues: FieldIssue[] }> => {
  const issues: FieldIssue[] = [];
  const ids = [...input.owners.map((o) => o.entityId), ...input.inventors.map((i) => i.entityId), ...input.spinoffIds];
  const found = await repo.findEntities(tx, ids);
  const ok = (id: string) => {
    const e = found.get(id);
    return e && e.centreId === centreId && e.status === 'active' ? e : undefined;
  };
  const dupes = (list: string[], path: string) => list.forEach((id, i) => list.indexOf(id) !== i && issues.push(issue(`${path}.${i}`, 'duplicate', `${id} is listed twice`)));
  input.owners.forEach((o, i) => {
    const e = ok(o.entityId);
    if (!e) issues.push(issue(`owners.${i}.entityId`, 'unknown_entity', `no active record ${o.entityId} in this centre's registry`));
    else if (!isOrganisationCategory(e.category)) issues.push(issue(`owners.${i}.entityId`, 'not_an_organisation', 'an owner must be an organisation'));
  });
  dupes(input.owners.map((o) => o.entityId), 'owners');
  const shares = input.owners.map((o) => o.share).filter((s): s is number => s !== null);
  if (shares.reduce((a, b) => a + b, 0) > 1 + 1e-9) issues.push(issue('owners', 'shares_exceed_one', 'the owners’ shares add up to more than 100 %'));
  input.inventors.forEach((p, i) => {
    const e = ok(p.entityId);
    if (!e) issues.push(issue(`inventors.${i}.entityId`, 'unknown_entity', `no active record ${p.entityId} in this centre's registry`));
    else if (e.category !== 'person') issues.push(issue(`inventors.${i}.entityId`, 'not_a_person', 'an inventor must be a person of the registry'));
  });
  dupes(input.inventors.map((p) => p.entityId), 'inventors');
  input.spinoffIds.forEach((id, i) => {
    const e = ok(id);
    if (!e) issues.push(issue(`spinoffIds.${i}`, 'unknown_entity', `no active record ${id} in this centre's registry`));
    else if (!isOrganisationCategory(e.category)) issues.push(issue(`spinoffIds.${i}`, 'not_an_organisation', 'a spin-off must be an organisation'));
  });
  dupes(input.spinoffIds, 'spinoffIds');
  const contracts = new Map((await repo.findContracts(tx, centreId, input.contractIds)).map((c) => [c.id, c]));
  input.contractIds.forEach((id, i) => {
    if (!contracts.has(id)) issues.push(issue(`contractIds.${i}`, 'unknown_contract', `no technology contract ${id} in this centre`));
  });
  dupes(input.contractIds, 'contractIds');
  // The contracts' check: a mistyped number would otherwise never meet its record in the patents register.
  input.patentNumbers.forEach((p, i) => {
    const problem = patentNumberProblem(p);
    if (problem) issues.push(issue(`patentNumbers.${i}`, 'patent_number_invalid', `${p}: ${problem}`));
  });
  const patents = input.patentNumbers.map(canonicalPatentNumber);
  dupes(patents, 'patentNumbers');
  return {
    issues,
    links: {
      owners: input.owners,
      inventors: input.inventors.map((p, position) => ({ ...p, position })),
      patents: [...new Set(patents)],
      contracts: [...new Set(input.contractIds)],
      spinoffs: [...new Set(input.spinoffIds)],
    },
  };
};

const rowFields = (input: TAchievementInput) => ({
  titleZh: input.titleZh,
  titleEn: input.titleEn,
  summary: input.summary,
  field: input.field,
  trl: input.trl,
  stage: input.stage,
  keywords: [...new Set(input.keywords)],
  availability: [...new Set(input.availability)],
  searchTerms: wordsOf(input.titleZh.toLowerCase(), input.titleEn?.toLowerCase(), input.summary.toLowerCase(), ...input.keywords.map((k) => k.toLowerCase())).join(' '),
  isSample: input.isSample,
});

/** What the audit log keeps of an achievement: never the confidential text itself. */
const auditable = (row: AchievementRow, links: Links) => ({ ...row, confidentialDetail: row.confidentialDetail ? `[${row.confidentialDetail.length} characters]` : null, searchTerms: undefined, links });

export const createAchievement = async (ctx: ServiceContext, centreId: string, input: TAchievementInput): Promise<TAchievement> => {
  const user = requireUser(ctx);
  const officer = isOfficer(user, centreId);
  if (!officer && !isOwnerMember(user, input.owners.map((o) => o.entityId))) throw new AppError('FORBIDDEN', 'Only members of an owner (or an officer) may record an achievement');
  return withWriteTx(ctx.db, async (tx) => {
    const { links, issues } = await resolveLinks(tx, centreId, input);
    if (issues.length) throw invalid(issues, 'The achievement');
    const id = randomUUID();
    const row = await repo.insertAchievement(tx, { id, centreId, state: 'draft', ...rowFields(input), confidentialDetail: input.confidentialDetail ?? null, createdBy: user.id, createdAt: ctx.now, updatedAt: ctx.now });
    await repo.replaceLinks(tx, centreId, id, links);
    await audit(tx, ctx, centreId, 'achievement.create', 'achievement', id, null, auditable(row, links));
    return toAchievement(tx, ctx, row, links);
  });
};

export const updateAchievement = async (ctx: ServiceContext, centreId: string, id: string, input: TAchievementInput & { version: number }): Promise<TAchievement> => {
  const user = requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const { row: before, links: beforeLinks } = await visibleAchievement(tx, ctx, centreId, id);
    const officer = isOfficer(user, centreId);
    if (!officer && !isOwnerMember(user, beforeLinks.owners.map((o) => o.entityId))) throw new AppError('FORBIDDEN', 'Only the owners’ members (or an officer) may change an achievement');
    // An owner cannot hand the record away by removing its own organisation.
    if (!officer && !input.owners.some((o) => o.entityId === user.organisationId)) throw invalid([issue('owners', 'own_organisation_required', 'keep your own organisation among the owners')], 'The achievement');
    const { links, issues } = await resolveLinks(tx, centreId, input);
    if (issues.length) throw invalid(issues, 'The achievement');
    // An omitted detail stays as it is: the editor saves without reading it.
    const detail = input.confidentialDetail === undefined ? {} : { confidentialDetail: input.confidentialDetail };
    const row = await repo.updateAchievement(tx, id, input.version, { ...rowFields(input), ...detail, updatedAt: ctx.now });
    if (!row) throw stale();
    await repo.replaceLinks(tx, centreId, id, links);
    await audit(tx, ctx, centreId, 'achievement.update', 'achievement', id, auditable(before, beforeLinks), auditable(row, links));
    return toAchievement(tx, ctx, row, links);
  });
};

export const transitionAchievement = async (ctx: ServiceContext, centreId: string, id: string, body: { action: AchievementAction; version: number }): Promise<TAchievement> => {
  const user = requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const { row: before, links } = await visibleAchievement(tx, ctx, centreId, id);
    if (!isOfficer(user, centreId) && !isOwnerMember(user, links.owners.map((o) => o.entityId))) throw new AppError('FORBIDDEN', `You may not ${body.action} this achievement`);
    if (before.version !== body.version) throw stale();
    const t = ACHIEVEMENT_TRANSITIONS[body.action];
    if (!t.from.includes(before.state as AchievementState)) throw new AppError('CONFLICT', `A ${before.state} achievement cannot be ${body.action}ed`, { fields: [issue('action', 'invalid_transition', `${body.action} is not possible from ${before.state}`)] });
    const patch = { state: t.to, updatedAt: ctx.now, ...(body.action === 'publish' ? { publishedAt: ctx.now, withdrawnAt: null } : {}), ...(body.action === 'withdraw' ? { withdrawnAt: ctx.now } : {}) };
    const row = await repo.updateAchievement(tx, id, before.version, patch);
    if (!row) throw stale();
    await audit(tx, ctx, centreId, `achievement.${body.action}`, 'achievement', id, { state: before.state, version: before.version }, { state: row.state, version: row.version });
    return toAchievement(tx, ctx, row, links);
  });
};

// ---------------------------------------------------------------- the confidential detail
/**
 * The confidential detail, for owners' members, officers and holders of a
 * live grant; 404 to anyone else (whether a detail exists is not disclosed).
 * Every read is logged, with the grant it was made under; the route is a
 * POST, so that only a deliberate, CSRF-checked request makes a log entry.
 */
export const readDetail = async (ctx: ServiceContext, centreId: string, id: string) => {
  const user = requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const { row, links } = await visibleAchievement(tx, ctx, centreId, id);
    const entitled: DetailViewBasis | null = isOwnerMember(user, links.owners.map((o) => o.entityId)) ? 'owner' : isOfficer(user, centreId) ? 'officer' : null;
    const grant = entitled || row.state !== 'published' ? undefined : await repo.liveGrant(tx, id, user.id, ctx.now);
    const basis: DetailViewBasis | null = entitled ?? (grant ? 'grant' : null);
    if (!basis) throw new AppError('NOT_FOUND', `No detail of achievement ${id} for you`);
    const requestId = grant?.id ?? null;
    const viewId = randomUUID();
    await repo.logDetailView(tx, { id: viewId, achievementId: id, userId: user.id, userLabel: `${user.displayName} (${user.username})`, organisationId: user.organisationId, basis, requestId, achievementVersion: row.version, viewedAt: ctx.now });
    await audit(tx, ctx, centreId, 'achievement.detail_read', 'achievement', id, null, { viewId, basis, requestId, version: row.version });
    return { achievementId: id, detail: row.confidentialDetail, basis, requestId, version: row.version };
  });
};

const toRequest = (r: AccessRequestRow, names: Map<string, EntityBrief>, people: Map<string, string>): TAccessRequest => ({
  id: r.id,
  achievementId: r.achievementId,
  requester: { id: r.requesterId, displayName: people.get(r.requesterId) ?? r.requesterId },
  organisation: r.requesterOrgId ? org(names.get(r.requesterOrgId), r.requesterOrgId) : null,
  purpose: r.purpose,
  state: r.state as AccessRequestState,
  decidedBy: r.decidedBy ? (people.get(r.decidedBy) ?? r.decidedBy) : null,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  decisionNote: r.decisionNote,
  expiresAt: r.expiresAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

const requestsOut = async (tx: ReadTx, rows: AccessRequestRow[]) => {
  const names = await repo.findEntities(tx, rows.map((r) => r.requesterOrgId).filter((x): x is string => !!x));
  const people = await repo.userNames(tx, rows.flatMap((r) => [r.requesterId, ...(r.decidedBy ? [r.decidedBy] : [])]));
  return rows.map((r) => toRequest(r, names, people));
};

export const requestAccess = async (ctx: ServiceContext, centreId: string, id: string, body: { purpose: string }): Promise<TAccessRequest> => {
  const user = requireUser(ctx);
  if (!inCentre(user, centreId)) throw new AppError('FORBIDDEN', `Your account belongs to centre ${user.centreId}`);
  return withWriteTx(ctx.db, async (tx) => {
    const { row, links } = await visibleAchievement(tx, ctx, centreId, id);
    if (row.state !== 'published') throw new AppError('CONFLICT', 'Only a published achievement takes requests', { fields: [issue('state', 'not_published', `the achievement is ${row.state}`)] });
    if (isOwnerMember(user, links.owners.map((o) => o.entityId)) || isOfficer(user, centreId)) throw new AppError('CONFLICT', 'You may already read the detail', { fields: [issue('requester', 'already_entitled', 'owners and officers need no grant')] });
    if (!row.confidentialDetail) throw new AppError('CONFLICT', 'This achievement has no confidential detail', { fields: [issue('detail', 'no_detail', 'nothing to request')] });
    const live = await repo.latestRequestOf(tx, id, user.id);
    if (live && (live.state === 'requested' || isLiveGrant(live, ctx.now))) throw new AppError('CONFLICT', 'You already have a request for this detail', { fields: [issue('requester', 'duplicate_request', `your request is ${live.state}`)] });
    // A lapsed grant is closed before a new request, so that at most one request per person is live.
    if (live && live.state === 'granted') {
      if (!(await repo.updateRequest(tx, live.id, 'granted', { state: 'revoked', decisionNote: 'expired', updatedAt: ctx.now }))) throw stale();
      await audit(tx, ctx, centreId, 'achievement.access_lapse', 'achievement_access_request', live.id, { state: 'granted', expiresAt: live.expiresAt }, { state: 'revoked', note: 'expired' });
    }
    const created = await repo.insertRequest(tx, { id: randomUUID(), centreId, achievementId: id, requesterId: user.id, requesterOrgId: user.organisationId, purpose: body.purpose, termsAcceptedAt: ctx.now, state: 'requested', createdAt: ctx.now, updatedAt: ctx.now });
    await audit(tx, ctx, centreId, 'achievement.access_request', 'achievement_access_request', created.id, null, created);
    return (await requestsOut(tx, [created]))[0] as TAccessRequest;
  });
};

/** Requests for an achievement: all of them for owners' members and officers, one's own for anyone else. */
export const listAccessRequests = async (ctx: ServiceContext, centreId: string, id: string): Promise<TAccessRequest[]> => {
  const user = requireUser(ctx);
  const { links } = await visibleAchievement(ctx.db, ctx, centreId, id);
  const all = isOwnerMember(user, links.owners.map((o) => o.entityId)) || isOfficer(user, centreId);
  return requestsOut(ctx.db, await repo.listRequests(ctx.db, id, all ? undefined : user.id));
};

const DECISION: Readonly<Record<AccessDecision, { from: AccessRequestState; to: AccessRequestState }>> = {
  grant: { from: 'requested', to: 'granted' },
  refuse: { from: 'requested', to: 'refused' },
  revoke: { from: 'granted', to: 'revoked' },
};

/** An owner's member grants, refuses or revokes; officers curate but do not decide on an owner's secrets. */
export const decideAccess = async (ctx: ServiceContext, centreId: string, id: string, requestId: string, body: { decision: AccessDecision; note: string | null; expiresOn: string | null }): Promise<TAccessRequest> => {
  const user = requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const { links } = await visibleAchievement(tx, ctx, centreId, id);
    if (!isOwnerMember(user, links.owners.map((o) => o.entityId))) throw new AppError('FORBIDDEN', 'Only a member of an owner decides who reads the detail');
    const before = await repo.findRequest(tx, id, requestId);
    if (!before) throw new AppError('NOT_FOUND', `No request ${requestId}`);
    const d = DECISION[body.decision];
    if (before.state !== d.from) throw new AppError('CONFLICT', `A ${before.state} request cannot be ${body.decision}d`, { fields: [issue('decision', 'invalid_transition', `${body.decision} is not possible from ${before.state}`)] });
    if (body.decision === 'refuse' && !body.note) throw invalid([issue('note', 'note_required', 'say why the request is refused')], 'The decision');
    let expiresAt: Date | null = null;
    if (body.decision === 'grant') {
      expiresAt = body.expiresOn ? new Date(`${body.expiresOn}T23:59:59.999Z`) : new Date(ctx.now.getTime() + DEFAULT_GRANT_DAYS * 86_400_000);
      if (expiresAt <= ctx.now) throw invalid([issue('expiresOn', 'in_the_past', 'a grant must expire in the future')], 'The decision');
    }
    const row = await repo.updateRequest(tx, requestId, before.state, { state: d.to, decidedBy: user.id, decidedAt: ctx.now, decisionNote: body.note, updatedAt: ctx.now, ...(body.decision === 'grant' ? { expiresAt } : {}), ...(body.decision === 'revoke' ? { expiresAt: ctx.now } : {}) });
    if (!row) throw stale();
    await audit(tx, ctx, centreId, `achievement.access_${body.decision}`, 'achievement_access_request', requestId, { state: before.state }, { state: row.state, expiresAt: row.expiresAt, note: body.note });
    return (await requestsOut(tx, [row]))[0] as TAccessRequest;
  });
};

/** Who read the confidential detail: for the owners' members and officers only. */
export const listDetailViews = async (ctx: ServiceContext, centreId: string, id: string) => {
  const user = requireUser(ctx);
  const { links } = await visibleAchievement(ctx.db, ctx, centreId, id);
  if (!isOwnerMember(user, links.owners.map((o) => o.entityId)) && !isOfficer(user, centreId)) throw new AppError('NOT_FOUND', `No read log of achievement ${id} for you`);
  const rows = await repo.listDetailViews(ctx.db, id);
  const names = await repo.findEntities(ctx.db, rows.map((r) => r.organisationId).filter((x): x is string => !!x));
  return rows.map((r) => ({ id: r.id, userLabel: r.userLabel, organisation: r.organisationId ? org(names.get(r.organisationId), r.organisationId) : null, basis: r.basis as DetailViewBasis, requestId: r.requestId, achievementVersion: r.achievementVersion, viewedAt: r.viewedAt.toISOString() }));
};

// ---------------------------------------------------------------- technology needs
const toNeed = (row: NeedRow, names: Map<string, EntityBrief>, user: SessionUser | null): TNeed => {
  const mayAct = isEnterpriseMember(user, row.enterpriseId) || isOfficer(user, row.centreId);
  return {
    id: row.id,
    state: row.state as NeedState,
    enterprise: org(names.get(row.enterpriseId), row.enterpriseId),
    title: row.title,
    description: row.description,
    field: row.field as TechnicalField,
    trlMin: row.trlMin,
    keywords: row.keywords,
    budgetMin: row.budgetMin,
    budgetMax: row.budgetMax,
    currency: row.currency,
    deadline: row.deadline,
    callId: row.callId,
    canEdit: mayAct && (row.state === 'open' || row.state === 'matched'),
    canConvert: mayAct && (row.state === 'open' || row.state === 'matched') && !row.callId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    isSample: row.isSample,
    version: row.version,
  };
};

const needOut = async (tx: ReadTx, ctx: ServiceContext, row: NeedRow): Promise<TNeed> => toNeed(row, await repo.findEntities(tx, [row.enterpriseId]), ctx.user);

/** A need the caller may see and act on (its enterprise's members, officers); otherwise 404. */
const visibleNeed = async (tx: ReadTx, ctx: ServiceContext, centreId: string, id: string): Promise<NeedRow> => {
  const row = await repo.findNeed(tx, centreId, id);
  if (!row || !(isOfficer(ctx.user, centreId) || isEnterpriseMember(ctx.user, row.enterpriseId))) throw new AppError('NOT_FOUND', `No technology need ${id}`);
  return row;
};

const needFields = (input: TNeedInput) => ({
  title: input.title,
  description: input.description,
  field: input.field,
  trlMin: input.trlMin,
  keywords: [...new Set(input.keywords)],
  budgetMin: input.budgetMin,
  budgetMax: input.budgetMax,
  deadline: input.deadline,
  searchTerms: wordsOf(input.title.toLowerCase(), input.description.toLowerCase(), ...input.keywords.map((k) => k.toLowerCase())).join(' '),
  isSample: input.isSample,
});

export const listNeeds = async (ctx: ServiceContext, centreId: string, q: { state?: NeedState | undefined; field?: string | undefined; limit: number; offset: number }) => {
  const user = requireUser(ctx);
  const officer = isOfficer(user, centreId);
  if (!officer && !user.organisationId) return { items: [], total: 0 };
  const { rows, total } = await repo.listNeeds(ctx.db, { centreId, enterpriseId: officer ? undefined : (user.organisationId as string), state: q.state, field: q.field }, q.limit, q.offset);
  const names = await repo.findEntities(ctx.db, rows.map((r) => r.enterpriseId));
  return { items: rows.map((r) => toNeed(r, names, user)), total };
};

export const getNeed = async (ctx: ServiceContext, centreId: string, id: string): Promise<TNeed> => needOut(ctx.db, ctx, await visibleNeed(ctx.db, ctx, centreId, id));

const checkEnterprise = async (tx: ReadTx, centreId: string, enterpriseId: string): Promise<FieldIssue[]> => {
  const e = (await repo.findEntities(tx, [enterpriseId])).get(enterpriseId);
  if (!e || e.centreId !== centreId || e.status !== 'active') return [issue('enterpriseId', 'unknown_entity', `no active record ${enterpriseId} in this centre's registry`)];
  if (!isOrganisationCategory(e.category)) return [issue('enterpriseId', 'not_an_organisation', 'a need is posted by an organisation')];
  return [];
};

export const createNeed = async (ctx: ServiceContext, centreId: string, input: TNeedInput): Promise<TNeed> => {
  const user = requireUser(ctx);
  if (!isEnterpriseMember(user, input.enterpriseId) && !isOfficer(user, centreId)) throw new AppError('FORBIDDEN', 'Only the enterprise’s members (or an officer) may post its needs');
  return withWriteTx(ctx.db, async (tx) => {
    const issues = await checkEnterprise(tx, centreId, input.enterpriseId);
    if (issues.length) throw invalid(issues, 'The need');
    const row = await repo.insertNeed(tx, { id: randomUUID(), centreId, enterpriseId: input.enterpriseId, state: 'open', ...needFields(input), createdBy: user.id, createdAt: ctx.now, updatedAt: ctx.now });
    await audit(tx, ctx, centreId, 'technology_need.create', 'technology_need', row.id, null, row);
    return needOut(tx, ctx, row);
  });
};

export const updateNeed = async (ctx: ServiceContext, centreId: string, id: string, input: TNeedInput & { version: number }): Promise<TNeed> => {
  requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await visibleNeed(tx, ctx, centreId, id);
    if (input.enterpriseId !== before.enterpriseId) throw invalid([issue('enterpriseId', 'enterprise_fixed', 'a need stays with the enterprise that posted it')], 'The need');
    if (before.state !== 'open' && before.state !== 'matched') throw new AppError('CONFLICT', `A ${before.state} need cannot be changed`, { fields: [issue('state', 'not_editable', `the need is ${before.state}`)] });
    const row = await repo.updateNeed(tx, id, input.version, { ...needFields(input), updatedAt: ctx.now });
    if (!row) throw stale();
    await audit(tx, ctx, centreId, 'technology_need.update', 'technology_need', id, before, row);
    return needOut(tx, ctx, row);
  });
};

export const transitionNeed = async (ctx: ServiceContext, centreId: string, id: string, body: { action: NeedAction; version: number }): Promise<TNeed> => {
  requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await visibleNeed(tx, ctx, centreId, id);
    if (before.version !== body.version) throw stale();
    const t = NEED_TRANSITIONS[body.action];
    if (!t.from.includes(before.state as NeedState)) throw new AppError('CONFLICT', `A ${before.state} need cannot take ${body.action}`, { fields: [issue('action', 'invalid_transition', `${body.action} is not possible from ${before.state}`)] });
    const row = await repo.updateNeed(tx, id, before.version, { state: t.to, updatedAt: ctx.now });
    if (!row) throw stale();
    await audit(tx, ctx, centreId, `technology_need.${body.action}`, 'technology_need', id, { state: before.state, version: before.version }, { state: row.state, version: row.version });
    return needOut(tx, ctx, row);
  });
};

/** Published achievements ranked against the need, each with its score's parts. */
export const needMatches = async (ctx: ServiceContext, centreId: string, id: string, limit = 20) => {
  const need = await visibleNeed(ctx.db, ctx, centreId, id);
  const pool = await repo.matchPool(ctx.db, centreId);
  const ranked = rankMatches(
    { id: need.id, words: need.searchTerms.split(' ').filter(Boolean), field: need.field, trlMin: need.trlMin },
    pool.map((a) => ({ id: a.id, words: a.searchTerms.split(' ').filter(Boolean), field: a.field, trl: a.trl })),
    limit,
  );
  const sums = new Map((await summaries(ctx.db, await repo.achievementsByIds(ctx.db, ranked.map((m) => m.achievementId)))).map((s) => [s.id, s]));
  const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    needId: id,
    items: ranked.map((m) => ({
      achievement: sums.get(m.achievementId) as TAchievementSummary,
      score: r4(m.score),
      components: { text: { ...m.text, value: r4(m.text.value) }, field: m.field, trl: { ...m.trl, factor: r4(m.trl.factor) } },
    })),
  };
};

/** Needs have one title, usually Chinese: the call's English title then says it awaits a translation rather than passing Chinese off as English. */
export const UNTRANSLATED_MARK = '[Translation needed] ';
const englishTitleDraft = (title: string): string => (/\p{Script=Han}/u.test(title) ? `${UNTRANSLATED_MARK}${title}` : title).slice(0, 300);

/**
 * Turn a need into a 揭榜挂帅 call draft on the calls engine: the enterprise
 * owns the call, its title, problem, field and TRL are the need's, and the
 * need records the call, all in one transaction.
 */
export const convertNeedToCall = async (ctx: ServiceContext, centreId: string, id: string, body: { programmeId: string | null }): Promise<{ need: TNeed; callId: string }> => {
  requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await visibleNeed(tx, ctx, centreId, id);
    if ((before.state !== 'open' && before.state !== 'matched') || before.callId) throw new AppError('CONFLICT', `A ${before.state} need cannot become a call`, { fields: [issue('state', 'not_convertible', `the need is ${before.state}`)] });
    let programmeId = body.programmeId;
    if (programmeId) {
      const p = await repo.findProgramme(tx, programmeId);
      if (!p || p.centreId !== centreId) throw invalid([issue('programmeId', 'not_found', `no programme ${programmeId} in this centre`)], 'The request');
      if (p.kind !== 'unveil_list') throw invalid([issue('programmeId', 'not_unveil_list', 'a need becomes a call of a 揭榜挂帅 (unveil_list) programme')], 'The request');
    } else {
      programmeId = (await repo.latestUnveilProgramme(tx, centreId))?.id ?? null;
      if (!programmeId) throw new AppError('CONFLICT', 'The centre has no 揭榜挂帅 programme yet; an officer creates one first', { fields: [issue('programmeId', 'no_unveil_programme', 'no unveil_list programme in this centre')] });
    }
    const budget = before.budgetMax ?? before.budgetMin;
    const call = await createCallInTx(tx, ctx, centreId, {
      programmeId,
      ownerEntityId: before.enterpriseId,
      isSample: before.isSample,
      titleZh: before.title.slice(0, 200),
      titleEn: englishTitleDraft(before.title),
      problem: before.description,
      fieldCodes: [before.field],
      chainPosition: null,
      trlExpected: before.trlMin,
      budget: budget && budget > 0 ? budget : null,
      paymentSchedule: [],
      deadline: null,
      eligibilityRules: [],
      ipTemplate: null,
      acceptanceCriteria: [],
    });
    const row = await repo.updateNeed(tx, id, before.version, { state: 'converted', callId: call.id, updatedAt: ctx.now });
    if (!row) throw stale();
    await audit(tx, ctx, centreId, 'technology_need.convert', 'technology_need', id, { state: before.state, version: before.version }, { state: row.state, callId: call.id, programmeId });
    return { need: await needOut(tx, ctx, row), callId: call.id };
  });
};
