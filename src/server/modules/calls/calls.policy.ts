import type { ApplicationRole, AssignmentRole, CallRole, MilestoneRole } from '../../../core/workflow/index.js';
import { roleHasPermission } from '../../../shared/access.js';
import type { SessionUser } from '../../context.js';

/**
 * Who a user is relative to one call, application, milestone or assignment.
 * The workflows decide what each role may do; these functions only say which
 * roles the user holds. Pure: no database, no Fastify.
 */
const inCentre = (user: SessionUser, centreId: string): boolean => user.centreId === null || user.centreId === centreId;

export const isOfficer = (user: SessionUser | null, centreId: string): boolean => !!user && roleHasPermission(user.role, 'calls:manage') && inCentre(user, centreId);

export const isDemandOwner = (user: SessionUser | null, call: { centreId: string; ownerEntityId: string }): boolean =>
  !!user && user.organisationId !== null && user.organisationId === call.ownerEntityId && inCentre(user, call.centreId);

export const isApplicant = (user: SessionUser | null, app: { applicantOrgId: string | null; createdBy: string | null }): boolean =>
  !!user && roleHasPermission(user.role, 'calls:apply') && ((user.organisationId !== null && user.organisationId === app.applicantOrgId) || app.createdBy === user.id);

export const callRoles = (user: SessionUser | null, call: { centreId: string; ownerEntityId: string }): CallRole[] => {
  const roles: CallRole[] = [];
  if (isOfficer(user, call.centreId)) roles.push('officer');
  if (isDemandOwner(user, call)) roles.push('demand_owner');
  return roles;
};

export const applicationRoles = (user: SessionUser | null, call: { centreId: string }, app: { applicantOrgId: string | null; createdBy: string | null }): ApplicationRole[] => {
  const roles: ApplicationRole[] = [];
  if (isApplicant(user, app)) roles.push('applicant');
  if (isOfficer(user, call.centreId)) roles.push('officer');
  return roles;
};

/** The demand owner verifies milestones; officers may too; the team reports evidence. */
export const milestoneRoles = (user: SessionUser | null, call: { centreId: string; ownerEntityId: string }, app: { applicantOrgId: string | null; createdBy: string | null }): MilestoneRole[] => {
  const roles: MilestoneRole[] = [];
  if (isApplicant(user, app)) roles.push('applicant');
  if (isDemandOwner(user, call)) roles.push('verifier');
  if (isOfficer(user, call.centreId)) roles.push('officer');
  return roles;
};

export const assignmentRoles = (user: SessionUser | null, centreId: string, expert: { userId: string | null }): AssignmentRole[] => {
  const roles: AssignmentRole[] = [];
  if (user && expert.userId === user.id && roleHasPermission(user.role, 'calls:review')) roles.push('reviewer');
  if (isOfficer(user, centreId)) roles.push('officer');
  return roles;
};
