import { organisationCodeCheckCharacter, usccCheckCharacter } from '../uscc.js';

/**
 * A well-formed unified social credit code for synthetic organisation `n` of
 * a test series (two letters, e.g. 'MA'): both check characters are right,
 * and the organisation code starts with the series, a range no real company
 * in these tests' Haidian prefix holds. For tests and benchmarks only.
 */
export const syntheticCreditCode = (series: string, n: number): string => {
  const body = `${series}${String(n).padStart(6, '0')}`;
  const first17 = `91110108${body}${organisationCodeCheckCharacter(body)}`;
  return first17 + usccCheckCharacter(first17);
};
