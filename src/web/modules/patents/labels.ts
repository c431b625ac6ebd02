import type { PatentKind, PatentStatDimension, PatentStatus, PoolMemberRole, RoyaltyBasis } from '../../../shared/patents-vocabulary.js';
import { IPC_SECTIONS } from '../../../shared/patents-vocabulary.js';
import type { Locale } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';

export const kindLabel = (t: Translator, k: PatentKind): string => t(`patents.kind.${k}`);
export const statusLabel = (t: Translator, s: PatentStatus): string => t(`patents.status.${s}`);
export const dimensionLabel = (t: Translator, d: PatentStatDimension): string => t(`patents.dimension.${d}`);
export const roleLabel = (t: Translator, r: PoolMemberRole): string => t(`patents.poolRole.${r}`);
export const royaltyLabel = (t: Translator, r: RoyaltyBasis): string => t(`patents.royalty.${r}`);
/** `H 电学` / `H Electricity`: the section letter with its title. */
export const sectionLabel = (locale: Locale, s: string): string => {
  const n = IPC_SECTIONS[s];
  return n ? `${s} ${locale === 'zh-CN' ? n.zh : n.en}` : s;
};
export const STATUS_COLOURS: Record<PatentStatus, string> = { pending: 'blue', granted: 'green', rejected: 'default', withdrawn: 'default', lapsed: 'orange', expired: 'default', invalidated: 'red' };
/** The number as people read it (the one formatter the server's core uses too). */
export { displayPatentNumber as showNumber } from '../../../shared/patents-vocabulary.js';
