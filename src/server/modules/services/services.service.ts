import { isOrganisationCategory } from '../../../shared/schemas/entities.js';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  clusterTopics,
  coordinatorFor,
  DEFAULT_LADDER,
  DEFAULT_SERVICE_LEVELS,
  deadlines,
  metricsBy,
  computeMetrics,
  routeDemand,
  slaClocks,
  type DemandType,
  type MetricCase,
} from '../../../core/services/index.js';
import { availableActions, demandWorkflow, fire, packageWorkflow, type DemandAction, type DemandEffect, type DemandRole, type PackageAction, type PackageRole } from '../../../core/workflow/index.js';
import { roleHasPermission } from '../../../shared/access.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { DEMAND_COUNT_CAP } from '../../../shared/schemas/services.js';
import type {
  TDemand,
  TDemandPage,
  TDemandSummary,
  TDepartment,
  TPackage,
  ZDemandInput,
  ZDemandListQuery,
  ZDemandMessage,
  ZDemandRating,
  ZDemandTransition,
  ZDepartmentInput,
  ZEnterpriseServiceView,
  ZMetricsQuery,
  ZMetricsReport,
  ZPackageInput,
  ZPackagePatch,
  ZTopicCluster,
  ZVisit,
  ZVisitInput,
} from '../../../shared/schemas/services.js';
import { monthIn, startOfDayIn } from '../../../core/calendar.js';
import { topicWords } from '../../../db/search-text.js';
import { readTogether, withWriteTx, type ReadTx, type WriteTx } from '../../../db/tx.js';
import type { ServiceContext, SessionUser } from '../../context.js';
import { AppError, bodyIssue as issue, invalidBody as invalid, staleVersion as stale } from '../../errors.js';
import { auditWrite as audit } from '../../audit.js';
import { centreDay, centreTimeZone } from '../centres/centre-calendar.js';
import { checkUpload, findAttachmentMeta, listAttachments, readAttachmentContent, storeAttachment } from '../files/attachments.service.js';
import * as repo from './services.repository.js';
import type { AreaLink, DemandRow, DepartmentRow, PackageRow } from './services.repository.js';

/**
 * Key-enterprise services: departments, service packages, visits and demands
 * worked as cases. Transitions go through core/workflow/demand.ts; every write
 * is audited in its transaction; notifications land in the shared inbox.
 */

// ---------------------------------------------------------------- helpers

const requireUser = (ctx: ServiceContext): SessionUser => {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.user;
};
const inCentre = (user: SessionUser, centreId: string): boolean => user.centreId === null || user.centreId === centreId;
export const isServiceOfficer = (user: SessionUser | null, centreId: string): boolean => !!user && roleHasPermission(user.role, 'services:manage') && inCentre(user, centreId);
const isEnterpriseMember = (user: SessionUser | null, enterpriseId: string): boolean => !!user && roleHasPermission(user.role, 'services:request') && user.organisationId === enterpriseId;
const requireOfficer = (ctx: ServiceContext, centreId: string): SessionUser => {
  const user = requireUser(ctx);
  if (!isServiceOfficer(user, centreId)) throw new AppError('FORBIDDEN', 'Only service officers of this centre may do this');
  return user;
};

const DAY_MS = 86_400_000;

const requireEnterprise = async (tx: ReadTx, centreId: string, enterpriseId: string, path = 'enterpriseId') => {
  const e = await repo.findEnterprise(tx, centreId, enterpriseId);
  if (!e || e.status !== 'active') throw invalid([issue(path, 'unknown_enterprise', `no active organisation ${enterpriseId} in this centre`)]);
  if (!isOrganisationCategory(e.category)) throw invalid([issue(path, 'not_an_organisation', `${enterpriseId} is a ${e.category}, not an organisation`)]);
  return e;
};

/** The area and every area that contains it, most specific first (a park lies within a district, a district within the city). */
export const areaChain = (links: readonly AreaLink[], areaId: string | null): string[] => {
  if (!areaId) return [];
  const byId = new Map(links.map((a) => [a.id, a]));
  const out: string[] = [];
  const queue = [areaId];
  while (queue.length) {
    const id = queue.shift() as string;
    if (out.includes(id)) continue;
    const a = byId.get(id);
    if (!a) continue;
    out.push(id);
    queue.push(...a.withinAreaIds);
    if (a.parentId) queue.push(a.parentId);
  }
  return out;
};
const districtOf = (links: readonly AreaLink[], areaId: string | null): string | null => {
  const kinds = new Map(links.map((a) => [a.id, a.kind]));
  return areaChain(links, areaId).find((id) => kinds.get(id) === 'district') ?? null;
};

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

// ---------------------------------------------------------------- departments
const toDepartment = (row: DepartmentRow, members: Map<string, { id: string; displayName: string }>): TDepartment => ({
  id: row.id,
  nameZh: row.nameZh,
  nameEn: row.nameEn,
  level: row.level as TDepartment['level'],
  areaId: row.areaId,
  demandTypes: row.demandTypes as TDepartment['demandTypes'],
  isCoordinator: row.isCoordinator,
  memberUserIds: row.memberUserIds,
  members: row.memberUserIds.map((id) => ({ id, displayName: members.get(id)?.displayName ?? id })),
  isSample: row.isSample,
  version: row.version,
});

export const listDepartments = async (ctx: ServiceContext, centreId: string): Promise<TDepartment[]> => {
  const rows = await repo.listDepartments(ctx.db, centreId);
  const members = await repo.usersByIds(ctx.db, rows.flatMap((r) => r.memberUserIds));
  return rows.map((r) => toDepartment(r, members));
};

const checkDepartment = async (tx: ReadTx, centreId: string, input: z.infer<typeof ZDepartmentInput>): Promise<void> => {
  const fields: FieldIssue[] = [];
  if (input.areaId && !(await repo.listAreaLinks(tx, centreId)).some((a) => a.id === input.areaId)) fields.push(issue('areaId', 'unknown_area', `no area ${input.areaId} in this centre`));
  if (input.level === 'municipal' && input.areaId) fields.push(issue('areaId', 'municipal_has_no_area', 'a municipal department serves the whole centre: leave the area empty'));
  if (input.level !== 'municipal' && !input.areaId) fields.push(issue('areaId', 'area_required', `a ${input.level} department names its area`));
  const members = await repo.usersByIds(tx, input.memberUserIds);
  input.memberUserIds.forEach((id, i) => {
    const u = members.get(id);
    if (!u || u.disabled) fields.push(issue(`memberUserIds.${i}`, 'unknown_user', `no active account ${id}`));
    else if (!roleHasPermission(u.role as SessionUser['role'], 'services:manage')) fields.push(issue(`memberUserIds.${i}`, 'not_an_officer', `${u.displayName} is not a service officer`));
    else if (u.centreId !== null && u.centreId !== centreId) fields.push(issue(`memberUserIds.${i}`, 'other_centre', `${u.displayName} belongs to another centre`));
  });
  if (fields.length) throw invalid(fields);
};

export const createDepartment = async (ctx: ServiceContext, centreId: string, input: z.infer<typeof ZDepartmentInput>): Promise<TDepartment> => {
  requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await checkDepartment(tx, centreId, input);
    const row = await repo.insertDepartment(tx, { id: randomUUID(), centreId, ...input, createdAt: ctx.now });
    await audit(tx, ctx, centreId, 'service_department.create', 'service_department', row.id, null, row);
    return toDepartment(row, await repo.usersByIds(tx, row.memberUserIds));
  });
};

export const updateDepartment = async (ctx: ServiceContext, centreId: string, id: string, input: z.infer<typeof ZDepartmentInput> & { version: number }): Promise<TDepartment> => {
  requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await repo.findDepartment(tx, centreId, id);
    if (!before) throw new AppError('NOT_FOUND', `No department ${id}`);
    const { version, ...fields } = input;
    await checkDepartment(tx, centreId, fields);
    const row = await repo.updateDepartment(tx, id, version, fields);
    if (!row) throw stale('The department');
    await audit(tx, ctx, centreId, 'service_department.update', 'service_department', id, before, row);
    return toDepartment(row, await repo.usersByIds(tx, row.memberUserIds));
  });
};

// ---------------------------------------------------------------- packages
const packageRoles = (user: SessionUser | null, p: PackageRow, centreId: string): PackageRole[] => {
  const roles: PackageRole[] = [];
  if (!user) return roles;
  if (isServiceOfficer(user, centreId)) roles.push('officer');
  if (user.id === p.primaryHousekeeperId || user.id === p.backupHousekeeperId) roles.push('housekeeper');
  if (isEnterpriseMember(user, p.enterpriseId)) roles.push('enterprise');
  return roles;
};

const toPackages = async (tx: ReadTx, ctx: ServiceContext, rows: PackageRow[], centreId: string): Promise<TPackage[]> => {
  const names = await repo.namesOf(tx, rows.map((r) => r.enterpriseId));
  const people = await repo.usersByIds(tx, rows.flatMap((r) => [r.primaryHousekeeperId, ...(r.backupHousekeeperId ? [r.backupHousekeeperId] : [])]));
  const ref = (id: string) => ({ id, displayName: people.get(id)?.displayName ?? id });
  const today = await centreDay(tx, centreId, ctx.now);
  return rows.map((r) => ({
    id: r.id,
    enterprise: names.get(r.enterpriseId) ?? { id: r.enterpriseId, nameZh: null, nameEn: null },
    keyBasis: r.keyBasis,
    primaryHousekeeper: ref(r.primaryHousekeeperId),
    backupHousekeeper: r.backupHousekeeperId ? ref(r.backupHousekeeperId) : null,
    services: r.services,
    checkInEveryDays: r.checkInEveryDays,
    nextCheckInOn: r.nextCheckInOn,
    checkInDue: r.state !== 'ended' && r.nextCheckInOn <= today,
    state: r.state as TPackage['state'],
    signedAt: r.signedAt,
    signedBy: r.signedBy,
    isSample: r.isSample,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    actions: availableActions(packageWorkflow, r.state as TPackage['state'], packageRoles(ctx.user, r, centreId), { note: 'x'.repeat(10), serviceCount: r.services.length }).map((a) => ({ ...a, reasons: a.reasons.map(({ code, message, path }) => ({ code, message, ...(path ? { path } : {}) })) })),
  }));
};

const checkHousekeepers = async (tx: ReadTx, centreId: string, primary: string, backup: string | null): Promise<void> => {
  const fields: FieldIssue[] = [];
  const people = await repo.usersByIds(tx, [primary, ...(backup ? [backup] : [])]);
  for (const [path, id] of [['primaryHousekeeperId', primary], ['backupHousekeeperId', backup]] as const) {
    if (!id) continue;
    const u = people.get(id);
    if (!u || u.disabled) fields.push(issue(path, 'unknown_user', `no active account ${id}`));
    else if (!roleHasPermission(u.role as SessionUser['role'], 'services:manage') || (u.centreId !== null && u.centreId !== centreId)) fields.push(issue(path, 'not_an_officer', `${u.displayName} is not a service officer of this centre`));
  }
  if (backup && backup === primary) fields.push(issue('backupHousekeeperId', 'same_as_primary', 'the backup housekeeper must be someone else'));
  if (fields.length) throw invalid(fields);
};

export const listPackages = async (ctx: ServiceContext, centreId: string, q: { mine?: boolean; state?: string }): Promise<TPackage[]> => {
  const user = requireOfficer(ctx, centreId);
  const rows = await repo.listPackages(ctx.db, centreId, { ...(q.mine ? { housekeeperId: user.id } : {}), ...(q.state ? { state: q.state } : {}) });
  return toPackages(ctx.db, ctx, rows, centreId);
};

export const getPackage = async (ctx: ServiceContext, centreId: string, id: string): Promise<TPackage> => {
  const row = await repo.findPackage(ctx.db, centreId, id);
  if (!row || packageRoles(ctx.user, row, centreId).length === 0) throw new AppError('NOT_FOUND', `No service package ${id}`);
  return (await toPackages(ctx.db, ctx, [row], centreId))[0] as TPackage;
};

export const createPackage = async (ctx: ServiceContext, centreId: string, input: z.infer<typeof ZPackageInput>): Promise<TPackage> => {
  requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await requireEnterprise(tx, centreId, input.enterpriseId);
    await checkHousekeepers(tx, centreId, input.primaryHousekeeperId, input.backupHousekeeperId);
    const codes = input.services.map((s) => s.code);
    const dup = codes.findIndex((c, i) => codes.indexOf(c) !== i);
    if (dup >= 0) throw invalid([issue(`services.${dup}.code`, 'duplicate_code', `the code ${codes[dup]} is used twice`)]);
    if (await repo.activePackageOf(tx, input.enterpriseId)) throw new AppError('CONFLICT', 'This enterprise already has a service package; edit it instead', { fields: [issue('enterpriseId', 'package_exists', 'one package per enterprise at a time')] });
    const row = await repo.insertPackage(tx, { id: randomUUID(), centreId, ...input, state: 'draft', createdAt: ctx.now, updatedAt: ctx.now });
    await audit(tx, ctx, centreId, 'service_package.create', 'service_package', row.id, null, row);
    return (await toPackages(tx, ctx, [row], centreId))[0] as TPackage;
  });
};

export const updatePackage = async (ctx: ServiceContext, centreId: string, id: string, patch: z.infer<typeof ZPackagePatch>): Promise<TPackage> => {
  requireOfficer(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await repo.findPackage(tx, centreId, id);
    if (!before) throw new AppError('NOT_FOUND', `No service package ${id}`);
    if (before.state === 'ended') throw new AppError('CONFLICT', 'An ended package cannot be changed', { fields: [issue('state', 'package_ended', 'the package has ended')] });
    const { version, ...fields } = patch;
    const primary = fields.primaryHousekeeperId ?? before.primaryHousekeeperId;
    const backup = fields.backupHousekeeperId !== undefined ? fields.backupHousekeeperId : before.backupHousekeeperId;
    await checkHousekeepers(tx, centreId, primary, backup);
    // What the enterprise signed is what it gets: changing the promise sends the package back for sign-off.
    const promiseChanged = fields.services !== undefined && JSON.stringify(fields.services) !== JSON.stringify(before.services);
    const state = promiseChanged && before.state !== 'draft' ? 'draft' : before.state;
    const row = await repo.updatePackage(tx, id, version, { ...fields, state, ...(state === 'draft' ? { signedAt: null, signedBy: null } : {}), updatedAt: ctx.now });
    if (!row) throw stale('The package');
    await audit(tx, ctx, centreId, 'service_package.update', 'service_package', id, before, row);
    return (await toPackages(tx, ctx, [row], centreId))[0] as TPackage;
  });
};

export const transitionPackage = async (ctx: ServiceContext, centreId: string, id: string, input: { action: PackageAction; note: string | null; version?: number | undefined }): Promise<TPackage> => {
  requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await repo.findPackage(tx, centreId, id);
    const roles = before ? packageRoles(ctx.user, before, centreId) : [];
    if (!before || roles.length === 0) throw new AppError('NOT_FOUND', `No service package ${id}`);
    if (input.version !== undefined && input.version !== before.version) throw stale('The package');
    const out = fire(packageWorkflow, { state: before.state as TPackage['state'], action: input.action, roles, context: { note: input.note, serviceCount: before.services.length } });
    if (!out.ok) throw refusalError(out);
    const row = await repo.updatePackage(tx, id, before.version, { state: out.to, updatedAt: ctx.now, ...(input.action === 'sign' ? { signedAt: ctx.now, signedBy: ctx.user?.id ?? null } : {}) });
    if (!row) throw stale('The package');
    await audit(tx, ctx, centreId, `service_package.${input.action}`, 'service_package', id, { state: before.state }, { state: row.state, note: input.note });
    const recipients = input.action === 'offer' ? await repo.enterpriseMemberIds(tx, before.enterpriseId) : [before.primaryHousekeeperId, ...(before.backupHousekeeperId ? [before.backupHousekeeperId] : [])];
    await repo.insertNotifications(
      tx,
      recipients.map((userId) => ({ id: randomUUID(), userId, centreId, template: `package_${input.action}`, subjectType: 'service_package', subjectId: id, payload: { enterpriseId: before.enterpriseId, ...(input.note ? { note: input.note } : {}) }, createdAt: ctx.now })),
    );
    return (await toPackages(tx, ctx, [row], centreId))[0] as TPackage;
  });
};

export const keyCandidates = async (ctx: ServiceContext, centreId: string, tiers: string[]) => {
  requireOfficer(ctx, centreId);
  if (tiers.length === 0) return [];
  const rows = await repo.enterprisesWithTiers(ctx.db, centreId, tiers, 500);
  const [held, packages] = await Promise.all([repo.tiersOf(ctx.db, rows.map((r) => r.id)), repo.listPackages(ctx.db, centreId, {})]);
  const withPackage = new Set(packages.filter((p) => p.state !== 'ended').map((p) => p.enterpriseId));
  return rows.map((r) => ({ enterprise: { id: r.id, nameZh: r.nameZh, nameEn: r.nameEn }, tiers: held.get(r.id) ?? [], areaId: r.areaId, hasPackage: withPackage.has(r.id) }));
};

// ---------------------------------------------------------------- demands: roles, shapes
type Refused = Extract<ReturnType<typeof fire>, { ok: false }>;
const refusalError = (out: Refused): AppError => {
  const fields = out.reasons.map((r) => issue(r.path ?? 'action', r.code, r.message, r.data ? { data: r.data } : {}));
  if (out.kind === 'role_not_allowed') return new AppError('FORBIDDEN', out.reasons[0]?.message ?? 'not allowed', { fields, refusal: out.kind });
  return new AppError('CONFLICT', `${out.action} refused: ${out.reasons.map((r) => r.message).join('; ')}`, { fields, refusal: out.kind });
};

export type CaseSetting = { departments: DepartmentRow[]; links: AreaLink[]; pkg: PackageRow | undefined };

const loadSetting = async (tx: ReadTx, centreId: string, enterpriseId: string): Promise<CaseSetting> => {
  const [departments, links, pkg] = await readTogether(tx, [() => repo.listDepartments(tx, centreId), () => repo.listAreaLinks(tx, centreId), () => repo.activePackageOf(tx, enterpriseId)]);
  return { departments, links, pkg };
};

/** The coordinator departments a case at this level has reached (level 1: its district's; level 2: also the centre's). */
const coordinatorsOf = (d: Pick<DemandRow, 'escalationLevel' | 'areaId'>, s: CaseSetting): DepartmentRow[] => {
  const chain = areaChain(s.links, d.areaId);
  const out: DepartmentRow[] = [];
  for (const level of [1, 2] as const) {
    if (d.escalationLevel < level) continue;
    const c = coordinatorFor(s.departments, level, chain);
    const row = c ? s.departments.find((x) => x.id === c.id) : undefined;
    if (row && !out.includes(row)) out.push(row);
  }
  return out;
};

export const demandRoles = (user: SessionUser | null, d: DemandRow, s: CaseSetting): DemandRole[] => {
  if (!user) return [];
  const roles: DemandRole[] = [];
  if (isEnterpriseMember(user, d.enterpriseId)) roles.push('enterprise');
  if (!isServiceOfficer(user, d.centreId)) return roles;
  if (s.pkg && (s.pkg.primaryHousekeeperId === user.id || s.pkg.backupHousekeeperId === user.id)) roles.push('housekeeper');
  const dept = s.departments.find((x) => x.id === d.departmentId);
  if (dept?.memberUserIds.includes(user.id)) roles.push('handler');
  if (user.role === 'admin' || coordinatorsOf(d, s).some((c) => c.memberUserIds.includes(user.id))) roles.push('coordinator');
  return roles;
};

const canSeeDemand = (user: SessionUser | null, d: DemandRow): boolean => isEnterpriseMember(user, d.enterpriseId) || isServiceOfficer(user, d.centreId);

const toSummary = (d: repo.DemandSummaryRow, names: Map<string, repo.Named>, departments: Map<string, DepartmentRow>, now: Date): TDemandSummary => {
  const clocks = slaClocks(d, now);
  const dept = d.departmentId ? departments.get(d.departmentId) : undefined;
  return {
    id: d.id,
    reference: d.reference,
    enterprise: names.get(d.enterpriseId) ?? { id: d.enterpriseId, nameZh: null, nameEn: null },
    type: d.type as DemandType,
    title: d.title,
    state: d.state as TDemandSummary['state'],
    department: dept ? { id: dept.id, nameZh: dept.nameZh, nameEn: dept.nameEn } : null,
    areaId: d.areaId,
    receivedAt: d.receivedAt,
    lastActivityAt: d.lastActivityAt,
    escalationLevel: d.escalationLevel,
    reopenCount: d.reopenCount,
    rating: d.rating,
    response: clocks.response,
    resolution: clocks.resolution,
    isSample: d.isSample,
  };
};

const summaries = async (tx: ReadTx, centreId: string, rows: readonly repo.DemandSummaryRow[], now: Date): Promise<TDemandSummary[]> => {
  const [names, departments] = await readTogether(tx, [() => repo.namesOf(tx, rows.map((r) => r.enterpriseId)), () => repo.listDepartments(tx, centreId)]);
  const byId = new Map(departments.map((d) => [d.id, d]));
  return rows.map((r) => toSummary(r, names, byId, now));
};

// ---------------------------------------------------------------- demands: creation
const referenceFor = (id: string, day: string): string => `SQ-${day.slice(0, 4)}-${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;

type CaseAudience = 'enterprise' | 'handlers' | 'housekeeper' | 'coordinators';

/**
 * Notify the audiences of a case, each person once however many hats they
 * wear; the dedupe key keeps scheduled notices (reminders, escalations) to one
 * per person.
 */
export const notifyCase = async (tx: WriteTx, ctx: Pick<ServiceContext, 'now'>, d: DemandRow, s: CaseSetting, audiences: readonly CaseAudience[], template: string, note: string | null, dedupeKey?: string, extra: Record<string, unknown> = {}): Promise<void> => {
  const ids = new Set<string>();
  for (const audience of audiences) {
    if (audience === 'enterprise') for (const id of await repo.enterpriseMemberIds(tx, d.enterpriseId)) ids.add(id);
    else if (audience === 'handlers') for (const id of s.departments.find((x) => x.id === d.departmentId)?.memberUserIds ?? []) ids.add(id);
    else if (audience === 'housekeeper') for (const id of s.pkg ? [s.pkg.primaryHousekeeperId, ...(s.pkg.backupHousekeeperId ? [s.pkg.backupHousekeeperId] : [])] : []) ids.add(id);
    else for (const id of coordinatorsOf(d, s).flatMap((c) => c.memberUserIds)) ids.add(id);
  }
  await repo.insertNotifications(
    tx,
    [...ids].map((userId) => ({
      id: randomUUID(),
      userId,
      centreId: d.centreId,
      template,
      subjectType: 'demand',
      subjectId: d.id,
      payload: { demandId: d.id, reference: d.reference, title: d.title, enterpriseId: d.enterpriseId, ...extra, ...(note ? { note } : {}) },
      createdAt: ctx.now,
      ...(dedupeKey ? { dedupeKey } : {}),
    })),
  );
};

const insertCase = async (tx: WriteTx, ctx: ServiceContext, centreId: string, enterprise: { id: string; areaId: string | null; isSample: boolean }, draft: { type: DemandType; title: string; description: string }, visitId: string | null, s: CaseSetting): Promise<DemandRow> => {
  const id = randomUUID();
  const chain = areaChain(s.links, enterprise.areaId);
  const dept = routeDemand(s.departments, draft.type, chain);
  const { respondBy, resolveBy } = deadlines(ctx.now, DEFAULT_SERVICE_LEVELS[draft.type]);
  const row = await repo.insertDemand(tx, {
    id,
    centreId,
    reference: referenceFor(id, await centreDay(tx, centreId, ctx.now)),
    enterpriseId: enterprise.id,
    visitId,
    type: draft.type,
    title: draft.title,
    description: draft.description,
    areaId: enterprise.areaId,
    departmentId: dept?.id ?? null,
    state: 'received',
    receivedAt: ctx.now,
    respondBy,
    resolveBy,
    lastActivityAt: ctx.now,
    topicWords: topicWords(`${draft.title} ${draft.description}`),
    isSample: enterprise.isSample,
    createdBy: ctx.user?.id ?? null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await repo.insertEvent(tx, { id: randomUUID(), demandId: id, kind: 'routed', toState: 'received', body: dept ? `${dept.nameZh} / ${dept.nameEn}` : null, authorLabel: 'system:routing', createdAt: ctx.now });
  await audit(tx, ctx, centreId, 'demand.create', 'demand', id, null, row);
  await notifyCase(tx, ctx, row, s, ['handlers', 'housekeeper'], 'demand_received', null);
  if (!dept) await notifyCase(tx, ctx, { ...row, escalationLevel: 2 }, s, ['coordinators'], 'demand_unrouted', null);
  return row;
};

export const createDemand = async (ctx: ServiceContext, centreId: string, input: z.infer<typeof ZDemandInput>): Promise<TDemand> => {
  const user = requireUser(ctx);
  const officer = isServiceOfficer(user, centreId);
  const enterpriseId = officer ? input.enterpriseId : user.organisationId;
  if (!enterpriseId) throw invalid([issue('enterpriseId', officer ? 'required' : 'no_organisation', officer ? 'name the enterprise' : 'your account is not linked to an enterprise')]);
  if (!officer && input.enterpriseId && input.enterpriseId !== user.organisationId) throw new AppError('FORBIDDEN', 'You can raise demands for your own enterprise only');
  if (!officer && !isEnterpriseMember(user, enterpriseId)) throw new AppError('FORBIDDEN', 'Only service officers and enterprise members raise demands');
  const row = await withWriteTx(ctx.db, async (tx) => {
    const enterprise = await requireEnterprise(tx, centreId, enterpriseId);
    return insertCase(tx, ctx, centreId, enterprise, input, null, await loadSetting(tx, centreId, enterprise.id));
  });
  return getDemand(ctx, centreId, row.id);
};

export const recordVisit = async (ctx: ServiceContext, centreId: string, input: z.infer<typeof ZVisitInput>): Promise<z.infer<typeof ZVisit>> => {
  requireOfficer(ctx, centreId);
  const today = await centreDay(ctx.db, centreId, ctx.now);
  if (input.visitedOn > today) throw invalid([issue('visitedOn', 'in_future', 'a visit is recorded after it took place')]);
  return withWriteTx(ctx.db, async (tx) => {
    const enterprise = await requireEnterprise(tx, centreId, input.enterpriseId);
    const s = await loadSetting(tx, centreId, enterprise.id);
    const visit = await repo.insertVisit(tx, {
      id: randomUUID(),
      centreId,
      enterpriseId: enterprise.id,
      packageId: s.pkg?.id ?? null,
      visitedOn: input.visitedOn,
      participants: input.participants.map((p) => ({ name: p.name, side: p.side, role: p.role ?? null })),
      topics: input.topics,
      notes: input.notes,
      isSample: enterprise.isSample,
      createdBy: ctx.user?.id ?? null,
      createdAt: ctx.now,
    });
    await audit(tx, ctx, centreId, 'service_visit.create', 'service_visit', visit.id, null, visit);
    const demandIds: string[] = [];
    for (const draft of input.demands) demandIds.push((await insertCase(tx, ctx, centreId, enterprise, draft, visit.id, s)).id);
    // A visit is the check-in: the next one falls due a period after it.
    if (s.pkg && s.pkg.state !== 'ended') {
      const next = addDays(input.visitedOn, s.pkg.checkInEveryDays);
      if (next > s.pkg.nextCheckInOn) {
        const updated = await repo.updatePackage(tx, s.pkg.id, s.pkg.version, { nextCheckInOn: next, updatedAt: ctx.now });
        if (!updated) throw stale('The service package');
        await audit(tx, ctx, centreId, 'service_package.check_in', 'service_package', s.pkg.id, { nextCheckInOn: s.pkg.nextCheckInOn }, { nextCheckInOn: next, visitId: visit.id });
      }
    }
    const names = await repo.namesOf(tx, [enterprise.id]);
    return { ...visitShape(visit, names), demandIds };
  });
};

const visitShape = (v: repo.VisitRow, names: Map<string, repo.Named>) => ({
  id: v.id,
  enterprise: names.get(v.enterpriseId) ?? { id: v.enterpriseId, nameZh: null, nameEn: null },
  packageId: v.packageId,
  visitedOn: v.visitedOn,
  participants: v.participants.map((p) => ({ ...p, role: p.role ?? null })),
  topics: v.topics,
  notes: v.notes,
  isSample: v.isSample,
  createdBy: v.createdBy,
  createdAt: v.createdAt,
});

export const listVisits = async (ctx: ServiceContext, centreId: string, enterpriseId: string | null): Promise<z.infer<typeof ZVisit>[]> => {
  requireOfficer(ctx, centreId);
  const rows = await repo.listVisits(ctx.db, centreId, enterpriseId, 200);
  const [names, demandIds] = await Promise.all([repo.namesOf(ctx.db, rows.map((r) => r.enterpriseId)), repo.demandIdsOfVisits(ctx.db, rows.map((r) => r.id))]);
  return rows.map((r) => ({ ...visitShape(r, names), demandIds: demandIds.get(r.id) ?? [] }));
};

// ---------------------------------------------------------------- demands: reading
export const listDemands = async (ctx: ServiceContext, centreId: string, q: z.infer<typeof ZDemandListQuery>): Promise<TDemandPage> => {
  const user = requireUser(ctx);
  const officer = isServiceOfficer(user, centreId);
  if (!officer && !(user.organisationId && roleHasPermission(user.role, 'services:request'))) throw new AppError('FORBIDDEN', 'Only service officers and enterprise members see demands');
  const filter: repo.DemandFilter = { centreId };
  if (q.state) filter.states = q.state === 'open' ? ['received', 'accepted', 'in_progress', 'reopened'] : [q.state];
  if (q.type) filter.type = q.type;
  if (q.departmentId) filter.departmentIds = [q.departmentId];
  if (!officer) filter.enterpriseIds = [user.organisationId as string];
  else if (q.enterpriseId) filter.enterpriseIds = [q.enterpriseId];
  if (q.overdue === 'true') filter.overdueAt = ctx.now;
  if (q.year !== undefined) Object.assign(filter, periodRange({ from: `${q.year}-01-01`, to: `${q.year}-12-31` }, await centreTimeZone(ctx.db, centreId)));
  if (q.rated) filter.rated = q.rated === 'true';
  if (officer && q.mine === 'true') {
    const [departments, links, packages] = await Promise.all([repo.listDepartments(ctx.db, centreId), repo.listAreaLinks(ctx.db, centreId), repo.listPackages(ctx.db, centreId, { housekeeperId: user.id })]);
    const mine = departments.filter((d) => d.memberUserIds.includes(user.id));
    const coordinatorAreas = mine.filter((d) => d.isCoordinator && d.areaId).map((d) => d.areaId as string);
    // A district coordinator reaches cases in every area within the district.
    const reach = links.filter((a) => areaChain(links, a.id).some((id) => coordinatorAreas.includes(id))).map((a) => a.id);
    filter.worklist = {
      departmentIds: mine.filter((d) => !d.isCoordinator).map((d) => d.id),
      enterpriseIds: packages.filter((p) => p.state !== 'ended').map((p) => p.enterpriseId),
      escalatedAreaIds: reach,
      escalatedAnywhereLevel: user.role === 'admin' ? 1 : mine.some((d) => d.isCoordinator && !d.areaId) ? 2 : null,
    };
  }
  const { counted, rows } = await repo.listDemands(ctx.db, filter, q, DEMAND_COUNT_CAP);
  return { total: Math.min(counted, DEMAND_COUNT_CAP), totalAtLeast: counted > DEMAND_COUNT_CAP, items: await summaries(ctx.db, centreId, rows, ctx.now) };
};

/** Files in a case thread belong to the thread entry that carries them. */
const DEMAND_FILE_OWNER = 'demand_event';

export const getDemand = async (ctx: ServiceContext, centreId: string, id: string): Promise<TDemand> => {
  const d = await repo.findDemand(ctx.db, centreId, id);
  if (!d || !canSeeDemand(ctx.user, d)) throw new AppError('NOT_FOUND', `No demand ${id}`);
  const s = await loadSetting(ctx.db, centreId, d.enterpriseId);
  const roles = demandRoles(ctx.user, d, s);
  const officer = isServiceOfficer(ctx.user, centreId);
  const events = await repo.listEvents(ctx.db, d.id);
  const [authors, files] = await readTogether(ctx.db, [() => repo.usersByIds(ctx.db, events.map((e) => e.authorId ?? '').filter(Boolean)), () => listAttachments(ctx.db, DEMAND_FILE_OWNER, events.map((e) => e.id))]);
  const [summary] = await summaries(ctx.db, centreId, [d], ctx.now);
  const context = { now: ctx.now, note: 'x'.repeat(10), resolvedAt: d.resolvedAt, reopenWindowDays: DEFAULT_LADDER.reopenWindowDays, transferTo: { departmentId: 'another', sameAsCurrent: false } };
  return {
    ...(summary as TDemandSummary),
    description: d.description,
    visitId: d.visitId,
    acceptedAt: d.acceptedAt,
    resolvedAt: d.resolvedAt,
    confirmedAt: d.confirmedAt,
    ratingComment: d.ratingComment,
    version: d.version,
    events: events
      .filter((e) => officer || !e.internal)
      .map((e) => ({
        id: e.id,
        kind: e.kind as TDemand['events'][number]['kind'],
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        body: e.body,
        internal: e.internal,
        authorLabel: e.authorId ? (authors.get(e.authorId)?.displayName ?? e.authorLabel) : e.authorLabel,
        authorIsEnterprise: e.authorId ? authors.get(e.authorId)?.role === 'enterprise_member' : false,
        attachments: files.get(e.id) ?? [],
        createdAt: e.createdAt,
      })),
    actions: availableActions(demandWorkflow, d.state as TDemand['state'], roles, context)
      .filter((a) => !(a.action === 'confirm' && !roles.includes('enterprise')))
      .map((a) => ({ ...a, reasons: a.reasons.map(({ code, message, path }) => ({ code, message, ...(path ? { path } : {}) })) })),
    can: {
      message: roles.length > 0 && d.state !== 'withdrawn',
      internalNote: roles.some((r) => r !== 'enterprise'),
      rate: roles.includes('enterprise') && (d.state === 'resolved' || d.state === 'confirmed'),
    },
    reopenWindowDays: DEFAULT_LADDER.reopenWindowDays,
  };
};

// ---------------------------------------------------------------- demands: work
const applyEffects = async (tx: WriteTx, ctx: ServiceContext, d: DemandRow, s: CaseSetting, effects: readonly DemandEffect[], note: string | null): Promise<void> => {
  const byTemplate = new Map<string, CaseAudience[]>();
  for (const e of effects) if (e.type === 'notify') byTemplate.set(e.template, [...(byTemplate.get(e.template) ?? []), e.audience]);
  for (const [template, audiences] of byTemplate) await notifyCase(tx, ctx, d, s, audiences, template, note);
};

export const transitionDemand = async (ctx: ServiceContext, centreId: string, id: string, input: z.infer<typeof ZDemandTransition>, roleOverride?: DemandRole[]): Promise<TDemand> => {
  if (!roleOverride) requireUser(ctx);
  await withWriteTx(ctx.db, async (tx) => {
    const d = await repo.findDemandForUpdate(tx, centreId, id);
    if (!d || (!roleOverride && !canSeeDemand(ctx.user, d))) throw new AppError('NOT_FOUND', `No demand ${id}`);
    if (input.version !== undefined && input.version !== d.version) throw stale('The case');
    const s = await loadSetting(tx, centreId, d.enterpriseId);
    const roles = roleOverride ?? demandRoles(ctx.user, d, s);
    if (roles.length === 0) throw new AppError('FORBIDDEN', 'You are not working on this case');
    let transferTo: { departmentId: string | null; sameAsCurrent: boolean } | null = null;
    if (input.action === 'transfer') {
      if (input.departmentId && !s.departments.some((x) => x.id === input.departmentId && !x.isCoordinator)) throw invalid([issue('departmentId', 'unknown_department', `no department ${input.departmentId} handles cases in this centre`)]);
      transferTo = { departmentId: input.departmentId, sameAsCurrent: input.departmentId === d.departmentId };
    }
    const out = fire(demandWorkflow, { state: d.state as TDemand['state'], action: input.action, roles, context: { now: ctx.now, note: input.note, resolvedAt: d.resolvedAt, reopenWindowDays: DEFAULT_LADDER.reopenWindowDays, transferTo } });
    if (!out.ok) throw refusalError(out);
    const patch: Partial<DemandRow> = { state: out.to, lastActivityAt: ctx.now, updatedAt: ctx.now };
    for (const e of out.effects) {
      if (e.type === 'stamp') patch[e.field] = ctx.now;
      if (e.type === 'count_reopen') patch.reopenCount = d.reopenCount + 1;
      if (e.type === 'route') {
        patch.departmentId = e.departmentId;
        // Received afresh by the new department: its response clock starts now.
        patch.acceptedAt = null;
        patch.respondBy = deadlines(ctx.now, DEFAULT_SERVICE_LEVELS[d.type as DemandType]).respondBy;
      }
    }
    const row = await repo.updateDemand(tx, id, patch);
    const author = roleOverride ? 'system:scheduler' : (ctx.user?.displayName ?? ctx.actor.label);
    await repo.insertEvent(tx, { id: randomUUID(), demandId: id, kind: 'transition', action: input.action, fromState: d.state, toState: out.to, body: input.note, authorId: roleOverride ? null : (ctx.user?.id ?? null), authorLabel: author, createdAt: ctx.now });
    await audit(tx, ctx, centreId, `demand.${input.action}`, 'demand', id, { state: d.state, departmentId: d.departmentId }, { state: row.state, departmentId: row.departmentId, note: input.note });
    await applyEffects(tx, ctx, row, s, out.effects, input.note);
  });
  return roleOverride ? ({} as TDemand) : getDemand(ctx, centreId, id);
};

/** Who may write in a case's thread, and whether what they write stays internal. */
const threadWriter = async (tx: WriteTx, user: SessionUser, centreId: string, id: string, wantsInternal: boolean) => {
  const d = await repo.findDemandForUpdate(tx, centreId, id);
  if (!d || !canSeeDemand(user, d)) throw new AppError('NOT_FOUND', `No demand ${id}`);
  const s = await loadSetting(tx, centreId, d.enterpriseId);
  const roles = demandRoles(user, d, s);
  if (roles.length === 0) throw new AppError('FORBIDDEN', 'You are not working on this case');
  if (d.state === 'withdrawn') throw new AppError('CONFLICT', 'The case was withdrawn', { fields: [issue('state', 'case_closed', 'the case was withdrawn')] });
  const internal = wantsInternal && roles.some((r) => r !== 'enterprise');
  if (wantsInternal && !internal) throw new AppError('FORBIDDEN', 'Internal notes are for the people working the case');
  return { d, s, roles, internal };
};

/** After a thread entry: the case is less idle when those working it wrote; the other side hears of it unless it is internal. */
const afterThreadEntry = async (tx: WriteTx, ctx: ServiceContext, w: Awaited<ReturnType<typeof threadWriter>>): Promise<void> => {
  // The enterprise writing does not make the case less idle: only the people working it do.
  if (w.roles.some((r) => r !== 'enterprise')) await repo.updateDemand(tx, w.d.id, { lastActivityAt: ctx.now, updatedAt: ctx.now });
  if (w.roles.includes('enterprise')) await notifyCase(tx, ctx, w.d, w.s, ['handlers', 'housekeeper'], 'demand_message', null);
  else if (!w.internal) await notifyCase(tx, ctx, w.d, w.s, ['enterprise'], 'demand_message', null);
};

export const postMessage = async (ctx: ServiceContext, centreId: string, id: string, input: z.infer<typeof ZDemandMessage>): Promise<TDemand> => {
  const user = requireUser(ctx);
  await withWriteTx(ctx.db, async (tx) => {
    const w = await threadWriter(tx, user, centreId, id, input.internal);
    const eventId = randomUUID();
    await repo.insertEvent(tx, { id: eventId, demandId: id, kind: 'message', body: input.body, internal: w.internal, authorId: user.id, authorLabel: user.displayName, createdAt: ctx.now });
    await audit(tx, ctx, centreId, w.internal ? 'demand.internal_note' : 'demand.message', 'demand', id, null, { eventId, internal: w.internal });
    await afterThreadEntry(tx, ctx, w);
  });
  return getDemand(ctx, centreId, id);
};

/**
 * A file in the case thread (a contract scan, a certificate, a screenshot of
 * a refusal): its own thread entry, internal if an officer says so. The bytes
 * are checked before the transaction opens; at most 20 files a case.
 */
export const attachToDemand = async (ctx: ServiceContext, centreId: string, id: string, input: { fileName: string; internal: boolean }, bytes: Buffer): Promise<TDemand> => {
  const user = requireUser(ctx);
  const upload = checkUpload(input.fileName, bytes);
  await withWriteTx(ctx.db, async (tx) => {
    const w = await threadWriter(tx, user, centreId, id, input.internal);
    const eventId = randomUUID();
    await repo.insertEvent(tx, { id: eventId, demandId: id, kind: 'message', body: null, internal: w.internal, authorId: user.id, authorLabel: user.displayName, createdAt: ctx.now });
    const thread = (await repo.listEvents(tx, id)).map((e) => ({ type: DEMAND_FILE_OWNER, id: e.id }));
    const file = await storeAttachment(tx, ctx, centreId, { type: DEMAND_FILE_OWNER, id: eventId }, upload, thread);
    await audit(tx, ctx, centreId, 'demand.attachment', 'demand', id, null, { eventId, attachmentId: file.id, fileName: file.fileName, internal: w.internal });
    await afterThreadEntry(tx, ctx, w);
  });
  return getDemand(ctx, centreId, id);
};

/** A file of a case's thread, for whoever sees the entry that carries it (internal entries: officers only). */
export const readDemandFile = async (ctx: ServiceContext, centreId: string, id: string, attachmentId: string): Promise<{ fileName: string; contentType: string; content: Buffer }> => {
  const d = await repo.findDemand(ctx.db, centreId, id);
  if (!d || !canSeeDemand(ctx.user, d)) throw new AppError('NOT_FOUND', `No demand ${id}`);
  const row = await findAttachmentMeta(ctx.db, centreId, attachmentId);
  const entry = row?.ownerType === DEMAND_FILE_OWNER ? await repo.findEvent(ctx.db, d.id, row.ownerId) : undefined;
  if (!entry || (entry.internal && !isServiceOfficer(ctx.user, centreId))) throw new AppError('NOT_FOUND', `No attachment ${attachmentId}`);
  return readAttachmentContent(ctx.db, attachmentId);
};

export const rateDemand = async (ctx: ServiceContext, centreId: string, id: string, input: z.infer<typeof ZDemandRating>): Promise<TDemand> => {
  const user = requireUser(ctx);
  await withWriteTx(ctx.db, async (tx) => {
    const d = await repo.findDemandForUpdate(tx, centreId, id);
    if (!d || !canSeeDemand(user, d)) throw new AppError('NOT_FOUND', `No demand ${id}`);
    if (!isEnterpriseMember(user, d.enterpriseId)) throw new AppError('FORBIDDEN', 'The enterprise rates the outcome of its own case');
    if (d.state !== 'resolved' && d.state !== 'confirmed') throw new AppError('CONFLICT', 'A case is rated once it is resolved', { fields: [issue('rating', 'not_resolved', `the case is ${d.state}`)] });
    const row = await repo.updateDemand(tx, id, { rating: input.rating, ratingComment: input.comment, updatedAt: ctx.now });
    await audit(tx, ctx, centreId, 'demand.rate', 'demand', id, { rating: d.rating, ratingComment: d.ratingComment }, { rating: row.rating, ratingComment: row.ratingComment });
  });
  return getDemand(ctx, centreId, id);
};

// ---------------------------------------------------------------- metrics and systemic issues
const requireAnalystOrOfficer = (ctx: ServiceContext, centreId: string): SessionUser => {
  const user = requireUser(ctx);
  if (!(roleHasPermission(user.role, 'centre:read') && inCentre(user, centreId))) throw new AppError('FORBIDDEN', 'Service metrics are for the centre’s officers and analysts');
  return user;
};

/** Days from and to (inclusive), read in the centre's time zone, as instants of receipt. */
const periodRange = (q: { from?: string | undefined; to?: string | undefined }, timeZone: string) => ({
  ...(q.from ? { receivedFrom: startOfDayIn(q.from, timeZone) } : {}),
  ...(q.to ? { receivedTo: startOfDayIn(addDays(q.to, 1), timeZone) } : {}),
});

/** Cases for the metrics, each with its resolutions and the reopen that followed each. */
export const loadMetricCases = async (tx: ReadTx, filter: repo.DemandFilter) => {
  const rows = await repo.demandsForMetrics(tx, filter);
  return withResolutions(rows, await repo.resolutionEvents(tx, rows.map((r) => r.id)));
};

/** Each case with its resolutions, oldest first, and the reopen that followed each (events ordered by case, then time). */
export const withResolutions = <R extends { id: string }>(rows: R[], events: readonly { demandId: string; action: string; createdAt: Date }[]) => {
  const resolutions = new Map<string, { resolvedAt: Date; reopenedAt: Date | null }[]>();
  for (const e of events) {
    const list = resolutions.get(e.demandId) ?? [];
    if (e.action === 'resolve') list.push({ resolvedAt: e.createdAt, reopenedAt: null });
    else {
      const last = list.at(-1);
      if (last && last.reopenedAt === null) last.reopenedAt = e.createdAt;
    }
    resolutions.set(e.demandId, list);
  }
  return rows.map((r) => ({ ...r, resolutions: resolutions.get(r.id) ?? [] }));
};

export const serviceMetrics = async (ctx: ServiceContext, centreId: string, q: z.infer<typeof ZMetricsQuery>): Promise<z.infer<typeof ZMetricsReport>> => {
  requireAnalystOrOfficer(ctx, centreId);
  if (q.from && q.to && q.from > q.to) throw invalid([{ in: 'query', path: 'to', reason: 'before_from', message: 'the end date comes before the start date' } as FieldIssue]);
  const reopenDays = q.reopenDays ?? DEFAULT_LADDER.reopenWindowDays;
  const timeZone = await centreTimeZone(ctx.db, centreId);
  const cases = await loadMetricCases(ctx.db, { centreId, ...periodRange(q, timeZone) });
  const [departments, links, areaNames] = await Promise.all([repo.listDepartments(ctx.db, centreId), repo.listAreaLinks(ctx.db, centreId), repo.areaNames(ctx.db, centreId)]);
  const byCase = new Map(cases.map((c) => [c.id, c]));
  const keyOf = (c: MetricCase): string | null => {
    const full = byCase.get(c.id);
    if (!full) return null;
    if (q.groupBy === 'department') return full.departmentId;
    if (q.groupBy === 'type') return full.type;
    return districtOf(links, full.areaId);
  };
  const nameOf = (key: string | null): { nameZh: string | null; nameEn: string | null } => {
    if (key === null) return { nameZh: null, nameEn: null };
    if (q.groupBy === 'department') {
      const d = departments.find((x) => x.id === key);
      return { nameZh: d?.nameZh ?? null, nameEn: d?.nameEn ?? null };
    }
    if (q.groupBy === 'district') return areaNames.get(key) ?? { nameZh: null, nameEn: null };
    return { nameZh: null, nameEn: null };
  };
  const trend = metricsBy(cases, (c) => monthIn(c.receivedAt, timeZone), ctx.now, reopenDays).sort((a, b) => a.key.localeCompare(b.key));
  return {
    from: q.from ?? null,
    to: q.to ?? null,
    reopenDays,
    total: computeMetrics(cases, ctx.now, reopenDays),
    groups: metricsBy(cases, keyOf, ctx.now, reopenDays)
      .map((g) => ({ key: g.key, ...nameOf(g.key), metrics: g.metrics }))
      .sort((a, b) => b.metrics.received - a.metrics.received || String(a.key).localeCompare(String(b.key))),
    trend: trend.map((t) => ({ period: t.key, metrics: t.metrics })),
  };
};

export const systemicIssues = async (ctx: ServiceContext, centreId: string, q: { from?: string | undefined; to?: string | undefined; minEnterprises?: number | undefined }): Promise<z.infer<typeof ZTopicCluster>[]> => {
  requireAnalystOrOfficer(ctx, centreId);
  const rows = await repo.demandsForMetrics(ctx.db, { centreId, ...periodRange(q, await centreTimeZone(ctx.db, centreId)) });
  const clusters = clusterTopics(
    rows.map((r) => ({ id: r.id, enterpriseId: r.enterpriseId, words: r.topicWords })),
    { threshold: 0.3, minEnterprises: q.minEnterprises ?? 2, keywordCount: 6 },
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const names = await repo.namesOf(ctx.db, clusters.flatMap((c) => c.enterpriseIds));
  return clusters.map((c) => ({
    keywords: c.keywords,
    demands: c.demandIds.map((id) => {
      const r = byId.get(id) as (typeof rows)[number];
      return { id, reference: r.reference, title: r.title, type: r.type as DemandType, state: r.state };
    }),
    enterprises: c.enterpriseIds.map((id) => names.get(id) ?? { id, nameZh: null, nameEn: null }),
    cohesion: c.cohesion,
  }));
};

// ---------------------------------------------------------------- one view per enterprise
export const enterpriseView = async (ctx: ServiceContext, centreId: string, enterpriseId: string): Promise<z.infer<typeof ZEnterpriseServiceView>> => {
  const user = requireUser(ctx);
  if (!isServiceOfficer(user, centreId) && !isEnterpriseMember(user, enterpriseId)) throw new AppError('NOT_FOUND', `No enterprise ${enterpriseId}`);
  const e = await repo.findEnterprise(ctx.db, centreId, enterpriseId);
  if (!e) throw new AppError('NOT_FOUND', `No enterprise ${enterpriseId}`);
  const [tiers, pkg, all, visits, applications] = await Promise.all([
    repo.tiersOf(ctx.db, [e.id]),
    repo.activePackageOf(ctx.db, e.id),
    repo.listDemands(ctx.db, { centreId, enterpriseIds: [e.id] }, { limit: 200, offset: 0 }, 200),
    isServiceOfficer(user, centreId) ? listVisits(ctx, centreId, e.id) : Promise.resolve([]),
    repo.applicationsOf(ctx.db, e.id),
  ]);
  const items = await summaries(ctx.db, centreId, all.rows, ctx.now);
  const open = new Set(['received', 'accepted', 'in_progress', 'reopened']);
  return {
    enterprise: { id: e.id, nameZh: e.nameZh, nameEn: e.nameEn, areaId: e.areaId, kind: e.kind, tiers: tiers.get(e.id) ?? [], isSample: e.isSample },
    package: pkg && packageRoles(user, pkg, centreId).length ? ((await toPackages(ctx.db, ctx, [pkg], centreId))[0] ?? null) : null,
    openDemands: items.filter((d) => open.has(d.state)),
    closedDemands: items.filter((d) => !open.has(d.state)),
    visits,
    applications,
  };
};

export const SERVICE_SETTINGS = { ladder: DEFAULT_LADDER, serviceLevels: DEFAULT_SERVICE_LEVELS };
export type { DemandAction };
