/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015) as a pure
 * check. A failure names the rule and, where it helps, the 1-based position
 * and the expected character, so the web app can say "第18位校验码应为 X".
 *
 * Layout (18 characters):
 *   1      registration authority (登记管理部门代码)
 *   2      organisation category (机构类别代码)
 *   3–8    administrative division of the registering office (6 digits)
 *   9–17   organisation code (GB 11714: 8 body characters + its own check)
 *   18     check character over positions 1–17
 */

/** GB 32100 alphabet: digits and capitals without I, O, Z, S, V (they read like 1, 0, 2, 5, U). Index = value. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export const USCC_LENGTH = 18;

/**
 * Authority codes listed by GB 32100-2015 and its amendment: 1 机构编制, 2 外交,
 * 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商, A 中央军委改革和编制办公室,
 * N 农业, Y 其他.
 */
export const USCC_AUTHORITIES: ReadonlySet<string> = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y']);

/** W_i = 3^(i-1) mod 31 for positions 1–17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 11714 weights for the 8 body characters of an organisation code. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type UsccProblem =
  | 'empty'
  | 'wrong_length'
  | 'invalid_character'
  | 'invalid_authority'
  | 'invalid_division'
  | 'organisation_code_check'
  | 'check_character';

export type UsccParts = {
  /** Position 1. */
  authority: string;
  /** Position 2. */
  category: string;
  /** Positions 3–8. */
  division: string;
  /** Positions 9–17, including the organisation code's own check character. */
  organisationCode: string;
};

export type UsccFailure = {
  ok: false;
  reason: UsccProblem;
  /** 1-based position in the normalised code (every reason except 'empty' and 'wrong_length'). */
  position?: number;
  /** The offending character as found at `position`. */
  character?: string;
  /** What the check demands at `position` ('organisation_code_check', 'check_character'). */
  expected?: string;
  /** Length of the normalised input ('wrong_length'). */
  length?: number;
};

export type UsccResult = { ok: true; normalized: string; parts: UsccParts } | UsccFailure;

/**
 * People paste codes with spaces, hyphens, lower case and full-width characters from a
 * Chinese IME; none of them carries meaning. NFKC folds full-width forms to ASCII.
 */
export const normalizeUscc = (input: string): string =>
  input
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015]/g, '')
    .toUpperCase();

const usccValue = (ch: string): number => USCC_ALPHABET.indexOf(ch);

/** GB 11714 reads the organisation-code body over the full Latin alphabet: 0–9 = 0–9, A–Z = 10–35. */
const orgCodeValue = (ch: string): number => (/^[0-9]$/.test(ch) ? ch.charCodeAt(0) - 48 : /^[A-Z]$/.test(ch) ? ch.charCodeAt(0) - 55 : -1);

/**
 * The 18th character for a 17-character body: C18 = 31 − (Σ Ci·Wi mod 31), with 31 written as 0.
 * Throws on a body that is not 17 characters of the USCC alphabet (a programming error, not user input).
 */
export const usccCheckCharacter = (first17: string): string => {
  if (first17.length !== USCC_LENGTH - 1) throw new RangeError(`usccCheckCharacter needs 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = usccValue(first17.charAt(i));
    if (value < 0) throw new RangeError(`usccCheckCharacter: '${first17.charAt(i)}' at position ${i + 1} is not in the USCC alphabet`);
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
};

/**
 * The 9th character of a GB 11714 organisation code for its 8 body characters:
 * C9 = 11 − (Σ Ci·Wi mod 11), with 10 written as X and 11 as 0.
 */
export const organisationCodeCheckCharacter = (body8: string): string => {
  if (body8.length !== 8) throw new RangeError(`organisationCodeCheckCharacter needs 8 characters, got ${body8.length}`);
  let sum = 0;
  for (let i = 0; i < body8.length; i++) {
    const value = orgCodeValue(body8.charAt(i));
    if (value < 0) throw new RangeError(`organisationCodeCheckCharacter: '${body8.charAt(i)}' at position ${i + 1} is not 0-9 or A-Z`);
    sum += value * (ORG_CODE_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
};

export const validateUscc = (input: string): UsccResult => {
  const code = normalizeUscc(input);
  if (code.length === 0) return { ok: false, reason: 'empty' };
  // Code points, not UTF-16 units, so a pasted emoji counts as one wrong character.
  const chars = [...code];
  if (chars.length !== USCC_LENGTH) return { ok: false, reason: 'wrong_length', length: chars.length };

  const badAt = chars.findIndex((ch) => usccValue(ch) < 0);
  if (badAt >= 0) return { ok: false, reason: 'invalid_character', position: badAt + 1, character: chars[badAt] };

  const authority = code.charAt(0);
  if (!USCC_AUTHORITIES.has(authority)) return { ok: false, reason: 'invalid_authority', position: 1, character: authority };

  const division = code.slice(2, 8);
  const nonDigit = [...division].findIndex((ch) => ch < '0' || ch > '9');
  if (nonDigit >= 0) return { ok: false, reason: 'invalid_division', position: 3 + nonDigit, character: division.charAt(nonDigit) };

  // The embedded organisation-code check is tested first: a typo in positions 9–17 breaks both
  // checks, and pointing at the organisation code narrows the search to nine characters.
  const organisationCode = code.slice(8, 17);
  const orgExpected = organisationCodeCheckCharacter(organisationCode.slice(0, 8));
  if (organisationCode.charAt(8) !== orgExpected) {
    return { ok: false, reason: 'organisation_code_check', position: 17, character: organisationCode.charAt(8), expected: orgExpected };
  }

  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code.charAt(17) !== expected) return { ok: false, reason: 'check_character', position: 18, character: code.charAt(17), expected };

  return { ok: true, normalized: code, parts: { authority, category: code.charAt(1), division, organisationCode } };
};
