import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TImportReport } from '../../../../shared/schemas/registry-import.js';
import { importContentType, importFormatOf, uploadFileName } from '../utils/import-report.js';
import { importKeys } from './useImportJobsQuery.js';

export type StartImportInput = { file: File; dryRun: boolean };

/**
 * Uploads a CSV or XLSX file. The server answers (202) as soon as it has
 * accepted the header and goes on in the background: follow the job with
 * useImportJobQuery. A header without the required columns is refused (400).
 */
export const useStartImportMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: StartImportInput) =>
      apiRequest<TImportReport>(`/api/centres/${encodeURIComponent(centreId)}/imports/organisations`, {
        method: 'POST',
        query: { fileName: uploadFileName(file.name), dryRun, wait: false },
        file: { data: file, contentType: importContentType(importFormatOf(file.name) ?? 'csv') },
      }),
    onSuccess: (report) => {
      client.setQueryData(importKeys.job(centreId, report.jobId), report);
      return client.invalidateQueries({ queryKey: importKeys.list(centreId) });
    },
  });
};
