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
  /** Define indicators and targets; record, correct and import their figures. */
  'indicators:write',
  /** Upload evaluation data, save index frameworks, run pipelines and sensitivity analyses. */
  'evaluation:run',
  /** Run programmes and calls: draft and publish calls, check eligibility, assign experts, decide, verify and pay milestones. */
  'calls:manage',
  /** Bid for calls for one's own organisation: draft, submit, appeal, report milestone evidence. */
  'calls:apply',
  /** Review the applications one is assigned to (experts). */
  'calls:review',
  /** Keep key enterprises' service packages, record visits, work demands as cases (housekeepers, departments). */
  'services:manage',
  /** For one's own enterprise: raise demands, message, confirm or reopen, rate; sign the service package; answer policy questions. */
  'services:request',
  /** Author the policy library: documents, versions, eligibility rules, stacking rules. */
  'policies:write',
  /** Submit technology contracts for registration as their seller (one's own organisation). */
  'contracts:submit',
  /** Review and register technology contracts, import historical registrations (registrars). */
  'contracts:register',
  /** See every technology contract of the centre, amounts and parties included (registrars, authorised analysts). */
  'contracts:read',
  /** Record and publish S&T achievements for one's own organisation; decide who may read their confidential detail. */
  'achievements:write',
  /** Curate every achievement and technology need of the centre, read confidential details (logged), see matches (officers). */
  'achievements:manage',
  /** Post technology needs for one's own enterprise and see their matches. */
  'needs:post',
  /** Import patent records, link applicants to the registry, keep patent pools (analysts, registrars). Patent records themselves are public. */
  'patents:manage',
  /** Build and version industry-chain maps; place organisations, enter supply shares and innovation links; draft calls from chokepoints (issue 8). */
  'chains:manage',
  /** Record investment rounds, listings and acquisitions, and the exchange rates they convert at (issue 9). */
  'finance:manage',
  /** Record joint laboratories, hosted international organisations, agreements and regional collaboration records (issue 9). */
  'cooperation:manage',
  /** Give organisations incubator profiles and keep any incubator's profile and cohorts (issue 9; an incubator's own members keep theirs). */
  'incubators:manage',
  /** Record events, their sessions and the achievements released at them (issue 9). */
  'events:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * A route's access policy. `public` is open data for anonymous visitors;
 * `authenticated` is any signed-in user; otherwise a permission is required,
 * or any one of several when two kinds of user share a route (officers and
 * enterprises both read the demand ledger, each scoped by the service).
 */
export type Access = 'public' | 'authenticated' | { permission: Permission } | { anyOf: readonly Permission[] };

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ['centre:read', 'users:manage', 'audit:read', 'centre:configure', 'registry:write', 'registry:review', 'people:private', 'indicators:write', 'evaluation:run', 'calls:manage', 'services:manage', 'policies:write', 'contracts:register', 'contracts:read', 'patents:manage', 'achievements:manage', 'chains:manage', 'finance:manage', 'cooperation:manage', 'incubators:manage', 'events:manage'],
  analyst: ['centre:read', 'registry:write', 'indicators:write', 'evaluation:run', 'policies:write', 'contracts:read', 'patents:manage', 'chains:manage', 'finance:manage', 'cooperation:manage', 'incubators:manage', 'events:manage'],
  service_officer: ['centre:read', 'registry:write', 'registry:review', 'people:private', 'calls:manage', 'services:manage', 'contracts:register', 'contracts:read', 'patents:manage', 'achievements:manage', 'chains:manage', 'finance:manage', 'cooperation:manage', 'incubators:manage', 'events:manage'],
  enterprise_member: ['registry:propose', 'calls:apply', 'services:request', 'contracts:submit', 'achievements:write', 'needs:post'],
  research_member: ['registry:propose', 'calls:apply', 'contracts:submit', 'achievements:write'],
  expert_reviewer: ['calls:review'],
};

/** Roles whose records are scoped to their own organisation, not the whole centre. */
export const ORGANISATION_SCOPED_ROLES: readonly Role[] = ['enterprise_member', 'research_member'];

export const roleHasPermission = (role: Role, permission: Permission): boolean =>
  ROLE_PERMISSIONS[role].includes(permission);

/** Whether a signed-in user of this role passes a permission policy (`public` and `authenticated` always do). */
export const roleMeetsAccess = (role: Role, access: Access): boolean => {
  if (typeof access === 'string') return true;
  if ('permission' in access) return roleHasPermission(role, access.permission);
  return access.anyOf.some((permission) => roleHasPermission(role, permission));
};

export const describeAccess = (access: Access): string => {
  if (typeof access === 'string') return access;
  if ('permission' in access) return `permission:${access.permission}`;
  return `any of ${access.anyOf.map((p) => `permission:${p}`).join(' | ')}`;
};
