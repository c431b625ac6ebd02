import type { z } from 'zod';
import type {
  ZDemand,
  ZDemandSummary,
  ZDepartment,
  ZEnterpriseServiceView,
  ZKeyCandidate,
  ZMetricsReport,
  ZPackage,
  ZServiceMetrics,
  ZTopicCluster,
  ZVisit,
} from '../../../shared/schemas/services.js';
import type { Wire } from '../calls/types.js';

export type Demand = Wire<z.infer<typeof ZDemand>>;
export type DemandSummary = Wire<z.infer<typeof ZDemandSummary>>;
export type DemandEvent = Demand['events'][number];
export type DemandClock = DemandSummary['response'];
export type ServiceAction = Demand['actions'][number];
export type Department = Wire<z.infer<typeof ZDepartment>>;
export type ServicePackage = Wire<z.infer<typeof ZPackage>>;
export type PromisedService = ServicePackage['services'][number];
export type KeyCandidate = Wire<z.infer<typeof ZKeyCandidate>>;
export type Visit = Wire<z.infer<typeof ZVisit>>;
export type ServiceMetrics = Wire<z.infer<typeof ZServiceMetrics>>;
export type MetricsReport = Wire<z.infer<typeof ZMetricsReport>>;
export type Rate = ServiceMetrics['responseOnTime'];
export type TopicCluster = Wire<z.infer<typeof ZTopicCluster>>;
export type EnterpriseServiceView = Wire<z.infer<typeof ZEnterpriseServiceView>>;

/** A named record as the services API sends it (enterprise names may be missing in one language). */
export type Named = { id: string; nameZh: string | null; nameEn: string | null };

/** GET /api/services/settings: the workflows as data, default service levels, the escalation ladder. */
export type WorkflowTransition = { action: string; from: string[]; to: string; roles: string[]; guards: { id: string; description: string }[] };
export type WorkflowDescription = { id: string; states: string[]; initial: string; final: string[]; transitions: WorkflowTransition[] };
export type ServiceSettings = {
  workflows: WorkflowDescription[];
  serviceLevels: Record<string, { respondHours: number; resolveDays: number }>;
  ladder: { remindAfterDays: number; escalateAfterDays: number[]; reopenWindowDays: number; autoConfirmDays: number };
};

export type DemandFilters = {
  state?: string | undefined;
  type?: string | undefined;
  departmentId?: string | undefined;
  enterpriseId?: string | undefined;
  mine?: 'true' | undefined;
  overdue?: 'true' | undefined;
  /** Received in this year: where a derived figure's "list them" link lands. */
  year?: string | undefined;
  rated?: 'true' | undefined;
  limit: number;
  offset: number;
};
