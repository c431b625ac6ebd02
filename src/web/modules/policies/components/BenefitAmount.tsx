import { useI18n } from '../../../i18n/I18nProvider.js';
import type { PolicyBenefit } from '../types.js';
import { formatYuan } from '../utils/format.js';
import type { FactDefinition } from '../types.js';
import { factLabel } from '../utils/format.js';

type Money = Pick<PolicyBenefit, 'amount' | 'rate' | 'rateBase' | 'cap'>;

/** "50 万元" / "研发费用的 10%，最高 100 万元": what a benefit gives, as written in the policy. */
export const useBenefitTerms = (catalogue: readonly FactDefinition[] | undefined) => {
  const { t, locale } = useI18n();
  return (b: Money): string => {
    const parts: string[] = [];
    if (b.amount !== null && b.amount !== undefined) parts.push(t('policies.benefit.amount', { amount: formatYuan(b.amount, locale) }));
    if (b.rate !== null && b.rate !== undefined) parts.push(b.rateBase ? t('policies.benefit.rate', { rate: b.rate, base: factLabel(catalogue, b.rateBase, locale) }) : t('policies.benefit.rateOnly', { rate: b.rate }));
    if (b.cap !== null && b.cap !== undefined) parts.push(t('policies.benefit.cap', { cap: formatYuan(b.cap, locale) }));
    return parts.length > 0 ? parts.join(t('policies.comma')) : t('policies.benefit.noAmount');
  };
};

export const BenefitAmount = ({ benefit, catalogue }: { benefit: Money; catalogue: readonly FactDefinition[] | undefined }) => {
  const terms = useBenefitTerms(catalogue);
  return <span data-testid="benefit-terms">{terms(benefit)}</span>;
};
