import { RELATION_TYPES, type TEntityProfile } from '../../../../shared/schemas/registry.js';
import { pickName } from '../../../i18n/format.js';
import type { RelationDirection } from '../../../i18n/keys.js';
import type { Translator } from '../../../i18n/translate.js';
import { relationLabel } from './vocab.js';

export type ProfileRelation = TEntityProfile['relations'][number];

export type RelationGroup = {
  key: string;
  type: string;
  direction: RelationDirection;
  /** Read from this profile's side: "任职于" for its own, "成员" for those pointing at it. */
  label: string;
  items: ProfileRelation[];
};

const typeOrder = (type: string): number => {
  const i = (RELATION_TYPES as readonly string[]).indexOf(type);
  return i < 0 ? RELATION_TYPES.length : i;
};

/**
 * A profile's relations grouped by type and direction, so each group reads
 * naturally from this actor's side; groups in vocabulary order (own relations
 * before those pointing here), members by name.
 */
export const groupRelations = (relations: readonly ProfileRelation[], t: Translator): RelationGroup[] => {
  const groups = new Map<string, RelationGroup>();
  for (const r of relations) {
    const key = `${r.type}:${r.direction}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, type: r.type, direction: r.direction, label: relationLabel(r.type, r.direction, t), items: [] };
      groups.set(key, group);
    }
    group.items.push(r);
  }
  const name = (r: ProfileRelation) => pickName({ nameZh: r.otherNameZh, nameEn: r.otherNameEn }, t.locale);
  return [...groups.values()]
    .sort((a, b) => typeOrder(a.type) - typeOrder(b.type) || (a.direction === b.direction ? 0 : a.direction === 'out' ? -1 : 1))
    .map((g) => ({ ...g, items: [...g.items].sort((a, b) => name(a).localeCompare(name(b), t.locale, { numeric: true })) }));
};
