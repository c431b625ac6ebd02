import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TObservationImportReport } from '../../../../shared/schemas/indicators.js';
import { importContentType, importFormatOf, uploadFileName } from '../../registry/utils/import-report.js';
import { invalidateIndicators } from './invalidate.js';
import { indicatorsApi } from './keys.js';

/** The document the figures come from (all optional: without a title the file itself is the source). */
export type ImportSource = { sourceTitle?: string | undefined; publisher?: string | undefined; publishedOn?: string | undefined; url?: string | undefined };
export type ImportObservationsInput = { file: File; dryRun: boolean; sample: boolean; source: ImportSource };

/**
 * POST /observations/import: the file as the raw body. The answer is the
 * report; the file is written whole or not at all (`written`). A header
 * without the required columns is refused (400, `missing_column` issues).
 */
export const useImportObservationsMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, sample, source }: ImportObservationsInput) =>
      apiRequest<TObservationImportReport>(`${indicatorsApi(centreId)}/observations/import`, {
        method: 'POST',
        query: { fileName: uploadFileName(file.name), dryRun, sample, ...source },
        file: { data: file, contentType: importContentType(importFormatOf(file.name) ?? 'csv') },
      }),
    onSuccess: (report) => (report.written ? invalidateIndicators(client, centreId) : undefined),
  });
};
