import type { TUser } from '../../../../shared/schemas/auth.js';
import type { Department, ServicePackage } from '../types.js';

export type OfficerRef = { id: string; displayName: string };

const OFFICER_ROLES = new Set(['service_officer', 'admin']);

/**
 * The officers one can pick: every active service officer of the centre when
 * the accounts are listable (administrators), else the officers the records
 * name (department members, housekeepers) and the viewer if an officer.
 * Sorted by name, each once.
 */
export const officerDirectory = (input: {
  centreId: string;
  viewer: Pick<TUser, 'id' | 'displayName' | 'role'> | null;
  users: readonly Pick<TUser, 'id' | 'displayName' | 'role' | 'centreId' | 'disabled'>[] | null;
  departments: readonly Pick<Department, 'members'>[];
  packages: readonly Pick<ServicePackage, 'primaryHousekeeper' | 'backupHousekeeper'>[];
}): OfficerRef[] => {
  const byId = new Map<string, OfficerRef>();
  const add = (o: OfficerRef) => {
    if (!byId.has(o.id)) byId.set(o.id, { id: o.id, displayName: o.displayName });
  };
  if (input.users) {
    for (const u of input.users) if (OFFICER_ROLES.has(u.role) && !u.disabled && (u.centreId === null || u.centreId === input.centreId)) add(u);
  } else {
    if (input.viewer && OFFICER_ROLES.has(input.viewer.role)) add(input.viewer);
    for (const d of input.departments) for (const m of d.members) add(m);
    for (const p of input.packages) {
      add(p.primaryHousekeeper);
      if (p.backupHousekeeper) add(p.backupHousekeeper);
    }
  }
  return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An account id as typed (users who cannot list accounts paste one). */
export const isAccountId = (value: string): boolean => UUID.test(value.trim());
