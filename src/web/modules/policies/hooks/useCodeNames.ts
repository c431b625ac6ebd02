import { useCallback } from 'react';
import { useCurrentCentre } from '../../../app/centre.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useAreasQuery } from '../../centres/hooks/useAreasQuery.js';
import { useVocabularyLabels } from '../../registry/hooks/useVocabularyQuery.js';

/** Names for the codes rules compare with: the centre's areas and recognitions (pages that use it load `registry`). */
export const useCodeNames = () => {
  const centre = useCurrentCentre();
  const { locale } = useI18n();
  const areas = useAreasQuery(centre.id).data?.items;
  const vocab = useVocabularyLabels();
  const areaName = useCallback(
    (id: string) => {
      const area = areas?.find((a) => a.id === id);
      return area ? pickName(area, locale) : undefined;
    },
    [areas, locale],
  );
  const codeName = useCallback((code: string) => areaName(code) ?? (vocab.recognitions.some((r) => r.code === code) ? vocab.recognition(code) : undefined), [areaName, vocab]);
  return { areas, areaName, recognition: vocab.recognition, recognitions: vocab.recognitions, codeName };
};
