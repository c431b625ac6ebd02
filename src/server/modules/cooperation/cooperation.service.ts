import { randomUUID } from 'node:crypto';
import { countByCountry, regionProblems, regionalStatistics } from '../../../core/cooperation/index.js';
import { DEFAULT_REGIONAL_CONFIG, type HostedOrgKind, type PartnerSide, type RegionalRecordKind } from '../../../shared/cooperation-vocabulary.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { TAgreement, TAgreementInput, TCooperationStatistics, THostedOrg, THostedOrgInput, TJointLab, TJointLabInput, TRegionalConfig, TRegionalRecord, TRegionalRecordInput, TRegionalRecordQuery } from '../../../shared/schemas/cooperation.js';
import { readTogether, withWriteTx, type ReadTx } from '../../../db/tx.js';
import { auditWrite } from '../../audit.js';
import { assertCentreScope, type ServiceContext } from '../../context.js';
import { AppError, bodyIssue, invalidBody, staleVersion } from '../../errors.js';
import { findCentre } from '../contracts/contracts.repository.js';
import { publishedFigures } from '../indicators/indicators.repository.js';
import * as repo from './cooperation.repository.js';

/**
 * International and regional cooperation: joint laboratories, hosted
 * international organisations, agreements, and records of projects,
 * technology contracts and relocations between the regions the centre
 * configures (Beijing–Tianjin–Hebei unless it says otherwise). Read with
 * centre:read, kept with cooperation:manage, every write audited.
 */

/** Published figures on international cooperation shown beside the records' counts (seeded or imported, never derived). */
export const PUBLISHED_COOPERATION_CODES = ['foreign_rnd_centres', 'zgc_forum_events'];

const loadCentre = async (tx: ReadTx, centreId: string) => {
  if (!(await findCentre(tx, centreId))) throw new AppError('NOT_FOUND', `No centre ${centreId}`);
};
const readScope = async (ctx: ServiceContext, centreId: string) => {
  assertCentreScope(ctx, centreId);
  await loadCentre(ctx.db, centreId);
};

const checkOrganisation = async (tx: ReadTx, centreId: string, entityId: string, path: string, issues: FieldIssue[]) => {
  const org = await repo.findOrganisation(tx, centreId, entityId);
  if (!org || org.status !== 'active' || org.category === 'person') issues.push(bodyIssue(path, 'unknown_entity', `No active organisation ${entityId} in this centre's registry`));
  return org;
};

// ---------------------------------------------------------------- configuration
const configOf = async (tx: ReadTx, centreId: string): Promise<TRegionalConfig> => {
  const row = await repo.findConfig(tx, centreId);
  if (!row) return { nameZh: DEFAULT_REGIONAL_CONFIG.nameZh, nameEn: DEFAULT_REGIONAL_CONFIG.nameEn, homeCountry: DEFAULT_REGIONAL_CONFIG.homeCountry, regions: DEFAULT_REGIONAL_CONFIG.regions.map((r) => ({ ...r, lon: r.lon ?? null, lat: r.lat ?? null })), isDefault: true, version: null };
  return { nameZh: row.nameZh, nameEn: row.nameEn, homeCountry: row.homeCountry, regions: row.regions, isDefault: false, version: row.version };
};

export const getConfig = async (ctx: ServiceContext, centreId: string): Promise<TRegionalConfig> => {
  await readScope(ctx, centreId);
  return configOf(ctx.db, centreId);
};

export const putConfig = async (ctx: ServiceContext, centreId: string, input: Omit<TRegionalConfig, 'isDefault'>): Promise<TRegionalConfig> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await loadCentre(tx, centreId);
    const issues = regionProblems(input.regions).map((p) => bodyIssue(`regions.${p.index}.code`, p.reason, p.reason === 'region_code' ? 'use a six-digit GB/T 2260 code such as 110000' : 'each region once'));
    const codes = new Set(input.regions.map((r) => r.code));
    for (const used of await repo.usedRegions(tx, centreId)) if (!codes.has(used)) issues.push(bodyIssue('regions', 'region_in_use', `records name region ${used}; keep it or change those records first`, { code: used }));
    if (issues.length) throw invalidBody(issues);
    const before = await configOf(tx, centreId);
    const row = await repo.findConfig(tx, centreId);
    const values = { nameZh: input.nameZh, nameEn: input.nameEn, homeCountry: input.homeCountry, regions: input.regions, updatedAt: ctx.now };
    if (!row) {
      if (input.version !== null) throw staleVersion('The regional configuration');
      await repo.insertConfig(tx, { centreId, ...values });
    } else if (input.version === null || !(await repo.updateConfig(tx, centreId, input.version, values))) throw staleVersion('The regional configuration');
    const after = await configOf(tx, centreId);
    await auditWrite(tx, ctx, centreId, 'collaboration_config.put', 'collaboration_config', centreId, before, after);
    return after;
  });
};

// ---------------------------------------------------------------- partners
/** Check partners (registry links, countries on the right side of the border); rows to store, names filled from the registry. */
const checkPartners = async (tx: ReadTx, centreId: string, partners: TJointLabInput['partners'], path: string, homeCountry: string, issues: FieldIssue[], needBothSides: boolean): Promise<repo.PartnerRow[]> => {
  const rows: repo.PartnerRow[] = [];
  for (const [i, p] of partners.entries()) {
    let name = p.name;
    if (p.entityId) {
      const org = await checkOrganisation(tx, centreId, p.entityId, `${path}.${i}.entityId`, issues);
      if (!name && org) name = org.nameZh ?? org.nameEn;
    }
    if (!name) issues.push(bodyIssue(`${path}.${i}.name`, 'required', 'name the partner or pick it from the registry'));
    if (p.side === 'foreign' && p.country === homeCountry) issues.push(bodyIssue(`${path}.${i}.country`, 'home_country', `a foreign partner's country cannot be ${homeCountry}`));
    rows.push({ position: i, side: p.side, name, entityId: p.entityId, country: p.country });
  }
  if (needBothSides) {
    if (!partners.some((p) => p.side === 'local')) issues.push(bodyIssue(path, 'local_partner_required', 'add at least one local partner'));
    if (!partners.some((p) => p.side === 'foreign')) issues.push(bodyIssue(path, 'foreign_partner_required', 'add at least one foreign partner'));
  }
  return rows;
};
const partnerOut = (rows: repo.PartnerRow[] | undefined) => (rows ?? []).map((p) => ({ side: p.side as PartnerSide, entityId: p.entityId, name: p.name, country: p.country }));
const dateOrder = (from: string | null, to: string | null, path: string, issues: FieldIssue[]) => {
  if (from && to && to < from) issues.push(bodyIssue(path, 'before_start', 'cannot be before the start date'));
};

// ---------------------------------------------------------------- joint labs
const labOut = (r: repo.LabRow, partners: Map<string, repo.PartnerRow[]>): TJointLab => ({ id: r.id, nameZh: r.nameZh, nameEn: r.nameEn, field: r.field, establishedOn: r.establishedOn, endedOn: r.endedOn, partners: partnerOut(partners.get(r.id)), sourceNote: r.sourceNote, isSample: r.isSample, version: r.version });
export const listLabs = async (ctx: ServiceContext, centreId: string): Promise<TJointLab[]> => {
  await readScope(ctx, centreId);
  const rows = await repo.listLabs(ctx.db, centreId);
  const partners = await repo.labPartners(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => labOut(r, partners));
};
const loadLab = async (tx: ReadTx, centreId: string, id: string) => {
  const row = await repo.findLab(tx, centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No joint laboratory ${id}`);
  return labOut(row, await repo.labPartners(tx, [id]));
};
const checkLab = async (tx: ReadTx, centreId: string, input: TJointLabInput) => {
  const issues: FieldIssue[] = [];
  const { homeCountry } = await configOf(tx, centreId);
  const partners = await checkPartners(tx, centreId, input.partners, 'partners', homeCountry, issues, true);
  dateOrder(input.establishedOn, input.endedOn, 'endedOn', issues);
  if (issues.length) throw invalidBody(issues);
  return partners;
};
const labColumns = ({ partners: _p, ...rest }: TJointLabInput) => rest;

export const createLab = async (ctx: ServiceContext, centreId: string, input: TJointLabInput): Promise<TJointLab> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await loadCentre(tx, centreId);
    const partners = await checkLab(tx, centreId, input);
    const id = randomUUID();
    await repo.insertLab(tx, { id, centreId, ...labColumns(input), createdAt: ctx.now, updatedAt: ctx.now });
    await repo.replaceLabPartners(tx, id, partners);
    const after = await loadLab(tx, centreId, id);
    await auditWrite(tx, ctx, centreId, 'joint_lab.create', 'joint_lab', id, null, after);
    return after;
  });
};
export const updateLab = async (ctx: ServiceContext, centreId: string, id: string, input: TJointLabInput & { version: number }): Promise<TJointLab> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await loadLab(tx, centreId, id);
    const partners = await checkLab(tx, centreId, input);
    const { version, ...rest } = input;
    if (!(await repo.updateLab(tx, id, version, { ...labColumns(rest), updatedAt: ctx.now }))) throw staleVersion('The joint laboratory');
    await repo.replaceLabPartners(tx, id, partners);
    const after = await loadLab(tx, centreId, id);
    await auditWrite(tx, ctx, centreId, 'joint_lab.update', 'joint_lab', id, before, after);
    return after;
  });
};
export const deleteLab = async (ctx: ServiceContext, centreId: string, id: string): Promise<void> => {
  assertCentreScope(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const before = await loadLab(tx, centreId, id);
    await repo.deleteLab(tx, id);
    await auditWrite(tx, ctx, centreId, 'joint_lab.delete', 'joint_lab', id, before, null);
  });
};

// ---------------------------------------------------------------- hosted organisations
const hostedOut = (r: repo.HostedRow): THostedOrg => ({ id: r.id, entityId: r.entityId, nameZh: r.nameZh, nameEn: r.nameEn, kind: r.kind as HostedOrgKind, field: r.field, memberCountries: r.memberCountries, hostedSince: r.hostedSince, hostedUntil: r.hostedUntil, sourceNote: r.sourceNote, isSample: r.isSample, version: r.version });
export const listHosted = async (ctx: ServiceContext, centreId: string): Promise<THostedOrg[]> => {
  await readScope(ctx, centreId);
  return (await repo.listHosted(ctx.db, centreId)).map(hostedOut);
};
const loadHosted = async (tx: ReadTx, centreId: string, id: string) => {
  const row = await repo.findHosted(tx, centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No hosted organisation ${id}`);
  return hostedOut(row);
};
const checkHosted = async (tx: ReadTx, centreId: string, input: THostedOrgInput) => {
  const issues: FieldIssue[] = [];
  if (input.entityId) await checkOrganisation(tx, centreId, input.entityId, 'entityId', issues);
  dateOrder(input.hostedSince, input.hostedUntil, 'hostedUntil', issues);
  if (issues.length) throw invalidBody(issues);
};
const hostedColumns = (input: THostedOrgInput) => ({ ...input, memberCountries: [...new Set(input.memberCountries)] });
export const createHosted = async (ctx: ServiceContext, centreId: string, input: THostedOrgInput): Promise<THostedOrg> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await loadCentre(tx, centreId);
    await checkHosted(tx, centreId, input);
    const id = randomUUID();
    await repo.insertHosted(tx, { id, centreId, ...hostedColumns(input), createdAt: ctx.now, updatedAt: ctx.now });
    const after = await loadHosted(tx, centreId, id);
    await auditWrite(tx, ctx, centreId, 'hosted_organisation.create', 'hosted_organisation', id, null, after);
    return after;
  });
};
export const updateHosted = async (ctx: ServiceContext, centreId: string, id: string, input: THostedOrgInput & { version: number }): Promise<THostedOrg> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await loadHosted(tx, centreId, id);
    await checkHosted(tx, centreId, input);
    const { version, ...rest } = input;
    const row = await repo.updateHosted(tx, id, version, { ...hostedColumns(rest), updatedAt: ctx.now });
    if (!row) throw staleVersion('The hosted organisation');
    await auditWrite(tx, ctx, centreId, 'hosted_organisation.update', 'hosted_organisation', id, before, hostedOut(row));
    return hostedOut(row);
  });
};
export const deleteHosted = async (ctx: ServiceContext, centreId: string, id: string): Promise<void> => {
  assertCentreScope(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const before = await loadHosted(tx, centreId, id);
    await repo.deleteHosted(tx, id);
    await auditWrite(tx, ctx, centreId, 'hosted_organisation.delete', 'hosted_organisation', id, before, null);
  });
};

// ---------------------------------------------------------------- agreements
const agreementOut = (r: repo.AgreementRow, parties: Map<string, repo.PartnerRow[]>): TAgreement => ({ id: r.id, title: r.title, subject: r.subject, signedOn: r.signedOn, endsOn: r.endsOn, parties: partnerOut(parties.get(r.id)), sourceNote: r.sourceNote, isSample: r.isSample, version: r.version });
export const listAgreements = async (ctx: ServiceContext, centreId: string): Promise<TAgreement[]> => {
  await readScope(ctx, centreId);
  const rows = await repo.listAgreements(ctx.db, centreId);
  const parties = await repo.agreementParties(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => agreementOut(r, parties));
};
const loadAgreement = async (tx: ReadTx, centreId: string, id: string) => {
  const row = await repo.findAgreement(tx, centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No cooperation agreement ${id}`);
  return agreementOut(row, await repo.agreementParties(tx, [id]));
};
const checkAgreement = async (tx: ReadTx, centreId: string, input: TAgreementInput) => {
  const issues: FieldIssue[] = [];
  const { homeCountry } = await configOf(tx, centreId);
  const parties = await checkPartners(tx, centreId, input.parties, 'parties', homeCountry, issues, false);
  dateOrder(input.signedOn, input.endsOn, 'endsOn', issues);
  if (issues.length) throw invalidBody(issues);
  return parties;
};
const agreementColumns = ({ parties: _p, ...rest }: TAgreementInput) => rest;
export const createAgreement = async (ctx: ServiceContext, centreId: string, input: TAgreementInput): Promise<TAgreement> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await loadCentre(tx, centreId);
    const parties = await checkAgreement(tx, centreId, input);
    const id = randomUUID();
    await repo.insertAgreement(tx, { id, centreId, ...agreementColumns(input), createdAt: ctx.now, updatedAt: ctx.now });
    await repo.replaceAgreementParties(tx, id, parties);
    const after = await loadAgreement(tx, centreId, id);
    await auditWrite(tx, ctx, centreId, 'cooperation_agreement.create', 'cooperation_agreement', id, null, after);
    return after;
  });
};
export const updateAgreement = async (ctx: ServiceContext, centreId: string, id: string, input: TAgreementInput & { version: number }): Promise<TAgreement> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await loadAgreement(tx, centreId, id);
    const parties = await checkAgreement(tx, centreId, input);
    const { version, ...rest } = input;
    if (!(await repo.updateAgreement(tx, id, version, { ...agreementColumns(rest), updatedAt: ctx.now }))) throw staleVersion('The agreement');
    await repo.replaceAgreementParties(tx, id, parties);
    const after = await loadAgreement(tx, centreId, id);
    await auditWrite(tx, ctx, centreId, 'cooperation_agreement.update', 'cooperation_agreement', id, before, after);
    return after;
  });
};
export const deleteAgreement = async (ctx: ServiceContext, centreId: string, id: string): Promise<void> => {
  assertCentreScope(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const before = await loadAgreement(tx, centreId, id);
    await repo.deleteAgreement(tx, id);
    await auditWrite(tx, ctx, centreId, 'cooperation_agreement.delete', 'cooperation_agreement', id, before, null);
  });
};

// ---------------------------------------------------------------- regional records
const regionalOut = (r: repo.RegionalRow): TRegionalRecord => ({ id: r.id, kind: r.kind as RegionalRecordKind, fromRegion: r.fromRegion, toRegion: r.toRegion, title: r.title, entityId: r.entityId, organisationName: r.organisationName, occurredOn: r.occurredOn, amount: r.amount, sourceNote: r.sourceNote, isSample: r.isSample, version: r.version });
export const listRegional = async (ctx: ServiceContext, centreId: string, query: TRegionalRecordQuery) => {
  await readScope(ctx, centreId);
  const { limit, offset, ...filter } = query;
  const { rows, total } = await repo.listRegional(ctx.db, { centreId, ...filter }, limit, offset);
  return { items: rows.map(regionalOut), total };
};
const loadRegional = async (tx: ReadTx, centreId: string, id: string) => {
  const row = await repo.findRegional(tx, centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No regional collaboration record ${id}`);
  return regionalOut(row);
};
const checkRegional = async (tx: ReadTx, centreId: string, input: TRegionalRecordInput) => {
  const issues: FieldIssue[] = [];
  const { regions } = await configOf(tx, centreId);
  const codes = new Set(regions.map((r) => r.code));
  for (const key of ['fromRegion', 'toRegion'] as const) if (!codes.has(input[key])) issues.push(bodyIssue(key, 'unknown_region', `${input[key]} is not one of the regions (${[...codes].join(', ')})`));
  if (input.fromRegion === input.toRegion) issues.push(bodyIssue('toRegion', 'same_region', 'a record goes from one region to another'));
  let organisationName = input.organisationName;
  if (input.entityId) {
    const org = await checkOrganisation(tx, centreId, input.entityId, 'entityId', issues);
    if (!organisationName && org) organisationName = org.nameZh ?? org.nameEn;
  }
  if (!organisationName) issues.push(bodyIssue('organisationName', 'required', 'name the organisation or pick it from the registry'));
  if (issues.length) throw invalidBody(issues);
  return { ...input, organisationName };
};
export const createRegional = async (ctx: ServiceContext, centreId: string, input: TRegionalRecordInput): Promise<TRegionalRecord> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await loadCentre(tx, centreId);
    const values = await checkRegional(tx, centreId, input);
    const id = randomUUID();
    await repo.insertRegional(tx, { id, centreId, ...values, createdAt: ctx.now, updatedAt: ctx.now });
    const after = await loadRegional(tx, centreId, id);
    await auditWrite(tx, ctx, centreId, 'regional_record.create', 'regional_record', id, null, after);
    return after;
  });
};
export const updateRegional = async (ctx: ServiceContext, centreId: string, id: string, input: TRegionalRecordInput & { version: number }): Promise<TRegionalRecord> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await loadRegional(tx, centreId, id);
    const { version, ...rest } = input;
    const values = await checkRegional(tx, centreId, rest);
    const row = await repo.updateRegional(tx, id, version, { ...values, updatedAt: ctx.now });
    if (!row) throw staleVersion('The regional collaboration record');
    await auditWrite(tx, ctx, centreId, 'regional_record.update', 'regional_record', id, before, regionalOut(row));
    return regionalOut(row);
  });
};
export const deleteRegional = async (ctx: ServiceContext, centreId: string, id: string): Promise<void> => {
  assertCentreScope(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const before = await loadRegional(tx, centreId, id);
    await repo.deleteRegional(tx, id);
    await auditWrite(tx, ctx, centreId, 'regional_record.delete', 'regional_record', id, before, null);
  });
};

// ---------------------------------------------------------------- statistics
export const cooperationStatistics = async (ctx: ServiceContext, centreId: string): Promise<TCooperationStatistics> => {
  await readScope(ctx, centreId);
  const [config, regional, countries, hosted, published] = await readTogether(ctx.db, [() => configOf(ctx.db, centreId), () => repo.allRegional(ctx.db, centreId), () => repo.partnerCountries(ctx.db, centreId), () => repo.listHosted(ctx.db, centreId), () => publishedFigures(ctx.db, centreId, [{ codes: PUBLISHED_COOPERATION_CODES }])] as const);
  const stats = regionalStatistics(regional.map((r) => ({ ...r, kind: r.kind as RegionalRecordKind })), config.regions.map((r) => r.code));
  const group = (rows: { id: string; country: string }[]) => {
    const m = new Map<string, string[]>();
    for (const r of rows) m.set(r.id, [...(m.get(r.id) ?? []), r.country]);
    return m;
  };
  const labs = group(countries.labs);
  const agreements = group(countries.agreements);
  return {
    config,
    regional: { byYearKind: stats.byYearKind, flows: stats.flows.map(({ recordIds: _ids, ...f }) => f), unconfigured: stats.unconfigured, samples: regional.filter((r) => r.isSample).length },
    international: {
      byCountry: countByCountry({ jointLabs: [...labs].map(([id, c]) => ({ id, partnerCountries: c })), agreements: [...agreements].map(([id, c]) => ({ id, partyCountries: c })), hostedOrganisations: hosted.map((h) => ({ id: h.id, memberCountries: h.memberCountries })) }, config.homeCountry),
      jointLabs: labs.size,
      agreements: agreements.size,
      hostedOrganisations: hosted.length,
    },
    published,
  };
};
