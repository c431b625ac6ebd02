import { describe, expect, test } from 'vitest';
import { DEFAULT_REGIONAL_CONFIG } from '../../../shared/cooperation-vocabulary.js';
import { placeRegions } from './chart-options.js';

describe('flow view placement', () => {
  test('with coordinates the regions sit like a map: Tianjin east of Beijing, Hebei to the south-west', () => {
    const at = placeRegions(DEFAULT_REGIONAL_CONFIG.regions.map((r) => ({ ...r, lon: r.lon ?? null, lat: r.lat ?? null })));
    const [bj, tj, hb] = ['110000', '120000', '130000'].map((c) => at.get(c) as { x: number; y: number });
    expect(tj?.x).toBeGreaterThan(bj?.x ?? 0);
    expect(hb?.x).toBeLessThan(bj?.x ?? 0);
    expect(hb?.y).toBeGreaterThan(bj?.y ?? 0);
  });
  test('without coordinates they stand on a circle, each apart', () => {
    const at = placeRegions([{ code: 'a', nameZh: 'a', nameEn: 'a', lon: null, lat: null }, { code: 'b', nameZh: 'b', nameEn: 'b', lon: 1, lat: null }, { code: 'c', nameZh: 'c', nameEn: 'c', lon: null, lat: null }]);
    const points = [...at.values()].map((p) => `${Math.round(p.x)},${Math.round(p.y)}`);
    expect(new Set(points).size).toBe(3);
    for (const p of at.values()) expect(Math.hypot(p.x, p.y)).toBeCloseTo(100);
  });
});
