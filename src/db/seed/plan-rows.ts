import type { TQualifier } from '../../shared/schemas/indicators.js';
import type { TEntityCategory } from '../../shared/schemas/entities.js';
import { ENTITY_KINDS, RECOGNITION_TYPES, type TEntityKind } from '../../shared/schemas/registry.js';
import type { areas, centres, citations, entities, entitySources, indicators, observations, policies, relations, sources, targets, vocabularyTerms } from '../schema/index.js';
import { buildSearchText } from '../search-text.js';
import type { CentrePackage, TFactRecord } from './centre-package.js';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export type CentreRows = {
  centre: Insert<typeof centres>;
  areas: Insert<typeof areas>[];
  sources: Insert<typeof sources>[];
  entities: Insert<typeof entities>[];
  entitySources: Insert<typeof entitySources>[];
  citations: Insert<typeof citations>[];
  indicators: Insert<typeof indicators>[];
  observations: Insert<typeof observations>[];
  targets: Insert<typeof targets>[];
  relations: Insert<typeof relations>[];
  vocabularyTerms: Insert<typeof vocabularyTerms>[];
  /** Policy documents the sources name; seedCentre stamps their times. */
  policies: Omit<Insert<typeof policies>, 'createdAt' | 'updatedAt'>[];
};

const NAME_STATUS: Record<string, 'in_source' | 'well_known' | 'probable' | 'none'> = {
  in_seed: 'in_source',
  well_known_not_in_seed: 'well_known',
  probable_not_in_seed: 'probable',
  none_available: 'none',
};

/** "登记技术合同数 (well-known term)" → "登记技术合同数": drop the editor's English remarks. */
export const cleanChineseName = (name: string | null): string | null => {
  if (!name) return null;
  const cleaned = name.replace(/\s*\([^()]*[A-Za-z][^()]*\)\s*$/u, '').trim();
  return cleaned.length > 0 ? cleaned : null;
};

/** Map the fact sheet's free-text qualifier onto the fixed list; unknown wording is kept as approximate. */
export const parseQualifier = (qualifier: string | undefined, value: unknown): TQualifier => {
  const q = (qualifier ?? '').toLowerCase();
  if (q.startsWith('redacted') || (q.includes('redacted') && value === null)) return 'redacted';
  if (q.startsWith('qualitative') || value === null) return 'qualitative';
  if (q.startsWith('lower bound')) return 'lower_bound';
  if (q.startsWith('upper bound') || q.startsWith('within top')) return 'upper_bound';
  if (q.startsWith('approximate')) return 'approximate';
  if (q.startsWith('exact') || q.startsWith('count derived')) return 'exact';
  return 'approximate';
};

/** Numbers, fractions ("1/3") and ratios ("1:1") as numbers; anything else is no number. */
export const parseFactValue = (value: unknown): number | null => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return null;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[/:]\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
  if (m && Number(m[2]) !== 0) return Number(m[1]) / Number(m[2]);
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? n : null;
};

const slug = (ref: string): string => ref.toLowerCase();

/** The kind a record gets when its centre package names none: the category's own. */
export const DEFAULT_KIND: Record<TEntityCategory, TEntityKind> = {
  platform: 'platform',
  national_lab: 'national_lab',
  big_science_facility: 'big_science_facility',
  rnd_institution: 'new_rnd_institution',
  university: 'university',
  innovation_centre: 'national_tech_innovation_centre',
  enterprise: 'enterprise',
  achievement: 'achievement',
  event: 'event',
  index: 'index',
  organisation: 'organisation',
  person: 'person',
  comparator: 'comparator',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export const planCentreRows = (pkg: CentrePackage): CentreRows => {
  const { manifest, facts, boundaries } = pkg;
  const centreId = manifest.centre.id;
  const rows: CentreRows = {
    centre: {
      ...manifest.centre,
      descriptionZh: manifest.centre.descriptionZh ?? null,
      descriptionEn: manifest.centre.descriptionEn ?? null,
      mapAttribution: manifest.boundaries?.attribution ?? null,
    },
    areas: [],
    sources: [],
    entities: [],
    entitySources: [],
    citations: [],
    indicators: [],
    observations: [],
    targets: [],
    relations: [],
    vocabularyTerms: [],
    policies: [],
  };

  const ownKinds = new Set(manifest.vocabulary.kinds.map((k) => k.code));
  for (const [domain, terms, builtIn] of [
    ['kind', manifest.vocabulary.kinds, Object.keys(ENTITY_KINDS)],
    ['recognition', manifest.vocabulary.recognitions, RECOGNITION_TYPES],
  ] as const) {
    for (const term of terms) {
      if ((builtIn as readonly string[]).includes(term.code)) throw new Error(`vocabulary: ${domain} ${term.code} is built in; choose another code`);
      rows.vocabularyTerms.push({ centreId, domain, code: term.code, category: term.category ?? null, labelZh: term.labelZh, labelEn: term.labelEn, description: term.description ?? null });
    }
  }
  for (const [ref, kind] of Object.entries(manifest.factSheet?.kindOverrides ?? {})) {
    if (!Object.hasOwn(ENTITY_KINDS, kind) && !ownKinds.has(kind)) throw new Error(`kindOverrides.${ref}: unknown kind ${kind}`);
  }

  const knownAreas = new Set(manifest.areas.map((a) => a.id));
  for (const area of manifest.areas) {
    if (area.parentId && !knownAreas.has(area.parentId)) throw new Error(`Area ${area.id}: unknown parent ${area.parentId}`);
    for (const w of area.withinAreaIds ?? []) if (!knownAreas.has(w)) throw new Error(`Area ${area.id}: unknown area ${w}`);
    const boundary = area.boundaryName ? boundaries.get(area.boundaryName) : undefined;
    if (area.boundaryName && !boundary) throw new Error(`Area ${area.id}: no boundary named ${area.boundaryName}`);
    rows.areas.push({
      id: area.id,
      centreId,
      parentId: area.parentId,
      kind: area.kind,
      code: area.code ?? null,
      nameZh: area.nameZh,
      nameEn: area.nameEn,
      nameStatus: area.nameStatus,
      withinAreaIds: area.withinAreaIds ?? [],
      centroid: boundary?.centroid ?? null,
      geometry: boundary?.geometry ?? null,
      basis: area.basis ?? null,
      sortOrder: area.sortOrder ?? 0,
    });
  }
  if (!facts || !manifest.factSheet) return rows;
  const sheet = manifest.factSheet;

  const sourceIdByFile = new Map<string, string>();
  for (const src of facts.sources) {
    const id = `${centreId}-${slug(src.id)}`;
    for (const f of src.source_files) sourceIdByFile.set(f, id);
    const extra = sheet.sources[src.id];
    const titleIsZh = src.name_zh !== null;
    rows.sources.push({
      id,
      centreId,
      kind: src.kind,
      titleZh: src.name_zh,
      titleEn: titleIsZh ? (/\(([^()]+)\)\s*$/.exec(src.name_en)?.[1] ?? null) : src.name_en,
      publisher: extra?.publisher ?? null,
      publishedOn: extra?.publishedOn ?? null,
      dateAsGiven: str(src.attributes['date_as_given']),
      url: extra?.url ?? null,
      fileName: src.source_files[0] ?? null,
      language: str(src.attributes['language']),
      extra: {
        factRef: src.id,
        description: str(src.attributes['description']),
        authors: src.attributes['authors'] ?? [],
        publisherAsGiven: str(src.attributes['publisher_as_given']),
        inference: str(src.attributes['inference']),
      },
    });
  }
  const sourceFor = (file: string, ref: string): string => {
    const id = sourceIdByFile.get(file);
    if (!id) throw new Error(`${ref}: quote from unknown source file ${file}`);
    return id;
  };

  const areaByFactRef = new Map(manifest.areas.filter((a) => a.factRef).map((a) => [a.factRef as string, a.id]));
  const addCitations = (subjectType: string, subjectId: string, record: TFactRecord): void => {
    (record.attributes.quotes ?? []).forEach((q, i) => {
      rows.citations.push({
        id: `${subjectId}-q${i + 1}`,
        subjectType,
        subjectId,
        sourceId: sourceFor(q.file, record.id),
        quote: q.text,
        quoteGlossEn: q.gloss_en ?? null,
      });
    });
  };

  const entityIdByRef = new Map<string, string>();
  for (const record of facts.entities) {
    const areaId = areaByFactRef.get(record.id);
    if (areaId) {
      // The record is one of the centre's areas: cite it there instead of duplicating it.
      addCitations('area', areaId, record);
      continue;
    }
    const categoryLabel = str(record.attributes['category']) ?? '';
    const category = sheet.categoryMap[categoryLabel];
    if (!category) throw new Error(`${record.id}: no category mapping for "${categoryLabel}"`);
    const id = `${centreId}-${slug(record.id)}`;
    entityIdByRef.set(record.id, id);
    const placement = sheet.placements[record.id];
    if (placement && !knownAreas.has(placement.areaId)) throw new Error(`${record.id}: unknown area ${placement.areaId}`);
    const kind = record.kind.toLowerCase();
    const nameZh = cleanChineseName(record.name_zh);
    rows.entities.push({
      id,
      centreId,
      externalRef: record.id,
      category,
      kindLabel: record.kind,
      nameZh,
      nameEn: record.name_en,
      kind: sheet.kindOverrides[record.id] ?? DEFAULT_KIND[category],
      searchText: buildSearchText([nameZh, record.name_en, str(record.attributes['name_as_given'])]),
      nameStatus: NAME_STATUS[record.attributes.name_zh_status ?? ''] ?? 'none',
      isGeneric: /generic|category|platform type|type\)/.test(kind),
      isSample: false,
      descriptionEn: str(record.attributes['description']),
      notes: str(record.attributes['notes']),
      areaId: placement?.areaId ?? null,
      areaBasis: placement?.basis ?? null,
      attributes: { sector: record.attributes['sector'] ?? null, nameAsGiven: record.attributes['name_as_given'] ?? null, nameZhAsGiven: record.name_zh },
    });
    for (const sourceId of new Set(record.source_files.map((f) => sourceFor(f, record.id)))) {
      rows.entitySources.push({ entityId: id, sourceId });
    }
    addCitations('entity', id, record);
  }

  const sourceIdByRef = new Map(facts.sources.map((src) => [src.id, `${centreId}-${slug(src.id)}`]));
  sheet.relations.forEach((r, i) => {
    const fromId = entityIdByRef.get(r.from);
    const toId = r.toArea ?? (r.to ? entityIdByRef.get(r.to) : undefined);
    if (!fromId) throw new Error(`relation ${i + 1}: unknown record ${r.from}`);
    if (!toId || (r.toArea && !knownAreas.has(r.toArea))) throw new Error(`relation ${i + 1}: unknown target ${r.to ?? r.toArea}`);
    const sourceId = sourceIdByRef.get(r.sourceRef);
    if (!sourceId) throw new Error(`relation ${i + 1}: unknown source ${r.sourceRef}`);
    rows.relations.push({ id: `${centreId}-rel-${slug(r.from)}-${r.type}-${slug(r.to ?? r.toArea ?? '')}`, centreId, type: r.type, fromId, toId, toKind: r.toArea ? 'area' : 'entity', validFrom: null, validTo: null, sourceId, sourceNote: r.note });
  });

  const headline = new Map(sheet.headline.map((ref, i) => [ref, i + 1]));
  for (const record of facts.indicators) {
    const a = record.attributes;
    const indicatorRef = sheet.indicatorMerges[record.id] ?? record.id;
    const indicatorId = `${centreId}-${slug(indicatorRef)}`;
    const metricType = str(a['metric_type']);
    const quote = a.quotes?.[0];
    const fileForSource = quote?.file ?? record.source_files[0];
    if (!fileForSource) throw new Error(`${record.id}: no source`);
    if (indicatorRef === record.id) {
      const details = sheet.indicatorDetails[record.id] ?? {};
      rows.indicators.push({
        id: indicatorId,
        centreId,
        code: sheet.indicatorCodes[record.id] ?? slug(record.id),
        nameZh: cleanChineseName(record.name_zh) ?? sheet.indicatorNamesZh[record.id] ?? null,
        nameEn: record.name_en,
        unit: str(a['unit']),
        metricType,
        direction: metricType === 'ranking' ? -1 : 1,
        headlineRank: headline.get(record.id) ?? null,
        definitionZh: details.definitionZh ?? null,
        definitionEn: details.definitionEn ?? null,
        frequency: details.frequency ?? null,
        // A ranking places the city among others: an international comparison, unless the package says otherwise.
        level: details.level ?? (metricType === 'ranking' ? 'city' : 'centre'),
        sourceId: sourceFor(fileForSource, record.id),
      });
    }
    const subject = sheet.indicatorSubjects[record.id];
    const subjectEntity = subject ? entityIdByRef.get(subject.entityRef) : undefined;
    if (subject && !subjectEntity) throw new Error(`${record.id}: unknown subject ${subject.entityRef}`);
    rows.observations.push({
      id: `${centreId}-obs-${slug(record.id)}`,
      indicatorId,
      areaId: subjectEntity ? null : sheet.defaultAreaId,
      entityId: subjectEntity ?? null,
      year: typeof a['year'] === 'number' ? a['year'] : null,
      period: typeof a['year'] === 'number' ? String(a['year']) : null,
      yearBasis: str(a['year_basis']),
      value: parseFactValue(a['value']),
      valueAsGiven: str(a['value_as_given']),
      qualifier: parseQualifier(str(a['qualifier']) ?? undefined, a['value'] ?? null),
      status: 'measured',
      sourceId: sourceFor(fileForSource, record.id),
      quote: quote?.text ?? null,
      quoteGlossEn: quote?.gloss_en ?? null,
    });
  }

  // Goals are qualitative targets: their wording and deadline as the sources give them, assessed by analysts.
  if (sheet.goalsAsTargets) {
    for (const record of facts.goals) {
      const a = record.attributes;
      const quote = a.quotes?.[0];
      const file = quote?.file ?? record.source_files[0];
      if (!file) throw new Error(`${record.id}: no source`);
      const targetYear = typeof a['target_year'] === 'number' ? a['target_year'] : null;
      rows.targets.push({
        id: `${centreId}-target-${slug(record.id)}`,
        centreId,
        code: record.id,
        nameZh: cleanChineseName(record.name_zh),
        nameEn: record.name_en,
        description: str(a['description']),
        indicatorId: null,
        areaId: sheet.defaultAreaId,
        entityId: null,
        comparison: null,
        targetValue: null,
        baselineValue: null,
        baselinePeriod: null,
        deadline: targetYear === null ? null : String(targetYear),
        assessment: null,
        assessmentNote: null,
        sourceId: sourceFor(file, record.id),
        quote: quote?.text ?? null,
        quoteGlossEn: quote?.gloss_en ?? null,
      });
    }
  }
  // Policies the sources name: catalogued documents (title, source, quotes). The sources give no text,
  // benefits or dates, so no version is loaded and nothing is made up.
  for (const record of facts.policies) {
    const filed = sheet.policies[record.id];
    if (!filed) throw new Error(`${record.id}: no level and issuer for this policy (factSheet.policies)`);
    const file = record.attributes.quotes?.[0]?.file ?? record.source_files[0];
    if (!file) throw new Error(`${record.id}: no source`);
    const id = `${centreId}-${slug(record.id)}`;
    rows.policies.push({
      id,
      centreId,
      code: record.id,
      // A policy the sources name only in English keeps that title: there is no Chinese one to show.
      titleZh: cleanChineseName(record.name_zh) ?? record.name_en,
      titleEn: record.name_en,
      issuer: filed.issuer,
      level: filed.level,
      documentNumber: null,
      url: null,
      sourceId: sourceFor(file, record.id),
      isSample: false,
      createdBy: null,
    });
    addCitations('policy', id, record);
  }
  for (const ref of Object.keys(sheet.policies)) {
    if (!facts.policies.some((p) => p.id === ref)) throw new Error(`factSheet.policies.${ref}: no such policy in the fact sheet`);
  }
  return rows;
};
