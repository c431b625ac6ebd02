import type account from './locales/zh-CN/account.json';
import type achievements from './locales/zh-CN/achievements.json';
import type admin from './locales/zh-CN/admin.json';
import type calls from './locales/zh-CN/calls.json';
import type contracts from './locales/zh-CN/contracts.json';
import type patents from './locales/zh-CN/patents.json';
import type scenarios from './locales/zh-CN/scenarios.json';
import type grants from './locales/zh-CN/grants.json';
import type chains from './locales/zh-CN/chains.json';
import type incubators from './locales/zh-CN/incubators.json';
import type events from './locales/zh-CN/events.json';
import type finance from './locales/zh-CN/finance.json';
import type cooperation from './locales/zh-CN/cooperation.json';
import type core from './locales/zh-CN/core.json';
import type evaluation from './locales/zh-CN/evaluation.json';
import type importNs from './locales/zh-CN/import.json';
import type indicators from './locales/zh-CN/indicators.json';
import type policies from './locales/zh-CN/policies.json';
import type registry from './locales/zh-CN/registry.json';
import type services from './locales/zh-CN/services.json';
import type rdcentres from './locales/zh-CN/rdcentres.json';
import type talent from './locales/zh-CN/talent.json';
import type { ErrorCode } from '../../shared/errors.js';
import type { Role } from '../../shared/access.js';
import type { TAreaKind } from '../../shared/schemas/centres.js';
import type { TEntityCategory } from '../../shared/schemas/entities.js';
import type { TQualifier } from '../../shared/schemas/indicators.js';
import type { FACT_METRICS, RECOGNITION_TYPES, RELATION_TYPES, TEntityKind } from '../../shared/schemas/registry.js';

/**
 * The message catalogs, one JSON file per namespace and language
 * (`locales/<locale>/<namespace>.json`), typed from the source language
 * (zh-CN). `core` ships with the first page; the others load with the pages
 * that use them (`lazyWithMessages`, `loadNamespaces`). A key lives in exactly
 * one namespace (`scripts/i18n-check.js`).
 */
type SourceCatalogs = {
  core: typeof core;
  account: typeof account;
  achievements: typeof achievements;
  admin: typeof admin;
  calls: typeof calls;
  contracts: typeof contracts;
  patents: typeof patents;
  scenarios: typeof scenarios;
  grants: typeof grants;
  chains: typeof chains;
  incubators: typeof incubators;
  events: typeof events;
  finance: typeof finance;
  cooperation: typeof cooperation;
  evaluation: typeof evaluation;
  import: typeof importNs;
  indicators: typeof indicators;
  policies: typeof policies;
  registry: typeof registry;
  services: typeof services;
  rdcentres: typeof rdcentres;
  talent: typeof talent;
};
export type Namespace = keyof SourceCatalogs;
/** Namespaces other than `core`: the ones a page or dialog asks for. */
export type LazyNamespace = Exclude<Namespace, 'core'>;

/** The keys of one namespace. */
export type NamespaceKey<N extends Namespace> = keyof SourceCatalogs[N] & string;
/** Every message key: the union over all namespaces. */
export type MessageKey = { [N in Namespace]: NamespaceKey<N> }[Namespace];
/** One namespace's messages in one language. */
export type Messages<N extends Namespace> = Readonly<Record<NamespaceKey<N>, string>>;
/** Every message in one language (as the tests and the checks see it). */
export type Catalog = Readonly<Record<MessageKey, string>>;
/** The messages of one language loaded so far: `core` and the namespaces in use. */
export type LoadedMessages = Readonly<Partial<Record<MessageKey, string>>>;

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

type RecognitionType = (typeof RECOGNITION_TYPES)[number];
type RelationType = (typeof RELATION_TYPES)[number];
type FactMetric = (typeof FACT_METRICS)[number];
export type RelationDirection = 'out' | 'in';

export const kindKey = (k: TEntityKind): `kind.${TEntityKind}` & MessageKey => `kind.${k}`;
export const recognitionKey = (r: RecognitionType): `recognition.${RecognitionType}` & MessageKey => `recognition.${r}`;
/** A relation read from one side: `out` from the record that holds it ("affiliated with"), `in` from the other ("has member"). */
export const relationKey = (type: RelationType, direction: RelationDirection): `relation.${RelationType}.${RelationDirection}` & MessageKey =>
  `relation.${type}.${direction}`;
/** A relation named without a side, for a link between two nodes ("affiliation"). */
export const relationNameKey = (type: RelationType): `relation.${RelationType}` & MessageKey => `relation.${type}`;
export const factMetricKey = (m: FactMetric): `factMetric.${FactMetric}` & MessageKey => `factMetric.${m}`;
