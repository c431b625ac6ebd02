import { PROVINCES, type AmountItem, type PlanOrigin, type SellerKind, type StatDimension, type TechContractState, type TechContractType, type TechnicalField, type TechContractAction } from '../../../shared/contracts-vocabulary.js';
import type { Locale } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';

/*
 * Labels for the contract vocabularies. The template-literal keys make the
 * compiler check that the catalog has one for every code.
 */
export const typeLabel = (t: Translator, v: TechContractType) => t(`contracts.type.${v}`);
export const fieldLabel = (t: Translator, v: TechnicalField) => t(`contracts.field.${v}`);
export const stateLabel = (t: Translator, v: TechContractState) => t(`contracts.state.${v}`);
export const actionLabel = (t: Translator, v: TechContractAction) => t(`contracts.action.${v}`);
export const sellerKindLabel = (t: Translator, v: SellerKind) => t(`contracts.sellerKind.${v}`);
export const itemLabel = (t: Translator, v: AmountItem) => t(`contracts.item.${v}`);
export const planLabel = (t: Translator, v: PlanOrigin) => t(`contracts.plan.${v}`);
export const dimensionLabel = (t: Translator, v: Exclude<StatDimension, 'total' | 'flow'>) => t(`contracts.stats.dim.${v}`);

/** A buyer region: a province's name, or "abroad (DE)" with the country's name where the browser knows it. */
export const regionLabel = (t: Translator, locale: Locale, code: string): string => {
  const province = PROVINCES[code];
  if (province) return locale === 'zh-CN' ? province.zh : province.en;
  const iso = code.startsWith('abroad:') ? code.slice(7) : code;
  let name = iso;
  try {
    name = new Intl.DisplayNames([locale], { type: 'region' }).of(iso) ?? iso;
  } catch {
    // an unknown code stays as written
  }
  return t('contracts.region.abroad', { code: name });
};

export const STATE_COLOURS: Record<TechContractState, string> = {
  submitted: 'blue',
  under_review: 'processing',
  returned: 'orange',
  registered: 'green',
  not_registered: 'red',
  withdrawn: 'default',
};

/** Yuan, grouped: 1,200,000.00 */
export const formatYuan = (v: number | null, locale: Locale): string =>
  v === null ? '—' : new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(v);
