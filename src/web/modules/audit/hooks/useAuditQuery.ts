import { useInfiniteQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TAuditEvent } from '../../../../shared/schemas/audit.js';

export type AuditFilter = { entityType?: string | undefined; action?: string | undefined };
type AuditPage = { items: TAuditEvent[]; nextBeforeSeq: number | null };

export const auditKeys = { all: ['admin', 'audit'] as const, list: (f: AuditFilter) => ['admin', 'audit', f] as const };

/** The audit log, newest first, paged backwards by sequence number. */
export const useAuditQuery = (filter: AuditFilter, pageSize = 50) =>
  useInfiniteQuery({
    queryKey: auditKeys.list(filter),
    queryFn: ({ pageParam, signal }) =>
      apiGet<AuditPage>('/api/audit', { ...filter, beforeSeq: pageParam ?? undefined, limit: pageSize }, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBeforeSeq,
  });
