/**
 * Pure helpers over a centre's area hierarchy. An area has a tree parent and
 * may also lie within other areas (a park within a district); placing a record
 * on a map means finding which of the map's areas holds it.
 */
export type AreaNode = { id: string; parentId: string | null; withinAreaIds: readonly string[] };

/**
 * The map area that holds `areaId`: the area itself if it is on the map, else
 * the first map area among the areas it lies within, else its parent's, and so
 * on up the tree. Null when nothing on the map holds it (e.g. the whole city).
 */
export const resolveMapArea = (areas: ReadonlyMap<string, AreaNode>, mapAreaIds: ReadonlySet<string>, areaId: string): string | null => {
  const seen = new Set<string>();
  let current: string | null = areaId;
  while (current !== null && !seen.has(current)) {
    seen.add(current);
    if (mapAreaIds.has(current)) return current;
    const node = areas.get(current);
    if (!node) return null;
    const within = node.withinAreaIds.find((w) => mapAreaIds.has(w));
    if (within) return within;
    current = node.parentId;
  }
  return null;
};

/** Ancestors from the parent up to the root; stops at a cycle instead of looping. */
export const ancestors = (areas: ReadonlyMap<string, AreaNode>, areaId: string): string[] => {
  const out: string[] = [];
  const seen = new Set<string>([areaId]);
  let parent = areas.get(areaId)?.parentId ?? null;
  while (parent !== null && !seen.has(parent)) {
    out.push(parent);
    seen.add(parent);
    parent = areas.get(parent)?.parentId ?? null;
  }
  return out;
};
