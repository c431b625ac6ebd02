/**
 * A talent credential's status on a day: revoked wins; otherwise valid from
 * its first to its last day inclusive (dates are YYYY-MM-DD, compared as text).
 */
export type CredentialStatus = 'valid' | 'not_yet_valid' | 'expired' | 'revoked';

export const credentialStatus = (c: { validFrom: string; validTo: string; revokedAt: Date | null }, today: string): CredentialStatus => {
  if (c.revokedAt !== null) return 'revoked';
  if (today < c.validFrom) return 'not_yet_valid';
  if (today > c.validTo) return 'expired';
  return 'valid';
};

/** Add whole years to a YYYY-MM-DD date, minus a day (a 3-year credential from 2027-01-01 runs to 2029-12-31); from 29 February, to the 28th. */
export const validUntil = (from: string, years: number): string => {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
};
