import { roleHasPermission } from '../../../shared/access.js';
import type { SessionUser } from '../../context.js';

/**
 * Who may do what with the policy library and one enterprise's facts and
 * matches. Pure: no database, no Fastify.
 */

const inCentre = (user: SessionUser, centreId: string): boolean => user.centreId === null || user.centreId === centreId;

/** Authors of the library see drafts and edit. */
export const canWritePolicies = (user: SessionUser | null, centreId: string): boolean => !!user && roleHasPermission(user.role, 'policies:write') && inCentre(user, centreId);

/** A member acting for their own organisation. */
export const isOwnMember = (user: SessionUser | null, centreId: string, enterpriseId: string): boolean =>
  !!user && roleHasPermission(user.role, 'services:request') && user.organisationId !== null && user.organisationId === enterpriseId && inCentre(user, centreId);

/** Officers who work with enterprises: answer and record consent on their behalf. */
export const isEnterpriseOfficer = (user: SessionUser | null, centreId: string): boolean => !!user && roleHasPermission(user.role, 'services:manage') && inCentre(user, centreId);

/** Reading an enterprise's facts and matches: its own members, its officers, and the centre's staff (centre:read). */
export const canReadEnterprise = (user: SessionUser | null, centreId: string, enterpriseId: string): boolean =>
  isOwnMember(user, centreId, enterpriseId) || isEnterpriseOfficer(user, centreId) || (!!user && roleHasPermission(user.role, 'centre:read') && inCentre(user, centreId));

/** Answering questions and recording consent: its own members and its officers. */
export const canActForEnterprise = (user: SessionUser | null, centreId: string, enterpriseId: string): boolean => isOwnMember(user, centreId, enterpriseId) || isEnterpriseOfficer(user, centreId);
