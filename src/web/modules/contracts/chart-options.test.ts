import { describe, expect, test } from 'vitest';
import { createTranslator } from '../../i18n/translate.js';
import zh from '../../i18n/locales/zh-CN/contracts.json';
import en from '../../i18n/locales/en-US/contracts.json';
import { buildFlowOption, cellLines, formatTurnover } from './chart-options.js';

const row = (over: object = {}) => ({ key: 'k', key2: '', contracts: 10, amount: 85_369_000_000, technicalAmount: 1e8, contractsGrowth: 12.1, amountGrowth: -3, technicalAmountGrowth: null, isSample: false, suppressed: false, ...over });
const theme = { primary: '#1677ff', text: '#000', textSecondary: '#666', border: '#eee', background: '#fff', areaEmpty: '#eee', highlight: '#ccc', sequential: [], series: ['#1', '#2', '#3'], fontFamily: 'sans', fontSize: 12, animation: false };

describe('contract statistics charts', () => {
  test('turnover reads in 亿元 in Chinese and billions in English, growth with its sign', () => {
    const tz = createTranslator(zh as never, 'zh-CN');
    const te = createTranslator(en as never, 'en-US');
    expect(formatTurnover(85_369_000_000, tz)).toBe('853.69 亿元');
    expect(formatTurnover(85_369_000_000, te)).toBe('CNY 85.369 bn');
    expect(formatTurnover(1_500_000, tz)).toBe('150 万元');
    expect(formatTurnover(1_500_000, te)).toBe('CNY 1.5 m');
    expect(cellLines(row(), tz, 3)).toEqual(['合同数: 10 (+12.1%)', '成交额: 853.69 亿元 (-3%)', '技术交易额: 1 亿元']);
    expect(cellLines(row({ suppressed: true }), tz, 3)).toEqual(['少于 3 份，不公开']);
  });

  test('flows draw no link for a hidden cell, and keep a district and a region of the same name apart', () => {
    const t = createTranslator(zh as never, 'zh-CN');
    const option = buildFlowOption([{ from: '北京', to: '北京', row: row() }, { from: '海淀区', to: '广东', row: row({ suppressed: true, technicalAmount: null }) }], theme, t);
    const series = (option.series as { data: { name: string }[]; links: unknown[] }[])[0];
    expect(series?.data.map((d) => d.name)).toEqual(['S:北京', 'B:北京']);
    expect(series?.links).toHaveLength(1);
  });
});
