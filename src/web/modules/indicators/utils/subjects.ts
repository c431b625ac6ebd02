import type { TArea } from '../../../../shared/schemas/centres.js';
import type { TIndicatorLevel } from '../../../../shared/schemas/indicators.js';

/** What a figure or a target measures: an organisation when one is named, else an area. */
export const subjectOf = (record: { areaId: string | null; entityId: string | null }): string => record.entityId ?? record.areaId ?? '';

const PARK_KINDS: ReadonlySet<TArea['kind']> = new Set(['park', 'sub_park', 'zone', 'science_city', 'development_area']);

/** The centre's top area (the one without a parent): the subject of centre-wide figures. */
export const rootAreaOf = (areas: readonly TArea[]): TArea | undefined => areas.find((a) => a.parentId === null);

/**
 * The areas a figure of an indicator at this level can be about: districts for
 * district indicators, parks and zones for park indicators, the centre's top
 * area for centre and city indicators. Every area when none fits.
 */
export const areasForLevel = (areas: readonly TArea[], level: TIndicatorLevel): TArea[] => {
  const fits =
    level === 'district'
      ? areas.filter((a) => a.kind === 'district')
      : level === 'park'
        ? areas.filter((a) => PARK_KINDS.has(a.kind))
        : areas.filter((a) => a.parentId === null);
  return fits.length > 0 ? fits : [...areas];
};
