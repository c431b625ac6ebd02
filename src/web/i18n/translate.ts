import type { LoadedMessages, Locale, MessageKey } from './keys.js';

export type MessageVars = Readonly<Record<string, string | number>>;

/** A bound translator: call it with a key, read its locale for number and date formatting. */
export type Translator = {
  (key: MessageKey, vars?: MessageVars): string;
  readonly locale: Locale;
  /** True when the key's message is loaded (for keys built from data, such as units). */
  has: (key: string) => boolean;
};

const PLACEHOLDER = /\{(\w+)\}/g;

/** Replaces `{name}` placeholders; an unknown placeholder is left as it is, so it shows up in review. */
export const interpolate = (template: string, vars?: MessageVars): string =>
  vars ? template.replace(PLACEHOLDER, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : template;

/**
 * Singular forms: when `vars.count` is 1 and the catalog has `<key>_one`, that
 * message is used ("1 record" / "{count} records"). Chinese needs none, but
 * the catalogs keep the same keys, so zh-CN repeats the message.
 */
const pluralKey = (catalog: LoadedMessages, key: MessageKey, vars?: MessageVars): MessageKey => {
  if (!vars || !('count' in vars) || Number(vars['count']) !== 1) return key;
  const one = `${key}_one`;
  return Object.prototype.hasOwnProperty.call(catalog, one) ? (one as MessageKey) : key;
};

const reported = new Set<string>();

/**
 * A key whose message is not loaded: its namespace was not loaded before the
 * component rendered (or the key is in no catalog). A bug, so in development
 * and tests it throws; in production the key is shown (and reported once in
 * the console, which the browser tests watch).
 */
const missingMessage = (key: string, locale: Locale): string => {
  const message = `i18n: no ${locale} message for "${key}": is its namespace loaded before this renders? (src/web/README.md, "Messages")`;
  if (import.meta.env.DEV) throw new Error(message);
  if (!reported.has(key)) {
    reported.add(key);
    console.error(message);
  }
  return key;
};

/**
 * A translator over a language's loaded messages. The catalog may be the
 * live object that gains namespaces as they load (`bundles.ts`).
 */
export const createTranslator = (catalog: LoadedMessages, locale: Locale): Translator => {
  const fn = (key: MessageKey, vars?: MessageVars): string => {
    const text = catalog[pluralKey(catalog, key, vars)];
    return text === undefined ? missingMessage(key, locale) : interpolate(text, vars);
  };
  return Object.assign(fn, {
    locale,
    has: (key: string): boolean => Object.prototype.hasOwnProperty.call(catalog, key),
  });
};
