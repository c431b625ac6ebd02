import { and, asc, desc, eq, ilike, inArray, isNull, lte, gte, or, sql, type SQL } from 'drizzle-orm';
import {
  areas,
  enterpriseFactAnswers,
  entities,
  entityFacts,
  policies,
  policyPushConsents,
  policyStackingRules,
  policyVersions,
  recognitions,
  users,
} from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

export type PolicyRow = typeof policies.$inferSelect;
export type PolicyVersionRow = typeof policyVersions.$inferSelect;
export type StackingRuleRow = typeof policyStackingRules.$inferSelect;
export type FactAnswerRow = typeof enterpriseFactAnswers.$inferSelect;
export type PushConsentRow = typeof policyPushConsents.$inferSelect;

/** A version without its text, clauses and benefits: what lists show. */
export type VersionSummaryRow = Pick<PolicyVersionRow, 'id' | 'policyId' | 'version' | 'state' | 'validFrom' | 'validTo' | 'publishedAt'> & { benefitCount: number };

// --- policies ------------------------------------------------------------------

export const listPolicyRows = (tx: ReadTx, centreId: string, filter: { level?: string | undefined; issuer?: string | undefined; q?: string | undefined }): Promise<PolicyRow[]> => {
  const where: SQL[] = [eq(policies.centreId, centreId)];
  if (filter.level) where.push(eq(policies.level, filter.level));
  if (filter.issuer) where.push(ilike(policies.issuer, `%${escapeLike(filter.issuer)}%`));
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    where.push(or(ilike(policies.titleZh, like), ilike(policies.titleEn, like), ilike(policies.code, like), ilike(policies.issuer, like), ilike(policies.documentNumber, like)) as SQL);
  }
  return tx
    .select()
    .from(policies)
    .where(and(...where))
    .orderBy(asc(policies.code));
};

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export const findPolicyByCode = async (tx: ReadTx, centreId: string, code: string): Promise<PolicyRow | undefined> =>
  (await tx.select().from(policies).where(and(eq(policies.centreId, centreId), eq(policies.code, code))).limit(1))[0];

export const listPolicyRowsByCode = async (tx: ReadTx, centreId: string, codes: string[]): Promise<PolicyRow[]> =>
  codes.length === 0 ? [] : tx.select().from(policies).where(and(eq(policies.centreId, centreId), inArray(policies.code, codes)));

/** Lock the policy row for the rest of the transaction: publishing checks its versions' dates, so two publishes take turns. */
export const lockPolicy = async (tx: WriteTx, id: string): Promise<void> => {
  await tx.select({ id: policies.id }).from(policies).where(eq(policies.id, id)).for('update');
};

// --- versions ------------------------------------------------------------------

export const listVersionSummaries = async (tx: ReadTx, policyIds: string[]): Promise<VersionSummaryRow[]> =>
  policyIds.length === 0
    ? []
    : tx
        .select({
          id: policyVersions.id,
          policyId: policyVersions.policyId,
          version: policyVersions.version,
          state: policyVersions.state,
          validFrom: policyVersions.validFrom,
          validTo: policyVersions.validTo,
          publishedAt: policyVersions.publishedAt,
          benefitCount: sql<number>`jsonb_array_length(${policyVersions.benefits})::int`,
        })
        .from(policyVersions)
        .where(inArray(policyVersions.policyId, policyIds))
        .orderBy(asc(policyVersions.policyId), asc(policyVersions.version));

export const listVersionRows = (tx: ReadTx, policyId: string): Promise<PolicyVersionRow[]> =>
  tx.select().from(policyVersions).where(eq(policyVersions.policyId, policyId)).orderBy(asc(policyVersions.version));

export const findVersionRow = async (tx: ReadTx, policyId: string, version: number): Promise<PolicyVersionRow | undefined> =>
  (await tx.select().from(policyVersions).where(and(eq(policyVersions.policyId, policyId), eq(policyVersions.version, version))).limit(1))[0];

export const findLatestVersionRow = async (tx: ReadTx, policyId: string): Promise<PolicyVersionRow | undefined> =>
  (await tx.select().from(policyVersions).where(eq(policyVersions.policyId, policyId)).orderBy(desc(policyVersions.version)).limit(1))[0];

/** Every published version of the centre's policies in force on `date` (YYYY-MM-DD), with its policy. */
export const listVersionsInForce = async (tx: ReadTx, centreId: string, date: string, policyId?: string): Promise<{ policy: PolicyRow; version: PolicyVersionRow }[]> =>
  tx
    .select({ policy: policies, version: policyVersions })
    .from(policyVersions)
    .innerJoin(policies, eq(policies.id, policyVersions.policyId))
    .where(
      and(
        eq(policies.centreId, centreId),
        ...(policyId ? [eq(policies.id, policyId)] : []),
        eq(policyVersions.state, 'published'),
        lte(policyVersions.validFrom, date),
        or(isNull(policyVersions.validTo), gte(policyVersions.validTo, date)),
      ),
    )
    .orderBy(asc(policies.code), asc(policyVersions.version));

/** The benefit codes each version of these policies holds, for checking stacking rules' keys and naming their benefits. */
export const listBenefitNames = async (
  tx: ReadTx,
  policyIds: string[],
): Promise<{ policyId: string; version: number; state: string; code: string; nameZh: string | null; nameEn: string | null }[]> => {
  if (policyIds.length === 0) return [];
  const rows = await tx
    .select({ policyId: policyVersions.policyId, version: policyVersions.version, state: policyVersions.state, benefits: policyVersions.benefits })
    .from(policyVersions)
    .where(inArray(policyVersions.policyId, policyIds))
    .orderBy(asc(policyVersions.version));
  return rows.flatMap((r) => (r.benefits ?? []).map((b) => ({ policyId: r.policyId, version: r.version, state: r.state, code: b.code, nameZh: b.nameZh ?? null, nameEn: b.nameEn ?? null })));
};

// --- stacking rules ------------------------------------------------------------------

export const listStackingRuleRows = (tx: ReadTx, centreId: string): Promise<StackingRuleRow[]> =>
  tx.select().from(policyStackingRules).where(eq(policyStackingRules.centreId, centreId)).orderBy(asc(policyStackingRules.createdAt), asc(policyStackingRules.id));

export const findStackingRuleRow = async (tx: ReadTx, centreId: string, id: string): Promise<StackingRuleRow | undefined> =>
  (await tx.select().from(policyStackingRules).where(and(eq(policyStackingRules.centreId, centreId), eq(policyStackingRules.id, id))).limit(1))[0];

export const findStackingRuleByPair = async (tx: ReadTx, centreId: string, a: string, b: string): Promise<StackingRuleRow | undefined> =>
  (await tx.select().from(policyStackingRules).where(and(eq(policyStackingRules.centreId, centreId), eq(policyStackingRules.benefitA, a), eq(policyStackingRules.benefitB, b))).limit(1))[0];

// --- the registry, read for enterprise facts ---------------------------------------------

export type SubjectRow = { id: string; nameZh: string | null; nameEn: string; category: string; areaId: string | null; foundedOn: string | null; sectorCodes: string[] };
const subjectColumns = { id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, category: entities.category, areaId: entities.areaId, foundedOn: entities.foundedOn, sectorCodes: entities.sectorCodes };

export const findSubject = async (tx: ReadTx, centreId: string, id: string): Promise<SubjectRow | undefined> =>
  (await tx.select(subjectColumns).from(entities).where(and(eq(entities.centreId, centreId), eq(entities.id, id), eq(entities.status, 'active'), eq(entities.isGeneric, false))).limit(1))[0];

/** Every active record of these categories in the centre (not generic ones, "unicorn enterprises"): the candidates of a benefit's proactive push. */
export const listSubjects = (tx: ReadTx, centreId: string, categories: readonly string[]): Promise<SubjectRow[]> =>
  tx
    .select(subjectColumns)
    .from(entities)
    .where(and(eq(entities.centreId, centreId), inArray(entities.category, [...categories]), eq(entities.status, 'active'), eq(entities.isGeneric, false)))
    .orderBy(asc(entities.id));

export type AreaRef = { id: string; parentId: string | null; kind: string; code: string | null; withinAreaIds: string[] };
export const listAreaRefs = (tx: ReadTx, centreId: string): Promise<AreaRef[]> =>
  tx.select({ id: areas.id, parentId: areas.parentId, kind: areas.kind, code: areas.code, withinAreaIds: areas.withinAreaIds }).from(areas).where(eq(areas.centreId, centreId));

export type SizeFactRow = { id: string; entityId: string; metric: string; year: number; value: number; unit: string };
export type RecognitionRow = { id: string; entityId: string; type: string; validFrom: string | null; validTo: string | null };

/**
 * Size facts of either one record or all the centre's records of some
 * categories: one query either way (a join, not a list of ids, for the bulk
 * case, so thousands of enterprises cost one round trip).
 */
type Scope = { centreId: string; entityId: string } | { centreId: string; categories: readonly string[] };
const scopeWhere = (scope: Scope, column: typeof entityFacts.entityId | typeof recognitions.entityId | typeof enterpriseFactAnswers.enterpriseId | typeof policyPushConsents.enterpriseId): SQL =>
  'entityId' in scope
    ? eq(column, scope.entityId)
    : sql`${column} in (select ${entities.id} from ${entities} where ${entities.centreId} = ${scope.centreId} and ${entities.status} = 'active' and not ${entities.isGeneric} and ${inArray(entities.category, [...scope.categories])})`;

export const listSizeFacts = (tx: ReadTx, scope: Scope): Promise<SizeFactRow[]> =>
  tx
    .select({ id: entityFacts.id, entityId: entityFacts.entityId, metric: entityFacts.metric, year: entityFacts.year, value: entityFacts.value, unit: entityFacts.unit })
    .from(entityFacts)
    .where(scopeWhere(scope, entityFacts.entityId))
    .orderBy(asc(entityFacts.entityId), asc(entityFacts.metric), asc(entityFacts.year), asc(entityFacts.id));

export const listRecognitions = (tx: ReadTx, scope: Scope): Promise<RecognitionRow[]> =>
  tx
    .select({ id: recognitions.id, entityId: recognitions.entityId, type: recognitions.type, validFrom: recognitions.validFrom, validTo: recognitions.validTo })
    .from(recognitions)
    .where(scopeWhere(scope, recognitions.entityId))
    .orderBy(asc(recognitions.entityId), asc(recognitions.id));

/** The newest answer of each enterprise to each fact (ties: the later id). */
export const listNewestAnswers = async (tx: ReadTx, scope: Scope, facts?: readonly string[]): Promise<(FactAnswerRow & { answeredByName: string | null })[]> => {
  if (facts && facts.length === 0) return [];
  const rows = await tx
    .select({ answer: enterpriseFactAnswers, answeredByName: users.displayName })
    .from(enterpriseFactAnswers)
    .leftJoin(users, eq(users.id, enterpriseFactAnswers.answeredBy))
    .where(and(scopeWhere(scope, enterpriseFactAnswers.enterpriseId), ...(facts ? [inArray(enterpriseFactAnswers.fact, [...facts])] : [])))
    .orderBy(asc(enterpriseFactAnswers.enterpriseId), asc(enterpriseFactAnswers.fact), desc(enterpriseFactAnswers.answeredAt), desc(enterpriseFactAnswers.id));
  // The first row of each (enterprise, fact) is the newest.
  const out: (FactAnswerRow & { answeredByName: string | null })[] = [];
  let last = '';
  for (const r of rows) {
    const key = `${r.answer.enterpriseId}\u0000${r.answer.fact}`;
    if (key === last) continue;
    last = key;
    out.push({ ...r.answer, answeredByName: r.answeredByName });
  }
  return out;
};

export const insertFactAnswers = async (tx: WriteTx, rows: (typeof enterpriseFactAnswers.$inferInsert)[]): Promise<FactAnswerRow[]> =>
  rows.length === 0 ? [] : tx.insert(enterpriseFactAnswers).values(rows).returning();

export const listConsents = async (tx: ReadTx, scope: Scope): Promise<(PushConsentRow & { recordedByName: string | null })[]> =>
  (
    await tx
      .select({ consent: policyPushConsents, recordedByName: users.displayName })
      .from(policyPushConsents)
      .leftJoin(users, eq(users.id, policyPushConsents.recordedBy))
      .where(scopeWhere(scope, policyPushConsents.enterpriseId))
  ).map((r) => ({ ...r.consent, recordedByName: r.recordedByName }));

export const upsertConsent = async (tx: WriteTx, row: typeof policyPushConsents.$inferInsert): Promise<PushConsentRow> => {
  const [saved] = await tx
    .insert(policyPushConsents)
    .values(row)
    .onConflictDoUpdate({ target: policyPushConsents.enterpriseId, set: { consent: row.consent, recordedBy: row.recordedBy ?? null, recordedAt: row.recordedAt } })
    .returning();
  return saved as PushConsentRow;
};
