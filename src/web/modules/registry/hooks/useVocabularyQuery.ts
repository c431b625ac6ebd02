import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import { useCurrentCentre } from '../../../app/centre.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { TVocabulary } from '../../../../shared/schemas/registry.js';
import { centreKeys } from '../../centres/hooks/keys.js';
import { vocabularyLabels, type VocabularyLabels } from '../utils/vocab.js';

/** The kinds and recognitions the centre knows, built-in and its own; changes rarely. */
export const useVocabularyQuery = (centreId: string) =>
  useQuery({
    queryKey: centreKeys.vocabulary(centreId),
    queryFn: ({ signal }) => apiGet<TVocabulary>(`/api/centres/${encodeURIComponent(centreId)}/vocabulary`, {}, signal),
    staleTime: 10 * 60_000,
  });

/** Labels for the current centre's kinds and recognitions; built-in labels while its own terms load. */
export const useVocabularyLabels = (): VocabularyLabels => {
  const centre = useCurrentCentre();
  const { t, locale } = useI18n();
  const { data } = useVocabularyQuery(centre.id);
  return useMemo(() => vocabularyLabels(data, t, locale), [data, t, locale]);
};
