import { PROVINCES } from '../../../shared/contracts-vocabulary.js';
import type { MessageKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';

const known = (t: Translator, key: string, fallback: string): string => (t.has(key) ? t(key as MessageKey) : fallback);

export const clusterLabel = (t: Translator, code: string) => known(t, `chains.cluster.${code}`, code);
export const nodeKindLabel = (t: Translator, code: string) => known(t, `chains.kind.${code}`, code);
export const roleLabel = (t: Translator, code: string) => known(t, `chains.role.${code}`, code);
export const reasonLabel = (t: Translator, code: string) => known(t, `chains.reason.${code}`, code);
export const innovationKindLabel = (t: Translator, code: string) => known(t, `chains.innovation.${code}`, code);
export const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** A supply source's region in words: the province (GB/T 2260 province code), or "abroad". */
export const regionLabel = (t: Translator, code: string): string => {
  if (code === 'abroad') return t('chains.supply.abroad');
  const p = PROVINCES[code.slice(0, 2)];
  return p ? (t.locale === 'en-US' ? p.en : p.zh) : code;
};
