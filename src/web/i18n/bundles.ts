import type { Locale as AntdLocale } from 'antd/es/locale';
import antdZhCN from 'antd/locale/zh_CN';
import zhCN from './locales/zh-CN.json';
import type { Catalog, Locale } from './keys.js';

/** What one UI language needs: our catalog and antd's component strings. */
export type LocaleBundle = { catalog: Catalog; antd: AntdLocale };

/**
 * zh-CN, the default, ships with the app; English is fetched when first
 * chosen (it is not on the first page's critical path).
 */
const loaded: Partial<Record<Locale, LocaleBundle>> = { 'zh-CN': { catalog: zhCN, antd: antdZhCN } };

const loaders: Record<Locale, () => Promise<LocaleBundle>> = {
  'zh-CN': async () => ({ catalog: zhCN, antd: antdZhCN }),
  'en-US': async () => {
    const [catalog, antd] = await Promise.all([import('./locales/en-US.json'), import('antd/locale/en_US')]);
    const enUS: Catalog = catalog.default;
    return { catalog: enUS, antd: antd.default };
  },
};

export const getLoadedBundle = (locale: Locale): LocaleBundle | undefined => loaded[locale];

export const loadBundle = async (locale: Locale): Promise<LocaleBundle> => {
  const bundle = loaded[locale] ?? (await loaders[locale]());
  loaded[locale] = bundle;
  return bundle;
};
