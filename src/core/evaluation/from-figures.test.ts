import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFiguresDataset, type Figure, type FigureIndicator } from './from-figures.js';
import { csvRows, parseIndexInput } from './input.js';
import { column } from './model.js';
import { runPipeline } from './pipeline.js';
import { ZPipeline } from '../../shared/schemas/evaluation.js';

const parse = (d: { dataCsv: string; metaCsv: string }) => parseIndexInput({ name: 'iData.csv', rows: csvRows(d.dataCsv) }, { name: 'iMeta.csv', rows: csvRows(d.metaCsv) });

const indicator = (code: string, over: Partial<FigureIndicator> = {}): FigureIndicator => ({ code, name: `${code}, "quoted"`, unit: '%', direction: 1, weight: 1, pillar: null, ...over });

describe('buildFiguresDataset', () => {
  const units = [
    { code: 'bj-110108', name: '海淀区' },
    { code: 'bj-110105', name: '朝阳区' },
    { code: 'bj-110115', name: '大兴区' },
  ];

  it('puts every figure in its cell, leaves the rest empty, and remembers where each came from', () => {
    const figures: Figure[] = [
      { unitCode: 'bj-110108', indicatorCode: 'a', value: 6.5, figureId: 'o1', preferred: true },
      { unitCode: 'bj-110105', indicatorCode: 'a', value: 0.1 + 0.2, figureId: 'o2', preferred: true },
      { unitCode: 'bj-110108', indicatorCode: 'b', value: 10, figureId: 'o3', preferred: false },
      { unitCode: 'bj-110108', indicatorCode: 'b', value: 11, figureId: 'o4', preferred: true },
      { unitCode: 'elsewhere', indicatorCode: 'a', value: 1, figureId: 'o5', preferred: true },
    ];
    const built = buildFiguresDataset(units, [indicator('a'), indicator('b', { direction: -1 })], figures, '区创新指数');
    expect(built.cells).toEqual({ 'bj-110108': { a: 'o1', b: 'o4' }, 'bj-110105': { a: 'o2' } });
    expect([built.filledCells, built.emptyCells]).toEqual([3, 3]);
    const input = parse(built);
    expect(input.data.units.codes).toEqual(units.map((u) => u.code));
    expect(input.data.units.names).toEqual(units.map((u) => u.name));
    expect([...column(input.data, 'a')]).toEqual([6.5, 0.1 + 0.2, Number.NaN]);
    expect([...column(input.data, 'b')]).toEqual([11, Number.NaN, Number.NaN]);
    expect(input.framework.byCode.get('b')?.direction).toBe(-1);
    expect(input.framework.root).toBe('Index');
    expect(input.framework.byCode.get('a')?.name).toBe('a, "quoted"');
  });

  it('groups indicators under pillars when they name one', () => {
    const built = buildFiguresDataset(units, [indicator('a', { pillar: 'Science' }), indicator('b', { pillar: 'Industry' }), indicator('c', { pillar: 'Industry', weight: 2 })], [], 'X');
    const { framework } = parse(built);
    expect(framework.children.get('Index')).toEqual(['Science', 'Industry']);
    expect(framework.children.get('Industry')).toEqual(['b', 'c']);
    expect(framework.byCode.get('c')?.weight).toBe(2);
  });

  it('any complete set of figures runs through the pipeline and ranks every unit', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }), (values) => {
        const figures = values.flatMap((row, u) => row.map((value, i) => ({ unitCode: units[u]?.code as string, indicatorCode: `i${i}`, value, figureId: `${u}-${i}`, preferred: true })));
        const built = buildFiguresDataset(units, ['i0', 'i1', 'i2'].map((c) => indicator(c)), figures, 'X');
        expect(built.emptyCells).toBe(0);
        const result = runPipeline(parse(built), ZPipeline.parse({ steps: [{ op: 'normalise', method: 'minmax', range: [0, 100] }, { op: 'aggregate', method: 'amean' }] }).steps);
        const index = column(result.aggregated, 'Index');
        expect(result.ranks).toHaveLength(3);
        expect([...index].every((v) => v >= 0 && v <= 100)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
