import { useMemo } from 'react';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { FactDefinition } from '../types.js';
import { factLabel, factTitle, formatFactValue } from '../utils/format.js';

/** Fact labels and values in the language on screen, from the catalogue (recognition codes named by `labelOf`, areas by `areaName`). */
export const useFactWords = (catalogue: readonly FactDefinition[] | undefined, labelOf?: (code: string) => string, areaName?: (id: string) => string | undefined) => {
  const { t, locale } = useI18n();
  return useMemo(() => {
    const words = { yes: t('policies.yes'), no: t('policies.no'), missing: t('policies.missingValue'), listSep: t('common.listSeparator') };
    const def = (name: string) => catalogue?.find((f) => f.name === name);
    const area = areaName ? (id: string) => areaName(id) ?? id : undefined;
    const codeLabel = (name: string) => (name === 'tiers' ? labelOf : name === 'area' ? area : undefined);
    const label = (name: string) => factLabel(catalogue, name, locale);
    return {
      label,
      /** The label at the start of a line ("R&D intensity", not "R&D intensity"'s lower-case catalogue form). */
      title: (name: string) => factTitle(catalogue, name, locale),
      value: (name: string, value: unknown) => formatFactValue(def(name), value, locale, words, codeLabel(name)),
      def,
    };
  }, [catalogue, labelOf, areaName, locale, t]);
};
