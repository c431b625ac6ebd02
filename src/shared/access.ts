/**
 * Roles, permissions and who holds which. Pure data: the server enforces it on
 * every route, the web app uses it to hide what a user cannot do.
 */
export const ROLES = [
  'admin',
  'analyst',
  'service_officer',
  'enterprise_member',
  'research_member',
  'expert_reviewer',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Read non-public records of one's own centre. */
  'centre:read',
  /** Manage user accounts. */
  'users:manage',
  /** Browse the audit log and verify its chain. */
  'audit:read',
  /** Change centre configuration and reference data. */
  'centre:configure',
  /** Create and edit registry records, relations, recognitions; merge duplicates. */
  'registry:write',
  /** Decide on corrections that enterprises propose to their profiles. */
  'registry:review',
  /** See people's personal fields (contact details, birth year). */
  'people:private',
  /** Propose corrections to one's own organisation's profile. */
  'registry:propose',
  /** Upload evaluation data, save index frameworks, run pipelines and sensitivity analyses. */
  'evaluation:run',
  /** Run programmes and calls: draft and publish calls, check eligibility, assign experts, decide, verify and pay milestones. */
  'calls:manage',
  /** Bid for calls for one's own organisation: draft, submit, appeal, report milestone evidence. */
  'calls:apply',
  /** Review the applications one is assigned to (experts). */
  'calls:review',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * A route's access policy. `public` is open data for anonymous visitors;
 * `authenticated` is any signed-in user; otherwise a permission is required.
 */
export type Access = 'public' | 'authenticated' | { permission: Permission };

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ['centre:read', 'users:manage', 'audit:read', 'centre:configure', 'registry:write', 'registry:review', 'people:private', 'evaluation:run', 'calls:manage'],
  analyst: ['centre:read', 'registry:write', 'evaluation:run'],
  service_officer: ['centre:read', 'registry:write', 'registry:review', 'people:private', 'calls:manage'],
  enterprise_member: ['registry:propose', 'calls:apply'],
  research_member: ['registry:propose', 'calls:apply'],
  expert_reviewer: ['calls:review'],
};

/** Roles whose records are scoped to their own organisation, not the whole centre. */
export const ORGANISATION_SCOPED_ROLES: readonly Role[] = ['enterprise_member', 'research_member'];

export const roleHasPermission = (role: Role, permission: Permission): boolean =>
  ROLE_PERMISSIONS[role].includes(permission);

export const describeAccess = (access: Access): string =>
  typeof access === 'string' ? access : `permission:${access.permission}`;
