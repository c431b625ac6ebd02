import type { TAreaMap } from '../../../../shared/schemas/centres.js';

type Feature = TAreaMap['features'][number];

export type LocationMap = {
  width: number;
  height: number;
  areas: Array<{ areaId: string; d: string; highlighted: boolean }>;
  /** Where the point falls, in the same coordinates as the paths. */
  marker: { x: number; y: number };
};

type Position = [number, number];

const rings = (feature: Feature): Position[][] => {
  const { type, coordinates } = feature.geometry;
  const polygons = (type === 'Polygon' ? [coordinates] : coordinates) as unknown as Position[][][];
  return polygons.flat();
};

const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * A small locator map: the centre's district outlines and a marker at
 * [lon, lat], fitted into `width` (height follows the shape). Longitudes are
 * scaled by cos(latitude) so the districts keep their proportions. Pure, so
 * the page draws it as plain SVG without loading a chart library.
 */
export const buildLocationMap = (
  features: readonly Feature[],
  point: Position,
  options: { width?: number; padding?: number; highlightAreaId?: string | null } = {},
): LocationMap => {
  const width = options.width ?? 320;
  const padding = options.padding ?? 8;
  const all = features.flatMap(rings).flat();
  const xs = [...all.map((p) => p[0]), point[0]];
  const ys = [...all.map((p) => p[1]), point[1]];
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxX - minX) * kx, 1e-6);
  const spanY = Math.max(maxY - minY, 1e-6);
  const scale = (width - 2 * padding) / spanX;
  const height = Math.round(spanY * scale + 2 * padding);
  const project = ([lon, lat]: Position) => ({ x: round(padding + (lon - minX) * kx * scale), y: round(padding + (maxY - lat) * scale) });
  const areas = features.map((f) => ({
    areaId: f.properties.areaId,
    highlighted: f.properties.areaId === options.highlightAreaId,
    d: rings(f)
      .map((ring) => ring.map((p, i) => `${i === 0 ? 'M' : 'L'}${project(p).x} ${project(p).y}`).join('') + 'Z')
      .join(''),
  }));
  return { width, height, areas, marker: project(point) };
};
