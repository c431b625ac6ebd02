/**
 * Which department owns a demand: the one that handles its type in the most
 * specific area that contains the enterprise (park, then district, then the
 * whole centre). Ties go to the department listed first (stable order).
 */
export type RoutableDepartment = { id: string; areaId: string | null; demandTypes: readonly string[]; isCoordinator: boolean };

/**
 * `areaChain`: the enterprise's area and its ancestors, most specific first
 * (park → district → …). A department with no area serves the whole centre.
 */
export const routeDemand = <D extends RoutableDepartment>(departments: readonly D[], type: string, areaChain: readonly string[]): D | null => {
  const handling = departments.filter((d) => d.demandTypes.includes(type));
  for (const areaId of areaChain) {
    const here = handling.find((d) => d.areaId === areaId);
    if (here) return here;
  }
  return handling.find((d) => d.areaId === null) ?? null;
};

/** The coordinator for an escalation level: level 1 the district's (nearest area with a coordinator), level 2 the centre-wide one. */
export const coordinatorFor = <D extends RoutableDepartment>(departments: readonly D[], level: 1 | 2, areaChain: readonly string[]): D | null => {
  const coordinators = departments.filter((d) => d.isCoordinator);
  if (level === 1) {
    for (const areaId of areaChain) {
      const here = coordinators.find((d) => d.areaId === areaId);
      if (here) return here;
    }
  }
  return coordinators.find((d) => d.areaId === null) ?? null;
};
