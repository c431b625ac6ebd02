/**
 * ORCID iD: 16 characters shown as four hyphenated groups (0000-0002-1825-0097);
 * the last is an ISO 7064 MOD 11-2 check character (0–9 or X).
 */

export type OrcidProblem = 'empty' | 'wrong_format' | 'check_digit';

export type OrcidResult = { ok: true; normalized: string } | { ok: false; reason: OrcidProblem; expected?: string };

/** Profile URLs are what people copy from orcid.org, so the prefix (either scheme, optional www) is accepted. */
const URL_PREFIX = /^(?:https?:\/\/)?(?:www\.)?orcid\.org\//i;

/** Four groups of four, separated by a hyphen, a space or nothing; only the very last may be X. */
const SHAPE = /^(\d{4})[-\s]?(\d{4})[-\s]?(\d{4})[-\s]?(\d{3}[\dX])$/;

/** ISO 7064 MOD 11-2 over the 15 base digits: r = (12 − (Σ mod 11)) mod 11, with 10 written as X. */
export const orcidCheckDigit = (base15: string): string => {
  if (!/^\d{15}$/.test(base15)) throw new RangeError('orcidCheckDigit needs exactly 15 digits');
  let total = 0;
  for (const ch of base15) total = ((total + (ch.charCodeAt(0) - 48)) * 2) % 11;
  const result = (12 - total) % 11;
  return result === 10 ? 'X' : String(result);
};

export const validateOrcid = (input: string): OrcidResult => {
  // NFKC folds full-width digits and hyphens from a Chinese IME to ASCII.
  const trimmed = input.normalize('NFKC').trim();
  if (trimmed.length === 0) return { ok: false, reason: 'empty' };
  const match = SHAPE.exec(trimmed.replace(URL_PREFIX, '').replace(/\/+$/, '').toUpperCase());
  if (!match) return { ok: false, reason: 'wrong_format' };
  const digits = match.slice(1, 5).join('');
  const expected = orcidCheckDigit(digits.slice(0, 15));
  if (digits.charAt(15) !== expected) return { ok: false, reason: 'check_digit', expected };
  return { ok: true, normalized: match.slice(1, 5).join('-') };
};
