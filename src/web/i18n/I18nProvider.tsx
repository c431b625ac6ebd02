import type { Locale as AntdLocale } from 'antd/es/locale';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getLoadedBundle, loadBundle, showLocale, type LocaleBundle } from './bundles.js';
import { DEFAULT_LOCALE, isLocale, type Locale } from './keys.js';
import { createTranslator, type Translator } from './translate.js';

const STORAGE_KEY = 'kechuang.locale';

type I18nContextValue = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translator;
  /** antd's strings for the same language, for <ConfigProvider locale>. */
  antdLocale: AntdLocale;
};

const I18nContext = createContext<I18nContextValue | null>(null);

const readStoredLocale = (): Locale => {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
};

const storeLocale = (locale: Locale): void => {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
};

/**
 * The UI language: zh-CN unless the visitor chose English (remembered in
 * localStorage). A language still loading (its `core` and every namespace the
 * pages opened so far, `bundles.ts`) keeps the previous one on screen until
 * it has arrived.
 */
export const I18nProvider = ({ children }: { children: ReactNode }) => {
  const [wanted, setWanted] = useState<Locale>(readStoredLocale);
  const [active, setActive] = useState<{ locale: Locale; bundle: LocaleBundle } | null>(() => {
    const bundle = getLoadedBundle(wanted);
    return bundle ? { locale: wanted, bundle } : null;
  });

  const activeLocale = active?.locale ?? null;
  useEffect(() => {
    if (activeLocale === wanted) {
      // Settled (or a switch was called off): pages load their namespaces in this language only.
      showLocale(wanted);
      return undefined;
    }
    let cancelled = false;
    loadBundle(wanted)
      .then((bundle) => {
        if (cancelled) return;
        // Before the switch renders: lazy pages that open with it load their namespaces in this language only.
        showLocale(wanted);
        setActive({ locale: wanted, bundle });
      })
      .catch(() => {
        // Offline or a stale deploy: stay in the language on screen (or fall back to the default one).
        if (cancelled) return;
        const fallback = activeLocale ?? DEFAULT_LOCALE;
        showLocale(fallback);
        setWanted(fallback);
      });
    return () => {
      cancelled = true;
    };
  }, [wanted, activeLocale]);

  const setLocale = useCallback((next: Locale) => {
    setWanted(next);
    storeLocale(next);
  }, []);

  const value = useMemo<I18nContextValue | null>(
    () =>
      active && {
        locale: active.locale,
        setLocale,
        t: createTranslator(active.bundle.catalog, active.locale),
        antdLocale: active.bundle.antd,
      },
    [active, setLocale],
  );

  useEffect(() => {
    if (!value) return;
    document.documentElement.lang = value.locale;
    document.title = value.t('app.documentTitle');
  }, [value]);
  // Only when the stored language is not the bundled one, for the moment its catalog takes to load.
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
};

export const useI18n = (): I18nContextValue => {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
};
