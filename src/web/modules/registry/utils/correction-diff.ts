import type { TEntityProfile } from '../../../../shared/schemas/registry.js';
import type { MessageKey } from '../../../i18n/keys.js';
import type { Translator } from '../../../i18n/translate.js';

type Entity = TEntityProfile['entity'];

/** The fields an organisation may propose to change on its own profile, in display order. */
export const CORRECTION_FIELDS = ['nameZh', 'nameEn', 'aliases', 'address', 'foundedOn', 'sectorCodes', 'industryTags', 'descriptionEn'] as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];

export const correctionFieldKey = (field: CorrectionField): `correction.field.${CorrectionField}` & MessageKey => `correction.field.${field}`;

export const isCorrectionField = (value: string): value is CorrectionField => (CORRECTION_FIELDS as readonly string[]).includes(value);

/** A field's value as text: lists joined the way the language joins them, nothing as null. */
export const displayValue = (value: unknown, t: Translator): string | null => {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length > 0 ? value.map(String).join(t('common.listSeparator')) : null;
  const text = String(value).trim();
  return text === '' ? null : text;
};

export type CorrectionRow = { field: string; label: string; current: string | null; proposed: string | null; changed: boolean };

/** Current against proposed, one row per field the correction touches (known fields first, in order). */
export const correctionRows = (patch: Record<string, unknown>, entity: Entity | undefined, t: Translator): CorrectionRow[] => {
  const fields = Object.keys(patch).sort((a, b) => order(a) - order(b));
  return fields.map((field) => {
    const current = entity ? displayValue((entity as Record<string, unknown>)[field], t) : null;
    const proposed = displayValue(patch[field], t);
    return { field, label: isCorrectionField(field) ? t(correctionFieldKey(field)) : field, current, proposed, changed: current !== proposed };
  });
};

const order = (field: string): number => {
  const i = (CORRECTION_FIELDS as readonly string[]).indexOf(field);
  return i < 0 ? CORRECTION_FIELDS.length : i;
};

export type CorrectionFormValues = {
  nameZh: string;
  nameEn: string;
  aliases: string[];
  address: string;
  foundedOn: string;
  sectorCodes: string[];
  industryTags: string[];
  descriptionEn: string;
  reason: string;
};

export const correctionValuesFrom = (e: Entity): CorrectionFormValues => ({
  nameZh: e.nameZh ?? '',
  nameEn: e.nameEn,
  aliases: [...e.aliases],
  address: e.address ?? '',
  foundedOn: e.foundedOn ?? '',
  sectorCodes: [...e.sectorCodes],
  industryTags: [...e.industryTags],
  descriptionEn: e.descriptionEn ?? '',
  reason: '',
});

const clean = (field: CorrectionField, value: unknown): unknown => {
  if (Array.isArray(value)) {
    const items = [...new Set(value.map((v) => String(v).trim()).filter((v) => v !== ''))];
    return field === 'sectorCodes' ? items.map((c) => c.toUpperCase()) : items;
  }
  const text = String(value ?? '').trim();
  // nameEn cannot be emptied; the others can.
  return text === '' ? (field === 'nameEn' ? '' : null) : text;
};

/** The proposed patch: only fields that differ from the profile. Empty when nothing changed. */
export const correctionPatch = (values: CorrectionFormValues, entity: Entity): Record<string, unknown> => {
  const patch: Record<string, unknown> = {};
  for (const field of CORRECTION_FIELDS) {
    const next = clean(field, values[field]);
    const before = clean(field, (entity as Record<string, unknown>)[field]);
    if (JSON.stringify(next) !== JSON.stringify(before)) patch[field] = next;
  }
  return patch;
};
