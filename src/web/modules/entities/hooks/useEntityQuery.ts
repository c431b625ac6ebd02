import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TEntityDetail } from '../../../../shared/schemas/entities.js';
import { centreKeys } from '../../centres/hooks/keys.js';

export const useEntityQuery = (centreId: string, entityId: string | null) =>
  useQuery({
    queryKey: centreKeys.entity(centreId, entityId ?? ''),
    queryFn: ({ signal }) =>
      apiGet<TEntityDetail>(
        `/api/centres/${encodeURIComponent(centreId)}/entities/${encodeURIComponent(entityId ?? '')}`,
        undefined,
        signal,
      ),
    enabled: entityId !== null,
  });
