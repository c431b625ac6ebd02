/**
 * Free-form external identifiers ({ scheme, value }) for registries that get no
 * dedicated validator: Wikidata, LEI, ISNI, Tianyancha and the like. Only the
 * shape is checked; the scheme names the register, the value is opaque.
 */

export type ExternalId = { scheme: string; value: string };

export type ExternalIdProblem = 'scheme_empty' | 'scheme_invalid' | 'value_empty' | 'value_too_long' | 'value_unprintable';

export type ExternalIdResult =
  | { ok: true; normalized: ExternalId }
  | {
      ok: false;
      reason: ExternalIdProblem;
      /** 1-based code-point position of the first unprintable character ('value_unprintable'). */
      position?: number;
      /** Limit that was exceeded ('scheme_invalid' for length, 'value_too_long'). */
      max?: number;
    };

export const EXTERNAL_ID_SCHEME_MAX_LENGTH = 32;
export const EXTERNAL_ID_VALUE_MAX_LENGTH = 200;

/** A slug: starts with a letter, then letters/digits, single '-' or '_' between them ("wikidata", "cn-tianyancha"). */
const SCHEME = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;

/**
 * Controls (incl. tabs and newlines), format characters (zero-width spaces from copy-paste),
 * lone surrogates, private use, and line/paragraph separators: none is part of a real identifier.
 * Unassigned code points are not listed because that set depends on the runtime's Unicode version.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/u;

export const validateExternalId = (input: ExternalId): ExternalIdResult => {
  // Scheme is a key, so case and surrounding blanks are noise; NFKC folds full-width input.
  const scheme = input.scheme.normalize('NFKC').trim().toLowerCase();
  if (scheme.length === 0) return { ok: false, reason: 'scheme_empty' };
  if (scheme.length > EXTERNAL_ID_SCHEME_MAX_LENGTH) return { ok: false, reason: 'scheme_invalid', max: EXTERNAL_ID_SCHEME_MAX_LENGTH };
  if (!SCHEME.test(scheme)) return { ok: false, reason: 'scheme_invalid' };

  // The value is kept as typed apart from surrounding blanks: some registers are case-sensitive.
  const value = input.value.trim();
  if (value.length === 0) return { ok: false, reason: 'value_empty' };
  // Counted in code points, as the password policy does, so Chinese and astral characters count as one.
  const chars = [...value];
  const bad = chars.findIndex((ch) => UNPRINTABLE.test(ch));
  if (bad >= 0) return { ok: false, reason: 'value_unprintable', position: bad + 1 };
  if (chars.length > EXTERNAL_ID_VALUE_MAX_LENGTH) return { ok: false, reason: 'value_too_long', max: EXTERNAL_ID_VALUE_MAX_LENGTH };
  return { ok: true, normalized: { scheme, value } };
};
