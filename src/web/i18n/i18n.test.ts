import { describe, expect, test, vi } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.js';
import { enUS, zhCN } from '../test-support/catalogs.js';
import { getLoadedBundle, isNamespaceLoaded, loadBundle, loadNamespaces, showLocale } from './bundles.js';
import { formatDateTime, formatNumber, formatPartialDate, otherName, pickName } from './format.js';
import type { LoadedMessages } from './keys.js';
import { createTranslator, interpolate } from './translate.js';

const namespaceFiles = import.meta.glob<Record<string, string>>('./locales/*/*.json', { eager: true, import: 'default' });
const namespacesOf = (locale: string) =>
  Object.fromEntries(
    Object.entries(namespaceFiles)
      .filter(([path]) => path.startsWith(`./locales/${locale}/`))
      .map(([path, messages]) => [path.replace(/^.*\/|\.json$/g, ''), messages]),
  );

describe('catalogs', () => {
  test('have the same keys', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
  });
  test('split into the same namespaces in every language, each key in one of them', () => {
    const zh = namespacesOf('zh-CN');
    const en = namespacesOf('en-US');
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(Object.keys(zh)).toContain('core');
    for (const [namespace, messages] of Object.entries(zh)) expect(Object.keys(en[namespace] ?? {}).sort(), namespace).toEqual(Object.keys(messages).sort());
    const total = Object.values(zh).reduce((n, messages) => n + Object.keys(messages).length, 0);
    expect(total).toBe(Object.keys(zhCN).length);
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

describe('namespaces', () => {
  test('core ships in zh-CN; a page namespace loads on demand, and a language switch loads those in use', async () => {
    expect(isNamespaceLoaded('zh-CN', 'core')).toBe(true);
    expect(isNamespaceLoaded('zh-CN', 'import')).toBe(false);
    const zh = getLoadedBundle('zh-CN');
    if (!zh) throw new Error('zh-CN is not loaded');
    const t = createTranslator(zh.catalog, 'zh-CN');
    expect(t('nav.dashboard')).toBe('首页');
    // Looked up before its namespace is loaded: an error in development and tests.
    expect(() => t('import.title')).toThrow(/import\.title/);

    await loadNamespaces(['import']);
    expect(t('import.title')).toBe(zhCN['import.title']);
    expect(isNamespaceLoaded('en-US', 'import')).toBe(false);

    const en = await loadBundle('en-US');
    showLocale('en-US');
    expect(en.catalog['import.title']).toBe(enUS['import.title']);
    expect(en.catalog['nav.dashboard']).toBe(enUS['nav.dashboard']);
    expect(en.catalog['evaluation.title']).toBeUndefined();

    // While switching back, a page's namespace loads in both languages.
    const switching = loadBundle('zh-CN');
    await loadNamespaces(['evaluation']);
    await switching;
    showLocale('zh-CN');
    expect(isNamespaceLoaded('zh-CN', 'evaluation')).toBe(true);
    expect(isNamespaceLoaded('en-US', 'evaluation')).toBe(true);
    await loadNamespaces(['admin']);
    expect(isNamespaceLoaded('en-US', 'admin')).toBe(false);
  });
  test('in production a missing key shows as the key, reported once', () => {
    vi.stubEnv('DEV', false);
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const messages: LoadedMessages = {};
      const t = createTranslator(messages, 'zh-CN');
      expect(t('nav.dashboard')).toBe('nav.dashboard');
      expect(t('nav.dashboard')).toBe('nav.dashboard');
      expect(consoleError).toHaveBeenCalledTimes(1);
    } finally {
      consoleError.mockRestore();
      vi.unstubAllEnvs();
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
