import { randomUUID } from 'node:crypto';
import { validateOrcid, validateRor, validateUscc } from '../../../core/identifiers/index.js';
import { roleHasPermission } from '../../../shared/access.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { TEntityCategory } from '../../../shared/schemas/entities.js';
import {
  ENTITY_KINDS,
  type TDuplicateCandidate,
  type TEntityInput,
  type TEntityPatch,
  type TEntityProfile,
  type TRelation,
  type TRelationInput,
} from '../../../shared/schemas/registry.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { buildSearchText } from '../../../db/search-text.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';
import { withWriteTx } from '../../../db/tx.js';
import { assertCentreScope, type ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { findAreaInCentre, findSourceInCentre } from './registry-lookups.js';
import { loadVocabulary, unknownKindIssue, unknownRecognitionIssue } from './vocabulary.service.js';
import {
  deleteRelation,
  findByIdentifier,
  findEntitiesByIds,
  findEntity,
  findPersonPrivate,
  findRelation,
  findSimilarNames,
  insertEntity,
  insertMerge,
  insertRelation,
  listFacts,
  listRecognitions,
  listRelationsOf,
  listTimeline,
  repointReferences,
  insertFact,
  insertRecognition,
  updateEntityRow,
  upsertPersonPrivate,
  type EntityRow,
  type FactRow,
  type RecognitionRow,
  type RelationRow,
} from './registry.repository.js';
import { listCitationsWithSource, listEntitySourceIds } from '../centres/centres.repository.js';
import { citationOf } from '../centres/citations.js';
import { toEntity } from '../centres/centres.service.js';

const fieldError = (path: string, reason: string, message: string, extra: Record<string, unknown> = {}): FieldIssue & Record<string, unknown> => ({
  in: 'body',
  path,
  reason,
  message,
  ...extra,
});

/** Writes stay inside the writer's own centre; a deployment-wide admin may write anywhere. */
export { assertCentreScope };

type Identifiers = { uscc: string | null; ror: string | null; orcid: string | null };

/** Check and normalise identifiers; every problem is a field issue that says why. */
export const normaliseIdentifiers = (input: Partial<Identifiers>): { values: Partial<Identifiers>; issues: FieldIssue[] } => {
  const values: Partial<Identifiers> = {};
  const issues: FieldIssue[] = [];
  if (input.uscc !== undefined) {
    if (input.uscc === null || input.uscc === '') values.uscc = null;
    else {
      const r = validateUscc(input.uscc);
      if (r.ok) values.uscc = r.normalized;
      else
        issues.push(
          fieldError('uscc', `uscc_${r.reason}`, `invalid unified social credit code: ${r.reason}${r.position ? ` at position ${r.position}` : ''}${r.expected ? `, expected ${r.expected}` : ''}`, {
            position: r.position ?? null,
            expected: r.expected ?? null,
          }),
        );
    }
  }
  if (input.ror !== undefined) {
    if (!input.ror) values.ror = null;
    else {
      const r = validateRor(input.ror);
      if (r.ok) values.ror = r.normalized;
      else issues.push(fieldError('ror', `ror_${r.reason}`, `invalid ROR id: ${r.reason}`, { expected: r.expected ?? null }));
    }
  }
  if (input.orcid !== undefined) {
    if (!input.orcid) values.orcid = null;
    else {
      const r = validateOrcid(input.orcid);
      if (r.ok) values.orcid = r.normalized;
      else issues.push(fieldError('orcid', `orcid_${r.reason}`, `invalid ORCID iD: ${r.reason}`, { expected: r.expected ?? null }));
    }
  }
  return { values, issues };
};

const failIfIssues = (issues: FieldIssue[]): void => {
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 'The record is not valid; see details.fields', { fields: issues });
};

/** Records with the same identifier (exact) or a similar name (trigram), excluding `excludeId`. */
export const findDuplicates = async (
  tx: ReadTx,
  centreId: string,
  probe: { nameZh: string | null; nameEn: string } & Partial<Identifiers>,
  excludeId: string | null,
): Promise<TDuplicateCandidate[]> => {
  const out: TDuplicateCandidate[] = [];
  for (const field of ['uscc', 'ror', 'orcid'] as const) {
    const value = probe[field];
    if (!value) continue;
    const hit = await findByIdentifier(tx, centreId, field, value, excludeId);
    if (hit) out.push({ id: hit.id, nameZh: hit.nameZh, nameEn: hit.nameEn, kind: hit.kind, matchedOn: field, similarity: 1 });
  }
  for (const s of await findSimilarNames(tx, centreId, { zh: probe.nameZh, en: probe.nameEn }, excludeId)) {
    if (!out.some((o) => o.id === s.id)) out.push({ ...s, matchedOn: 'name' });
  }
  return out;
};

const checkReferences = async (tx: ReadTx, centreId: string, input: { areaId?: string | null; parentId?: string | null }, selfId: string | null): Promise<FieldIssue[]> => {
  const issues: FieldIssue[] = [];
  if (input.areaId && !(await findAreaInCentre(tx, centreId, input.areaId))) issues.push(fieldError('areaId', 'not_found', `no area ${input.areaId} in this centre`));
  if (input.parentId) {
    if (input.parentId === selfId) issues.push(fieldError('parentId', 'self_reference', 'a record cannot be its own parent'));
    else {
      const parent = await findEntity(tx, centreId, input.parentId);
      if (!parent || parent.status !== 'active') issues.push(fieldError('parentId', 'not_found', `no active record ${input.parentId}`));
    }
  }
  return issues;
};

export const createEntity = async (ctx: ServiceContext, centreId: string, input: TEntityInput): Promise<{ entity: EntityRow } | { duplicates: TDuplicateCandidate[] }> => {
  assertCentreScope(ctx, centreId);
  const { values: ids, issues } = normaliseIdentifiers(input);
  issues.push(...(await checkReferences(ctx.db, centreId, input, null)));
  const category = (await loadVocabulary(ctx.db, centreId)).categoryOfKind(input.kind);
  if (!category) issues.push(unknownKindIssue(input.kind));
  if (input.orcid && category !== 'person') issues.push(fieldError('orcid', 'people_only', 'ORCID iDs identify people'));
  failIfIssues(issues);
  if (!category) throw new Error('unreachable: unknown kind passed the checks');
  const duplicates = await findDuplicates(ctx.db, centreId, { nameZh: input.nameZh, nameEn: input.nameEn, ...ids }, null);
  const exact = duplicates.filter((d) => d.matchedOn !== 'name');
  if (exact.length > 0) {
    throw new AppError('CONFLICT', 'A record with this identifier exists', {
      fields: exact.map((d) => fieldError(d.matchedOn, 'duplicate_identifier', `already used by ${d.id}`)),
      duplicates: exact,
    });
  }
  if (duplicates.length > 0 && !input.confirmNotDuplicate) return { duplicates };
  const { confirmNotDuplicate: _c, ...fields } = input;
  const row = await withWriteTx(ctx.db, async (tx) => {
    const created = await insertEntity(tx, {
      ...fields,
      ...ids,
      id: randomUUID(),
      centreId,
      category,
      kindLabel: null,
      nameStatus: 'in_source',
      isGeneric: false,
      searchText: buildSearchText([input.nameZh, input.nameEn, ...input.aliases]),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'entity.create', entityType: 'entity', entityId: created.id, centreId, before: null, after: publicFields(created), requestId: ctx.requestId });
    return created;
  });
  return { entity: row };
};

/** The record without its derived search text: what the audit log and history keep. */
const publicFields = (row: EntityRow): Record<string, unknown> => {
  const { searchText: _s, ...rest } = row;
  return rest;
};

export const updateEntity = async (ctx: ServiceContext, centreId: string, id: string, patch: TEntityPatch, action = 'entity.update', tx?: WriteTx): Promise<EntityRow> => {
  assertCentreScope(ctx, centreId);
  const current = await findEntity(tx ?? ctx.db, centreId, id);
  if (!current || current.status !== 'active') throw new AppError('NOT_FOUND', `No active record ${id}`);
  const { version, ...changes } = patch;
  const { values: ids, issues } = normaliseIdentifiers(changes);
  issues.push(...(await checkReferences(tx ?? ctx.db, centreId, changes, id)));
  const category = changes.kind ? (await loadVocabulary(tx ?? ctx.db, centreId)).categoryOfKind(changes.kind) : current.category;
  if (changes.kind && !category) issues.push(unknownKindIssue(changes.kind));
  failIfIssues(issues);
  for (const field of ['uscc', 'ror', 'orcid'] as const) {
    const value = ids[field];
    if (value && (await findByIdentifier(tx ?? ctx.db, centreId, field, value, id))) {
      throw new AppError('CONFLICT', 'A record with this identifier exists', { fields: [fieldError(field, 'duplicate_identifier', 'already used by another record')] });
    }
  }
  const next = { ...current, ...changes, ...ids };
  const set: Partial<EntityRow> = {
    ...changes,
    ...ids,
    ...(changes.kind && category ? { category } : {}),
    searchText: buildSearchText([next.nameZh, next.nameEn, ...next.aliases]),
    updatedAt: ctx.now,
  };
  const run = async (w: WriteTx): Promise<EntityRow> => {
    const updated = await updateEntityRow(w, id, version, set);
    if (!updated) {
      throw new AppError('CONFLICT', 'Someone changed this record since you opened it; reload and try again', {
        fields: [fieldError('version', 'stale_version', `current version is ${current.version}`)],
        currentVersion: current.version,
      });
    }
    await appendAuditEvent(w, { actor: ctx.actor, at: ctx.now, action, entityType: 'entity', entityId: id, centreId, before: publicFields(current), after: publicFields(updated), requestId: ctx.requestId });
    return updated;
  };
  return tx ? run(tx) : withWriteTx(ctx.db, run);
};

const canSeePersonal = (ctx: ServiceContext): boolean => ctx.user !== null && roleHasPermission(ctx.user.role, 'people:private');

export const getProfile = async (ctx: ServiceContext, centreId: string, id: string): Promise<TEntityProfile> => {
  const row = await findEntity(ctx.db, centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No record ${id} in centre ${centreId}`);
  const [sourceIds, citationRows, recognitionRows, factRows, relationRows, timeline] = await Promise.all([
    listEntitySourceIds(ctx.db, [id]),
    listCitationsWithSource(ctx.db, 'entity', id),
    listRecognitions(ctx.db, id),
    listFacts(ctx.db, id),
    listRelationsOf(ctx.db, [id]),
    listTimeline(ctx.db, id),
  ]);
  const others = await findEntitiesByIds(ctx.db, [...new Set(relationRows.map((r) => (r.fromId === id ? r.toId : r.fromId)))]);
  const otherById = new Map(others.map((o) => [o.id, o]));
  const areaNames = await areaNamesFor(ctx.db, centreId, relationRows.filter((r) => r.toKind === 'area').map((r) => r.toId));
  const personal = row.category === 'person' && canSeePersonal(ctx) ? ((await findPersonPrivate(ctx.db, id)) ?? null) : null;
  return {
    entity: {
      ...toEntity(row, sourceIds.get(id) ?? []),
      kind: row.kind,
      aliases: row.aliases,
      address: row.address,
      lon: row.lon,
      lat: row.lat,
      foundedOn: row.foundedOn,
      sectorCodes: row.sectorCodes,
      industryTags: row.industryTags,
      uscc: row.uscc,
      ror: row.ror,
      orcid: row.orcid,
      externalIds: row.externalIds,
      parentId: row.parentId,
      status: row.status === 'merged' ? 'merged' : 'active',
      mergedIntoId: row.mergedIntoId,
      version: row.version,
      notes: row.notes,
    },
    citations: citationRows.map(citationOf),
    recognitions: recognitionRows.map((r) => ({ ...r, type: r.type as TEntityProfile['recognitions'][number]['type'] })),
    facts: factRows.map((f) => ({ ...f, metric: f.metric as TEntityProfile['facts'][number]['metric'] })),
    relations: relationRows.map((r) => {
      const outgoing = r.fromId === id;
      const otherId = outgoing ? r.toId : r.fromId;
      const other = otherById.get(otherId);
      const area = r.toKind === 'area' && outgoing ? areaNames.get(otherId) : undefined;
      return {
        ...toRelation(r),
        otherId,
        otherNameZh: other?.nameZh ?? area?.nameZh ?? null,
        otherNameEn: other?.nameEn ?? area?.nameEn ?? otherId,
        direction: outgoing ? ('out' as const) : ('in' as const),
      };
    }),
    personal: personal ? { email: personal.email, phone: personal.phone, birthYear: personal.birthYear, notes: personal.notes } : null,
    timeline: timeline.map((t) => ({ ...t })),
  };
};

const areaNamesFor = async (tx: ReadTx, centreId: string, ids: string[]): Promise<Map<string, { nameZh: string; nameEn: string }>> => {
  const out = new Map<string, { nameZh: string; nameEn: string }>();
  for (const id of new Set(ids)) {
    const a = await findAreaInCentre(tx, centreId, id);
    if (a) out.set(id, { nameZh: a.nameZh, nameEn: a.nameEn });
  }
  return out;
};

export const toRelation = (r: RelationRow): TRelation => ({
  id: r.id,
  type: r.type as TRelation['type'],
  fromId: r.fromId,
  toId: r.toId,
  toKind: r.toKind === 'area' ? 'area' : 'entity',
  validFrom: r.validFrom,
  validTo: r.validTo,
  sourceId: r.sourceId,
  sourceNote: r.sourceNote,
});

export const createRelation = async (ctx: ServiceContext, centreId: string, input: TRelationInput): Promise<TRelation> => {
  assertCentreScope(ctx, centreId);
  const issues: FieldIssue[] = [];
  const from = await findEntity(ctx.db, centreId, input.fromId);
  if (!from || from.status !== 'active') issues.push(fieldError('fromId', 'not_found', `no active record ${input.fromId}`));
  if (input.toKind === 'area') {
    if (!(await findAreaInCentre(ctx.db, centreId, input.toId))) issues.push(fieldError('toId', 'not_found', `no area ${input.toId}`));
  } else {
    const to = await findEntity(ctx.db, centreId, input.toId);
    if (!to || to.status !== 'active') issues.push(fieldError('toId', 'not_found', `no active record ${input.toId}`));
  }
  if (input.sourceId && !(await findSourceInCentre(ctx.db, centreId, input.sourceId))) issues.push(fieldError('sourceId', 'not_found', `no source ${input.sourceId}`));
  if (!input.sourceId && !input.sourceNote) issues.push(fieldError('sourceNote', 'source_required', 'say where this relation comes from: a source or a note'));
  failIfIssues(issues);
  const row = await withWriteTx(ctx.db, async (tx) => {
    const created = await insertRelation(tx, { id: randomUUID(), centreId, ...input, createdAt: ctx.now });
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'relation.create', entityType: 'relation', entityId: created.id, centreId, before: null, after: created, requestId: ctx.requestId });
    return created;
  });
  return toRelation(row);
};

export const removeRelation = async (ctx: ServiceContext, centreId: string, id: string): Promise<void> => {
  assertCentreScope(ctx, centreId);
  const row = await findRelation(ctx.db, centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No relation ${id}`);
  await withWriteTx(ctx.db, async (tx) => {
    await deleteRelation(tx, id);
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'relation.delete', entityType: 'relation', entityId: id, centreId, before: row, after: null, requestId: ctx.requestId });
  });
};

/**
 * Merge a duplicate into the record that survives: every reference moves, the
 * duplicate's names become aliases, identifiers the survivor lacks move over,
 * and the duplicate stays as a 'merged' tombstone pointing at the survivor.
 */
export const mergeEntities = async (ctx: ServiceContext, centreId: string, survivorId: string, duplicateId: string, note: string | null): Promise<{ survivor: EntityRow; repointed: Record<string, number> }> => {
  assertCentreScope(ctx, centreId);
  if (survivorId === duplicateId) throw new AppError('VALIDATION_FAILED', 'Cannot merge a record into itself', { fields: [fieldError('duplicateId', 'self_reference', 'same record')] });
  return withWriteTx(ctx.db, async (tx) => {
    const survivor = await findEntity(tx, centreId, survivorId);
    const duplicate = await findEntity(tx, centreId, duplicateId);
    if (!survivor || survivor.status !== 'active') throw new AppError('NOT_FOUND', `No active record ${survivorId}`);
    if (!duplicate || duplicate.status !== 'active') throw new AppError('VALIDATION_FAILED', 'The duplicate must be an active record of this centre', { fields: [fieldError('duplicateId', 'not_found', `no active record ${duplicateId}`)] });
    const repointed = await repointReferences(tx, duplicateId, survivorId);
    const moveIds: Partial<Identifiers> = {};
    for (const field of ['uscc', 'ror', 'orcid'] as const) if (!survivor[field] && duplicate[field]) moveIds[field] = duplicate[field];
    // Free the identifiers first: the unique indexes cover active records only, but both are active until the tombstone is written.
    await updateEntityRow(tx, duplicateId, duplicate.version, { status: 'merged', mergedIntoId: survivorId, uscc: null, ror: null, orcid: null, updatedAt: ctx.now });
    const aliases = [...new Set([...survivor.aliases, ...[duplicate.nameZh, duplicate.nameEn, ...duplicate.aliases].filter((n): n is string => !!n && n !== survivor.nameZh && n !== survivor.nameEn)])];
    const updated = await updateEntity(ctx, centreId, survivorId, { version: survivor.version, aliases, ...moveIds }, 'entity.merge', tx);
    await insertMerge(tx, { id: randomUUID(), centreId, survivorId, mergedId: duplicateId, snapshot: publicFields(duplicate), repointed, actorLabel: ctx.actor.label, at: ctx.now });
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'entity.merged_into', entityType: 'entity', entityId: duplicateId, centreId, before: publicFields(duplicate), after: { status: 'merged', mergedIntoId: survivorId, note, repointed }, requestId: ctx.requestId });
    return { survivor: updated, repointed };
  });
};

/** Set a person's personal fields (only roles with people:private may read or write them). */
export const setPersonal = async (ctx: ServiceContext, centreId: string, id: string, input: { email: string | null; phone: string | null; birthYear: number | null; notes: string | null }): Promise<void> => {
  assertCentreScope(ctx, centreId);
  const person = await findEntity(ctx.db, centreId, id);
  if (!person || person.status !== 'active') throw new AppError('NOT_FOUND', `No active record ${id}`);
  if (person.category !== 'person') throw new AppError('VALIDATION_FAILED', 'Personal fields belong to people only', { fields: [fieldError('entityId', 'people_only', 'not a person')] });
  const before = (await findPersonPrivate(ctx.db, id)) ?? null;
  await withWriteTx(ctx.db, async (tx) => {
    await upsertPersonPrivate(tx, { entityId: id, ...input });
    // The audit log records that personal fields changed, not their values: the log is readable by more roles than the fields.
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'person.personal_updated', entityType: 'entity', entityId: id, centreId, before: before ? { fields: Object.keys(before).filter((k) => k !== 'entityId') } : null, after: { fields: Object.entries(input).filter(([, v]) => v !== null).map(([k]) => k) }, requestId: ctx.requestId });
  });
};

type SourcedInput = { sourceId: string | null; sourceNote: string | null };

/** Recognitions and size facts need a source, like every figure in KeChuang. */
const checkSourced = async (tx: ReadTx, centreId: string, input: SourcedInput): Promise<FieldIssue[]> => {
  if (input.sourceId && !(await findSourceInCentre(tx, centreId, input.sourceId))) return [fieldError('sourceId', 'not_found', `no source ${input.sourceId}`)];
  if (!input.sourceId && !input.sourceNote) return [fieldError('sourceNote', 'source_required', 'say where this comes from: a source or a note')];
  return [];
};

export const addRecognition = async (
  ctx: ServiceContext,
  centreId: string,
  entityId: string,
  input: { type: string; validFrom: string | null; validTo: string | null } & SourcedInput,
): Promise<RecognitionRow> => {
  assertCentreScope(ctx, centreId);
  const entity = await findEntity(ctx.db, centreId, entityId);
  if (!entity || entity.status !== 'active') throw new AppError('NOT_FOUND', `No active record ${entityId}`);
  const issues = await checkSourced(ctx.db, centreId, input);
  if (!(await loadVocabulary(ctx.db, centreId)).hasRecognition(input.type)) issues.push(unknownRecognitionIssue(input.type));
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) issues.push(fieldError('validTo', 'ends_before_start', 'ends before it starts'));
  failIfIssues(issues);
  return withWriteTx(ctx.db, async (tx) => {
    const row = await insertRecognition(tx, { id: randomUUID(), entityId, ...input, createdAt: ctx.now });
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'entity.recognition_added', entityType: 'entity', entityId, centreId, before: null, after: row, requestId: ctx.requestId });
    return row;
  });
};

export const addFact = async (
  ctx: ServiceContext,
  centreId: string,
  entityId: string,
  input: { metric: string; year: number; value: number; unit: string } & SourcedInput,
): Promise<FactRow> => {
  assertCentreScope(ctx, centreId);
  const entity = await findEntity(ctx.db, centreId, entityId);
  if (!entity || entity.status !== 'active') throw new AppError('NOT_FOUND', `No active record ${entityId}`);
  failIfIssues(await checkSourced(ctx.db, centreId, input));
  return withWriteTx(ctx.db, async (tx) => {
    const row = await insertFact(tx, { id: randomUUID(), entityId, ...input });
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'entity.fact_added', entityType: 'entity', entityId, centreId, before: null, after: row, requestId: ctx.requestId });
    return row;
  });
};
