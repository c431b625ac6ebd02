/**
 * ROR ID: https://ror.org/ + 9 characters, e.g. 02mhbdp94. A leading 0, six
 * Crockford base32 characters, then a two-digit ISO 7064 MOD 97-10 checksum of
 * the number the first seven characters encode.
 */

export type RorProblem = 'empty' | 'wrong_format' | 'checksum';

export type RorResult = { ok: true; normalized: string } | { ok: false; reason: RorProblem; expected?: string };

/** Crockford base32: digits and lower-case letters without i, l, o, u. Index = value. */
const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** The registry's pages and API both print the https URL; accept it with either scheme or none. */
const URL_PREFIX = /^(?:https?:\/\/)?(?:www\.)?ror\.org\//i;

const SHAPE = /^0[0-9a-hjkmnp-tv-z]{6}\d{2}$/;

/** checksum = 98 − (n·100 mod 97), two digits; n < 32^6 so n·100 stays far below 2^53. */
export const rorChecksum = (first7: string): string => {
  if (!/^[0-9a-hjkmnp-tv-z]{7}$/.test(first7)) throw new RangeError('rorChecksum needs 7 Crockford base32 characters (lower case)');
  let n = 0;
  for (const ch of first7) n = n * 32 + CROCKFORD.indexOf(ch);
  return String(98 - ((n * 100) % 97)).padStart(2, '0');
};

export const validateRor = (input: string): RorResult => {
  // NFKC folds full-width characters from a Chinese IME to ASCII.
  const trimmed = input.normalize('NFKC').trim();
  if (trimmed.length === 0) return { ok: false, reason: 'empty' };
  const id = trimmed.replace(URL_PREFIX, '').replace(/\/+$/, '').toLowerCase();
  if (!SHAPE.test(id)) return { ok: false, reason: 'wrong_format' };
  const expected = rorChecksum(id.slice(0, 7));
  if (id.slice(7) !== expected) return { ok: false, reason: 'checksum', expected };
  return { ok: true, normalized: id };
};
