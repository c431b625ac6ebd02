import type { TEntityInput, TEntityKind, TEntityPatch, TEntityProfile } from '../../../../shared/schemas/registry.js';
import { isKind } from './vocab.js';

type Entity = TEntityProfile['entity'];

/** What the actor form edits. Text fields hold '' for "not given"; the API wants null. */
export type EntityFormValues = {
  kind: TEntityKind | undefined;
  nameZh: string;
  nameEn: string;
  aliases: string[];
  areaId: string | undefined;
  address: string;
  lon: number | null;
  lat: number | null;
  foundedOn: string;
  uscc: string;
  ror: string;
  orcid: string;
  sectorCodes: string[];
  industryTags: string[];
  descriptionEn: string;
  isSample: boolean;
};

export const EMPTY_ENTITY_VALUES: EntityFormValues = {
  kind: undefined,
  nameZh: '',
  nameEn: '',
  aliases: [],
  areaId: undefined,
  address: '',
  lon: null,
  lat: null,
  foundedOn: '',
  uscc: '',
  ror: '',
  orcid: '',
  sectorCodes: [],
  industryTags: [],
  descriptionEn: '',
  isSample: false,
};

/** YYYY, YYYY-MM or YYYY-MM-DD (as the API's ZPartialDate). */
export const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
/** GB/T 4754-2017: a section letter A–T or a 2–4 digit code. */
export const SECTOR_CODE = /^([A-T]|\d{2,4})$/;

/** The form's starting values for an existing actor; an unset kind falls back to the category when that is also a kind. */
export const valuesFromEntity = (e: Entity): EntityFormValues => ({
  kind: isKind(e.kind) ? e.kind : isKind(e.category) ? e.category : undefined,
  nameZh: e.nameZh ?? '',
  nameEn: e.nameEn,
  aliases: [...e.aliases],
  areaId: e.areaId ?? undefined,
  address: e.address ?? '',
  lon: e.lon,
  lat: e.lat,
  foundedOn: e.foundedOn ?? '',
  uscc: e.uscc ?? '',
  ror: e.ror ?? '',
  orcid: e.orcid ?? '',
  sectorCodes: [...e.sectorCodes],
  industryTags: [...e.industryTags],
  descriptionEn: e.descriptionEn ?? '',
  isSample: e.isSample,
});

const text = (value: string | null | undefined): string | null => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
};
const list = (values: readonly string[] | undefined): string[] => [...new Set((values ?? []).map((v) => v.trim()).filter((v) => v !== ''))];
const number = (value: number | null | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The fields as the API takes them (trimmed, empty → null, lists without blanks or repeats). */
const normalise = (v: EntityFormValues) => ({
  nameZh: text(v.nameZh),
  nameEn: (v.nameEn ?? '').trim(),
  aliases: list(v.aliases),
  areaId: v.areaId ?? null,
  address: text(v.address),
  lon: number(v.lon),
  lat: number(v.lat),
  foundedOn: text(v.foundedOn),
  uscc: text(v.uscc),
  ror: text(v.ror),
  orcid: text(v.orcid),
  sectorCodes: list(v.sectorCodes).map((c) => c.toUpperCase()),
  industryTags: list(v.industryTags),
  descriptionEn: text(v.descriptionEn),
  isSample: Boolean(v.isSample),
});

/** A new actor from the form. */
export const toEntityInput = (values: EntityFormValues, confirmNotDuplicate = false): TEntityInput => {
  if (!values.kind) throw new Error('kind is required');
  return { kind: values.kind, ...normalise(values), externalIds: [], parentId: null, confirmNotDuplicate };
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only what the user changed, with the version they saw: the server refuses
 * the patch (stale_version) if someone else changed the record meanwhile.
 * Null when nothing changed.
 */
export const toEntityPatch = (values: EntityFormValues, entity: Entity): TEntityPatch | null => {
  const next = normalise(values);
  const before = normalise(valuesFromEntity(entity));
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(next) as Array<keyof typeof next>) {
    if (!same(next[key], before[key])) changes[key] = next[key];
  }
  if (values.kind && values.kind !== entity.kind) changes['kind'] = values.kind;
  if (Object.keys(changes).length === 0) return null;
  return { ...changes, version: entity.version } as TEntityPatch;
};

/** Which form field an API issue path belongs to (`aliases.2` → `aliases`). */
export const entityFieldFor = (path: string): string | null => path.split('.')[0] ?? null;
