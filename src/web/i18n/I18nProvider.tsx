import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import enUS from './locales/en-US.json';
import zhCN from './locales/zh-CN.json';
import { DEFAULT_LOCALE, isLocale, type Catalog, type Locale } from './keys.js';
import { createTranslator, type Translator } from './translate.js';

const CATALOGS: Readonly<Record<Locale, Catalog>> = { 'zh-CN': zhCN, 'en-US': enUS };
const STORAGE_KEY = 'kechuang.locale';

type I18nContextValue = { locale: Locale; setLocale: (locale: Locale) => void; t: Translator };

const I18nContext = createContext<I18nContextValue | null>(null);

const readStoredLocale = (): Locale => {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
};

export const I18nProvider = ({ children }: { children: ReactNode }) => {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = CATALOGS[locale]['app.documentTitle'];
  }, [locale]);

  const value = useMemo(() => ({ locale, setLocale, t: createTranslator(CATALOGS[locale], locale) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
};

export const useI18n = (): I18nContextValue => {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
};
