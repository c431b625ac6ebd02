import type { Locale as AntdLocale } from 'antd/es/locale';
import antdZhCN from 'antd/locale/zh_CN';
import zhCNCore from './locales/zh-CN/core.json';
import { DEFAULT_LOCALE, type LoadedMessages, type Locale, type Messages, type Namespace } from './keys.js';

/** What one UI language needs on screen: the messages loaded so far and antd's component strings. */
export type LocaleBundle = { catalog: LoadedMessages; antd: AntdLocale };

type NamespaceLoaders = { [N in Namespace]: () => Promise<{ default: Messages<N> }> };
type LocaleLoaders = NamespaceLoaders & { antd: () => Promise<{ default: AntdLocale }> };

/**
 * Where each language's namespaces come from. zh-CN's `core` ships with the
 * app (it is the first page's); everything else is a chunk of its own, fetched
 * when a page that needs it opens (or when the language is switched). The
 * types make `tsc` reject a namespace file that lacks a key of the source.
 */
const LOADERS: Record<Locale, LocaleLoaders> = {
  'zh-CN': {
    antd: async () => ({ default: antdZhCN }),
    core: async () => ({ default: zhCNCore }),
    account: () => import('./locales/zh-CN/account.json'),
    achievements: () => import('./locales/zh-CN/achievements.json'),
    admin: () => import('./locales/zh-CN/admin.json'),
    calls: () => import('./locales/zh-CN/calls.json'),
    chains: () => import('./locales/zh-CN/chains.json'),
    incubators: () => import('./locales/zh-CN/incubators.json'),
    events: () => import('./locales/zh-CN/events.json'),
    finance: () => import('./locales/zh-CN/finance.json'),
    cooperation: () => import('./locales/zh-CN/cooperation.json'),
    contracts: () => import('./locales/zh-CN/contracts.json'),
    patents: () => import('./locales/zh-CN/patents.json'),
    evaluation: () => import('./locales/zh-CN/evaluation.json'),
    import: () => import('./locales/zh-CN/import.json'),
    indicators: () => import('./locales/zh-CN/indicators.json'),
    policies: () => import('./locales/zh-CN/policies.json'),
    registry: () => import('./locales/zh-CN/registry.json'),
    scenarios: () => import('./locales/zh-CN/scenarios.json'),
    grants: () => import('./locales/zh-CN/grants.json'),
    services: () => import('./locales/zh-CN/services.json'),
    rdcentres: () => import('./locales/zh-CN/rdcentres.json'),
    talent: () => import('./locales/zh-CN/talent.json'),
  },
  'en-US': {
    antd: () => import('antd/locale/en_US'),
    core: () => import('./locales/en-US/core.json'),
    account: () => import('./locales/en-US/account.json'),
    achievements: () => import('./locales/en-US/achievements.json'),
    admin: () => import('./locales/en-US/admin.json'),
    calls: () => import('./locales/en-US/calls.json'),
    chains: () => import('./locales/en-US/chains.json'),
    incubators: () => import('./locales/en-US/incubators.json'),
    events: () => import('./locales/en-US/events.json'),
    finance: () => import('./locales/en-US/finance.json'),
    cooperation: () => import('./locales/en-US/cooperation.json'),
    contracts: () => import('./locales/en-US/contracts.json'),
    patents: () => import('./locales/en-US/patents.json'),
    evaluation: () => import('./locales/en-US/evaluation.json'),
    import: () => import('./locales/en-US/import.json'),
    indicators: () => import('./locales/en-US/indicators.json'),
    policies: () => import('./locales/en-US/policies.json'),
    registry: () => import('./locales/en-US/registry.json'),
    scenarios: () => import('./locales/en-US/scenarios.json'),
    grants: () => import('./locales/en-US/grants.json'),
    services: () => import('./locales/en-US/services.json'),
    rdcentres: () => import('./locales/en-US/rdcentres.json'),
    talent: () => import('./locales/en-US/talent.json'),
  },
};

/** Per language, every message loaded so far (keys are unique across namespaces, so one flat object). */
const messages: Record<Locale, Record<string, string>> = { 'zh-CN': { ...zhCNCore }, 'en-US': {} };
const antdStrings: Partial<Record<Locale, AntdLocale>> = { 'zh-CN': antdZhCN };
const loaded: Record<Locale, Set<Namespace>> = { 'zh-CN': new Set(['core']), 'en-US': new Set() };
const pending = new Map<string, Promise<void>>();

/** The namespaces pages have asked for: a language switch loads all of them in the new language. */
const inUse = new Set<Namespace>(['core']);
/** The language on screen, and the one being switched to: pages load their namespaces in both. */
let targets: Locale[] = [DEFAULT_LOCALE];

const loadOne = (locale: Locale, namespace: Namespace): Promise<void> => {
  if (loaded[locale].has(namespace)) return Promise.resolve();
  const id = `${locale}/${namespace}`;
  let promise = pending.get(id);
  if (!promise) {
    promise = LOADERS[locale][namespace]().then(
      (module) => {
        Object.assign(messages[locale], module.default);
        loaded[locale].add(namespace);
        pending.delete(id);
      },
      (error: unknown) => {
        pending.delete(id); // a later attempt may succeed (offline for a moment)
        throw error;
      },
    );
    pending.set(id, promise);
  }
  return promise;
};

const loadAntd = async (locale: Locale): Promise<void> => {
  if (!antdStrings[locale]) antdStrings[locale] = (await LOADERS[locale].antd()).default;
};

export const isNamespaceLoaded = (locale: Locale, namespace: Namespace): boolean => loaded[locale].has(namespace);

/**
 * Loads namespaces in the language on screen (and in the one being switched
 * to, if any) and remembers them as in use. Await it before rendering what
 * uses them: `lazyWithMessages` does so for lazy pages and dialogs.
 */
export const loadNamespaces = async (namespaces: readonly Namespace[]): Promise<void> => {
  for (const namespace of namespaces) inUse.add(namespace);
  await Promise.all(targets.flatMap((locale) => namespaces.map((namespace) => loadOne(locale, namespace))));
};

/** The language's bundle when antd's strings and every namespace in use are loaded. */
export const getLoadedBundle = (locale: Locale): LocaleBundle | undefined => {
  const antd = antdStrings[locale];
  if (!antd || [...inUse].some((namespace) => !loaded[locale].has(namespace))) return undefined;
  return { catalog: messages[locale], antd };
};

/**
 * Loads a language: antd's strings and every namespace in use, including any
 * a page asks for while this is under way.
 */
export const loadBundle = async (locale: Locale): Promise<LocaleBundle> => {
  if (!targets.includes(locale)) targets = [...targets, locale];
  for (;;) {
    const bundle = getLoadedBundle(locale);
    if (bundle) return bundle;
    await Promise.all([loadAntd(locale), ...[...inUse].map((namespace) => loadOne(locale, namespace))]);
  }
};

/** The provider tells which language is on screen; pages stop loading others. */
export const showLocale = (locale: Locale): void => {
  targets = [locale];
};
