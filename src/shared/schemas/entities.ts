import { z } from 'zod';
import { ZNameStatus, ZPagination } from './common.js';
import { ZCitation } from './sources.js';

/**
 * Kinds of actor and record the seed fact sheets name. A centre's configuration
 * maps its own categories onto these; later issues extend the list.
 */
export const ENTITY_CATEGORIES = [
  'platform',
  'national_lab',
  'big_science_facility',
  'rnd_institution',
  'university',
  'innovation_centre',
  'enterprise',
  'achievement',
  'event',
  'index',
  'organisation',
  'person',
  'comparator',
] as const;
export const ZEntityCategory = z.enum(ENTITY_CATEGORIES);
export type TEntityCategory = z.infer<typeof ZEntityCategory>;

/** Categories that are not organisations: what may not own a call, supply a chain, post a need or hold an achievement. */
export const NON_ORGANISATION_CATEGORIES: ReadonlySet<string> = new Set<TEntityCategory>(['person', 'achievement', 'event', 'index', 'comparator']);
/** Whether a registry record of this category is an organisation (an unknown category from a centre's own vocabulary counts as one). */
export const isOrganisationCategory = (category: string): boolean => !NON_ORGANISATION_CATEGORIES.has(category);

export const ZEntity = z.object({
  id: z.string(),
  centreId: z.string(),
  category: ZEntityCategory,
  /** The source's own description of the kind, e.g. "national technology innovation center". */
  kindLabel: z.string().nullable(),
  nameZh: z.string().nullable(),
  nameEn: z.string(),
  nameStatus: ZNameStatus,
  /** True for a generic group ("new R&D institutions") rather than one named actor. */
  isGeneric: z.boolean(),
  /** True for an illustrative record that is not real (shown as 示例 / sample). */
  isSample: z.boolean(),
  descriptionEn: z.string().nullable(),
  areaId: z.string().nullable(),
  /** Why the record is placed in that area. */
  areaBasis: z.string().nullable(),
  sourceIds: z.array(z.string()),
});
export type TEntity = z.infer<typeof ZEntity>;

export const ZEntityDetail = ZEntity.extend({ citations: z.array(ZCitation), notes: z.string().nullable() });
export type TEntityDetail = z.infer<typeof ZEntityDetail>;

export const ZEntityListQuery = ZPagination.extend({
  category: ZEntityCategory.optional(),
  areaId: z.string().max(120).optional(),
  q: z.string().trim().max(200).optional(),
});
export type TEntityListQuery = z.infer<typeof ZEntityListQuery>;

export const ZEntityPage = z.object({ items: z.array(ZEntity), total: z.number().int() });
