import type { Catalog, Locale } from '../i18n/keys.js';

/**
 * Every namespace of each language merged into one catalog, for tests only
 * (the app loads namespaces as pages need them, `i18n/bundles.ts`).
 */
const files = import.meta.glob<Record<string, string>>('../i18n/locales/*/*.json', { eager: true, import: 'default' });

const merge = (locale: Locale): Catalog => {
  const catalog: Record<string, string> = {};
  for (const [path, messages] of Object.entries(files)) if (path.includes(`/${locale}/`)) Object.assign(catalog, messages);
  return catalog as Catalog;
};

export const zhCN: Catalog = merge('zh-CN');
export const enUS: Catalog = merge('en-US');
