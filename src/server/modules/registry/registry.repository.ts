import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { auditEvents, corrections, entities, entityFacts, entityMerges, personPrivate, recognitions, relations, users } from '../../../db/schema/index.js';
import { ENTITY_REFERENCES } from '../../../db/entity-references.js';
import { withReadTx, type ReadTx, type WriteTx } from '../../../db/tx.js';

export type EntityRow = typeof entities.$inferSelect;
export type RelationRow = typeof relations.$inferSelect;
export type RecognitionRow = typeof recognitions.$inferSelect;
export type FactRow = typeof entityFacts.$inferSelect;
export type CorrectionRow = typeof corrections.$inferSelect;

export const findEntity = async (tx: ReadTx, centreId: string, id: string): Promise<EntityRow | undefined> =>
  (await tx.select().from(entities).where(and(eq(entities.centreId, centreId), eq(entities.id, id))).limit(1))[0];

export const findEntitiesByIds = (tx: ReadTx, ids: string[]): Promise<EntityRow[]> =>
  ids.length ? tx.select().from(entities).where(inArray(entities.id, ids)) : Promise.resolve([]);

export const findByIdentifier = async (
  tx: ReadTx,
  centreId: string,
  field: 'uscc' | 'ror' | 'orcid',
  value: string,
  excludeId: string | null,
): Promise<EntityRow | undefined> => {
  const column = entities[field];
  const conditions: SQL[] = [eq(entities.centreId, centreId), eq(entities.status, 'active'), eq(column, value)];
  if (excludeId) conditions.push(ne(entities.id, excludeId));
  return (await tx.select().from(entities).where(and(...conditions)).limit(1))[0];
};

/**
 * Active records whose Chinese or English name (or an alias) is trigram-similar
 * to one of the names. Candidates come from the names' trigram index
 * (word similarity, so a name inside a longer one counts), then each is scored
 * on its names and aliases: a create checks a million records without reading them all.
 */
export const findSimilarNames = async (
  tx: ReadTx,
  centreId: string,
  names: { zh: string | null; en: string },
  excludeId: string | null,
  limit = 5,
): Promise<{ id: string; nameZh: string | null; nameEn: string; kind: string | null; similarity: number }[]> => {
  const zh = (names.zh ?? '').toLowerCase();
  const en = names.en.toLowerCase();
  const rows = await withReadTx(tx, async (read) => {
    await read.execute(sql`set local pg_trgm.word_similarity_threshold = 0.4`);
    return read.execute<{ id: string; name_zh: string | null; name_en: string; kind: string | null; sim: number }>(sql`
      select id, name_zh, name_en, kind,
        greatest(
          case when ${zh} <> '' then similarity(lower(coalesce(name_zh, '')), ${zh}) else 0 end,
          similarity(lower(name_en), ${en}),
          coalesce((select max(greatest(similarity(lower(a), ${en}), case when ${zh} <> '' then similarity(lower(a), ${zh}) else 0 end)) from unnest(aliases) a), 0)
        )::float8 as sim
      from entities
      where centre_id = ${centreId} and status = 'active' and category not in ('achievement', 'event', 'index', 'comparator')
        and ((${zh} <> '' and ${zh} <% name_text) or ${en} <% name_text)
        ${excludeId ? sql`and id <> ${excludeId}` : sql``}
      order by sim desc, id
      limit ${limit}`);
  });
  return (rows as unknown as { rows: { id: string; name_zh: string | null; name_en: string; kind: string | null; sim: number }[] }).rows
    .filter((r) => Number(r.sim) >= 0.45)
    .map((r) => ({ id: r.id, nameZh: r.name_zh, nameEn: r.name_en, kind: r.kind, similarity: Number(r.sim) }));
};

export const insertEntity = async (tx: WriteTx, row: typeof entities.$inferInsert): Promise<EntityRow> => {
  const [created] = await tx.insert(entities).values(row).returning();
  return created as EntityRow;
};

/** Update only if the caller saw the current version; undefined when someone else changed it first. */
export const updateEntityRow = async (tx: WriteTx, id: string, version: number, patch: Partial<EntityRow>): Promise<EntityRow | undefined> =>
  (
    await tx
      .update(entities)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(entities.id, id), eq(entities.version, version)))
      .returning()
  )[0];

export const listRelationsOf = (tx: ReadTx, ids: string[]): Promise<RelationRow[]> =>
  ids.length ? tx.select().from(relations).where(or(inArray(relations.fromId, ids), inArray(relations.toId, ids))).orderBy(asc(relations.type), asc(relations.id)) : Promise.resolve([]);

export const findRelation = async (tx: ReadTx, centreId: string, id: string): Promise<RelationRow | undefined> =>
  (await tx.select().from(relations).where(and(eq(relations.centreId, centreId), eq(relations.id, id))).limit(1))[0];

export const insertRelation = async (tx: WriteTx, row: typeof relations.$inferInsert): Promise<RelationRow> =>
  (await tx.insert(relations).values(row).returning())[0] as RelationRow;

export const deleteRelation = async (tx: WriteTx, id: string): Promise<void> => {
  await tx.delete(relations).where(eq(relations.id, id));
};

export const listRecognitions = (tx: ReadTx, entityId: string): Promise<RecognitionRow[]> =>
  tx.select().from(recognitions).where(eq(recognitions.entityId, entityId)).orderBy(desc(recognitions.validFrom), asc(recognitions.id));

export const insertRecognition = async (tx: WriteTx, row: typeof recognitions.$inferInsert): Promise<RecognitionRow> =>
  (await tx.insert(recognitions).values(row).returning())[0] as RecognitionRow;

export const listFacts = (tx: ReadTx, entityId: string): Promise<FactRow[]> =>
  tx.select().from(entityFacts).where(eq(entityFacts.entityId, entityId)).orderBy(asc(entityFacts.metric), desc(entityFacts.year));

export const insertFact = async (tx: WriteTx, row: typeof entityFacts.$inferInsert): Promise<FactRow> =>
  (await tx.insert(entityFacts).values(row).returning())[0] as FactRow;

export const findPersonPrivate = async (tx: ReadTx, entityId: string) =>
  (await tx.select().from(personPrivate).where(eq(personPrivate.entityId, entityId)).limit(1))[0];

export const upsertPersonPrivate = async (tx: WriteTx, row: typeof personPrivate.$inferInsert): Promise<void> => {
  await tx.insert(personPrivate).values(row).onConflictDoUpdate({ target: personPrivate.entityId, set: row });
};

export const listTimeline = (tx: ReadTx, entityId: string, limit = 50) =>
  tx
    .select({ seq: auditEvents.seq, at: auditEvents.at, action: auditEvents.action, actorLabel: auditEvents.actorLabel })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'entity'), eq(auditEvents.entityId, entityId)))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);

export const insertCorrection = async (tx: WriteTx, row: typeof corrections.$inferInsert): Promise<CorrectionRow> =>
  (await tx.insert(corrections).values(row).returning())[0] as CorrectionRow;

export const findCorrection = async (tx: ReadTx, id: string): Promise<CorrectionRow | undefined> =>
  (await tx.select().from(corrections).where(eq(corrections.id, id)).limit(1))[0];

export type NamedCorrectionRow = CorrectionRow & { proposedByName: string | null; reviewerName: string | null };

/** Display names of the accounts given (proposers, reviewers); missing ids are left out. */
export const displayNamesOf = async (tx: ReadTx, ids: (string | null)[]): Promise<Map<string, string>> => {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.displayName]));
};

export const withNames = async (tx: ReadTx, rows: CorrectionRow[]): Promise<NamedCorrectionRow[]> => {
  const names = await displayNamesOf(tx, rows.flatMap((r) => [r.proposedBy, r.reviewerId]));
  return rows.map((r) => ({ ...r, proposedByName: names.get(r.proposedBy) ?? null, reviewerName: r.reviewerId ? (names.get(r.reviewerId) ?? null) : null }));
};

export const listCorrections = async (tx: ReadTx, centreId: string, status: string | undefined): Promise<NamedCorrectionRow[]> =>
  withNames(
    tx,
    await tx
      .select({ c: corrections })
      .from(corrections)
      .innerJoin(entities, eq(entities.id, corrections.entityId))
      .where(and(eq(entities.centreId, centreId), status ? eq(corrections.status, status) : undefined))
      .orderBy(desc(corrections.createdAt))
      .then((rows) => rows.map((r) => r.c)),
  );

export const decideCorrection = async (tx: WriteTx, id: string, patch: Partial<CorrectionRow>): Promise<CorrectionRow | undefined> =>
  (
    await tx
      .update(corrections)
      .set(patch)
      .where(and(eq(corrections.id, id), eq(corrections.status, 'pending')))
      .returning()
  )[0];

/** Move every reference from `fromId` to `toId`; returns how many rows of each kind moved. */
/**
 * Move every reference to `fromId` onto `toId` (the list is ENTITY_REFERENCES,
 * shared by every module), and report how many rows each moved, dropped as
 * repeats, or kept on the merged record because the survivor already has one.
 */
export const repointReferences = async (tx: WriteTx, fromId: string, toId: string): Promise<Record<string, number>> => {
  const count = (r: unknown): number => Number((r as { rowCount?: number; affectedRows?: number }).rowCount ?? (r as { affectedRows?: number }).affectedRows ?? 0);
  const moved: Record<string, number> = {};
  for (const ref of ENTITY_REFERENCES) {
    const table = sql.identifier(ref.table);
    const column = sql.identifier(ref.column);
    const scope = ref.where ? sql.raw(` and ${ref.where}`) : sql``;
    if (ref.array) {
      moved[ref.key] = count(await tx.execute(sql`update ${table} set ${column} = array_replace(${column}, ${fromId}, ${toId}) where ${fromId} = any(${column})${scope}`));
      continue;
    }
    // A row the survivor already has (same key otherwise) cannot move: it is a repeat, or a conflict to settle.
    const collides = ref.uniqueWith
      ? sql` and not exists (select 1 from ${table} other where other.${column} = ${toId}${sql.join(
          ref.uniqueWith.columns.map((c) => sql` and other.${sql.identifier(c)} is not distinct from ${table}.${sql.identifier(c)}`),
          sql``,
        )})`
      : sql``;
    moved[ref.key] = count(await tx.execute(sql`update ${table} set ${column} = ${toId} where ${column} = ${fromId}${scope}${collides}`));
    if (ref.uniqueWith) {
      const left = ref.uniqueWith.collision === 'dropped' ? await tx.execute(sql`delete from ${table} where ${column} = ${fromId}${scope}`) : await tx.execute(sql`select 1 from ${table} where ${column} = ${fromId}${scope}`);
      const n = ref.uniqueWith.collision === 'dropped' ? count(left) : (left as unknown as { rows: unknown[] }).rows.length;
      if (n > 0) moved[`${ref.key}_${ref.uniqueWith.collision}`] = n;
    }
  }
  // A relation that now points from the survivor to itself means nothing.
  moved['relations_dropped'] = count(await tx.execute(sql`delete from relations where from_id = ${toId} and to_id = ${toId}`));
  return moved;
};

export const insertMerge = async (tx: WriteTx, row: typeof entityMerges.$inferInsert): Promise<void> => {
  await tx.insert(entityMerges).values(row);
};
