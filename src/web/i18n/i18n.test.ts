import { describe, expect, test } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.js';
import enUS from './locales/en-US.json';
import zhCN from './locales/zh-CN.json';
import { formatDateTime, formatNumber, formatPartialDate, otherName, pickName } from './format.js';
import { createTranslator, interpolate } from './translate.js';

describe('catalogs', () => {
  test('have the same keys', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
  });
  test('translate every error code', () => {
    for (const code of ERROR_CODES) {
      expect(zhCN).toHaveProperty([`error.${code}`]);
      expect(enUS).toHaveProperty([`error.${code}`]);
    }
  });
  test('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, zh] of Object.entries(zhCN)) {
      expect(placeholders((enUS as Record<string, string>)[key] ?? ''), key).toEqual(placeholders(zh));
    }
  });
});

describe('translator', () => {
  test('interpolates named placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
  test('uses the singular message for a count of one', () => {
    const t = createTranslator(enUS, 'en-US');
    expect(t('chart.map.total', { count: 1 })).toBe('1 record');
    expect(t('chart.map.total', { count: '12' })).toBe('12 records');
    expect(createTranslator(zhCN, 'zh-CN')('chart.map.total', { count: 1 })).toBe('创新主体 1 条');
  });
  test('knows its locale and which keys exist', () => {
    const t = createTranslator(zhCN, 'zh-CN');
    expect(t('nav.dashboard')).toBe('首页');
    expect(t.locale).toBe('zh-CN');
    expect(t.has('nav.dashboard')).toBe(true);
    expect(t.has('nav.nothing')).toBe(false);
  });
});

describe('formatters', () => {
  test('pick the name in the UI language, falling back to the other', () => {
    expect(pickName({ nameZh: '海淀区', nameEn: 'Haidian' }, 'zh-CN')).toBe('海淀区');
    expect(pickName({ nameZh: '海淀区', nameEn: 'Haidian' }, 'en-US')).toBe('Haidian');
    expect(pickName({ nameZh: null, nameEn: 'Haidian' }, 'zh-CN')).toBe('Haidian');
    expect(pickName({ nameZh: '海淀区', nameEn: null }, 'en-US')).toBe('海淀区');
    expect(otherName({ nameZh: '海淀区', nameEn: 'Haidian' }, 'zh-CN')).toBe('Haidian');
    expect(otherName({ nameZh: null, nameEn: 'Haidian' }, 'zh-CN')).toBeNull();
  });
  test('format numbers per locale', () => {
    expect(formatNumber(1234567.891, 'en-US')).toBe('1,234,567.89');
    expect(formatNumber(1234567.891, 'zh-CN')).toBe('1,234,567.89');
  });
  test('format dates only as precisely as they are known', () => {
    expect(formatPartialDate('2024-08-14', 'zh-CN')).toBe('2024年8月14日');
    expect(formatPartialDate('2024-08', 'zh-CN')).toBe('2024年8月');
    expect(formatPartialDate('2023', 'zh-CN')).toBe('2023年');
    expect(formatPartialDate('2024-08-14', 'en-US')).toBe('14 Aug 2024');
    expect(formatPartialDate('2023', 'en-US')).toBe('2023');
    expect(formatPartialDate('recently', 'en-US')).toBe('recently');
  });
  test('format timestamps and pass bad ones through', () => {
    expect(formatDateTime('not a date', 'zh-CN')).toBe('not a date');
    expect(formatDateTime('2024-08-14T08:00:00Z', 'en-US')).toMatch(/2024/);
  });
});
