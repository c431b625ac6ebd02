import { ORGANISATION_SCOPED_ROLES, type Role } from '../../../shared/access.js';
import type { SessionUser } from '../../context.js';

/** A deployment-wide admin (no centre) manages everyone; a centre admin manages that centre's accounts. */
export const canManageUser = (actor: SessionUser, target: { centreId: string | null }): boolean =>
  actor.role === 'admin' && (actor.centreId === null || actor.centreId === target.centreId);

/** Which problems a new account's role/centre/organisation combination has (empty: fine). */
export const accountScopeProblems = (
  actor: SessionUser,
  input: { role: Role; centreId: string | null; organisationId: string | null },
): { path: string; reason: string; message: string }[] => {
  const problems: { path: string; reason: string; message: string }[] = [];
  if (input.centreId === null && !(input.role === 'admin' && actor.centreId === null)) {
    problems.push({ path: 'centreId', reason: 'required', message: 'every account except a deployment-wide admin belongs to a centre' });
  }
  if (actor.centreId !== null && input.centreId !== actor.centreId) {
    problems.push({ path: 'centreId', reason: 'outside_scope', message: 'you can only create accounts in your own centre' });
  }
  if (ORGANISATION_SCOPED_ROLES.includes(input.role) && !input.organisationId) {
    problems.push({ path: 'organisationId', reason: 'required', message: 'enterprise and research-team members act for an organisation' });
  }
  return problems;
};
