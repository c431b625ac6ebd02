import type { Catalog, Locale, MessageKey } from './keys.js';

export type MessageVars = Readonly<Record<string, string | number>>;

/** A bound translator: call it with a key, read its locale for number and date formatting. */
export type Translator = {
  (key: MessageKey, vars?: MessageVars): string;
  readonly locale: Locale;
  /** True when the catalog has the key (for keys built from data, such as units). */
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
const pluralKey = (catalog: Catalog, key: MessageKey, vars?: MessageVars): MessageKey => {
  if (!vars || !('count' in vars) || Number(vars['count']) !== 1) return key;
  const one = `${key}_one`;
  return Object.prototype.hasOwnProperty.call(catalog, one) ? (one as MessageKey) : key;
};

export const createTranslator = (catalog: Catalog, locale: Locale): Translator => {
  const fn = (key: MessageKey, vars?: MessageVars): string => interpolate(catalog[pluralKey(catalog, key, vars)] ?? key, vars);
  return Object.assign(fn, {
    locale,
    has: (key: string): boolean => Object.prototype.hasOwnProperty.call(catalog, key),
  });
};
