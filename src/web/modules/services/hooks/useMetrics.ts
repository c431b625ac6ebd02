import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { MetricsReport, TopicCluster } from '../types.js';
import { servicesApi } from './base.js';
import { serviceKeys } from './keys.js';

export type MetricsQuery = { from?: string | undefined; to?: string | undefined; groupBy: 'department' | 'district' | 'type'; reopenDays: number };

/** GET /demands/metrics (officers, analysts): rates with numerator and denominator, per group, with the monthly trend. */
export const useServiceMetricsQuery = (centreId: string, query: MetricsQuery) =>
  useQuery({
    queryKey: serviceKeys.metrics(centreId, query),
    queryFn: ({ signal }) => apiGet<MetricsReport>(`${servicesApi(centreId)}/demands/metrics`, query, signal),
    placeholderData: keepPreviousData,
  });

export type IssuesQuery = { from?: string | undefined; to?: string | undefined; minEnterprises: number };

/** GET /demands/systemic-issues: the policy-gap queue (the same problem raised by several enterprises). */
export const useSystemicIssuesQuery = (centreId: string, query: IssuesQuery) =>
  useQuery({
    queryKey: serviceKeys.systemicIssues(centreId, query),
    queryFn: ({ signal }) => apiGet<{ items: TopicCluster[] }>(`${servicesApi(centreId)}/demands/systemic-issues`, query, signal),
    placeholderData: keepPreviousData,
  });
