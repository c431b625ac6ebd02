import { ENTITY_CATEGORIES, type TEntityCategory } from '../../../../shared/schemas/entities.js';
import {
  ENTITY_KINDS,
  FACT_METRICS,
  RECOGNITION_TYPES,
  RELATION_TYPES,
  type TEntityKind,
  type TVocabulary,
  type TVocabularyTerm,
} from '../../../../shared/schemas/registry.js';
import type { Locale } from '../../../i18n/keys.js';
import { categoryKey, factMetricKey, kindKey, recognitionKey, relationKey, relationNameKey, type RelationDirection } from '../../../i18n/keys.js';
import type { Translator } from '../../../i18n/translate.js';

export type RecognitionType = (typeof RECOGNITION_TYPES)[number];
export type RelationType = (typeof RELATION_TYPES)[number];
export type FactMetric = (typeof FACT_METRICS)[number];

const has = <T extends string>(list: readonly T[], value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value);

export const isCategory = (value: unknown): value is TEntityCategory => has(ENTITY_CATEGORIES, value);
export const isKind = (value: unknown): value is TEntityKind => typeof value === 'string' && Object.hasOwn(ENTITY_KINDS, value);
export const isRecognitionType = (value: unknown): value is RecognitionType => has(RECOGNITION_TYPES, value);
export const isRelationType = (value: unknown): value is RelationType => has(RELATION_TYPES, value);
export const isFactMetric = (value: unknown): value is FactMetric => has(FACT_METRICS, value);

/** Codes the server sends as plain strings, translated when known and shown as given otherwise. */
export const kindLabel = (kind: string | null | undefined, t: Translator): string | null => (kind ? (isKind(kind) ? t(kindKey(kind)) : kind) : null);
export const categoryLabel = (category: string, t: Translator): string => (isCategory(category) ? t(categoryKey(category)) : category);
export const recognitionLabel = (type: string, t: Translator): string => (isRecognitionType(type) ? t(recognitionKey(type)) : type);
export const relationLabel = (type: string, direction: RelationDirection, t: Translator): string =>
  isRelationType(type) ? t(relationKey(type, direction)) : type;
export const relationName = (type: string, t: Translator): string => (isRelationType(type) ? t(relationNameKey(type)) : type);
export const factMetricLabel = (metric: string, t: Translator): string => (isFactMetric(metric) ? t(factMetricKey(metric)) : metric);

export type KindGroup = { category: TEntityCategory; kinds: TEntityKind[] };

/** Every kind under its category, categories in the usual order: the options of a grouped kind select. */
export const KIND_GROUPS: readonly KindGroup[] = ENTITY_CATEGORIES.map((category) => ({
  category,
  kinds: (Object.keys(ENTITY_KINDS) as TEntityKind[]).filter((k) => ENTITY_KINDS[k] === category),
})).filter((g) => g.kinds.length > 0);

/** A centre's vocabulary as labels: built-in codes from the catalogs, the centre's own terms from their labels. */
export type VocabularyLabels = {
  kind: (code: string | null | undefined) => string | null;
  recognition: (code: string) => string;
  /** Every kind the centre knows under its category (built-in first), for selects and the import template. */
  kindGroups: { category: TEntityCategory; kinds: { code: string; label: string }[] }[];
  recognitions: { code: string; label: string }[];
};

const ownLabel = (term: TVocabularyTerm | undefined, locale: Locale): string | null =>
  term && !term.builtIn ? ((locale === 'zh-CN' ? (term.labelZh ?? term.labelEn) : (term.labelEn ?? term.labelZh)) ?? null) : null;

export const vocabularyLabels = (vocabulary: TVocabulary | undefined, t: Translator, locale: Locale): VocabularyLabels => {
  const ownKinds = new Map((vocabulary?.kinds ?? []).filter((k) => !k.builtIn).map((k) => [k.code, k]));
  const ownRecognitions = new Map((vocabulary?.recognitions ?? []).filter((r) => !r.builtIn).map((r) => [r.code, r]));
  const kind = (code: string | null | undefined): string | null => (code ? (ownLabel(ownKinds.get(code), locale) ?? kindLabel(code, t)) : null);
  const recognition = (code: string): string => ownLabel(ownRecognitions.get(code), locale) ?? recognitionLabel(code, t);
  const kindGroups = ENTITY_CATEGORIES.map((category) => ({
    category,
    kinds: [
      ...(KIND_GROUPS.find((g) => g.category === category)?.kinds ?? []).map((code) => ({ code, label: t(kindKey(code)) })),
      ...[...ownKinds.values()].filter((k) => k.category === category).map((k) => ({ code: k.code, label: ownLabel(k, locale) ?? k.code })),
    ],
  })).filter((g) => g.kinds.length > 0);
  const recognitions = [...RECOGNITION_TYPES.map((code) => ({ code, label: t(recognitionKey(code)) })), ...[...ownRecognitions.values()].map((r) => ({ code: r.code, label: ownLabel(r, locale) ?? r.code }))];
  return { kind, recognition, kindGroups, recognitions };
};
