import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TEntity, TEntityCategory } from '../../../../shared/schemas/entities.js';
import { centreKeys } from '../../centres/hooks/keys.js';

export type EntityListParams = {
  category?: TEntityCategory | undefined;
  areaId?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
};

export const useEntitiesQuery = (centreId: string, params: EntityListParams) =>
  useQuery({
    queryKey: centreKeys.entities(centreId, params),
    queryFn: ({ signal }) =>
      apiGet<{ items: TEntity[]; total: number }>(`/api/centres/${encodeURIComponent(centreId)}/entities`, params, signal),
    placeholderData: keepPreviousData,
  });
