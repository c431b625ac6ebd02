import { and, eq } from 'drizzle-orm';
import type { FieldIssue } from '../../../shared/errors.js';
import type { TEntityCategory } from '../../../shared/schemas/entities.js';
import { ENTITY_KINDS, RECOGNITION_TYPES, ZVocabularyTermInput, type TVocabulary, type TVocabularyDomain, type TVocabularyTerm } from '../../../shared/schemas/registry.js';
import type { z } from 'zod';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { centres, vocabularyTerms } from '../../../db/schema/index.js';
import type { ReadTx } from '../../../db/tx.js';
import { withWriteTx } from '../../../db/tx.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';

/**
 * A centre's vocabulary: the built-in kinds and recognitions plus the terms
 * its configuration adds. Every write of a kind or recognition is checked
 * against it, so a code is either known to the centre or refused.
 */
export type Vocabulary = {
  categoryOfKind: (code: string) => TEntityCategory | null;
  hasRecognition: (code: string) => boolean;
  terms: TVocabulary;
};

const builtIn = (domain: TVocabularyDomain, code: string, category: TEntityCategory | null): TVocabularyTerm => ({ domain, code, category, labelZh: null, labelEn: null, description: null, builtIn: true });

export const loadVocabulary = async (tx: ReadTx, centreId: string): Promise<Vocabulary> => {
  const own = await tx.select().from(vocabularyTerms).where(eq(vocabularyTerms.centreId, centreId)).orderBy(vocabularyTerms.domain, vocabularyTerms.code);
  const ownTerm = (r: (typeof own)[number]): TVocabularyTerm => ({
    domain: r.domain as TVocabularyDomain,
    code: r.code,
    category: (r.category as TEntityCategory | null) ?? null,
    labelZh: r.labelZh,
    labelEn: r.labelEn,
    description: r.description,
    builtIn: false,
  });
  const kinds = [...(Object.entries(ENTITY_KINDS) as [string, TEntityCategory][]).map(([code, category]) => builtIn('kind', code, category)), ...own.filter((r) => r.domain === 'kind').map(ownTerm)];
  const recognitions = [...RECOGNITION_TYPES.map((code) => builtIn('recognition', code, null)), ...own.filter((r) => r.domain === 'recognition').map(ownTerm)];
  const categoryByKind = new Map(kinds.map((k) => [k.code, k.category]));
  const recognitionCodes = new Set(recognitions.map((r) => r.code));
  return {
    categoryOfKind: (code) => categoryByKind.get(code) ?? null,
    hasRecognition: (code) => recognitionCodes.has(code),
    terms: { kinds, recognitions },
  };
};

export const unknownKindIssue = (kind: string): FieldIssue => ({ in: 'body', path: 'kind', reason: 'unknown_kind', message: `no kind ${kind} in this centre's vocabulary` });

export const unknownRecognitionIssue = (type: string): FieldIssue => ({ in: 'body', path: 'type', reason: 'unknown_recognition', message: `no recognition ${type} in this centre's vocabulary` });

/**
 * Add or relabel a centre's own term. Built-in codes cannot be redefined, a
 * kind needs its category, and a kind in use keeps its category (moving it
 * would silently re-file every actor of that kind).
 */
export const saveVocabularyTerm = async (
  ctx: ServiceContext,
  centreId: string,
  domain: TVocabularyDomain,
  code: string,
  input: z.infer<typeof ZVocabularyTermInput>,
): Promise<TVocabularyTerm> => {
  const builtInCodes: readonly string[] = domain === 'kind' ? Object.keys(ENTITY_KINDS) : RECOGNITION_TYPES;
  if (builtInCodes.includes(code)) throw new AppError('CONFLICT', `${code} is a built-in ${domain}`, { fields: [{ in: 'params', path: 'code', reason: 'built_in_term', message: 'built-in terms cannot be redefined' }] });
  if (domain === 'kind' && !input.category) throw new AppError('VALIDATION_FAILED', 'A kind needs its category', { fields: [{ in: 'body', path: 'category', reason: 'required', message: 'choose the category this kind belongs to' }] });
  const category = domain === 'kind' ? input.category : null;
  const [centre] = await ctx.db.select({ id: centres.id }).from(centres).where(eq(centres.id, centreId));
  if (!centre) throw new AppError('NOT_FOUND', `No centre ${centreId}`);
  return withWriteTx(ctx.db, async (tx) => {
    const key = and(eq(vocabularyTerms.centreId, centreId), eq(vocabularyTerms.domain, domain), eq(vocabularyTerms.code, code));
    const [before] = await tx.select().from(vocabularyTerms).where(key).for('update');
    if (before && before.category !== category) {
      throw new AppError('CONFLICT', `Kind ${code} already belongs to category ${before.category}`, { fields: [{ in: 'body', path: 'category', reason: 'category_fixed', message: `kind ${code} stays in ${before.category}` }] });
    }
    const values = { centreId, domain, code, category, labelZh: input.labelZh, labelEn: input.labelEn, description: input.description, updatedAt: ctx.now };
    const [after] = await tx
      .insert(vocabularyTerms)
      .values(values)
      .onConflictDoUpdate({ target: [vocabularyTerms.centreId, vocabularyTerms.domain, vocabularyTerms.code], set: { labelZh: values.labelZh, labelEn: values.labelEn, description: values.description, updatedAt: ctx.now } })
      .returning();
    if (!after) throw new Error('vocabulary term missing after write');
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: before ? 'vocabulary.update' : 'vocabulary.create', entityType: 'vocabulary_term', entityId: `${domain}:${code}`, centreId, before: before ?? null, after, requestId: ctx.requestId });
    return { domain, code, category: (after.category as TEntityCategory | null) ?? null, labelZh: after.labelZh, labelEn: after.labelEn, description: after.description, builtIn: false };
  });
};
