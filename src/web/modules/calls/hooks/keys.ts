/** Query keys of the calls engine; everything under one centre starts with ['centre', id, 'calls']. */
export const callKeys = {
  all: (centreId: string) => ['centre', centreId, 'calls'] as const,
  list: (centreId: string, query: object) => ['centre', centreId, 'calls', 'list', query] as const,
  /** A call as this viewer sees it (its next actions depend on who asks). */
  detail: (centreId: string, callId: string, viewerId: string | null) => ['centre', centreId, 'calls', 'detail', callId, viewerId ?? 'anonymous'] as const,
  programmes: (centreId: string) => ['centre', centreId, 'calls', 'programmes'] as const,
  applications: (centreId: string, callId: string) => ['centre', centreId, 'calls', 'applications', callId] as const,
  application: (centreId: string, applicationId: string, viewerId: string | null) => ['centre', centreId, 'calls', 'application', applicationId, viewerId ?? 'anonymous'] as const,
  assignments: (centreId: string, callId: string) => ['centre', centreId, 'calls', 'assignments', callId] as const,
  ranking: (centreId: string, callId: string) => ['centre', centreId, 'calls', 'ranking', callId] as const,
  calibration: (centreId: string, callId: string) => ['centre', centreId, 'calls', 'calibration', callId] as const,
  experts: (centreId: string) => ['centre', centreId, 'calls', 'experts'] as const,
  /** Pages of the open results, all of them or one call's. */
  openResults: (centreId: string, query: object = {}) => ['centre', centreId, 'calls', 'open-results', query] as const,
  /** The signed-in user's own lists (prefix ['me']). */
  myApplications: (viewerId: string | null) => ['me', viewerId ?? 'anonymous', 'applications'] as const,
  myAssignments: (viewerId: string | null) => ['me', viewerId ?? 'anonymous', 'assignments'] as const,
  notifications: (viewerId: string | null) => ['me', viewerId ?? 'anonymous', 'notifications'] as const,
};
