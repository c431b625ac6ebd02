import { describe, expect, test } from 'vitest';
import { parseConfig } from './config.js';
import { applyHeapGrowth } from './heap-growth.js';

describe('heap growth bound', () => {
  const recorder = (): { set: string[]; setFlags: (f: string) => void } => {
    const set: string[] = [];
    return { set, setFlags: (f) => void set.push(f) };
  };

  test('the default configuration bounds growth at 50 %', () => {
    const r = recorder();
    const { heapGrowthPercent } = parseConfig({}, { webRoot: null });
    expect(applyHeapGrowth(heapGrowthPercent, [], r.setFlags)).toEqual({ flag: '--heap-growing-percent=50', source: 'config' });
    expect(r.set).toEqual(['--heap-growing-percent=50']);
  });

  test('0 leaves V8 its adaptive default and sets nothing', () => {
    const r = recorder();
    expect(applyHeapGrowth(parseConfig({ HEAP_GROWTH_PERCENT: '0' }, { webRoot: null }).heapGrowthPercent, [], r.setFlags)).toEqual({ flag: null, source: 'v8-default' });
    expect(r.set).toEqual([]);
  });

  test('a flag given to node itself wins over the configuration', () => {
    const r = recorder();
    expect(applyHeapGrowth(50, ['--enable-source-maps', '--heap_growing_percent=20'], r.setFlags)).toEqual({ flag: '--heap_growing_percent=20', source: 'node' });
    expect(r.set).toEqual([]);
  });

  test('out-of-range values are refused at start, naming the variable', () => {
    expect(() => parseConfig({ HEAP_GROWTH_PERCENT: '-5' }, { webRoot: null })).toThrow(/HEAP_GROWTH_PERCENT/);
    expect(() => parseConfig({ HEAP_GROWTH_PERCENT: 'lots' }, { webRoot: null })).toThrow(/HEAP_GROWTH_PERCENT/);
  });
});
