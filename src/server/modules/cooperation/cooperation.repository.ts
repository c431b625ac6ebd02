import { and, asc, count, desc, eq, inArray, like, type SQL } from 'drizzle-orm';
import { collaborationConfigs, cooperationAgreementParties, cooperationAgreements, entities, hostedOrganisations, jointLabPartners, jointLabs, regionalRecords } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

export type LabRow = typeof jointLabs.$inferSelect;
export type HostedRow = typeof hostedOrganisations.$inferSelect;
export type AgreementRow = typeof cooperationAgreements.$inferSelect;
export type RegionalRow = typeof regionalRecords.$inferSelect;
export type PartnerRow = { position: number; side: string; name: string; entityId: string | null; country: string };

export const findOrganisation = async (tx: ReadTx, centreId: string, id: string) =>
  (await tx.select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, category: entities.category, status: entities.status }).from(entities).where(and(eq(entities.centreId, centreId), eq(entities.id, id))))[0];

// ---------------------------------------------------------------- config
export const findConfig = async (tx: ReadTx, centreId: string) => (await tx.select().from(collaborationConfigs).where(eq(collaborationConfigs.centreId, centreId)))[0];
export const insertConfig = async (tx: WriteTx, row: typeof collaborationConfigs.$inferInsert) => {
  await tx.insert(collaborationConfigs).values(row);
};
export const updateConfig = async (tx: WriteTx, centreId: string, version: number, patch: Partial<typeof collaborationConfigs.$inferInsert>) =>
  (await tx.update(collaborationConfigs).set({ ...patch, version: version + 1 }).where(and(eq(collaborationConfigs.centreId, centreId), eq(collaborationConfigs.version, version))).returning())[0];
/** Region codes the centre's records use (a configuration may not drop one). */
export const usedRegions = async (tx: ReadTx, centreId: string): Promise<Set<string>> => {
  const rows = await tx.selectDistinct({ from: regionalRecords.fromRegion, to: regionalRecords.toRegion }).from(regionalRecords).where(eq(regionalRecords.centreId, centreId));
  return new Set(rows.flatMap((r) => [r.from, r.to]));
};

// ---------------------------------------------------------------- joint labs
export const listLabs = (tx: ReadTx, centreId: string) => tx.select().from(jointLabs).where(eq(jointLabs.centreId, centreId)).orderBy(desc(jointLabs.establishedOn), asc(jointLabs.id));
export const findLab = async (tx: ReadTx, centreId: string, id: string) => (await tx.select().from(jointLabs).where(and(eq(jointLabs.centreId, centreId), eq(jointLabs.id, id))))[0];
export const labPartners = async (tx: ReadTx, ids: readonly string[]): Promise<Map<string, PartnerRow[]>> => {
  const out = new Map<string, PartnerRow[]>();
  if (!ids.length) return out;
  for (const { labId, ...p } of await tx.select().from(jointLabPartners).where(inArray(jointLabPartners.labId, [...ids])).orderBy(asc(jointLabPartners.position))) out.set(labId, [...(out.get(labId) ?? []), p]);
  return out;
};
export const insertLab = async (tx: WriteTx, row: typeof jointLabs.$inferInsert) => {
  await tx.insert(jointLabs).values(row);
};
export const updateLab = async (tx: WriteTx, id: string, version: number, patch: Partial<typeof jointLabs.$inferInsert>) =>
  (await tx.update(jointLabs).set({ ...patch, version: version + 1 }).where(and(eq(jointLabs.id, id), eq(jointLabs.version, version))).returning())[0];
export const deleteLab = async (tx: WriteTx, id: string) => {
  await tx.delete(jointLabs).where(eq(jointLabs.id, id));
};
export const replaceLabPartners = async (tx: WriteTx, labId: string, rows: PartnerRow[]) => {
  await tx.delete(jointLabPartners).where(eq(jointLabPartners.labId, labId));
  if (rows.length) await tx.insert(jointLabPartners).values(rows.map((r) => ({ ...r, labId })));
};

// ---------------------------------------------------------------- hosted organisations
export const listHosted = (tx: ReadTx, centreId: string) => tx.select().from(hostedOrganisations).where(eq(hostedOrganisations.centreId, centreId)).orderBy(desc(hostedOrganisations.hostedSince), asc(hostedOrganisations.id));
export const findHosted = async (tx: ReadTx, centreId: string, id: string) => (await tx.select().from(hostedOrganisations).where(and(eq(hostedOrganisations.centreId, centreId), eq(hostedOrganisations.id, id))))[0];
export const insertHosted = async (tx: WriteTx, row: typeof hostedOrganisations.$inferInsert) => {
  await tx.insert(hostedOrganisations).values(row);
};
export const updateHosted = async (tx: WriteTx, id: string, version: number, patch: Partial<typeof hostedOrganisations.$inferInsert>) =>
  (await tx.update(hostedOrganisations).set({ ...patch, version: version + 1 }).where(and(eq(hostedOrganisations.id, id), eq(hostedOrganisations.version, version))).returning())[0];
export const deleteHosted = async (tx: WriteTx, id: string) => {
  await tx.delete(hostedOrganisations).where(eq(hostedOrganisations.id, id));
};

// ---------------------------------------------------------------- agreements
export const listAgreements = (tx: ReadTx, centreId: string) => tx.select().from(cooperationAgreements).where(eq(cooperationAgreements.centreId, centreId)).orderBy(desc(cooperationAgreements.signedOn), asc(cooperationAgreements.id));
export const findAgreement = async (tx: ReadTx, centreId: string, id: string) => (await tx.select().from(cooperationAgreements).where(and(eq(cooperationAgreements.centreId, centreId), eq(cooperationAgreements.id, id))))[0];
export const agreementParties = async (tx: ReadTx, ids: readonly string[]): Promise<Map<string, PartnerRow[]>> => {
  const out = new Map<string, PartnerRow[]>();
  if (!ids.length) return out;
  for (const { agreementId, ...p } of await tx.select().from(cooperationAgreementParties).where(inArray(cooperationAgreementParties.agreementId, [...ids])).orderBy(asc(cooperationAgreementParties.position))) out.set(agreementId, [...(out.get(agreementId) ?? []), p]);
  return out;
};
export const insertAgreement = async (tx: WriteTx, row: typeof cooperationAgreements.$inferInsert) => {
  await tx.insert(cooperationAgreements).values(row);
};
export const updateAgreement = async (tx: WriteTx, id: string, version: number, patch: Partial<typeof cooperationAgreements.$inferInsert>) =>
  (await tx.update(cooperationAgreements).set({ ...patch, version: version + 1 }).where(and(eq(cooperationAgreements.id, id), eq(cooperationAgreements.version, version))).returning())[0];
export const deleteAgreement = async (tx: WriteTx, id: string) => {
  await tx.delete(cooperationAgreements).where(eq(cooperationAgreements.id, id));
};
export const replaceAgreementParties = async (tx: WriteTx, agreementId: string, rows: PartnerRow[]) => {
  await tx.delete(cooperationAgreementParties).where(eq(cooperationAgreementParties.agreementId, agreementId));
  if (rows.length) await tx.insert(cooperationAgreementParties).values(rows.map((r) => ({ ...r, agreementId })));
};

// ---------------------------------------------------------------- regional records
export type RegionalFilter = { centreId: string; kind?: string | undefined; year?: number | undefined; fromRegion?: string | undefined; toRegion?: string | undefined };
const regionalWhere = (f: RegionalFilter): SQL =>
  and(eq(regionalRecords.centreId, f.centreId), ...(f.kind ? [eq(regionalRecords.kind, f.kind)] : []), ...(f.year ? [like(regionalRecords.occurredOn, `${f.year}-%`)] : []), ...(f.fromRegion ? [eq(regionalRecords.fromRegion, f.fromRegion)] : []), ...(f.toRegion ? [eq(regionalRecords.toRegion, f.toRegion)] : [])) as SQL;
export const listRegional = async (tx: ReadTx, f: RegionalFilter, limit: number, offset: number) => {
  const where = regionalWhere(f);
  const [rows, [total]] = await Promise.all([tx.select().from(regionalRecords).where(where).orderBy(desc(regionalRecords.occurredOn), asc(regionalRecords.id)).limit(limit).offset(offset), tx.select({ n: count() }).from(regionalRecords).where(where)]);
  return { rows, total: Number(total?.n ?? 0) };
};
export const allRegional = (tx: ReadTx, centreId: string) => tx.select().from(regionalRecords).where(eq(regionalRecords.centreId, centreId));
export const findRegional = async (tx: ReadTx, centreId: string, id: string) => (await tx.select().from(regionalRecords).where(and(eq(regionalRecords.centreId, centreId), eq(regionalRecords.id, id))))[0];
export const insertRegional = async (tx: WriteTx, row: typeof regionalRecords.$inferInsert) => {
  await tx.insert(regionalRecords).values(row);
};
export const updateRegional = async (tx: WriteTx, id: string, version: number, patch: Partial<typeof regionalRecords.$inferInsert>) =>
  (await tx.update(regionalRecords).set({ ...patch, version: version + 1 }).where(and(eq(regionalRecords.id, id), eq(regionalRecords.version, version))).returning())[0];
export const deleteRegional = async (tx: WriteTx, id: string) => {
  await tx.delete(regionalRecords).where(eq(regionalRecords.id, id));
};

/** Partner countries of every lab and agreement (for counts by country). */
export const partnerCountries = async (tx: ReadTx, centreId: string) => {
  const [labs, agreements] = await Promise.all([
    tx.select({ id: jointLabPartners.labId, country: jointLabPartners.country }).from(jointLabPartners).innerJoin(jointLabs, eq(jointLabs.id, jointLabPartners.labId)).where(eq(jointLabs.centreId, centreId)),
    tx.select({ id: cooperationAgreementParties.agreementId, country: cooperationAgreementParties.country }).from(cooperationAgreementParties).innerJoin(cooperationAgreements, eq(cooperationAgreements.id, cooperationAgreementParties.agreementId)).where(eq(cooperationAgreements.centreId, centreId)),
  ]);
  return { labs, agreements };
};
