import type zhCN from './locales/zh-CN.json';
import type { ErrorCode } from '../../shared/errors.js';
import type { Role } from '../../shared/access.js';
import type { TAreaKind } from '../../shared/schemas/centres.js';
import type { TEntityCategory } from '../../shared/schemas/entities.js';
import type { TQualifier } from '../../shared/schemas/indicators.js';

/** Every message key, taken from the source catalog (zh-CN). */
export type MessageKey = keyof typeof zhCN;
export type Catalog = Readonly<Record<MessageKey, string>>;

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/*
 * Keys built from a code. The template-literal return types make the compiler
 * check that the catalog has a key for every member of each union, so adding
 * an error code, a role or a category fails `tsc` until it is translated.
 */
export const errorKey = (code: ErrorCode): `error.${ErrorCode}` & MessageKey => `error.${code}`;
export const roleKey = (role: Role): `role.${Role}` & MessageKey => `role.${role}`;
export const categoryKey = (c: TEntityCategory): `category.${TEntityCategory}` & MessageKey => `category.${c}`;
export const areaKindKey = (k: TAreaKind): `areaKind.${TAreaKind}` & MessageKey => `areaKind.${k}`;
export const qualifierKey = (q: Exclude<TQualifier, 'exact'>): `qualifier.${Exclude<TQualifier, 'exact'>}` & MessageKey =>
  `qualifier.${q}`;
