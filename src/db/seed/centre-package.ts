import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTimeZone } from '../../shared/time-zone.js';
import { z } from 'zod';
import { AREA_KINDS } from '../../shared/schemas/centres.js';
import { ZNameStatus } from '../../shared/schemas/common.js';
import { ZRelationType, ZVocabularyCode, ZVocabularyTermInput } from '../../shared/schemas/registry.js';
import { ENTITY_CATEGORIES } from '../../shared/schemas/entities.js';
import { ZFrequency, ZIndicatorLevel } from '../../shared/schemas/indicators.js';
import { ZPolicyLevel } from '../../shared/schemas/policies.js';

/**
 * A centre package is a folder of data (seeds/<centre>/): the centre, its
 * areas, how its fact sheet maps onto KeChuang, and the boundary file. Every
 * centre-specific fact lives there, never in code.
 */

const ZAreaSpec = z.object({
  id: z.string().min(1),
  parentId: z.string().nullable(),
  kind: z.enum(AREA_KINDS),
  code: z.string().nullable().optional(),
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  nameStatus: ZNameStatus,
  withinAreaIds: z.array(z.string()).optional(),
  basis: z.string().nullable().optional(),
  boundaryName: z.string().optional(),
  factRef: z.string().optional(),
  sortOrder: z.number().int().optional(),
});
export type TAreaSpec = z.infer<typeof ZAreaSpec>;

export const ZCentreManifest = z.object({
  format: z.literal('kechuang-centre/1'),
  centre: z.object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    nameZh: z.string(),
    nameEn: z.string(),
    shortNameZh: z.string(),
    shortNameEn: z.string(),
    // Days, deadlines and the years of statistics are read in this zone.
    timezone: z.string().refine(isTimeZone, { message: 'an IANA time zone the runtime knows, such as Asia/Shanghai' }),
    defaultLocale: z.enum(['zh-CN', 'en-US']),
    mapAreaId: z.string().nullable(),
    descriptionZh: z.string().nullable().optional(),
    descriptionEn: z.string().nullable().optional(),
  }),
  boundaries: z
    .object({ file: z.string(), nameProperty: z.string(), centroidProperty: z.string().optional(), attribution: z.string() })
    .optional(),
  areas: z.array(ZAreaSpec),
  factSheet: z
    .object({
      file: z.string(),
      defaultAreaId: z.string(),
      categoryMap: z.record(z.string(), z.enum(ENTITY_CATEGORIES)),
      placements: z.record(z.string(), z.object({ areaId: z.string(), basis: z.string() })).default({}),
      indicatorMerges: z.record(z.string(), z.string()).default({}),
      indicatorCodes: z.record(z.string(), z.string()).default({}),
      /** Chinese names for indicators the fact sheet names only in English: labels, not figures. */
      indicatorNamesZh: z.record(z.string(), z.string()).default({}),
      indicatorSubjects: z.record(z.string(), z.object({ entityRef: z.string() })).default({}),
      headline: z.array(z.string()).default([]),
      /** Definitions, frequency and level of indicators: catalogue labels, not figures. */
      indicatorDetails: z
        .record(
          z.string(),
          z.object({
            definitionZh: z.string().optional(),
            definitionEn: z.string().optional(),
            frequency: ZFrequency.optional(),
            level: ZIndicatorLevel.optional(),
          }),
        )
        .default({}),
      /** Load the fact sheet's goals as targets (qualitative, with their deadlines where stated). */
      goalsAsTargets: z.boolean().default(true),
      /** Fine kinds for records whose category's default kind is too coarse. */
      kindOverrides: z.record(z.string(), ZVocabularyCode).default({}),
      /** Relations the sources state, between fact records or from a record to an area. */
      relations: z
        .array(
          z.object({
            type: ZRelationType,
            from: z.string(),
            to: z.string().optional(),
            toArea: z.string().optional(),
            sourceRef: z.string(),
            note: z.string(),
          }),
        )
        .default([]),
      sources: z
        .record(
          z.string(),
          z.object({ publisher: z.string().nullable(), publishedOn: z.string().nullable(), url: z.string().optional() }),
        )
        .default({}),
      /**
       * How the fact sheet's policies enter the policy library: each one's
       * level and issuer (the jurisdiction, when the sources name no issuing
       * body) and the basis for both. They load as catalogued documents: title,
       * source and quotes; no text, benefits or dates, which the sources do not give.
       */
      policies: z.record(z.string(), z.object({ level: ZPolicyLevel, issuer: z.string().min(1), basis: z.string() })).default({}),
    })
    .optional(),
  /** Kinds and recognitions this centre adds to the built-in lists (codes must not repeat a built-in one). */
  vocabulary: z
    .object({
      kinds: z.array(ZVocabularyTermInput.extend({ code: ZVocabularyCode, category: z.enum(ENTITY_CATEGORIES) })).default([]),
      recognitions: z.array(ZVocabularyTermInput.extend({ code: ZVocabularyCode })).default([]),
    })
    .default({ kinds: [], recognitions: [] }),
});
export type TCentreManifest = z.infer<typeof ZCentreManifest>;

const ZQuote = z.object({ file: z.string(), text: z.string(), gloss_en: z.string().optional() });
const ZFactRecord = z.object({
  id: z.string(),
  name_en: z.string(),
  name_zh: z.string().nullable(),
  kind: z.string(),
  attributes: z.record(z.string(), z.unknown()).and(
    z.object({ quotes: z.array(ZQuote).optional(), name_zh_status: z.string().optional() }),
  ),
  source_files: z.array(z.string()),
});
export type TFactRecord = z.infer<typeof ZFactRecord>;

/** The fact-sheet format of shared/seeds/facts.json: records with verbatim quotes. */
export const ZFactSheet = z.object({
  title: z.string(),
  sources: z.array(ZFactRecord),
  entities: z.array(ZFactRecord),
  indicators: z.array(ZFactRecord),
  goals: z.array(ZFactRecord).default([]),
  policies: z.array(ZFactRecord).default([]),
});
export type TFactSheet = z.infer<typeof ZFactSheet>;

export type Boundary = { name: string; centroid: [number, number] | null; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } };

export type CentrePackage = {
  dir: string;
  /** sha256 over the package's files: unchanged package, nothing to sync. */
  digest: string;
  manifest: TCentreManifest;
  facts: TFactSheet | null;
  boundaries: Map<string, Boundary>;
};

const ZGeoJson = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      properties: z.record(z.string(), z.unknown()),
      geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
    }),
  ),
});

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const parseOrExplain = <T>(schema: z.ZodType<T>, value: unknown, what: string): T => {
  const result = schema.safeParse(value);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 10).map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${what} is not valid:\n${lines.join('\n')}`);
  }
  return result.data;
};

export const loadCentrePackage = (dir: string): CentrePackage => {
  const manifest = parseOrExplain(ZCentreManifest, readJson(join(dir, 'centre.json')), `${dir}/centre.json`);
  const facts = manifest.factSheet
    ? parseOrExplain(ZFactSheet, readJson(join(dir, manifest.factSheet.file)), `${dir}/${manifest.factSheet.file}`)
    : null;
  const boundaries = new Map<string, Boundary>();
  if (manifest.boundaries) {
    const { file, nameProperty, centroidProperty } = manifest.boundaries;
    const geo = parseOrExplain(ZGeoJson, readJson(join(dir, file)), `${dir}/${file}`);
    for (const feature of geo.features) {
      const name = String(feature.properties[nameProperty] ?? '');
      const cp = centroidProperty ? feature.properties[centroidProperty] : undefined;
      const centroid = Array.isArray(cp) && cp.length === 2 ? ([Number(cp[0]), Number(cp[1])] as [number, number]) : null;
      boundaries.set(name, { name, centroid, geometry: feature.geometry });
    }
  }
  const digest = createHash('sha256');
  for (const file of ['centre.json', manifest.factSheet?.file, manifest.boundaries?.file]) if (file) digest.update(readFileSync(join(dir, file)));
  return { dir, digest: digest.digest('hex'), manifest, facts, boundaries };
};
