import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { countsBySeries, countsByYear, withinEvent } from '../../../core/events/index.js';
import { withWriteTx, type ReadTx } from '../../../db/tx.js';
import { roleHasPermission } from '../../../shared/access.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { isOrganisationCategory } from '../../../shared/schemas/entities.js';
import type { ZEventCounts, ZEventInput, ZEventPatch, ZEventSummary, ZEventView, ZRelease, ZReleaseInput, ZSession, ZSessionInput } from '../../../shared/schemas/events.js';
import { auditWrite as audit } from '../../audit.js';
import { assertCentreScope, type ServiceContext } from '../../context.js';
import { AppError, bodyIssue as issue, invalidBody as invalid, staleVersion as stale } from '../../errors.js';
import { getCentre } from '../centres/centres.service.js';
import { publishedFigures } from '../indicators/indicators.repository.js';
import * as repo from './events.repository.js';

/**
 * Events and releases (issue 9): open data; officers and analysts
 * (events:manage) record events, sessions and releases. A session or release
 * falls within its event's days; organisers are registry organisations; a
 * released achievement is a published achievement of the centre. Counts by
 * year come from these records and are shown beside, never mixed with, the
 * figures the sources publish.
 */

type Summary = z.infer<typeof ZEventSummary>;
type View = z.infer<typeof ZEventView>;

const requireManager = (ctx: ServiceContext, centreId: string): void => {
  assertCentreScope(ctx, centreId);
  if (!ctx.user || !roleHasPermission(ctx.user.role, 'events:manage')) throw new AppError('FORBIDDEN', 'Only officers and analysts record events');
};
const findEventOr404 = async (tx: ReadTx, centreId: string, id: string): Promise<repo.EventRow> => {
  const e = await repo.findEvent(tx, centreId, id);
  if (!e) throw new AppError('NOT_FOUND', `No event ${id}`);
  return e;
};

const checkOrganisations = async (tx: ReadTx, centreId: string, ids: string[], path: string): Promise<FieldIssue[]> => {
  const found = new Map((await repo.findEntities(tx, ids)).map((e) => [e.id, e]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    const e = found.get(id);
    if (seen.has(id)) issues.push(issue(`${path}.${i}`, 'duplicate', `${id} is listed twice`));
    else if (!e || e.centreId !== centreId || e.status !== 'active') issues.push(issue(`${path}.${i}`, 'not_found', `no active registry record ${id} in this centre`));
    else if (!isOrganisationCategory(e.category)) issues.push(issue(`${path}.${i}`, 'not_an_organisation', 'this must be an organisation'));
    seen.add(id);
  });
  return issues;
};

const checkEventFields = async (tx: ReadTx, centreId: string, e: { startsOn: string; endsOn: string; areaId?: string | null | undefined; entityId?: string | null | undefined }): Promise<FieldIssue[]> => {
  const issues: FieldIssue[] = [];
  if (e.endsOn < e.startsOn) issues.push(issue('endsOn', 'before_start', 'an event ends on or after the day it starts'));
  if (e.areaId && !(await repo.findArea(tx, centreId, e.areaId))) issues.push(issue('areaId', 'not_found', `no area ${e.areaId} in this centre`));
  if (e.entityId) {
    const [x] = await repo.findEntities(tx, [e.entityId]);
    if (!x || x.centreId !== centreId || x.status !== 'active') issues.push(issue('entityId', 'not_found', `no active registry record ${e.entityId} in this centre`));
    else if (x.category !== 'event') issues.push(issue('entityId', 'not_an_event', 'the registry record of an event is an event'));
  }
  return issues;
};

const yearOf = (day: string) => Number(day.slice(0, 4));

const summariesOf = async (tx: ReadTx, centreId: string, ids?: string[]) => {
  const rows = await repo.listEvents(tx, centreId, ids);
  const eventIds = rows.map((r) => r.e.id);
  const [sessions, releases] = [await repo.sessionsOf(tx, eventIds), await repo.releasesOf(tx, eventIds)];
  const summaries: Summary[] = rows.map(({ e, areaNameZh, areaNameEn, entityNameZh, entityNameEn }) => ({
    id: e.id,
    centreId: e.centreId,
    nameZh: e.nameZh,
    nameEn: e.nameEn,
    series: e.series,
    year: yearOf(e.startsOn),
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    venue: e.venue,
    areaId: e.areaId,
    areaNameZh,
    areaNameEn,
    entity: e.entityId ? { id: e.entityId, nameZh: entityNameZh, nameEn: entityNameEn ?? e.entityId } : null,
    isSample: e.isSample,
    version: e.version,
    sessions: sessions.filter((s) => s.eventId === e.id).length,
    releases: releases.filter((r) => r.eventId === e.id).length,
  }));
  return { summaries, sessions, releases };
};

export const listEvents = async (ctx: ServiceContext, centreId: string, year?: number): Promise<Summary[]> => {
  await getCentre(ctx.db, centreId);
  const { summaries } = await summariesOf(ctx.db, centreId);
  return year === undefined ? summaries : summaries.filter((s) => s.year === year);
};

export const getEvent = async (ctx: ServiceContext, centreId: string, id: string, tx: ReadTx = ctx.db): Promise<View> => {
  await findEventOr404(tx, centreId, id);
  const { summaries, sessions, releases } = await summariesOf(tx, centreId, [id]);
  const [organisers, releaseOrgs, achievements] = [await repo.organisersOf(tx, sessions.map((s) => s.id)), await repo.releaseOrganisationsOf(tx, releases.map((r) => r.id)), await repo.achievementsOf(tx, releases.flatMap((r) => (r.achievementId ? [r.achievementId] : [])))];
  const ach = new Map(achievements.map((a) => [a.id, a]));
  const ref = (o: { id: string; nameZh: string | null; nameEn: string }) => ({ id: o.id, nameZh: o.nameZh, nameEn: o.nameEn });
  const sessionList: z.infer<typeof ZSession>[] = sessions.map((s) => ({ id: s.id, eventId: s.eventId, titleZh: s.titleZh, titleEn: s.titleEn, heldOn: s.heldOn, venue: s.venue, organisers: organisers.filter((o) => o.sessionId === s.id).map(ref) }));
  const releaseList: z.infer<typeof ZRelease>[] = releases.map((r) => {
    const a = r.achievementId ? ach.get(r.achievementId) : undefined;
    // A withdrawn achievement stays linked but is no longer shown.
    return { id: r.id, eventId: r.eventId, sessionId: r.sessionId, titleZh: r.titleZh, titleEn: r.titleEn, releasedOn: r.releasedOn, achievement: a && a.state === 'published' ? { id: a.id, titleZh: a.titleZh, titleEn: a.titleEn } : null, organisations: releaseOrgs.filter((o) => o.releaseId === r.id).map(ref) };
  });
  return { ...(summaries[0] as Summary), sessionList, releaseList };
};

export const eventCounts = async (ctx: ServiceContext, centreId: string): Promise<z.infer<typeof ZEventCounts>> => {
  await getCentre(ctx.db, centreId);
  const f = await repo.countFacts(ctx.db, centreId);
  const published = await publishedFigures(ctx.db, centreId, [{ suffix: '_events' }]);
  return { byYear: countsByYear(f.events, f.sessions, f.releases), bySeries: countsBySeries(f.events, f.sessions, f.releases), published: published.map((p) => ({ ...p, value: p.value === null ? null : Number(p.value) })) };
};

export const createEvent = async (ctx: ServiceContext, centreId: string, input: z.infer<typeof ZEventInput>): Promise<View> => {
  requireManager(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await getCentre(tx, centreId);
    const issues = await checkEventFields(tx, centreId, input);
    if (issues.length) throw invalid(issues);
    const row = await repo.insertEvent(tx, { id: randomUUID(), centreId, ...input, createdAt: ctx.now, updatedAt: ctx.now });
    await audit(tx, ctx, centreId, 'event.create', 'event', row.id, null, row);
    return getEvent(ctx, centreId, row.id, tx);
  });
};

export const updateEvent = async (ctx: ServiceContext, centreId: string, id: string, patch: z.infer<typeof ZEventPatch>): Promise<View> => {
  requireManager(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await findEventOr404(tx, centreId, id);
    const next = { startsOn: patch.startsOn ?? before.startsOn, endsOn: patch.endsOn ?? before.endsOn, areaId: patch.areaId };
    const issues = await checkEventFields(tx, centreId, next);
    const { sessions, releases } = await summariesOf(tx, centreId, [id]);
    if (!issues.length && [...sessions.map((s) => s.heldOn), ...releases.map((r) => r.releasedOn)].some((d) => !withinEvent(d, next))) issues.push(issue('startsOn', 'sessions_outside', 'some sessions or releases would fall outside the new dates'));
    if (issues.length) throw invalid(issues);
    if (before.version !== patch.version) throw stale('The event');
    const { version, ...changes } = patch;
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const row = await repo.updateEvent(tx, id, version, { ...set, updatedAt: ctx.now });
    if (!row) throw stale('The event');
    await audit(tx, ctx, centreId, 'event.update', 'event', id, before, row);
    return getEvent(ctx, centreId, id, tx);
  });
};

export const addSession = async (ctx: ServiceContext, centreId: string, id: string, input: z.infer<typeof ZSessionInput>): Promise<View> => {
  requireManager(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const event = await findEventOr404(tx, centreId, id);
    const issues = await checkOrganisations(tx, centreId, input.organiserIds, 'organiserIds');
    if (!withinEvent(input.heldOn, event)) issues.unshift(issue('heldOn', 'outside_event', `a session is held during the event (${event.startsOn} – ${event.endsOn})`));
    if (issues.length) throw invalid(issues);
    const { organiserIds, ...fields } = input;
    const row = await repo.insertSession(tx, { id: randomUUID(), eventId: id, ...fields, createdAt: ctx.now }, organiserIds);
    await audit(tx, ctx, centreId, 'event_session.create', 'event_session', row.id, null, { ...row, organiserIds });
    return getEvent(ctx, centreId, id, tx);
  });
};

export const addRelease = async (ctx: ServiceContext, centreId: string, id: string, input: z.infer<typeof ZReleaseInput>): Promise<View> => {
  requireManager(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const event = await findEventOr404(tx, centreId, id);
    const issues = await checkOrganisations(tx, centreId, input.organisationIds, 'organisationIds');
    if (input.sessionId && !(await repo.findSession(tx, id, input.sessionId))) issues.unshift(issue('sessionId', 'not_found', `no session ${input.sessionId} at this event`));
    if (input.achievementId) {
      const a = await repo.findAchievement(tx, input.achievementId);
      if (!a || a.centreId !== centreId) issues.unshift(issue('achievementId', 'not_found', `no achievement ${input.achievementId} in this centre`));
      else if (a.state !== 'published') issues.unshift(issue('achievementId', 'not_published', 'only a published achievement is released'));
    }
    if (!withinEvent(input.releasedOn, event)) issues.unshift(issue('releasedOn', 'outside_event', `a release is announced during the event (${event.startsOn} – ${event.endsOn})`));
    if (issues.length) throw invalid(issues);
    const { organisationIds, ...fields } = input;
    const row = await repo.insertRelease(tx, { id: randomUUID(), eventId: id, ...fields, createdAt: ctx.now }, organisationIds);
    await audit(tx, ctx, centreId, 'event_release.create', 'event_release', row.id, null, { ...row, organisationIds });
    return getEvent(ctx, centreId, id, tx);
  });
};
