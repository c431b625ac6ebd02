import type { PackageBody } from '../hooks/usePackages.js';
import type { ServicePackage } from '../types.js';

export type ServiceRow = { code?: string; titleZh?: string; titleEn?: string; slaDays?: number | null; notes?: string };
export type PackageValues = {
  enterpriseId?: string;
  keyBasis?: string;
  primaryHousekeeperId?: string;
  backupHousekeeperId?: string | null;
  services: ServiceRow[];
  checkInEveryDays?: number | null;
  nextCheckInOn?: string;
};

const text = (v: string | undefined | null): string => (v ?? '').trim();

/** The package's values as the form holds them. */
export const packageValues = (p: ServicePackage): PackageValues => ({
  enterpriseId: p.enterprise.id,
  keyBasis: p.keyBasis,
  primaryHousekeeperId: p.primaryHousekeeper.id,
  backupHousekeeperId: p.backupHousekeeper?.id ?? null,
  services: p.services.map((s) => ({ code: s.code, titleZh: s.titleZh, titleEn: s.titleEn, slaDays: s.slaDays, notes: s.notes ?? '' })),
  checkInEveryDays: p.checkInEveryDays,
  nextCheckInOn: p.nextCheckInOn,
});

/**
 * Promised services as sent: blank rows dropped; each keeps its code, a new
 * one gets the next free `service-<n>` (codes are the service's identity, not
 * something an officer types); a missing language falls back to the other.
 */
export const servicesBody = (rows: readonly ServiceRow[]): PackageBody['services'] => {
  const used = new Set(rows.map((r) => r.code).filter((c): c is string => !!c));
  let n = 1;
  const nextCode = () => {
    while (used.has(`service-${n}`)) n += 1;
    const code = `service-${n}`;
    used.add(code);
    return code;
  };
  return rows
    .filter((r) => text(r.titleZh) || text(r.titleEn))
    .map((r) => ({
      code: r.code || nextCode(),
      titleZh: text(r.titleZh) || text(r.titleEn),
      titleEn: text(r.titleEn) || text(r.titleZh),
      slaDays: r.slaDays ?? null,
      notes: text(r.notes) || null,
    }));
};

export const packageBody = (v: PackageValues): PackageBody => ({
  enterpriseId: v.enterpriseId ?? '',
  keyBasis: v.keyBasis ?? 'list',
  primaryHousekeeperId: v.primaryHousekeeperId ?? '',
  backupHousekeeperId: v.backupHousekeeperId || null,
  services: servicesBody(v.services),
  checkInEveryDays: v.checkInEveryDays ?? 90,
  nextCheckInOn: v.nextCheckInOn ?? '',
});

/** Only what changed, with the version seen (an absent field keeps its value on the server). */
export const packagePatch = (before: ServicePackage, v: PackageValues): (Partial<Omit<PackageBody, 'enterpriseId'>> & { version: number }) | null => {
  const after = packageBody({ ...v, enterpriseId: before.enterprise.id });
  const patch: Partial<Omit<PackageBody, 'enterpriseId'>> = {};
  if (after.keyBasis !== before.keyBasis) patch.keyBasis = after.keyBasis;
  if (after.primaryHousekeeperId !== before.primaryHousekeeper.id) patch.primaryHousekeeperId = after.primaryHousekeeperId;
  if (after.backupHousekeeperId !== (before.backupHousekeeper?.id ?? null)) patch.backupHousekeeperId = after.backupHousekeeperId;
  const beforeServices = before.services.map((s) => ({ code: s.code, titleZh: s.titleZh, titleEn: s.titleEn, slaDays: s.slaDays, notes: s.notes }));
  if (JSON.stringify(after.services) !== JSON.stringify(beforeServices)) patch.services = after.services;
  if (after.checkInEveryDays !== before.checkInEveryDays) patch.checkInEveryDays = after.checkInEveryDays;
  if (after.nextCheckInOn !== before.nextCheckInOn) patch.nextCheckInOn = after.nextCheckInOn;
  return Object.keys(patch).length ? { ...patch, version: before.version } : null;
};

/** A server issue path as the form's name path (`services.0.titleZh` → ['services', 0, 'titleZh']). */
export const packageFieldFor = (path: string): (string | number)[] | null => {
  const parts = path.split('.');
  const head = parts[0] ?? '';
  if (head === 'services') {
    const i = Number(parts[1]);
    return Number.isInteger(i) && parts[2] ? ['services', i, parts[2] === 'code' ? 'titleZh' : parts[2]] : null;
  }
  return ['enterpriseId', 'keyBasis', 'primaryHousekeeperId', 'backupHousekeeperId', 'checkInEveryDays', 'nextCheckInOn'].includes(head) ? [head] : null;
};
